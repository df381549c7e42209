package roads

import (
	"encoding/json"
	"math"
	"testing"
)

// TestClassLengthKemantapan: (Baik + Sedang) over the classified length,
// or over a given network length; NaN, never 0, when there is nothing to
// divide by.
func TestClassLengthKemantapan(t *testing.T) {
	c := ClassLength{Baik: 3, Sedang: 1, RusakRingan: 2.5, RusakBerat: 1.5} // 4 of 8 mantap
	if got := c.Kemantapan(); got != 50 {
		t.Errorf("kemantapan %v, want 50", got)
	}
	if got := c.KemantapanOf(10); got != 40 { // 2 km unsurveyed: 4 of 10
		t.Errorf("of 10: %v, want 40", got)
	}
	for _, v := range []float64{ClassLength{}.Kemantapan(), c.KemantapanOf(0), c.KemantapanOf(-1), c.KemantapanOf(math.NaN()),
		ClassLength{RusakBerat: 0}.KemantapanOf(0)} {
		if !math.IsNaN(v) {
			t.Errorf("empty: %v, want NaN", v)
		}
	}
	if got := (ClassLength{RusakBerat: 2}).Kemantapan(); got != 0 {
		t.Errorf("all damaged: %v, want 0", got)
	}
	m := [4]float64{100, 200, 300, 400}
	if ClassLengthOf(m).Array() != m || ClassLengthOf(m).Of(RusakRingan) != 300 || ClassLengthOf(m).Scaled(0.001).Baik != 0.1 {
		t.Errorf("round trip %+v", ClassLengthOf(m))
	}
	var a ClassLength
	a.Add(Sedang, 2)
	a.Add("lain", 5)
	if a.Plus(c).Sedang != 3 || a.Total() != 2 {
		t.Errorf("add/plus %+v", a)
	}
	if (Condition{}).Total() != 0 || !math.IsNaN((Condition{}).Kemantapan()) {
		t.Errorf("condition of nothing")
	}
}

// TestPercentJSON: NaN is written null and read back as NaN; numbers as numbers.
func TestPercentJSON(t *testing.T) {
	b, err := json.Marshal([]Percent{Percent(math.NaN()), 12.5, Percent(math.Inf(1))})
	if err != nil || string(b) != "[null,12.5,null]" {
		t.Fatalf("%s %v", b, err)
	}
	var back []Percent
	if err := json.Unmarshal(b, &back); err != nil || !math.IsNaN(float64(back[0])) || back[1] != 12.5 {
		t.Errorf("%v %v", back, err)
	}
}
