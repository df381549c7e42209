package cba

// perMillion turns daily flows into yearly money in millions: 365 days a
// year, results in millions of the currency.
const perMillion = 365 / 1e6

// userCosts holds what the road users' costs need that does not depend on
// roughness, for one lane class and terrain, so that each alternative-year
// costs one cubic for vehicle operation and one cubic per valued vehicle
// class for travel time.
type userCosts struct {
	lanes int
	speed *Cubic
	// voc[y] are the coefficients of the year's VOC, in millions, as a cubic
	// in IRI: the per-vehicle cubics weighted by the year's AADT.
	voc [Years][4]float64
	// timeW[y][v] is length · passengers · value of time · AADT · 365 / 1e6:
	// the year's time cost of class v in millions per unit of 1/speed.
	timeW [Years][NumVehicles]float64
}

// prepareUserCosts fills u for a lane class on the section's terrain.
func (p *Params) prepareUserCosts(u *userCosts, lanes, terrain int, length float64, t *traffic) {
	u.lanes = lanes
	c := &p.VOC[lanes-1][terrain-1]
	u.speed = &p.Speed[lanes-1][terrain-1]
	for y := range t.aadt {
		var a, b, cc, d float64
		for v, n := range t.aadt[y] {
			a += c.A[v] * n
			b += c.B[v] * n
			cc += c.C[v] * n
			d += c.D[v] * n
		}
		k := length * perMillion
		u.voc[y] = [4]float64{a * k, b * k, cc * k, d * k}
		for _, v := range p.timeVehs {
			veh := &p.Vehicles[v]
			u.timeW[y][v] = length * veh.Passengers * veh.TimeValue * t.aadt[y][v] * perMillion
		}
	}
}

// cost returns the year's vehicle operating and travel time costs in
// millions at a roughness. ok is false when the speed table gives a speed
// that is not positive, which no real fleet has.
func (u *userCosts) cost(p *Params, y int, iri float64) (voc, time float64, ok bool) {
	iri2 := iri * iri
	iri3 := iri2 * iri
	c := &u.voc[y]
	voc = c[0] + c[1]*iri + c[2]*iri2 + c[3]*iri3
	s := u.speed
	for _, v := range p.timeVehs {
		speed := s.A[v] + s.B[v]*iri + s.C[v]*iri2 + s.D[v]*iri3
		if speed <= 0 {
			return 0, 0, false
		}
		time += u.timeW[y][v] / speed
	}
	return voc, time, true
}

// worksCost is the financial cost in millions of a work over the section:
// the unit cost per m² times the carriageway area.
func worksCost(w *Work, terrain int, length, width float64) float64 {
	return w.UnitCost[terrain-1] * length * width / 1000
}
