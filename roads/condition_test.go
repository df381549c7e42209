package roads

import (
	"errors"
	"testing"
)

func f(v float64) *float64 { return &v }

func TestSDIWorkedExample(t *testing.T) {
	// DOMAIN.md §3.1: crack 5 %, width 4 mm, 1 pothole in 100 m (10/km),
	// rut 2 cm → 5 → 10 → 85 → 95, Sedang.
	r, err := ConditionRules("")
	if err != nil {
		t.Fatal(err)
	}
	a, err := r.Assess(Distress{CrackAreaPct: f(5), CrackWidthMM: f(4), Potholes: f(1), RutCM: f(2)}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if a.SDI == nil || *a.SDI != 95 || a.Kondisi != Sedang || a.Basis != "sdi" {
		t.Fatalf("got SDI %v class %s basis %s, want 95 sedang sdi; steps %q", a.SDI, a.Kondisi, a.Basis, a.Steps)
	}
	if a.RuleVersion != "bm-smd03-2011.2" {
		t.Errorf("rule version %q", a.RuleVersion)
	}
}

func TestSDIBands(t *testing.T) {
	r, _ := ConditionRules("")
	tests := []struct {
		name                     string
		crack, width, holes, rut float64
		unit                     float64
		want                     float64
	}{
		{"nothing", 0, 0, 0, 0, 100, 0},
		{"crack just above 0", 0.1, 0, 0, 0, 100, 5},
		{"crack just below 10", 9.99, 0, 0, 0, 100, 5},
		{"crack at 10", 10, 0, 0, 0, 100, 20},
		{"crack at 30", 30, 0, 0, 0, 100, 20},
		{"crack above 30", 30.01, 0, 0, 0, 100, 40},
		{"width at 3 mm is not wide", 5, 3, 0, 0, 100, 5},
		{"width above 3 mm doubles", 5, 3.01, 0, 0, 100, 10},
		{"one hole in 200 m is 5/km", 0, 0, 1, 0, 200, 15},
		{"holes 10/km", 0, 0, 1, 0, 100, 75},
		{"holes 50/km", 0, 0, 5, 0, 100, 75},
		{"holes 60/km", 0, 0, 6, 0, 100, 225},
		{"rut below 1", 0, 0, 0, 0.5, 100, 2.5},
		{"rut at 1", 0, 0, 0, 1, 100, 10},
		{"rut at 3", 0, 0, 0, 3, 100, 10},
		{"rut above 3", 0, 0, 0, 3.5, 100, 20},
		{"worst", 50, 6, 10, 5, 100, 40*2 + 225 + 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := r.Assess(Distress{CrackAreaPct: f(tt.crack), CrackWidthMM: f(tt.width), Potholes: f(tt.holes), RutCM: f(tt.rut)}, tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			if *a.SDI != tt.want {
				t.Errorf("SDI = %g, want %g (steps %q)", *a.SDI, tt.want, a.Steps)
			}
		})
	}
}

func TestClassBounds(t *testing.T) {
	r, _ := ConditionRules("")
	iri := []struct {
		v    float64
		want Kondisi
	}{{0, Baik}, {4, Baik}, {4.01, Sedang}, {8, Sedang}, {8.01, RusakRingan}, {12, RusakRingan}, {12.01, RusakBerat}, {25, RusakBerat}}
	for _, c := range iri {
		if got := r.ClassOfIRI(c.v); got != c.want {
			t.Errorf("IRI %g: got %s want %s", c.v, got, c.want)
		}
	}
	sdi := []struct {
		v    float64
		want Kondisi
	}{{0, Baik}, {50, Baik}, {50.5, Sedang}, {100, Sedang}, {100.5, RusakRingan}, {150, RusakRingan}, {150.5, RusakBerat}, {325, RusakBerat}}
	for _, c := range sdi {
		if got := r.ClassOfSDI(c.v); got != c.want {
			t.Errorf("SDI %g: got %s want %s", c.v, got, c.want)
		}
	}
}

func TestWorseOfIRIAndSDI(t *testing.T) {
	r, _ := ConditionRules("")
	// SDI 0 (Baik) with IRI 9 (Rusak Ringan) → Rusak Ringan.
	a, err := r.Assess(Distress{CrackAreaPct: f(0), CrackWidthMM: f(0), Potholes: f(0), RutCM: f(0), IRI: f(9)}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if a.Kondisi != RusakRingan || a.Basis != "iri+sdi" {
		t.Errorf("got %s (%s), want rusak_ringan from iri+sdi", a.Kondisi, a.Basis)
	}
	// IRI alone.
	a, err = r.Assess(Distress{IRI: f(3)}, 100)
	if err != nil || a.Kondisi != Baik || a.Basis != "iri" {
		t.Errorf("IRI alone: %v %s %s", err, a.Kondisi, a.Basis)
	}
	// Nothing usable.
	if _, err := r.Assess(Distress{CrackAreaPct: f(3)}, 100); !errors.Is(err, ErrInvalid) {
		t.Errorf("incomplete visual survey: err = %v, want ErrInvalid", err)
	}
	if _, err := r.Assess(Distress{IRI: f(-1)}, 100); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative IRI: err = %v, want ErrInvalid", err)
	}
}

func TestSchemeDesa4(t *testing.T) {
	s, err := SchemeOf(SchemeDesa4)
	if err != nil {
		t.Fatal(err)
	}
	// village Baik 100, Rusak Ringan 200, Rusak Sedang 300, Rusak Berat 400
	got := s.Convert([4]float64{100, 200, 300, 400})
	want := [4]float64{100, 200, 300, 400} // rank to rank: baik, sedang, rusak ringan, rusak berat
	if got != want {
		t.Errorf("convert = %v, want %v", got, want)
	}
	if s.ToBinaMarga["rusak_ringan"] != Sedang {
		t.Errorf("village rusak ringan maps to %s, want sedang", s.ToBinaMarga["rusak_ringan"])
	}
}
