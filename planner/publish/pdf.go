package publish

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Page geometry of the planning document, in mm. Every page keeps the same
// frame — title, note line, table header — so that the number of table
// rows a page holds is fixed and the page count follows from the data.
const (
	pageMargin  = 14.0
	titleTop    = 16.0 // baseline area of the section title
	titleH      = 9.0
	noteH       = 5.0
	tableTop    = titleTop + titleH + noteH + 2 // 32: where a page's table header starts
	tableHeadH  = 6.0
	rowH        = 5.0
	footerSpace = 16.0 // from the page bottom: footer line and page number
	fontBody    = 9.0  // pt
	fontTable   = 7.5  // pt
)

// Section is one part of the planning document and the pages it took.
type Section struct {
	Title     string
	FirstPage int // 1-based
	Pages     int
	Landscape bool
}

// pdfDoc draws the document: the fpdf handle, the cp1252 translator of the
// core fonts, and the sections drawn so far.
type pdfDoc struct {
	f        *fpdf.Fpdf
	tr       func(string) string
	src      *Source
	sections []Section
	note     string // the current section's note line, repeated on continuation pages
	demo     bool   // the register is the synthetic demo: say so on every page
}

// pdfSafe folds the few characters cp1252 lacks into ASCII look-alikes
// before translation (the translator would print "." for them).
var pdfSafe = strings.NewReplacer("≤", "<=", "≥", ">=", "Σ", "jumlah ", "→", "->", "≈", "~", "·", "·", "−", "-", "²", "²")

func newPDF(src *Source, title string) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{f: f, src: src, demo: synthetic(src)}
	d.tr = f.UnicodeTranslatorFromDescriptor("cp1252")
	f.SetCatalogSort(true)
	f.SetCreationDate(src.CreatedAt)
	f.SetModificationDate(src.CreatedAt)
	f.SetProducer(Generator, true)
	f.SetCreator(Generator, true)
	f.SetTitle(title, true)
	f.SetAuthor(src.Org.OPD, true)
	f.SetSubject(src.Identity(), true)
	f.SetMargins(pageMargin, pageMargin, pageMargin)
	f.SetAutoPageBreak(false, footerSpace)
	f.AliasNbPages("{nb}")
	f.SetHeaderFunc(d.pageHeader)
	f.SetFooterFunc(d.pageFooter)
	return d
}

// t translates text for the core fonts.
func (d *pdfDoc) t(s string) string { return d.tr(pdfSafe.Replace(s)) }

// width is the printable width of the current page.
func (d *pdfDoc) width() float64 {
	w, _ := d.f.GetPageSize()
	return w - 2*pageMargin
}

// bottom is the lowest y a table row may reach on the current page.
func (d *pdfDoc) bottom() float64 {
	_, h := d.f.GetPageSize()
	return h - footerSpace
}

// pageHeader draws the banners every page must carry: stale data, and
// synthetic (demo) data.
func (d *pdfDoc) pageHeader() {
	w, _ := d.f.GetPageSize()
	y := 4.0
	banner := func(text string, r, g, b int) {
		d.f.SetFillColor(r, g, b)
		d.f.SetTextColor(255, 255, 255)
		d.f.SetFont("Helvetica", "B", 8)
		d.f.SetXY(pageMargin, y)
		d.f.CellFormat(w-2*pageMargin, 4.5, d.t(text), "", 0, "C", true, 0, "")
		y += 5
	}
	if d.src.Stale {
		banner(StaleMark+" — register kini "+d.src.CurrentHash+", rencana dibuat dari "+d.src.SnapshotHash, 192, 0, 0)
	}
	if d.demo {
		banner("DATA SINTETIS (demo) — bukan data resmi", 90, 90, 90)
	}
	d.f.SetTextColor(0, 0, 0)
}

func (d *pdfDoc) pageFooter() {
	w, h := d.f.GetPageSize()
	d.f.SetDrawColor(150, 150, 150)
	d.f.SetLineWidth(0.2)
	d.f.Line(pageMargin, h-12, w-pageMargin, h-12)
	d.f.SetFont("Helvetica", "", 7)
	d.f.SetTextColor(80, 80, 80)
	d.f.SetXY(pageMargin, h-11)
	d.f.CellFormat(w-2*pageMargin-30, 4, d.t(d.src.Org.OPDShort+" · "+d.src.Identity()), "", 0, "L", false, 0, "")
	d.f.CellFormat(30, 4, fmt.Sprintf("Halaman %d/{nb}", d.f.PageNo()), "", 0, "R", false, 0, "")
	d.f.SetTextColor(0, 0, 0)
}

// section starts a section on a new page with its title and note line.
func (d *pdfDoc) section(title, note string, landscape bool) {
	orient := "P"
	if landscape {
		orient = "L"
	}
	d.f.AddPageFormat(orient, fpdf.SizeType{Wd: 210, Ht: 297})
	d.sections = append(d.sections, Section{Title: title, FirstPage: d.f.PageNo(), Landscape: landscape})
	d.f.Bookmark(d.t(title), 0, 0)
	d.note = note
	d.drawTitle(title)
}

// continued adds a page to the current section, repeating its title.
func (d *pdfDoc) continued() {
	s := d.sections[len(d.sections)-1]
	orient := "P"
	if s.Landscape {
		orient = "L"
	}
	d.f.AddPageFormat(orient, fpdf.SizeType{Wd: 210, Ht: 297})
	d.drawTitle(s.Title + " (lanjutan)")
}

func (d *pdfDoc) drawTitle(title string) {
	d.f.SetXY(pageMargin, titleTop)
	d.f.SetFont("Helvetica", "B", 14)
	d.f.CellFormat(d.width(), titleH, d.t(title), "", 1, "L", false, 0, "")
	d.f.SetFont("Helvetica", "I", 8)
	d.f.SetX(pageMargin)
	d.f.CellFormat(d.width(), noteH, d.t(d.note), "", 1, "L", false, 0, "")
	d.f.SetY(tableTop)
}

// finish closes the page counts of the sections.
func (d *pdfDoc) finish() []Section {
	total := d.f.PageNo()
	for i := range d.sections {
		next := total + 1
		if i+1 < len(d.sections) {
			next = d.sections[i+1].FirstPage
		}
		d.sections[i].Pages = next - d.sections[i].FirstPage
	}
	return d.sections
}

// para writes a wrapped paragraph at the current position.
func (d *pdfDoc) para(text string, size float64, style string) {
	d.f.SetFont("Helvetica", style, size)
	d.f.SetX(pageMargin)
	d.f.MultiCell(d.width(), size*0.45, d.t(text), "", "L", false)
}

// pairs writes label: value lines in two columns.
func (d *pdfDoc) pairs(rows [][2]string, labelW float64) {
	for _, r := range rows {
		d.f.SetX(pageMargin)
		d.f.SetFont("Helvetica", "B", fontBody)
		d.f.CellFormat(labelW, 5, d.t(r[0]), "", 0, "L", false, 0, "")
		d.f.SetFont("Helvetica", "", fontBody)
		d.f.MultiCell(d.width()-labelW, 5, d.t(r[1]), "", "L", false)
	}
}

// column is one table column: heading, width (mm) and alignment (L, C, R).
type column struct {
	head  string
	w     float64
	align string
}

// row is one table row; bold rows are subtotals.
type row struct {
	cells []string
	bold  bool
}

// rowsPerPage is how many rows a table page holds when the table starts
// at tableTop, for a page of height h (mm).
func rowsPerPage(h float64) int {
	return int((h - footerSpace - tableTop - tableHeadH) / rowH)
}

// table draws rows under a header from the current y, continuing on new
// pages of the same section (title and header repeated) when a row would
// pass the bottom. Cells are one line: text longer than its column is cut
// with "…", so every row has the same height and the page count follows
// from the row count.
func (d *pdfDoc) table(cols []column, rows []row) {
	head := func() {
		d.f.SetFont("Helvetica", "B", fontTable)
		d.f.SetFillColor(217, 225, 242)
		d.f.SetDrawColor(150, 150, 150)
		d.f.SetLineWidth(0.2)
		d.f.SetX(pageMargin)
		for _, c := range cols {
			d.f.CellFormat(c.w, tableHeadH, d.fit(c.head, c.w), "1", 0, "C", true, 0, "")
		}
		d.f.Ln(tableHeadH)
	}
	head()
	for _, r := range rows {
		if d.f.GetY()+rowH > d.bottom() {
			d.continued()
			head()
		}
		style := ""
		if r.bold {
			style = "B"
			d.f.SetFillColor(255, 242, 204)
		}
		d.f.SetFont("Helvetica", style, fontTable)
		d.f.SetX(pageMargin)
		for i, c := range cols {
			text := ""
			if i < len(r.cells) {
				text = r.cells[i]
			}
			d.f.CellFormat(c.w, rowH, d.fit(text, c.w), "1", 0, c.align, r.bold, 0, "")
		}
		d.f.Ln(rowH)
	}
}

// fit translates s and cuts it with an ellipsis to fit width w (mm) in the
// current font, leaving the cell's inner margins.
func (d *pdfDoc) fit(s string, w float64) string {
	t := d.t(s)
	avail := w - 2*1.0
	if d.f.GetStringWidth(t) <= avail {
		return t
	}
	ell := d.t("…")
	for len(t) > 0 && d.f.GetStringWidth(t+ell) > avail {
		t = t[:len(t)-1]
	}
	return t + ell
}
