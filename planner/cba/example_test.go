package cba_test

import (
	"fmt"
	"log"

	"github.com/kotablitar/ruas/planner/cba"
)

// A section of asphalt road in poor condition with counted traffic, analysed
// with the workbook's default parameters (money in US$ millions).
func ExampleAnalyse() {
	s := cba.Section{
		ID:             "35.72.014",
		Length:         1.85, // km
		Width:          5.5,  // m; the lane class follows from it
		RoadClass:      8,
		Terrain:        cba.Flat,
		Temperature:    1, // tropical
		Moisture:       4, // humid
		Surface:        cba.AsphaltConcrete,
		Condition:      4, // poor; the roughness follows from it
		GrowthScenario: 3,
		// vehicles/day: motorcycles, cars, ..., buses
		AADT: cba.Traffic{2100, 260, 140, 90, 20, 70, 40, 10, 0, 15, 5, 0},
	}
	res, err := cba.Analyse(s, nil) // nil: cba.RoADSDefaults()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %s in year %d\n", res.WorkCode, res.WorkName, res.WorkYear)
	fmt.Printf("cost %.2f, NPV %.2f, NPV/cost %.2f, EIRR %.1f %%\n", res.WorkCost, res.NPV, res.NPVCost, 100*res.EIRR)
	fmt.Printf("IRI %.1f m/km now, %.1f after the work\n", res.IRIBase[0], res.IRI[res.WorkYear-1])
	fmt.Println(len(res.Options()), "alternatives with", res.ParamSet)
	// Output:
	// B-R1 Thick Overlay (>100mm) in year 1
	// cost 3.59, NPV 3.58, NPV/cost 1.00, EIRR 37.7 %
	// IRI 12.0 m/km now, 2.5 after the work
	// 13 alternatives with RoADS CBA defaults 1.00
}

// A city's own parameter set: start from the defaults, change what differs,
// validate. (A whole set can also be read from JSON with cba.ParseParams.)
func ExampleParams_Validate() {
	p := cba.RoADSDefaults()
	p.Name, p.Version = "Kota Blitar", "2026"
	p.DiscountRate = 0.10
	if err := p.Validate(); err != nil {
		log.Fatal(err)
	}
	s := cba.Section{ID: "35.72.020", Length: 0.9, Lanes: 1, RoadClass: 8, Terrain: cba.Flat,
		Temperature: 1, Moisture: 4, Surface: cba.Earth, Condition: 5, TrafficLevel: 2, GrowthScenario: 3}
	res, err := cba.Analyse(s, p)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s in year %d, NPV %.3f (%s)\n", res.WorkCode, res.WorkYear, res.NPV, res.ParamSet)
	// Output:
	// E-R in year 2, NPV 0.103 (Kota Blitar 2026)
}
