// Package locale writes numbers, money and dates the way each reader
// writes them: Indonesian readers group thousands with "." and mark
// decimals with "," (Rp 1.250.000.000; 12,5 km; 26/11/2026), English
// readers the other way round (Rp 1,250,000,000; 12.5 km; 2026-11-26).
// The web pages, the CLI messages, the plan's justifications and the
// exported documents all format through it, so one figure reads the same
// everywhere. Machine-read files (CSV, JSON) keep plain numbers instead.
//
// It is also the one reader of numbers people write: form fields, CLI flags
// and the cells of imported files all go through ParseNumber (and
// ParseRupiah for budgets), so "1.250" means the same everywhere.
//
// The number rule. A text whose separators show the decimal mark is read
// as written: "1.250.000" and "2.400,5" (Indonesian), "1,250,000" and
// "1,250.5" (English), "6.5" and "12,75" (a lone separator not followed by
// exactly three digits is the decimal mark). Only a lone separator before
// exactly three digits ("1.250", "1,250") is ambiguous, and the decimal
// mark decides it:
//   - typed by a person (a form, a flag): the reader's language decides,
//     as the pages write numbers to them: "1.250" is 1250 in Indonesian
//     (the default, and the CLI's), 1.25 in English;
//   - in a file: the whole column decides (see Column): "1.250" beside
//     "2.400,5", "1.250.000", "1,25" or "980" is 1250; beside "6.5" or
//     "12.75" it is 1.25; where nothing in the column decides, the import
//     refuses the column by name and asks for the mark (a --decimal flag
//     or a mapping setting). It never guesses.
//
// Spreadsheet cells stored as numbers are numbers already and are never
// re-read by this rule.
package locale

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Lang is a reader's language.
type Lang string

// The languages: Indonesian is the default everywhere.
const (
	ID Lang = "id"
	EN Lang = "en"
)

func (l Lang) separators() (thousands, decimal byte) {
	if l == EN {
		return ',', '.'
	}
	return '.', ','
}

// Number writes v with dec decimals and the reader's separators:
// 1250000.5 → "1.250.000,5" (id) or "1,250,000.5" (en). NaN and ±Inf
// write "–".
func (l Lang) Number(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	th, dp := l.separators()
	s := strconv.FormatFloat(math.Abs(v), 'f', dec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(th)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(dp)
		b.WriteString(frac)
	}
	return b.String()
}

// Int writes a whole number with thousands separators: 32340 → "32.340".
func (l Lang) Int(n int) string { return l.Number(float64(n), 0) }

// Rp writes an amount of Rupiah rounded to the Rupiah: "Rp 1.250.000.000".
func (l Lang) Rp(v float64) string { return "Rp " + l.Number(math.Round(v), 0) }

// WIB is Western Indonesia Time (UTC+7), the zone of Java and Sumatra and of
// every reader the tool writes for: a moment is dated as it is there, so a
// plan made at 22:00 UTC on the 26th is dated the 27th, on every page and
// in every file. (Calendar dates, stored as UTC midnight, keep their day.)
var WIB = time.FixedZone("WIB", 7*3600)

// Date writes the calendar day of t in WIB: 26/11/2026 (id) or 2026-11-26
// (en); a zero time writes "–".
func (l Lang) Date(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.In(WIB)
	if l == EN {
		return t.Format("2006-01-02")
	}
	return t.Format("02/01/2006")
}

// DateTime writes a moment in WIB: "26/11/2026 14:05 WIB" (id) or
// "2026-11-26 14:05 WIB" (en).
func (l Lang) DateTime(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return l.Date(t) + " " + t.In(WIB).Format("15:04") + " WIB"
}
