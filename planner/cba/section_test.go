package cba_test

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kotablitar/ruas/planner/cba"
)

// blitar is a valid section: an asphalt road in fair-to-poor condition with
// counted traffic (testdata/section_blitar.json).
func blitar(t testing.TB) cba.Section {
	t.Helper()
	data, err := os.ReadFile("testdata/section_blitar.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := cba.ParseSection(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestParseSection(t *testing.T) {
	s := blitar(t)
	want := cba.Section{
		ID: "35.72.014", Length: 1.85, Width: 5.5, RoadClass: 8, Terrain: cba.Flat,
		Temperature: 1, Moisture: 4, Surface: cba.AsphaltConcrete, Condition: 4, GrowthScenario: 3,
		AADT:      cba.Traffic{2100, 260, 140, 90, 20, 70, 40, 10, 0, 15, 5, 0},
		AADTTotal: 2750,
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("ParseSection (-want +got):\n%s", diff)
	}
	for _, bad := range []string{``, `{`, `[]`, `{"length":"long"}`, `{"lanes":2.5}`} {
		if _, err := cba.ParseSection([]byte(bad)); !errors.Is(err, cba.ErrInvalid) {
			t.Errorf("ParseSection(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

// TestAnalyseInvalid checks that every kind of bad section gives an error
// that wraps ErrInvalid and names the field, and no result.
func TestAnalyseInvalid(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*cba.Section)
		field string
	}{
		{"missing length", func(s *cba.Section) { s.Length = 0 }, "Length"},
		{"negative length", func(s *cba.Section) { s.Length = -2 }, "Length"},
		{"NaN length", func(s *cba.Section) { s.Length = math.NaN() }, "Length"},
		{"unknown surface", func(s *cba.Section) { s.Surface = 9 }, "Surface"},
		{"no surface nor road type", func(s *cba.Section) { s.Surface = 0 }, "Surface"},
		{"negative class count", func(s *cba.Section) { s.AADT[0] = -5 }, "AADT[motorcycle]"},
		{"infinite class count", func(s *cba.Section) { s.AADT[6] = math.Inf(1) }, "AADT[medium truck]"},
		{"negative total", func(s *cba.Section) { s.AADT = cba.Traffic{}; s.AADTTotal = -100 }, "AADTTotal"},
		{"counts disagree with total", func(s *cba.Section) { s.AADTTotal = 3000 }, "AADTTotal"},
		{"no traffic", func(s *cba.Section) { s.AADT = cba.Traffic{}; s.AADTTotal = 0 }, "TrafficLevel"},
		{"unknown traffic level", func(s *cba.Section) { s.TrafficLevel = 16 }, "TrafficLevel"},
		{"no width nor lanes", func(s *cba.Section) { s.Width = 0 }, "Width"},
		{"absurd width", func(s *cba.Section) { s.Width = 150 }, "Width"},
		{"unknown lane class", func(s *cba.Section) { s.Lanes = 9 }, "Lanes"},
		{"no condition nor roughness", func(s *cba.Section) { s.Condition = 0 }, "Condition"},
		{"unknown condition", func(s *cba.Section) { s.Condition = 6 }, "Condition"},
		{"negative roughness", func(s *cba.Section) { s.Roughness = -1 }, "Roughness"},
		{"absurd roughness", func(s *cba.Section) { s.Roughness = 1e9 }, "Roughness"},
		{"no road class", func(s *cba.Section) { s.RoadClass = 0 }, "RoadClass"},
		{"unknown road class", func(s *cba.Section) { s.RoadClass = 11 }, "RoadClass"},
		{"unknown terrain", func(s *cba.Section) { s.Terrain = 4 }, "Terrain"},
		{"no temperature", func(s *cba.Section) { s.Temperature = 0 }, "Temperature"},
		{"unknown moisture", func(s *cba.Section) { s.Moisture = 6 }, "Moisture"},
		{"no growth scenario", func(s *cba.Section) { s.GrowthScenario = 0 }, "GrowthScenario"},
		{"negative pavement age", func(s *cba.Section) { s.PavementAge = -1 }, "PavementAge"},
		{"NaN structural number", func(s *cba.Section) { s.StructuralNumber = math.NaN() }, "StructuralNumber"},
		{"overflowing length", func(s *cba.Section) { s.Length = 1e306 }, "Length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := blitar(t)
			tt.edit(&s)
			res, err := cba.Analyse(s, nil)
			if !errors.Is(err, cba.ErrInvalid) {
				t.Fatalf("Analyse: error %v, want ErrInvalid", err)
			}
			if msg := err.Error(); !strings.Contains(msg, " "+tt.field+" ") || !strings.Contains(msg, "35.72.014") {
				t.Errorf("Analyse: error %q does not name the section and field %s", msg, tt.field)
			}
			if diff := cmp.Diff(cba.Result{}, res, cmp.AllowUnexported(cba.Result{})); diff != "" {
				t.Errorf("Analyse returned a result with its error:\n%s", diff)
			}
		})
	}
}

// TestAnalyseDefaults checks that the ways of giving the same section agree.
func TestAnalyseDefaults(t *testing.T) {
	base := blitar(t)
	want, err := cba.Analyse(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := cba.RoADSDefaults()
	same := []struct {
		name string
		edit func(*cba.Section)
	}{
		{"lane class given", func(s *cba.Section) { s.Lanes = 2 }},
		{"counts without total", func(s *cba.Section) { s.AADTTotal = 0 }},
		{"roughness instead of condition", func(s *cba.Section) { s.Condition, s.Roughness = 0, p.Surfaces[1].Roughness[3] }},
	}
	for _, tt := range same {
		t.Run(tt.name, func(t *testing.T) {
			s := base
			tt.edit(&s)
			got, err := cba.Analyse(s, p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(cba.Result{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	// A lane class alone stands for its typical width.
	s := base
	s.Width, s.Lanes = 0, 2
	got, err := cba.Analyse(s, p)
	if err != nil {
		t.Fatal(err)
	}
	if w := got.WorkCostKm * 1000 / p.Works[5].UnitCost[0]; got.WorkCode != "B-R1" || math.Abs(w-p.LaneClasses[1].Width) > 1e-9 {
		t.Errorf("%s costs %g per km: width %g m, want lane class 2's %g m", got.WorkCode, got.WorkCostKm, w, p.LaneClasses[1].Width)
	}

	// A total alone is split by its traffic level's composition.
	s = base
	s.AADT, s.AADTTotal = cba.Traffic{}, 2750
	got, err = cba.Analyse(s, p)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.AADT[0]-2750) > 1e-9 {
		t.Errorf("AADT year 1 = %g, want 2750", got.AADT[0])
	}
	level := p.TrafficLevels[5] // 1000 to 3000 vehicles/day
	trucks := level.Shares[5] + level.Shares[6] + level.Shares[7] + level.Shares[8]
	if math.Abs(got.TruckShare-trucks) > 1e-12 {
		t.Errorf("truck share %g, want level 6's %g", got.TruckShare, trucks)
	}

	// A level alone stands for its typical traffic.
	s.AADTTotal, s.TrafficLevel = 0, 3
	got, err = cba.Analyse(s, p)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.AADT[0]-175) > 1e-9 {
		t.Errorf("AADT year 1 = %g, want level 3's 175", got.AADT[0])
	}
}

// TestAnalyseResult checks the shape of a result: the chosen option is the
// best of the evaluated ones and its figures agree with each other.
func TestAnalyseResult(t *testing.T) {
	res, err := cba.Analyse(blitar(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := res.Options()
	if len(opts) != cba.MaxAlternatives {
		t.Fatalf("%d options, want %d", len(opts), cba.MaxAlternatives)
	}
	for _, o := range opts {
		if o.NPV > res.NPV {
			t.Errorf("option %s year %d has NPV %g above the chosen %g", o.WorkCode, o.WorkYear, o.NPV, res.NPV)
		}
	}
	if res.DoNothing || res.NPV <= 0 || math.IsNaN(res.EIRR) || res.EIRR <= 0.12 {
		t.Errorf("a rough, busy road should justify a work: DoNothing %v, NPV %g, EIRR %g", res.DoNothing, res.NPV, res.EIRR)
	}
	if math.Abs(res.NPVCost-res.NPV/res.WorkCost) > 1e-12 || math.Abs(res.WorkCostKm*1.85-res.WorkCost) > 1e-12 {
		t.Errorf("NPV/cost %g or cost/km %g inconsistent with NPV %g, cost %g", res.NPVCost, res.WorkCostKm, res.NPV, res.WorkCost)
	}
	npv := 0.0
	for y, b := range res.NetBenefits {
		npv += b / math.Pow(1.12, float64(y))
	}
	if math.Abs(npv-res.NPV) > 1e-9 {
		t.Errorf("NPV %g, but the net benefits discount to %g", res.NPV, npv)
	}
	if res.ParamSet != "RoADS CBA defaults 1.00" {
		t.Errorf("ParamSet = %q", res.ParamSet)
	}
}
