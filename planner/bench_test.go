package planner

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// genEngine builds an engine over n generated sections directly in the
// compact columns (no roads.Network: a national-scale register would not
// be read through one for a benchmark of the programme itself). Sections
// are 100–1000 m, 4–8 m wide, mostly asphalt, IRI 2–15 m/km, traffic
// 100–20 000 vehicles/day; the default tables and method apply.
func genEngine(tb testing.TB, n int, seed uint64, method string, years int) *engine {
	tb.Helper()
	in := Input{FromYear: 2026, Years: years, BudgetsRp: []float64{1}, Method: method}
	if err := in.Normalize(); err != nil {
		tb.Fatal(err)
	}
	e := &engine{}
	if err := e.resolve(&in); err != nil {
		tb.Fatal(err)
	}
	e.cal = Calibrate(&roads.Network{}, in.FromYear, e.det, false)
	e.models = compileModels(e.det, e.cal)
	r := rand.New(rand.NewPCG(seed, 1))
	ss := &e.sec
	ss.n = n
	ss.grow(n)
	ss.versions = []string{e.rules.Version}
	st := newState(n)
	surfaces := []roads.Surface{roads.Aspal, roads.Aspal, roads.Aspal, roads.Aspal, roads.Aspal, roads.Aspal, roads.Lapen, roads.Beton, roads.Paving, roads.Kerikil, roads.Tanah}
	for i := 0; i < n; i++ {
		l := 100 + r.Float64()*900
		lhr := math.Exp(math.Log(100) + r.Float64()*math.Log(200))
		ss.ruas = append(ss.ruas, -1)
		ss.staFrom = append(ss.staFrom, 0)
		ss.staTo = append(ss.staTo, float32(l))
		ss.lenKm = append(ss.lenKm, float32(l/1000))
		ss.areaM2 = append(ss.areaM2, float32(l*(4+r.Float64()*4)))
		ss.lhr = append(ss.lhr, float32(lhr))
		ss.band = append(ss.band, uint8(e.det.band(lhr)))
		basis := basisIRI
		if r.IntN(2) == 0 {
			basis |= basisSDI
		}
		ss.basis = append(ss.basis, basis)
		ss.surveyDay = append(ss.surveyDay, 20000)
		iri := 2 + r.Float64()*13
		ss.surveyIRI = append(ss.surveyIRI, float32(iri))
		ss.surveySDI = append(ss.surveySDI, float32(math.NaN()))
		ss.ruleVer = append(ss.ruleVer, 0)
		ss.surveyYear = append(ss.surveyYear, 2025)
		st.iri[i], st.sdi[i] = float32(iri), float32(r.Float64()*200)
		st.surf[i] = uint8(surfaceIndex(surfaces[r.IntN(len(surfaces))]))
		st.age[i], st.designLife[i] = int16(r.IntN(20)), 20
	}
	ss.init = st
	e.in = in
	e.prepare()
	return e
}

// benchProgramme runs a programme of years over n generated sections with
// a yearly budget of 4 % of what fixing every section once would cost,
// recording the works lists as a real run does.
func benchProgramme(b *testing.B, n, years int) {
	e := genEngine(b, n, 1, DefaultMethod, years)
	budget := constant(e.fixAllCost()*0.04, years)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ys := e.simulate(budget, false, true)
		if len(ys) != years {
			b.Fatal("short run")
		}
	}
}

func BenchmarkProgramme100k(b *testing.B) { benchProgramme(b, 100_000, 10) }

func BenchmarkProgramme1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M sections: not in -short runs")
	}
	benchProgramme(b, 1_000_000, 10)
}

// BenchmarkDemoCity is the whole Run of a 5-year programme for the demo
// city (Kota Blitar synthetic network), calibration included.
func BenchmarkDemoCity(b *testing.B) {
	net := demoNetwork(b)
	in := Input{FromYear: demoFrom, Years: 5, BudgetsRp: []float64{15e9}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(net, in); err != nil {
			b.Fatal(err)
		}
	}
}
