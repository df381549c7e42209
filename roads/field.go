package roads

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// A field survey is a condition survey entered on a phone while walking or
// driving a ruas, in 100 m units, on the Bina Marga RCS form (SMD-03/RCS):
// the inspector ticks classes (crack area < 10 %, 10–30 %, …), not
// measured numbers. Each class stands for one value inside it, and that
// value is what the survey stores and what the rule table scores, so the
// SDI the phone shows is the SDI the register derives.

// FieldClass is one choice of a class question of the RCS form: its code
// (the index the phone sends), its words, and the value that the survey
// stores for it (the class's middle; for the open top class, half a class
// step above its lower bound).
type FieldClass struct {
	Code  int     `json:"code"`
	Lower float64 `json:"lower"` // bound below (0 for the first)
	Upper float64 `json:"upper"` // bound above; 0 for the open top class
	Open  bool    `json:"open,omitempty"`
	None  bool    `json:"none,omitempty"` // the class "none" (value 0)
	Value float64 `json:"value"`
}

// FieldClasses are the class questions of the RCS form derived from a
// rule table: their bounds are the table's, so a new rule version moves
// the choices with it.
type FieldClasses struct {
	RuleVersion string       `json:"rule_version"`
	CrackArea   []FieldClass `json:"crack_area"`  // % of the unit's area
	CrackWidth  []FieldClass `json:"crack_width"` // mm
	Rut         []FieldClass `json:"rut"`         // cm
	Patching    []FieldClass `json:"patching"`    // % of the unit's area (not scored)
}

// classesOf turns bands into choices: a first band closed at 0 is "none";
// every other band runs from the previous bound to its own.
func classesOf(bands []Band) []FieldClass {
	var out []FieldClass
	lo, step := 0.0, 0.0
	for i, b := range bands {
		c := FieldClass{Code: i, Lower: lo}
		switch {
		case b.Upper == nil:
			if step == 0 {
				step = math.Max(lo, 1)
			}
			c.Open, c.Value = true, lo+step/2
		case i == 0 && *b.Upper == 0:
			c.None = true
		default:
			c.Upper, c.Value = *b.Upper, (lo+*b.Upper)/2
			step = *b.Upper - lo
			lo = *b.Upper
		}
		out = append(out, c)
	}
	return out
}

// FieldClassesOf derives the RCS class questions from rules. Crack width
// has one bound in the table (wide cracks double SDI1); the form splits
// the narrow side at 1 mm as the RCS sheet does when the bound is above it.
func FieldClassesOf(r *Rules) FieldClasses {
	fc := FieldClasses{RuleVersion: r.Version, CrackArea: classesOf(r.CrackArea), Rut: classesOf(r.RutAdd)}
	w := r.WideCrackMM
	zero := 0.0
	bounds := []Band{{Upper: &zero, Inclusive: true}}
	if w > 1 {
		one := 1.0
		bounds = append(bounds, Band{Upper: &one})
	}
	bounds = append(bounds, Band{Upper: &w, Inclusive: true}, Band{})
	fc.CrackWidth = classesOf(bounds)
	ten, thirty := 10.0, 30.0
	fc.Patching = classesOf([]Band{{Upper: &zero, Inclusive: true}, {Upper: &ten}, {Upper: &thirty, Inclusive: true}, {}})
	return fc
}

// FieldForm is one 100 m unit of the RCS form as the phone sends it.
// Class fields hold a FieldClass code; codes of the descriptive items
// (surface, crack type, …) are in FieldCodes.
type FieldForm struct {
	Surface     string `json:"surface"`
	CrackType   string `json:"crack_type"`
	CrackArea   *int   `json:"crack_area"`
	CrackWidth  *int   `json:"crack_width"`
	Potholes    *int   `json:"potholes"` // count in the unit
	PotholeSize string `json:"pothole_size"`
	Rut         *int   `json:"rut"`
	Patching    *int   `json:"patching"`
	EdgeBreak   string `json:"edge_break"`
	Shoulder    string `json:"shoulder"`
	Drainage    string `json:"drainage"`
	Note        string `json:"note,omitempty"`
	// Lat and Lon are where the phone was when the unit was entered (WGS84).
	Lat *float64 `json:"lat,omitempty"`
	Lon *float64 `json:"lon,omitempty"`
}

// FieldCodes are the choices of the descriptive items of the RCS form, in
// the order the form shows them (words in the web catalogue, "rcs.<item>.<code>").
var FieldCodes = map[string][]string{
	"surface":      {"aspal", "beton", "lapen", "paving", "kerikil", "tanah"},
	"crack_type":   {"tidak_ada", "buaya", "acak", "melintang", "memanjang"},
	"pothole_size": {"tidak_ada", "kecil", "besar"},
	"edge_break":   {"tidak_ada", "ringan", "berat"},
	"shoulder":     {"baik", "rusak", "tidak_ada"},
	"drainage":     {"baik", "tersumbat", "rusak", "tidak_ada"},
}

// FieldUnit is one unit synced from a phone.
type FieldUnit struct {
	ClientID string
	RuasID   int64
	Date     time.Time
	StaFromM float64
	StaToM   float64
	Form     FieldForm
	// KnownSurveyID is the newest survey id of the ruas the phone had when
	// it took the ruas: a survey of the stretch stored after it, dated on
	// or after the unit, makes the unit a conflict.
	KnownSurveyID int64
	Device        string
	Account       string
	// Set by the store.
	State        FieldState
	SurveyID     int64
	ConflictWith int64
	ReceivedAt   time.Time
}

// FieldState is where a synced unit stands.
type FieldState string

const (
	FieldStored    FieldState = "stored"    // a draft survey row (SurveyID)
	FieldConflict  FieldState = "conflict"  // the ruas has a newer survey of the stretch (ConflictWith)
	FieldDiscarded FieldState = "discarded" // the engineer kept the server's survey
	FieldRefused   FieldState = "refused"   // invalid: not stored, the phone keeps it to correct
)

// FieldSTASlackM is how far past the ruas's length, in metres, a unit may
// end (GPS, a measuring wheel and the SK length differ a little).
const FieldSTASlackM = 50

// MaxFieldText bounds the free text of a unit (the note), characters.
const MaxFieldText = 500

// ClientIDOK accepts the ids phones generate: 8–64 letters, digits and '-'.
func ClientIDOK(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Survey validates the unit and makes the survey row it stands for:
// class codes become their values, the form's words become derivation
// steps before the rule table's, the device names the form.
func (u *FieldUnit) Survey(r *Rules, key Key, now time.Time) (*Survey, []FieldError) {
	var errs []FieldError
	add := func(field, value, msg string) {
		errs = append(errs, FieldError{Field: field, Value: value, Message: msg})
	}
	if !ClientIDOK(u.ClientID) {
		add("id", u.ClientID, "unit id must be 8–64 letters, digits or '-'")
	}
	if !ClientIDOK(u.Device) {
		add("device", u.Device, "device id must be 8–64 letters, digits or '-'")
	}
	fc := FieldClassesOf(r)
	f := u.Form
	pickClass := func(field string, code *int, classes []FieldClass) *FieldClass {
		if code == nil {
			add(field, "", "choose a class")
			return nil
		}
		if *code < 0 || *code >= len(classes) {
			add(field, fmt.Sprint(*code), fmt.Sprintf("class must be 0–%d", len(classes)-1))
			return nil
		}
		return &classes[*code]
	}
	area := pickClass("crack_area", f.CrackArea, fc.CrackArea)
	width := pickClass("crack_width", f.CrackWidth, fc.CrackWidth)
	rut := pickClass("rut", f.Rut, fc.Rut)
	if f.Patching != nil && (*f.Patching < 0 || *f.Patching >= len(fc.Patching)) {
		add("patching", fmt.Sprint(*f.Patching), fmt.Sprintf("class must be 0–%d", len(fc.Patching)-1))
	}
	if f.Potholes == nil {
		add("potholes", "", "count the potholes (0 when none)")
	} else if *f.Potholes < 0 || *f.Potholes > 1000 {
		add("potholes", fmt.Sprint(*f.Potholes), "potholes must be 0–1000")
	}
	for item, v := range map[string]string{"surface": f.Surface, "crack_type": f.CrackType, "pothole_size": f.PotholeSize,
		"edge_break": f.EdgeBreak, "shoulder": f.Shoulder, "drainage": f.Drainage} {
		if v == "" {
			continue
		}
		ok := false
		for _, c := range FieldCodes[item] {
			ok = ok || c == v
		}
		if !ok {
			add(item, v, "one of "+strings.Join(FieldCodes[item], ", "))
		}
	}
	if len([]rune(f.Note)) > MaxFieldText {
		add("note", "", fmt.Sprintf("note is longer than %d characters", MaxFieldText))
	}
	if f.Lat != nil && (math.IsNaN(*f.Lat) || *f.Lat < -90 || *f.Lat > 90) || f.Lon != nil && (math.IsNaN(*f.Lon) || *f.Lon < -180 || *f.Lon > 180) {
		add("position", "", "latitude must be -90–90 and longitude -180–180")
	}
	if u.Date.After(now.AddDate(0, 0, 1)) {
		add("date", u.Date.Format(time.DateOnly), "survey date is in the future")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	ca, cw, pot, rc := area.Value, width.Value, float64(*f.Potholes), rut.Value
	v := &Survey{RuasID: u.RuasID, Ruas: key, Date: u.Date, DateBasis: DateFromSurvey, StaFromM: u.StaFromM, StaToM: u.StaToM,
		Distress: &Distress{CrackAreaPct: &ca, CrackWidthMM: &cw, Potholes: &pot, RutCM: &rc},
		Source:   Source{Form: "lapangan:" + u.Device, User: u.Account}}
	v.Preface = []string{fmt.Sprintf("RCS field form: crack area class %s recorded as %g %%, crack width class %s as %g mm, rut class %s as %g cm",
		area.words("%"), ca, width.words("mm"), cw, rut.words("cm"), rc)}
	errs = append(errs, v.Validate()...)
	if len(errs) > 0 {
		return nil, errs
	}
	if err := v.Derive(r); err != nil {
		return nil, []FieldError{{Field: "distress", Message: strings.TrimPrefix(err.Error(), "invalid: ")}}
	}
	return v, nil
}

// words writes a class as the RCS sheet does: "none", "< 10 %", "10–30 %", "> 30 %".
func (c FieldClass) words(unit string) string {
	switch {
	case c.None:
		return "none"
	case c.Open:
		return fmt.Sprintf("> %g %s", c.Lower, unit)
	case c.Lower == 0:
		return fmt.Sprintf("< %g %s", c.Upper, unit)
	}
	return fmt.Sprintf("%g–%g %s", c.Lower, c.Upper, unit)
}

// FieldPhoto is a photo of a field unit, resized on the phone.
type FieldPhoto struct {
	ClientID    string
	UnitID      string
	ContentType string
	Data        []byte
	Width       int
	Height      int
	Lat, Lon    *float64
	TakenAt     time.Time
	Account     string
	ReceivedAt  time.Time
	// Set when read back: the survey row of its unit (0 while the unit is a conflict).
	SurveyID int64
	RuasID   int64
}

// MaxPhotoBytes bounds one photo. The phone sends photos resized to
// 1600 px on the long side (a few hundred kB as JPEG).
const MaxPhotoBytes = 3 << 20

// PhotoTypes are the content types a photo may have, found by sniffing its bytes.
var PhotoTypes = []string{"image/jpeg", "image/png", "image/webp"}

// FieldDispute is a unit that met a newer survey, with both sides.
type FieldDispute struct {
	Unit   FieldUnit
	Server *Survey // the newer survey of the stretch
	Mine   *Survey // what the unit would store (derived, not stored)
}

// FieldOutcome is what a sync did with one unit.
type FieldOutcome struct {
	ClientID     string       `json:"id"`
	State        FieldState   `json:"state"`
	SurveyID     int64        `json:"survey_id,omitempty"`
	ConflictWith int64        `json:"conflict_with,omitempty"`
	SDI          *float64     `json:"sdi,omitempty"`
	Kondisi      Kondisi      `json:"kondisi,omitempty"`
	Errors       []FieldError `json:"errors,omitempty"`
	// Repeat is set when the unit had been synced before (a retried sync).
	Repeat bool `json:"repeat,omitempty"`
}
