package web

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

func indentJSON(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// TestSummary checks the dashboard figures against hand-computed values
// on the seeded register (3 ruas of 300 m; see seed), and the rendered
// JSON against its golden file.
func TestSummary(t *testing.T) {
	a := newTestApp(t)
	a.seed(t)
	var s summaryDoc
	if st := a.getJSON(t, "/api/v1/summary", &s); st != 200 {
		t.Fatal(st)
	}
	// 001 Rusak Berat (2026), 002 Sedang (2024), 003 never surveyed.
	if s.Total.LengthM != 900 || s.Total.Metres != [4]float64{0, 300, 0, 300} || s.Total.NoDataM != 300 {
		t.Errorf("total %+v", s.Total)
	}
	if s.Total.KemantapanPct == nil || *s.Total.KemantapanPct != 50 {
		t.Errorf("kemantapan %v, want 50 (300 m Sedang of 600 m surveyed)", s.Total.KemantapanPct)
	}
	// Only 001's 2026-06-01 survey is within 12 months of 2026-11-26.
	if s.FreshPct == nil || math.Abs(*s.FreshPct-100.0/3) > 1e-9 {
		t.Errorf("freshness %v, want 33.3 %%", s.FreshPct)
	}
	want := []TrendPoint{{2024, 300, 100}, {2025, 600, 100}, {2026, 600, 50}}
	if diff := cmp.Diff(want, s.Trend); diff != "" {
		t.Errorf("trend (-want +got):\n%s", diff)
	}
	if len(s.ByKecamatan) != 3 || s.ByKecamatan[0].Key != "35.72.01" || s.ByKecamatan[0].Metres[3] != 300 {
		t.Errorf("by kecamatan %+v", s.ByKecamatan)
	}
	var y2025 summaryDoc
	a.getJSON(t, "/api/v1/summary?year=2025", &y2025)
	if y2025.Total.KemantapanPct == nil || *y2025.Total.KemantapanPct != 100 {
		t.Errorf("2025 kemantapan %v, want 100", y2025.Total.KemantapanPct)
	}
	_, b := a.do(t, "GET", "/api/v1/summary", "", nil)
	golden(t, "summary.json", indentJSON(t, b))
}

// TestOpenAPI: the document lists every API route of the router, and
// matches its golden file.
func TestOpenAPI(t *testing.T) {
	a := newTestApp(t)
	doc := openapiDoc()
	paths := doc["paths"].(obj)
	for _, r := range a.srv.engine.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		p := regexp.MustCompile(`:(\w+)`).ReplaceAllString(r.Path, "{$1}")
		ops, ok := paths[p].(obj)
		if !ok {
			t.Errorf("route %s %s missing from the OpenAPI document", r.Method, p)
			continue
		}
		if _, ok := ops[strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s: method missing from the OpenAPI document", r.Method, p)
		}
	}
	_, b := a.do(t, "GET", "/api/v1/openapi.json", "", nil)
	golden(t, "openapi.json", indentJSON(t, b))
}

// TestMapAPI: the bbox endpoint returns the ruas in the box coloured by
// their latest condition, honours the filters, leaves out sub-pixel links
// at low zoom, and sees a change committed by another connection.
func TestMapAPI(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	type fc struct {
		Features []struct {
			ID         int64
			Geometry   struct{ Type string }
			Properties map[string]any
		}
		Count, Hidden int
		Truncated     bool
	}
	get := func(q string) fc {
		var out fc
		if st := a.getJSON(t, "/api/v1/map?"+q, &out); st != 200 {
			t.Fatalf("%s: %d", q, st)
		}
		return out
	}
	cases := []struct {
		name, query string
		want        []string // keys, in register order
	}{
		{"whole city", "bbox=112.1,-8.2,112.3,-8.0&zoom=15", []string{"35.72/001", "35.72/002", "35.72/003"}},
		{"one link", "bbox=112.159,-8.101,112.161,-8.099&zoom=17", []string{"35.72/001"}},
		{"empty box", "bbox=100,-1,100.1,0&zoom=15", nil},
		{"by kecamatan", "bbox=112.1,-8.2,112.3,-8.0&zoom=15&kecamatan=35.72.02", []string{"35.72/002"}},
		{"by surface", "bbox=112.1,-8.2,112.3,-8.0&zoom=15&surface=beton", []string{"35.72/002"}},
		{"no data only", "bbox=112.1,-8.2,112.3,-8.0&zoom=15&kondisi=none", []string{"35.72/003"}},
		{"two classes", "bbox=112.1,-8.2,112.3,-8.0&zoom=15&kondisi=rusak_berat,sedang", []string{"35.72/001", "35.72/002"}},
		// At zoom 5 a pixel is 0.27°, far more than a 300 m link.
		{"sub-pixel at low zoom", "bbox=100,-10,120,0&zoom=5", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := get(tc.query)
			var keys []string
			for _, f := range got.Features {
				keys = append(keys, f.Properties["key"].(string))
			}
			if diff := cmp.Diff(tc.want, keys); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			if got.Count != len(got.Features) {
				t.Errorf("count %d, %d features", got.Count, len(got.Features))
			}
		})
	}
	first := get("bbox=112.159,-8.101,112.161,-8.099&zoom=17").Features[0]
	if first.Properties["kondisi"] != "rusak_berat" || first.Properties["length"] != "0,3 km" || first.Geometry.Type != "LineString" {
		t.Errorf("feature %+v", first)
	}
	// A survey written behind the server's back (as `ruas import` in
	// another process would) shows on the next request.
	v := &roads.Survey{RuasID: rs[2].ID, Ruas: rs[2].Key, Date: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 300, Distress: &roads.Distress{IRI: fp(2)}}
	if err := a.store.AddSurvey(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	got := get("bbox=112.1,-8.2,112.3,-8.0&zoom=15&kondisi=baik")
	if len(got.Features) != 1 || got.Features[0].Properties["key"] != "35.72/003" {
		t.Errorf("after a new survey, Baik links: %+v", got.Features)
	}
}

// TestSimplifyByZoom: a wiggly line keeps its points when zoomed in and
// loses them when zoomed out.
func TestSimplifyByZoom(t *testing.T) {
	a := newTestApp(t)
	var line orb.LineString
	for i := 0; i <= 100; i++ {
		line = append(line, orb.Point{112.16 + float64(i)*0.0001, -8.1 + 0.00002*float64(i%2)})
	}
	r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "050"}, Name: "Jl. Berliku", Surface: roads.Aspal, Geometry: line}
	if err := a.store.CreateRuas(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	points := func(zoom string) int {
		var out struct {
			Features []struct {
				Geometry struct{ Coordinates [][2]float64 }
			}
		}
		a.getJSON(t, "/api/v1/map?bbox=112.15,-8.11,112.18,-8.09&zoom="+zoom, &out)
		if len(out.Features) != 1 {
			t.Fatalf("zoom %s: %d features", zoom, len(out.Features))
		}
		return len(out.Features[0].Geometry.Coordinates)
	}
	// The wiggle is 0.00002° (≈ 2 m): above a pixel at zoom 22, below one at zoom 12.
	if n := points("22"); n != 101 {
		t.Errorf("zoom 22 kept %d points, want all 101", n)
	}
	if n := points("12"); n != 2 {
		t.Errorf("zoom 12 kept %d points, want 2", n)
	}
}

// TestCatalogue: every key the templates and code use exists, in both
// languages where the entry is UI text.
func TestCatalogue(t *testing.T) {
	keyRe := regexp.MustCompile(`\.T "([a-z_.\-]+)"|l\.T\("([a-z_.\-]+)"|p\.add\([^,]+, [^,]+, "([a-z_.\-]+)"|"(err\.[a-z_]+)"`)
	var sources []string
	fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := templateFS.ReadFile(p)
			sources = append(sources, string(b))
		}
		return nil
	})
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range gofiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		sources = append(sources, string(b))
	}
	used := 0
	for _, src := range sources {
		for _, m := range keyRe.FindAllStringSubmatch(src, -1) {
			key := m[1] + m[2] + m[3] + m[4]
			if strings.HasSuffix(key, ".") {
				continue // a prefix completed at run time (kondisi.<code>)
			}
			used++
			e, ok := catalogue[key]
			if !ok {
				t.Errorf("catalogue has no %q", key)
				continue
			}
			if e.id == "" {
				t.Errorf("catalogue %q has no Indonesian text", key)
			}
		}
	}
	if used < 100 {
		t.Errorf("found only %d key uses; the pattern no longer matches the code", used)
	}
	for k, e := range catalogue {
		if !strings.HasPrefix(k, "fe.") && e.en == "" {
			t.Errorf("catalogue %q has no English text", k)
		}
	}
}

// TestLocaleFormats: numbers and dates as each reader writes them.
func TestLocaleFormats(t *testing.T) {
	id, en := Locale{ID}, Locale{EN}
	d := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	cases := []struct{ name, got, want string }{
		{"rp id", id.Rp(1_250_000_000), "Rp 1.250.000.000"},
		{"rp en", en.Rp(1_250_000_000), "Rp 1,250,000,000"},
		{"rp rounds", id.Rp(999.6), "Rp 1.000"},
		{"km id", id.Km(12_500), "12,5 km"},
		{"km en", en.Km(12_500), "12.5 km"},
		{"small", id.Num(0.25, 2), "0,25"},
		{"negative", en.Num(-1234.5, 1), "-1,234.5"},
		{"nan", id.Pct(math.NaN()), "–"},
		{"pct", id.Pct(72.44), "72,4 %"},
		{"date id", id.Date(d), "26/11/2026"},
		{"date en", en.Date(d), "2026-11-26"},
		{"zero date", id.Date(time.Time{}), "–"},
		{"kondisi en", en.Kondisi(roads.RusakRingan), "Poor"},
		{"kondisi id", id.Kondisi(roads.RusakRingan), "Rusak Ringan"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestParseNumber: numbers typed either way, and the Indonesian thousands dot.
func TestParseNumber(t *testing.T) {
	cases := []struct {
		in      string
		want    float64
		present bool
		bad     bool
	}{
		{"", 0, false, false}, {"6.5", 6.5, true, false}, {"6,5", 6.5, true, false}, {"1.250", 1250, true, false},
		{"1.250.000,5", 1250000.5, true, false}, {"1,250.5", 1250.5, true, false}, {" 12 ", 12, true, false},
		{"enam", 0, true, true}, {"NaN", 0, true, true}, {"1e400", 0, true, true},
	}
	for _, tc := range cases {
		v, present, err := Locale{Lang: ID}.parseNumber(tc.in)
		if (err != nil) != tc.bad || present != tc.present || !tc.bad && v != tc.want {
			t.Errorf("parseNumber(%q) = %v, %v, %v", tc.in, v, present, err)
		}
	}
}

// FuzzParseNumber: whatever a reader types, parsing does not panic and a
// number it accepts is finite.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.250", "6,5", "-1,234.5", "", "1e9", "..", ",,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, _, err := Locale{Lang: ID}.parseNumber(s)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Errorf("%q parsed to %v", s, v)
		}
	})
}
