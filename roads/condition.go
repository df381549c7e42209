package roads

import (
	"errors"
	"fmt"
	"math"

	"github.com/kotablitar/ruas/data"
)

// Band is one step of a rule table: a value v falls in the first band with
// v < Upper, or v == Upper when Inclusive. A band without Upper is open to
// infinity and must come last.
type Band struct {
	Upper     *float64 `json:"upper,omitempty"`
	Inclusive bool     `json:"inclusive,omitempty"`
	Score     float64  `json:"score,omitempty"`
	Class     Kondisi  `json:"class,omitempty"`
}

func (b Band) holds(v float64) bool {
	if b.Upper == nil {
		return true
	}
	return v < *b.Upper || b.Inclusive && v == *b.Upper
}

func pick(bands []Band, v float64) Band {
	for _, b := range bands {
		if b.holds(v) {
			return b
		}
	}
	return bands[len(bands)-1]
}

// Rules is a versioned condition rule table (DOMAIN.md §3): how SDI is
// scored from raw distress and how IRI and SDI map to a condition class.
// Rules are data (data/rules/condition_*.json); a survey stores the version
// that derived its class, so a rule change never rewrites history.
type Rules struct {
	Version     string  `json:"version"`
	Name        string  `json:"name"`
	Source      string  `json:"source"`
	ValidFrom   int     `json:"valid_from"`
	UnitLengthM float64 `json:"unit_length_m"`
	// WideCrackMM: an average crack width above this doubles SDI1.
	WideCrackMM float64 `json:"wide_crack_mm"`
	CrackArea   []Band  `json:"crack_area_pct"`
	PotholesAdd []Band  `json:"potholes_per_km_add"`
	// PotholeMinLengthM: potholes per km are counted over at least this
	// length, so that one pothole in a short tail unit (5 m) is not
	// extrapolated to 200 per km; 0 (older rules) uses the unit's length.
	PotholeMinLengthM float64 `json:"pothole_min_length_m,omitempty"`
	RutAdd            []Band  `json:"rut_cm_add"`
	IRIClass          []Band  `json:"iri_class"`
	SDIClass          []Band  `json:"sdi_class"`
}

func (r *Rules) validate() error {
	if r.Version == "" {
		return fmt.Errorf("%w: condition rules without a version", ErrInvalid)
	}
	for name, bands := range map[string][]Band{"crack_area_pct": r.CrackArea, "potholes_per_km_add": r.PotholesAdd,
		"rut_cm_add": r.RutAdd, "iri_class": r.IRIClass, "sdi_class": r.SDIClass} {
		if len(bands) == 0 || bands[len(bands)-1].Upper != nil {
			return fmt.Errorf("%w: condition rules %s: table %s must end with an open band (no upper)", ErrInvalid, r.Version, name)
		}
	}
	for _, bands := range [][]Band{r.IRIClass, r.SDIClass} {
		for _, b := range bands {
			if b.Class.Rank() < 0 {
				return fmt.Errorf("%w: condition rules %s: class %q unknown", ErrInvalid, r.Version, b.Class)
			}
		}
	}
	return nil
}

// conditionRules are the embedded condition rule tables, by version.
var conditionRules = data.Tables[Rules]{Spec: data.Spec{Kind: "condition rules", Pattern: "rules/condition_*.json",
	Required: []string{"valid_from", "unit_length_m", "wide_crack_mm", "crack_area_pct", "potholes_per_km_add", "rut_cm_add", "iri_class", "sdi_class"}},
	Check: (*Rules).validate}

// ConditionRules returns the rule table of the given version, or the newest
// one (highest ValidFrom) when version is empty.
func ConditionRules(version string) (*Rules, error) {
	r, err := conditionRules.Get(version)
	if errors.Is(err, data.ErrUnknown) {
		return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return r, err
}

// RuleVersions lists the embedded condition rule versions.
func RuleVersions() []string {
	vs, _ := conditionRules.Keys()
	return vs
}

// Distress holds the raw measurements of one survey unit. A nil field was
// not measured. SDI needs all four visual items; IRI alone also gives a class.
type Distress struct {
	CrackAreaPct *float64 `json:"crack_area_pct,omitempty"` // % of unit area
	CrackWidthMM *float64 `json:"crack_width_mm,omitempty"` // average width, mm
	Potholes     *float64 `json:"potholes,omitempty"`       // count in the unit
	RutCM        *float64 `json:"rut_cm,omitempty"`         // average rut depth, cm
	IRI          *float64 `json:"iri,omitempty"`            // m/km
	PCI          *float64 `json:"pci,omitempty"`            // 0–100, ASTM D6433; kept, not used for the class
}

// HasVisual reports whether all four SDI items were measured.
func (d Distress) HasVisual() bool {
	return d.CrackAreaPct != nil && d.CrackWidthMM != nil && d.Potholes != nil && d.RutCM != nil
}

// Empty reports whether nothing was measured.
func (d Distress) Empty() bool {
	return d.CrackAreaPct == nil && d.CrackWidthMM == nil && d.Potholes == nil &&
		d.RutCM == nil && d.IRI == nil && d.PCI == nil
}

// Assessment is a derived condition with the evidence that produced it.
type Assessment struct {
	SDI         *float64 `json:"sdi,omitempty"`
	Kondisi     Kondisi  `json:"kondisi"`
	Basis       string   `json:"basis"` // "iri+sdi", "sdi", "iri"
	RuleVersion string   `json:"rule_version"`
	// Steps explains the derivation in plain words, e.g. "SDI1 5 (crack 5 %)".
	Steps []string `json:"steps"`
}

// Assess derives SDI and the condition class of one unit of the given
// length in metres (potholes are scaled to a count per km). It fails when
// the measurements are incomplete or out of range.
func (r *Rules) Assess(d Distress, unitLengthM float64) (Assessment, error) {
	if err := d.Validate(); err != nil {
		return Assessment{}, err
	}
	a := Assessment{RuleVersion: r.Version}
	var sdiClass, iriClass Kondisi
	if d.HasVisual() {
		if !(unitLengthM > 0) {
			return Assessment{}, fmt.Errorf("%w: unit length %g m must be > 0 to count potholes per km", ErrInvalid, unitLengthM)
		}
		sdi1 := pick(r.CrackArea, *d.CrackAreaPct).Score
		a.Steps = append(a.Steps, fmt.Sprintf("SDI1 = %g (crack area %g %%)", sdi1, *d.CrackAreaPct))
		sdi2 := sdi1
		if *d.CrackWidthMM > r.WideCrackMM {
			sdi2 = sdi1 * 2
			a.Steps = append(a.Steps, fmt.Sprintf("SDI2 = %g (crack width %g mm > %g mm doubles SDI1)", sdi2, *d.CrackWidthMM, r.WideCrackMM))
		} else {
			a.Steps = append(a.Steps, fmt.Sprintf("SDI2 = %g (crack width %g mm ≤ %g mm)", sdi2, *d.CrackWidthMM, r.WideCrackMM))
		}
		over := math.Max(unitLengthM, r.PotholeMinLengthM)
		perKM := *d.Potholes / (over / 1000)
		sdi3 := sdi2 + pick(r.PotholesAdd, perKM).Score
		if over > unitLengthM {
			a.Steps = append(a.Steps, fmt.Sprintf("SDI3 = %g (%g potholes in a %g m unit, counted over %g m = %g per km)", sdi3, *d.Potholes, unitLengthM, over, perKM))
		} else {
			a.Steps = append(a.Steps, fmt.Sprintf("SDI3 = %g (%g potholes in %g m = %g per km)", sdi3, *d.Potholes, unitLengthM, perKM))
		}
		sdi := sdi3 + pick(r.RutAdd, *d.RutCM).Score
		a.Steps = append(a.Steps, fmt.Sprintf("SDI = %g (rut depth %g cm)", sdi, *d.RutCM))
		a.SDI = &sdi
		sdiClass = pick(r.SDIClass, sdi).Class
	}
	if d.IRI != nil {
		iriClass = pick(r.IRIClass, *d.IRI).Class
		a.Steps = append(a.Steps, fmt.Sprintf("IRI %g m/km → %s", *d.IRI, iriClass.Label()))
	}
	switch {
	case sdiClass != "" && iriClass != "":
		a.Kondisi, a.Basis = Worse(sdiClass, iriClass), "iri+sdi"
		a.Steps = append(a.Steps, fmt.Sprintf("SDI %g → %s; class is the worse of IRI and SDI: %s", *a.SDI, sdiClass.Label(), a.Kondisi.Label()))
	case sdiClass != "":
		a.Kondisi, a.Basis = sdiClass, "sdi"
		a.Steps = append(a.Steps, fmt.Sprintf("SDI %g → %s (no IRI measured: class from SDI alone)", *a.SDI, sdiClass.Label()))
	case iriClass != "":
		a.Kondisi, a.Basis = iriClass, "iri"
		a.Steps = append(a.Steps, "no complete visual survey: class from IRI alone")
	default:
		return Assessment{}, fmt.Errorf("%w: a survey unit needs IRI or all four visual items (crack area, crack width, potholes, rut depth)", ErrInvalid)
	}
	return a, nil
}

// ClassOfIRI returns the class of a roughness value alone.
func (r *Rules) ClassOfIRI(iri float64) Kondisi { return pick(r.IRIClass, iri).Class }

// ClassOfSDI returns the class of an SDI value alone.
func (r *Rules) ClassOfSDI(sdi float64) Kondisi { return pick(r.SDIClass, sdi).Class }

// Validate checks that every measured value is in its physical range.
func (d Distress) Validate() error {
	check := func(name string, v *float64, lo, hi float64, unit string) error {
		if v == nil {
			return nil
		}
		if math.IsNaN(*v) || *v < lo || *v > hi {
			return fmt.Errorf("%w: %s %g %s is outside %g–%g %s", ErrInvalid, name, *v, unit, lo, hi, unit)
		}
		return nil
	}
	for _, c := range []struct {
		name   string
		v      *float64
		lo, hi float64
		unit   string
	}{
		{"crack area", d.CrackAreaPct, 0, 100, "%"},
		{"crack width", d.CrackWidthMM, 0, 100, "mm"},
		{"potholes", d.Potholes, 0, 1000, "holes"},
		{"rut depth", d.RutCM, 0, 50, "cm"},
		{"IRI", d.IRI, 0, 30, "m/km"},
		{"PCI", d.PCI, 0, 100, ""},
	} {
		if err := check(c.name, c.v, c.lo, c.hi, c.unit); err != nil {
			return err
		}
	}
	return nil
}
