package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
)

// testNow is the clock of every test server: fixed, so that "surveyed in
// the last 12 months" does not depend on when the tests run.
var testNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// testApp is a real server on a real SQLite file under t.TempDir(), with
// one account per role. Requests carry the API token of a role the route
// allows (see auth_helpers_test.go), of role when set, or none when anon.
type testApp struct {
	store  testStore // the SQLite store, or the PostgreSQL one (engine_test.go)
	srv    *Server
	http   *httptest.Server
	tokens map[roads.Role]string
	role   roads.Role
	anon   bool
}

func newTestApp(t testing.TB) *testApp { return newTestAppWith(t, Options{}) }

// newTestAppWith is newTestApp with server options (the store and clock are the test's).
func newTestAppWith(t testing.TB, o Options) *testApp {
	t.Helper()
	ctx := context.Background()
	store, watch := openTestStore(t) // the engine: engine_test.go
	o.Store, o.Watch, o.Now = store, watch, func() time.Time { return testNow }
	srv, err := New(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		srv.Close()
		store.Close()
	})
	a := &testApp{store: store, srv: srv, http: hs}
	a.addRoleAccounts(t)
	return a
}

func fp(v float64) *float64 { return &v }

// seed stores three ruas in Kota Blitar: 001 surveyed Baik in 2025 and
// Rusak Berat in 2026, 002 surveyed Sedang in 2024, 003 never surveyed.
func (a *testApp) seed(t testing.TB) []*roads.Ruas {
	t.Helper()
	ctx := context.Background()
	if err := demo.SetOffice(ctx, a.store); err != nil { // the codes below are Kota Blitar's
		t.Fatal(err)
	}
	mk := func(no, name, kec, kecName string, surface roads.Surface, lon float64) *roads.Ruas {
		return &roads.Ruas{Key: roads.Key{Region: "35.72", No: no}, Name: name, Status: roads.Kota, Fungsi: roads.Lokal, Surface: surface,
			WidthM: 6, LengthM: 300, KecamatanCode: kec, Kecamatan: kecName,
			Geometry: orb.LineString{{lon, -8.100}, {lon + 0.0015, -8.1001}, {lon + 0.0027, -8.100}}}
	}
	rs := []*roads.Ruas{
		mk("001", "Jl. Merdeka", "35.72.01", "Kepanjenkidul", roads.Aspal, 112.160),
		mk("002", "Jl. Kenari", "35.72.02", "Sukorejo", roads.Beton, 112.170),
		mk("003", "Jl. Anggrek", "35.72.03", "Sananwetan", roads.Aspal, 112.180),
	}
	for _, r := range rs {
		if err := a.store.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	add := func(r *roads.Ruas, date time.Time, iri float64) {
		for sta := 0.0; sta < 300; sta += 100 {
			v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, StaFromM: sta, StaToM: sta + 100, Distress: &roads.Distress{IRI: fp(iri)},
				Source: roads.Source{Form: "test", User: "uji"}}
			if err := a.store.AddSurvey(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(rs[0], time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), 3)  // Baik
	add(rs[0], time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), 13) // Rusak Berat
	add(rs[1], time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), 6)  // Sedang
	return rs
}

// do sends a request and returns the status and body.
func (a *testApp) do(t testing.TB, method, path, contentType string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, a.http.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if tok := a.tokenFor(t, method, path); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func (a *testApp) getJSON(t testing.TB, path string, v any) int {
	t.Helper()
	status, b := a.do(t, "GET", path, "", nil)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %d %s: %v", path, status, truncate(string(b), 300), err)
	}
	return status
}

func (a *testApp) postJSON(t testing.TB, method, path, body string) (int, []byte) {
	t.Helper()
	return a.do(t, method, path, "application/json", strings.NewReader(body))
}

// moduleRoot walks up from the working directory to the folder holding go.mod.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

// realData returns a file of ../shared/real-data, skipping (or failing in CI) when absent.
func realData(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(moduleRoot(t), "..", "shared", "real-data", rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real data %s missing in CI: %v", p, err)
		}
		t.Skipf("real data %s not present: %v", p, err)
	}
	return p
}
