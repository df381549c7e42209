package web

import (
	"math"
	"sort"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// This file is the one place where the web app turns the register into
// network figures (km per condition class, kemantapan, freshness); the
// class figures come from planner.ConditionAsOf (built on planner.Breakdown)
// so the dashboard, `ruas condition`, the plan's baseline and the exports
// agree.

// SyntheticPrefix starts the Notes of every record of the synthetic demo
// network; pages label such data as synthetic wherever they show it.
const SyntheticPrefix = roads.SyntheticNotes

// Breakdown is the length per condition class of one group of ruas (a
// kecamatan, a status, a surface). Lengths are in metres.
type Breakdown struct {
	Key     string     `json:"key"`   // code of the group
	Label   string     `json:"label"` // its name as the register or reference gives it
	Ruas    int        `json:"ruas"`
	LengthM float64    `json:"length_m"`  // network length of the group
	Metres  [4]float64 `json:"metres"`    // surveyed metres per class, roads.Kondisis order
	NoDataM float64    `json:"no_data_m"` // length with no survey by the summary date
}

// SurveyedM is the surveyed length of the group, m.
func (b Breakdown) SurveyedM() float64 { return roads.ClassLengthOf(b.Metres).Total() }

// Kemantapan is (Baik + Sedang) / surveyed length × 100, NaN with no
// survey (roads.ClassLength.Kemantapan).
func (b Breakdown) Kemantapan() float64 { return roads.ClassLengthOf(b.Metres).Kemantapan() }

// Share is the share (%) of the group's length in class i (0–3), or with
// no data (i = 4), for bar widths.
func (b Breakdown) Share(i int) float64 {
	total := b.SurveyedM() + b.NoDataM
	if total == 0 {
		return 0
	}
	if i == 4 {
		return b.NoDataM / total * 100
	}
	return b.Metres[i] / total * 100
}

// TrendPoint is the network's condition as it stood at the end of a survey year.
type TrendPoint struct {
	Year       int           `json:"year"`
	SurveyedM  float64       `json:"surveyed_m"`
	Kemantapan roads.Percent `json:"kemantapan_pct"` // null with nothing surveyed
}

// Summary is the dashboard: the network and its condition as of a date.
type Summary struct {
	AsOf        time.Time    `json:"as_of"`
	Total       Breakdown    `json:"total"`
	ByKecamatan []Breakdown  `json:"by_kecamatan"`
	ByStatus    []Breakdown  `json:"by_status"`
	ByFungsi    []Breakdown  `json:"by_fungsi"`
	BySurface   []Breakdown  `json:"by_surface"`
	Trend       []TrendPoint `json:"trend"`
	// FreshM is the length whose latest survey is at most 12 months old at AsOf, m.
	FreshM float64 `json:"fresh_m"`
	// LatestSurvey is the newest survey date by AsOf.
	LatestSurvey time.Time `json:"latest_survey"`
	// Synthetic counts synthetic ruas (roads.IsSynthetic).
	Synthetic int `json:"synthetic_ruas"`
	// Basis says where the figures come from, for the evidence line.
	Basis        string   `json:"basis"`
	RuleVersions []string `json:"rule_versions"`
	// MappedM is the surveyed length whose class came through a scheme mapping, m.
	MappedM float64 `json:"mapped_m"`
	// Condition is what `ruas condition` prints for the same year: the
	// network of the office's authority with kemantapan over its length,
	// other roads apart, and the drafts the figures include.
	Condition planner.NetworkCondition `json:"condition"`
}

// FreshPct is the share (%) of network length surveyed in the last 12 months.
func (s Summary) FreshPct() float64 {
	if s.Total.LengthM == 0 {
		return math.NaN()
	}
	return s.FreshM / s.Total.LengthM * 100
}

// summarize computes the dashboard figures of the network as of asOf: the
// km per class come from planner.ConditionAsOf for asOf's year (each ruas with
// its latest survey in or before that year); freshness, the trend and the
// synthetic-data count are added here.
func summarize(n *roads.Network, asOf time.Time) Summary {
	nc := planner.ConditionAsOf(n, asOf.Year())
	s := Summary{AsOf: asOf, Total: breakdownOf(nc.Total), Basis: "planner.ConditionAsOf", RuleVersions: nc.RuleVersions, MappedM: metres(nc.MappedKm),
		Condition: nc}
	s.ByKecamatan = groups(nc.ByKecamatan)
	s.ByStatus = groups(nc.ByStatus)
	s.ByFungsi = groups(nc.ByFungsi)
	s.BySurface = groups(nc.BySurface)
	sort.SliceStable(s.ByStatus, func(i, j int) bool {
		return statusOrder(roads.Status(s.ByStatus[i].Key)) < statusOrder(roads.Status(s.ByStatus[j].Key))
	})
	sort.SliceStable(s.BySurface, func(i, j int) bool {
		return surfaceOrder(roads.Surface(s.BySurface[i].Key)) < surfaceOrder(roads.Surface(s.BySurface[j].Key))
	})
	freshFrom := asOf.AddDate(-1, 0, 0)
	for _, r := range n.Ruas {
		if roads.IsSynthetic(r) {
			s.Synthetic++
		}
		latest := planner.LatestUpTo(n.Surveys[r.ID], asOf.Year())
		if len(latest) == 0 {
			continue
		}
		c := roads.ConditionOf(latest)
		if c.Date.After(s.LatestSurvey) {
			s.LatestSurvey = c.Date
		}
		if !c.Date.Before(freshFrom) && !c.Date.After(asOf) {
			s.FreshM += math.Min(r.Length(), c.Total())
		}
	}
	s.Trend = trend(n, asOf)
	return s
}

// metres converts the planner's km to metres, rounded to the millimetre
// so that 0.3 km reads back as 300 m.
func metres(km float64) float64 { return math.Round(km*1e6) / 1e3 }

func metresOf(k planner.ClassKm) [4]float64 {
	return [4]float64{metres(k.Baik), metres(k.Sedang), metres(k.RusakRingan), metres(k.RusakBerat)}
}

func breakdownOf(g planner.ConditionGroup) Breakdown {
	return Breakdown{Key: g.Key, Label: g.Label, Ruas: g.Ruas, LengthM: metres(g.NetworkKm), Metres: metresOf(g.Km), NoDataM: metres(g.UnsurveyedKm)}
}

func groups(gs []planner.ConditionGroup) []Breakdown {
	out := make([]Breakdown, 0, len(gs))
	for _, g := range gs {
		out = append(out, breakdownOf(g))
	}
	return out
}

func statusOrder(s roads.Status) string {
	for i, v := range roads.Statuses {
		if v == s {
			return string(rune('a' + i))
		}
	}
	return "z" + string(s)
}

func surfaceOrder(s roads.Surface) string {
	for i, v := range roads.Surfaces {
		if v == s {
			return string(rune('a' + i))
		}
	}
	return "z" + string(s)
}

// trend is the kemantapan at the end of every year that has a survey, up
// to asOf's year: each ruas counts with its latest survey by then.
func trend(n *roads.Network, asOf time.Time) []TrendPoint {
	years := map[int]bool{}
	for _, vs := range n.Surveys {
		for _, v := range vs {
			if v.Date.Year() <= asOf.Year() {
				years[v.Date.Year()] = true
			}
		}
	}
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	out := make([]TrendPoint, 0, len(ys))
	for _, y := range ys {
		ps := planner.Breakdown(n, y)
		out = append(out, TrendPoint{Year: y, SurveyedM: metres(ps.Km.Total()), Kemantapan: roads.Percent(ps.Km.Kemantapan())})
	}
	return out
}
