package planner

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/kotablitar/ruas/planner/cba"
	"github.com/kotablitar/ruas/roads"
)

// EconomicMethod is the name of the RoADS economic ranking method.
const EconomicMethod = "economic"

// The economic method: each plan year every section is analysed with the
// World Bank RoADS cost-benefit model (planner/cba) from its projected
// state; sections whose best RoADS work is due now with NPV > 0 are
// funded in descending NPV/cost, each with the catalogue treatment that
// carries out that work, at the catalogue's Rp cost. The mapping of the
// register onto RoADS is the table of data/rules/economic_*.json; every
// assumption is written into the method's Source and every funded work's
// Evidence.Economic.
func init() {
	m, err := economicTable()
	if err != nil {
		// The embedded table is checked by the package tests.
		panic("planner: embedded economic table is broken: " + err.Error())
	}
	registerMethod(&method{info: m.info, choose: chooseEconomic})
}

// EconomicEvidence is the RoADS analysis behind a work funded by the
// economic method. Money is in millions of the parameter set's own unit
// (Currency), shown as evidence only: the ranking uses NPV/cost and the
// budget uses the catalogue's Rupiah cost (Work.CostRp).
type EconomicEvidence struct {
	Table     string  `json:"table"`     // economic table version (data/rules/economic_*.json)
	ParamSet  string  `json:"param_set"` // RoADS parameter set name and version
	Currency  string  `json:"currency"`  // the parameter set's money label
	Work      string  `json:"roads_work"`
	WorkName  string  `json:"roads_work_name"`
	WorkClass string  `json:"roads_work_class"` // Periodic, Rehabilitation or Upgrade
	WorkYear  int     `json:"roads_work_year"`  // 1 = the plan year
	WorkCostM float64 `json:"roads_work_cost_m"`
	NPVM      float64 `json:"npv_m"`
	// NPVCost is NPV / RoADS work cost: the ranking key (currency-free).
	NPVCost float64 `json:"npv_cost"`
	// EIRRPct is the economic internal rate of return in % per year; nil
	// where it is undefined (no sign change in the net benefits), since
	// JSON has no NaN.
	EIRRPct *float64 `json:"eirr_pct"`
	// EIRRNote says why EIRRPct is nil.
	EIRRNote string `json:"eirr_note,omitempty"`
	// TreatmentRule says how the RoADS work became the funded treatment.
	TreatmentRule string         `json:"treatment_rule"`
	Inputs        EconomicInputs `json:"inputs"`
}

// Why an EIRR is missing. A work whose net benefits are never negative
// pays for itself within its first year: no discount rate brings its NPV
// to zero, so the rate of return is unbounded rather than unknown.
const (
	eirrUndefined = "manfaat bersih tidak pernah negatif: pekerjaan kembali modal dalam tahun pertama, EIRR tak berhingga"
	eirrNoRoot    = "EIRR tidak ditemukan: iterasi Newton dari 10 % (seperti IRR Excel) tidak konvergen"
)

// econCand is one section's analysis in a year: the candidate treatment
// (-1 none) and its RoADS result.
type econCand struct {
	j    int
	rule string // filled for a described work only
	res  cba.Result
	in   EconomicInputs
	err  error
}

// econYear holds the table and the per-ruas traffic for one year's
// analysis (the traffic does not change from year to year, but choose has
// nowhere to keep it between years, and reading it is cheap next to RoADS).
type econYear struct {
	m    *economicModel
	ruas []econRuas // by index in Network.Ruas; nil: read on demand
}

// newEconYear prepares a year's analysis; with all, the traffic of every
// ruas is read at once (for choosing), else on demand (for one work).
func newEconYear(e *engine, all bool) *econYear {
	m := e.econ
	if m == nil {
		m, _ = economicTable() // checked at init
	}
	ey := &econYear{m: m}
	if e.net != nil && all {
		ey.ruas = make([]econRuas, len(e.net.Ruas))
		for ri, r := range e.net.Ruas {
			ey.ruas[ri] = m.ruasTraffic(e.net.Traffic[r.ID], e.in.FromYear)
		}
	}
	return ey
}

// ruasOf is the traffic of section i's ruas: precomputed for a year's
// choice, read for one ruas when a single work is described.
func (ey *econYear) ruasOf(e *engine, ri int32) econRuas {
	if ey.ruas != nil {
		return ey.ruas[ri]
	}
	return ey.m.ruasTraffic(e.net.Traffic[e.net.Ruas[ri].ID], e.in.FromYear)
}

// site describes section i in a state (its values before the year's
// works). The ID, which costs allocations, is filled only when named: a
// year's choice keeps no message, a described work does.
func (ey *econYear) site(e *engine, i, year int, iri float32, k, s uint8, age int16, named bool) econSite {
	ss := &e.sec
	st := econSite{LengthKm: math.Round(float64(ss.staTo[i]-ss.staFrom[i])*1000) / 1e6,
		Surface: roads.Surfaces[s], IRI: float64(iri), Kondisi: roads.Kondisis[k], AgeYears: int(age),
		LHR: float64(ss.lhr[i]), GrowthPct: math.NaN(), Year: year}
	if named {
		st.ID = e.sectionName(i)
	}
	if e.net != nil && ss.ruas[i] >= 0 {
		ru := e.net.Ruas[ss.ruas[i]]
		st.Fungsi = ru.Fungsi
		st.WidthM, st.WidthSource = ru.WidthM, "register"
		if ru.WidthM <= 0 {
			st.WidthM, st.WidthSource = e.cat.DefaultWidthM, "catalogue default"
		}
		if t := ey.ruasOf(e, ss.ruas[i]); !math.IsNaN(t.lhr) {
			st.LHR, st.LHRYear, st.GrowthPct = t.lhr, t.lhrYear, t.growthPct
		}
	} else if ss.lenKm[i] > 0 {
		st.WidthM, st.WidthSource = math.Round(float64(ss.areaM2[i])/float64(ss.lenKm[i])/10)/100, "section area"
	}
	return st
}

// analyse runs RoADS on section i and finds the catalogue treatment that
// carries out its work; c.j is -1 when the section is not a candidate.
func (ey *econYear) analyse(e *engine, i, year int, iri float32, k, s uint8, age int16, named bool) (c econCand) {
	c.j = -1
	sec, in, err := ey.m.section(ey.site(e, i, year, iri, k, s, age, named))
	if err != nil {
		c.err = err
		return c
	}
	c.in = in
	if c.res, err = cba.Analyse(sec, ey.m.p); err != nil {
		c.err = fmt.Errorf("%w: economic analysis of %s: %v", ErrInvalid, sec.ID, err)
		return c
	}
	r := &c.res
	if r.DoNothing || r.WorkYear != 1 || !(r.NPV > 0) || !(r.NPVCost > 0) {
		return c
	}
	var n int
	if c.j, n = ey.m.treatmentFor(e, r.WorkCode, k, s); c.j >= 0 && named {
		c.rule = ey.m.treatmentRule(r.WorkCode, n, k, s)
	}
	return c
}

// chooseEconomic analyses every section not treated by recorded works,
// keeps those whose RoADS work is due now with NPV > 0 and an applicable
// catalogue treatment, and funds them in descending NPV/cost.
func chooseEconomic(e *engine, st *state, y *yearCtx, budget float64) {
	ch := y.ch
	k := ch.k
	ey := newEconYear(e, true)
	fundable := ey.m.fundable(e)
	one := func(i int) {
		ch.pick[i] = -1
		clear(ch.cost[i*k : (i+1)*k])
		s := st.surf[i]
		if y.busy[i] || !fundable[y.cls[i]][s] {
			return
		}
		c := ey.analyse(e, i, y.year, st.iri[i], y.cls[i], s, st.age[i], false)
		if c.j < 0 {
			return
		}
		cost := e.cost(c.j, i, s, y.year)
		if !(cost > 0) {
			return
		}
		dn := e.curve(e.modelOf(st, i), st.iri[i], st.sdi[i], 1, e.sec.basis[i]&(basisIRI|basisSDI))
		x := i*k + c.j
		ch.cost[x] = cost
		ch.benefit[x] = e.benefit(st, i, c.j, dn)
		ch.pick[i] = int8(c.j) // candidate, confirmed by fund
		y.score[i] = c.res.NPVCost
	}
	parallel(ch.n, one)
	cand := y.order[:0]
	for i := 0; i < ch.n; i++ {
		if ch.pick[i] >= 0 {
			cand = append(cand, int32(i))
		}
	}
	fund(y, cand, budget)
}

// parallel calls f(i) for i in [0, n) over the available cores in
// contiguous chunks. Each call must touch only index i's data, so the
// outcome does not depend on the scheduling.
func parallel(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	const minChunk = 512 // below this a goroutine costs more than it saves
	if workers < 2 || n < 2*minChunk {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	chunk := max((n+workers-1)/workers, minChunk)
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// sectionName is the section's label as in Work.Section.
func (e *engine) sectionName(i int) string {
	ss := &e.sec
	key := fmt.Sprintf("gen/%d", i)
	if e.net != nil && ss.ruas[i] >= 0 {
		key = e.net.Ruas[ss.ruas[i]].Key.String()
	}
	return fmt.Sprintf("%s %s–%s", key, roads.FormatSTA(float64(ss.staFrom[i])), roads.FormatSTA(float64(ss.staTo[i])))
}

// economicEvidence adds the RoADS analysis to a work the economic method
// funded: it re-runs the analysis from the job's recorded state, which is
// what chooseEconomic saw (the model is deterministic), and appends its
// figures to the justification.
func (e *engine) economicEvidence(jb *job, wk *Work) {
	if e.method.info.Name != EconomicMethod || jb.w != nil || jb.treat < 0 {
		return
	}
	ey := newEconYear(e, false)
	c := ey.analyse(e, int(jb.sec), wk.Year, jb.iri, jb.cls, jb.surf, jb.age, true)
	if c.err != nil || c.j < 0 {
		return // cannot happen for a funded job; leave the evidence out rather than invent it
	}
	ev := economicEvidenceOf(ey.m, &c)
	wk.Evidence.Economic = ev
	eirr := "tidak terdefinisi"
	switch {
	case ev.EIRRPct != nil:
		eirr = FormatID(*ev.EIRRPct, 1) + " %"
	case ev.EIRRNote == eirrUndefined:
		eirr = "tak berhingga (kembali modal dalam tahun pertama)"
	}
	wk.Justification += fmt.Sprintf(" Analisis ekonomi RoADS (%s, tabel %s): %s %s layak dikerjakan tahun ini, NPV/biaya %s, EIRR %s; %s.",
		ev.ParamSet, ev.Table, ev.Work, ev.WorkName, FormatID(ev.NPVCost, 2), eirr, ev.TreatmentRule)
}

// economicEvidenceOf turns an analysis into evidence, rounding for a
// stable, readable JSON and replacing an undefined EIRR by nil.
func economicEvidenceOf(m *economicModel, c *econCand) *EconomicEvidence {
	r := &c.res
	ev := &EconomicEvidence{Table: m.t.Version, ParamSet: r.ParamSet, Currency: m.p.Currency,
		Work: r.WorkCode, WorkName: r.WorkName, WorkClass: r.WorkClass, WorkYear: r.WorkYear,
		WorkCostM: round(r.WorkCost, 6), NPVM: round(r.NPV, 6), NPVCost: round(r.NPVCost, 4),
		TreatmentRule: c.rule, Inputs: c.in}
	if !math.IsNaN(r.EIRR) && !math.IsInf(r.EIRR, 0) {
		v := round(r.EIRR*100, 2)
		ev.EIRRPct = &v
	} else {
		ev.EIRRNote = eirrUndefined
		for _, b := range r.NetBenefits {
			if b < 0 {
				ev.EIRRNote = eirrNoRoot
				break
			}
		}
	}
	in := &ev.Inputs
	in.LengthKm, in.IRI, in.AADT = round(in.LengthKm, 4), round(in.IRI, 3), round(in.AADT, 1)
	if in.MeasuredGrowth != nil {
		v := round(*in.MeasuredGrowth, 3)
		in.MeasuredGrowth = &v
	}
	return ev
}
