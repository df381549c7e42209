package planner

import (
	"fmt"
	"math"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
)

// UsulanSettings are an office's settings of the money a plan proposes
// (data/rules/usulan_*.json): the price escalation from the cost table's
// price year to each tahun anggaran, the companion sub-kegiatan
// (perencanaan teknis, pengawasan) as shares of the physical pagu of
// capital works, the pagu rounding and the default sumber dana. The
// planner costs every year at that year's prices and reserves the
// companions inside the year's budget, so a plan's spending is already
// the money of the usulan.
type UsulanSettings struct {
	Version       string      `json:"version"`
	Source        string      `json:"source"`
	RoundingRp    float64     `json:"rounding_rp"`
	DefaultFunds  string      `json:"default_funds"`
	EscalationPct float64     `json:"escalation_pct_per_year"`
	Companions    []Companion `json:"companions"`
}

// Companion is a sub-kegiatan line that accompanies capital works: a share
// of their physical pagu (perencanaan teknis, pengawasan).
type Companion struct {
	Key   string   `json:"key"`
	Name  string   `json:"name"`
	Pct   float64  `json:"pct"`
	Works []string `json:"works"`
	// SubKegiatan is the full code the line is proposed under; empty puts
	// it in the sub-kegiatan of the works it accompanies (as belanja jasa
	// konsultansi of that sub-kegiatan).
	SubKegiatan string `json:"sub_kegiatan"`
}

func (s *UsulanSettings) validate() error {
	if s.RoundingRp < 1 {
		return fmt.Errorf("usulan settings %s: rounding_rp must be at least 1", s.Version)
	}
	if s.EscalationPct < 0 || s.EscalationPct > 100 || math.IsNaN(s.EscalationPct) {
		return fmt.Errorf("usulan settings %s: escalation_pct_per_year %g must be between 0 and 100", s.Version, s.EscalationPct)
	}
	total := 0.0
	for _, c := range s.Companions {
		if !(c.Pct >= 0 && c.Pct < 100) {
			return fmt.Errorf("usulan settings %s: companion %s: pct %g must be between 0 and 100", s.Version, c.Key, c.Pct)
		}
		for _, w := range c.Works {
			if _, err := roads.ParseWorksType(w); err != nil {
				return fmt.Errorf("usulan settings %s: companion %s: %w", s.Version, c.Key, err)
			}
		}
		total += c.Pct
	}
	if total >= 100 {
		return fmt.Errorf("usulan settings %s: companions add up to %g %% of the physical pagu; they must be under 100 %%", s.Version, total)
	}
	return nil
}

var usulanTables = data.Tables[UsulanSettings]{Spec: data.Spec{Kind: "usulan settings", Pattern: "rules/usulan_*.json",
	Required: []string{"rounding_rp", "default_funds", "escalation_pct_per_year", "companions"}}, Check: (*UsulanSettings).validate}

// UsulanTable returns the usulan settings of a version ("" = newest).
func UsulanTable(version string) (*UsulanSettings, error) { return table(&usulanTables, version) }

// CompanionShare is the share of the physical pagu (a fraction) the
// companion lines add to capital works of a works type.
func (s *UsulanSettings) CompanionShare(w roads.WorksType) float64 {
	var f float64
	for _, c := range s.Companions {
		for _, x := range c.Works {
			if x == string(w) {
				f += c.Pct / 100
			}
		}
	}
	return f
}

// PriceFactor is the factor from the cost table's price year to a tahun
// anggaran: (1 + escalation)^(year − priceYear), 1 at or before the
// price year.
func (s *UsulanSettings) PriceFactor(priceYear, year int) float64 {
	if priceYear <= 0 || year <= priceYear {
		return 1
	}
	return math.Pow(1+s.EscalationPct/100, float64(year-priceYear))
}

// CostBasis states how a plan's money is counted (Result.Costing).
type CostBasis struct {
	PriceYear      int     `json:"price_year"` // of the treatment table's unit costs
	EscalationPct  float64 `json:"escalation_pct_per_year"`
	Settings       string  `json:"usulan_settings"`
	CompanionShare float64 `json:"companion_share"` // largest share over capital treatments; the capital budget is divided by 1 + it
	Rule           string  `json:"rule"`
}

// CostingRule says in words how a plan's money is counted.
const CostingRule = "every plan year is costed at that tahun anggaran's prices: unit costs of the treatment table's price year " +
	"× (1 + escalation)^(TA − price year) (usulan settings); contracted works keep their contract value. Each year's budget " +
	"pays routine care first, then contracted and forced works with their companion lines (perencanaan teknis, pengawasan), " +
	"then capital packages chosen within (what is left) / (1 + companion share), so that packages + companions + routine ≤ budget: " +
	"the plan's spending of a year is the usulan's money of that TA before its rounding down to the pagu step."

// costing fills the engine's price factors and companion shares from the
// usulan settings.
func (e *engine) costing(set *UsulanSettings, years int) {
	e.usulan = set
	e.priceYear = e.cat.PriceYear
	e.priceF = make([]float64, years)
	for t := range e.priceF {
		e.priceF[t] = set.PriceFactor(e.priceYear, e.in.FromYear+t)
	}
	e.share = make([]float64, len(e.tr))
	e.capShare = 0
	for j, c := range e.tr {
		if c.perKm {
			continue
		}
		e.share[j] = set.CompanionShare(c.t.WorksType)
		e.capShare = max(e.capShare, e.share[j])
	}
}

// price is the factor of a year's prices over the table's price year.
func (e *engine) price(year int) float64 {
	if t := year - e.in.FromYear; t >= 0 && t < len(e.priceF) {
		return e.priceF[t]
	}
	if e.usulan == nil {
		return 1
	}
	return e.usulan.PriceFactor(e.priceYear, year)
}

// shareOf is the companion share of recorded works of a works type.
func (e *engine) shareOf(w roads.WorksType) float64 {
	if e.usulan == nil || w == roads.Rutin {
		return 0
	}
	return e.usulan.CompanionShare(w)
}
