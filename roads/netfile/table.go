package netfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
)

// Table is a network file read as text: its columns and data rows.
type Table struct {
	File    string // base name, as recorded in each record's Source
	Format  string // "csv", "geojson" or "xlsx"
	Columns []string
	Records []Record
	// Skipped lists rows that are not data (totals rows) with why.
	Skipped []Problem
	// Comma is the CSV delimiter found (',' for other formats).
	Comma rune
	// Encoding is the text encoding the file was read in, as people name
	// it ("UTF-8", "UTF-8 dengan BOM", "UTF-16LE", "Windows-1252"); "" for
	// XLSX, which carries its own.
	Encoding string
	// Notes are the reader's findings about the text: the encoding it
	// assumed, characters it removed, text that looks badly converted.
	// They are warnings: the rows are imported.
	Notes []Problem

	nums numbers // each column's decimal mark, decided when first read
}

// Record is one data row of a Table.
type Record struct {
	Row    int      // 1 = first row below the header
	Line   int      // CSV line or sheet row where the record starts; 0 for GeoJSON
	Values []string // aligned with Table.Columns; missing trailing cells are ""
	// Geometry is the feature's geometry (GeoJSON), or nil.
	Geometry orb.Geometry
	// GeomErr says why the feature's geometry could not be kept (a Point,
	// broken coordinates), so the row can be refused with the reason.
	GeomErr string
	// numeric marks the cells the file stores as numbers (XLSX number
	// cells, GeoJSON numbers): machine-written, never re-read by the
	// decimal-mark rule. nil for CSV.
	numeric []bool
}

// Value returns the record's value in column i, or "".
func (r *Record) Value(i int) string {
	if i < 0 || i >= len(r.Values) {
		return ""
	}
	return r.Values[i]
}

func (r *Record) blank() bool {
	for _, v := range r.Values {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return r.Geometry == nil && r.GeomErr == ""
}

// ErrFormat marks a file the readers cannot read at all (not a CSV, GeoJSON
// or XLSX file, no header found, broken structure).
var ErrFormat = errors.New("unreadable network file")

// Formats lists the file extensions Read accepts.
var Formats = []string{".geojson", ".json", ".csv", ".xlsx"}

// ReadOptions steer the readers; the zero value reads any file whose
// header uses recognised names.
type ReadOptions struct {
	Sheet     string // XLSX sheet to read; "" = the first that has a header
	HeaderRow int    // 1-based row of the header in a CSV or sheet; 0 = find it
	// Known reports whether a header cell names a column, for finding the
	// header; nil = the recognised names (a mapping adds its own).
	Known func(cell string) bool
	// Limits bound the file (limits.go); the zero value = DefaultLimits.
	Limits Limits
	ctx    context.Context // set by WithContext; nil = never done
	used   *usage          // rows and cells of the import's earlier files
}

func (o ReadOptions) known() func(string) bool {
	if o.Known != nil {
		return o.Known
	}
	return knownHeader
}

// Read reads a network file, choosing the reader by extension.
func Read(path string, opt ReadOptions) (*Table, error) {
	b, err := opt.readFile(path)
	if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("baca %s: %w", path, err)
	}
	var t *Table
	enc := ""
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".geojson", ".json":
		// JSON is UTF-8 by its standard, but files saved by office tools
		// carry a BOM, UTF-16 or Windows-1252 all the same.
		if b, enc, err = decodeText(b); err == nil {
			t, err = readGeoJSON(bytes.NewReader(b), opt.guard())
		}
	case ".csv", ".txt":
		t, err = ReadCSV(bytes.NewReader(b), opt)
	case ".xlsx", ".xlsm":
		t, err = ReadXLSX(bytes.NewReader(b), opt)
	default:
		return nil, fmt.Errorf("%w: %s: jenis berkas %q tidak dikenal; gunakan .geojson, .csv atau .xlsx", ErrFormat, path, ext)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	t.File = filepath.Base(path)
	if enc != "" {
		t.Encoding = enc
	}
	t.noteEncoding()
	t.inspectText()
	return t, nil
}

// grid is a table as rows of cells before the header is known (CSV, XLSX).
type grid struct {
	rows  [][]string
	lines []int // source line or sheet row of each row, ascending
}

// tableFromGrid finds the header in g and returns the data rows below it.
func tableFromGrid(g grid, format string, opt ReadOptions) (*Table, error) {
	h, sub, err := findHeader(g.rows, opt.HeaderRow, opt.known())
	if err != nil {
		return nil, err
	}
	cols := joinHeader(g.rows[h], subRow(g.rows, sub))
	start := h + 1
	if sub >= 0 {
		start = sub + 1
	}
	if start < len(g.rows) && isColumnNumberRow(g.rows[start]) {
		start++
	}
	// Cells right of the last named column are kept under a made-up name
	// rather than dropped, so that the rejects file loses nothing.
	for i := start; i < len(g.rows); i++ {
		for j := len(cols); j < len(g.rows[i]); j++ {
			if strings.TrimSpace(g.rows[i][j]) != "" {
				for len(cols) <= j {
					cols = append(cols, fmt.Sprintf("kolom %d", len(cols)+1))
				}
			}
		}
	}
	t := &Table{Format: format, Columns: cols, Comma: ','}
	// Data rows are numbered from 1 below the header: by position in a
	// CSV (the reader drops blank lines), by sheet row in a workbook
	// (whose grid leaves blank rows out).
	headEnd := g.lines[start-1]
	row := 0
	for i := start; i < len(g.rows); i++ {
		row++
		if format == "xlsx" {
			row = g.lines[i] - headEnd
		}
		vals := g.rows[i]
		rec := Record{Row: row, Line: g.lines[i], Values: fit(vals, len(cols))}
		if rec.blank() {
			continue
		}
		if label, ok := totalsRow(vals); ok {
			t.Skipped = append(t.Skipped, Problem{Row: row, Line: g.lines[i], Value: label, Category: CatTotalsRow,
				Message: fmt.Sprintf("baris %q adalah baris jumlah, bukan ruas; dilewati", label)})
			continue
		}
		t.Records = append(t.Records, rec)
	}
	return t, nil
}

func subRow(rows [][]string, i int) []string {
	if i < 0 {
		return nil
	}
	return rows[i]
}

// fit returns vals padded or cut to n cells, trimmed.
func fit(vals []string, n int) []string {
	out := make([]string, n)
	for i := 0; i < n && i < len(vals); i++ {
		out[i] = strings.TrimSpace(vals[i])
	}
	return out
}
