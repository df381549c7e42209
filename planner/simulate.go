package planner

import (
	"cmp"
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
	forced    float64
	km        ClassKm
	backlog   Backlog
	jobs      []job // with record: the year's works, routine, committed, forced, then by rank
	// Routine care: cost and km funded per surface, and the shortfall.
	routineRp, routineKm, routineShort float64
	routineBy                          []RoutineLine
	loss                               RepairLoss
	// companion is the reserve for the companion lines (perencanaan
	// teknis, pengawasan) of the year's capital works, part of spent.
	companion float64
}

// Kinds of job.
const (
	jobCapital uint8 = iota
	jobRecorded
	jobForced
	jobRoutine
)

// job is a funded or recorded job in compact form, with the section's
// state before the works; Run turns the plan's jobs into Work rows.
type job struct {
	sec             int32
	rank            int32
	treat           int8
	kind            uint8
	cls, surf       uint8
	age, designLife int16
	fidx            int32 // Input.Forced index for jobForced
	joined          bool  // added to a package by repairPackages
	iri, sdi        float32
	cost, benefit   float64
	score           float64
	w               *roads.Works
}

func (e *engine) jobOf(st *state, y *yearCtx, i, j, rank int, cost, benefit, score float64, w *roads.Works) job {
	kind := jobCapital
	if w != nil {
		kind = jobRecorded
	}
	return job{sec: int32(i), rank: int32(rank), treat: int8(j), kind: kind, cls: y.cls[i], surf: st.surf[i], age: st.age[i], designLife: st.designLife[i],
		iri: st.iri[i], sdi: st.sdi[i], cost: cost, benefit: benefit, score: score, w: w}
}

// routine funds routine care for every section mantap at the end of last
// year (the network the year's routine programme is drawn up from), before
// any capital work: its growth this year is slowed by the routine effect.
// A budget below the routine cost funds the most used sections first
// (benefit weight: km × traffic) and the rest is reported as a shortfall.
func (e *engine) routine(st *state, o *simYear, cls []uint8, cand []int32, record bool) []int32 {
	ss := &e.sec
	cand = cand[:0]
	var need float64
	for i := 0; i < ss.n; i++ {
		cls[i] = e.cls.class(st.iri[i], st.sdi[i], ss.basis[i]&(basisIRI|basisSDI))
		if cls[i] <= 1 {
			cand = append(cand, int32(i))
			need += e.cost(e.rutin, i, st.surf[i], o.year)
		}
	}
	if need > o.budget {
		slices.SortStableFunc(cand, func(a, b int32) int { return cmp.Compare(ss.weight[b], ss.weight[a]) })
	}
	left := o.budget
	o.routineBy = o.routineBy[:0]
	by := map[uint8]int{}
	for _, i32 := range cand {
		i := int(i32)
		c := e.cost(e.rutin, i, st.surf[i], o.year)
		if c > left {
			continue
		}
		left -= c
		st.rutin[i] = true
		o.spent += c
		o.routineRp += c
		o.routineKm += float64(ss.lenKm[i])
		s := st.surf[i]
		x, ok := by[s]
		if !ok {
			x = len(o.routineBy)
			by[s] = x
			o.routineBy = append(o.routineBy, RoutineLine{Surface: roads.Surfaces[s], UnitCostRp: math.Round(e.tr[e.rutin].cost[s] * e.price(o.year))})
		}
		o.routineBy[x].Km += float64(ss.lenKm[i])
		o.routineBy[x].CostRp += c
		if record {
			// The age during the works year (the state is last year's end).
			age := st.age[i]
			if age >= 0 {
				age++
			}
			o.jobs = append(o.jobs, job{sec: i32, treat: int8(e.rutin), kind: jobRoutine, cls: cls[i], surf: s, age: age,
				designLife: st.designLife[i], iri: st.iri[i], sdi: st.sdi[i], cost: c})
		}
	}
	o.routineShort = need - o.routineRp
	if o.routineShort < 0.5 {
		o.routineShort = 0
	}
	slices.SortFunc(o.routineBy, func(a, b RoutineLine) int { return cmp.Compare(surfaceIndex(a.Surface), surfaceIndex(b.Surface)) })
	return cand
}

// simulate runs the network from the end of FromYear-1 through len(budgets)
// years. Each year: routine care of the network mantap at the end of the
// year before (funded first), one year of deterioration, the works
// recorded for that year and the forced works (honoured next, paid from
// its budget), then the method's choice within what is left, as packages;
// with doNothing, no works at all. With record, the works lists are filled.
func (e *engine) simulate(budgets []float64, doNothing, record bool) []simYear {
	st := e.start.clone()
	n := e.sec.n
	y := &yearCtx{cls: make([]uint8, n), busy: make([]bool, n), ch: newChoices(n, len(e.tr)),
		score: make([]float64, n), order: make([]int32, 0, n), joined: make([]bool, n)}
	excl := make([]bool, n)
	out := make([]simYear, len(budgets))
	var rcand []int32
	ev, fv := 0, 0
	for t, budget := range budgets {
		year := e.in.FromYear + t
		y.year = year
		o := simYear{year: year, budget: budget}
		if !doNothing && e.rutin >= 0 {
			rcand = e.routine(&st, &o, y.cls, rcand, record)
		}
		for i := 0; i < n; i++ {
			e.stepSection(&st, i)
		}
		for i := 0; i < n; i++ {
			y.cls[i] = e.cls.class(st.iri[i], st.sdi[i], e.sec.basis[i]&(basisIRI|basisSDI))
			y.busy[i] = false
			excl[i] = false
			y.joined[i] = false
			y.ch.pick[i] = -1
		}
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
			if x.w != nil {
				c := x.costRp * e.shareOf(x.w.Type)
				o.companion += c
				o.spent += c
			}
			if record {
				o.jobs = append(o.jobs, e.jobOf(&st, y, i, int(x.treat), 0, x.costRp, 0, 0, x.w))
			}
			y.busy[i] = true
			if x.treat >= 0 {
				e.apply(&st, i, int(x.treat))
			}
		}
		for ; fv < len(e.forced) && e.forced[fv].year < year; fv++ {
		}
		for ; fv < len(e.forced) && e.forced[fv].year == year; fv++ {
			if doNothing {
				continue
			}
			f := &e.forced[fv]
			for x, i32 := range f.secs {
				i := int(i32)
				if y.busy[i] {
					continue // a recorded work already treats it this year
				}
				o.spent += f.cost[x]
				o.forced += f.cost[x]
				c := f.cost[x] * e.share[f.treat]
				o.companion += c
				o.spent += c
				if record {
					jb := e.jobOf(&st, y, i, f.treat, 0, f.cost[x], 0, 0, nil)
					jb.kind, jb.fidx = jobForced, int32(f.idx)
					o.jobs = append(o.jobs, jb)
				}
				y.busy[i] = true
				e.apply(&st, i, f.treat)
			}
		}
		for _, x := range e.excl {
			if year < x.fromYear || year > x.toYear {
				continue
			}
			for _, i := range x.secs {
				if !y.busy[i] {
					y.busy[i], excl[i] = true, true
				}
			}
		}
		y.order = y.order[:0]
		// Capital packages are chosen within what is left after their
		// companion lines: packages × (1 + share) ≤ left.
		if left := (budget - o.spent) / (1 + e.capShare); !doNothing && left > 0 && n > 0 {
			e.method.choose(e, &st, y, left)
			if !e.method.packaged {
				o.loss = e.repairPackages(&st, y, left)
			}
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
			c := y.ch.cost[x] * e.share[j]
			o.companion += c
			o.spent += c
			if record {
				jb := e.jobOf(&st, y, i, j, rank+1, y.ch.cost[x], y.ch.benefit[x], y.score[i], nil)
				jb.joined = y.joined[i]
				o.jobs = append(o.jobs, jb)
			}
		}
		for i := 0; i < n; i++ {
			if y.cls[i] >= 2 && y.ch.pick[i] < 0 && (!y.busy[i] || excl[i]) {
				o.backlog.Sections++
				o.backlog.LengthKm += float64(e.sec.lenKm[i])
				if j := e.standard(y.cls[i], st.surf[i]); j >= 0 {
					o.backlog.CostRp += e.cost(j, i, st.surf[i], year)
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
