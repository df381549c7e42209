package reconcile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads/locale"
)

// Columns are the long format's columns, in the template's order.
var Columns = []string{"tahun", "kode_wilayah", "indikator", "nilai", "satuan", "sumber"}

// DateColumn is an optional seventh column: the day the figure was
// published (YYYY-MM-DD or DD/MM/YYYY), shown on the sheet beside its
// source.
const DateColumn = "tanggal_terbit"

// Limits bound what Read takes: a table of published figures is a few
// hundred rows; anything far larger is not one.
type Limits struct {
	Bytes     int64 // the file as stored
	Rows      int   // data rows
	CellBytes int   // one cell
	XLSXBytes int64 // a workbook unpacked
}

// DefaultLimits: 4 MiB, 20,000 rows, 4 KiB a cell, 64 MiB unpacked.
var DefaultLimits = Limits{Bytes: 4 << 20, Rows: 20_000, CellBytes: 4 << 10, XLSXBytes: 64 << 20}

// ErrFormat marks a file that is not a table of figures in the long
// format; the message says what and where.
var ErrFormat = errors.New("berkas angka tidak terbaca")

// RowError is one refused row: where, which column, what was written,
// what is wrong and how to fix it.
type RowError struct {
	Line    int    `json:"baris"`
	Column  string `json:"kolom"`
	Value   string `json:"isi"`
	Message string `json:"pesan"`
}

func (e RowError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("baris %d, kolom %s: %s", e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("baris %d, kolom %s (%q): %s", e.Line, e.Column, e.Value, e.Message)
}

// RowErrors are the refused rows of a file; a file with any is refused
// whole, so a reconciliation never rests on a table read in part.
type RowErrors []RowError

func (es RowErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d baris tidak dapat dibaca:", len(es))
	for i, e := range es {
		if i == 20 {
			fmt.Fprintf(&b, "\n  … dan %d lagi", len(es)-i)
			break
		}
		b.WriteString("\n  " + e.Error())
	}
	return b.String()
}

// Is makes errors.Is(err, ErrFormat) hold.
func (es RowErrors) Is(target error) bool { return target == ErrFormat }

// Read reads figures in the long format from a CSV (";" or "," between
// cells, Indonesian or English numbers: the nilai column decides, as
// roads/locale reads columns) or an XLSX workbook laid out the same way
// (its first sheet with the header). Names of columns are matched without
// case, spaces or underscores; other columns are ignored. Every row is
// checked; any refused row refuses the file, with every row's message.
func Read(r io.Reader, lim Limits) ([]Figure, error) {
	b, err := io.ReadAll(io.LimitReader(r, lim.Bytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > lim.Bytes {
		return nil, fmt.Errorf("%w: berkas lebih dari %d KiB; tabel angka terbitan biasanya beberapa ratus baris, pisahkan berkasnya", ErrFormat, lim.Bytes>>10)
	}
	var g grid
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		g, err = xlsxGrid(b, lim)
	} else {
		g, err = csvGrid(b, lim)
	}
	if err != nil {
		return nil, err
	}
	return g.figures()
}

// grid is a file's rows of text cells, with their line numbers and, for
// a workbook, which value cells are stored as numbers.
type grid struct {
	rows    [][]string
	lines   []int
	numeric map[int]bool // row index → its nilai cell is a number
}

func csvGrid(b []byte, lim Limits) (grid, error) {
	var g grid
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return g, fmt.Errorf("%w: berkas bukan teks UTF-8; simpan sebagai CSV UTF-8 atau XLSX", ErrFormat)
	}
	first, _, _ := bytes.Cut(b, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = ';'
	if bytes.Count(first, []byte(",")) > bytes.Count(first, []byte(";")) {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return g, fmt.Errorf("%w: baris %d: %v; periksa tanda kutip di baris itu", ErrFormat, pe.Line, pe.Err)
			}
			return g, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		line, _ := cr.FieldPos(0)
		if err := g.add(rec, line, lim); err != nil {
			return g, err
		}
	}
	return g, nil
}

func (g *grid) add(rec []string, line int, lim Limits) error {
	blank := true
	for _, c := range rec {
		if len(c) > lim.CellBytes {
			return fmt.Errorf("%w: baris %d: sel lebih dari %d byte", ErrFormat, line, lim.CellBytes)
		}
		blank = blank && strings.TrimSpace(c) == ""
	}
	if blank {
		return nil
	}
	if len(g.rows) > lim.Rows {
		return fmt.Errorf("%w: lebih dari %d baris; pisahkan berkasnya", ErrFormat, lim.Rows)
	}
	g.rows = append(g.rows, rec)
	g.lines = append(g.lines, line)
	return nil
}

func xlsxGrid(b []byte, lim Limits) (g grid, err error) {
	// excelize parses the archive itself; a malformed file must end as a
	// message, never a crash.
	defer func() {
		if p := recover(); p != nil {
			g, err = grid{}, fmt.Errorf("%w: XLSX rusak (%v); buka lalu simpan ulang di Excel atau LibreOffice", ErrFormat, p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: lim.XLSXBytes, UnzipXMLSizeLimit: lim.XLSXBytes})
	if err != nil {
		return g, fmt.Errorf("%w: bukan berkas XLSX yang sah (%v); simpan sebagai Excel Workbook (.xlsx) atau CSV", ErrFormat, err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		g = grid{numeric: map[int]bool{}}
		rows, err := f.Rows(sh)
		if err != nil {
			return g, fmt.Errorf("%w: lembar %q: %v", ErrFormat, sh, err)
		}
		n, valueCol := 0, -1
		for rows.Next() {
			n++
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return g, fmt.Errorf("%w: lembar %q baris %d: %v", ErrFormat, sh, n, err)
			}
			if err := g.add(cols, n, lim); err != nil {
				rows.Close()
				return g, err
			}
			if len(g.rows) == 1 && valueCol < 0 {
				if h, ok := header(g.rows[0]); ok {
					valueCol = h["nilai"]
				}
			}
			// A number stored as a number is read as stored, never by
			// the decimal-mark rule.
			if valueCol >= 0 && len(g.rows) > 1 && g.lines[len(g.lines)-1] == n && valueCol < len(cols) {
				if cell, err := excelize.CoordinatesToCellName(valueCol+1, n); err == nil {
					if t, err := f.GetCellType(sh, cell); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
						g.numeric[len(g.rows)-1] = true
					}
				}
			}
		}
		rows.Close()
		if valueCol >= 0 {
			return g, nil
		}
	}
	return grid{}, fmt.Errorf("%w: tidak ada lembar dengan kepala kolom %s; unduh templatnya", ErrFormat, strings.Join(Columns, ", "))
}

// header finds the long format's columns in a header row: column → index.
func header(row []string) (map[string]int, bool) {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
		return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(s)
	}
	h := map[string]int{}
	for j, c := range row {
		for _, name := range Columns {
			if _, seen := h[name]; !seen && norm(c) == norm(name) {
				h[name] = j
			}
		}
		if _, seen := h[DateColumn]; !seen && (norm(c) == "tanggal" || norm(c) == "tanggalterbit") {
			h[DateColumn] = j
		}
	}
	n := len(h)
	if _, ok := h[DateColumn]; ok {
		n--
	}
	return h, n == len(Columns)
}

func (g grid) figures() ([]Figure, error) {
	if len(g.rows) == 0 {
		return nil, fmt.Errorf("%w: berkas kosong; isi baris kepala %s lalu satu baris per angka", ErrFormat, strings.Join(Columns, ";"))
	}
	h, ok := header(g.rows[0])
	if !ok {
		var missing []string
		for _, c := range Columns {
			if _, ok := h[c]; !ok {
				missing = append(missing, c)
			}
		}
		return nil, fmt.Errorf("%w: baris %d: kolom %s tidak ada; baris pertama harus %s (unduh templatnya)",
			ErrFormat, g.lines[0], strings.Join(missing, ", "), strings.Join(Columns, ";"))
	}
	cell := func(i int, name string) string {
		j := h[name]
		if j >= len(g.rows[i]) {
			return ""
		}
		return strings.TrimSpace(g.rows[i][j])
	}
	// The nilai column decides its decimal mark as a whole.
	var col locale.Column
	for i := 1; i < len(g.rows); i++ {
		if !g.numeric[i] {
			col.Add(cell(i, "nilai"))
		}
	}
	mark, markErr := col.Decide()
	var errs RowErrors
	var out []Figure
	seen := map[string]int{}
	for i := 1; i < len(g.rows); i++ {
		line := g.lines[i]
		bad := func(column, value, msg string) {
			errs = append(errs, RowError{Line: line, Column: column, Value: value, Message: msg})
		}
		f := Figure{Line: line, Source: cell(i, "sumber"), Unit: cell(i, "satuan")}
		n := len(errs)
		if _, ok := h[DateColumn]; ok {
			if d := cell(i, DateColumn); d != "" {
				t, ok := publishedDate(d)
				if !ok {
					bad(DateColumn, d, "tulis tanggal terbit sebagai YYYY-MM-DD atau DD/MM/YYYY, mis. 2026-02-28, atau kosongkan")
				}
				f.Published = t
			}
		}
		y := cell(i, "tahun")
		if v, err := strconv.Atoi(y); err != nil || v < 1950 || v > 2200 {
			bad("tahun", y, "tulis tahun empat angka, mis. 2025")
		} else {
			f.Year = v
		}
		reg := cell(i, "kode_wilayah")
		if code, msg := regionCode(reg); msg != "" {
			bad("kode_wilayah", reg, msg)
		} else {
			f.Region = code
		}
		ind := Indicator(strings.ToLower(cell(i, "indikator")))
		if !ind.Known() {
			names := make([]string, len(Indicators))
			for k, x := range Indicators {
				names[k] = string(x)
			}
			bad("indikator", string(ind), "indikator tidak dikenal; pakai salah satu: "+strings.Join(names, ", "))
		}
		f.Indicator = ind
		f.Written = cell(i, "nilai")
		scale := 1.0
		if ind.Known() {
			switch u := strings.ToLower(strings.ReplaceAll(f.Unit, " ", "")); {
			case ind.Percent() && (u == "%" || u == "persen" || u == "pct" || u == "percent"):
			case !ind.Percent() && (u == "km" || u == "kilometer"):
			case !ind.Percent() && (u == "m" || u == "meter" || u == "metre"):
				scale = 0.001
			default:
				want := "km atau m"
				if ind.Percent() {
					want = "% (persen)"
				}
				bad("satuan", f.Unit, fmt.Sprintf("satuan %s harus %s", ind, want))
			}
		}
		switch {
		case g.numeric[i]:
			v, err := strconv.ParseFloat(f.Written, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				bad("nilai", f.Written, "sel angka tidak terbaca")
			}
			f.Value, f.Decimals = v, storedDecimals(v)
			f.Written = strconv.FormatFloat(v, 'f', -1, 64)
		case f.Written == "":
			bad("nilai", "", "nilai kosong; tulis angkanya, mis. 84,52 (atau hapus barisnya)")
		default:
			v, ok, err := locale.ParseNumber(f.Written, mark)
			switch {
			case errors.Is(err, locale.ErrAmbiguous) && markErr != nil:
				bad("nilai", f.Written, markErr.Error()+"; tulis desimal dengan koma (84,520) atau tanpa pemisah ribuan")
			case err != nil || !ok:
				bad("nilai", f.Written, "bukan angka; tulis mis. 84,52 atau 1.234,5")
			default:
				f.Value, f.Decimals = v, writtenDecimals(f.Written, mark)
			}
		}
		if f.Value < 0 {
			bad("nilai", f.Written, "nilai tidak boleh negatif")
		}
		if scale != 1 {
			f.Value *= scale
			f.Decimals += 3
		}
		if ind.Percent() && f.Value > 100 {
			bad("nilai", f.Written, "persen di atas 100")
		}
		if len(errs) > n {
			continue
		}
		key := fmt.Sprintf("%d|%s|%s", f.Year, f.Region, f.Indicator)
		if prev, dup := seen[key]; dup {
			bad("indikator", string(f.Indicator), fmt.Sprintf("angka yang sama (tahun %d, wilayah %s) sudah ada di baris %d; satu angka per tahun, wilayah dan indikator", f.Year, f.Region, prev))
			continue
		}
		seen[key] = line
		out = append(out, f)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: tidak ada baris angka di bawah kepala kolom", ErrFormat)
	}
	return out, nil
}

// regionCode reads a Kemendagri code, with or without dots ("3374" →
// "33.74", "337401" → "33.74.01"); it refuses BPS's 7-digit kecamatan
// codes by name.
func regionCode(s string) (string, string) {
	if s == "" {
		return "", "kode wilayah kosong; tulis kode Kemendagri, mis. 33.74 (kota) atau 33.74.01 (kecamatan)"
	}
	digits := strings.ReplaceAll(s, ".", "")
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", "kode wilayah hanya angka dan titik, mis. 33.74 atau 33.74.01"
		}
	}
	if strings.Contains(s, ".") {
		parts := strings.Split(s, ".")
		for k, p := range parts {
			if len(p) != 2 || k > 2 {
				return "", "kode Kemendagri ditulis 2 angka per tingkat: 35, 33.74 atau 33.74.01"
			}
		}
		return s, ""
	}
	switch len(digits) {
	case 2:
		return digits, ""
	case 4:
		return digits[:2] + "." + digits[2:], ""
	case 6:
		return digits[:2] + "." + digits[2:4] + "." + digits[4:], ""
	case 7:
		return "", "kode 7 angka adalah kode BPS; tulis kode Kemendagri kecamatan, mis. 33.74.01"
	}
	return "", "kode Kemendagri ditulis 2 angka per tingkat: 35, 33.74 atau 33.74.01"
}

// writtenDecimals counts the decimals of a number text read with mark
// (the column's decimal mark, or AnyDecimal when none is needed).
func writtenDecimals(s string, mark locale.Decimal) int {
	s = strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '.' || r == ',' || r == 'e' || r == 'E' {
			return r
		}
		return -1
	}, s)
	if strings.ContainsAny(s, "eE") {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0
		}
		return storedDecimals(v)
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	var sep string
	switch {
	case dots > 0 && commas > 0:
		sep = s[max(strings.LastIndex(s, "."), strings.LastIndex(s, ",")):][:1]
	case dots > 1 || commas > 1 || dots+commas == 0:
		return 0
	default:
		sep = "."
		if commas == 1 {
			sep = ","
		}
		whole, frac, _ := strings.Cut(s, sep)
		if len(frac) == 3 && len(whole) >= 1 && len(whole) <= 3 && whole[0] != '0' {
			// Ambiguous: the column's mark decides.
			if mark == locale.Comma && sep == "." || mark == locale.Dot && sep == "," {
				return 0
			}
		}
	}
	return len(s) - strings.LastIndex(s, sep) - 1
}

// storedDecimals is the decimals of the shortest text of a stored number
// (95.06 → 2), at most 6.
func storedDecimals(v float64) int {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	_, frac, _ := strings.Cut(s, ".")
	return min(len(frac), 6)
}

// publishedDate reads a publication date: YYYY-MM-DD, DD/MM/YYYY, or a
// spreadsheet's day number (a date cell read raw).
func publishedDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1950 && t.Year() <= 2200 {
			return t, true
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 18264 && n <= 110000 { // 1950 … 2200
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
