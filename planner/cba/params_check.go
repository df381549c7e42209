package cba

import (
	"fmt"
	"math"
)

// Validate checks that the parameter set is complete and consistent and
// prepares the lookups Analyse needs. Analyse refuses a set that has not been
// validated; call Validate again after changing a set.
func (p *Params) Validate() error {
	p.valid = false
	if err := p.check(); err != nil {
		return fmt.Errorf("%w: parameter set %q: %v", ErrInvalid, p.Name, err)
	}
	p.label = p.Name + " " + p.Version
	p.valid = true
	return nil
}

func (p *Params) check() error {
	if !finite(p.DiscountRate) || p.DiscountRate <= -1 {
		return fmt.Errorf("discount_rate %g must be a fraction above -1 (0.12 is 12 %%)", p.DiscountRate)
	}
	if !finite(p.EconomicFactor) || p.EconomicFactor <= 0 {
		return fmt.Errorf("economic_factor %g must be > 0", p.EconomicFactor)
	}
	if err := p.checkTraffic(); err != nil {
		return err
	}
	if err := p.checkRoad(); err != nil {
		return err
	}
	if err := p.checkWorks(); err != nil {
		return err
	}
	return p.checkChoices()
}

func (p *Params) checkTraffic() error {
	if len(p.Vehicles) != NumVehicles {
		return fmt.Errorf("vehicles: %d classes, want %d", len(p.Vehicles), NumVehicles)
	}
	p.timeVehs, p.truckVehs = p.timeVehs[:0], p.truckVehs[:0]
	for i, v := range p.Vehicles {
		if !finite(v.ESA) || v.ESA < 0 || !finite(v.Passengers) || v.Passengers < 0 ||
			!finite(v.TimeValue) || v.TimeValue < 0 {
			return fmt.Errorf("vehicles[%d] %q: esa, passengers and time_value must be finite and >= 0", i, v.Name)
		}
		if v.Passengers*v.TimeValue != 0 {
			p.timeVehs = append(p.timeVehs, i)
		}
		if v.Truck {
			p.truckVehs = append(p.truckVehs, i)
		}
	}
	for i, g := range p.GrowthScenarios {
		if g.Scenario != i+1 {
			return fmt.Errorf("growth_scenarios[%d]: scenario %d, want %d (in order from 1)", i, g.Scenario, i+1)
		}
		if err := checkVector(g.Percent, NumVehicles, -100, "growth scenario %d percent", g.Scenario); err != nil {
			return err
		}
	}
	if len(p.GrowthScenarios) == 0 {
		return fmt.Errorf("growth_scenarios: none given")
	}
	for i, l := range p.TrafficLevels {
		if l.Level != i+1 {
			return fmt.Errorf("traffic_levels[%d]: level %d, want %d (in order from 1)", i, l.Level, i+1)
		}
		if !finite(l.AADT) || l.AADT <= 0 {
			return fmt.Errorf("traffic level %d: aadt %g must be > 0", l.Level, l.AADT)
		}
		if !(l.MinAADT < l.MaxAADT) || (i > 0 && l.MinAADT != p.TrafficLevels[i-1].MaxAADT) {
			return fmt.Errorf("traffic level %d: band [%g, %g) must be non-empty and follow the previous level's", l.Level, l.MinAADT, l.MaxAADT)
		}
		if err := checkVector(l.Shares, NumVehicles, 0, "traffic level %d shares", l.Level); err != nil {
			return err
		}
		sum := 0.0
		for _, s := range l.Shares {
			sum += s
		}
		if math.Abs(sum-1) > 1e-6 {
			return fmt.Errorf("traffic level %d: shares add up to %g, want 1", l.Level, sum)
		}
		if err := checkVector(l.StructuralNumber, NumConditions, 0, "traffic level %d structural_number", l.Level); err != nil {
			return err
		}
	}
	if len(p.TrafficLevels) == 0 || p.TrafficLevels[0].MinAADT != 0 {
		return fmt.Errorf("traffic_levels: need at least one level, the first band starting at 0")
	}
	return nil
}

func (p *Params) checkRoad() error {
	for i, l := range p.LaneClasses {
		if l.Lanes != i+1 {
			return fmt.Errorf("lane_classes[%d]: lanes %d, want %d (in order from 1)", i, l.Lanes, i+1)
		}
		if !finite(l.Width) || l.Width <= 0 || !finite(l.LoadLanes) || l.LoadLanes <= 0 {
			return fmt.Errorf("lane class %d: width and load_lanes must be > 0", l.Lanes)
		}
		if !(l.MinWidth < l.MaxWidth) || (i > 0 && l.MinWidth != p.LaneClasses[i-1].MaxWidth) {
			return fmt.Errorf("lane class %d: width band [%g, %g) must be non-empty and follow the previous class's", l.Lanes, l.MinWidth, l.MaxWidth)
		}
	}
	if len(p.LaneClasses) == 0 {
		return fmt.Errorf("lane_classes: none given")
	}
	if len(p.Surfaces) == 0 {
		return fmt.Errorf("surfaces: none given")
	}
	for i, s := range p.Surfaces {
		if int(s.Surface) != i+1 {
			return fmt.Errorf("surfaces[%d]: surface %d, want %d (in order from 1)", i, s.Surface, i+1)
		}
		if err := checkVector(s.Roughness, NumConditions, 1e-9, "surface %d roughness", s.Surface); err != nil {
			return err
		}
		if len(s.PavementAge) != NumConditions {
			return fmt.Errorf("surface %d pavement_age: %d values, want %d", s.Surface, len(s.PavementAge), NumConditions)
		}
		if err := checkVector(s.ConditionMaxIRI, NumConditions-1, 1e-9, "surface %d condition_max_iri", s.Surface); err != nil {
			return err
		}
		for k := 1; k < len(s.ConditionMaxIRI); k++ {
			if s.ConditionMaxIRI[k] <= s.ConditionMaxIRI[k-1] {
				return fmt.Errorf("surface %d condition_max_iri must increase", s.Surface)
			}
		}
		if !finite(s.MaxIRI) || s.MaxIRI <= 0 {
			return fmt.Errorf("surface %d max_iri %g must be > 0", s.Surface, s.MaxIRI)
		}
		if err := checkVector(s.RecurrentCost, len(p.LaneClasses), 0, "surface %d recurrent_cost", s.Surface); err != nil {
			return err
		}
		d := s.Deterioration
		if d.Model < FixedRate || d.Model > ClimateRate {
			return fmt.Errorf("surface %d deterioration model %d must be 1 (fixed rate), 2 (HDM-4 simplified) or 3 (climate rate)", s.Surface, d.Model)
		}
		for _, v := range []float64{d.Rate, d.Kgp, d.Kgm, d.A0, d.A1, d.A2} {
			if !finite(v) {
				return fmt.Errorf("surface %d deterioration: coefficients must be finite", s.Surface)
			}
		}
	}
	for i, r := range p.RoadTypes {
		if r.RoadType != i+1 {
			return fmt.Errorf("road_types[%d]: road_type %d, want %d (in order from 1)", i, r.RoadType, i+1)
		}
		if !p.knownSurface(r.DefaultSurface) {
			return fmt.Errorf("road type %d: default_surface %d is not in surfaces", r.RoadType, r.DefaultSurface)
		}
	}
	if err := checkVector(p.RecurrentConditionFactors, NumConditions, 0, "recurrent_condition_factors"); err != nil {
		return err
	}
	if len(p.ClimateM) == 0 {
		return fmt.Errorf("climate_m: none given")
	}
	for i, row := range p.ClimateM {
		if err := checkVector(row, len(p.ClimateM[0]), -1, "climate_m row %d", i+1); err != nil {
			return err
		}
	}
	for _, t := range []struct {
		name string
		tab  [][]Cubic
	}{{"voc", p.VOC}, {"speed", p.Speed}} {
		if len(t.tab) != len(p.LaneClasses) {
			return fmt.Errorf("%s: %d lane classes, want %d", t.name, len(t.tab), len(p.LaneClasses))
		}
		for l, row := range t.tab {
			if len(row) != NumTerrains {
				return fmt.Errorf("%s lane class %d: %d terrains, want %d", t.name, l+1, len(row), NumTerrains)
			}
			for tr, c := range row {
				for _, v := range [][]float64{c.A, c.B, c.C, c.D} {
					if err := checkVector(v, NumVehicles, math.Inf(-1), "%s lane class %d terrain %d", t.name, l+1, tr+1); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func (p *Params) checkWorks() error {
	if len(p.Works) == 0 {
		return fmt.Errorf("works: none given")
	}
	for i, w := range p.Works {
		if w.No != i+1 {
			return fmt.Errorf("works[%d]: no %d, want %d (in order from 1)", i, w.No, i+1)
		}
		if w.Code == "" || w.Name == "" || w.Class == "" {
			return fmt.Errorf("work %d: code, name and class are required", w.No)
		}
		if err := checkVector(w.UnitCost, NumTerrains, 0, "work %d unit_cost", w.No); err != nil {
			return err
		}
		if !finite(w.IRI) || w.IRI <= 0 {
			return fmt.Errorf("work %d %s: iri %g must be > 0", w.No, w.Code, w.IRI)
		}
		if w.Lanes != 0 {
			if w.Lanes < 0 || w.Lanes > len(p.LaneClasses) || !p.knownSurface(w.Surface) || !finite(w.Width) || w.Width <= 0 {
				return fmt.Errorf("work %d %s: an upgrade needs a known lane class, surface and width > 0", w.No, w.Code)
			}
		}
		for _, v := range []float64{w.ThicknessMM, w.Strength, w.SNC} {
			if !finite(v) || v < 0 {
				return fmt.Errorf("work %d %s: thickness_mm, strength and snc must be >= 0", w.No, w.Code)
			}
		}
		if w.Repair < 1 || w.Repair > len(p.Works) {
			return fmt.Errorf("work %d %s: repair %d is not a work number", w.No, w.Code, w.Repair)
		}
		if w.RepairPeriod < 1 {
			return fmt.Errorf("work %d %s: repair_period %d must be >= 1 year", w.No, w.Code, w.RepairPeriod)
		}
	}
	return nil
}

func (p *Params) checkChoices() error {
	p.roadClass = 0
	for _, c := range p.WorkChoices {
		p.roadClass = max(p.roadClass, c.RoadClass)
	}
	n := len(p.Surfaces) * p.roadClass * NumConditions
	if len(p.WorkChoices) != n || n == 0 {
		return fmt.Errorf("work_choices: %d rows, want one per surface, road class and condition (%d)", len(p.WorkChoices), n)
	}
	p.choiceAt = make([]int, n)
	for i := range p.choiceAt {
		p.choiceAt[i] = -1
	}
	work := func(no int) bool { return no >= 0 && no <= len(p.Works) }
	for i, c := range p.WorkChoices {
		if !p.knownSurface(c.Surface) || c.RoadClass < 1 || c.Condition < 1 || c.Condition > NumConditions {
			return fmt.Errorf("work_choices[%d]: surface %d, road class %d, condition %d out of range", i, c.Surface, c.RoadClass, c.Condition)
		}
		if c.BaseWork < 1 || !work(c.BaseWork) || !work(c.First) || !work(c.Second) {
			return fmt.Errorf("work_choices[%d]: base_work, first and second must be work numbers (0 = none, base required)", i)
		}
		if c.BaseYear < 1 || c.BaseYear > Years {
			return fmt.Errorf("work_choices[%d]: base_year %d must be 1..%d", i, c.BaseYear, Years)
		}
		if !finite(c.CostFactor) || c.CostFactor <= 0 {
			return fmt.Errorf("work_choices[%d]: cost_factor %g must be > 0", i, c.CostFactor)
		}
		k := ((int(c.Surface)-1)*p.roadClass+c.RoadClass-1)*NumConditions + c.Condition - 1
		if p.choiceAt[k] >= 0 {
			return fmt.Errorf("work_choices[%d]: surface %d, road class %d, condition %d given twice", i, c.Surface, c.RoadClass, c.Condition)
		}
		p.choiceAt[k] = i
	}
	return nil
}

func (p *Params) knownSurface(s Surface) bool { return s >= 1 && int(s) <= len(p.Surfaces) }

// checkVector checks a table row's length and that every value is finite and
// at least lo.
func checkVector(v []float64, n int, lo float64, format string, args ...any) error {
	if len(v) != n {
		return fmt.Errorf(format+": %d values, want %d", append(args, len(v), n)...)
	}
	for _, x := range v {
		if !finite(x) || x < lo {
			return fmt.Errorf(format+": value %g must be finite and >= %g", append(args, x, lo)...)
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
