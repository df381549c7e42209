package planner

import (
	"errors"
	"fmt"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
)

// ErrInvalid marks an Input or table the planner cannot use; errors wrap
// it with what is wrong and how to fix it.
var ErrInvalid = errors.New("invalid plan input")

// Catalogue is a versioned treatment and cost table
// (data/rules/treatments_*.json). Engineers edit the file, not code.
type Catalogue struct {
	Version       string      `json:"version"`
	Name          string      `json:"name"`
	Source        string      `json:"source"`
	ValidFrom     int         `json:"valid_from"`
	PriceYear     int         `json:"price_year"`
	Currency      string      `json:"currency"`
	DefaultWidthM float64     `json:"default_width_m"` // m, where a ruas has no width
	Benefit       BenefitSpec `json:"benefit"`
	Matrix        struct {
		Paved   map[roads.Kondisi]string `json:"paved"`
		Unpaved map[roads.Kondisi]string `json:"unpaved"`
		Source  string                   `json:"source"`
	} `json:"matrix"`
	Treatments []Treatment `json:"treatments"`
}

// BenefitSpec parameterises the benefit of a treatment (see Definition).
type BenefitSpec struct {
	WindowYears  int     `json:"window_years"`
	TrafficExp   float64 `json:"traffic_exponent"`
	LHRRef       float64 `json:"lhr_ref"`       // vehicles/day
	MantapWeight float64 `json:"mantap_weight"` // m/km per km-year kept mantap
	Definition   string  `json:"definition"`
}

// Treatment is one works option of the catalogue.
type Treatment struct {
	Code      string          `json:"code"`
	Label     string          `json:"label"`
	LabelEN   string          `json:"label_en"`
	WorksType roads.WorksType `json:"works_type"`
	Classes   []roads.Kondisi `json:"classes"`  // where it applies
	Surfaces  []roads.Surface `json:"surfaces"` // where it applies
	// Unit is "m2" (UnitCostRp per m² of carriageway) or "km_year"
	// (UnitCostRp per km for one year, routine care).
	Unit          string                    `json:"unit"`
	UnitCostRp    float64                   `json:"unit_cost_rp"`
	CostBySurface map[roads.Surface]float64 `json:"unit_cost_by_surface_rp,omitempty"`
	CostNote      string                    `json:"cost_note"`
	Effect        Effect                    `json:"effect"`
	EffectNote    string                    `json:"effect_note"`
	// Assumption names an effect that is an assumption rather than a
	// measurement (routine care's rate_factor): the plan records its
	// version (Result.RoutineAssumption).
	Assumption *Assumption `json:"assumption,omitempty"`
}

// Assumption is a named, versioned, documented modelling assumption.
type Assumption struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Note    string `json:"note"`
}

// Effect is what a treatment does to a section.
type Effect struct {
	IRI        *float64      `json:"iri,omitempty"` // reset value, m/km
	SDI        *float64      `json:"sdi,omitempty"` // reset value
	ResetAge   bool          `json:"reset_age"`
	RateFactor float64       `json:"rate_factor,omitempty"` // multiplies that year's growth (routine care)
	NewSurface roads.Surface `json:"new_surface,omitempty"`
	// DesignLife is the umur rencana (years) the works give the section;
	// 0 keeps the section's own.
	DesignLife int `json:"design_life_years,omitempty"`
}

func (c *Catalogue) validate() error {
	if c.Version == "" {
		return fmt.Errorf("treatment catalogue without a version")
	}
	if c.DefaultWidthM <= 0 || c.Benefit.WindowYears <= 0 || c.Benefit.LHRRef <= 0 {
		return fmt.Errorf("treatment catalogue %s: default_width_m, benefit.window_years and benefit.lhr_ref must be > 0", c.Version)
	}
	seen := map[string]bool{}
	for _, t := range c.Treatments {
		if t.Code == "" || seen[t.Code] {
			return fmt.Errorf("treatment catalogue %s: treatment code %q is empty or repeated", c.Version, t.Code)
		}
		seen[t.Code] = true
		if _, err := roads.ParseWorksType(string(t.WorksType)); err != nil {
			return fmt.Errorf("treatment catalogue %s: %s: %w", c.Version, t.Code, err)
		}
		if t.Unit != "m2" && t.Unit != "km_year" {
			return fmt.Errorf("treatment catalogue %s: %s: unit %q must be m2 or km_year", c.Version, t.Code, t.Unit)
		}
		if !(t.UnitCostRp > 0) {
			return fmt.Errorf("treatment catalogue %s: %s: unit_cost_rp must be > 0", c.Version, t.Code)
		}
		for _, k := range t.Classes {
			if k.Rank() < 0 {
				return fmt.Errorf("treatment catalogue %s: %s: class %q unknown", c.Version, t.Code, k)
			}
		}
		for _, s := range t.Surfaces {
			if _, err := roads.ParseSurfaceCode(string(s)); err != nil {
				return fmt.Errorf("treatment catalogue %s: %s: %w", c.Version, t.Code, err)
			}
		}
		if t.Effect.IRI == nil && t.Effect.RateFactor == 0 {
			return fmt.Errorf("treatment catalogue %s: %s: effect needs an iri reset value or a rate_factor", c.Version, t.Code)
		}
	}
	for _, m := range []map[roads.Kondisi]string{c.Matrix.Paved, c.Matrix.Unpaved} {
		for _, k := range roads.Kondisis {
			if !seen[m[k]] {
				return fmt.Errorf("treatment catalogue %s: matrix for %s names treatment %q, which is not in the catalogue", c.Version, k, m[k])
			}
		}
	}
	return nil
}

// Deterioration is a versioned deterioration table
// (data/rules/deterioration_*.json): default rates per surface, caps, and
// the rules of calibration.
type Deterioration struct {
	Version    string   `json:"version"`
	Name       string   `json:"name"`
	Sources    []string `json:"sources"`
	Note       string   `json:"note"`
	MinSamples int      `json:"min_samples"` // intervals needed to use a fitted rate
	// PriorRelSE is the uncertainty of each default rate as a fraction of
	// it: the fit and the default are combined by their precisions. 0 (old
	// tables) switches to the fit outright at MinSamples.
	PriorRelSE       float64            `json:"prior_rel_se"`
	MinIntervalYears float64            `json:"min_interval_years"` // shorter survey intervals are noise
	MaxDrop          map[string]float64 `json:"max_drop"`           // "iri", "sdi": larger falls = unrecorded works
	TrafficBands     []struct {
		Code  string   `json:"code"`
		Upper *float64 `json:"upper,omitempty"` // vehicles/day, exclusive; nil = open
	} `json:"traffic_bands"`
	DefaultLHR     map[roads.Fungsi]float64 `json:"default_lhr_by_fungsi"`
	Representative struct {
		IRI map[roads.Kondisi]float64 `json:"iri"`
		SDI map[roads.Kondisi]float64 `json:"sdi"`
	} `json:"representative"`
	Surfaces []SurfaceRate `json:"surfaces"`
}

// SurfaceRate is the default model of one surface.
type SurfaceRate struct {
	Surface roads.Surface `json:"surface"`
	IRIForm string        `json:"iri_form"` // "exponential" or "linear"
	IRIRate float64       `json:"iri_rate"` // per year: fraction (exponential) or m/km (linear)
	IRICap  float64       `json:"iri_cap"`  // m/km
	SDIRate float64       `json:"sdi_rate"` // SDI points per year (linear)
	SDICap  float64       `json:"sdi_cap"`
	Source  string        `json:"source"`
}

func (d *Deterioration) validate() error {
	if d.Version == "" || d.MinSamples < 3 {
		return fmt.Errorf("deterioration table %q: needs a version and min_samples ≥ 3", d.Version)
	}
	for _, s := range roads.Surfaces {
		r, ok := d.rate(s)
		if !ok {
			return fmt.Errorf("deterioration table %s: no rates for surface %s", d.Version, s)
		}
		if r.IRIForm != "exponential" && r.IRIForm != "linear" || r.IRICap <= 0 || r.IRIRate < 0 || r.SDIRate < 0 {
			return fmt.Errorf("deterioration table %s: surface %s: iri_form must be exponential or linear, caps > 0, rates ≥ 0", d.Version, s)
		}
	}
	for _, k := range roads.Kondisis {
		if d.Representative.IRI[k] <= 0 {
			return fmt.Errorf("deterioration table %s: representative IRI for %s missing", d.Version, k)
		}
	}
	if len(d.TrafficBands) == 0 || d.TrafficBands[len(d.TrafficBands)-1].Upper != nil {
		return fmt.Errorf("deterioration table %s: traffic_bands must end with an open band", d.Version)
	}
	return nil
}

func (d *Deterioration) rate(s roads.Surface) (SurfaceRate, bool) {
	for _, r := range d.Surfaces {
		if r.Surface == s {
			return r, true
		}
	}
	return SurfaceRate{}, false
}

func (d *Deterioration) band(lhr float64) int {
	for i, b := range d.TrafficBands {
		if b.Upper == nil || lhr < *b.Upper {
			return i
		}
	}
	return len(d.TrafficBands) - 1
}

// Priority is a versioned table of the Bina Marga urutan prioritas and the
// AHP criteria (data/rules/priority_*.json).
type Priority struct {
	Version      string     `json:"version"`
	Name         string     `json:"name"`
	Source       string     `json:"source"`
	Verification string     `json:"verification"`
	LHRClass     []stepBand `json:"lhr_class"`
	FromDamage   []stepBand `json:"condition_value_from_damage"`
	FromIRI      []stepBand `json:"condition_value_from_iri"`
	Programme    []struct {
		UPMax *int            `json:"up_max,omitempty"`
		Works roads.WorksType `json:"works"`
	} `json:"programme"`
	AHP struct {
		Criteria     []string                 `json:"criteria"`
		Labels       []string                 `json:"labels"`
		Pairwise     [][]float64              `json:"pairwise"`
		FungsiScore  map[roads.Fungsi]float64 `json:"fungsi_score"`
		Source       string                   `json:"source"`
		RandomIndex  []float64                `json:"random_index"`
		RandomSource string                   `json:"random_index_source"`
	} `json:"ahp"`
}

// stepBand: a value v falls in the first band with v ≤ Upper (inclusive
// upper bounds, as the guideline writes its ranges); nil Upper is open.
type stepBand struct {
	Upper  *float64 `json:"upper,omitempty"`
	Class  int      `json:"class,omitempty"`
	Value  int      `json:"value,omitempty"`
	Verify bool     `json:"verify,omitempty"`
}

func stepOf(bands []stepBand, v float64) stepBand {
	for _, b := range bands {
		if b.Upper == nil || v <= *b.Upper {
			return b
		}
	}
	return bands[len(bands)-1]
}

func (p *Priority) validate() error {
	if p.Version == "" {
		return fmt.Errorf("priority table without a version")
	}
	for name, b := range map[string][]stepBand{"lhr_class": p.LHRClass, "condition_value_from_iri": p.FromIRI} {
		if len(b) == 0 || b[len(b)-1].Upper != nil {
			return fmt.Errorf("priority table %s: %s must end with an open band", p.Version, name)
		}
	}
	if len(p.AHP.Criteria) != len(p.AHP.Pairwise) {
		return fmt.Errorf("priority table %s: ahp pairwise matrix must be %d×%d", p.Version, len(p.AHP.Criteria), len(p.AHP.Criteria))
	}
	return nil
}

// The embedded tables of each kind, read through data's one loader.
var (
	catalogues = data.Tables[Catalogue]{Spec: data.Spec{Kind: "treatment", Pattern: "rules/treatments_*.json",
		Required: []string{"valid_from", "price_year", "matrix", "treatments"}}, Check: (*Catalogue).validate}
	deteriorations = data.Tables[Deterioration]{Spec: data.Spec{Kind: "deterioration", Pattern: "rules/deterioration_*.json",
		Required: []string{"traffic_bands", "surfaces"}}, Check: (*Deterioration).validate}
	priorities = data.Tables[Priority]{Spec: data.Spec{Kind: "priority", Pattern: "rules/priority_*.json",
		Required: []string{"lhr_class", "programme"}}, Check: (*Priority).validate}
)

// table is a table of a version ("" = newest), its errors marked ErrInvalid.
func table[T any](ts *data.Tables[T], version string) (*T, error) {
	t, err := ts.Get(version)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return t, nil
}

// Treatments returns the treatment catalogue of a version ("" = newest).
func Treatments(version string) (*Catalogue, error) { return table(&catalogues, version) }

// DeteriorationTable returns the deterioration table of a version ("" = newest).
func DeteriorationTable(version string) (*Deterioration, error) {
	return table(&deteriorations, version)
}

// PriorityTable returns the urutan-prioritas and AHP table of a version ("" = newest).
func PriorityTable(version string) (*Priority, error) { return table(&priorities, version) }

func (c *Catalogue) treatment(code string) (int, *Treatment) {
	for i := range c.Treatments {
		if c.Treatments[i].Code == code {
			return i, &c.Treatments[i]
		}
	}
	return -1, nil
}

// UnitCost returns the unit cost of a treatment on a surface (Rp per m²,
// or per km-year for Unit "km_year").
func (t *Treatment) UnitCost(s roads.Surface) float64 {
	if c, ok := t.CostBySurface[s]; ok {
		return c
	}
	return t.UnitCostRp
}

// Applies reports whether the treatment may be used on a section of the
// given class and surface.
func (t *Treatment) Applies(k roads.Kondisi, s roads.Surface) bool {
	okK, okS := false, false
	for _, c := range t.Classes {
		if c == k {
			okK = true
		}
	}
	for _, x := range t.Surfaces {
		if x == s {
			okS = true
		}
	}
	return okK && okS
}
