package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb/geojson"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// formValues holds what a reader typed, to show it again beside the
// problems when a form is refused.
type formValues map[string]string

// Get returns a value ("" when absent); templates call it as {{.Form.Get "name"}}.
func (f formValues) Get(k string) string { return f[k] }

// fieldProblems collects field-level problems while reading input.
type fieldProblems struct {
	l    Locale
	errs []roads.FieldError
}

func (p *fieldProblems) add(field, value, key string, args ...any) {
	p.errs = append(p.errs, roads.FieldError{Field: field, Value: value, Message: p.l.T(key, args...)})
}

func (p *fieldProblems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	return &inputError{Fields: p.errs}
}

// parseNumber reads a number as the reader types it, through the one
// reader of the product (locale.ParseNumber), so a form, a CLI flag and an
// imported file agree: "6.5", "6,5", "1.250.000,5" and "1,250.5" read as
// written; only a lone separator before three digits ("1.250") depends on
// the language, read as the pages write numbers to this reader (1250 in
// Indonesian, 1.25 in English). Empty is (0, false, nil); a bad one is
// (0, true, err).
func (l Locale) parseNumber(s string) (v float64, present bool, err error) {
	v, present, err = locale.Lang(l.Lang).ParseNumber(s)
	if err != nil {
		return 0, true, err
	}
	return v, present, nil
}

// parseRupiah reads one amount of Rupiah as the reader types it
// (locale.ParseRupiah): "25.000.000.000", "25M", "2,5M", "250jt".
func (l Locale) parseRupiah(s string) (float64, error) {
	return locale.ParseRupiah(s, locale.Lang(l.Lang).Decimal())
}

// num reads an optional number field; a bad one is a problem.
func (p *fieldProblems) num(field, s string) float64 {
	v, _, err := p.l.parseNumber(s)
	if err != nil {
		p.add(field, s, "err.number")
	}
	return v
}

// optNum reads an optional measurement: nil when empty.
func (p *fieldProblems) optNum(field, s string) *float64 {
	v, present, err := p.l.parseNumber(s)
	if err != nil {
		p.add(field, s, "err.number")
		return nil
	}
	if !present {
		return nil
	}
	return &v
}

// integer reads an optional whole number.
func (p *fieldProblems) integer(field, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		p.add(field, s, "err.integer")
	}
	return v
}

// date reads a date written YYYY-MM-DD (what a date input sends) or DD/MM/YYYY.
func (p *fieldProblems) date(field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		p.add(field, s, "err.date_missing")
		return time.Time{}
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	p.add(field, s, "err.date")
	return time.Time{}
}

// sta reads a chainage written in metres ("1250") or as km+m ("1+250").
func (p *fieldProblems) sta(field, s string) float64 {
	s = strings.TrimSpace(s)
	if km, m, ok := strings.Cut(s, "+"); ok {
		k, err1 := strconv.Atoi(strings.TrimSpace(km))
		mm, ok, err2 := p.l.parseNumber(m)
		if err1 != nil || err2 != nil || !ok || k < 0 || mm < 0 {
			p.add(field, s, "err.sta")
			return math.NaN()
		}
		return float64(k)*1000 + mm
	}
	if s == "" {
		p.add(field, s, "err.sta")
		return math.NaN()
	}
	v, _, err := p.l.parseNumber(s)
	if err != nil {
		p.add(field, s, "err.sta")
		return math.NaN()
	}
	return v
}

// geometry reads a GeoJSON geometry (or a Feature holding one); empty is nil.
func (p *fieldProblems) geometry(field, s string) *geojson.Geometry {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if f, err := geojson.UnmarshalFeature([]byte(s)); err == nil && f.Geometry != nil {
		return geojson.NewGeometry(f.Geometry)
	}
	g, err := geojson.UnmarshalGeometry([]byte(s))
	if err != nil || g.Geometry() == nil {
		p.add(field, truncate(s, 60), "err.geojson")
		return nil
	}
	return g
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// decodeJSON reads a JSON request body strictly: unknown fields and wrong
// types are field-level problems, not silent zeros.
func decodeJSON(c *gin.Context, l Locale, v any) error {
	dec := json.NewDecoder(io.LimitReader(c.Request.Body, 32<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &te):
			return badInput(roads.FieldError{Field: te.Field, Value: te.Value, Message: l.T("err.json_type", te.Type.String())})
		case errors.As(err, &se):
			return badInput(roads.FieldError{Field: "body", Value: fmt.Sprintf("offset %d", se.Offset), Message: l.T("err.json_syntax")})
		case errors.Is(err, io.EOF):
			return badInput(roads.FieldError{Field: "body", Message: l.T("err.json_empty")})
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return badInput(roads.FieldError{Field: f, Message: l.T("err.json_unknown")})
		}
		return badInput(roads.FieldError{Field: "body", Value: truncate(err.Error(), 80), Message: l.T("err.json_syntax")})
	}
	return nil
}
