package roads

import (
	"fmt"
	"math"
	"time"
)

// Survey is one condition observation of a ruas on a date: either a unit
// survey (raw distress of one STA range, usually 100 m) or a link-level
// record in metres per class of some grading scheme (the office format).
// Raw values are stored; SDI, class and Bina Marga metres are derived with
// a named rule table or mapping, so history never changes when rules do.
type Survey struct {
	ID     int64
	RuasID int64
	Ruas   Key
	Date   time.Time
	// DateBasis is "survey" when the source gave the survey date, or
	// "import" when it did not and the import date stands in for it.
	DateBasis string
	StaFromM  float64 // chainage from the ruas start, m
	StaToM    float64

	// Unit survey.
	Distress *Distress

	// Link-level survey: metres per class of Scheme, in the scheme's class order.
	Scheme string
	Parts  [4]float64

	// Derived.
	Assessment     Assessment // unit surveys: SDI, class, rule version, steps
	Metres         [4]float64 // metres per Bina Marga class (Kondisis order)
	MappingVersion string     // link-level: the scheme mapping used

	Source Source
	Verif  Verification
}

// Date bases.
const (
	DateFromSurvey = "survey"
	DateFromImport = "import"
)

// LengthM is the surveyed length.
func (s *Survey) LengthM() float64 { return s.StaToM - s.StaFromM }

// Kondisi is the survey's class: the unit's class, or for a link-level
// record the class holding the most metres (ties to the worse class).
func (s *Survey) Kondisi() Kondisi {
	if s.Distress != nil {
		return s.Assessment.Kondisi
	}
	return Condition{Metres: s.Metres}.Kondisi()
}

// Derive fills the derived fields from the raw ones with the given rules.
func (s *Survey) Derive(r *Rules) error {
	switch {
	case s.Distress != nil && s.Scheme != "":
		return fmt.Errorf("%w: a survey holds either unit measurements or metres per class, not both", ErrInvalid)
	case s.Distress != nil:
		a, err := r.Assess(*s.Distress, s.LengthM())
		if err != nil {
			return err
		}
		s.Assessment = a
		s.Metres = [4]float64{}
		s.Metres[a.Kondisi.Rank()] = s.LengthM()
		s.MappingVersion = ""
	case s.Scheme != "":
		sc, err := SchemeOf(s.Scheme)
		if err != nil {
			return err
		}
		s.Metres = sc.Convert(s.Parts)
		s.MappingVersion = sc.Version
		s.Assessment = Assessment{Kondisi: s.Kondisi(), Basis: "parts", RuleVersion: sc.Version}
		if sc.Code != SchemeBinaMarga {
			s.Assessment.Steps = []string{fmt.Sprintf("metres per class converted from scheme %s with mapping %s", sc.Code, sc.Version)}
		}
	default:
		return fmt.Errorf("%w: a survey needs unit measurements (IRI or the SDI items) or metres per condition class", ErrInvalid)
	}
	return nil
}

// PartsTolerance is how far, in metres, link-level parts may differ from
// the surveyed length before the record is refused (rounding in offices is
// to the metre; allow half a metre per part).
const PartsTolerance = 2.0

// Validate checks the survey's own fields (not the ruas it points at).
func (s *Survey) Validate() []FieldError {
	var errs []FieldError
	add := func(field, value, msg string) {
		errs = append(errs, FieldError{Field: field, Value: value, Message: msg})
	}
	if s.Date.IsZero() {
		add("date", "", "survey date is missing; write it as YYYY-MM-DD")
	} else if s.Date.After(time.Now().AddDate(0, 0, 1)) {
		add("date", s.Date.Format("2006-01-02"), "survey date is in the future")
	} else if s.Date.Year() < 1950 {
		add("date", s.Date.Format("2006-01-02"), "survey date is before 1950")
	}
	if math.IsNaN(s.StaFromM) || math.IsNaN(s.StaToM) || s.StaFromM < 0 || s.StaToM <= s.StaFromM {
		add("sta", fmt.Sprintf("%s–%s", FormatSTA(s.StaFromM), FormatSTA(s.StaToM)), "STA to must be after STA from, both ≥ 0+000")
	}
	if s.Distress != nil {
		if err := s.Distress.Validate(); err != nil {
			add("distress", "", err.Error())
		}
		if s.Distress.Empty() {
			add("distress", "", "no measurement given; enter IRI or crack area, crack width, potholes and rut depth")
		}
	}
	if s.Scheme != "" {
		var sum float64
		for i, p := range s.Parts {
			if math.IsNaN(p) || p < 0 {
				add(fmt.Sprintf("part%d", i+1), fmt.Sprint(p), "metres per class cannot be negative")
			}
			sum += p
		}
		if sum == 0 {
			add("parts", "0", "metres per condition class are all empty")
		} else if math.Abs(sum-s.LengthM()) > PartsTolerance {
			add("parts", fmt.Sprintf("%g", sum), fmt.Sprintf("condition parts add up to %g m but the surveyed length is %g m", sum, s.LengthM()))
		}
	}
	errs = checkLen(errs, "date_basis", s.DateBasis, MaxCodeLen)
	errs = checkLen(errs, "scheme", s.Scheme, MaxCodeLen)
	errs = checkLen(errs, "mapping_version", s.MappingVersion, MaxCodeLen)
	return checkSourceLen(errs, s.Source)
}

// FormatSTA writes a chainage in metres as km+mmm, e.g. 1250 → "1+250".
func FormatSTA(m float64) string {
	if math.IsNaN(m) || m < 0 {
		return fmt.Sprint(m)
	}
	whole := int64(math.Round(m))
	return fmt.Sprintf("%d+%03d", whole/1000, whole%1000)
}
