package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// signInPost posts the sign-in form from a fresh browser (its own CSRF
// cookie; its own known-device cookie when device is set), with an
// X-Forwarded-For header when xff is set, and returns the response.
func signInPost(t testing.TB, a *testApp, name, password, xff, device string, next string) *http.Response {
	t.Helper()
	form := url.Values{"name": {name}, "password": {password}, "csrf": {"csrf-token-of-this-browser-0001"}}
	if next != "" {
		form.Set("next", next)
	}
	req, _ := http.NewRequest("POST", a.http.URL+"/masuk", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: anonCSRFCookie, Value: "csrf-token-of-this-browser-0001"})
	if device != "" {
		req.AddCookie(&http.Cookie{Name: deviceCookie, Value: device})
	}
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func cookieOf(resp *http.Response, name string) string {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// TestSignInParallelHTTP sends 300 wrong passwords for one account at once
// over real HTTP (real bcrypt cost): from one address, and from 300
// forwarded addresses behind a trusted proxy. At most 5 may reach the
// password check (answered 401); the rest are refused 429.
func TestSignInParallelHTTP(t *testing.T) {
	for _, tc := range []struct {
		name    string
		xff     func(i int) string
		proxies []string
	}{
		{"one address", func(int) string { return "" }, nil},
		{"300 addresses via a trusted proxy", func(i int) string { return fmt.Sprintf("198.51.100.%d, 10.1.2.3", i%250+1) }, []string{"127.0.0.1/32", "10.0.0.0/8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestAppWith(t, Options{TrustedProxies: tc.proxies})
			a.withPassword(t, roads.RoleWalidata, "sandi-walidata-benar")
			counts := map[int]int{}
			var mu sync.Mutex
			var wg sync.WaitGroup
			start := time.Now()
			defer func() { t.Logf("in %v", time.Since(start).Round(time.Millisecond)) }()
			for i := range 300 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					resp := signInPost(t, a, "walidata", fmt.Sprintf("tebakan-%03d", i), tc.xff(i), "", "")
					mu.Lock()
					counts[resp.StatusCode]++
					mu.Unlock()
				}()
			}
			wg.Wait()
			t.Logf("300 parallel wrong passwords: %d answered 401 (reached bcrypt), %d answered 429", counts[401], counts[429])
			if counts[401] > 5 || counts[401]+counts[429] != 300 {
				t.Errorf("answers %v: want at most 5 × 401 and the rest 429", counts)
			}
			got, err := a.store.LoginAttempts(context.Background(), 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != counts[401] {
				t.Errorf("%d attempts recorded, %d answered 401", len(got), counts[401])
			}
		})
	}
}

// TestKnownDeviceSignIn: after five wrong passwords for walidata from five
// addresses, a new browser with the right password is refused, and the
// owner's browser, holding the known-device cookie of an earlier sign-in,
// gets in.
func TestKnownDeviceSignIn(t *testing.T) {
	a := newTestAppWith(t, Options{TrustedProxies: []string{"127.0.0.1"}})
	a.withPassword(t, roads.RoleWalidata, "sandi-walidata-benar")
	first := signInPost(t, a, "walidata", "sandi-walidata-benar", "192.0.2.10", "", "")
	device := cookieOf(first, deviceCookie)
	if first.StatusCode != 303 || device == "" {
		t.Fatalf("owner's first sign-in: %d, device cookie %q", first.StatusCode, device)
	}
	for i := range 5 {
		if resp := signInPost(t, a, "walidata", "tebakan", fmt.Sprintf("203.0.113.%d", i+1), "", ""); resp.StatusCode != 401 {
			t.Fatalf("guess %d: %d", i, resp.StatusCode)
		}
	}
	if resp := signInPost(t, a, "walidata", "sandi-walidata-benar", "192.0.2.11", "", ""); resp.StatusCode != 429 {
		t.Errorf("new browser with the right password after the guesses: %d, want 429", resp.StatusCode)
	}
	resp := signInPost(t, a, "walidata", "sandi-walidata-benar", "192.0.2.10", device, "")
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/verifikasi" || cookieOf(resp, sessionCookie) == "" {
		t.Errorf("owner's known browser: %d → %q, want 303 to /verifikasi with a session", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestTrustedProxy: X-Forwarded-For names the client only when the peer
// is a trusted proxy; otherwise the attempt is counted against the peer.
func TestTrustedProxy(t *testing.T) {
	for _, tc := range []struct {
		name    string
		proxies []string
		xff     string
		want    string
	}{
		{"no trusted proxy: header ignored", nil, "203.0.113.9", "127.0.0.1"},
		{"peer is the trusted proxy", []string{"127.0.0.1/32"}, "203.0.113.9", "203.0.113.9"},
		{"chain through trusted proxies", []string{"127.0.0.0/8", "10.0.0.0/8"}, "203.0.113.9, 10.9.9.9", "203.0.113.9"},
		{"spoofed left entry behind a trusted proxy", []string{"127.0.0.1/32"}, "1.2.3.4, 203.0.113.9", "203.0.113.9"},
		{"peer is not the trusted proxy", []string{"10.0.0.0/8"}, "203.0.113.9", "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestAppWith(t, Options{TrustedProxies: tc.proxies})
			signInPost(t, a, "siapa", "tebakan-salah", tc.xff, "", "")
			got, err := a.store.LoginAttempts(context.Background(), 0)
			if err != nil || len(got) != 1 {
				t.Fatalf("attempts %v, %v", got, err)
			}
			if got[0].IP != tc.want {
				t.Errorf("attempt counted against %q, want %q", got[0].IP, tc.want)
			}
		})
	}
	st := newTestApp(t).store.(*sqlitestore.Store)
	if _, err := New(context.Background(), Options{Store: st, Watch: WatchOf(st.Watch), TrustedProxies: []string{"not-an-address"}}); err == nil || !strings.Contains(err.Error(), "trusted proxy") {
		t.Errorf("a trusted proxy that is no address: error %v, want the trusted proxy refused", err)
	}
}

// TestSignInBounded: an anonymous body over 16 KB is refused before it is
// read into the register; a long name in a small body is cut to 64
// characters before it is stored or shown, here and on the admin page.
func TestSignInBounded(t *testing.T) {
	a := newTestApp(t)
	if resp := signInPost(t, a, strings.Repeat("n", 1<<20), "tebakan", "", "", ""); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("1 MB name: %d, want 413", resp.StatusCode)
	}
	if got, _ := a.store.LoginAttempts(context.Background(), 0); len(got) != 0 {
		t.Errorf("%d attempts stored from an oversized body", len(got))
	}
	long := strings.Repeat("x", 5000)
	form := url.Values{"name": {long}, "password": {"tebakan"}, "csrf": {"csrf-token-of-this-browser-0001"}}
	req, _ := http.NewRequest("POST", a.http.URL+"/masuk", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: anonCSRFCookie, Value: "csrf-token-of-this-browser-0001"})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || strings.Contains(string(body), strings.Repeat("x", roads.MaxLoginName+1)) {
		t.Errorf("5000-character name: %d, page echoes more than %d of it: %v", resp.StatusCode, roads.MaxLoginName, strings.Contains(string(body), strings.Repeat("x", roads.MaxLoginName+1)))
	}
	got, _ := a.store.LoginAttempts(context.Background(), 0)
	if len(got) != 1 || len(got[0].Name) != roads.MaxLoginName {
		t.Fatalf("stored attempts %d, name %d bytes; want 1 of %d", len(got), len(got[0].Name), roads.MaxLoginName)
	}
	admin := a.session(t, roads.RoleAdmin)
	_, page := admin.get("/admin/akun")
	if strings.Contains(page, strings.Repeat("x", roads.MaxLoginName+1)) || len(page) > 200<<10 {
		t.Errorf("admin page %d bytes, shows more than %d characters of the name", len(page), roads.MaxLoginName)
	}
}

func TestSafeNext(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/ruas/12", "/ruas/12"},
		{"/ruas?kecamatan=35.72.01&q=jalan", "/ruas?kecamatan=35.72.01&q=jalan"},
		{"/peta#z=14", "/peta#z=14"},
		{"", ""},
		{"//evil.example", ""},
		{"///evil.example", ""},
		{"/\\evil.example", ""},
		{"/\\/evil.example", ""},
		{"\\\\evil.example", ""},
		{"/\t/evil.example", ""},     // /%09/evil.example after decoding
		{"/\n/evil.example", ""},     // %0a
		{"/\r/evil.example", ""},     // %0d
		{"/ /evil.example", ""},      // a space
		{"/\u00a0/evil.example", ""}, // no-break space
		{"/\x00/evil.example", ""},
		{"/ruas/\\evil", ""},
		{"/%2F%2Fevil.example", ""},
		{"https://evil.example/", ""},
		{"http:/evil.example", ""},
		{"javascript:alert(1)", ""},
		{"evil.example", ""},
		{"/masuk?next=/x", ""},
		{"/\xff/evil", ""},
	} {
		if got := safeNext(tc.in); got != tc.want {
			t.Errorf("safeNext(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Through the form: the tab variant goes home, not off-site.
	a := newTestApp(t)
	a.withPassword(t, roads.RoleProdusen, "sandi-produsen-benar")
	resp := signInPost(t, a, "produsen", "sandi-produsen-benar", "", "", "/\t/evil.example")
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/ruas" {
		t.Errorf("next=/%%09/evil.example: %d → %q, want 303 → /ruas", resp.StatusCode, loc)
	}
	res, err := http.Get(a.http.URL + "/masuk?next=/%09/evil.example")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), `name="next" value=""`) {
		t.Error("the sign-in form carries the off-site next")
	}
}

// TestSecurityHeaders: no page may be framed by another site, sniffed into
// another type, or leak its address to other sites.
func TestSecurityHeaders(t *testing.T) {
	a := newTestApp(t)
	for _, path := range []string{"/masuk", "/publik", "/api/v1/publik/summary", "/static/app.css", "/tidak-ada"} {
		resp, err := http.Get(a.http.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if h.Get("X-Frame-Options") != "DENY" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: X-Frame-Options %q, CSP %q, X-Content-Type-Options %q, Referrer-Policy %q", path,
				h.Get("X-Frame-Options"), h.Get("Content-Security-Policy"), h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
	}
}

// TestReenableKeepsTokensRevoked: an admin disables and enables an
// account through the page; its old API token stays dead.
func TestReenableKeepsTokensRevoked(t *testing.T) {
	a := newTestApp(t)
	admin := a.session(t, roads.RoleAdmin)
	me := func() int {
		req, _ := http.NewRequest("GET", a.http.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+a.tokens[roads.RoleProdusen])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := me(); got != 200 {
		t.Fatalf("token before: %d", got)
	}
	for _, op := range []string{"disable", "enable"} {
		if status, _ := admin.form("/admin/akun/produsen", url.Values{"op": {op}}); status != 303 {
			t.Fatalf("%s: %d", op, status)
		}
	}
	if got := me(); got != 401 {
		t.Errorf("old token after disable and enable: %d, want 401", got)
	}
}

// TestWeakPasswordRefused: the admin page refuses short and common
// passwords with a plain message.
func TestWeakPasswordRefused(t *testing.T) {
	a := newTestApp(t)
	admin := a.session(t, roads.RoleAdmin)
	for _, tc := range []struct{ pw, msg string }{
		{"password", "minimal 10 karakter"},
		{"12345678", "minimal 10 karakter"},
		{"password123", "paling umum"},
	} {
		status, page := admin.form("/admin/akun", url.Values{"name": {"dewi"}, "role": {"walidata"}, "password": {tc.pw}})
		if status != 422 || !strings.Contains(page, tc.msg) {
			t.Errorf("password %q: %d, message %q shown: %v", tc.pw, status, tc.msg, strings.Contains(page, tc.msg))
		}
	}
	if _, err := a.store.Account(context.Background(), "dewi"); err == nil {
		t.Error("an account was made with a weak password")
	}
}

// TestTooLongField: a ruas name over its bound is refused beside the field
// with the bound, in Indonesian.
func TestTooLongField(t *testing.T) {
	a := newTestApp(t)
	name := strings.Repeat("Jalan Panjang ", 20) // 280 characters
	body := fmt.Sprintf(`{"region":"35.72","no_ruas":"901","name":%q,"surface":"aspal","length_m":500}`, name)
	status, got := a.postJSON(t, "POST", "/api/v1/ruas", body)
	if status != 422 || !strings.Contains(string(got), `"field":"name"`) || !strings.Contains(string(got), "paling banyak 255 karakter") {
		t.Errorf("280-character name: %d %s", status, truncate(string(got), 400))
	}
}
