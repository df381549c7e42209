package planner_test

import (
	"fmt"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// exampleNetwork is a one-ruas register: 500 m of asphalt surveyed in
// 100 m units in 2024, two units already Rusak Ringan.
func exampleNetwork() *roads.Network {
	rules, _ := roads.ConditionRules("")
	r := &roads.Ruas{ID: 1, Key: roads.Key{Region: "35.72", No: "001"}, Name: "Jl. Merdeka", Status: roads.Kota, Fungsi: roads.Kolektor,
		Surface: roads.Aspal, WidthM: 6, LengthM: 500, KecamatanCode: "35.72.02", Kecamatan: "Sukorejo"}
	net := &roads.Network{Ruas: []*roads.Ruas{r}, Surveys: map[int64][]*roads.Survey{}, Hash: "example"}
	for u, iri := range []float64{3.5, 5.0, 9.0, 10.5, 6.0} {
		v := &roads.Survey{RuasID: 1, Ruas: r.Key, Date: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC),
			StaFromM: float64(100 * u), StaToM: float64(100*u + 100), Distress: &roads.Distress{IRI: &iri}}
		v.Derive(rules)
		net.Surveys[1] = append(net.Surveys[1], v)
	}
	return net
}

func ExampleBreakdown() {
	s := planner.Breakdown(exampleNetwork(), 2024)
	fmt.Printf("%.1f km surveyed, kemantapan %.0f %%\n", s.Km.Total(), s.Kemantapan)
	for _, g := range s.ByKecamatan {
		fmt.Printf("%s: Baik %.1f, Sedang %.1f, Rusak Ringan %.1f km\n", g.Label, g.Km.Baik, g.Km.Sedang, g.Km.RusakRingan)
	}
	// Output:
	// 0.5 km surveyed, kemantapan 60 %
	// Sukorejo: Baik 0.1, Sedang 0.2, Rusak Ringan 0.2 km
}

func ExampleRun() {
	res, err := planner.Run(exampleNetwork(), planner.Input{FromYear: 2025, Years: 2, BudgetsRp: []float64{300_000_000}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, y := range res.Plan {
		fmt.Printf("%d: %d works, %s, kemantapan %.0f %% (do nothing %.0f %%)\n", y.Year, len(y.Works), planner.FormatRp(y.SpentRp),
			y.Kemantapan, res.DoNothing.Years[y.Year-2025].Kemantapan)
	}
	for _, w := range res.Plan[0].Works {
		fmt.Println(w.Package, w.Rank, w.Section, w.Evidence.Kondisi.Label(), w.Treatment, w.SubKegiatan[0].Code, planner.FormatRp(w.CostRp))
	}
	// Routine care covers the 0.3 km mantap at the end of 2024 (one row
	// per ruas, funded first); the overlay is one package of two units.
	// Output:
	// 2025: 2 works, Rp 249.600.000, kemantapan 100 % (do nothing 60 %)
	// 2026: 3 works, Rp 256.000.000, kemantapan 100 % (do nothing 60 %)
	// 2025-R001 0 35.72/001 0+000–0+500 Baik rutin 1.03.10.2.01.0046 Rp 9.600.000
	// 2025-P001 1 35.72/001 0+200–0+400 Rusak Ringan berkala 1.03.10.2.01.0034 Rp 240.000.000
}
