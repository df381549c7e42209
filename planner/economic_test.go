package planner

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/planner/cba"
	"github.com/kotablitar/ruas/roads"
)

func economicModelT(t testing.TB) *economicModel {
	t.Helper()
	m, err := economicTable()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEconomicMethodListed(t *testing.T) {
	m := economicModelT(t)
	var info *MethodInfo
	for _, x := range Methods() {
		if x.Name == EconomicMethod {
			info = &x
		}
	}
	if info == nil {
		t.Fatalf("Methods() has no %q: %v", EconomicMethod, Methods())
	}
	// Every assumption of the mapping is stated in the method's source.
	for _, want := range []string{
		m.p.Name + " " + m.p.Version, m.t.Version, m.t.Money, m.t.TerrainNote, m.t.ClimateNote, m.t.Traffic.Note,
		m.t.Traffic.GrowthSource, m.t.RoadClassNote, m.t.WorksNote, m.t.Funding, fmt.Sprintf("m = %g per year", m.climateM),
		"lane class from the width", "aspal→2 asphalt concrete", "kolektor→4", "B-P2→berkala/rehabilitasi", "G-P→tidak didanai",
	} {
		if !strings.Contains(info.Source, want) {
			t.Errorf("method source does not state %q", want)
		}
	}
	if info.Label == "" || info.Budgeted {
		t.Errorf("label %q, budget-aware %v; want a label and a ranking (not an optimiser)", info.Label, info.Budgeted)
	}
}

// TestEconomicTableCoversCatalogue checks the embedded table against the
// parameter set (done at load) and the newest treatment catalogue.
func TestEconomicTableCoversCatalogue(t *testing.T) {
	m := economicModelT(t)
	cat, err := Treatments("")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range m.sortedWorkCodes() {
		for _, code := range m.works[w] {
			if j, _ := cat.treatment(code); j < 0 {
				t.Errorf("RoADS work %s maps to treatment %q, which catalogue %s does not have", w, code, cat.Version)
			}
		}
	}
	for _, s := range roads.Surfaces {
		if _, ok := m.surf[s]; !ok {
			t.Errorf("surface %s not mapped", s)
		}
	}
}

// TestParseEconomicInvalid breaks the embedded table one setting at a time.
func TestParseEconomicInvalid(t *testing.T) {
	tests := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"unknown field", func(m map[string]any) { m["terain"] = 1 }, "unknown field"},
		{"no version", func(m map[string]any) { m["version"] = "" }, "no version"},
		{"other parameter set", func(m map[string]any) { m["param_set"] = map[string]any{"name": "HDM-4", "version": "2"} }, "only the embedded"},
		{"terrain", func(m map[string]any) { m["terrain"] = 4 }, "terrain 4"},
		{"moisture", func(m map[string]any) { m["moisture"] = 9 }, "moisture 9"},
		{"surface missing", func(m map[string]any) { m["surfaces"] = m["surfaces"].([]any)[1:] }, "surface aspal has no RoADS surface"},
		{"surface code", func(m map[string]any) { m["surfaces"].([]any)[0].(map[string]any)["roads_surface"] = 8 }, "RoADS surface 8"},
		{"road class", func(m map[string]any) { m["road_class_by_fungsi"].(map[string]any)["arteri"] = 11 }, `road_class_by_fungsi["arteri"] = 11`},
		{"condition", func(m map[string]any) { delete(m["condition_from_kondisi"].(map[string]any), "sedang") }, "condition_from_kondisi[sedang]"},
		{"growth", func(m map[string]any) { m["traffic"].(map[string]any)["default_growth_pct"] = 300 }, "default_growth_pct 300"},
		{"span", func(m map[string]any) { m["traffic"].(map[string]any)["min_growth_span_years"] = 0 }, "min_growth_span_years"},
		{"work unmapped", func(m map[string]any) { m["works"] = m["works"].([]any)[1:] }, "RoADS work C-P"},
	}
	raw, err := data.FS.ReadFile("rules/economic_id2026.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseEconomic(raw); err != nil {
		t.Fatalf("embedded table: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			tt.edit(m)
			b, _ := json.Marshal(m)
			_, err := parseEconomic(b)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseEconomic: %v; want ErrInvalid naming %q", err, tt.want)
			}
		})
	}
}

// oneRuasNetwork is a register of one asphalt kolektor ruas, 6,5 m wide,
// built in 2010, with IRI-only 100 m unit surveys in 2025 and two traffic
// counts four years apart.
func oneRuasNetwork(t *testing.T, iri float64) *roads.Network {
	t.Helper()
	rules, err := roads.ConditionRules("")
	if err != nil {
		t.Fatal(err)
	}
	ru := &roads.Ruas{ID: 1, Key: roads.Key{Region: "35.72", No: "001"}, Name: "Jl. Uji", Status: roads.Kota, Fungsi: roads.Kolektor,
		Surface: roads.Aspal, WidthM: 6.5, LengthM: 300, KecamatanCode: "35.72.01", Kecamatan: "Kepanjenkidul", YearBuilt: 2010}
	net := &roads.Network{Ruas: []*roads.Ruas{ru}, Surveys: map[int64][]*roads.Survey{}, Works: map[int64][]*roads.Works{},
		Traffic: map[int64][]*roads.Traffic{1: {{RuasID: 1, Ruas: ru.Key, Year: 2020, LHR: 2000}, {RuasID: 1, Ruas: ru.Key, Year: 2024, LHR: 2400}}},
		Hash:    "one"}
	for u := 0; u < 3; u++ {
		v := iri
		s := &roads.Survey{RuasID: 1, Ruas: ru.Key, Date: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), StaFromM: float64(100 * u), StaToM: float64(100*u + 100),
			Distress: &roads.Distress{IRI: &v}}
		if err := s.Derive(rules); err != nil {
			t.Fatal(err)
		}
		net.Surveys[1] = append(net.Surveys[1], s)
	}
	return net
}

// TestEconomicSectionMapping builds the RoADS section of a hand-made
// register field by field, from the register's own values and the
// table's stated rules.
func TestEconomicSectionMapping(t *testing.T) {
	net := oneRuasNetwork(t, 7.2)
	in := Input{FromYear: 2026, Years: 3, BudgetsRp: []float64{1e9}, Method: EconomicMethod, NoCalibrate: true}
	e, err := newEngine(net, &in)
	if err != nil {
		t.Fatal(err)
	}
	if e.sec.n != 1 {
		t.Fatalf("%d sections, want 1 (one class along the ruas)", e.sec.n)
	}
	m := economicModelT(t)
	growth := math.Pow(2400.0/2000, 1.0/4) - 1 // measured, 4,66 %/year → scenario 2 (4,6 %)
	for _, year := range []int{2026, 2028} {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			st := &e.start // the survey (2025) is the end of FromYear-1
			k := e.cls.class(st.iri[0], st.sdi[0], e.sec.basis[0]&(basisIRI|basisSDI))
			ey := newEconYear(e, true)
			got, inputs, err := m.section(ey.site(e, 0, year, st.iri[0], k, st.surf[0], st.age[0], true))
			if err != nil {
				t.Fatal(err)
			}
			aadt := 2400 * math.Pow(1.046, float64(year-2024)) // latest count grown by scenario 2 to the works year
			want := cba.Section{
				ID:             "35.72/001 0+000–0+300",
				Length:         0.3,                 // km, from STA
				Lanes:          3,                   // 6,5 m is in the set's band [6, 8) m
				Width:          6.5,                 // m, the register's
				RoadClass:      4,                   // kolektor
				Terrain:        cba.Flat,            // Kota Blitar
				Temperature:    1,                   // tropical
				Moisture:       4,                   // humid
				Surface:        cba.AsphaltConcrete, // aspal
				Roughness:      float64(float32(7.2)),
				PavementAge:    2025 - 2010, // built 2010, surveyed 2025
				TrafficLevel:   6,           // 1000 ≤ AADT < 3000
				GrowthScenario: 2,
				AADTTotal:      aadt,
			}
			if d := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)) })); d != "" {
				t.Errorf("mapped section (-want +got):\n%s", d)
			}
			if inputs.MeasuredGrowth == nil || math.Abs(*inputs.MeasuredGrowth-growth*100) > 1e-9 || inputs.LHR != 2400 || inputs.LHRYear != 2024 ||
				inputs.WidthSource != "register" || inputs.SurfaceName != "asphalt concrete" || inputs.GrowthPct != 4.6 {
				t.Errorf("inputs %+v", inputs)
			}
		})
	}
}

// TestEconomicSectionDefaults: no width, no traffic count, no IRI, no age.
func TestEconomicSectionDefaults(t *testing.T) {
	m := economicModelT(t)
	s := econSite{ID: "x", LengthKm: 0.2, WidthM: 5, Surface: roads.Lapen, Fungsi: roads.Lingkungan, IRI: math.NaN(), Kondisi: roads.RusakBerat,
		AgeYears: -1, LHR: 400, GrowthPct: math.NaN(), Year: 2027}
	got, in, err := m.section(s)
	if err != nil {
		t.Fatal(err)
	}
	want := cba.Section{ID: "x", Length: 0.2, Lanes: 2, Width: 5, RoadClass: 5, Terrain: cba.Flat, Temperature: 1, Moisture: 4,
		Surface: cba.SurfaceTreatment, Condition: 5, TrafficLevel: 4, GrowthScenario: 2, AADTTotal: 400}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("mapped section (-want +got):\n%s", d)
	}
	if in.MeasuredGrowth != nil || in.IRI != 0 || in.Condition != 5 {
		t.Errorf("inputs %+v", in)
	}
	res, err := cba.Analyse(got, m.p)
	if err != nil || math.IsNaN(res.NPV) || math.IsNaN(res.NPVCost) {
		t.Errorf("Analyse: %v, NPV %g, NPV/cost %g", err, res.NPV, res.NPVCost)
	}
}

// TestEconomicSectionBadInput: bad mapping input is a clear error naming
// the section and the fix, never a panic or a NaN.
func TestEconomicSectionBadInput(t *testing.T) {
	m := economicModelT(t)
	good := econSite{ID: "35.72/009 0+000–0+100", LengthKm: 0.1, WidthM: 6, Surface: roads.Aspal, Fungsi: roads.Lokal, IRI: 8, Kondisi: roads.RusakRingan,
		AgeYears: 12, LHR: 3000, LHRYear: 2024, GrowthPct: math.NaN(), Year: 2026}
	tests := []struct {
		name string
		edit func(s *econSite)
		want string
	}{
		{"zero length", func(s *econSite) { s.LengthKm = 0 }, "length 0 km must be > 0"},
		{"negative length", func(s *econSite) { s.LengthKm = -0.1 }, "STA"},
		{"NaN length", func(s *econSite) { s.LengthKm = math.NaN() }, "length NaN km"},
		{"unknown surface", func(s *econSite) { s.Surface = "aspall" }, `surface "aspall" has no RoADS surface`},
		{"no width", func(s *econSite) { s.WidthM = 0 }, "width 0 m"},
		{"too wide", func(s *econSite) { s.WidthM = 120 }, "width 120 m"},
		{"no traffic", func(s *econSite) { s.LHR = 0 }, "record a traffic count"},
		{"NaN traffic", func(s *econSite) { s.LHR = math.NaN() }, "LHR NaN"},
		{"no IRI, no class", func(s *econSite) { s.IRI, s.Kondisi = 0, "" }, "survey the section's IRI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			tt.edit(&s)
			_, _, err := m.section(s)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), good.ID) {
				t.Errorf("section: %v; want ErrInvalid naming %s and %q", err, good.ID, tt.want)
			}
		})
	}
	// An IRI RoADS rejects comes back from Analyse as an error, not a NaN.
	sec, _, err := m.section(good)
	if err != nil {
		t.Fatal(err)
	}
	sec.Roughness = 600
	if _, err := cba.Analyse(sec, m.p); !errors.Is(err, cba.ErrInvalid) {
		t.Errorf("IRI 600: %v, want cba.ErrInvalid", err)
	}
}

// TestEconomicGrowthScenario picks the scenario nearest to the measured
// growth, or to the table's default where the counts are too close.
func TestEconomicGrowthScenario(t *testing.T) {
	m := economicModelT(t)
	c := func(y int, lhr float64) *roads.Traffic { return &roads.Traffic{Year: y, LHR: lhr} }
	tests := []struct {
		name   string
		counts []*roads.Traffic
		lhr    float64
		year   int
		scn    int
	}{
		{"none", nil, math.NaN(), 0, 2},
		{"one count", []*roads.Traffic{c(2023, 1000)}, 1000, 2023, 2},
		{"too close", []*roads.Traffic{c(2023, 1000), c(2024, 1200)}, 1200, 2024, 2},
		{"fast", []*roads.Traffic{c(2020, 1000), c(2024, 1400)}, 1400, 2024, 5}, // 8,8 %
		{"slow", []*roads.Traffic{c(2020, 1000), c(2025, 1100)}, 1100, 2025, 1}, // 1,9 %
		{"after plan start", []*roads.Traffic{c(2020, 1000), c(2030, 5000)}, 1000, 2020, 2},
		{"zero first", []*roads.Traffic{c(2018, 0), c(2020, 1000), c(2024, 1240)}, 1240, 2024, 3}, // 5,5 %
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := m.ruasTraffic(tt.counts, 2026)
			if !(r.lhr == tt.lhr || math.IsNaN(r.lhr) && math.IsNaN(tt.lhr)) || r.lhrYear != tt.year {
				t.Errorf("LHR %g in %d, want %g in %d", r.lhr, r.lhrYear, tt.lhr, tt.year)
			}
			lhr := r.lhr
			if math.IsNaN(lhr) {
				lhr = 500
			}
			sec, _, err := m.section(econSite{ID: "g", LengthKm: 1, WidthM: 6, Surface: roads.Aspal, IRI: 5, LHR: lhr, LHRYear: r.lhrYear, GrowthPct: r.growthPct, Year: 2026})
			if err != nil {
				t.Fatal(err)
			}
			if sec.GrowthScenario != tt.scn {
				t.Errorf("growth %g %%: scenario %d, want %d", r.growthPct, sec.GrowthScenario, tt.scn)
			}
		})
	}
}

// TestEconomicRankingIsCurrencyFree: multiplying every money value of the
// parameter set by one exchange rate leaves the choice, NPV/cost and EIRR
// unchanged and scales NPV, which is why the set is used unconverted.
func TestEconomicRankingIsCurrencyFree(t *testing.T) {
	m := economicModelT(t)
	const rate = 16_250.0 // any factor; e.g. Rp per unit
	q := cba.RoADSDefaults()
	for i := range q.Works {
		for k := range q.Works[i].UnitCost {
			q.Works[i].UnitCost[k] *= rate
		}
	}
	for i := range q.Surfaces {
		for k := range q.Surfaces[i].RecurrentCost {
			q.Surfaces[i].RecurrentCost[k] *= rate
		}
	}
	for i := range q.Vehicles {
		q.Vehicles[i].TimeValue *= rate
	}
	for _, row := range q.VOC {
		for _, c := range row {
			for _, v := range [][]float64{c.A, c.B, c.C, c.D} {
				for k := range v {
					v[k] *= rate
				}
			}
		}
	}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, surf := range []roads.Surface{roads.Aspal, roads.Lapen, roads.Beton, roads.Paving, roads.Kerikil} {
		for _, iri := range []float64{3, 5.5, 8, 11, 15} {
			for _, lhr := range []float64{300, 2500, 12000} {
				sec, _, err := m.section(econSite{ID: fmt.Sprintf("%s/%g/%g", surf, iri, lhr), LengthKm: 0.4, WidthM: 6, Surface: surf,
					Fungsi: roads.Kolektor, IRI: iri, AgeYears: 10, LHR: lhr, LHRYear: 2025, GrowthPct: math.NaN(), Year: 2026})
				if err != nil {
					t.Fatal(err)
				}
				a, err1 := cba.Analyse(sec, m.p)
				b, err2 := cba.Analyse(sec, q)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				near := func(x, y float64) bool { return math.Abs(x-y) <= 1e-7*math.Max(1, math.Abs(x)) }
				eirrSame := near(a.EIRR, b.EIRR) || math.IsNaN(a.EIRR) && math.IsNaN(b.EIRR)
				if a.WorkCode != b.WorkCode || a.WorkYear != b.WorkYear || a.DoNothing != b.DoNothing || !near(a.NPVCost, b.NPVCost) ||
					!eirrSame || !near(a.NPV*rate, b.NPV) {
					t.Errorf("%s: %s y%d NPV %g NPV/cost %g EIRR %g vs scaled %s y%d NPV %g NPV/cost %g EIRR %g", sec.ID,
						a.WorkCode, a.WorkYear, a.NPV, a.NPVCost, a.EIRR, b.WorkCode, b.WorkYear, b.NPV, b.NPVCost, b.EIRR)
				}
				if !a.DoNothing {
					n++
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d sections chose a work: the check says little", n)
	}
}

// TestEconomicChooseOrderAndBudget checks one year's choice on generated
// sections against an independent reading of the rule: candidates are the
// sections whose RoADS work is due in year 1 with NPV > 0 and a catalogue
// treatment; they are funded by descending NPV/cost while the cost fits.
func TestEconomicChooseOrderAndBudget(t *testing.T) {
	e := genEngine(t, 3000, 7, EconomicMethod, 1)
	st := e.start.clone()
	n := e.sec.n
	y := &yearCtx{year: 2026, cls: make([]uint8, n), busy: make([]bool, n), ch: newChoices(n, len(e.tr)), score: make([]float64, n), order: make([]int32, 0, n)}
	for i := 0; i < n; i++ {
		e.stepSection(&st, i)
		y.cls[i] = e.cls.class(st.iri[i], st.sdi[i], e.sec.basis[i]&(basisIRI|basisSDI))
	}
	for i := 0; i < n; i += 10 {
		y.busy[i] = true // treated by recorded works: not analysed
	}
	ey := newEconYear(e, true)
	type cand struct {
		i          int
		j          int
		key, costs float64
	}
	var cands []cand
	var all float64
	for i := 0; i < n; i++ {
		if y.busy[i] {
			continue
		}
		c := ey.analyse(e, i, 2026, st.iri[i], y.cls[i], st.surf[i], st.age[i], true)
		if c.err != nil {
			t.Fatalf("section %d: %v", i, c.err)
		}
		if c.j < 0 {
			continue
		}
		r := c.res
		if r.DoNothing || r.WorkYear != 1 || r.NPV <= 0 || math.Abs(r.NPVCost-r.NPV/r.WorkCost) > 1e-12 {
			t.Fatalf("section %d: candidate with %+v", i, r)
		}
		cost := e.cost(c.j, i, st.surf[i], 2026)
		cands = append(cands, cand{i, c.j, r.NPVCost, cost})
		all += cost
	}
	if len(cands) < 50 {
		t.Fatalf("only %d candidates of %d sections", len(cands), n)
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.key != b.key {
			if a.key > b.key {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	for _, frac := range []float64{0, 0.05, 0.3, 1.1} {
		t.Run(fmt.Sprintf("budget %g of all", frac), func(t *testing.T) {
			budget := all * frac
			chooseEconomic(e, &st, y, budget)
			want := []int32{}
			left := budget
			for _, c := range cands {
				if c.costs <= left {
					left -= c.costs
					want = append(want, int32(c.i))
				}
			}
			if d := cmp.Diff(want, append([]int32{}, y.order...)); d != "" {
				t.Fatalf("funded sections (-want +got):\n%s", d)
			}
			var spent float64
			for _, i := range y.order {
				spent += y.ch.cost[int(i)*y.ch.k+int(y.ch.pick[i])]
			}
			if spent > budget {
				t.Errorf("spent %g over budget %g", spent, budget)
			}
		})
	}
}

// TestEconomicDemoPlan runs the demo city with the economic method under
// several budgets: no year over its budget, works in descending NPV/cost,
// each with its RoADS evidence; and the run is reproducible.
func TestEconomicDemoPlan(t *testing.T) {
	net := demoNetwork(t)
	// Routine care of the mantap network (about Rp 5,8 miliar a year) is
	// funded first, so the smallest budget leaves a little for capital works.
	for _, budgets := range [][]float64{{8e9}, {12e9, 8e9, 20e9}} {
		in := Input{FromYear: demoFrom, Years: 3, BudgetsRp: budgets, Method: EconomicMethod}
		res, err := Run(net, in)
		if err != nil {
			t.Fatal(err)
		}
		if res.Method.Name != EconomicMethod {
			t.Fatalf("method %q", res.Method.Name)
		}
		funded := 0
		for _, y := range res.Plan {
			checkEconomicYear(t, y)
			for _, w := range y.Works {
				if !w.Committed && !w.Routine {
					funded++
				}
			}
		}
		if funded == 0 {
			t.Errorf("budgets %v: nothing funded", budgets)
		}
		// The stored result re-runs to the same bytes (Rerun).
		stored, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		inputs, _ := json.Marshal(res.Input)
		if _, same, err := Rerun(net, inputs, stored); err != nil || !same {
			t.Errorf("rerun: same %v, err %v", same, err)
		}
	}
}

// checkEconomicYear checks one plan year of the economic method (shared
// with the CLI test through the JSON result).
func checkEconomicYear(t *testing.T, y YearResult) {
	t.Helper()
	if y.SpentRp > y.BudgetRp && y.SpentRp > y.CommittedRp+y.RoutineRp+y.CompanionRp {
		t.Errorf("%d: spent %s over the budget %s", y.Year, FormatRp(y.SpentRp), FormatRp(y.BudgetRp))
	}
	var sum float64
	prev := math.Inf(1)
	for _, w := range y.Works {
		sum += w.CostRp
		ev := w.Evidence.Economic
		if w.Committed || w.Routine {
			if ev != nil {
				t.Errorf("%d %s: committed works carry an economic analysis", y.Year, w.Section)
			}
			continue
		}
		if ev == nil {
			t.Errorf("%d %s: funded work without its RoADS evidence", y.Year, w.Section)
			continue
		}
		if w.Evidence.Priority > prev {
			t.Errorf("%d rank %d %s: NPV/cost %g after %g: not descending", y.Year, w.Rank, w.Section, w.Evidence.Priority, prev)
		}
		prev = w.Evidence.Priority
		if !(ev.NPVM > 0) || !(ev.WorkCostM > 0) || ev.WorkYear != 1 || ev.NPVCost != w.Evidence.Priority ||
			math.Abs(ev.NPVCost-ev.NPVM/ev.WorkCostM) > 1e-3*ev.NPVCost+1e-4 {
			t.Errorf("%d %s: evidence %+v, priority %g", y.Year, w.Section, ev, w.Evidence.Priority)
		}
		if (ev.EIRRPct == nil) == (ev.EIRRNote == "") || ev.EIRRPct != nil && !(*ev.EIRRPct > 0) {
			t.Errorf("%d %s: EIRR %v note %q", y.Year, w.Section, ev.EIRRPct, ev.EIRRNote)
		}
		if ev.ParamSet == "" || ev.Table == "" || ev.Work == "" || !strings.Contains(ev.TreatmentRule, "→ "+w.Treatment) ||
			!strings.Contains(w.Justification, "NPV/biaya") || ev.Inputs.LengthKm <= 0 || ev.Inputs.AADT <= 0 {
			t.Errorf("%d %s: evidence %+v, justification %q", y.Year, w.Section, ev, w.Justification)
		}
	}
	if math.Abs(sum+y.CompanionRp-y.SpentRp) > float64(len(y.Works)) {
		t.Errorf("%d: works add up to %s + companions %s, spent says %s", y.Year, FormatRp(sum), FormatRp(y.CompanionRp), FormatRp(y.SpentRp))
	}
}

// TestEconomicEvidenceUndefinedEIRR: an EIRR RoADS cannot give (NaN)
// becomes null in JSON with a note saying why, never a failed encoding.
func TestEconomicEvidenceUndefinedEIRR(t *testing.T) {
	m := economicModelT(t)
	tests := []struct {
		name string
		net  [cba.Years]float64
		note string
	}{
		{"never negative", [cba.Years]float64{0.5, 0.4, 0.3}, eirrUndefined},
		{"no root found", [cba.Years]float64{-1, 3, -3, 1}, eirrNoRoot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := econCand{res: cba.Result{WorkCode: "B-P2", WorkYear: 1, WorkCost: 1, NPV: 2, NPVCost: 2, EIRR: math.NaN(), NetBenefits: tt.net}}
			ev := economicEvidenceOf(m, &c)
			b, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), `"eirr_pct":null`) || ev.EIRRNote != tt.note {
				t.Errorf("%s; note %q, want %q", b, ev.EIRRNote, tt.note)
			}
		})
	}
}

// TestEconomicUsesPlannerDeterioration: the economic method's RoADS
// analysis grows asphalt roughness at the planner's calibrated rate (the
// demo history's m ≈ 0.075), not the parameter set's climate m (0.025):
// the do-nothing roughness of a Sedang asphalt section rises by 1 + m a
// year in RoADS, as in the plan.
func TestEconomicUsesPlannerDeterioration(t *testing.T) {
	net := demoNetwork(t)
	in := Input{FromYear: 2027, Years: 1, BudgetsRp: []float64{1e9}, Method: EconomicMethod}
	e, err := newEngine(net, &in)
	if err != nil {
		t.Fatal(err)
	}
	m := param(t, e.cal, "aspal", "iri")
	if m.Source != "fitted" || math.Abs(m.Rate-0.025) < 0.02 {
		t.Fatalf("demo asphalt rate %+v: want a fitted rate well away from RoADS's 0.025", m)
	}
	ey := newEconYear(e, false)
	checked := 0
	for i := 0; i < e.sec.n && checked < 5; i++ {
		k := e.cls.class(e.start.iri[i], e.start.sdi[i], e.sec.basis[i]&(basisIRI|basisSDI))
		if roads.Surfaces[e.start.surf[i]] != roads.Aspal || k != 1 {
			continue
		}
		c := ey.analyse(e, i, 2027, e.start.iri[i], k, e.start.surf[i], e.start.age[i], false)
		if c.err != nil {
			t.Fatal(c.err)
		}
		b := c.res.IRIBase
		if g := b[1]/b[0] - 1; math.Abs(g-m.Rate) > 1e-9 {
			t.Errorf("section %d: RoADS base roughness %v grows %.5f a year, the plan's asphalt rate is %.5f", i, b[:3], g, m.Rate)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no Sedang asphalt section to check")
	}
	if !strings.Contains(e.method.info.Source, "planner's asphalt roughness rate") {
		t.Errorf("the method's source does not say which m it used: %s", e.method.info.Source)
	}
}
