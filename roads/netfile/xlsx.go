package netfile

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads a workbook: the named sheet, or the first sheet with a
// recognisable header. Cells are read raw (numbers unformatted, dates as
// Excel serial numbers), so a "1.104" shown by a locale format is read
// as the number stored.
func ReadXLSX(r io.Reader, opt ReadOptions) (t *Table, err error) {
	// excelize parses the archive and its XML itself; a malformed file
	// must end as an error naming the file, never a crash of the import.
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fmt.Errorf("%w: XLSX rusak (%v); buka lalu simpan ulang di Excel atau LibreOffice", ErrFormat, p)
		}
	}()
	gd := opt.guard()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if err := gd.checkXLSX(b); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: gd.lim.XLSXBytes})
	if err != nil {
		return nil, fmt.Errorf("%w: bukan berkas XLSX yang sah (%v); simpan sebagai Excel Workbook (.xlsx)", ErrFormat, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if opt.Sheet != "" {
		found := false
		for _, s := range sheets {
			found = found || s == opt.Sheet
		}
		if !found {
			return nil, fmt.Errorf("%w: lembar %q tidak ada; lembar yang ada: %s", ErrFormat, opt.Sheet, strings.Join(sheets, ", "))
		}
		sheets = []string{opt.Sheet}
	}
	var firstErr error
	for _, sh := range sheets {
		g, err := sheetGrid(f, sh, gd)
		if gd.stop(err) {
			return nil, fmt.Errorf("lembar %q: %w", sh, err)
		}
		if err == nil && len(g.rows) > 0 {
			var tb *Table
			if tb, err = tableFromGrid(g, "xlsx", opt); err == nil {
				markNumberCells(f, sh, tb)
				return tb, nil
			}
		}
		if err == nil {
			err = fmt.Errorf("%w: lembar %q kosong", ErrFormat, sh)
		}
		if firstErr == nil {
			firstErr = fmt.Errorf("lembar %q: %w", sh, err)
		}
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("%w: buku kerja tanpa lembar", ErrFormat)
	}
	return nil, firstErr
}

func sheetGrid(f *excelize.File, sheet string, gd *guard) (grid, error) {
	var g grid
	rows, err := f.Rows(sheet)
	if err != nil {
		return g, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return g, fmt.Errorf("%w: baris %d: %v", ErrFormat, n, err)
		}
		// Blank rows are left out (sheets often carry thousands of
		// formatted empty rows); rows keep their sheet row number.
		for len(cols) > 0 && strings.TrimSpace(cols[len(cols)-1]) == "" {
			cols = cols[:len(cols)-1]
		}
		if len(cols) == 0 {
			continue
		}
		if err := gd.row(len(g.rows), cols); err != nil {
			return g, err
		}
		g.rows = append(g.rows, cols)
		g.lines = append(g.lines, n)
	}
	if err := rows.Error(); err != nil {
		return g, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return g, nil
}

// markNumberCells marks the cells the sheet stores as numbers, so that the
// decimal-mark rule reads only text cells. A raw number cell never holds a
// comma, and only a dot before exactly three digits ("1.125") could be
// mistaken, so the cell types are looked up only in columns holding such
// a value (the lookup loads the sheet whole; most sheets never need it).
func markNumberCells(f *excelize.File, sheet string, t *Table) {
	for j := range t.Columns {
		need := false
		for i := range t.Records {
			if ambiguousDot(t.Records[i].Value(j)) {
				need = true
				break
			}
		}
		if !need {
			continue
		}
		for i := range t.Records {
			rec := &t.Records[i]
			v := rec.Value(j)
			if v == "" || strings.ContainsAny(v, ", ") {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(j+1, rec.Line)
			if err != nil {
				continue
			}
			if typ, err := f.GetCellType(sheet, cell); err == nil && (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) {
				for len(rec.numeric) <= j {
					rec.numeric = append(rec.numeric, false)
				}
				rec.numeric[j] = true
			}
		}
	}
}

// ambiguousDot reports "1.250": one dot before exactly three digits after
// one to three digits.
func ambiguousDot(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "-")
	whole, frac, ok := strings.Cut(s, ".")
	return ok && len(frac) == 3 && len(whole) >= 1 && len(whole) <= 3 && whole[0] != '0' &&
		isDigits(whole) && isDigits(frac)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
