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
	// SDIGiven is the SDI as the source computed it, for a unit whose four
	// SDI items (crack area, crack width, potholes, rut depth) were not
	// given: the SDI class then comes from it (with items, leave it nil:
	// the SDI is computed from them). Stored in the sdi column
	// with a basis ending in "sdi-given".
	SDIGiven *float64
	// Preface are derivation steps that come before the rule table's: how
	// the raw values were obtained (lanes averaged, a year standing for the
	// date). Derive puts them first in Assessment.Steps.
	Preface []string

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
	// DateFromYear: the source gave only the survey year; the date is
	// YearDate of it.
	DateFromYear = "year"
)

// YearDate is the date that stands for a survey known only by its year:
// 1 July, the middle of the year, so that the interval between two
// yearly surveys is a year and the error is at most half a year either way.
func YearDate(year int) time.Time { return time.Date(year, time.July, 1, 0, 0, 0, 0, time.UTC) }

// BasisSDIGiven marks an assessment whose SDI is the source's (SDIGiven).
const BasisSDIGiven = "sdi-given"

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
	case s.Distress != nil && s.SDIGiven != nil && !s.Distress.HasVisual():
		s.Assessment = r.assessGiven(*s.Distress, *s.SDIGiven)
		s.Assessment.Steps = append(append([]string(nil), s.Preface...), s.Assessment.Steps...)
		s.Metres = [4]float64{}
		s.Metres[s.Assessment.Kondisi.Rank()] = s.LengthM()
		s.MappingVersion = ""
	case s.Distress != nil:
		a, err := r.Assess(*s.Distress, s.LengthM())
		if err != nil {
			return err
		}
		a.Steps = append(append([]string(nil), s.Preface...), a.Steps...)
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
		s.Assessment.Steps = append([]string(nil), s.Preface...)
		if sc.Code != SchemeBinaMarga {
			s.Assessment.Steps = append(s.Assessment.Steps, fmt.Sprintf("metres per class converted from scheme %s with mapping %s", sc.Code, sc.Version))
		}
	default:
		return fmt.Errorf("%w: a survey needs unit measurements (IRI or the SDI items) or metres per condition class", ErrInvalid)
	}
	return nil
}

// assessGiven derives the class of a unit from the source's SDI (and IRI
// when measured): the rule table's SDI and IRI classes, the worse of both.
func (r *Rules) assessGiven(d Distress, sdi float64) Assessment {
	a := Assessment{RuleVersion: r.Version, SDI: &sdi, Basis: BasisSDIGiven}
	sdiClass := r.ClassOfSDI(sdi)
	a.Steps = append(a.Steps, fmt.Sprintf("SDI %g as given by the source (its crack, pothole and rut items were not given) → %s", sdi, sdiClass.Label()))
	a.Kondisi = sdiClass
	if d.IRI != nil {
		iriClass := r.ClassOfIRI(*d.IRI)
		a.Kondisi, a.Basis = Worse(sdiClass, iriClass), "iri+"+BasisSDIGiven
		a.Steps = append(a.Steps, fmt.Sprintf("IRI %g m/km → %s; class is the worse of IRI and SDI: %s", *d.IRI, iriClass.Label(), a.Kondisi.Label()))
	}
	return a
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
		if s.Distress.Empty() && s.SDIGiven == nil {
			add("distress", "", "no measurement given; enter IRI or crack area, crack width, potholes and rut depth")
		}
	}
	if s.SDIGiven != nil && (math.IsNaN(*s.SDIGiven) || *s.SDIGiven < 0 || *s.SDIGiven > MaxSDI) {
		add("sdi", fmt.Sprint(*s.SDIGiven), fmt.Sprintf("SDI must be 0–%g", MaxSDI))
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
	errs = CheckLen(errs, "date_basis", s.DateBasis, MaxCodeLen)
	errs = CheckLen(errs, "scheme", s.Scheme, MaxCodeLen)
	errs = CheckLen(errs, "mapping_version", s.MappingVersion, MaxCodeLen)
	return checkSourceLen(errs, s.Source)
}

// MaxSDI is the highest SDI the Bina Marga items can give: SDI1 40,
// doubled for wide cracks, + 225 for potholes + 20 for ruts.
const MaxSDI = 325.0

// FormatSTA writes a chainage in metres as km+mmm, e.g. 1250 → "1+250".
func FormatSTA(m float64) string {
	if math.IsNaN(m) || m < 0 {
		return fmt.Sprint(m)
	}
	whole := int64(math.Round(m))
	return fmt.Sprintf("%d+%03d", whole/1000, whole%1000)
}

// SurveyFilter selects surveys. Zero fields do not filter.
type SurveyFilter struct {
	RuasID int64
	From   time.Time
	To     time.Time
}

// Prepare validates a survey and derives its condition with rules; a
// survey without a date basis is taken as dated by the survey itself.
func (v *Survey) Prepare(rules *Rules) error {
	if v.DateBasis == "" {
		v.DateBasis = DateFromSurvey
	}
	if err := ValidationErrorOf(fmt.Sprintf("survey of ruas %s at %s", v.Ruas, FormatSTA(v.StaFromM)), v.Validate()); err != nil {
		return err
	}
	return v.Derive(rules)
}
