// Package csvfile writes the CSV files the product hands out (network,
// plan, SIPD, walidata, Satu Data, audit, rejected rows) so that no cell
// taken from the register can run as a spreadsheet formula when the file is
// opened in Excel or LibreOffice ("CSV injection"): a text cell starting
// with = + - @, a tab or a carriage return is written with a leading
// apostrophe, which spreadsheets show as text and do not evaluate.
// Numbers, negative ones included, are written as they are.
package csvfile

import (
	"encoding/csv"
	"io"
	"strings"
)

// Writer is an encoding/csv Writer whose Write and WriteAll neutralise
// formula cells (Cell). Its Comma and UseCRLF are set as csv.Writer's.
type Writer struct {
	*csv.Writer
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{csv.NewWriter(w)} }

// Write writes one record, each cell through Cell.
func (w *Writer) Write(rec []string) error { return w.Writer.Write(Record(rec)) }

// WriteAll writes the records, each cell through Cell, and flushes.
func (w *Writer) WriteAll(recs [][]string) error {
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// Record returns rec with every cell through Cell; rec itself when no cell
// needs it.
func Record(rec []string) []string {
	var out []string
	for i, c := range rec {
		if n := Cell(c); n != c {
			if out == nil {
				out = append([]string(nil), rec...)
			}
			out[i] = n
		}
	}
	if out == nil {
		return rec
	}
	return out
}

// Cell returns s, or s behind an apostrophe when a spreadsheet would read
// it as a formula: it starts with = + - @, a tab or a carriage return and
// is not a number ("-3.5", "+62", "-1.250,5" and "1e-3" stay as they are).
func Cell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || number(s) {
		return s
	}
	return "'" + s
}

// number reports whether s is a signed number as the product writes them:
// digits with '.' or ',' marks and an optional exponent.
func number(s string) bool {
	if s[0] != '+' && s[0] != '-' {
		return false
	}
	s = s[1:]
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '.', c == ',':
		case (c == 'e' || c == 'E') && i+1 < len(s):
			rest := s[i+1:]
			if rest[0] == '+' || rest[0] == '-' {
				rest = rest[1:]
			}
			if rest == "" {
				return false
			}
			for j := 0; j < len(rest); j++ {
				if rest[j] < '0' || rest[j] > '9' {
					return false
				}
			}
			return true
		default:
			return false
		}
	}
	return true
}

// Unquote undoes Cell for a reader: a cell of an apostrophe followed by one
// of the formula characters is the text after the apostrophe, so that a
// file the product wrote reads back as the register held it.
func Unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
