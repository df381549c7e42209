package quality

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// validityRegister is a real register of six sound ruas around one town
// plus one ruas per defect, and the ruas by name.
type validityRegister struct {
	s    *sqlitestore.Store
	ruas map[string]*roads.Ruas
}

// 0.01° of longitude at 7.8° S is ≈ 1,103 m; 0.01° of latitude ≈ 1,106 m.
func lineAt(lon, lat, dlon float64) orb.LineString {
	return orb.LineString{{lon, lat}, {lon + dlon/2, lat + 0.0001}, {lon + dlon, lat}}
}

func newValidityRegister(t *testing.T) *validityRegister {
	t.Helper()
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	reg := &validityRegister{s: s, ruas: map[string]*roads.Ruas{}}
	add := func(name string, line orb.Geometry, lengthM float64, status roads.Status) {
		no := fmt.Sprintf("%03d", len(reg.ruas)+1)
		r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: no}, Name: "Jl. " + name, Status: status, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: lengthM, Geometry: line, Kecamatan: "Tengah",
			Source: roads.Source{Form: "test", User: "t"}}
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		reg.ruas[name] = r
	}
	// Six sound ruas on a 3 × 2 km grid: 1,103 m drawn, 1,100 m stated.
	for i := 0; i < 6; i++ {
		add(fmt.Sprintf("baik%d", i), lineAt(110.40+0.012*float64(i%3), -7.80+0.01*float64(i/3), 0.01), 1100, roads.Kota)
	}
	// The same road 5.5° east: ≈ 607 km from the others.
	add("jauh", lineAt(115.90, -7.80, 0.01), 1100, roads.Kota)
	// A 1 m road, drawn and stated.
	add("pendek", orb.LineString{{110.41, -7.795}, {110.41001, -7.795}}, 1.1, roads.Kota)
	// 45 km stated for a city road, no geometry.
	add("panjang", nil, 45_000, roads.Kota)
	// 45 km for a provincial road is plausible.
	add("provinsi", nil, 45_000, roads.Provinsi)
	// Drawn 1,103 m, stated 2,500 m.
	add("selisih", lineAt(110.41, -7.785, 0.01), 2500, roads.Kota)
	return reg
}

func findingsOf(rep *Report) map[string]map[string]bool {
	got := map[string]map[string]bool{}
	for _, f := range rep.Findings {
		if got[f.Ruas] == nil {
			got[f.Ruas] = map[string]bool{}
		}
		got[f.Ruas][f.Check] = true
	}
	return got
}

func TestCheckGeometryAndLengthValidity(t *testing.T) {
	reg := newValidityRegister(t)
	net, err := reg.s.Network(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := findingsOf(Check(net, time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)))
	want := map[string][]string{
		"jauh":     {"geometry_far"},
		"pendek":   {"length_implausible"},
		"panjang":  {"length_implausible"},
		"selisih":  {"geometry_length"},
		"provinsi": nil,
	}
	for i := 0; i < 6; i++ {
		want[fmt.Sprintf("baik%d", i)] = nil
	}
	checked := []string{"geometry_far", "geometry_outside", "length_implausible", "geometry_length"}
	for name, checks := range want {
		key := reg.ruas[name].Key.String()
		for _, c := range checked {
			expect := false
			for _, w := range checks {
				expect = expect || w == c
			}
			if got[key][c] != expect {
				t.Errorf("ruas %s (%s): %s finding = %v, want %v (all: %v)", name, key, c, got[key][c], expect, got[key])
			}
		}
	}
}

func TestCheckOfficeBoundary(t *testing.T) {
	reg := newValidityRegister(t)
	ctx := context.Background()
	// One more ruas crossing the eastern edge by about 110 m (on the border).
	border := &roads.Ruas{Key: roads.Key{Region: "99.01", No: "900"}, Name: "Jl. Batas", Status: roads.Kota, Fungsi: roads.Lokal,
		Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: lineAt(110.44, -7.79, 0.01), Source: roads.Source{Form: "test"}}
	// And one 1.1 km beyond it.
	out := &roads.Ruas{Key: roads.Key{Region: "99.01", No: "901"}, Name: "Jl. Luar", Status: roads.Kota, Fungsi: roads.Lokal,
		Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: lineAt(110.46, -7.79, 0.01), Source: roads.Source{Form: "test"}}
	for _, r := range []*roads.Ruas{border, out} {
		if err := reg.s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	net, err := reg.s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The office: 110.39–110.449 E, 7.81–7.77 S.
	office := orb.Polygon{{{110.39, -7.81}, {110.449, -7.81}, {110.449, -7.77}, {110.39, -7.77}, {110.39, -7.81}}}
	got := findingsOf(CheckWith(net, time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), Options{Boundary: office}))
	for name, want := range map[string]bool{"baik0": false, "baik5": false, "selisih": false, "jauh": true} {
		if k := reg.ruas[name].Key.String(); got[k]["geometry_outside"] != want {
			t.Errorf("ruas %s: geometry_outside = %v, want %v", name, got[k]["geometry_outside"], want)
		}
	}
	if got[border.Key.String()]["geometry_outside"] {
		t.Errorf("a ruas 110 m over the edge is flagged; the tolerance is %d m", BoundaryToleranceM)
	}
	if !got[out.Key.String()]["geometry_outside"] {
		t.Errorf("a ruas 1.1 km outside the office is not flagged")
	}
	for k, fs := range got {
		if fs["geometry_far"] {
			t.Errorf("ruas %s: geometry_far with a boundary given (the boundary check replaces it)", k)
		}
	}
	// The message says how far out, in km, the Indonesian way.
	for _, f := range CheckWith(net, time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), Options{Boundary: office}).Findings {
		if f.Check == "geometry_outside" && f.Ruas == out.Key.String() {
			// Farthest vertex 110.47 E; edge 110.449 E: 0.021° ≈ 2,3 km.
			if want := "2,3 km"; !strings.Contains(f.Message, want) {
				t.Errorf("message %q does not say %q", f.Message, want)
			}
		}
	}
}

func TestCheckFutureDates(t *testing.T) {
	reg := newValidityRegister(t)
	ctx := context.Background()
	s := reg.s
	asOf := time.Date(2025, 6, 30, 15, 0, 0, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	iri := 4.0
	survey := func(name string, d time.Time) {
		if err := s.AddSurvey(ctx, &roads.Survey{Ruas: reg.ruas[name].Key, Date: d, StaFromM: 0, StaToM: 1100,
			Distress: &roads.Distress{IRI: &iri}, Source: roads.Source{Form: "test"}}); err != nil {
			t.Fatal(err)
		}
	}
	survey("baik0", day(6, 30)) // the report's own day: not the future
	survey("baik1", day(7, 1))  // the day after
	works := func(name string, d time.Time, committed bool) {
		if err := s.AddWorks(ctx, &roads.Works{Ruas: reg.ruas[name].Key, Date: d, Type: roads.Rutin, StaFromM: 0, StaToM: 1100,
			Committed: committed, ContractRef: name, Source: roads.Source{Form: "test"}}); err != nil {
			t.Fatal(err)
		}
	}
	works("baik2", day(6, 1), false)   // done, in the past
	works("baik3", day(9, 1), false)   // "done" in September: the future
	works("baik4", day(9, 1), true)    // contracted for September
	works("baik5", day(3, 1), true)    // contracted for March, still not recorded as done
	works("selisih", day(6, 30), true) // contracted for today
	for _, tr := range []struct {
		name string
		year int
	}{{"baik0", 2025}, {"baik1", 2026}} {
		if err := s.SetTraffic(ctx, &roads.Traffic{Ruas: reg.ruas[tr.name].Key, Year: tr.year, LHR: 1200, Source: roads.Source{Form: "test"}}); err != nil {
			t.Fatal(err)
		}
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(net, asOf)
	got := map[string]map[string]bool{} // ruas name → dataset/check
	name := map[string]string{}
	for n, r := range reg.ruas {
		name[r.Key.String()] = n
	}
	for _, f := range rep.Findings {
		n := name[f.Ruas]
		if got[n] == nil {
			got[n] = map[string]bool{}
		}
		got[n][f.Dataset+"/"+f.Check] = true
		if f.Dataset != "ruas" && f.RecordID == 0 {
			t.Errorf("%s finding on %s names no record", f.Check, n)
		}
	}
	// 20:00 UTC on 30 June is already 1 July in WIB, the survey's day.
	for _, f := range Check(net, time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC)).Findings {
		if f.Check == "survey_future" {
			t.Errorf("as of 1 July 03:00 WIB: %s on %s", f.Message, name[f.Ruas])
		}
	}
	want := map[string]string{"baik1": "survey/survey_future", "baik3": "works/works_future", "baik5": "works/works_committed_past"}
	dated := []string{"survey/survey_future", "works/works_future", "works/works_committed_past", "traffic/traffic_future"}
	for _, n := range []string{"baik0", "baik1", "baik2", "baik3", "baik4", "baik5", "selisih"} {
		for _, c := range dated {
			w := want[n] == c || (n == "baik1" && c == "traffic/traffic_future")
			if got[n][c] != w {
				t.Errorf("ruas %s: %s = %v, want %v", n, c, got[n][c], w)
			}
		}
	}
}

func TestScoreNeverRoundsFailuresAway(t *testing.T) {
	for _, c := range []struct {
		passed, checked int
		want            float64
	}{
		{19984, 20000, 99.9}, // 16 failures: 99.92 %, rounding said 100.0
		{19999, 20000, 99.9},
		{20000, 20000, 100},
		{1, 3, 33.3},
		{2, 3, 66.6}, // floored, not 66.7
		{0, 5, 0},
	} {
		s := Score{Checked: c.checked, Passed: c.passed}
		s.finish()
		if s.Percent != c.want {
			t.Errorf("%d of %d passed: %g %%, want %g %%", c.passed, c.checked, s.Percent, c.want)
		}
	}
	if p := floorPct(9_999.5, 10_000); p >= 100 || p != 99.9 {
		t.Errorf("share 9,999.5 of 10,000 m = %g %%, want 99.9", p)
	}
	if p := floorPct(10_000, 10_000); p != 100 {
		t.Errorf("full share = %g %%", p)
	}
	s := Score{}
	s.finish()
	if !math.IsNaN(s.Percent) {
		t.Errorf("nothing checked: %g, want NaN", s.Percent)
	}
}
