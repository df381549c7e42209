package cba

import (
	"errors"
	"fmt"
	"math"
)

// Result is the economic analysis of one section: the chosen alternative
// (the one with the highest NPV; the base when none beats it) and the
// series behind it. Money is in millions of Params.Currency; years are the
// analysis period's years 1..Years, stored at index year-1.
type Result struct {
	ID string // Section.ID

	// The chosen work. When no alternative beats the base, DoNothing is
	// true and these describe the base's own scheduled work (usually a
	// reconstruction in year 10): the section's work is not yet justified.
	WorkClass  string  // Periodic, Rehabilitation or Upgrade
	WorkCode   string  // e.g. "B-P2"
	WorkName   string  // e.g. "Functional Overlay (<=50mm)"
	WorkYear   int     // start year, 1..Years
	WorkCost   float64 // financial capital cost, millions
	WorkCostKm float64 // WorkCost per km, millions/km
	DoNothing  bool

	NPV     float64 // economic net present value against the base, millions
	NPVKm   float64 // NPV per km, millions/km
	NPVCost float64 // NPV / WorkCost, 0 when there is no cost
	// EIRR is the economic internal rate of return (fraction per year) of
	// the net benefits, NaN when undefined (e.g. DoNothing: no flows).
	EIRR float64

	TruckShare  float64 // trucks' fraction of year-1 AADT
	Utilisation float64 // million vehicle-km in year 1
	ESALoading  float64 // million ESA per lane in year 1

	AADT          [Years]float64 // vehicles/day, all classes
	IRI           [Years]float64 // m/km, chosen alternative
	IRIBase       [Years]float64 // m/km, base alternative
	Condition     [Years]int     // condition class 1..5, chosen alternative
	ConditionBase [Years]int     // condition class 1..5, base alternative
	RecurrentCost [Years]float64 // financial recurrent maintenance, chosen, millions
	NetBenefits   [Years]float64 // economic net benefits of chosen vs base, millions

	// ParamSet names the parameter set used (Name and Version).
	ParamSet string

	options  [MaxAlternatives]Option
	nOptions int
}

// Option is one evaluated alternative, kept so that the choice can be
// traced: which work in which year, at what cost and NPV.
type Option struct {
	WorkCode string
	WorkYear int
	WorkCost float64 // financial capital cost, millions
	NPV      float64 // millions
}

// Options returns the alternatives that were evaluated, the base first.
func (r *Result) Options() []Option { return r.options[:r.nOptions] }

// errParams is returned for a parameter set that was never validated.
var errParams = errors.New("parameter set not validated: load it with ParseParams or call Validate")

// Analyse runs the RoADS cost-benefit analysis of a section with a
// parameter set (nil means RoADSDefaults). Invalid sections give an error
// wrapping ErrInvalid that names the field and the fix; Analyse never panics
// on a section and never returns NaN except for EIRR.
func Analyse(s Section, p *Params) (Result, error) {
	var res Result
	if err := analyse(&s, p, &res); err != nil {
		return Result{}, err
	}
	return res, nil
}

// analyse fills res; it keeps the big arrays off the heap.
func analyse(s *Section, p *Params, res *Result) error {
	if p == nil {
		p = defaults()
	}
	if !p.valid {
		return fmt.Errorf("%w: %v", ErrInvalid, errParams)
	}
	r, err := p.prepare(s)
	if err != nil {
		return err
	}
	var t traffic
	p.growTraffic(&r, &t)
	if !(t.total[0] > 0) || !finite(t.total[Years-1]) {
		return invalid(s, "AADTTotal", t.total[0], "traffic must be above 0 and finite over the period")
	}
	var u, slow userCosts
	p.prepareUserCosts(&u, r.lanes, r.terrain, r.length, &t)

	var discount [Years]float64
	for y := range discount {
		discount[y] = math.Pow(1+p.DiscountRate, float64(y))
	}

	alts, n := alternativesFor(r.choice)
	var base, cur, best outcome
	chosen := 0
	for i := range n {
		o, against := &cur, &base.total
		if i == 0 {
			o, against = &base, nil
		}
		if !p.evaluate(&r, &t, &u, &slow, alts[i], &discount, against, o) {
			return fmt.Errorf("%w: parameter set %q: speed table gives a speed <= 0 km/h for section %s", ErrInvalid, p.Name, s.ID)
		}
		if !finite(o.npv) {
			return invalid(s, "Length", s.Length, "the costs overflow; check the section's length, width and traffic")
		}
		w := &p.Works[alts[i].work-1]
		res.options[i] = Option{WorkCode: w.Code, WorkYear: alts[i].year, WorkCost: o.cost, NPV: o.npv}
		// Ties go to the later alternative, as in the workbook; the base
		// (NPV 0) is the floor.
		if o.npv >= best.npv || i == 0 {
			best = *o
			chosen = i
		}
	}
	w := &p.Works[alts[chosen].work-1]
	*res = Result{
		ID:        s.ID,
		WorkClass: w.Class, WorkCode: w.Code, WorkName: w.Name,
		WorkYear: alts[chosen].year, WorkCost: best.cost, WorkCostKm: best.cost / r.length,
		DoNothing: alts[chosen] == alts[0],
		NPV:       best.npv, NPVKm: best.npv / r.length,
		EIRR:       eirr(&best.net),
		TruckShare: t.share, Utilisation: t.util, ESALoading: t.esa[0],
		AADT: t.total, IRI: best.iri, IRIBase: base.iri,
		Condition: best.cond, ConditionBase: base.cond,
		RecurrentCost: best.recurrent, NetBenefits: best.net,
		ParamSet: p.label,
		options:  res.options, nOptions: n,
	}
	if best.cost > 0 {
		res.NPVCost = best.npv / best.cost
	}
	for _, x := range [...]float64{res.WorkCost, res.WorkCostKm, res.NPVKm, res.NPVCost, res.Utilisation, res.ESALoading, res.TruckShare} {
		if !finite(x) {
			return invalid(s, "Length", s.Length, "the costs overflow; check the section's length, width and traffic")
		}
	}
	return nil
}
