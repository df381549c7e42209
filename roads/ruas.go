package roads

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Ruas is a road link of the register.
type Ruas struct {
	ID      int64 // store id; 0 until stored
	Key     Key
	Name    string
	Status  Status
	Fungsi  Fungsi
	Surface Surface
	// SurfaceText is the surface as the source wrote it, kept so that a
	// mapping can be checked later.
	SurfaceText string
	WidthM      float64 // carriageway width, m; 0 = not known
	LengthM     float64 // official length, m (SK); 0 = not known, use GeomLengthM
	// Geometry is a LineString or MultiLineString in WGS84 (lon, lat), or nil.
	Geometry orb.Geometry
	// GeomLengthM is the geodesic length of Geometry in metres, computed on save.
	GeomLengthM float64
	// Administrative place. Codes follow Kemendagri where known
	// (33.74.01, 33.74.01.1001); names are kept as given by the source.
	Kabupaten     string
	KecamatanCode string
	Kecamatan     string
	KelurahanCode string
	Kelurahan     string
	YearBuilt     int // 0 = not known
	DesignLife    int // years (umur rencana); 0 = default for the surface
	Notes         string
	Source        Source
	Version       int // row version for optimistic concurrency; 1 after create
	UpdatedAt     time.Time
	Verif         Verification
}

// Source says where a record came from: a file and row, or a form and user.
type Source struct {
	File string    `json:"file,omitempty"`
	Row  int       `json:"row,omitempty"`
	Form string    `json:"form,omitempty"`
	User string    `json:"user,omitempty"`
	At   time.Time `json:"at"`
}

// String writes the source in one phrase: "jabar.csv row 12" or "form survey by budi".
func (s Source) String() string {
	var parts []string
	if s.File != "" {
		if s.Row > 0 {
			parts = append(parts, fmt.Sprintf("%s row %d", s.File, s.Row))
		} else {
			parts = append(parts, s.File)
		}
	}
	if s.Form != "" {
		parts = append(parts, "form "+s.Form)
	}
	if s.User != "" {
		parts = append(parts, "by "+s.User)
	}
	if len(parts) == 0 {
		return "unknown source"
	}
	return strings.Join(parts, " ")
}

// Length is the length used for figures: the official length when known,
// else the geometry's length.
func (r *Ruas) Length() float64 {
	if r.LengthM > 0 {
		return r.LengthM
	}
	return r.GeomLengthM
}

// GeodesicLength returns the length of a LineString or MultiLineString in
// metres on the WGS84 ellipsoid approximation orb uses (haversine), or 0.
func GeodesicLength(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.LineString:
		return geo.Length(g)
	case orb.MultiLineString:
		var sum float64
		for _, l := range g {
			sum += geo.Length(l)
		}
		return sum
	}
	return 0
}

// Normalize trims text fields and fills derived fields (geometry length).
func (r *Ruas) Normalize() {
	r.Key.Region = strings.TrimSpace(r.Key.Region)
	r.Key.No = strings.TrimSpace(r.Key.No)
	r.Name = strings.TrimSpace(r.Name)
	r.GeomLengthM = GeodesicLength(r.Geometry)
	if r.Surface == "" {
		r.Surface = Unknown
	}
}

// Validate checks every field and returns all problems, each naming the
// field, the value and the fix.
func (r *Ruas) Validate() []FieldError {
	var errs []FieldError
	add := func(field, value, msg string) {
		errs = append(errs, FieldError{Field: field, Value: value, Message: msg})
	}
	if r.Key.Region == "" {
		add("region", "", "region code is missing; give the Kemendagri code, e.g. 33.74")
	}
	if r.Key.No == "" {
		add("no_ruas", "", "ruas number is missing; give the number from the SK, e.g. 001")
	}
	if strings.ContainsAny(r.Key.Region, "/") {
		add("region", r.Key.Region, "region code may not contain '/'")
	}
	if r.Name == "" {
		add("name", "", "road name is missing")
	}
	if r.Status != "" {
		if _, err := ParseStatus(string(r.Status)); err != nil {
			add("status", string(r.Status), "status must be nasional, provinsi, kabupaten, kota or desa")
		}
	}
	if r.Fungsi != "" {
		if _, err := ParseFungsi(string(r.Fungsi)); err != nil {
			add("fungsi", string(r.Fungsi), "fungsi must be arteri, kolektor, lokal or lingkungan")
		}
	}
	if _, err := ParseSurfaceCode(string(r.Surface)); err != nil {
		add("surface", string(r.Surface), "surface must be one of aspal, lapen, beton, paving, kerikil, tanah, lainnya, tidak_terinci")
	}
	if math.IsNaN(r.WidthM) || r.WidthM < 0 || r.WidthM > 60 {
		add("width_m", fmt.Sprint(r.WidthM), "width must be between 0 (unknown) and 60 m")
	}
	if math.IsNaN(r.LengthM) || r.LengthM < 0 {
		add("length_m", fmt.Sprint(r.LengthM), "official length must be 0 (unknown) or a positive number of metres")
	}
	if r.LengthM > MaxRuasLengthM {
		add("length_m", fmt.Sprint(r.LengthM), fmt.Sprintf("length %.0f m is over %.0f km, implausible for one ruas; check the unit (metres) or split the link", r.LengthM, MaxRuasLengthM/1000))
	}
	if r.Geometry != nil {
		if msg := checkGeometry(r.Geometry); msg != "" {
			add("geometry", r.Geometry.GeoJSONType(), msg)
		}
	}
	if r.LengthM == 0 && r.Geometry == nil {
		add("length_m", "0", "give an official length in metres or a geometry to measure it from")
	}
	now := time.Now().Year()
	if r.YearBuilt != 0 && (r.YearBuilt < 1800 || r.YearBuilt > now+5) {
		add("year_built", fmt.Sprint(r.YearBuilt), fmt.Sprintf("year built must be between 1800 and %d, or empty", now+5))
	}
	if r.DesignLife < 0 || r.DesignLife > 100 {
		add("design_life", fmt.Sprint(r.DesignLife), "design life must be 1–100 years, or empty for the surface default")
	}
	if r.Version < 0 {
		add("version", fmt.Sprint(r.Version), "row version cannot be negative")
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{
		{"region", r.Key.Region, MaxKeyLen}, {"no_ruas", r.Key.No, MaxKeyLen}, {"name", r.Name, MaxNameLen},
		{"surface_text", r.SurfaceText, MaxNameLen}, {"kabupaten", r.Kabupaten, MaxNameLen},
		{"kecamatan_code", r.KecamatanCode, MaxCodeLen}, {"kecamatan", r.Kecamatan, MaxNameLen},
		{"kelurahan_code", r.KelurahanCode, MaxCodeLen}, {"kelurahan", r.Kelurahan, MaxNameLen},
		{"notes", r.Notes, MaxNotesLen},
	} {
		errs = CheckLen(errs, f.field, f.value, f.max)
	}
	return checkSourceLen(errs, r.Source)
}

// MaxRuasLengthM bounds a plausible single ruas (the longest kabupaten
// links run a few tens of km); longer values are almost always unit errors.
const MaxRuasLengthM = 100_000.0

func checkGeometry(g orb.Geometry) string {
	var lines []orb.LineString
	switch g := g.(type) {
	case orb.LineString:
		lines = []orb.LineString{g}
	case orb.MultiLineString:
		lines = g
	default:
		return "geometry must be a LineString or MultiLineString, not " + g.GeoJSONType()
	}
	if len(lines) == 0 {
		return "geometry has no lines"
	}
	for _, l := range lines {
		if len(l) < 2 {
			return "every line needs at least two points"
		}
		for _, p := range l {
			if math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
				return fmt.Sprintf("point (%g, %g) is not a WGS84 longitude, latitude", p[0], p[1])
			}
		}
	}
	return ""
}

// FieldError is one validation problem of one field.
type FieldError struct {
	Field   string `json:"field"`
	Value   string `json:"value"`
	Message string `json:"message"`
	// Max, when set, is the most characters the field may hold: the
	// value was longer (and Value is its start).
	Max int `json:"max,omitempty"`
	// Code names a rule with figures (FieldOutsideOffice), so a reader's
	// language can word it with Figures; "" for the rules the field's name
	// says enough about.
	Code    string    `json:"code,omitempty"`
	Figures []float64 `json:"figures,omitempty"`
}

// FieldOutsideOffice: a point lies outside the office's boundary; Figures
// are how far (km) and the tolerance (km), Value the point (lat, lon).
const FieldOutsideOffice = "outside_office"

// Text bounds of register fields, in characters. Official names and
// numbers are far shorter; the bounds stop a pasted document or a
// runaway import cell from being stored, shown and exported.
const (
	MaxKeyLen    = 255  // region and no_ruas (offices without an SK number key a link by kecamatan/desa/name)
	MaxCodeLen   = 40   // kecamatan/kelurahan codes, units, versions
	MaxNameLen   = 255  // ruas, kabupaten, kecamatan and kelurahan names, surface as written (the longest real name seen: 193)
	MaxRefLen    = 200  // funding source, sub-kegiatan, contract reference
	MaxNotesLen  = 2000 // notes, verification notes (the reason a record is returned)
	MaxSourceLen = 255  // source file and form names, user names
)

// CheckLen adds a FieldError to errs when value has more than max characters.
func CheckLen(errs []FieldError, field, value string, max int) []FieldError {
	if n := utf8.RuneCountInString(value); n > max {
		errs = append(errs, FieldError{Field: field, Value: BoundText(value, 40) + "…", Max: max,
			Message: fmt.Sprintf("is %d characters long; at most %d are allowed", n, max)})
	}
	return errs
}

// checkSourceLen bounds the texts of a record's source.
func checkSourceLen(errs []FieldError, src Source) []FieldError {
	errs = CheckLen(errs, "source_file", src.File, MaxSourceLen)
	errs = CheckLen(errs, "source_form", src.Form, MaxSourceLen)
	return CheckLen(errs, "source_user", src.User, MaxSourceLen)
}

func (e FieldError) Error() string {
	if e.Value == "" {
		return e.Field + ": " + e.Message
	}
	return fmt.Sprintf("%s %q: %s", e.Field, e.Value, e.Message)
}

// ValidationError carries every field problem of one record; it wraps ErrInvalid.
type ValidationError struct {
	Record string
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString(e.Record)
	b.WriteString(": ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Error())
	}
	return b.String()
}

func (e *ValidationError) Unwrap() error { return ErrInvalid }

// ValidationErrorOf is a *ValidationError of record with errs, or nil when
// errs is empty.
func ValidationErrorOf(record string, errs []FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Record: record, Fields: errs}
}

// ConflictError reports a stale edit and carries the row as it now stands,
// so the editor can see the other person's change.
type ConflictError struct {
	Current *Ruas
	Tried   int // the version the editor had
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("ruas %s was changed by someone else (now version %d, your edit was made on version %d); reload it and apply your change again",
		e.Current.Key, e.Current.Version, e.Tried)
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

// RuasFilter selects ruas. Zero fields do not filter.
type RuasFilter struct {
	Region    string
	Kecamatan string // Kemendagri code or name
	Status    Status
	Surface   Surface
	Search    string     // in name or number
	Bound     *orb.Bound // intersecting this box (WGS84)
	// Retired includes the retired ruas, which are left out otherwise.
	Retired bool
	// Within keeps the ruas the scope reads (its zero value: all).
	Within Scope
	Order  string // "key" (default), "name", "length"
	Desc   bool
	Limit  int // 0 = all
	Offset int
}

// Retirement is a ruas taken out of the network: when, by whom and why.
type Retirement struct {
	RuasID int64
	At     time.Time
	By     string
	Reason string
}
