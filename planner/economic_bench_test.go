package planner

import (
	"errors"
	"math"
	"testing"

	"github.com/kotablitar/ruas/planner/cba"
	"github.com/kotablitar/ruas/roads"
)

// FuzzEconomicSection maps arbitrary section facts: the result is either
// an ErrInvalid error or a section RoADS analyses to finite figures (or
// rejects with cba.ErrInvalid); never a panic and never a NaN.
func FuzzEconomicSection(f *testing.F) {
	f.Add(0.3, 6.5, "aspal", "kolektor", 7.2, "sedang", 15, 2400.0, 2024, 4.66, 2026)
	f.Add(0.0, 5.0, "lapen", "", math.NaN(), "rusak_berat", -1, 400.0, 0, math.NaN(), 2027)
	f.Add(1e-9, 99.0, "tanah", "lingkungan", 24.9, "rusak_berat", 0, 1e6, 1900, -80.0, 2200)
	f.Add(2.0, 4.25, "aspall", "arteri", 499.0, "baik", 300, 0.5, 2030, 1e9, 2026)
	m, err := economicTable()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, length, width float64, surface, fungsi string, iri float64, kondisi string, age int, lhr float64, lhrYear int, growth float64, year int) {
		if lhrYear < 0 || lhrYear > 3000 || year < 1900 || year > 2300 {
			return // the engine never gives these
		}
		s := econSite{ID: "fuzz", LengthKm: length, WidthM: width, Surface: roads.Surface(surface), Fungsi: roads.Fungsi(fungsi), IRI: iri,
			Kondisi: roads.Kondisi(kondisi), AgeYears: age, LHR: lhr, LHRYear: lhrYear, GrowthPct: growth, Year: year}
		sec, _, err := m.section(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error without ErrInvalid: %v", err)
			}
			return
		}
		res, err := cba.Analyse(sec, m.p)
		if err != nil {
			if !errors.Is(err, cba.ErrInvalid) {
				t.Fatalf("Analyse error without ErrInvalid: %v", err)
			}
			return
		}
		for _, x := range []float64{res.NPV, res.NPVCost, res.WorkCost} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%+v gave NPV %g, NPV/cost %g, cost %g", sec, res.NPV, res.NPVCost, res.WorkCost)
			}
		}
	})
}

// BenchmarkEconomic100k is a 5-year programme over 100,000 generated
// sections with the economic method (a RoADS analysis of every section
// every year), recording the works lists as a real run does.
func BenchmarkEconomic100k(b *testing.B) {
	const n, years = 100_000, 5
	e := genEngine(b, n, 1, EconomicMethod, years)
	budget := constant(e.fixAllCost()*0.04, years)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if ys := e.simulate(budget, false, true); len(ys) != years {
			b.Fatal("short run")
		}
	}
	b.ReportMetric(float64(n*years)*float64(b.N)/b.Elapsed().Seconds(), "section-years/s")
}

// BenchmarkEconomicDemoCity is the whole Run of a 5-year economic
// programme for the demo city, calibration and evidence included.
func BenchmarkEconomicDemoCity(b *testing.B) {
	net := demoNetwork(b)
	in := Input{FromYear: demoFrom, Years: 5, BudgetsRp: []float64{15e9}, Method: EconomicMethod}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(net, in); err != nil {
			b.Fatal(err)
		}
	}
}
