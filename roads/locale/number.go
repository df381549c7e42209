package locale

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Decimal is the mark that separates a number's fraction: Comma for the
// Indonesian way (1.250,5: the dot groups thousands), Dot for the English
// way (1,250.5). AnyDecimal means not decided.
type Decimal byte

// The decimal marks.
const (
	AnyDecimal Decimal = 0
	Comma      Decimal = ','
	Dot        Decimal = '.'
)

// Decimal is the mark the reader's language uses: Comma for Indonesian,
// Dot for English.
func (l Lang) Decimal() Decimal {
	if l == EN {
		return Dot
	}
	return Comma
}

// Name writes the mark in Indonesian, as the --decimal flag takes it:
// "koma" or "titik" ("" when not decided).
func (d Decimal) Name() string {
	switch d {
	case Comma:
		return "koma"
	case Dot:
		return "titik"
	}
	return ""
}

// ParseDecimal reads a decimal-mark setting: "koma", "," or "comma"; or
// "titik", "." or "dot". Empty is AnyDecimal.
func ParseDecimal(s string) (Decimal, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return AnyDecimal, nil
	case "koma", ",", "comma":
		return Comma, nil
	case "titik", ".", "dot", "point":
		return Dot, nil
	}
	return AnyDecimal, fmt.Errorf("tanda desimal %q tidak dikenal; tulis \"koma\" (1.250,5) atau \"titik\" (1,250.5)", s)
}

// ErrNumber marks a text that is not a number.
var ErrNumber = errors.New("not a number")

// ErrAmbiguous marks a text (or a column of texts) whose value depends on
// which mark is the decimal one ("1.250" is 1250 or 1.25) with nothing to
// decide it.
var ErrAmbiguous = errors.New("ambiguous decimal mark")

// shape is what the separators of a number text say about the decimal mark.
type shape int

const (
	shapeNone     shape = iota // not a number, or empty
	shapePlain                 // digits only: "980", "1250"
	shapeComma                 // the comma is the decimal mark: "1.250.000", "2.400,5", "1,25"
	shapeDot                   // the dot is the decimal mark: "6.5", "1,250.5", "1,250,000"
	shapeAmbDot                // a dot before exactly three digits: "1.250"
	shapeAmbComma              // a comma before exactly three digits: "1,250"
	shapeMachine               // a machine form with an exponent: "1.5E+03"
)

// number is a number text taken apart: its sign, digits and separators.
type number struct {
	neg   bool
	body  string // digits and separators, no sign or spaces
	shape shape
}

// scan normalises s (spaces, no-break spaces and a leading sign) and finds
// its shape; empty is (number{}, false, nil).
func scan(s string) (number, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" || s == "–" || s == "—" {
		return number{}, false, nil
	}
	if strings.ContainsAny(s, " \u00a0\u202f\u2009'\u2212") {
		var b strings.Builder
		for _, r := range s {
			switch r {
			case ' ', '\u00a0', '\u202f', '\u2009', '\'':
				continue
			case '\u2212': // minus sign
				r = '-'
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	var n number
	switch {
	case strings.HasPrefix(s, "-"):
		n.neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if s == "" {
		return n, false, ErrNumber
	}
	n.body = s
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		// Only the machine form: digits, at most one dot, an exponent.
		m, e := s[:i], s[i+1:]
		e = strings.TrimPrefix(strings.TrimPrefix(e, "+"), "-")
		if !digits(e) || strings.Count(m, ".") > 1 || !digits(strings.Replace(m, ".", "", 1)) {
			return n, false, ErrNumber
		}
		n.shape = shapeMachine
		return n, true, nil
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return n, false, ErrNumber
		}
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dots == 0 && commas == 0:
		n.shape = shapePlain
	case dots > 0 && commas > 0:
		mark := s[max(strings.LastIndex(s, "."), strings.LastIndex(s, ",")):][:1]
		group := map[string]string{".": ",", ",": "."}[mark]
		whole, frac, _ := strings.Cut(s, mark)
		if strings.Contains(frac, ".") || strings.Contains(frac, ",") || !digits(frac) || !grouped(whole, group) {
			return n, false, ErrNumber
		}
		n.shape = map[string]shape{",": shapeComma, ".": shapeDot}[mark]
	case dots > 1:
		if !grouped(s, ".") {
			return n, false, ErrNumber
		}
		n.shape = shapeComma
	case commas > 1:
		if !grouped(s, ",") {
			return n, false, ErrNumber
		}
		n.shape = shapeDot
	default: // one separator
		sep := "."
		if commas == 1 {
			sep = ","
		}
		whole, frac, _ := strings.Cut(s, sep)
		if !digits(frac) && frac != "" || !digits(whole) && whole != "" || whole == "" && frac == "" {
			return n, false, ErrNumber
		}
		// A separator before exactly three digits, after one to three
		// digits not starting with 0, may group thousands; otherwise it
		// can only be the decimal mark.
		amb := len(frac) == 3 && len(whole) >= 1 && len(whole) <= 3 && whole[0] != '0'
		switch {
		case amb && sep == ".":
			n.shape = shapeAmbDot
		case amb:
			n.shape = shapeAmbComma
		case sep == ".":
			n.shape = shapeDot
		default:
			n.shape = shapeComma
		}
	}
	return n, true, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// grouped reports digits in groups of three after a first group of one to
// three digits (not starting with 0), separated by sep: "1.250.000".
func grouped(s, sep string) bool {
	gs := strings.Split(s, sep)
	if len(gs[0]) < 1 || len(gs[0]) > 3 || !digits(gs[0]) || gs[0][0] == '0' && len(gs) > 1 {
		return false
	}
	for _, g := range gs[1:] {
		if len(g) != 3 || !digits(g) {
			return false
		}
	}
	return true
}

// value reads a scanned number with decimal mark d deciding the ambiguous
// shapes.
func (n number) value(d Decimal) (float64, error) {
	s := n.body
	switch n.shape {
	case shapeMachine, shapePlain:
	case shapeComma:
		s = strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1)
	case shapeDot:
		s = strings.ReplaceAll(s, ",", "")
	case shapeAmbDot, shapeAmbComma:
		switch d {
		case Comma:
			s = strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1)
		case Dot:
			s = strings.ReplaceAll(s, ",", "")
		default:
			return 0, ErrAmbiguous
		}
	default:
		return 0, ErrNumber
	}
	if strings.HasPrefix(s, ".") {
		s = "0" + s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, ErrNumber
	}
	if n.neg {
		v = -v
	}
	return v, nil
}

// ParseNumber reads a number written by a person or a spreadsheet, the
// Indonesian (1.250.000,5) or the English way (1,250,000.5). A text whose
// separators say which mark is the decimal one is read as written: several
// dots or commas group thousands, with both kinds the last is the decimal
// mark, and a lone separator not followed by exactly three digits (6.5,
// 12,75, 0.125) is the decimal mark. Only a lone separator before exactly
// three digits ("1.250", "1,250") needs d: with Comma "1.250" is 1250 and
// "1,250" is 1.25; with Dot the other way round; with AnyDecimal it is
// ErrAmbiguous. Spaces (also no-break) between digits are ignored; blank
// and "-" are empty (ok false, err nil); text, NaN and ±Inf are ErrNumber.
func ParseNumber(s string, d Decimal) (v float64, ok bool, err error) {
	n, ok, err := scan(s)
	if err != nil || !ok {
		return 0, false, err
	}
	v, err = n.value(d)
	if err != nil {
		return 0, false, err
	}
	return v, true, nil
}

// ParseNumber reads a number a reader typed (a form field, a CLI flag): an
// ambiguous "1.250" is read by the reader's language (1250 in Indonesian,
// 1.25 in English), as the pages write numbers to them.
func (l Lang) ParseNumber(s string) (float64, bool, error) { return ParseNumber(s, l.Decimal()) }

// ParseRupiah reads an amount of Rupiah as people write budgets: a number
// (read by ParseNumber with d) with an optional "Rp" before it and an
// optional multiplier after it: "jt"/"juta" (× 1.000.000) or
// "M"/"miliar" (× 1.000.000.000). "25.000.000.000", "Rp 25M", "2,5M",
// "2.5M" and "1.250jt" (with Comma) are all read. Without a multiplier the
// amount must be whole Rupiah; with one it is rounded to the Rupiah. An
// exponent ("25e9") is refused: nobody writes money that way, and a typo
// should not become a budget. The sign is kept: callers refuse negatives.
func ParseRupiah(s string, d Decimal) (float64, error) {
	s = strings.TrimSpace(s)
	for _, p := range []string{"Rp.", "Rp", "RP", "rp"} {
		if strings.HasPrefix(s, p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	mult := 1.0
	for _, x := range []struct {
		suffix string
		mult   float64
	}{{"miliar", 1e9}, {"juta", 1e6}, {"jt", 1e6}, {"M", 1e9}} {
		if strings.HasSuffix(s, x.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, x.suffix)), x.mult
			break
		}
	}
	n, ok, err := scan(s)
	switch {
	case err != nil:
		return 0, err
	case !ok:
		return 0, ErrNumber
	case n.shape == shapeMachine:
		return 0, ErrNumber
	}
	v, err := n.value(d)
	if err != nil {
		return 0, err
	}
	if mult == 1 && v != math.Trunc(v) {
		return 0, ErrNumber
	}
	v = math.Round(v * mult)
	if math.IsInf(v, 0) || math.Abs(v) > 1e18 {
		return 0, ErrNumber
	}
	return v, nil
}
