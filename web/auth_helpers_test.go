package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// addRoleAccounts makes one account per role, named after it, each with
// an API token. They have no password (no bcrypt cost); tests that sign in
// through the form set one with withPassword.
func (a *testApp) addRoleAccounts(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	a.tokens = map[roads.Role]string{}
	for _, r := range roads.Roles {
		if err := a.store.AddAccount(ctx, &roads.Account{Name: string(r), Role: r}, "", "test"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := a.store.CreateToken(ctx, string(r), "test")
		if err != nil {
			t.Fatal(err)
		}
		a.tokens[r] = tok
	}
}

// as returns the app acting as an account of role r.
func (a *testApp) as(r roads.Role) *testApp {
	b := *a
	b.role, b.anon = r, false
	return &b
}

// anonymous returns the app acting as a member of the public.
func (a *testApp) anonymous() *testApp {
	b := *a
	b.anon = true
	return &b
}

// routeOf finds the gin route pattern that serves method and path
// ("/ruas/7/survei" → "/ruas/:id/survei"), or "".
func (a *testApp) routeOf(method, path string) string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best := ""
	for _, r := range a.srv.engine.Routes() {
		if r.Method != method {
			continue
		}
		pat := strings.Split(strings.Trim(r.Path, "/"), "/")
		if matchRoute(pat, segs) {
			// Static segments beat parameters (/ruas/baru over /ruas/:id).
			if best == "" || strings.Count(r.Path, ":") < strings.Count(best, ":") {
				best = r.Path
			}
		}
	}
	return best
}

func matchRoute(pat, segs []string) bool {
	for i, p := range pat {
		if strings.HasPrefix(p, "*") {
			return true
		}
		if i >= len(segs) {
			return false
		}
		if !strings.HasPrefix(p, ":") && p != segs[i] {
			return false
		}
	}
	return len(pat) == len(segs)
}

// rolePreference is the order in which a role is picked for a route that
// several allow: the producer first, as most tests enter data.
var rolePreference = []roads.Role{roads.RoleProdusen, roads.RolePerencana, roads.RoleWalidata, roads.RoleAdmin}

// tokenFor is the API token a test request sends, or "" for none.
func (a *testApp) tokenFor(t testing.TB, method, path string) string {
	if a.anon || a.tokens == nil {
		return ""
	}
	if a.role != "" {
		return a.tokens[a.role]
	}
	rule, ok := routeAccess[method+" "+a.routeOf(method, path)]
	for _, r := range rolePreference {
		if !ok || rule.allows(&roads.Account{Role: r}) {
			return a.tokens[r]
		}
	}
	return a.tokens[roads.RoleProdusen]
}

// withPassword gives the role's account a password, for signing in
// through the form.
func (a *testApp) withPassword(t testing.TB, r roads.Role, pw string) {
	t.Helper()
	if _, err := a.store.UpdateAccount(context.Background(), string(r), roads.AccountUpdate{Password: &pw}, "test"); err != nil {
		t.Fatal(err)
	}
}

// browserSession signs in through the form like a browser (cookie jar,
// CSRF token from the page) and returns a client holding the session and
// the session's CSRF token.
func (a *testApp) browserSession(t testing.TB, r roads.Role, pw string) (*http.Client, string) {
	t.Helper()
	a.withPassword(t, r, pw)
	jar := newJar()
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(a.http.URL + "/masuk")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csrf := jar.value(anonCSRFCookie)
	resp, err = client.PostForm(a.http.URL+"/masuk", url.Values{"name": {string(r)}, "password": {pw}, "csrf": {csrf}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %d", r, resp.StatusCode)
	}
	sess, err := a.store.Session(context.Background(), jar.value(sessionCookie))
	if err != nil {
		t.Fatalf("no session after sign-in: %v", err)
	}
	return client, sess.CSRF
}

// testJar is a cookie jar for one test server: cookies by name, removed
// when the server expires them.
type testJar struct {
	mu      sync.Mutex
	cookies map[string]string
}

func newJar() *testJar { return &testJar{cookies: map[string]string{}} }

func (j *testJar) SetCookies(_ *url.URL, cs []*http.Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range cs {
		if c.MaxAge < 0 || c.Value == "" {
			delete(j.cookies, c.Name)
		} else {
			j.cookies[c.Name] = c.Value
		}
	}
}

func (j *testJar) Cookies(*url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*http.Cookie
	for k, v := range j.cookies {
		out = append(out, &http.Cookie{Name: k, Value: v})
	}
	return out
}

func (j *testJar) value(name string) string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.cookies[name]
}
