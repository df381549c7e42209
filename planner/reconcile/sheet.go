package reconcile

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
	"github.com/kotablitar/ruas/roads/locale"
)

// Agree sets line i's agreed figure: the register's (its definition), or
// the other office's with the definition that explains it. An
// unexplained figure has no definition to agree on.
func (s *Sheet) Agree(i int, c Choice) error {
	if i < 0 || i >= len(s.Lines) {
		return fmt.Errorf("%w: baris %d tidak ada di lembar", roads.ErrInvalid, i+1)
	}
	l := &s.Lines[i]
	switch c {
	case ChooseRegister, "":
		l.Agreed = Agreement{Choice: ChooseRegister, Value: l.Register, Definition: "definisi register"}
	case ChooseOther:
		switch l.Status {
		case Agrees:
			l.Agreed = Agreement{Choice: ChooseOther, Value: roads.Percent(l.Figure.Value), Definition: "definisi register (angka sama dalam pembulatan)"}
		case Explained:
			l.Agreed = Agreement{Choice: ChooseOther, Value: roads.Percent(l.Figure.Value), Definition: "definisi register dengan: " + l.Reason.Describe()}
		default:
			return fmt.Errorf("%w: %s: angka %s tidak terjelaskan oleh definisi mana pun, jadi tidak dapat disepakati dengan definisinya; sepakati angka register atau periksa sumbernya",
				roads.ErrInvalid, l.Figure, l.Figure.Source)
		}
	default:
		return fmt.Errorf("%w: pilihan %q; pilih %s atau %s", roads.ErrInvalid, c, ChooseRegister, ChooseOther)
	}
	return nil
}

// settle fills the default agreements (the register's) with their
// definition text.
func (s *Sheet) settle() {
	for i := range s.Lines {
		if s.Lines[i].Agreed.Definition == "" && !math.IsNaN(float64(s.Lines[i].Register)) {
			s.Agree(i, ChooseRegister)
		}
	}
}

// decimals is how many decimals a line's figures are written with: the
// other figure's, at least 2.
func (l Line) decimals() int { return max(l.Figure.Decimals, 2) }

// Text is a value written the Indonesian way with the line's decimals,
// "–" when undefined.
func (l Line) Text(v roads.Percent) string {
	if math.IsNaN(float64(v)) {
		return "–"
	}
	return locale.ID.Number(float64(v), l.decimals())
}

// FigureText is the other office's figure written like Text.
func (l Line) FigureText() string { return l.Text(roads.Percent(l.Figure.Value)) }

// ReasonText is the line's reason in Indonesian, or what the status says.
func (l Line) ReasonText() string {
	switch l.Status {
	case Explained:
		s := l.Reason.Describe()
		if len(l.Also) > 0 {
			var also []string
			for _, a := range l.Also {
				also = append(also, a.Describe())
			}
			s += " (juga cocok: " + strings.Join(also, "; ") + ")"
		}
		return s
	case Unexplained:
		return "tidak ada definisi yang diuji yang menghasilkan angka ini; selisih tidak terjelaskan"
	case NotComputed:
		return l.Note
	}
	return "angka sama dengan register dalam pembulatannya"
}

// WriteJSON writes the sheet as JSON (undefined numbers null).
func (s *Sheet) WriteJSON(w io.Writer) error {
	s.settle()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// tableHeader is the sheet's table columns.
var tableHeader = []string{"no", "tahun", "kode_wilayah", "wilayah", "indikator", "satuan", "nilai_lain", "sumber", "tanggal_terbit", "baris_berkas",
	"nilai_register", "selisih", "status", "alasan", "selisih_terjelaskan", "selisih_tidak_terjelaskan", "nilai_disepakati", "definisi_disepakati"}

func num(v roads.Percent) string {
	if math.IsNaN(float64(v)) {
		return ""
	}
	return strconv.FormatFloat(math.Round(float64(v)*1e6)/1e6, 'f', -1, 64)
}

func (s *Sheet) info() [][2]string {
	reg := "seluruh register (termasuk draf)"
	if s.VerifiedOnly {
		reg = "data terverifikasi walidata saja"
	}
	rows := [][2]string{
		{"Lembar rekonsiliasi data jalan", s.Pemda},
		{"Produsen data (register)", s.OPD},
		{"Register dibaca", locale.ID.DateTime(s.RegisterRead) + " (hash " + short(s.RegisterHash) + ")"},
		{"Cakupan register", reg},
		{"Definisi register", s.Definition},
		{"Angka pembanding", s.File},
		{"Sumber angka pembanding", strings.Join(s.Sources, "; ")},
		{"Lembar dibuat", locale.ID.DateTime(s.Made)},
	}
	if !s.VerifiedOnly && s.DraftRecords > 0 {
		rows = append(rows, [2]string{"Catatan draf yang ikut dihitung", strconv.Itoa(s.DraftRecords)})
	}
	if s.Skipped > 0 {
		rows = append(rows, [2]string{"Angka tahun lain yang dilewati", strconv.Itoa(s.Skipped)})
	}
	if len(s.NotTested) > 0 {
		rows = append(rows, [2]string{"Definisi yang tidak dapat diuji", strings.Join(s.NotTested, "; ")})
	}
	c := s.Counts()
	rows = append(rows, [2]string{"Hasil", fmt.Sprintf("%d sama, %d terjelaskan, %d tidak terjelaskan, %d tidak dapat dihitung",
		c[Agrees], c[Explained], c[Unexplained], c[NotComputed])})
	return rows
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// WriteCSV writes the sheet as CSV: the sheet's facts as two-cell rows,
// a blank row, then one row per figure (plain numbers, dot decimals).
func (s *Sheet) WriteCSV(w io.Writer) error {
	s.settle()
	cw := csvfile.NewWriter(w)
	for _, r := range s.info() {
		if err := cw.Write(r[:]); err != nil {
			return err
		}
	}
	cw.Write(nil)
	cw.Write(tableHeader)
	for i, l := range s.Lines {
		f := l.Figure
		cw.Write([]string{strconv.Itoa(i + 1), strconv.Itoa(f.Year), f.Region, l.RegionName, string(f.Indicator), f.Indicator.Unit(),
			num(roads.Percent(f.Value)), f.Source, published(f), strconv.Itoa(f.Line), num(l.Register), num(l.Difference), string(l.Status), l.ReasonText(),
			num(l.ExplainedPart), num(l.UnexplainedRest), num(l.Agreed.Value), l.Agreed.Definition})
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the sheet as a workbook for the forum: the facts, the
// table with a signature block, and every tested definition on a second
// sheet.
func (s *Sheet) WriteXLSX(w io.Writer) error {
	s.settle()
	f := excelize.NewFile()
	defer f.Close()
	const main, tested = "Rekonsiliasi", "Definisi diuji"
	f.SetSheetName("Sheet1", main)
	if _, err := f.NewSheet(tested); err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	numStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("#,##0.00##")})
	put := func(sheet string, row int, vals ...any) {
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			if p, ok := v.(roads.Percent); ok {
				if math.IsNaN(float64(p)) {
					continue
				}
				f.SetCellFloat(sheet, cell, float64(p), -1, 64)
				f.SetCellStyle(sheet, cell, cell, numStyle)
				continue
			}
			f.SetCellValue(sheet, cell, v)
		}
	}
	row := 1
	for _, r := range s.info() {
		put(main, row, r[0], r[1])
		cell, _ := excelize.CoordinatesToCellName(1, row)
		f.SetCellStyle(main, cell, cell, bold)
		row++
	}
	row++
	head := make([]any, len(tableHeader))
	for j, h := range tableHeader {
		head[j] = h
	}
	put(main, row, head...)
	a, _ := excelize.CoordinatesToCellName(1, row)
	b, _ := excelize.CoordinatesToCellName(len(tableHeader), row)
	f.SetCellStyle(main, a, b, bold)
	row++
	for i, l := range s.Lines {
		fg := l.Figure
		put(main, row, i+1, fg.Year, fg.Region, l.RegionName, fg.Indicator.Label(), fg.Indicator.Unit(), roads.Percent(fg.Value), fg.Source, published(fg), fg.Line,
			l.Register, l.Difference, l.Status.Label(), l.ReasonText(), l.ExplainedPart, l.UnexplainedRest, l.Agreed.Value, l.Agreed.Definition)
		row++
	}
	row++
	put(main, row, "Disepakati dalam Forum Satu Data pada tanggal: ____________________")
	row += 2
	put(main, row, "Walidata", "Produsen data (register)", "Produsen data pembanding", "Pembina data (BPS)")
	row += 4
	put(main, row, "(nama, NIP, tanda tangan)", "(nama, NIP, tanda tangan)", "(nama, NIP, tanda tangan)", "(nama, NIP, tanda tangan)")
	f.SetColWidth(main, "A", "A", 34)
	f.SetColWidth(main, "B", "L", 14)
	f.SetColWidth(main, "N", "N", 60)
	f.SetColWidth(main, "R", "R", 50)
	last, _ := excelize.CoordinatesToCellName(len(tableHeader), row)
	f.SetCellStyle(main, "N1", last, wrap)

	put(tested, 1, "no", "indikator", "tahun", "kode_wilayah", "nilai_lain", "definisi diuji", "nilai register menurut definisi itu", "cocok dalam pembulatan")
	f.SetCellStyle(tested, "A1", "H1", bold)
	f.SetColWidth(tested, "F", "F", 70)
	r := 2
	for i, l := range s.Lines {
		for _, c := range l.Tested {
			v := roads.Percent(math.NaN())
			if c.Value != nil {
				v = roads.Percent(*c.Value)
			}
			ok := "tidak"
			if c.Reproduces {
				ok = "YA"
			}
			put(tested, r, i+1, string(l.Figure.Indicator), l.Figure.Year, l.Figure.Region, roads.Percent(l.Figure.Value), c.Describe(), v, ok)
			r++
		}
	}
	return f.Write(w)
}

func ptr[T any](v T) *T { return &v }

// published is a figure's publication day as YYYY-MM-DD, or "".
func published(f Figure) string {
	if f.Published.IsZero() {
		return ""
	}
	return f.Published.Format("2006-01-02")
}

// TemplateCSV is the long format with its header (and the optional
// publication date) and example rows for a region and year, ";" between cells and Indonesian decimal commas, as
// an office's spreadsheet saves it.
func TemplateCSV(w io.Writer, region string, year int) error {
	if region == "" {
		region = "00.00"
	}
	_, err := fmt.Fprintf(w, "%s;%s\n%d;%s;panjang_jalan_km;229,14;km;BPS, Kota Dalam Angka %d, tabel 10.1.1;%d-02-28\n%d;%s;kemantapan_pct;78,52;%%;Bappeda, LKPJ %d;\n",
		strings.Join(Columns, ";"), DateColumn, year, region, year+1, year+1, year, region, year)
	return err
}

// TemplateXLSX is TemplateCSV as a workbook, with the indicators listed
// on a second sheet.
func TemplateXLSX(w io.Writer, region string, year int) error {
	if region == "" {
		region = "00.00"
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "angka")
	rows := [][]any{
		{"tahun", "kode_wilayah", "indikator", "nilai", "satuan", "sumber", DateColumn},
		{year, region, "panjang_jalan_km", 229.14, "km", fmt.Sprintf("BPS, Kota Dalam Angka %d, tabel 10.1.1", year+1), fmt.Sprintf("%d-02-28", year+1)},
		{year, region, "kemantapan_pct", 78.52, "%", fmt.Sprintf("Bappeda, LKPJ %d", year)},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("angka", cell, &r)
	}
	f.NewSheet("indikator")
	for i, ind := range Indicators {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("indikator", cell, &[]any{string(ind), ind.Label(), ind.Unit()})
	}
	return f.Write(w)
}
