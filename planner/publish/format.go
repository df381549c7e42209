package publish

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads/locale"
)

// The number forms of Indonesian documents: "." groups thousands and ","
// marks decimals (Rp 1.250.000.000; 12,5 km; 26/11/2026). Machine-read
// files (CSV, JSON) keep plain numbers with a "." decimal point instead, so
// every spreadsheet and parser reads them the same way.

// rupiah writes an amount in Rupiah rounded to the whole Rupiah: "Rp 1.250.000.000".
func rupiah(v float64) string { return "Rp " + grouped(v, 0) }

// Number writes v with dec decimals the Indonesian way, 1.234,50, for
// messages and documents.
func Number(v float64, dec int) string { return grouped(v, dec) }

// grouped writes v with dec decimals in Indonesian form: 1.234,50.
func grouped(v float64, dec int) string { return locale.ID.Number(v, dec) }

// pct writes a percentage with two decimals the Indonesian way: "78,40".
func pct(v float64) string { return grouped(v, 2) }

// tanggal writes a date as day/month/year, the Indonesian short form.
func tanggal(t time.Time) string { return locale.ID.Date(t) }

// plain writes a number for machine-read files: fixed decimals, "." point,
// no grouping; NaN is written empty.
func plain(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// round rounds v to dec decimals, so that sums shown and sums checked agree.
func round(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	return math.Round(v*p) / p
}

// parseDay reads a YYYY-MM-DD date as the planner writes it.
func parseDay(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
