package netfile

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads/locale"
)

var errNumber = errors.New("not a number")

// isEmpty reports a cell that holds no value: blank, or a dash as offices
// write for "none".
func isEmpty(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == "-" || s == "–" || s == "—"
}

// parseNumber reads one cell on its own, by locale.ParseNumber with no
// decimal mark decided: a text whose separators show the mark reads as
// written, and an ambiguous one ("1.250", "1,250") is an error rather than
// a guess. Cells of a table are read by Table.Number instead, which lets
// the column decide. The delimiter argument is no longer used. Blank and
// "-" are empty (ok false, no error).
func parseNumber(s string, _ rune) (v float64, ok bool, err error) {
	v, ok, err = locale.ParseNumber(s, locale.AnyDecimal)
	if err != nil {
		return 0, false, errNumber
	}
	return v, ok, nil
}

// numbers holds each column's decimal mark, decided from the whole column
// the first time a number is read from it (only columns read as numbers
// are decided, so a key column holding "1.250" is never refused).
type numbers struct {
	set  func(col string) locale.Decimal // the user's choice per column, or AnyDecimal
	cols []colMark
	// refused lists the columns read as numbers that nothing decides.
	refused []refusedColumn
}

type colMark struct {
	decided bool
	mark    locale.Decimal
	err     error
}

type refusedColumn struct {
	column string
	err    error
}

// useDecimals records the decimal marks the user chose: per column in the
// mapping ("decimals"), else for every file (--decimal, Options.Decimal),
// else for the file in the mapping ("decimal").
func (t *Table) useDecimals(opt Options) {
	m := opt.Mapping
	t.nums.set = func(col string) locale.Decimal {
		if m != nil {
			want := normHeader(col).name
			for c, v := range m.Decimals {
				if c == col || normHeader(c).name == want {
					d, _ := locale.ParseDecimal(v)
					return d
				}
			}
		}
		if opt.Decimal != locale.AnyDecimal {
			return opt.Decimal
		}
		if m != nil {
			d, _ := locale.ParseDecimal(m.Decimal)
			return d
		}
		return locale.AnyDecimal
	}
}

// mark returns the decimal mark of column j, deciding it on first use.
func (t *Table) mark(j int) (locale.Decimal, error) {
	if len(t.nums.cols) != len(t.Columns) {
		t.nums.cols = make([]colMark, len(t.Columns))
	}
	c := &t.nums.cols[j]
	if c.decided {
		return c.mark, c.err
	}
	c.decided = true
	if t.nums.set != nil {
		if d := t.nums.set(t.Columns[j]); d != locale.AnyDecimal {
			c.mark = d
			return c.mark, nil
		}
	}
	var col locale.Column
	for i := range t.Records {
		if !t.Records[i].isNumeric(j) {
			col.Add(t.Records[i].Value(j))
		}
	}
	c.mark, c.err = col.Decide()
	if c.err != nil {
		t.nums.refused = append(t.nums.refused, refusedColumn{t.Columns[j], c.err})
	}
	return c.mark, c.err
}

// Number reads the number in column j of rec: a cell the file stores as a
// number as it is; a text cell by locale.ParseNumber with the column's
// decimal mark (the user's choice, or what the whole column shows). A
// cell of a column nothing decides reads as empty: the column is refused
// as a whole (refusedNumbers) and the file is not imported. Blank and "-"
// are empty (ok false, no error).
func (t *Table) Number(rec *Record, j int) (v float64, ok bool, err error) {
	if j < 0 || j >= len(t.Columns) {
		return 0, false, nil
	}
	s := rec.Value(j)
	if isEmpty(s) {
		return 0, false, nil
	}
	d := locale.Dot // the machine form of stored numbers
	if !rec.isNumeric(j) {
		var merr error
		if d, merr = t.mark(j); merr != nil {
			if _, _, err := locale.ParseNumber(s, locale.Dot); err != nil {
				return 0, false, errNumber // not a number at all: the row says so
			}
			return 0, false, nil
		}
	}
	v, ok, err = locale.ParseNumber(s, d)
	if err != nil {
		return 0, false, errNumber
	}
	return v, ok, nil
}

// refusedNumbers returns the error refusing the file when a column read as
// numbers could be read 1000 times apart and nothing decides it, naming
// each column, its values and the two ways to choose.
func (t *Table) refusedNumbers() error {
	if len(t.nums.refused) == 0 {
		return nil
	}
	var parts []string
	for _, r := range t.nums.refused {
		parts = append(parts, fmt.Sprintf("kolom %q: %v", r.column, r.err))
	}
	first := t.nums.refused[0].column
	return fmt.Errorf("%w: %s. Tidak ada yang diimpor: angka ini tidak ditebak. Pilih tanda desimalnya: --decimal koma (cara Indonesia: 1.250 = 1250, 2,5 = dua setengah) atau --decimal titik (cara Inggris: 1.250 = 1,25); atau di berkas pemetaan \"decimal\": \",\" untuk seluruh berkas, atau \"decimals\": {%q: \",\"} untuk kolom ini saja",
		errAmbiguousColumn, strings.Join(parts, "; "), first)
}

// errAmbiguousColumn marks a file refused for a column nothing decides.
var errAmbiguousColumn = errors.New("tanda desimal tidak pasti")

// isNumeric reports a cell the file stores as a number.
func (r *Record) isNumeric(j int) bool { return j >= 0 && j < len(r.numeric) && r.numeric[j] }

// markNumeric marks cell j as a number when its raw JSON is one.
func (r *Record) markNumeric(j int, raw []byte) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return
	}
	for len(r.numeric) <= j {
		r.numeric = append(r.numeric, false)
	}
	r.numeric[j] = true
}

// checkDecimals validates a mapping's decimal settings.
func (m *Mapping) checkDecimals() error {
	if _, err := locale.ParseDecimal(m.Decimal); err != nil {
		return fmt.Errorf("decimal: %v", err)
	}
	for c, v := range m.Decimals {
		if d, err := locale.ParseDecimal(v); err != nil || d == locale.AnyDecimal {
			return fmt.Errorf("decimals %q: tanda desimal %q tidak dikenal; tulis \",\" (koma) atau \".\" (titik)", c, v)
		}
	}
	return nil
}

// parseInt reads a whole number (a year, a design life); "2019.0" from a
// spreadsheet is accepted. An ambiguous "2.019" is refused.
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
