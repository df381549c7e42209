package roads

import "testing"

// TestShortUnitPotholes: one pothole in a 5 m tail unit is counted over a
// standard 100 m unit (10 per km, SDI + 75) by rules bm-smd03-2011.2, not
// extrapolated to 200 per km (+225, Rusak Berat) as by .1, which stays
// embedded for the surveys it derived; full units are scored as before.
func TestShortUnitPotholes(t *testing.T) {
	now, err := ConditionRules("")
	if err != nil {
		t.Fatal(err)
	}
	old, err := ConditionRules("bm-smd03-2011.1")
	if err != nil {
		t.Fatal(err)
	}
	if now.Version != "bm-smd03-2011.2" {
		t.Fatalf("newest rules %s", now.Version)
	}
	d := Distress{CrackAreaPct: f(5), CrackWidthMM: f(1), Potholes: f(1), RutCM: f(0)}
	cases := []struct {
		rules *Rules
		unit  float64
		sdi   float64
		class Kondisi
	}{
		{now, 5, 5 + 75, Sedang},      // counted over 100 m: 10/km → +75
		{now, 49, 5 + 75, Sedang},     // likewise
		{now, 100, 5 + 75, Sedang},    // a full unit: 10/km
		{now, 200, 5 + 15, Baik},      // 5/km → +15
		{old, 5, 5 + 225, RusakBerat}, // .1: 200/km → +225
	}
	for _, c := range cases {
		a, err := c.rules.Assess(d, c.unit)
		if err != nil {
			t.Fatal(err)
		}
		if *a.SDI != c.sdi || a.Kondisi != c.class {
			t.Errorf("%s, one pothole in %g m: SDI %g %s, want %g %s; %q", c.rules.Version, c.unit, *a.SDI, a.Kondisi, c.sdi, c.class, a.Steps)
		}
	}
}
