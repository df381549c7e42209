package planner_test

import (
	"fmt"
	"log"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// A one-ruas register ranked by the World Bank RoADS economic analysis:
// the rough units are worth treating now, and each funded work carries
// the RoADS figures it was ranked by.
func ExampleRun_economic() {
	rules, err := roads.ConditionRules("")
	if err != nil {
		log.Fatal(err)
	}
	r := &roads.Ruas{ID: 1, Key: roads.Key{Region: "35.72", No: "014"}, Name: "Jl. Kenari", Status: roads.Kota, Fungsi: roads.Kolektor,
		Surface: roads.Aspal, WidthM: 6, LengthM: 400, KecamatanCode: "35.72.02", Kecamatan: "Sukorejo", YearBuilt: 2008}
	net := &roads.Network{Ruas: []*roads.Ruas{r}, Surveys: map[int64][]*roads.Survey{}, Hash: "example-economic",
		Traffic: map[int64][]*roads.Traffic{1: {{RuasID: 1, Ruas: r.Key, Year: 2025, LHR: 6500}}}}
	for u, iri := range []float64{3.2, 3.6, 9.5, 10.4} { // m/km per 100 m unit
		v := &roads.Survey{RuasID: 1, Ruas: r.Key, Date: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
			StaFromM: float64(100 * u), StaToM: float64(100*u + 100), Distress: &roads.Distress{IRI: &iri}}
		if err := v.Derive(rules); err != nil {
			log.Fatal(err)
		}
		net.Surveys[1] = append(net.Surveys[1], v)
	}
	res, err := planner.Run(net, planner.Input{FromYear: 2026, Years: 1, BudgetsRp: []float64{1e9}, Method: planner.EconomicMethod})
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range res.Plan[0].Works {
		if w.Routine { // routine care of the mantap units, funded first
			fmt.Printf("%s: %s, %.1f km, %s\n", w.Section, w.TreatmentLabel, w.LengthKm, planner.FormatRp(w.CostRp))
			continue
		}
		ev := w.Evidence.Economic
		fmt.Printf("%s: %s, %s\n", w.Section, w.TreatmentLabel, planner.FormatRp(w.CostRp))
		fmt.Printf("  RoADS %s %s in year %d, NPV/cost %.2f\n", ev.Work, ev.WorkName, ev.WorkYear, ev.NPVCost)
		if ev.EIRRPct != nil {
			fmt.Printf("  EIRR %.0f %%\n", *ev.EIRRPct)
		} else {
			fmt.Printf("  EIRR: %s\n", ev.EIRRNote)
		}
		fmt.Println(" ", ev.TreatmentRule)
	}
	// Output:
	// 35.72/014 0+000–0+200: Pemeliharaan rutin, 0.2 km, Rp 6.656.000
	// 35.72/014 0+200–0+400: Rehabilitasi, Rp 436.800.000
	//   RoADS B-R3 Reconstruction Type IV in year 1, NPV/cost 8.65
	//   EIRR 2425 %
	//   RoADS B-R3 → rehabilitasi (rekonstruksi tidak berlaku untuk kondisi Rusak Ringan, permukaan aspal)
}
