package planner

import (
	"fmt"
	"math"
	"sort"

	"github.com/kotablitar/ruas/roads"
)

// engine is a plan's fixed part: tables, compiled models and treatments,
// the sections and their state at the end of the year before the plan.
// simulate runs budgets over it any number of times.
type engine struct {
	net    *roads.Network // nil for generated benchmark networks
	in     Input
	cat    *Catalogue
	det    *Deterioration
	pri    *Priority
	rules  *roads.Rules
	cls    classifier
	cal    Calibration
	models []model
	nb     int // traffic bands
	tr     []ctreat
	matrix [2][4]int8 // [unpaved][class] → treatment
	sec    sectionSet
	start  state   // end of FromYear-1
	events []event // works recorded in the plan period, by year then section
	method *method
	ahp    *AHPResult
	// treated[j][model][basis] caches the sums over the benefit window of
	// a section reset by treatment j (which do not depend on its past).
	treated [][][4]curveSum
	// Package rules (packages.go): minimum length (m) and value (Rp).
	minLen, minVal float64
	// next[i] is true when section i+1 continues section i on the same
	// ruas (a package may span them); shortRuas[i] when section i's ruas
	// is shorter than minLen (a package over the whole of it is allowed).
	next      []bool
	shortRuas []bool
	// chainFirst[i], chainLast[i]: first and last section of i's chain.
	chainFirst, chainLast []int32
	// rutin is the routine-care treatment (unit km_year), -1 if none.
	rutin  int
	forced []forcedEvent
	excl   []exclusionSet
	// unsurveyedKm is the length in scope with no survey (Result.UnsurveyedKm).
	unsurveyedKm float64
	// econ is the economic method's model with the plan's asphalt rate.
	econ *economicModel
	// Costing (costing.go), fixed at resolve: the usulan settings, the
	// unit costs' price year, the price factor of each plan year, the
	// companion share of each treatment and the largest over capital
	// treatments. Read-only during simulate, which runs many times.
	usulan    *UsulanSettings
	priceYear int
	priceF    []float64
	share     []float64
	capShare  float64
}

type curveSum struct{ iri, mantap float32 }

// ctreat is a compiled catalogue treatment.
type ctreat struct {
	t          *Treatment
	idx        int
	applies    [4]uint16 // per class: bit s set when it applies to surface s
	cost       []float64 // per surface: Rp per m², or per km-year when perKm
	perKm      bool
	reset      bool
	iri, sdi   float32
	setSDI     bool
	resetAge   bool
	factor     float32 // growth factor for the next year (1 = none)
	newSurf    int8    // surface index after the works, -1 = unchanged
	designLife int16   // 0 = keep the section's
	sub        []SubKegiatanRef
}

// event is recorded works: before the plan (part of the starting state) or
// in the plan period (honoured first, paid from that year's budget).
type event struct {
	year   int
	sec    int32
	treat  int8 // -1: no condition effect (e.g. pelebaran)
	costRp float64
	w      *roads.Works
}

func compileTreatments(cat *Catalogue, nomen string) ([]ctreat, [2][4]int8, error) {
	var out []ctreat
	var matrix [2][4]int8
	if len(cat.Treatments) > 127 {
		return nil, matrix, fmt.Errorf("%w: treatment catalogue %s has more than 127 treatments", ErrInvalid, cat.Version)
	}
	for j := range cat.Treatments {
		t := &cat.Treatments[j]
		c := ctreat{t: t, idx: j, perKm: t.Unit == "km_year", factor: 1, newSurf: -1, cost: make([]float64, len(roads.Surfaces))}
		for _, k := range t.Classes {
			for _, s := range t.Surfaces {
				c.applies[k.Rank()] |= 1 << surfaceIndex(s)
			}
		}
		for si, s := range roads.Surfaces {
			c.cost[si] = t.UnitCost(s)
		}
		if t.Effect.IRI != nil {
			c.reset, c.iri = true, float32(*t.Effect.IRI)
		}
		if t.Effect.SDI != nil {
			c.setSDI, c.sdi = true, float32(*t.Effect.SDI)
		}
		if t.Effect.RateFactor > 0 {
			c.factor = float32(t.Effect.RateFactor)
		}
		c.resetAge = t.Effect.ResetAge
		if t.Effect.NewSurface != "" {
			c.newSurf = int8(surfaceIndex(t.Effect.NewSurface))
		}
		c.designLife = int16(t.Effect.DesignLife)
		for _, v := range nomenclatures(nomen) {
			sk, err := roads.Ref().SubKegiatanFor(v, t.WorksType)
			if err != nil {
				return nil, matrix, fmt.Errorf("%w: treatment %s: %v", ErrInvalid, t.Code, err)
			}
			c.sub = append(c.sub, SubKegiatanRef{Nomenclature: v, Code: sk.Code, Name: sk.Name, Indicator: sk.Indicator, Unit: sk.Unit})
		}
		out = append(out, c)
	}
	for u, m := range []map[roads.Kondisi]string{cat.Matrix.Paved, cat.Matrix.Unpaved} {
		for k, kond := range roads.Kondisis {
			j, _ := cat.treatment(m[kond])
			matrix[u][k] = int8(j)
		}
	}
	return out, matrix, nil
}

// nomenclatures lists the chosen nomenclature first, then the others known.
func nomenclatures(first string) []string {
	out := []string{first}
	for _, v := range []string{"2024", "2027"} {
		if v != first {
			out = append(out, v)
		}
	}
	return out
}

// newEngine resolves the tables of in, calibrates the deterioration on
// the network's history, cuts the network into sections and projects them
// to the end of the year before the plan.
func newEngine(net *roads.Network, in *Input) (*engine, error) {
	e := &engine{net: net}
	if err := in.Normalize(); err != nil {
		return nil, err
	}
	if err := e.resolve(in); err != nil {
		return nil, err
	}
	e.cal = Calibrate(net, in.FromYear, e.det, !in.NoCalibrate)
	e.models = compileModels(e.det, e.cal)
	if in.Method == EconomicMethod {
		m, _ := economicTable() // checked at init
		mp := e.models[surfaceIndex(roads.Aspal)*e.nb].ref
		for _, p := range e.cal.Params {
			if p.Surface == roads.Aspal && p.Band == "" && p.Quantity == "iri" {
				mp = ModelRef{Rate: p.Rate, Source: p.Source}
			}
		}
		e.econ = m.withM(mp.Rate, mp.Source)
		e.method = &method{info: e.econ.info, choose: e.method.choose, packaged: e.method.packaged}
	}
	e.build(sectionsOf(net, in.FromYear, in.Scope))
	e.prepare()
	if err := e.resolveHand(); err != nil {
		return nil, err
	}
	return e, nil
}

// resolve loads the tables named by in (newest where empty) and writes
// the resolved versions back into in.
func (e *engine) resolve(in *Input) error {
	var err error
	if e.rules, err = roads.ConditionRules(in.Tables.Condition); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if e.cls, err = newClassifier(e.rules); err != nil {
		return err
	}
	if e.cat, err = Treatments(in.Tables.Treatments); err != nil {
		return err
	}
	if e.det, err = DeteriorationTable(in.Tables.Deterioration); err != nil {
		return err
	}
	if e.pri, err = PriorityTable(in.Tables.Priority); err != nil {
		return err
	}
	set, err := UsulanTable(in.Tables.Usulan)
	if err != nil {
		return err
	}
	wantEconomic := in.Tables.Economic
	in.Tables = TableVersions{Condition: e.rules.Version, Treatments: e.cat.Version, Deterioration: e.det.Version, Priority: e.pri.Version, Usulan: set.Version}
	if in.Method == EconomicMethod {
		m, err := economicTable()
		if err != nil {
			return err
		}
		if wantEconomic != "" && wantEconomic != m.t.Version {
			return fmt.Errorf("%w: the plan used economic table %s but this build has %s; it cannot be re-run exactly", ErrInvalid, wantEconomic, m.t.Version)
		}
		in.Tables.Economic = m.t.Version
	}
	if e.tr, e.matrix, err = compileTreatments(e.cat, in.Nomenclature); err != nil {
		return err
	}
	e.nb = len(e.det.TrafficBands)
	e.rutin = -1
	for j, c := range e.tr {
		if c.perKm {
			e.rutin = j
			break
		}
	}
	e.minLen, e.minVal = in.MinLengthM, in.MinPackageRp
	m, ok := methods[in.Method]
	if !ok {
		return fmt.Errorf("%w: method %q is not known; use one of %s", ErrInvalid, in.Method, methodNames())
	}
	e.method = m
	if in.Method == "ahp" {
		mx := in.AHP
		if mx == nil {
			mx = &AHPMatrix{Criteria: e.pri.AHP.Criteria, Pairwise: e.pri.AHP.Pairwise}
		}
		res, err := AHP(*mx, e.pri.AHP.RandomIndex)
		if err != nil {
			return err
		}
		for _, c := range res.Criteria {
			if !knownCriterion(c) {
				return fmt.Errorf("%w: AHP criterion %q is not known; use %v", ErrInvalid, c, ahpCriteria)
			}
		}
		res.Source = e.pri.AHP.Source
		e.ahp = &res
	}
	e.in = *in
	e.costing(set, in.Years)
	return nil
}

// build fills the section columns and the state at each survey.
func (e *engine) build(raw []rawSection) {
	n := len(raw)
	ss := &e.sec
	ss.n = n
	ss.grow(n)
	verIdx := map[string]uint16{}
	st := newState(n)
	for i, r := range raw {
		ru := e.net.Ruas[r.ruas]
		width := ru.WidthM
		if width <= 0 {
			width = e.cat.DefaultWidthM
		}
		lenM := r.to - r.from
		lhr := lhrAt(e.net, ru, e.in.FromYear, e.det)
		v, ok := verIdx[r.ruleVersion]
		if !ok {
			v = uint16(len(ss.versions))
			verIdx[r.ruleVersion] = v
			ss.versions = append(ss.versions, r.ruleVersion)
		}
		ss.ruas = append(ss.ruas, r.ruas)
		ss.staFrom = append(ss.staFrom, float32(r.from))
		ss.staTo = append(ss.staTo, float32(r.to))
		ss.lenKm = append(ss.lenKm, float32(lenM/1000))
		ss.areaM2 = append(ss.areaM2, float32(lenM*width))
		ss.lhr = append(ss.lhr, float32(lhr))
		ss.band = append(ss.band, uint8(e.det.band(lhr)))
		ss.basis = append(ss.basis, r.basis)
		ss.surveyDay = append(ss.surveyDay, int32(r.date.Unix()/86400))
		ss.surveyIRI = append(ss.surveyIRI, float32(r.iri))
		ss.surveySDI = append(ss.surveySDI, float32(r.sdi))
		ss.ruleVer = append(ss.ruleVer, v)
		ss.surveyYear = append(ss.surveyYear, int16(r.date.Year()))
		st.iri[i], st.sdi[i] = float32(r.iri), float32(r.sdi)
		if math.IsNaN(r.iri) {
			st.iri[i] = float32(e.det.Representative.IRI[r.kondisi])
		}
		if math.IsNaN(r.sdi) {
			st.sdi[i] = float32(e.det.Representative.SDI[r.kondisi])
		}
		st.surf[i] = uint8(surfaceIndex(ru.Surface))
		st.designLife[i] = int16(ru.DesignLifeYears())
		st.age[i] = -1
		if ru.YearBuilt > 0 {
			st.age[i] = int16(r.date.Year() - ru.YearBuilt)
		}
	}
	ss.init = st
}

// prepare finishes the engine after build: benefit weights, recorded works,
// projection to the end of FromYear-1, and the treated-curve cache.
func (e *engine) prepare() {
	ss := &e.sec
	b := e.cat.Benefit
	for i := 0; i < ss.n; i++ {
		ss.weight = append(ss.weight, ss.lenKm[i]*float32(math.Pow(float64(ss.lhr[i])/b.LHRRef, b.TrafficExp)))
	}
	e.start = ss.init.clone()
	e.chains()
	past := e.worksEvents()
	e.project(past)
	e.cacheTreated()
}

// worksEvents turns the register's works into events on the sections they
// overlap: those after a section's survey and before the plan (returned),
// and those in the plan period (kept in e.events). Structural works before
// a survey only set the section's age.
func (e *engine) worksEvents() []event {
	if e.net == nil {
		return nil
	}
	ss := &e.sec
	// Sections of one ruas are contiguous in ss (built ruas by ruas).
	first := map[int32]int{}
	for i := ss.n - 1; i >= 0; i-- {
		first[ss.ruas[i]] = i
	}
	last := e.in.FromYear + e.in.Years - 1
	var past []event
	for ri, r := range e.net.Ruas {
		i0, ok := first[int32(ri)]
		if !ok {
			continue
		}
		for _, w := range e.net.Works[r.ID] {
			y := w.Date.Year()
			if y > last {
				continue
			}
			j := -1
			for _, c := range e.tr {
				if c.t.WorksType == w.Type {
					j = c.idx
					break
				}
			}
			var overl []int
			var total float64
			for i := i0; i < ss.n && ss.ruas[i] == int32(ri); i++ {
				if o := math.Min(float64(ss.staTo[i]), w.StaToM) - math.Max(float64(ss.staFrom[i]), w.StaFromM); o > 0 {
					overl = append(overl, i)
					total += o
				}
			}
			for _, i := range overl {
				surveyed := ss.surveyDay[i]
				wd := int32(w.Date.Unix() / 86400)
				if y < e.in.FromYear && wd <= surveyed {
					if j >= 0 && e.tr[j].resetAge {
						e.start.age[i] = ss.surveyYear[i] - int16(y)
						ss.init.age[i] = e.start.age[i]
					}
					continue
				}
				o := math.Min(float64(ss.staTo[i]), w.StaToM) - math.Max(float64(ss.staFrom[i]), w.StaFromM)
				ev := event{year: y, sec: int32(i), treat: int8(j), w: w}
				if w.CostRp > 0 {
					ev.costRp = w.CostRp * o / total
				} else if j >= 0 {
					ev.costRp = e.cost(j, i, e.start.surf[i], y)
				}
				if y < e.in.FromYear {
					past = append(past, ev)
					continue
				}
				if wd <= surveyed {
					// Done before the section's survey in the plan period:
					// paid from that year's budget, but the survey already
					// shows its effect.
					ev.treat = -1
				}
				e.events = append(e.events, ev)
			}
		}
	}
	sort.SliceStable(past, func(a, b int) bool { return past[a].year < past[b].year })
	sort.SliceStable(e.events, func(a, b int) bool {
		if e.events[a].year != e.events[b].year {
			return e.events[a].year < e.events[b].year
		}
		return e.events[a].sec < e.events[b].sec
	})
	return past
}

// project steps every section from its survey year to the end of
// FromYear-1, applying the works recorded after its survey on the way.
func (e *engine) project(past []event) {
	ss, st := &e.sec, &e.start
	minYear := e.in.FromYear - 1
	for i := 0; i < ss.n; i++ {
		minYear = min(minYear, int(ss.surveyYear[i]))
	}
	p := 0
	for y := minYear; y <= e.in.FromYear-1; y++ {
		for i := 0; i < ss.n; i++ {
			if int(ss.surveyYear[i]) < y {
				e.stepSection(st, i)
			}
		}
		for ; p < len(past) && past[p].year <= y; p++ {
			if past[p].treat >= 0 {
				e.apply(st, int(past[p].sec), int(past[p].treat))
			}
		}
	}
}

func (e *engine) modelOf(st *state, i int) *model {
	return &e.models[int(st.surf[i])*e.nb+int(e.sec.band[i])]
}

func (e *engine) stepSection(st *state, i int) {
	f := float32(1)
	if st.rutin[i] {
		f = e.rutinFactor()
		st.rutin[i] = false
	}
	st.iri[i], st.sdi[i] = e.modelOf(st, i).step(st.iri[i], st.sdi[i], f)
	if st.age[i] >= 0 {
		st.age[i]++
	}
}

func (e *engine) rutinFactor() float32 {
	if e.rutin >= 0 {
		return e.tr[e.rutin].factor
	}
	return 1
}

// apply puts treatment j's effect on section i.
func (e *engine) apply(st *state, i, j int) {
	c := &e.tr[j]
	if c.reset {
		st.iri[i] = c.iri
	}
	if c.setSDI {
		st.sdi[i] = c.sdi
	}
	if c.factor < 1 {
		st.rutin[i] = true
	}
	if c.resetAge {
		st.age[i] = 0
	}
	if c.newSurf >= 0 {
		st.surf[i] = uint8(c.newSurf)
	}
	if c.designLife > 0 {
		st.designLife[i] = c.designLife
	}
}

// cost is the price of treatment j on section i with surface s at the
// prices of a year (costing.go), rounded to the whole Rupiah: budgets,
// works lists and every export then add up the same amounts exactly.
func (e *engine) cost(j, i int, s uint8, year int) float64 {
	c := &e.tr[j]
	if c.perKm {
		return math.Round(float64(e.sec.lenKm[i]) * c.cost[s] * e.price(year))
	}
	return math.Round(float64(e.sec.areaM2[i]) * c.cost[s] * e.price(year))
}

func (e *engine) cacheTreated() {
	W := e.cat.Benefit.WindowYears
	e.treated = make([][][4]curveSum, len(e.tr))
	for j, c := range e.tr {
		e.treated[j] = make([][4]curveSum, len(e.models))
		if !c.reset {
			continue
		}
		for mi := range e.models {
			m := &e.models[mi]
			for basis := uint8(0); basis < 4; basis++ {
				iri, sdi := c.iri, c.sdi
				var s curveSum
				for k := 0; k < W; k++ {
					if k > 0 {
						iri, sdi = m.step(iri, sdi, 1)
					}
					s.iri += iri
					if e.cls.class(iri, sdi, basis) <= 1 {
						s.mantap++
					}
				}
				e.treated[j][mi][basis] = s
			}
		}
	}
}

// benefit of treatment j on section i in state st (see BenefitSpec), with
// dn the section's do-nothing sums over the window.
func (e *engine) benefit(st *state, i, j int, dn curveSum) float64 {
	c := &e.tr[j]
	basis := e.sec.basis[i] & (basisIRI | basisSDI)
	var tr curveSum
	if c.reset {
		surf := st.surf[i]
		if c.newSurf >= 0 {
			surf = uint8(c.newSurf)
		}
		tr = e.treated[j][int(surf)*e.nb+int(e.sec.band[i])][basis]
	} else {
		tr = e.curve(e.modelOf(st, i), st.iri[i], st.sdi[i], c.factor, basis)
	}
	b := (dn.iri - tr.iri) + float32(e.cat.Benefit.MantapWeight)*(tr.mantap-dn.mantap)
	return float64(e.sec.weight[i] * b)
}

// curve sums IRI and mantap years over the benefit window from (iri, sdi)
// now, the first year's growth scaled by f.
func (e *engine) curve(m *model, iri, sdi, f float32, basis uint8) curveSum {
	var s curveSum
	W := e.cat.Benefit.WindowYears
	for k := 0; k < W; k++ {
		if k == 1 {
			iri, sdi = m.step(iri, sdi, f)
		} else if k > 1 {
			iri, sdi = m.step(iri, sdi, 1)
		}
		s.iri += iri
		if e.cls.class(iri, sdi, basis) <= 1 {
			s.mantap++
		}
	}
	return s
}

// standard returns the class-matrix treatment for a section of class k on
// surface s, or, where the matrix's treatment does not apply to that
// surface, the cheapest one that does; -1 if none applies.
func (e *engine) standard(k uint8, s uint8) int {
	u := 0
	if !roads.Surfaces[s].Paved() {
		u = 1
	}
	if j := int(e.matrix[u][k]); j >= 0 && e.tr[j].applies[k]&(1<<s) != 0 {
		return j
	}
	best, bestC := -1, math.Inf(1)
	for j, c := range e.tr {
		if c.applies[k]&(1<<s) != 0 && (k < 2 || c.reset) && c.cost[s] < bestC && !c.perKm {
			best, bestC = j, c.cost[s]
		}
	}
	if best < 0 && k < 2 {
		for j, c := range e.tr {
			if c.applies[k]&(1<<s) != 0 {
				return j
			}
		}
	}
	return best
}

// routineAssumption is the routine-care effect of the catalogue, nil
// when it has no routine treatment.
func (e *engine) routineAssumption() *RoutineAssumption {
	if e.rutin < 0 {
		return nil
	}
	t := e.tr[e.rutin].t
	a := &RoutineAssumption{Name: "rate_factor", Version: e.cat.Version, RateFactor: t.Effect.RateFactor, Note: t.EffectNote}
	if t.Assumption != nil {
		a.Name, a.Version, a.Note = t.Assumption.Name, t.Assumption.Version, t.Assumption.Note
	}
	return a
}
