package cba

// traffic is a section's traffic over the analysis period.
type traffic struct {
	aadt  [Years]Traffic // vehicles/day by year and class
	total [Years]float64 // vehicles/day by year, all classes
	esa   [Years]float64 // million ESA per lane per year
	share float64        // trucks' share of year-1 AADT
	util  float64        // million vehicle-km in year 1
}

// growTraffic grows year-1 traffic by the section's growth scenario and
// derives the loading and fleet figures the model reports.
func (p *Params) growTraffic(r *prepared, t *traffic) {
	rates := p.GrowthScenarios[r.growth-1].Percent
	var factor Traffic
	for v := range factor {
		factor[v] = 1 + rates[v]/100
	}
	t.aadt[0] = r.aadt
	for y := 1; y < Years; y++ {
		for v := range factor {
			t.aadt[y][v] = t.aadt[y-1][v] * factor[v]
		}
	}
	// ESA are spread over the lanes that carry the loads (million per lane).
	perLane := 365 / 1e6 / r.initialLoad
	for y := range t.aadt {
		total, esa := 0.0, 0.0
		for v, n := range t.aadt[y] {
			total += n
			esa += n * p.Vehicles[v].ESA
		}
		t.total[y] = total
		t.esa[y] = esa * perLane
	}
	trucks := 0.0
	for _, v := range p.truckVehs {
		trucks += t.aadt[0][v]
	}
	t.share = trucks / t.total[0]
	t.util = t.total[0] * r.length * 365 / 1e6
}
