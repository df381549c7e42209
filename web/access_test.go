package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// concretePath fills a route's parameters with values that exist: a ruas
// id, an account name, an export kind, a static file.
func concretePath(route string, ruasID int64) string {
	r := strings.NewReplacer(":id", fmt.Sprint(ruasID), ":name", "produsen", ":kind", "sipd", "*filepath", "app.css")
	return r.Replace(route)
}

// TestRouteRules: every route of the engine has an access rule, and every
// rule names a route, so a new route cannot be served without deciding
// who may use it.
func TestRouteRules(t *testing.T) {
	a := newTestApp(t)
	served := map[string]bool{}
	for _, r := range a.srv.engine.Routes() {
		key := r.Method + " " + r.Path
		served[key] = true
		if _, ok := routeAccess[key]; !ok {
			t.Errorf("route %s has no access rule in routeAccess", key)
		}
	}
	for key := range routeAccess {
		if !served[key] {
			t.Errorf("access rule %q names no route", key)
		}
	}
}

// roleClient is one reader of the matrix: a browser session of a role
// (with its CSRF token), or the public.
type roleClient struct {
	name   string
	role   roads.Role // "" = anonymous
	client *http.Client
	csrf   string
}

func (rc roleClient) send(t *testing.T, base, method, path, csrf string, bearer string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if csrf != "" {
		req.Header.Set("X-CSRF-Token", csrf)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := rc.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// TestAccessMatrix sends every route as every role (a signed-in browser
// with a valid CSRF token) and as the public: a role the rule allows is
// never refused (no 401, 403 or sign-in redirect), any other role gets
// 403, and the public is sent to the sign-in page (pages) or gets 401
// (API). The routes come from the engine, so a new route is in the matrix
// the day it is added.
func TestAccessMatrix(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	var readers []roleClient
	for _, r := range roads.Roles {
		c, csrf := a.browserSession(t, r, "rahasia-"+string(r))
		readers = append(readers, roleClient{name: string(r), role: r, client: c, csrf: csrf})
	}
	// The public: a cookie jar with the sign-in form's double-submit token.
	anonJar := newJar()
	anon := &http.Client{Jar: anonJar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, err := anon.Get(a.http.URL + "/masuk"); err == nil {
		resp.Body.Close()
	}
	readers = append(readers, roleClient{name: "publik", client: anon, csrf: anonJar.value(anonCSRFCookie)})

	routes := a.srv.engine.Routes()
	sort.Slice(routes, func(i, j int) bool { return routes[i].Path+routes[i].Method < routes[j].Path+routes[j].Method })
	checked := 0
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		if key == "POST /keluar" {
			continue // ends the session; TestLoginFlow covers it
		}
		rule := routeAccess[key]
		path := concretePath(rt.Path, rs[0].ID)
		for _, rc := range readers {
			var acct *roads.Account
			if rc.role != "" {
				acct = &roads.Account{Role: rc.role}
			}
			status, h, body := rc.send(t, a.http.URL, rt.Method, path, rc.csrf, "")
			checked++
			loc := h.Get("Location")
			refused := status == http.StatusUnauthorized || status == http.StatusForbidden || strings.HasPrefix(loc, "/masuk")
			if key == "POST /masuk" {
				refused = status == http.StatusForbidden // 401 is its answer to the empty name and password sent
			}
			switch {
			case rule.allows(acct):
				if refused {
					t.Errorf("%s as %s: %d %s %s, want it allowed", key, rc.name, status, loc, truncate(string(body), 200))
				}
			case rc.role == "" && strings.HasPrefix(rt.Path, "/api/"):
				if status != http.StatusUnauthorized {
					t.Errorf("%s as the public: %d, want 401", key, status)
				}
			case rc.role == "" && key == "GET /":
				if status != http.StatusSeeOther || loc != "/publik" {
					t.Errorf("%s as the public: %d %q, want 303 to /publik", key, status, loc)
				}
			case rc.role == "":
				if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/masuk?next=") {
					t.Errorf("%s as the public: %d %q, want 303 to the sign-in page", key, status, loc)
				}
			default:
				if status != http.StatusForbidden {
					t.Errorf("%s as %s: %d, want 403", key, rc.name, status)
				}
			}
		}
	}
	if checked < 5*len(routeAccess)-10 {
		t.Errorf("only %d requests checked", checked)
	}
}

// TestCSRF: every state-changing route refuses a browser session's request
// without the session's CSRF token, or with another token, with 403 — and
// a script's API token needs none.
func TestCSRF(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	sessions := map[roads.Role]roleClient{}
	for _, r := range roads.Roles {
		c, csrf := a.browserSession(t, r, "rahasia-"+string(r))
		sessions[r] = roleClient{name: string(r), role: r, client: c, csrf: csrf}
	}
	other := sessions[roads.RoleAdmin].csrf // a real token, of another session
	n := 0
	for _, rt := range a.srv.engine.Routes() {
		if !changesState(rt.Method) {
			continue
		}
		key := rt.Method + " " + rt.Path
		rule := routeAccess[key]
		path := concretePath(rt.Path, rs[0].ID)
		for _, r := range roads.Roles {
			if rule.public || !rule.allows(&roads.Account{Role: r}) {
				continue
			}
			rc := sessions[r]
			for _, tc := range []struct{ name, token string }{{"no token", ""}, {"another session's token", other}, {"garbage", "x"}} {
				if tc.token == rc.csrf {
					continue
				}
				status, _, body := rc.send(t, a.http.URL, rt.Method, path, tc.token, "")
				var f faultBody
				json.Unmarshal(body, &f)
				if status != http.StatusForbidden || (strings.HasPrefix(rt.Path, "/api/") && f.Error.Code != "csrf") ||
					(!strings.HasPrefix(rt.Path, "/api/") && !strings.Contains(string(body), "CSRF")) {
					t.Errorf("%s as %s with %s: %d %s, want 403 csrf", key, r, tc.name, status, truncate(string(body), 120))
				}
				n++
			}
			// The same request with an API token passes the CSRF check.
			status, _, _ := rc.send(t, a.http.URL, rt.Method, path, "", a.tokens[r])
			if status == http.StatusForbidden || status == http.StatusUnauthorized {
				t.Errorf("%s as %s with an API token: %d", key, r, status)
			}
			break // one allowed role per route is enough
		}
	}
	// The sign-in form (public) checks its double-submit cookie.
	status, _, _ := roleClient{client: &http.Client{}}.send(t, a.http.URL, "POST", "/masuk", "", "")
	if status != http.StatusForbidden {
		t.Errorf("sign-in without its CSRF cookie: %d, want 403", status)
	}
	if n < 20 {
		t.Errorf("only %d refusals checked", n)
	}
}

// TestLoginFlow: wrong passwords are refused with one message for a wrong
// name or password, the sixth failure within a minute is limited with an
// Indonesian message and Retry-After, the session cookie is HttpOnly and
// SameSite=Lax (Secure behind TLS), sign-out ends the session in the store,
// and the redirect after sign-in stays on the site.
func TestLoginFlow(t *testing.T) {
	a := newTestApp(t)
	a.withPassword(t, roads.RoleWalidata, "rahasia-walidata")
	jar := newJar()
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, http.Header, string) {
		resp, err := c.Get(a.http.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	post := func(path string, v url.Values) (*http.Response, string) {
		v.Set("csrf", jar.value(anonCSRFCookie))
		resp, err := c.PostForm(a.http.URL+path, v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if status, h, _ := get("/verifikasi"); status != 303 || h.Get("Location") != "/masuk?next=%2Fverifikasi" {
		t.Fatalf("anonymous /verifikasi: %d %q", status, h.Get("Location"))
	}
	get("/masuk")
	for _, tc := range []struct{ name, pw string }{{"walidata", "salah"}, {"tidak.ada", "rahasia-walidata"}} {
		resp, body := post("/masuk", url.Values{"name": {tc.name}, "password": {tc.pw}})
		if resp.StatusCode != 401 || !strings.Contains(body, "Nama akun atau kata sandi salah") {
			t.Errorf("sign in %s/%s: %d", tc.name, tc.pw, resp.StatusCode)
		}
	}
	for range 3 {
		post("/masuk", url.Values{"name": {"walidata"}, "password": {"salah"}})
	}
	// Five failures from this address: the sixth attempt, even with the
	// right password, waits.
	resp, body := post("/masuk", url.Values{"name": {"walidata"}, "password": {"rahasia-walidata"}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Terlalu banyak percobaan masuk yang gagal") || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth attempt: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}

	// A fresh server with no limit in the way: sign in and look at the cookie.
	b := newTestAppWith(t, Options{SecureCookies: true})
	b.withPassword(t, roads.RoleWalidata, "rahasia-walidata")
	jar = newJar()
	c.Jar = jar
	a = b
	get("/masuk")
	resp, _ = post("/masuk", url.Values{"name": {"walidata"}, "password": {"rahasia-walidata"}, "next": {"//evil.example/x"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/verifikasi" {
		t.Errorf("sign in: %d to %q, want 303 to the walidata's queue (not the foreign next)", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || !cookie.Secure {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, Secure", cookie)
	}
	secret := jar.value(sessionCookie)
	if status, _, body := get("/verifikasi"); status != 200 || !strings.Contains(body, `id="who"`) {
		t.Fatalf("queue after sign-in: %d", status)
	}
	sess, err := a.store.Session(context.Background(), secret)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", a.http.URL+"/keluar", strings.NewReader(url.Values{"csrf": {sess.CSRF}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	out, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out.Body.Close()
	if out.StatusCode != 303 {
		t.Errorf("sign out: %d", out.StatusCode)
	}
	if _, err := a.store.Session(context.Background(), secret); err == nil {
		t.Error("the session lives on in the store after sign-out")
	}
	// The old cookie, replayed, opens nothing.
	replay := &http.Client{CheckRedirect: c.CheckRedirect}
	req, _ = http.NewRequest("GET", a.http.URL+"/verifikasi", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: secret})
	if resp, err := replay.Do(req); err != nil || resp.StatusCode != 303 {
		t.Errorf("replayed cookie after sign-out: %v %v", resp.StatusCode, err)
	}
}
