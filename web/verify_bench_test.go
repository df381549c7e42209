package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kotablitar/ruas/roads/demo"
)

// BenchmarkVerifyQueue renders the walidata's queue on the demo network
// with every record a draft (200 rows per entity shown, each with its
// revision and field changes read from the audit trail).
func BenchmarkVerifyQueue(b *testing.B) {
	a := newTestApp(b)
	if _, err := demo.Fill(b.Context(), a.store, demo.DefaultSeed, nil); err != nil {
		b.Fatal(err)
	}
	secret, _, err := a.store.CreateSession(b.Context(), mustAccountID(b, a, "walidata"), 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/verifikasi", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: secret})
		w := httptest.NewRecorder()
		a.srv.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%d", w.Code)
		}
	}
}
