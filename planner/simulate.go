package planner

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// MaxLifeYears bounds the search for the year a section reaches Rusak Ringan.
const MaxLifeYears = 50

// simYear is one simulated year.
type simYear struct {
	year      int
	budget    float64
	spent     float64
	committed float64
	km        ClassKm
	backlog   Backlog
	jobs      []job // with record: the year's works, committed first then by rank
}

// job is a funded or recorded job in compact form, with the section's
// state before the works; Run turns the plan's jobs into Work rows.
type job struct {
	sec             int32
	rank            int32
	treat           int8
	cls, surf       uint8
	age, designLife int16
	iri, sdi        float32
	cost, benefit   float64
	score           float64
	w               *roads.Works
}

func (e *engine) jobOf(st *state, y *yearCtx, i, j, rank int, cost, benefit, score float64, w *roads.Works) job {
	return job{sec: int32(i), rank: int32(rank), treat: int8(j), cls: y.cls[i], surf: st.surf[i], age: st.age[i], designLife: st.designLife[i],
		iri: st.iri[i], sdi: st.sdi[i], cost: cost, benefit: benefit, score: score, w: w}
}

// simulate runs the network from the end of FromYear-1 through len(budgets)
// years: each year one year of deterioration, then the works recorded for
// that year (honoured first, paid from its budget), then the method's
// choice within what is left; with doNothing, no works at all. With
// record, the works lists are filled.
func (e *engine) simulate(budgets []float64, doNothing, record bool) []simYear {
	st := e.start.clone()
	n := e.sec.n
	y := &yearCtx{cls: make([]uint8, n), busy: make([]bool, n), ch: newChoices(n, len(e.tr)),
		score: make([]float64, n), order: make([]int32, 0, n)}
	out := make([]simYear, len(budgets))
	ev := 0
	for t, budget := range budgets {
		year := e.in.FromYear + t
		y.year = year
		for i := 0; i < n; i++ {
			e.stepSection(&st, i)
		}
		for i := 0; i < n; i++ {
			y.cls[i] = e.cls.class(st.iri[i], st.sdi[i], e.sec.basis[i]&(basisIRI|basisSDI))
			y.busy[i] = false
			y.ch.pick[i] = -1
		}
		o := simYear{year: year, budget: budget}
		for ; ev < len(e.events) && e.events[ev].year < year; ev++ {
		}
		for ; ev < len(e.events) && e.events[ev].year == year; ev++ {
			if doNothing {
				continue
			}
			x := e.events[ev]
			i := int(x.sec)
			o.spent += x.costRp
			o.committed += x.costRp
			if record {
				o.jobs = append(o.jobs, e.jobOf(&st, y, i, int(x.treat), 0, x.costRp, 0, 0, x.w))
			}
			y.busy[i] = true
			if x.treat >= 0 {
				e.apply(&st, i, int(x.treat))
			}
		}
		y.order = y.order[:0]
		if left := budget - o.spent; !doNothing && left > 0 && n > 0 {
			e.method.choose(e, &st, y, left)
		}
		k := y.ch.k
		if record {
			o.jobs = slices.Grow(o.jobs, len(y.order))
		}
		for rank, i32 := range y.order {
			i := int(i32)
			j := int(y.ch.pick[i])
			x := i*k + j
			o.spent += y.ch.cost[x]
			if record {
				o.jobs = append(o.jobs, e.jobOf(&st, y, i, j, rank+1, y.ch.cost[x], y.ch.benefit[x], y.score[i], nil))
			}
		}
		for i := 0; i < n; i++ {
			if y.cls[i] >= 2 && y.ch.pick[i] < 0 && !y.busy[i] {
				o.backlog.Sections++
				o.backlog.LengthKm += float64(e.sec.lenKm[i])
				if j := e.standard(y.cls[i], st.surf[i]); j >= 0 {
					o.backlog.CostRp += e.cost(j, i, st.surf[i])
				}
			}
		}
		for _, i32 := range y.order {
			e.apply(&st, int(i32), int(y.ch.pick[i32]))
		}
		var m [4]float64
		for i := 0; i < n; i++ {
			m[e.cls.class(st.iri[i], st.sdi[i], e.sec.basis[i]&(basisIRI|basisSDI))] += float64(e.sec.lenKm[i])
		}
		o.km = ClassKm{Baik: m[0], Sedang: m[1], RusakRingan: m[2], RusakBerat: m[3]}
		out[t] = o
	}
	return out
}

// work describes one job of a year for the output.
func (e *engine) work(year int, jb *job) Work {
	ss := &e.sec
	i, j, w := int(jb.sec), int(jb.treat), jb.w
	cost, benefit, score := jb.cost, jb.benefit, jb.score
	wk := Work{Year: year, Rank: int(jb.rank), StaFromM: round(float64(ss.staFrom[i]), 1), StaToM: round(float64(ss.staTo[i]), 1),
		LengthKm: round(float64(ss.lenKm[i]), 4), AreaM2: round(float64(ss.areaM2[i]), 1), CostRp: math.Round(cost),
		Benefit: round(benefit, 3), Committed: w != nil}
	if e.net != nil && ss.ruas[i] >= 0 {
		r := e.net.Ruas[ss.ruas[i]]
		wk.RuasKey, wk.RuasName = r.Key.String(), r.Name
		wk.KecamatanCode, wk.Kecamatan, wk.KelurahanCode, wk.Kelurahan = r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan
	} else {
		wk.RuasKey = fmt.Sprintf("gen/%d", i)
	}
	wk.Section = fmt.Sprintf("%s %s–%s", wk.RuasKey, roads.FormatSTA(float64(ss.staFrom[i])), roads.FormatSTA(float64(ss.staTo[i])))
	if j >= 0 {
		c := &e.tr[j]
		wk.Treatment, wk.TreatmentLabel, wk.WorksType = c.t.Code, c.t.Label, c.t.WorksType
		wk.SubKegiatan = c.sub
	} else if w != nil {
		wk.Treatment, wk.TreatmentLabel, wk.WorksType = string(w.Type), w.Type.Label(), w.Type
		for _, v := range nomenclatures(e.in.Nomenclature) {
			if sk, err := roads.Ref().SubKegiatanFor(v, w.Type); err == nil {
				wk.SubKegiatan = append(wk.SubKegiatan, SubKegiatanRef{Nomenclature: v, Code: sk.Code, Name: sk.Name, Indicator: sk.Indicator, Unit: sk.Unit})
			}
		}
	}
	ev := &wk.Evidence
	ev.SurveyDate = time.Unix(int64(ss.surveyDay[i])*86400, 0).UTC().Format("2006-01-02")
	ev.SurveyBasis = "units"
	if ss.basis[i]&basisParts != 0 {
		ev.SurveyBasis = "parts"
	}
	if v := float64(ss.surveyIRI[i]); !math.IsNaN(v) {
		v = round(v, 2)
		ev.SurveyedIRI = &v
	}
	if v := float64(ss.surveySDI[i]); !math.IsNaN(v) {
		v = round(v, 1)
		ev.SurveyedSDI = &v
	}
	ev.IRI = round(float64(jb.iri), 2)
	if ss.basis[i]&basisSDI != 0 {
		v := round(float64(jb.sdi), 1)
		ev.SDI = &v
	}
	ev.Kondisi = roads.Kondisis[jb.cls]
	ev.RuleVersion = ss.versions[ss.ruleVer[i]]
	ev.AgeYears = int(jb.age)
	if jb.age >= 0 {
		r := int(jb.designLife) - int(jb.age)
		ev.RemainingLifeYears = &r
	}
	m := &e.models[int(jb.surf)*e.nb+int(ss.band[i])]
	ev.YearsToRusakRingan = e.yearsToRR(m, jb.iri, jb.sdi, ss.basis[i])
	ev.Model = m.ref
	ev.TreatmentVersion = e.cat.Version
	ev.Priority = round(score, 4)
	wk.Justification = e.justify(&wk, w)
	e.economicEvidence(jb, &wk) // economic method: RoADS evidence (economic.go)
	return wk
}

// yearsToRR counts do-nothing years from (iri, sdi) under model m until
// the class reaches Rusak Ringan.
func (e *engine) yearsToRR(m *model, iri, sdi float32, basis uint8) int {
	basis &= basisIRI | basisSDI
	for t := 0; t < MaxLifeYears; t++ {
		if e.cls.class(iri, sdi, basis) >= 2 {
			return t
		}
		iri, sdi = m.step(iri, sdi, 1)
	}
	return MaxLifeYears
}
