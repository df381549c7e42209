package planner

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/planner/cba"
	"github.com/kotablitar/ruas/roads"
)

// EconomicTable is a versioned mapping of the register onto the RoADS
// cost-benefit model (data/rules/economic_*.json): which RoADS parameter
// set, terrain and climate apply, how surfaces, fungsi and condition
// translate, how traffic grows, and which catalogue treatment carries out
// each RoADS work. Engineers edit the file, not code.
type EconomicTable struct {
	Version   string `json:"version"`
	Name      string `json:"name"`
	Source    string `json:"source"`
	ValidFrom int    `json:"valid_from"`
	ParamSet  struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"param_set"`
	Money       string      `json:"money"`
	Terrain     cba.Terrain `json:"terrain"`
	TerrainNote string      `json:"terrain_note"`
	Temperature int         `json:"temperature"` // RoADS class 1 tropical … 5
	Moisture    int         `json:"moisture"`    // RoADS class 1 arid … 5 per-humid
	ClimateNote string      `json:"climate_note"`
	Surfaces    []struct {
		Surface roads.Surface `json:"surface"`
		RoADS   cba.Surface   `json:"roads_surface"`
		Note    string        `json:"note,omitempty"`
	} `json:"surfaces"`
	RoadClass     map[roads.Fungsi]int  `json:"road_class_by_fungsi"`
	RoadClassNote string                `json:"road_class_note"`
	Condition     map[roads.Kondisi]int `json:"condition_from_kondisi"`
	ConditionNote string                `json:"condition_note"`
	Traffic       struct {
		DefaultGrowthPct float64 `json:"default_growth_pct"` // % per year
		GrowthSource     string  `json:"growth_source"`
		MinSpanYears     int     `json:"min_growth_span_years"`
		Note             string  `json:"note"`
	} `json:"traffic"`
	Works []struct {
		Work       string   `json:"roads_work"` // RoADS work code
		Treatments []string `json:"treatments"` // catalogue codes, first applicable wins
		Note       string   `json:"note,omitempty"`
	} `json:"works"`
	WorksNote string `json:"works_note"`
	Funding   string `json:"funding"`
}

// economicModel is a loaded, checked table with its parameter set and
// the lookups the yearly loop needs.
type economicModel struct {
	t       *EconomicTable
	p       *cba.Params
	surf    map[roads.Surface]cba.Surface
	works   map[string][]string // RoADS work code → catalogue codes
	scnRate []float64           // mean growth of each scenario, fraction per year
	// cands lists, per RoADS surface (index surface-1), the works the
	// set's work choices may propose for it.
	cands    [][]string
	climateM float64
	info     MethodInfo
}

// withM returns the model with the set's climate coefficient m (at the
// table's climate class) replaced by rate: the planner's own asphalt
// roughness rate, calibrated on the city's surveys where they carry it,
// so that RoADS ranks on the deterioration the plan simulates. RoADS
// grows asphalt and surface-treatment roughness as IRI·(1+m) a year,
// the planner's exponential form.
func (m *economicModel) withM(rate float64, source string) *economicModel {
	if rate == m.climateM {
		return m
	}
	c := *m
	p := *m.p
	p.ClimateM = make([][]float64, len(m.p.ClimateM))
	for i, row := range m.p.ClimateM {
		p.ClimateM[i] = append([]float64(nil), row...)
	}
	p.ClimateM[m.t.Temperature-1][m.t.Moisture-1] = rate
	c.p, c.climateM = &p, rate
	c.info = c.methodInfo()
	c.info.Source += fmt.Sprintf(" The climate coefficient m is the planner's asphalt roughness rate for this plan (%g per year, %s), not the set's %g, so that RoADS ranks on the deterioration the plan simulates.",
		rate, source, m.climateM)
	return &c
}

// economicSpec is where the economic tables are and what each must hold.
// Unknown fields are an error, so that a misspelt setting is not
// silently ignored.
var economicSpec = data.Spec{Kind: "economic", Pattern: "rules/economic_*.json", Strict: true,
	Required: []string{"valid_from", "param_set", "surfaces"}}

var economics = data.Tables[EconomicTable]{Spec: economicSpec, Check: func(t *EconomicTable) error {
	_, err := newEconomicModel(t)
	return err
}}

// loadEconomic returns the model of the newest embedded economic table
// (highest valid-from, then version), each table checked against the
// parameter set it names.
func loadEconomic() (*economicModel, error) {
	t, err := economics.Get("")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return newEconomicModel(t)
}

var economicTable = sync.OnceValues(loadEconomic)

// parseEconomic reads and checks one economic table.
func parseEconomic(b []byte) (*economicModel, error) {
	t, _, err := data.Decode[EconomicTable](economicSpec, "the table given", b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return newEconomicModel(t)
}

// newEconomicModel checks a table against the parameter set it names and
// builds its lookups.
func newEconomicModel(t *EconomicTable) (*economicModel, error) {
	p := cba.RoADSDefaults()
	if t.ParamSet.Name != p.Name || t.ParamSet.Version != p.Version {
		return nil, fmt.Errorf("%w: economic table %s names parameter set %q %q; only the embedded %q %q is known", ErrInvalid,
			t.Version, t.ParamSet.Name, t.ParamSet.Version, p.Name, p.Version)
	}
	m := &economicModel{t: t, p: p, surf: map[roads.Surface]cba.Surface{}, works: map[string][]string{}}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("%w: economic table %s: %v", ErrInvalid, t.Version, err)
	}
	m.info = m.methodInfo()
	return m, nil
}

// check validates the table against its parameter set and fills the lookups.
func (m *economicModel) check() error {
	t, p := m.t, m.p
	if t.Version == "" {
		return fmt.Errorf("no version")
	}
	if t.Terrain < cba.Flat || t.Terrain > cba.Mountainous {
		return fmt.Errorf("terrain %d must be 1 flat, 2 hilly or 3 mountainous", t.Terrain)
	}
	if t.Temperature < 1 || t.Temperature > len(p.ClimateM) || t.Moisture < 1 || t.Moisture > len(p.ClimateM[0]) {
		return fmt.Errorf("climate temperature %d, moisture %d must be within the set's %d×%d classes", t.Temperature, t.Moisture, len(p.ClimateM), len(p.ClimateM[0]))
	}
	m.climateM = p.ClimateM[t.Temperature-1][t.Moisture-1]
	for _, s := range t.Surfaces {
		if s.RoADS < 1 || int(s.RoADS) > len(p.Surfaces) {
			return fmt.Errorf("surface %s: RoADS surface %d must be 1..%d", s.Surface, s.RoADS, len(p.Surfaces))
		}
		m.surf[s.Surface] = s.RoADS
	}
	for _, s := range roads.Surfaces {
		if _, ok := m.surf[s]; !ok {
			return fmt.Errorf("surface %s has no RoADS surface; add it to surfaces", s)
		}
	}
	for _, f := range append([]roads.Fungsi{roads.FungsiBelum}, roads.Fungsis...) {
		if c := t.RoadClass[f]; c < 1 || c > p.RoadClasses() {
			return fmt.Errorf("road_class_by_fungsi[%q] = %d must be 1..%d", f, c, p.RoadClasses())
		}
	}
	for _, k := range roads.Kondisis {
		if c := t.Condition[k]; c < 1 || c > cba.NumConditions {
			return fmt.Errorf("condition_from_kondisi[%s] = %d must be 1..%d", k, c, cba.NumConditions)
		}
	}
	if g := t.Traffic.DefaultGrowthPct; math.IsNaN(g) || g < -50 || g > 100 {
		return fmt.Errorf("traffic.default_growth_pct %g must be a percentage per year between -50 and 100", g)
	}
	if t.Traffic.MinSpanYears < 1 {
		return fmt.Errorf("traffic.min_growth_span_years must be ≥ 1")
	}
	for _, w := range t.Works {
		m.works[w.Work] = w.Treatments
	}
	for _, w := range p.Works {
		if _, ok := m.works[w.Code]; !ok {
			return fmt.Errorf("RoADS work %s (%s) has no treatment list; add it to works (an empty list means not funded)", w.Code, w.Name)
		}
	}
	m.cands = make([][]string, len(p.Surfaces))
	for _, c := range p.WorkChoices {
		for _, w := range [2]int{c.First, c.Second} {
			if w > 0 && !slices.Contains(m.cands[c.Surface-1], p.Works[w-1].Code) {
				m.cands[c.Surface-1] = append(m.cands[c.Surface-1], p.Works[w-1].Code)
			}
		}
	}
	for _, s := range p.GrowthScenarios {
		sum := 0.0
		for _, v := range s.Percent {
			sum += v
		}
		m.scnRate = append(m.scnRate, sum/float64(len(s.Percent))/100)
	}
	return nil
}

// methodInfo states the method, its source and every assumption of the
// mapping, so that a stored plan says what it rests on.
func (m *economicModel) methodInfo() MethodInfo {
	t, p := m.t, m.p
	var surf []string
	for _, s := range t.Surfaces {
		surf = append(surf, fmt.Sprintf("%s→%d %s", s.Surface, s.RoADS, p.Surfaces[s.RoADS-1].Name))
	}
	var rc []string
	for _, f := range append(slices.Clone(roads.Fungsis), roads.FungsiBelum) {
		name := string(f)
		if f == roads.FungsiBelum {
			name = "tanpa fungsi"
		}
		rc = append(rc, fmt.Sprintf("%s→%d", name, t.RoadClass[f]))
	}
	var works []string
	for _, w := range t.Works {
		tr := strings.Join(w.Treatments, "/")
		if tr == "" {
			tr = "tidak didanai"
		}
		works = append(works, w.Work+"→"+tr)
	}
	lanes := make([]string, len(p.LaneClasses))
	for i, l := range p.LaneClasses {
		lanes[i] = fmt.Sprintf("%d: %g–%g m", l.Lanes, l.MinWidth, l.MaxWidth)
	}
	src := fmt.Sprintf("World Bank RoADS CBA v1.00 (2019) economic analysis of every section (planner/cba, checked against the workbook on 608 sections), "+
		"parameter set %s %s (%s), mapping table %s. "+
		"Selection: %s "+
		"Money: %s "+
		"Mapping: section length in km from its STA; width from the register (the catalogue's default width where none); lane class from the width by the set's bands (%s); "+
		"surface %s (%s); road class by fungsi %s (%s); terrain %d (%s); climate temperature %d, moisture %d, m = %g per year (%s); "+
		"roughness = the section's projected IRI for the works year (RoADS condition class from it by the set's bands; %s); "+
		"pavement age = years since built or last structural works (unknown: the set's typical age for the condition); "+
		"%s Growth source: %s. "+
		"RoADS work → catalogue treatment: %s (%s) "+
		"Not funded: sections whose best alternative is the base (do-nothing), NPV ≤ 0, a later start year, a work with no applicable catalogue treatment, or a section RoADS cannot analyse (e.g. LHR 0). "+
		"Planner deterioration, treatment effects and costs stay the catalogue's; only the ranking is RoADS's.",
		p.Name, p.Version, p.Source, t.Version,
		t.Funding, t.Money,
		strings.Join(lanes, "; "),
		strings.Join(surf, ", "), surfaceNotes(t),
		strings.Join(rc, ", "), t.RoadClassNote,
		t.Terrain, t.TerrainNote, t.Temperature, t.Moisture, m.climateM, t.ClimateNote,
		t.ConditionNote,
		t.Traffic.Note, t.Traffic.GrowthSource,
		strings.Join(works, ", "), t.WorksNote)
	return MethodInfo{Name: EconomicMethod, Label: "Ekonomi RoADS: NPV/biaya (Bank Dunia)", Budgeted: false, Source: src}
}

func surfaceNotes(t *EconomicTable) string {
	var out []string
	for _, s := range t.Surfaces {
		if s.Note != "" {
			out = append(out, string(s.Surface)+": "+s.Note)
		}
	}
	return strings.Join(out, "; ")
}

// econSite is what the register and the simulation know of a section in
// a plan year, in plain units, before it is mapped onto RoADS.
type econSite struct {
	ID          string
	LengthKm    float64
	WidthM      float64
	WidthSource string // "register", "catalogue default" or "section area"
	Surface     roads.Surface
	Fungsi      roads.Fungsi
	IRI         float64 // m/km at the start of the works year; NaN or ≤ 0: not known
	Kondisi     roads.Kondisi
	AgeYears    int     // since built or last structural works; -1 unknown
	LHR         float64 // vehicles/day in LHRYear
	LHRYear     int     // year of the count; 0 for an undated default
	GrowthPct   float64 // measured from the ruas's counts, % per year; NaN when not measured
	Year        int     // the works year (year 1 of the analysis)
}

// EconomicInputs are the RoADS inputs of a section as the economic method
// mapped them, with where each came from.
type EconomicInputs struct {
	LengthKm    float64      `json:"length_km"`
	WidthM      float64      `json:"width_m"`
	WidthSource string       `json:"width_source"`
	LaneClass   int          `json:"lane_class"` // from the width by the set's bands
	Fungsi      roads.Fungsi `json:"fungsi"`
	RoadClass   int          `json:"road_class"`
	Terrain     int          `json:"terrain"`
	Temperature int          `json:"temperature"`
	Moisture    int          `json:"moisture"`
	Surface     int          `json:"surface"` // RoADS surface code
	SurfaceName string       `json:"surface_name"`
	IRI         float64      `json:"iri"` // m/km; 0 when the condition came from the class
	// Condition is the RoADS condition class given from the Bina Marga
	// class where the IRI is not known; 0 = RoADS takes it from IRI.
	Condition      int      `json:"condition_class"`
	PavementAge    int      `json:"pavement_age"` // 0 = the set's typical age for the condition
	LHR            float64  `json:"lhr"`          // vehicles/day as counted
	LHRYear        int      `json:"lhr_year"`     // 0: undated default by fungsi
	AADT           float64  `json:"aadt"`         // vehicles/day in the works year
	TrafficLevel   int      `json:"traffic_level"`
	GrowthScenario int      `json:"growth_scenario"`
	GrowthPct      float64  `json:"growth_pct"` // the scenario's mean rate, % per year
	MeasuredGrowth *float64 `json:"measured_growth_pct,omitempty"`
}

// section maps a site onto a RoADS section. Bad input (no length, an
// unknown surface, no traffic) is an error naming the section and the fix.
func (m *economicModel) section(s econSite) (cba.Section, EconomicInputs, error) {
	var in EconomicInputs
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: economic analysis of %s: %s", ErrInvalid, s.ID, fmt.Sprintf(format, a...))
	}
	if math.IsNaN(s.LengthKm) || math.IsInf(s.LengthKm, 0) || s.LengthKm <= 0 {
		return cba.Section{}, in, bad("length %g km must be > 0; check the section's STA from and to", s.LengthKm)
	}
	rs, ok := m.surf[s.Surface]
	if !ok {
		return cba.Section{}, in, bad("surface %q has no RoADS surface in economic table %s; set the ruas's surface to one of %s", s.Surface, m.t.Version, surfaceList())
	}
	p := m.p
	lanes := 0
	for _, l := range p.LaneClasses {
		if s.WidthM >= l.MinWidth && s.WidthM < l.MaxWidth {
			lanes = l.Lanes
			break
		}
	}
	if !(s.WidthM > 0) || lanes == 0 {
		return cba.Section{}, in, bad("width %g m is in no RoADS lane class (above 0 and below %g m); correct the ruas's width", s.WidthM, p.LaneClasses[len(p.LaneClasses)-1].MaxWidth)
	}
	if math.IsNaN(s.LHR) || math.IsInf(s.LHR, 0) || s.LHR <= 0 {
		return cba.Section{}, in, bad("LHR %g vehicles/day: RoADS needs traffic to value the works; record a traffic count for the ruas", s.LHR)
	}
	rc, ok := m.t.RoadClass[s.Fungsi]
	if !ok {
		rc = m.t.RoadClass[roads.FungsiBelum]
	}
	// Growth: the scenario nearest to the measured rate, else the default.
	g := m.t.Traffic.DefaultGrowthPct
	if !math.IsNaN(s.GrowthPct) {
		g = s.GrowthPct
		v := s.GrowthPct
		in.MeasuredGrowth = &v
	}
	scn := 0
	for k, r := range m.scnRate {
		if math.Abs(r*100-g) < math.Abs(m.scnRate[scn]*100-g) {
			scn = k
		}
	}
	aadt := s.LHR
	if s.LHRYear > 0 && s.Year > s.LHRYear {
		aadt *= math.Pow(1+m.scnRate[scn], float64(s.Year-s.LHRYear))
	}
	level := len(p.TrafficLevels)
	for _, l := range p.TrafficLevels {
		if aadt >= l.MinAADT && aadt < l.MaxAADT {
			level = l.Level
			break
		}
	}
	sec := cba.Section{ID: s.ID, Length: s.LengthKm, Lanes: lanes, Width: s.WidthM, RoadClass: rc, Terrain: m.t.Terrain,
		Temperature: m.t.Temperature, Moisture: m.t.Moisture, Surface: rs, TrafficLevel: level, GrowthScenario: scn + 1, AADTTotal: aadt}
	if s.IRI > 0 && !math.IsInf(s.IRI, 0) {
		sec.Roughness = s.IRI
	} else {
		c, ok := m.t.Condition[s.Kondisi]
		if !ok {
			return cba.Section{}, in, bad("no IRI and condition class %q unknown; survey the section's IRI or its class", s.Kondisi)
		}
		sec.Condition = c
	}
	switch {
	case s.AgeYears > 0:
		sec.PavementAge = s.AgeYears
	case s.AgeYears == 0:
		sec.PavementAge = 1 // RoADS counts the year of the works as age 1
	}
	in = EconomicInputs{LengthKm: sec.Length, WidthM: sec.Width, WidthSource: s.WidthSource, LaneClass: lanes, Fungsi: s.Fungsi, RoadClass: rc,
		Terrain: int(sec.Terrain), Temperature: sec.Temperature, Moisture: sec.Moisture, Surface: int(rs), SurfaceName: p.Surfaces[rs-1].Name,
		IRI: sec.Roughness, Condition: sec.Condition, PavementAge: sec.PavementAge, LHR: s.LHR, LHRYear: s.LHRYear, AADT: aadt,
		TrafficLevel: level, GrowthScenario: scn + 1, GrowthPct: round(m.scnRate[scn]*100, 4), MeasuredGrowth: in.MeasuredGrowth}
	return sec, in, nil
}

func surfaceList() string {
	var s []string
	for _, x := range roads.Surfaces {
		s = append(s, string(x))
	}
	return strings.Join(s, ", ")
}

// econRuas is what the economic method needs of a ruas, once per year.
type econRuas struct {
	lhr       float64 // vehicles/day; NaN: use the section's
	lhrYear   int     // 0 undated
	growthPct float64 // NaN when not measured
}

// ruasTraffic reads a ruas's counts up to the first plan year: the latest
// (as the planner's LHR) and the growth between the first and the latest
// when they are far enough apart.
func (m *economicModel) ruasTraffic(ts []*roads.Traffic, fromYear int) econRuas {
	r := econRuas{lhr: math.NaN(), growthPct: math.NaN()}
	var first, last *roads.Traffic
	for _, c := range ts {
		if c.Year > fromYear {
			continue
		}
		if last == nil || c.Year >= last.Year {
			last = c
		}
		if c.LHR > 0 && (first == nil || c.Year < first.Year) {
			first = c
		}
	}
	if last == nil {
		return r
	}
	r.lhr, r.lhrYear = last.LHR, last.Year
	if first != nil && last.LHR > 0 && last.Year-first.Year >= m.t.Traffic.MinSpanYears {
		r.growthPct = (math.Pow(last.LHR/first.LHR, 1/float64(last.Year-first.Year)) - 1) * 100
	}
	return r
}

// treatmentFor is the first catalogue treatment listed for a RoADS work
// that applies to class k on surface s, and its place n in the list; j is
// -1 when none applies.
func (m *economicModel) treatmentFor(e *engine, work string, k, s uint8) (j, n int) {
	for n, code := range m.works[work] {
		for jj := range e.tr {
			if e.tr[jj].t.Code == code && e.tr[jj].applies[k]&(1<<s) != 0 {
				return jj, n
			}
		}
	}
	return -1, 0
}

// treatmentRule says in Indonesian how a RoADS work became the n-th
// treatment of its list for class k on surface s.
func (m *economicModel) treatmentRule(work string, n int, k, s uint8) string {
	list := m.works[work]
	rule := fmt.Sprintf("RoADS %s → %s", work, list[n])
	if n > 0 {
		rule += fmt.Sprintf(" (%s tidak berlaku untuk kondisi %s, permukaan %s)", strings.Join(list[:n], "/"), roads.Kondisis[k].Label(), roads.Surfaces[s])
	}
	return rule
}

// fundable tells, per Bina Marga class and surface index, whether any
// work RoADS may propose for the surface maps to a catalogue treatment
// allowed there. Sections where none is cannot be funded by the method,
// so their analysis is skipped: the outcome is the same, and most of a
// network (Baik paved roads, unpaved roads) costs nothing.
func (m *economicModel) fundable(e *engine) (f [4][]bool) {
	for k := range f {
		f[k] = make([]bool, len(roads.Surfaces))
		for si, s := range roads.Surfaces {
			for _, w := range m.cands[m.surf[s]-1] {
				if j, _ := m.treatmentFor(e, w, uint8(k), uint8(si)); j >= 0 {
					f[k][si] = true
					break
				}
			}
		}
	}
	return f
}

// sortedWorkCodes lists the table's RoADS work codes (for tests and docs).
func (m *economicModel) sortedWorkCodes() []string {
	var out []string
	for c := range m.works {
		out = append(out, c)
	}
	slices.SortFunc(out, cmp.Compare[string])
	return out
}
