package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// BenchmarkAuthenticatedRead is one API read through the whole middleware
// (authenticate, authorize) as a script with a token and as a browser with
// a session cookie; BenchmarkPublicRead the same read of the public summary
// with no account.
func BenchmarkAuthenticatedRead(b *testing.B) {
	a := newTestApp(b)
	rs := a.seed(b)
	path := fmt.Sprintf("/api/v1/ruas/%d", rs[0].ID)
	secret, _, err := a.store.CreateSession(b.Context(), mustAccountID(b, a, "perencana"), 0)
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		set  func(*http.Request)
	}{
		{"token", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+a.tokens[roads.RolePerencana]) }},
		{"session", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: sessionCookie, Value: secret}) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest("GET", path, nil)
				tc.set(req)
				w := httptest.NewRecorder()
				a.srv.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%d", w.Code)
				}
			}
		})
	}
}

func BenchmarkPublicRead(b *testing.B) {
	a := newTestApp(b)
	a.seed(b)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		a.srv.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/publik/summary", nil))
		if w.Code != 200 {
			b.Fatalf("%d", w.Code)
		}
	}
}

func mustAccountID(b *testing.B, a *testApp, name string) int64 {
	acct, err := a.store.Account(b.Context(), name)
	if err != nil {
		b.Fatal(err)
	}
	return acct.ID
}
