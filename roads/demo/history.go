package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// history runs the hidden deterioration process of every link through the
// survey years, deciding works the way a city office does (worst first,
// within a yearly budget, with some picks for other reasons), and records
// what the surveys saw.
type history struct {
	cal Calendar
	rng *rand.Rand
	// traffic draws the yearly traffic noise apart from rng, so the
	// counts do not shift when a condition rule changes the works drawn.
	traffic *rand.Rand
	rules   *roads.Rules
	roads   []*road
}

// road is the hidden state of one ruas.
type road struct {
	r      *roads.Ruas
	kecIdx int
	units  []*unit
	// Traffic: LHR in FirstYear (vehicles/day), yearly growth, shares.
	lhr0, growth, mcShare, truckShare float64
	tf                                float64 // traffic factor, 0 light … 1 heavy
	// m is the IRI growth: a yearly rate for paved surfaces, m/km a year for unpaved.
	m         float64
	rutin     bool // in the routine-maintenance programme
	lastWorks int  // year of the last periodic or structural works, 0 = none
	class     []roads.Kondisi
}

// unit is one 100 m survey unit (the last one shorter).
type unit struct {
	from, to            float64 // STA, m
	iri                 float64 // true roughness, m/km
	surfAge, structAge  float64 // years since surfacing, since (re)construction
	mult                float64 // the unit's deterioration relative to the ruas
	crackInit           float64 // surface age (years) at which cracking starts
	crackRate, rutRate  float64 // crack growth (% area at 1 year past start), rut growth cm/year
	potFactor, patchAge float64 // pothole propensity; years since potholes were patched
}

// Traffic by function: LHR range in FirstYear, vehicles/day, and truck share.
var lhrRange = map[roads.Fungsi][3]float64{
	roads.Arteri:     {10_000, 20_000, 0.06},
	roads.Kolektor:   {5_000, 10_000, 0.04},
	roads.Lokal:      {1_000, 4_000, 0.02},
	roads.Lingkungan: {200, 1_000, 0.01},
}

// Caps of the process, m/km.
const (
	pavedIRICap   = 16.0
	unpavedIRICap = 25.0
)

func newHistory(rng *rand.Rand, cal Calendar) *history {
	rules, err := roads.ConditionRules("")
	if err != nil {
		panic("demo: " + err.Error())
	}
	return &history{cal: cal, rng: rng, rules: rules, traffic: rand.New(rand.NewPCG(rng.Uint64(), 3))}
}

func (h *history) uniform(lo, hi float64) float64 { return lo + h.rng.Float64()*(hi-lo) }

// addLink draws the hidden parameters and the FirstYear state of a ruas.
func (h *history) addLink(r *roads.Ruas, l *link) {
	rng := h.rng
	lr := lhrRange[r.Fungsi]
	d := &road{r: r, lhr0: h.uniform(lr[0], lr[1]), growth: h.uniform(0.03, 0.05), truckShare: lr[2] * h.uniform(0.7, 1.3),
		mcShare: h.uniform(0.66, 0.78)}
	fmt.Sscanf(l.Kec.Code[len(l.Kec.Code)-2:], "%d", &d.kecIdx)
	d.tf = math.Max(0, math.Min(1.2, (math.Log10(d.lhr0)-2.3)/2))
	d.rutin = r.Fungsi == roads.Arteri || r.Fungsi == roads.Kolektor || rng.Float64() < 0.3
	var surfAge, structAge float64
	switch r.Surface {
	case roads.Aspal:
		d.m = h.uniform(0.03, 0.05) + 0.04*d.tf
		surfAge = h.uniform(0, 12)
		structAge = surfAge + h.uniform(0, 15)
	case roads.Lapen:
		d.m = h.uniform(0.06, 0.08) + 0.05*d.tf
		surfAge = h.uniform(0, 8)
		structAge = surfAge + h.uniform(0, 10)
	case roads.Beton:
		d.m = h.uniform(0.010, 0.015) + 0.01*d.tf
		surfAge = h.uniform(0, 25)
		structAge = surfAge
	case roads.Paving:
		d.m = h.uniform(0.02, 0.03) + 0.02*d.tf
		surfAge = h.uniform(0, 15)
		structAge = surfAge
	case roads.Kerikil:
		d.m = h.uniform(1.2, 2.0)
		surfAge = h.uniform(0, 3)
	default: // tanah
		d.m = h.uniform(1.8, 2.8)
		surfAge = h.uniform(0, 3)
	}
	first := h.cal.FirstYear
	r.YearBuilt = first - int(structAge) - rng.IntN(20)
	// Lingkungan roads are no older than 35 years before the history starts
	// (1985 for a 2020 start). The bound follows FirstYear so that moving the
	// history by whole years draws the same numbers and only shifts dates.
	if r.Fungsi == roads.Lingkungan && r.YearBuilt < first-35 {
		r.YearBuilt = first - 35 + rng.IntN(10)
	}
	if r.YearBuilt > first-int(structAge) {
		r.YearBuilt = first - int(structAge)
	}
	n := int(math.Ceil(r.LengthM / 100))
	for k := 0; k < n; k++ {
		u := &unit{from: float64(k) * 100, to: math.Min(float64(k+1)*100, r.LengthM), surfAge: surfAge, structAge: structAge,
			mult: h.uniform(0.85, 1.15), patchAge: 10}
		h.drawSurface(d, u)
		switch r.Surface {
		case roads.Kerikil, roads.Tanah:
			u.iri = h.resetIRI(r.Surface, roads.Rutin) + d.m*u.mult*surfAge
		default:
			start := h.resetIRI(r.Surface, roads.Berkala)
			if surfAge == structAge {
				start = h.resetIRI(r.Surface, roads.Rekonstruksi)
			}
			rate := (d.m + 0.0015*(structAge-surfAge/2)) * u.mult
			u.iri = math.Min(pavedIRICap, start*math.Pow(1+rate, surfAge))
		}
		d.units = append(d.units, u)
	}
	h.roads = append(h.roads, d)
}

// drawSurface draws a unit's distress parameters for its current surface.
func (h *history) drawSurface(d *road, u *unit) {
	switch d.r.Surface {
	case roads.Aspal:
		u.crackInit = h.uniform(5, 10) - 2*d.tf
		u.crackRate = h.uniform(1.5, 3)
		u.rutRate = h.uniform(0.05, 0.08) + 0.12*d.tf
		u.potFactor = h.uniform(0.6, 1.4)
	case roads.Lapen:
		u.crackInit = h.uniform(3, 5)
		u.crackRate = h.uniform(2.5, 4)
		u.rutRate = h.uniform(0.08, 0.12) + 0.12*d.tf
		u.potFactor = h.uniform(1.0, 1.8)
	case roads.Beton:
		u.crackInit = h.uniform(12, 20)
		u.crackRate = h.uniform(0.8, 1.5)
	case roads.Paving:
		u.rutRate = h.uniform(0.05, 0.07)
	}
}

// resetIRI is the roughness right after works, m/km.
func (h *history) resetIRI(s roads.Surface, w roads.WorksType) float64 {
	switch s {
	case roads.Kerikil:
		return h.uniform(6, 7)
	case roads.Tanah:
		return h.uniform(8, 9)
	case roads.Beton:
		return h.uniform(2.5, 3.0)
	case roads.Paving:
		return h.uniform(3.5, 4.0)
	case roads.Lapen:
		if w == roads.Rekonstruksi {
			return h.uniform(2.5, 3.0)
		}
		return h.uniform(3.2, 3.5)
	}
	if w == roads.Rekonstruksi {
		return h.uniform(2.0, 2.5)
	}
	return h.uniform(3.0, 3.5)
}

// grow advances a unit by dt years.
func (d *road) grow(u *unit, dt float64) {
	switch d.r.Surface {
	case roads.Kerikil, roads.Tanah:
		u.iri = math.Min(unpavedIRICap, u.iri+d.m*u.mult*dt)
	default:
		rate := (d.m + 0.0015*u.structAge) * u.mult
		u.iri = math.Min(pavedIRICap, u.iri*math.Pow(1+rate, dt))
	}
	u.surfAge += dt
	u.structAge += dt
	u.patchAge += dt
}

// crack is the true crack area (% of the unit) of a unit now.
func (u *unit) crack() float64 {
	if u.crackRate == 0 || u.surfAge <= u.crackInit {
		return 0
	}
	return math.Min(95, u.crackRate*math.Pow(u.surfAge-u.crackInit, 1.3))
}

// observe is what a survey team records on a unit: the true state with
// measurement noise, rounded as on the survey form.
func (h *history) observe(d *road, u *unit) *roads.Distress {
	rng := h.rng
	r1 := func(v float64) *float64 { v = math.Round(v*10) / 10; return &v }
	iri := math.Round(math.Min(30, math.Max(0.5, u.iri*math.Exp(rng.NormFloat64()*0.05)))*100) / 100
	dist := &roads.Distress{IRI: &iri}
	if !d.r.Surface.Paved() {
		return dist
	}
	length := u.to - u.from
	c := u.crack()
	crack, width := 0.0, 0.0
	if c > 0 {
		crack = math.Min(100, c*math.Exp(rng.NormFloat64()*0.1))
		width = math.Min(25, math.Max(0.2, (0.5+0.5*(u.surfAge-u.crackInit))*math.Exp(rng.NormFloat64()*0.1)))
	}
	lambda := u.potFactor * math.Max(0, c-15) / 10
	if d.r.Surface == roads.Paving {
		lambda = 0.08 * math.Max(0, u.surfAge-8) // missing and sunken blocks
	}
	lambda *= length / 100 * math.Min(1, u.patchAge)
	potholes := float64(poisson(rng, lambda))
	rut := math.Min(50, u.rutRate*u.surfAge*math.Exp(rng.NormFloat64()*0.1))
	dist.CrackAreaPct, dist.CrackWidthMM, dist.Potholes, dist.RutCM = r1(crack), r1(width), &potholes, r1(rut)
	return dist
}

// poisson draws a Poisson count (Knuth's method; lambda is small here).
func poisson(rng *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	l, k, p := math.Exp(-math.Min(lambda, 50)), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// surveyDate is the date a ruas is surveyed in a year: mid-year, one
// kecamatan after another.
func surveyDate(year, kecIdx, i int) time.Time {
	return time.Date(year, time.June, 8+12*(kecIdx-1)+i%10, 0, 0, 0, 0, time.UTC)
}

// run simulates FirstYear..LastYear and fills b with surveys, works and traffic.
func (h *history) run(b *roads.Batch) {
	cal := h.cal
	for year := cal.FirstYear; year <= cal.LastYear; year++ {
		for i, d := range h.roads {
			date := surveyDate(year, d.kecIdx, i)
			d.class = d.class[:0]
			for _, u := range d.units {
				v := &roads.Survey{Ruas: d.r.Key, Date: date, StaFromM: u.from, StaToM: u.to, Distress: h.observe(d, u)}
				a, err := h.rules.Assess(*v.Distress, u.to-u.from)
				if err != nil {
					panic(fmt.Sprintf("demo: survey of %s at %s: %v", d.r.Key, roads.FormatSTA(u.from), err))
				}
				d.class = append(d.class, a.Kondisi)
				b.Surveys = append(b.Surveys, v)
			}
		}
		var done []*roads.Works
		if year < cal.LastYear {
			done = h.programme(year, false)
		} else {
			done = h.programme(cal.CommittedYear, true)
		}
		done = append(done, h.routine(year)...)
		b.Works = append(b.Works, done...)
		// Advance every unit to the next survey, applying works on their
		// date: this year's, including routine care still contracted (the
		// committed programme is next year's, after the next survey).
		byRuas := map[roads.Key][]*roads.Works{}
		for _, w := range done {
			if w.Date.Year() == year {
				byRuas[w.Ruas] = append(byRuas[w.Ruas], w)
			}
		}
		for i, d := range h.roads {
			from := surveyDate(year, d.kecIdx, i)
			to := surveyDate(year+1, d.kecIdx, i)
			span := to.Sub(from).Hours() / 24 / 365.25
			ws := byRuas[d.r.Key]
			sort.SliceStable(ws, func(i, j int) bool { return ws[i].Date.Before(ws[j].Date) })
			for _, u := range d.units {
				t := 0.0
				for _, w := range ws {
					if u.from < w.StaFromM || u.to > w.StaToM {
						continue
					}
					at := w.Date.Sub(from).Hours() / 24 / 365.25
					d.grow(u, at-t)
					t = at
					h.apply(d, u, w.Type)
				}
				d.grow(u, span-t)
			}
		}
		for _, d := range h.roads {
			lhr := d.lhr0 * math.Pow(1+d.growth, float64(year-cal.FirstYear)) * math.Exp(h.traffic.NormFloat64()*0.03)
			lhr = math.Round(lhr)
			mc, truck := math.Round(lhr*d.mcShare), math.Round(lhr*d.truckShare)
			b.Traffic = append(b.Traffic, &roads.Traffic{Ruas: d.r.Key, Year: year, LHR: lhr,
				ByClass: map[string]float64{"mc": mc, "car": lhr - mc - truck, "truck": truck}})
		}
	}
}

// apply resets a unit as works of type w do.
func (h *history) apply(d *road, u *unit, w roads.WorksType) {
	switch w {
	case roads.Rutin:
		// Routine care patches potholes and, on unpaved roads, regrades.
		u.patchAge = 0
		if !d.r.Surface.Paved() {
			u.iri = math.Max(h.resetIRI(d.r.Surface, w), u.iri*0.7)
			u.surfAge = 0
		}
	case roads.Berkala, roads.Rehabilitasi:
		u.iri = h.resetIRI(d.r.Surface, w)
		u.surfAge = 0
		h.drawSurface(d, u)
	case roads.Rekonstruksi:
		u.iri = h.resetIRI(d.r.Surface, w)
		u.surfAge, u.structAge = 0, 0
		h.drawSurface(d, u)
	}
}
