package netfile

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

var errNumber = errors.New("not a number")

// isEmpty reports a cell that holds no value: blank, or a dash as offices
// write for "none".
func isEmpty(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == "-" || s == "–" || s == "—"
}

// parseNumber reads a number written the Indonesian (1.234,5) or English
// (1,234.5) way. With one kind of separator: several of them are thousands
// separators; a single comma is the decimal mark unless the file's
// delimiter is a comma (then "1,234" cannot occur unquoted, and a quoted
// one is read as thousands only when exactly three digits follow); a single
// dot is always the decimal mark. Blank and "-" are empty (ok false, no
// error).
func parseNumber(s string, comma rune) (v float64, ok bool, err error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", ""))
	if isEmpty(s) {
		return 0, false, nil
	}
	s = strings.ReplaceAll(s, " ", "")
	if v, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXpP_") {
		return finite(v)
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	lastDot, lastComma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	switch {
	case dots > 0 && commas > 0 && lastComma > lastDot: // 1.234,5
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case dots > 0 && commas > 0: // 1,234.5
		s = strings.ReplaceAll(s, ",", "")
	case commas > 1: // 1,234,567
		s = strings.ReplaceAll(s, ",", "")
	case dots > 1: // 1.234.567
		s = strings.ReplaceAll(s, ".", "")
	case commas == 1:
		if comma == ',' && len(s)-lastComma-1 == 3 {
			s = strings.ReplaceAll(s, ",", "")
		} else {
			s = strings.Replace(s, ",", ".", 1)
		}
	}
	if strings.Count(s, ".") > 1 || strings.ContainsAny(s, ",xXpP_") {
		return 0, false, errNumber
	}
	v, err = strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, errNumber
	}
	return finite(v)
}

func finite(v float64) (float64, bool, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, errNumber
	}
	return v, true, nil
}

// parseInt reads a whole number (a year, a design life); "2019.0" from a
// spreadsheet is accepted.
func parseInt(s string, comma rune) (int, bool, error) {
	v, ok, err := parseNumber(s, comma)
	if err != nil || !ok {
		return 0, ok, err
	}
	if v != math.Trunc(v) || math.Abs(v) > 1e9 {
		return 0, false, errNumber
	}
	return int(v), true, nil
}

var bulan = map[string]time.Month{
	"januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
	"mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "nopember": 11,
	"desember": 12, "des": 12, "dec": 12, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10, "december": 12,
	"january": 1, "february": 2, "march": 3,
}

// excelEpoch is day 0 of Excel's 1900 date system (as corrected for its
// fictitious 29 February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a survey date: 2024-06-30, 30/06/2024, 30-06-2024,
// 30.06.2024, "30 Juni 2024", or (XLSX only) an Excel serial day number.
// Day-first is the Indonesian order; month-first dates are not guessed.
func parseDate(s string, format string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if format == "xlsx" {
		if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 1 && v < 2958466 {
			return excelEpoch.AddDate(0, 0, int(v)), nil
		}
	}
	if len(s) >= 10 {
		// An RFC 3339 time or "2024-06-30 00:00:00": the date part decides.
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, nil
		}
	}
	for _, layout := range []string{"2/1/2006", "2-1-2006", "2.1.2006", "2006/1/2"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	f := strings.Fields(strings.ToLower(strings.NewReplacer("-", " ", "/", " ", ",", " ").Replace(s)))
	if len(f) == 3 {
		d, err1 := strconv.Atoi(f[0])
		m, ok := bulan[f[1]]
		y, err2 := strconv.Atoi(f[2])
		if err1 == nil && err2 == nil && ok && d >= 1 && d <= 31 && y > 1000 {
			t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d {
				return t, nil
			}
		}
	}
	return time.Time{}, errNumber
}
