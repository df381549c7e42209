package web

import (
	"context"
	"math"
	"sync"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// projectionYears is how far the ruas page projects roughness, years.
const projectionYears = 15

// projection is the deterioration forecast of one ruas with no works, and
// its remaining service life measured two ways; the numbers are the
// planner's (planner.Sections with the calibrated model).
type projection struct {
	Available bool      `json:"available"`
	Note      string    `json:"note"`
	Chart     chartData `json:"chart"`
	FromYear  int       `json:"from_year"` // the year the projection starts from (end of)
	// RemainingLifeYears is design life minus age of the youngest-failing
	// section (nil when the age is unknown), years.
	RemainingLifeYears *int `json:"remaining_life_years"`
	DesignLifeYears    int  `json:"design_life_years"`
	// YearsToRusakRingan is the do-nothing time until the first section
	// reaches Rusak Ringan (0 = already there; planner.MaxLifeYears = not within it).
	YearsToRusakRingan int                `json:"years_to_rusak_ringan"`
	Models             []planner.ModelRef `json:"models"`
}

// lifeTable is the planner's section states of the whole network, computed
// once per snapshot (deterioration is calibrated on the whole register).
type lifeTable struct {
	once     sync.Once
	fromYear int
	byRuas   map[string][]planner.SectionState
	caps     map[string]float64 // model key → IRI cap, m/km
	err      error
}

func (snap *snapshot) lifeOf(now time.Time) *lifeTable {
	lt := &snap.life
	lt.once.Do(func() {
		lt.fromYear = now.Year() + 1
		secs, err := planner.Sections(snap.network, planner.Input{FromYear: lt.fromYear, Years: 1})
		if err != nil {
			lt.err = err
			return
		}
		lt.byRuas = map[string][]planner.SectionState{}
		for _, s := range secs {
			lt.byRuas[s.RuasKey] = append(lt.byRuas[s.RuasKey], s)
		}
		lt.caps = map[string]float64{}
		if det, err := planner.DeteriorationTable(""); err == nil {
			for _, p := range planner.Calibrate(snap.network, lt.fromYear, det, true).Params {
				if p.Quantity == "iri" {
					lt.caps[p.Key] = p.Cap
				}
			}
		}
	})
	return lt
}

// step advances a roughness value one year with a planner model.
func step(iri float64, m planner.ModelRef, cap float64) float64 {
	if cap > 0 && iri >= cap {
		return iri
	}
	if m.Form == planner.FormExponential {
		iri *= 1 + m.Rate
	} else {
		iri += m.Rate
	}
	if cap > 0 && iri > cap {
		iri = cap
	}
	return iri
}

// projectionOf is the one place that asks the planner for a ruas's forecast.
func (s *Server) projectionOf(ctx context.Context, d *ruasDetailData, l Locale) projection {
	p := projection{Chart: chartData{X: []float64{}, Series: [][]*float64{}}, YearsToRusakRingan: planner.MaxLifeYears}
	snap, err := s.snaps.current(ctx)
	if err != nil {
		p.Note = err.Error()
		return p
	}
	lt := snap.lifeOf(s.now())
	if lt.err != nil {
		p.Note = lt.err.Error()
		return p
	}
	secs := lt.byRuas[d.ruas.Key.String()]
	if len(secs) == 0 {
		p.Note = l.T("ruas.projection_none")
		return p
	}
	p.Available, p.FromYear = true, lt.fromYear-1
	seen := map[string]bool{}
	iri := make([]float64, len(secs))
	var total float64
	for i, sec := range secs {
		iri[i] = sec.IRI
		total += sec.LengthKm
		if sec.YearsToRusakRingan < p.YearsToRusakRingan {
			p.YearsToRusakRingan = sec.YearsToRusakRingan
		}
		if sec.RemainingLifeYears != nil && (p.RemainingLifeYears == nil || *sec.RemainingLifeYears < *p.RemainingLifeYears) {
			v := *sec.RemainingLifeYears
			p.RemainingLifeYears, p.DesignLifeYears = &v, sec.DesignLife
		}
		if !seen[sec.Model.Key+sec.Model.Source] {
			seen[sec.Model.Key+sec.Model.Source] = true
			p.Models = append(p.Models, sec.Model)
		}
	}
	rules, _ := roads.ConditionRules("")
	limit := math.NaN()
	if rules != nil {
		for _, b := range rules.IRIClass {
			if b.Class == roads.Sedang && b.Upper != nil {
				limit = *b.Upper
			}
		}
	}
	mean, bound := []*float64{}, []*float64{}
	for t := 0; t <= projectionYears; t++ {
		var sum float64
		for i, sec := range secs {
			if t > 0 {
				iri[i] = step(iri[i], sec.Model, lt.caps[sec.Model.Key])
			}
			sum += iri[i] * sec.LengthKm
		}
		p.Chart.X = append(p.Chart.X, float64(p.FromYear+t))
		mean = append(mean, finite(sum/total))
		bound = append(bound, finite(limit))
	}
	p.Chart.Series = [][]*float64{mean, bound}
	p.Chart.Labels = []string{l.T("ruas.projection_iri"), l.T("ruas.projection_limit")}
	p.Chart.Colors = []string{"#4575b4", "#f46d43"}
	p.Chart.YLabel = "IRI (m/km)"
	p.Chart.XLabel = l.T("col.year")
	return p
}
