package cba_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner/cba"

	"github.com/kotablitar/ruas/data/shared"
)

// fixture is one section of the RoADS oracle with what the workbook
// computed for it.
type fixture struct {
	name    string
	section cba.Section
	want    workbookResult
}

// workbookResult is the workbook's output for a section, as extracted by
// roads-cba-py (NaN where Excel gave an error).
type workbookResult struct {
	WorkClass  string `json:"work_class"`
	WorkType   string `json:"work_type"`
	WorkName   string `json:"work_name"`
	WorkCost   number `json:"work_cost"`
	WorkCostKm number `json:"work_cost_km"`
	WorkYear   number `json:"work_year"`
	NPV        number `json:"npv"`
	NPVKm      number `json:"npv_km"`
	NPVCost    number `json:"npv_cost"`
	EIRR       number `json:"eirr"`
	Trucks     number `json:"truck_percent"`
	Util       number `json:"vehicle_utilization"`
	ESA        number `json:"esa_loading"`

	AADT      []number `json:"aadt"`
	IRI       []number `json:"iri_projection"`
	IRIBase   []number `json:"iri_base"`
	Cond      []number `json:"con_projection"`
	CondBase  []number `json:"con_base"`
	Recurrent []number `json:"financial_recurrent_cost"`
	Net       []number `json:"net_benefits"`
}

// number is a float that also reads the bare NaN Python writes.
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
	if string(b) == `"NaN"` {
		*n = number(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = number(f)
	return nil
}

var bareNaN = regexp.MustCompile(`([:\[,]\s*)NaN\b`)

// fixturesDir is where the oracle lives: $RUAS_ROADS_FIXTURES, or
// ../shared/oracles/roads-cba beside the module root.
func fixturesDir(tb testing.TB) string {
	if d := os.Getenv("RUAS_ROADS_FIXTURES"); d != "" {
		return d
	}
	return filepath.Join(shared.Dir(), "oracles", "roads-cba")
}

// loadFixtures reads every section_*.json / section_*.output.json pair. A
// missing folder skips the test, except in CI where it fails.
func loadFixtures(tb testing.TB) []fixture {
	dir := fixturesDir(tb)
	if _, err := os.Stat(dir); err != nil {
		msg := fmt.Sprintf("RoADS fixtures not found at %s (set RUAS_ROADS_FIXTURES): %v", dir, err)
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	inputs, err := filepath.Glob(filepath.Join(dir, "section_*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(inputs)
	var fs []fixture
	for _, in := range inputs {
		if strings.HasSuffix(in, ".output.json") {
			continue
		}
		data, err := os.ReadFile(in)
		if err != nil {
			tb.Fatal(err)
		}
		s, err := cba.ParseSection(data)
		if err != nil {
			tb.Fatalf("%s: %v", in, err)
		}
		out, err := os.ReadFile(strings.TrimSuffix(in, ".json") + ".output.json")
		if err != nil {
			tb.Fatal(err)
		}
		f := fixture{name: strings.TrimSuffix(filepath.Base(in), ".json"), section: s}
		if err := json.Unmarshal(bareNaN.ReplaceAll(out, []byte(`$1"NaN"`)), &f.want); err != nil {
			tb.Fatalf("%s: %v", in, err)
		}
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		tb.Fatalf("no section_*.json fixtures in %s", dir)
	}
	return fs
}

// TestRoADSConformance reproduces the RoADS workbook's outputs for every
// section of the oracle, each number within 1e-6.
func TestRoADSConformance(t *testing.T) {
	fixtures := loadFixtures(t)
	matched, shown := 0, 0
	for _, f := range fixtures {
		got, err := cba.Analyse(f.section, nil)
		var diffs []string
		if err != nil {
			diffs = []string{err.Error()}
		} else {
			diffs = compare(&f.want, &got)
		}
		if len(diffs) == 0 {
			matched++
			continue
		}
		if shown < 10 {
			shown++
			t.Errorf("%s: %d differences:\n  %s", f.name, len(diffs), strings.Join(diffs[:min(len(diffs), 12)], "\n  "))
		}
	}
	t.Logf("matched %d of %d sections", matched, len(fixtures))
	if matched != len(fixtures) {
		t.Errorf("%d sections differ from the workbook", len(fixtures)-matched)
	}
}

// compare lists every field where got differs from the workbook.
func compare(want *workbookResult, got *cba.Result) []string {
	var diffs []string
	str := func(name, w, g string) {
		if w != g {
			diffs = append(diffs, fmt.Sprintf("%s: want %q, got %q", name, w, g))
		}
	}
	num := func(name string, w number, g float64) {
		if !close(float64(w), g) {
			diffs = append(diffs, fmt.Sprintf("%s: want %v, got %v", name, float64(w), g))
		}
	}
	series := func(name string, w []number, g []float64) {
		if len(w) > len(g) {
			diffs = append(diffs, fmt.Sprintf("%s: want %d years, got %d", name, len(w), len(g)))
			return
		}
		for i := range w {
			num(fmt.Sprintf("%s[%d]", name, i), w[i], g[i])
		}
	}
	ints := func(v [cba.Years]int) []float64 {
		f := make([]float64, len(v))
		for i, x := range v {
			f[i] = float64(x)
		}
		return f
	}
	str("work_class", want.WorkClass, got.WorkClass)
	str("work_type", want.WorkType, got.WorkCode)
	str("work_name", want.WorkName, got.WorkName)
	num("work_cost", want.WorkCost, got.WorkCost)
	num("work_cost_km", want.WorkCostKm, got.WorkCostKm)
	num("work_year", want.WorkYear, float64(got.WorkYear))
	num("npv", want.NPV, got.NPV)
	num("npv_km", want.NPVKm, got.NPVKm)
	num("npv_cost", want.NPVCost, got.NPVCost)
	num("eirr", want.EIRR, got.EIRR)
	num("truck_percent", want.Trucks, got.TruckShare)
	num("vehicle_utilization", want.Util, got.Utilisation)
	num("esa_loading", want.ESA, got.ESALoading)
	series("aadt", want.AADT, got.AADT[:])
	series("iri_projection", want.IRI, got.IRI[:])
	series("iri_base", want.IRIBase, got.IRIBase[:])
	series("con_projection", want.Cond, ints(got.Condition))
	series("con_base", want.CondBase, ints(got.ConditionBase))
	series("financial_recurrent_cost", want.Recurrent, got.RecurrentCost[:])
	series("net_benefits", want.Net, got.NetBenefits[:])
	return diffs
}

// close reports whether two outputs agree within 1e-6; NaN matches NaN.
func close(want, got float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	return math.Abs(want-got) < 1e-6
}

// BenchmarkRoADS analyses the oracle's sections one after another and
// reports sections per second.
func BenchmarkRoADS(b *testing.B) {
	fixtures := loadFixtures(b)
	p := cba.RoADSDefaults()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := cba.Analyse(fixtures[i].section, p); err != nil {
			b.Fatal(err)
		}
		i++
		if i == len(fixtures) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sections/s")
}
