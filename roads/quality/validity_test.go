package quality

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

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
	net := fixtureNet(t, stateValidity)
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
		key := validityKey(name).String()
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
	// The validity register and one more ruas crossing the eastern edge by
	// about 110 m (on the border, Jl. Batas) and one 1.1 km beyond it (Jl.
	// Luar).
	net := fixtureNet(t, stateBorder)
	border, out := roads.Key{Region: "99.01", No: "900"}, roads.Key{Region: "99.01", No: "901"}
	// The office: 110.39–110.449 E, 7.81–7.77 S.
	office := orb.Polygon{{{110.39, -7.81}, {110.449, -7.81}, {110.449, -7.77}, {110.39, -7.77}, {110.39, -7.81}}}
	got := findingsOf(CheckWith(net, time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), Options{Boundary: office}))
	for name, want := range map[string]bool{"baik0": false, "baik5": false, "selisih": false, "jauh": true} {
		if k := validityKey(name).String(); got[k]["geometry_outside"] != want {
			t.Errorf("ruas %s: geometry_outside = %v, want %v", name, got[k]["geometry_outside"], want)
		}
	}
	if got[border.String()]["geometry_outside"] {
		t.Errorf("a ruas 110 m over the edge is flagged; the tolerance is %d m", BoundaryToleranceM)
	}
	if !got[out.String()]["geometry_outside"] {
		t.Errorf("a ruas 1.1 km outside the office is not flagged")
	}
	for k, fs := range got {
		if fs["geometry_far"] {
			t.Errorf("ruas %s: geometry_far with a boundary given (the boundary check replaces it)", k)
		}
	}
	// The message says how far out, in km, the Indonesian way.
	for _, f := range CheckWith(net, time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), Options{Boundary: office}).Findings {
		if f.Check == "geometry_outside" && f.Ruas == out.String() {
			// Farthest vertex 110.47 E; edge 110.449 E: 0.021° ≈ 2,3 km.
			if want := "2,3 km"; !strings.Contains(f.Message, want) {
				t.Errorf("message %q does not say %q", f.Message, want)
			}
		}
	}
}

func TestCheckFutureDates(t *testing.T) {
	// The validity register with surveys of baik0 on 30 June and baik1 on
	// 1 July 2025; works on baik2 done 1 June, on baik3 "done" 1 September,
	// contracted on baik4 for 1 September, on baik5 for 1 March and on
	// selisih for 30 June; traffic of baik0 for 2025 and of baik1 for 2026.
	net := fixtureNet(t, stateDated)
	asOf := time.Date(2025, 6, 30, 15, 0, 0, 0, time.UTC)
	rep := Check(net, asOf)
	got := map[string]map[string]bool{} // ruas name → dataset/check
	name := map[string]string{}
	for _, n := range validityNames {
		name[validityKey(n).String()] = n
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
