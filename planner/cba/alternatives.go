package cba

// alternative is one way of treating the section: a capital work started in
// a year, followed by its repairs.
type alternative struct {
	work int // work number in Params.Works
	year int // start year, 1..Years
}

// alternativesFor lists the alternatives the workbook evaluates for a work
// choice: the base first, then each candidate work in start years
// 1..StartYears. With no candidate the base is evaluated twice, as the
// workbook does, so that a "do nothing" result has the same shape.
func alternativesFor(c *WorkChoice) (alts [MaxAlternatives]alternative, n int) {
	alts[0] = alternative{work: c.BaseWork, year: c.BaseYear}
	n = 1
	for _, work := range [2]int{c.First, c.Second} {
		if work == 0 {
			continue
		}
		for y := 1; y <= StartYears; y++ {
			alts[n] = alternative{work: work, year: y}
			n++
		}
	}
	if n == 1 {
		alts[1] = alts[0]
		n = 2
	}
	return alts, n
}

// maxRepairs is how many times a work's repair is scheduled after it.
const maxRepairs = 4

// repairYear reports whether year is one of the (up to maxRepairs) repair
// years of a work started in start with the given period.
func repairYear(year, start, period int) bool {
	d := year - start
	return d > 0 && d%period == 0 && d/period <= maxRepairs
}

// outcome is what one alternative costs and does over the period.
type outcome struct {
	total     [Years]float64 // economic cost to agency and users, millions
	iri       [Years]float64 // m/km at the end of each year's works
	cond      [Years]int     // condition class from iri
	recurrent [Years]float64 // financial recurrent maintenance, millions
	net       [Years]float64 // economic net benefit against the base, millions
	npv       float64        // of net, millions
	cost      float64        // financial capital cost of the work, millions
}

// evaluate runs one alternative year by year. u holds the user costs of the
// section's lane class, slow a cache for a lane class an upgrade brings.
// base holds the base's yearly economic cost (nil while evaluating the base
// itself). It reports false when the speed table gives a speed that is not
// positive.
func (p *Params) evaluate(r *prepared, t *traffic, u, slow *userCosts, alt alternative, discount *[Years]float64, base *[Years]float64, o *outcome) bool {
	w := &p.Works[alt.work-1]
	rep := &p.Works[w.Repair-1]
	iri, snc, age := r.roughness, r.snc, r.age
	lanes, width, surface := r.lanes, r.width, r.surface
	origin := &p.Surfaces[r.surface-1] // condition classes stay those of the section's surface, as in the workbook
	econ := p.EconomicFactor
	o.npv, o.cost = 0, 0
	for y := range Years {
		year := y + 1
		capital, repair := 0.0, 0.0
		works := year == alt.year
		if works {
			if w.Lanes > 0 {
				lanes, width, surface = w.Lanes, w.Width, w.Surface
			}
			if w.ThicknessMM > 0 {
				snc += w.ThicknessMM * w.Strength * 0.0393701 // mm to inches
			}
			if w.SNC > 0 {
				snc = w.SNC
			}
			capital = worksCost(w, r.terrain, r.length, width) * r.choice.CostFactor
			o.cost = capital
		}
		repairs := repairYear(year, alt.year, w.RepairPeriod)
		if repairs {
			if rep.Lanes > 0 {
				lanes, width, surface = rep.Lanes, rep.Width, rep.Surface
			}
			if rep.SNC > 0 {
				snc = rep.SNC
			}
			repair = worksCost(rep, r.terrain, r.length, width)
		}
		sp := &p.Surfaces[surface-1]
		recurrent := sp.RecurrentCost[lanes-1] * r.length / 1e6

		if y > 0 {
			iri = sp.nextIRI(iri, age, snc, t.esa[y], r.m)
		}
		age++
		if works {
			iri, age = w.IRI, 1
		}
		if repairs {
			iri, age = rep.IRI, 1
		}

		uc := u
		if lanes != u.lanes {
			if slow.lanes != lanes {
				p.prepareUserCosts(slow, lanes, r.terrain, r.length, t)
			}
			uc = slow
		}
		voc, time, ok := uc.cost(p, y, iri)
		if !ok {
			return false
		}

		cond := origin.conditionOf(iri)
		recurrent *= p.RecurrentConditionFactors[cond-1]
		agency := (capital + repair + recurrent) * econ
		o.total[y] = agency + voc + time
		o.iri[y], o.cond[y], o.recurrent[y] = iri, cond, recurrent
		if base != nil {
			o.net[y] = base[y] - o.total[y]
		} else {
			o.net[y] = 0
		}
		o.npv += o.net[y] / discount[y]
	}
	return true
}
