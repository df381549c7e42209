package publish

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// book is an XLSX workbook being written: the file, its styles, and a
// cursor row on the current sheet. Cells are written as values (numbers
// as numbers), never formulas, so that any reader — excelize, LibreOffice,
// a script — sees the same figures without recalculating.
type book struct {
	f     *excelize.File
	sheet string
	row   int
	st    styles
	// labelCols is how many columns the header block's labels span.
	labelCols int
	err       error
}

type styles struct {
	title, bold, head, group, sub, total, stale, wrap, km, rp, pct, kmBold, rpBold, pctBold int
}

// newBook starts a workbook whose metadata are fixed by the source (the
// plan's creation time, not the clock) so the bytes are reproducible.
func newBook(src *Source, title, firstSheet string) (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f, sheet: firstSheet, row: 1, labelCols: 1}
	if err := f.SetSheetName("Sheet1", firstSheet); err != nil {
		return nil, err
	}
	at := src.CreatedAt.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: src.Identity(), Creator: Generator, LastModifiedBy: Generator,
		Created: at, Modified: at, Language: "id-ID",
		Description: src.Org.OPD + "; " + src.Identity(),
	}); err != nil {
		return nil, err
	}
	mk := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil && b.err == nil {
			b.err = err
		}
		return id
	}
	kmFmt, rpFmt, pctFmt := "#,##0.000", "#,##0", "0.00"
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	b.st = styles{
		title:   mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		bold:    mk(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		head:    mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("D9E1F2"), Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}}),
		group:   mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("EDEDED")}),
		sub:     mk(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		total:   mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("FFF2CC")}),
		stale:   mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("C00000")}),
		wrap:    mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		km:      mk(&excelize.Style{CustomNumFmt: &kmFmt}),
		rp:      mk(&excelize.Style{CustomNumFmt: &rpFmt}),
		pct:     mk(&excelize.Style{CustomNumFmt: &pctFmt}),
		kmBold:  mk(&excelize.Style{CustomNumFmt: &kmFmt, Font: &excelize.Font{Bold: true}, Fill: fill("FFF2CC")}),
		rpBold:  mk(&excelize.Style{CustomNumFmt: &rpFmt, Font: &excelize.Font{Bold: true}, Fill: fill("FFF2CC")}),
		pctBold: mk(&excelize.Style{CustomNumFmt: &pctFmt, Font: &excelize.Font{Bold: true}, Fill: fill("FFF2CC")}),
	}
	return b, b.err
}

// addSheet starts a new sheet and moves the cursor to its first row.
func (b *book) addSheet(name string) {
	if b.err != nil {
		return
	}
	if _, err := b.f.NewSheet(name); err != nil {
		b.err = err
		return
	}
	b.sheet, b.row = name, 1
}

// cell names column col (1-based) of the cursor row.
func (b *book) cell(col int) string {
	c, _ := excelize.CoordinatesToCellName(col, b.row)
	return c
}

// put writes values into the cursor row from column 1 and advances.
// A float64 or int is a number; everything else is text.
func (b *book) put(vals ...any) {
	b.putAt(1, vals...)
	b.row++
}

// putAt writes values into the cursor row from column col without advancing.
func (b *book) putAt(col int, vals ...any) {
	if b.err != nil {
		return
	}
	for i, v := range vals {
		if v == nil {
			continue
		}
		if err := b.f.SetCellValue(b.sheet, b.cell(col+i), v); err != nil {
			b.err = err
			return
		}
	}
}

// style applies a style to columns from..to of the cursor row.
func (b *book) style(from, to, id int) {
	if b.err != nil {
		return
	}
	b.err = b.f.SetCellStyle(b.sheet, b.cell(from), b.cell(to), id)
}

// styleRow applies a style to columns from..to of row r.
func (b *book) styleRow(r, from, to, id int) {
	saved := b.row
	b.row = r
	b.style(from, to, id)
	b.row = saved
}

// widths sets column widths in characters, from column A.
func (b *book) widths(w ...float64) {
	for i, v := range w {
		if b.err != nil {
			return
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
		b.err = b.f.SetColWidth(b.sheet, c, c, v)
	}
}

// header writes the label/value block every workbook opens with: who,
// which plan, which data, and the stale mark when it applies.
func (b *book) header(src *Source, title string, extra [][2]string) {
	b.put(title)
	b.style(1, 1, b.st.title)
	b.row++
	rows := [][2]string{
		{"Kode Pemda", src.Org.Kodepemda},
		{"Pemerintah Daerah", src.Org.Pemda},
		{"OPD", src.Org.OPD},
	}
	rows = append(rows, extra...)
	rows = append(rows,
		[2]string{"Rencana (plan run)", fmt.Sprintf("#%d, dibuat %s%s, metode %s", src.RunID, tanggal(src.CreatedAt), by(src.CreatedBy), src.Result.Method.Label)},
		[2]string{"Snapshot data", src.SnapshotHash},
		[2]string{"Status data", src.DataStatus()},
	)
	// Labels span the first labelCols columns and values the next eight,
	// so the block reads well whatever widths the table below sets.
	vc := b.labelCols + 1
	for _, r := range rows {
		b.putAt(1, r[0])
		b.putAt(vc, r[1])
		if b.labelCols > 1 {
			b.merge(1, b.labelCols)
		}
		b.merge(vc, vc+7)
		b.style(1, 1, b.st.bold)
		if r[0] == "Status data" && src.Stale {
			b.style(vc, vc, b.st.stale)
			b.putAt(vc+8, "Register diubah setelah rencana dibuat (snapshot kini "+src.CurrentHash+"); buat rencana baru sebelum dikirim.")
		}
		b.row++
	}
	b.row++
}

// merge merges columns from..to of the cursor row.
func (b *book) merge(from, to int) {
	if b.err != nil {
		return
	}
	b.err = b.f.MergeCell(b.sheet, b.cell(from), b.cell(to))
}

func by(user string) string {
	if user == "" {
		return ""
	}
	return " oleh " + user
}

// write finishes the workbook into w.
func (b *book) write(w io.Writer) error {
	if b.err != nil {
		return b.err
	}
	if idx, err := b.f.GetSheetIndex(b.f.GetSheetName(0)); err == nil {
		b.f.SetActiveSheet(idx)
	}
	return b.f.Write(w)
}
