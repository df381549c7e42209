package cba

import "math"

// conditionOf returns the condition class (1 very good … 5 very poor) of a
// roughness on this surface. Bands are [lower, upper): an IRI exactly on a
// bound belongs to the worse class, as in the workbook.
func (sp *SurfaceParams) conditionOf(iri float64) int {
	for k, upper := range sp.ConditionMaxIRI {
		if iri < upper {
			return k + 1
		}
	}
	return NumConditions
}

// nextIRI rolls roughness (m/km) forward one year on a surface. age is the
// pavement age in years before this year, snc the structural number, esa the
// year's loading in million ESA per lane and m the climate coefficient.
// The result is capped at the surface's MaxIRI.
func (sp *SurfaceParams) nextIRI(iri float64, age int, snc, esa, m float64) float64 {
	d := &sp.Deterioration
	switch d.Model {
	case ClimateRate:
		iri *= 1 + m
	case HDM4Simplified:
		// HDM-4 simplified roughness progression:
		// ΔRI = Kgp·(a0·e^(Kgm·m·AGE)·(1 + SNC·a1)^-5·YE4 + a2·AGE) + Kgm·m·RI
		a := float64(age)
		iri += d.Kgp*(d.A0*math.Exp(d.Kgm*m*a)*math.Pow(1+snc*d.A1, -5)*esa+d.A2*a) + d.Kgm*m*iri
	default: // FixedRate
		iri *= 1 + d.Rate
	}
	return min(iri, sp.MaxIRI)
}
