package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// Lang is a UI language. Indonesian is the default; English is selectable
// with ?lang=en (remembered in a cookie).
type Lang string

// The UI languages.
const (
	ID Lang = "id"
	EN Lang = "en"
)

// langCookie remembers the reader's language between pages.
const langCookie = "ruas_lang"

// Locale renders text, numbers and dates for one reader. Templates call its
// methods ({{.L.T "nav.map"}}, {{.L.Rp .Cost}}) so that no UI string or
// number format is written in a template.
type Locale struct {
	Lang Lang
}

// T returns the catalogue text for key in the reader's language, formatted
// with args (fmt verbs) when given. A missing key shows as the key itself,
// which the catalogue test catches.
func (l Locale) T(key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	s := m.id
	if l.Lang == EN && m.en != "" {
		s = m.en
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Num writes v with dec decimals and the reader's separators:
// 1250000.5 → "1.250.000,5" (id) or "1,250,000.5" (en). NaN writes "–".
func (l Locale) Num(v float64, dec int) string { return locale.Lang(l.Lang).Number(v, dec) }

// Int writes a whole number with thousands separators.
func (l Locale) Int(v int) string { return l.Num(float64(v), 0) }

// Rp writes an amount of Rupiah, rounded to the Rupiah: "Rp 1.250.000.000".
func (l Locale) Rp(v float64) string { return "Rp " + l.Num(math.Round(v), 0) }

// Km writes a length given in metres as kilometres with one decimal: "12,5 km".
func (l Locale) Km(m float64) string { return l.Num(m/1000, 1) + " km" }

// KmN writes a length in metres as kilometres with one decimal, without the unit.
func (l Locale) KmN(m float64) string { return l.Num(m/1000, 1) }

// M writes a length in metres without decimals: "1.250 m".
func (l Locale) M(m float64) string { return l.Num(m, 0) + " m" }

// Pct writes a percentage with one decimal: "72,4 %". NaN writes "–".
func (l Locale) Pct(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return l.Num(v, 1) + " %"
}

// Date writes a calendar date: 26/11/2026 (id) or 2026-11-26 (en). A zero
// time writes "–".
func (l Locale) Date(t time.Time) string { return locale.Lang(l.Lang).Date(t) }

// Kondisi is the class's name in the reader's language; empty means no data.
func (l Locale) Kondisi(k roads.Kondisi) string {
	if k == "" {
		return l.T("kondisi.none")
	}
	return l.T("kondisi." + string(k))
}

// Surface is the surface class's name in the reader's language.
func (l Locale) Surface(s roads.Surface) string {
	info := roads.Ref().Surface(s)
	if l.Lang == EN && info.NameEN != "" {
		return info.NameEN
	}
	return info.Name
}

// Status is the road status's name.
func (l Locale) Status(s roads.Status) string {
	if s == "" {
		return l.T("none")
	}
	return l.T("status." + string(s))
}

// Fungsi is the road function's name.
func (l Locale) Fungsi(f roads.Fungsi) string {
	if f == "" {
		return l.T("none")
	}
	return l.T("fungsi." + string(f))
}

// Works is the works type's name.
func (l Locale) Works(w roads.WorksType) string { return l.T("works." + string(w)) }

// Field is the name of a form field.
func (l Locale) Field(f string) string {
	if _, ok := catalogue["field."+f]; ok {
		return l.T("field." + f)
	}
	return f
}

// FieldLabel names a field as the form labels it: "Panjang (m)" for
// length_m, "Luas retak (unit 3)" for units.2.crack_area_pct. Keys are for
// code; a reader sees labels.
func (l Locale) FieldLabel(f string) string {
	var n int
	var col string
	if k, err := fmt.Sscanf(f, "units.%d.%s", &n, &col); k == 2 && err == nil {
		label := l.T("survey.unit") + " " + strconv.Itoa(n+1)
		if k, ok := unitLabels[col]; ok {
			return l.T(k) + " (" + label + ")"
		}
		if col == "iri" {
			return "IRI (" + label + ")"
		}
		return label
	}
	// flabel.* are labels of fields no form shows (the audit trail's
	// columns), kept apart from the forms' field.* entries.
	if _, ok := catalogue["field."+f]; !ok {
		if _, ok := catalogue["flabel."+f]; ok {
			return l.T("flabel." + f)
		}
	}
	return l.Field(f)
}

// Value writes a stored value for a reader: a moment stored as RFC 3339
// ("2026-12-05T21:18:48.003262983Z") as a WIB date and time, anything
// else as it is.
func (l Locale) Value(v string) string {
	if len(v) >= 20 && v[10] == 'T' {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return l.DateTime(t)
		}
	}
	return v
}

// FieldMessage translates a validation problem of the register. The
// register writes its messages in English; the catalogue holds an
// Indonesian sentence per field ("fe.FIELD") that says the same rule.
// English readers get the register's own sentence, which is more precise.
func (l Locale) FieldMessage(fe roads.FieldError) string {
	if l.Lang == EN {
		return fe.Message
	}
	if fe.Max > 0 {
		return l.T("fe.too_long", l.Num(float64(fe.Max), 0))
	}
	if fe.Code == roads.FieldOutsideOffice && len(fe.Figures) == 2 {
		return l.T("fe.outside_office", l.Num(fe.Figures[0], 1), fe.Value, l.Num(fe.Figures[1], 0))
	}
	if m, ok := catalogue["fe."+fe.Field]; ok {
		return m.id
	}
	return fe.Message
}

// Other is the other language, for the switch link.
func (l Locale) Other() Lang {
	if l.Lang == EN {
		return ID
	}
	return EN
}

// localeOf picks the reader's language: ?lang= first (and remembered in a
// cookie), then the cookie, then Indonesian.
func localeOf(c *gin.Context) Locale {
	if v := c.Query("lang"); v == string(EN) || v == string(ID) {
		http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: v, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
		return Locale{Lang: Lang(v)}
	}
	if ck, err := c.Cookie(langCookie); err == nil && ck == string(EN) {
		return Locale{Lang: EN}
	}
	return Locale{Lang: ID}
}
