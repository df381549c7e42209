package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// officesStore is an engine's register with its office methods.
type officesStore interface {
	Register
	OfficeRegister
	AddRegisterOffice(ctx context.Context, o roads.Office, by string, at time.Time) error
	CountAudit(ctx context.Context, f roads.AuditFilter) (int, error)
}

// officesFixture is a register of Provinsi Jawa Timur (35, the register's
// own office) holding two kota offices, Malang (35.73) and Batu (35.79):
// per office one account of every role, and draft ruas with surveys whose
// names are unique to their office.
type officesFixture struct {
	st      officesStore
	srv     *Server
	url     string
	offices []string                             // "35", "35.73", "35.79"
	ruas    map[string][]*roads.Ruas             // by office
	secret  map[string]string                    // a name unique to the office's drafts
	clients map[string]map[roads.Role]roleClient // by office, role
	tokens  map[string]map[roads.Role]string
	plans   map[string]int64 // a plan run by the office's perencana, on its drafts
}

// newOfficesFixture builds the fixture on SQLite.
func newOfficesFixture(t *testing.T) *officesFixture {
	st, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return officesFixtureOn(t, st, WatchOf(st.Watch))
}

// officesFixtureOn builds the fixture on an engine's empty register.
func officesFixtureOn(t *testing.T, st officesStore, watch func(ctx context.Context) (Watch, error)) *officesFixture {
	ctx := context.Background()
	srv, err := New(ctx, Options{Store: st, Watch: watch, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	office := func(code string) roads.Office {
		o, errs := roads.NewOffice(roads.OfficeInput{Region: code})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return o
	}
	if err := st.SetOffice(ctx, office("35"), "uji", testNow); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"35.73", "35.79"} {
		if err := st.AddRegisterOffice(ctx, office(k), "uji", testNow); err != nil {
			t.Fatal(err)
		}
	}
	f := &officesFixture{st: st, srv: srv, url: hs.URL, offices: []string{"35", "35.73", "35.79"}, ruas: map[string][]*roads.Ruas{},
		secret:  map[string]string{"35": "Jl. Rahasiaprovinsi", "35.73": "Jl. Rahasiamalang", "35.79": "Jl. Rahasiabatu"},
		clients: map[string]map[roads.Role]roleClient{}, tokens: map[string]map[roads.Role]string{}}
	// Ruas: lengths and IRI chosen so every class is clear (IRI 2: baik, 20: rusak berat).
	plan := map[string][]struct {
		length, iri float64
		status      roads.Status
	}{
		"35":    {{1000, 20, roads.Provinsi}},
		"35.73": {{300, 2, roads.Kota}, {500, 20, roads.Kota}},
		"35.79": {{400, 2, roads.Kota}, {200, 20, roads.Kota}},
	}
	date := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for oi, o := range f.offices {
		for i, p := range plan[o] {
			lon := 112.5 + float64(oi)*0.1 + float64(i)*0.01
			r := &roads.Ruas{Key: roads.Key{Region: o, No: fmt.Sprintf("%03d", i+1)}, Name: fmt.Sprintf("%s %d", f.secret[o], i+1),
				Status: p.status, Fungsi: roads.Lokal, Surface: roads.Aspal, WidthM: 6, LengthM: p.length,
				Geometry: orb.LineString{{lon, -7.9}, {lon + 0.003, -7.9}}}
			if err := st.CreateRuas(ctx, r); err != nil {
				t.Fatal(err)
			}
			for sta := 0.0; sta < p.length; sta += 100 {
				v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, StaFromM: sta, StaToM: sta + 100,
					Distress: &roads.Distress{IRI: fp(p.iri)}, Source: roads.Source{Form: "test", User: "uji"}}
				if err := st.AddSurvey(ctx, v); err != nil {
					t.Fatal(err)
				}
			}
			f.ruas[o] = append(f.ruas[o], r)
		}
	}
	// Accounts: one of every role per office; the province's accounts
	// belong to the register's own office (no office set).
	for _, o := range f.offices {
		f.clients[o], f.tokens[o] = map[roads.Role]roleClient{}, map[roads.Role]string{}
		for _, r := range roads.Roles {
			name := string(r) + "-" + strings.ReplaceAll(o, ".", "")
			pw := "rahasia-" + name
			if err := st.AddAccount(ctx, &roads.Account{Name: name, Role: r}, pw, "uji"); err != nil {
				t.Fatal(err)
			}
			if o != "35" {
				if err := st.SetAccountOffice(ctx, name, o, "uji"); err != nil {
					t.Fatal(err)
				}
			}
			f.clients[o][r] = signInAs(t, f, name, pw)
			tok, _, err := st.CreateToken(ctx, name, "uji")
			if err != nil {
				t.Fatal(err)
			}
			f.tokens[o][r] = tok
		}
	}
	f.plans = map[string]int64{}
	for _, o := range f.offices {
		b, _ := json.Marshal(map[string]any{"from_year": 2026, "years": 2, "budgets_rp": []float64{2e9, 2e9}})
		req, _ := http.NewRequest("POST", f.url+"/api/v1/plans", bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer "+f.tokens[o][roads.RolePerencana])
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var doc planCreatedDoc
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := json.Unmarshal(body, &doc); resp.StatusCode != http.StatusCreated || err != nil {
			t.Fatalf("plan of %s: %d %s", o, resp.StatusCode, truncate(string(body), 300))
		}
		named := f.secret[o]
		if o == "35" {
			named = f.secret["35.73"] // the province plans over its kota's roads too
		}
		if !bytes.Contains(body, []byte(named)) {
			t.Fatalf("the plan of %s does not name its ruas, so it cannot show a leak: %s", o, truncate(string(body), 300))
		}
		f.plans[o] = doc.ID
	}
	return f
}

func signInAs(t *testing.T, f *officesFixture, name, pw string) roleClient {
	t.Helper()
	jar := newJar()
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(f.url + "/masuk")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.PostForm(f.url+"/masuk", url.Values{"name": {name}, "password": {pw}, "csrf": {jar.value(anonCSRFCookie)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %d", name, resp.StatusCode)
	}
	sess, err := f.st.Session(context.Background(), jar.value(sessionCookie))
	if err != nil {
		t.Fatal(err)
	}
	return roleClient{name: name, role: sess.Account.Role, client: c, csrf: sess.CSRF}
}

// TestOfficesAccessMatrix sends every route as every role of every office
// (two kota under one province, and the province) with the id of a ruas
// of another office: no response of a kota's account ever holds the name
// of another office's drafts, and the province's reads them; the role
// rules still hold (a role the rule refuses gets 403).
func TestOfficesAccessMatrix(t *testing.T) { officesAccessMatrix(t, newOfficesFixture(t)) }

func officesAccessMatrix(t *testing.T, f *officesFixture) {
	routes := f.srv.engine.Routes()
	sort.Slice(routes, func(i, j int) bool { return routes[i].Path+routes[i].Method < routes[j].Path+routes[j].Method })
	other := map[string]string{"35": "35.73", "35.73": "35.79", "35.79": "35.73"}
	checked := 0
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		if key == "POST /keluar" {
			continue
		}
		rule := routeAccess[key]
		for _, o := range f.offices {
			id := f.ruas[other[o]][0].ID
			if strings.HasPrefix(rt.Path, "/rencana/:id") || strings.HasPrefix(rt.Path, "/api/v1/plans/:id") {
				id = f.plans[other[o]]
			}
			path := strings.Replace(concretePath(rt.Path, id), "/akun/produsen", "/akun/produsen-"+strings.ReplaceAll(other[o], ".", ""), 1)
			targeted := strings.Contains(rt.Path, ":id") || strings.Contains(rt.Path, ":name")
			for _, r := range roads.Roles {
				rc := f.clients[o][r]
				status, _, body := rc.send(t, f.url, rt.Method, path, rc.csrf, "")
				checked++
				if !rule.allows(&roads.Account{Role: r}) && status != http.StatusForbidden {
					t.Errorf("%s as %s of %s: %d, want 403 by role", key, r, o, status)
				}
				if o == "35" {
					continue // the province reads its kota
				}
				for _, x := range f.offices {
					if x != o && bytes.Contains(body, []byte(f.secret[x])) {
						t.Errorf("%s as %s of %s: %d, the body holds a draft of office %s", key, r, o, status, x)
					}
				}
				if sib := "-" + strings.ReplaceAll(other[o], ".", ""); !strings.Contains(path, sib) && (bytes.Contains(body, []byte("perencana"+sib)) || bytes.Contains(body, []byte("produsen"+sib))) {
					t.Errorf("%s as %s of %s: %d, the body names an account of office %s", key, r, o, status, other[o])
				}
			}
			if !targeted {
				continue
			}
			// Every office (the province included) is refused a change to
			// another office's ruas, plan or account.
			for _, r := range roads.Roles {
				rc := f.clients[o][r]
				if !changesState(rt.Method) || !rule.allows(&roads.Account{Role: r}) {
					continue
				}
				status, h, body := rc.send(t, f.url, rt.Method, path, rc.csrf, "")
				if status < 400 {
					t.Errorf("%s as %s of %s on another office's record: %d %s %s, want refused", key, r, o, status, h.Get("Location"), truncate(string(body), 200))
				}
			}
		}
	}
	t.Logf("%d requests over %d routes x 3 offices x %d roles", checked, len(routes)-1, len(roads.Roles))
	if checked < 12*len(routeAccess)-50 {
		t.Errorf("only %d requests checked", checked)
	}
	// The province's pages do show its kota's drafts; a kota's, its own.
	for _, o := range f.offices {
		_, _, body := f.clients[o][roads.RoleProdusen].send(t, f.url, "GET", "/ruas", "", "")
		for _, x := range f.offices {
			want := x == o || o == "35"
			if got := bytes.Contains(body, []byte(f.secret[x])); got != want {
				t.Errorf("/ruas as produsen of %s: shows %s's drafts %v, want %v", o, x, got, want)
			}
		}
		// The walidata's queue holds what its office may verify: its own
		// office's drafts only, the province's included.
		for _, path := range []string{"/api/v1/verification", "/verifikasi"} {
			_, _, body = f.clients[o][roads.RoleWalidata].send(t, f.url, "GET", path, "", "")
			for _, x := range f.offices {
				if got := bytes.Contains(body, []byte(f.secret[x])); got != (x == o) {
					t.Errorf("%s as walidata of %s: holds %s's drafts %v, want %v", path, o, x, got, x == o)
				}
			}
		}
	}
}

// TestOfficesWritesRefused: with valid bodies, an account writes its own
// office's ruas, and every write into another office's (the province's
// into a kota's included) is refused and changes nothing.
func TestOfficesWritesRefused(t *testing.T) { officesWritesRefused(t, newOfficesFixture(t)) }

func officesWritesRefused(t *testing.T, f *officesFixture) {
	ctx := context.Background()
	call := func(tok, method, path string, body any) int {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, f.url+path, bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	surveyBody := map[string]any{"date": "2025-07-01", "units": []map[string]any{{"sta_from_m": 0, "sta_to_m": 100, "iri": 3}}}
	for _, tc := range []struct{ who, target string }{{"35.73", "35.79"}, {"35.79", "35.73"}, {"35", "35.73"}, {"35.73", "35"}} {
		r := f.ruas[tc.target][0]
		before, err := f.st.CountAudit(ctx, roads.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		prod, wali := f.tokens[tc.who][roads.RoleProdusen], f.tokens[tc.who][roads.RoleWalidata]
		for _, w := range []struct {
			name   string
			status int
		}{
			{"survey", call(prod, "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", r.ID), surveyBody)},
			{"edit", call(prod, "PUT", fmt.Sprintf("/api/v1/ruas/%d", r.ID), map[string]any{"version": r.Version, "region": r.Key.Region, "no_ruas": r.Key.No, "name": "diubah", "status": string(r.Status), "fungsi": string(r.Fungsi), "surface": string(r.Surface), "length_m": r.LengthM, "width_m": r.WidthM})},
			{"create", call(prod, "POST", "/api/v1/ruas", map[string]any{"region": tc.target, "no_ruas": "900", "name": "Jl. Baru", "status": "kota", "fungsi": "lokal", "surface": "aspal", "length_m": 100, "width_m": 5})},
			{"verify", call(wali, "POST", "/api/v1/verification", map[string]any{"entity": "ruas", "ids": []int64{r.ID}, "action": "verify"})},
		} {
			// 409 is the verification queue's refusal of an id that is not
			// in the walidata's network (outOfNetwork): another office's.
			if w.status != http.StatusForbidden && w.status != http.StatusNotFound && !(w.name == "verify" && w.status == http.StatusConflict) {
				t.Errorf("%s of %s into %s: %d, want 403 or 404", w.name, tc.who, tc.target, w.status)
			}
		}
		after, _ := f.st.CountAudit(ctx, roads.AuditFilter{})
		if after != before {
			t.Errorf("%s into %s: the audit trail grew from %d to %d entries", tc.who, tc.target, before, after)
		}
	}
	// The same survey on the account's own ruas is stored: the refusals above are the office's, not the body's.
	own := f.ruas["35.73"][0]
	if s := call(f.tokens["35.73"][roads.RoleProdusen], "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", own.ID), surveyBody); s != http.StatusCreated {
		t.Errorf("survey of 35.73 on its own ruas: %d, want 201", s)
	}
}

// TestOfficesKemantapan: the province's kemantapan equals the
// length-weighted combination of its offices', each computed here from
// the seeded lengths and classes (IRI 2 is baik, 20 rusak berat).
func TestOfficesKemantapan(t *testing.T) { officesKemantapan(t, newOfficesFixture(t)) }

func officesKemantapan(t *testing.T, f *officesFixture) {
	// Independent figures: per office, (baik + sedang) metres and surveyed metres.
	steady := map[string]float64{"35": 0, "35.73": 300, "35.79": 400}
	length := map[string]float64{"35": 1000, "35.73": 800, "35.79": 600}
	var sumSteady, sumLen float64
	for _, o := range f.offices {
		sumSteady += steady[o]
		sumLen += length[o]
	}
	want := map[string]float64{}
	var weighted float64
	for _, o := range f.offices {
		want[o] = 100 * steady[o] / length[o] // each office's own kemantapan
		weighted += want[o] * length[o] / sumLen
	}
	want["35"] = weighted // the province's: its offices' (its own roads included), weighted by length
	if math.Abs(weighted-100*sumSteady/sumLen) > 1e-9 {
		t.Fatalf("the test's own figures disagree: %v vs %v", weighted, 100*sumSteady/sumLen)
	}
	for _, o := range f.offices {
		_, _, body := f.clients[o][roads.RolePerencana].send(t, f.url, "GET", "/api/v1/summary?year=2025", "", "")
		var doc summaryDoc
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("summary of %s: %v: %s", o, err, truncate(string(body), 200))
		}
		got := doc.Total.KemantapanPct
		if got == nil || math.Abs(*got-want[o]) > 1e-9 || math.Abs(doc.Total.SurveyedM-length[o]) > 1e-9 && o != "35" {
			t.Errorf("kemantapan of %s: %v (surveyed %.0f m), want %.6f", o, got, doc.Total.SurveyedM, want[o])
		}
	}
}
