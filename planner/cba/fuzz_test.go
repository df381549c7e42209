package cba_test

import (
	"errors"
	"math"
	"os"
	"testing"

	"github.com/kotablitar/ruas/planner/cba"
)

// FuzzParseSection feeds arbitrary bytes to the section parser and the
// analysis: neither may panic, errors must wrap ErrInvalid, and a result
// must hold no NaN or infinity except an undefined EIRR.
func FuzzParseSection(f *testing.F) {
	seed, err := os.ReadFile("testdata/section_blitar.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"length":1,"width":6,"road_class":8,"terrain":3,"temperature":1,"moisture":4,"surface_type":5,"condition_class":3,"traffic_level":1,"traffic_growth":3}`))
	f.Add([]byte(`{"length":2,"lanes":1,"road_class":1,"terrain":1,"temperature":5,"moisture":5,"road_type":2,"roughness":49.9,"aadt_total":120000,"traffic_growth":5}`))
	f.Add([]byte(`{"length":-1,"surface_type":99,"aadt_motorcyle":-3}`))
	f.Add([]byte(`{"length":1e308,"width":1e-300,"structural_no":null,"pavement_age":2007}`))
	f.Add([]byte(`[1,2,3]`))
	f.Add([]byte(`{"length":NaN}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := cba.ParseSection(data)
		if err != nil {
			if !errors.Is(err, cba.ErrInvalid) {
				t.Fatalf("ParseSection error %v does not wrap ErrInvalid", err)
			}
			return
		}
		res, err := cba.Analyse(s, nil)
		if err != nil {
			if !errors.Is(err, cba.ErrInvalid) {
				t.Fatalf("Analyse error %v does not wrap ErrInvalid", err)
			}
			return
		}
		bad := func(name string, v float64) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s = %v for section %+v", name, v, s)
			}
		}
		bad("NPV", res.NPV)
		bad("NPVKm", res.NPVKm)
		bad("NPVCost", res.NPVCost)
		bad("WorkCost", res.WorkCost)
		bad("WorkCostKm", res.WorkCostKm)
		bad("TruckShare", res.TruckShare)
		bad("Utilisation", res.Utilisation)
		bad("ESALoading", res.ESALoading)
		if !math.IsNaN(res.EIRR) {
			bad("EIRR", res.EIRR)
		}
		for y := range cba.Years {
			bad("AADT", res.AADT[y])
			bad("IRI", res.IRI[y])
			bad("IRIBase", res.IRIBase[y])
			bad("RecurrentCost", res.RecurrentCost[y])
			bad("NetBenefits", res.NetBenefits[y])
		}
	})
}
