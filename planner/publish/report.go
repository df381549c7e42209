package publish

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// The sections of the planning document, in order. Each starts on a new
// page; the tables of sections 4–6 continue on as many pages as they need.
const (
	SecSummary  = "1. Ringkasan"
	SecMap      = "2. Peta Kondisi Jaringan Jalan"
	SecChart    = "3. Proyeksi Kemantapan per Skenario"
	SecSubKeg   = "4. Rekap Usulan per Sub Kegiatan"
	SecPriority = "5. Daftar Prioritas Penanganan"
	SecMethod   = "6. Metode dan Bukti"
	SecSources  = "7. Sumber Data dan Tanggal"
)

// SectionTitles lists the sections in document order.
var SectionTitles = []string{SecSummary, SecMap, SecChart, SecSubKeg, SecPriority, SecMethod, SecSources}

// Report is the planning document's content, computed before it is drawn
// so that its figures can be checked against the plan and the other
// exports: per-year totals and sub-kegiatan blocks are the SIPD usulan of
// each plan year, kemantapan the plan's own.
type Report struct {
	Src      *Source
	Baseline Figures
	Years    []ReportYear
	Usulan   []*Usulan // one per plan year, same as `ruas export sipd`
	Series   []Series  // kemantapan per scenario
	Priority []planner.Work
	// Sections is filled by WritePDF with the pages each section took.
	Sections []Section

	pagu map[paguKey]float64 // usulan pagu of each package
}

type paguKey struct {
	year    int
	pkg     string
	ruas    string
	staFrom float64
}

// Pagu is the usulan's pagu of a package of the priority list.
func (r *Report) Pagu(w planner.Work) float64 {
	return r.pagu[paguKey{w.Year, w.Package, w.RuasKey, w.StaFromM}]
}

// ReportYear is one plan year in the summary table.
type ReportYear struct {
	Year       int
	BudgetRp   float64
	UsulanRp   float64 // sum of the usulan's rounded rows
	Committed  float64
	Locations  int
	Km         float64
	Kemantapan float64 // % at the end of the year, after its works
	BacklogKm  float64
	Backlog    planner.Backlog // needs not funded at the end of the year
	// CapitalKm is the length of the year's capital packages; RoutineKm the
	// mantap length under routine care (the same roads every year, so
	// never summed across years).
	CapitalKm float64
	RoutineKm float64
	Packages  int
}

// Series is one line of the kemantapan chart: baseline then plan years.
type Series struct {
	Name   string
	Years  []int
	Values []float64 // %
	Plan   bool      // the programme this document proposes
}

// NewReport gathers the document's content from a source.
func NewReport(src *Source) (*Report, error) {
	res := src.Result
	r := &Report{Src: src, pagu: map[paguKey]float64{}}
	r.Baseline = src.planBaseline()
	for _, yr := range res.Plan {
		u, err := SIPD(src, yr.Year, "", "")
		if err != nil {
			return nil, err
		}
		r.Usulan = append(r.Usulan, u)
		r.Years = append(r.Years, ReportYear{
			Year: yr.Year, BudgetRp: yr.BudgetRp, UsulanRp: u.Rp, Committed: yr.CommittedRp, Locations: u.locations(),
			Km: u.Km, Kemantapan: yr.Kemantapan, BacklogKm: yr.Backlog.LengthKm, Backlog: yr.Backlog,
		})
		y := &r.Years[len(r.Years)-1]
		for _, w := range yr.Works {
			if w.Routine || w.WorksType == roads.Rutin {
				y.RoutineKm += round(w.LengthKm, kmDecimals)
				continue
			}
			y.CapitalKm += round(w.LengthKm, kmDecimals)
			y.Packages++
			r.Priority = append(r.Priority, w)
		}
		for _, g := range u.Groups {
			for _, row := range g.Rows {
				if row.Kind == RowPaket {
					r.pagu[paguKey{yr.Year, row.Package, row.RuasKey, row.StaFromM}] = row.Rp
				}
			}
		}
	}
	sort.SliceStable(r.Priority, func(a, b int) bool {
		if r.Priority[a].Year != r.Priority[b].Year {
			return r.Priority[a].Year < r.Priority[b].Year
		}
		return r.Priority[a].Rank < r.Priority[b].Rank
	})
	base := src.BaselineYear()
	plan := Series{Name: "Rencana (" + res.Method.Label + ")", Plan: true, Years: []int{base}, Values: []float64{float64(res.Baseline.Kemantapan)}}
	for _, yr := range res.Plan {
		plan.Years = append(plan.Years, yr.Year)
		plan.Values = append(plan.Values, yr.Kemantapan)
	}
	r.Series = append(r.Series, plan)
	scen := func(name string, s planner.Scenario) Series {
		out := Series{Name: name, Years: []int{base}, Values: []float64{float64(res.Baseline.Kemantapan)}}
		for _, y := range s.Years {
			out.Years = append(out.Years, y.Year)
			out.Values = append(out.Values, y.Kemantapan)
		}
		return out
	}
	if len(res.DoNothing.Years) > 0 {
		r.Series = append(r.Series, scen("Tanpa penanganan", res.DoNothing))
	}
	for _, s := range res.Scenarios {
		sr := scen(scenarioName(s), s)
		if !sameValues(sr.Values, plan.Values) {
			r.Series = append(r.Series, sr)
		}
	}
	return r, nil
}

// scenarioName names a scenario by its budget when the planner gave no name.
func scenarioName(s planner.Scenario) string {
	if s.Name != "" {
		return s.Name
	}
	if len(s.BudgetsRp) > 0 {
		return "Anggaran " + rupiah(s.BudgetsRp[0]) + "/tahun"
	}
	return "Skenario"
}

func sameValues(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

// WritePDF draws the document into w and records the pages of each
// section in r.Sections.
func (r *Report) WritePDF(w io.Writer) error {
	src := r.Src
	title := fmt.Sprintf("Rencana Penanganan Jalan %s %d–%d", src.Org.Pemda, src.FromYear(), src.LastYear())
	d := newPDF(src, title)
	r.summary(d, title)
	r.drawMap(d)
	r.drawChart(d)
	r.subKegiatan(d)
	r.priority(d)
	r.method(d)
	r.sources(d)
	r.Sections = d.finish()
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("planning document: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func (r *Report) summary(d *pdfDoc, title string) {
	src, res := r.Src, r.Src.Result
	d.section(SecSummary, "Lampiran Renja "+src.Org.OPD, false)
	r.kop(d)
	d.f.SetFont("Helvetica", "B", 12)
	d.f.SetX(pageMargin)
	d.f.MultiCell(d.width(), 6, d.t(title), "", "C", false)
	d.f.Ln(2)
	d.pairs([][2]string{
		{"Pemerintah daerah", src.Org.Pemda + " (kode pemda " + src.Org.Kodepemda + ")"},
		{"OPD", opdLine(src.Org)},
		{"Rencana", fmt.Sprintf("#%d, dibuat %s%s", src.RunID, tanggal(src.CreatedAt), by(src.CreatedBy))},
		{"Metode", res.Method.Label},
		{"Horizon", fmt.Sprintf("%d–%d (%d tahun); kondisi awal dari survei terakhir s.d. %d", src.FromYear(), src.LastYear(), len(res.Plan), src.baselineSurveyYear())},
		{"Kode sub kegiatan", r.decrees()},
		{"Snapshot data", src.SnapshotHash},
		{"Status data", src.DataStatus()},
	}, 38)
	d.f.Ln(3)
	last := r.Years[len(r.Years)-1]
	var budget, usulan, capital, routineMax float64
	var packages int
	for _, y := range r.Years {
		budget += y.BudgetRp
		usulan += y.UsulanRp
		capital += y.CapitalKm
		packages += y.Packages
		routineMax = math.Max(routineMax, y.RoutineKm)
	}
	boxes := [][2]string{
		{"Panjang jaringan", km2(r.Baseline.NetworkKm) + " km"},
		{"Jumlah ruas", strconv.Itoa(len(src.Net.Ruas))},
		{fmt.Sprintf("Kemantapan %d", src.BaselineYear()), pct(r.Baseline.Kemantapan) + " %"},
		{fmt.Sprintf("Kemantapan %d", last.Year), pct(last.Kemantapan) + " %"},
		{"Total usulan", rupiah(usulan)},
		{fmt.Sprintf("Paket modal (%d paket)", packages), km3(capital) + " km"},
	}
	bw := d.width() / 3
	y0 := d.f.GetY()
	for i, b := range boxes {
		x, y := pageMargin+float64(i%3)*bw, y0+float64(i/3)*16
		d.f.SetDrawColor(150, 150, 150)
		d.f.Rect(x+1, y, bw-2, 14, "D")
		d.f.SetXY(x+2, y+1)
		d.f.SetFont("Helvetica", "", 8)
		d.f.CellFormat(bw-4, 4, d.t(b[0]), "", 2, "L", false, 0, "")
		d.f.SetX(x + 2)
		d.f.SetFont("Helvetica", "B", 12)
		d.f.CellFormat(bw-4, 7, d.t(b[1]), "", 0, "L", false, 0, "")
	}
	d.f.SetY(y0 + 34)
	cols := []column{{"Tahun", 12, "C"}, {"Anggaran (Rp)", 28, "R"}, {"Usulan (Rp)", 28, "R"}, {"Berkontrak (Rp)", 25, "R"},
		{"Paket", 12, "R"}, {"Modal (km)", 19, "R"}, {"Rutin (km)", 19, "R"}, {"Kemantapan (%)", 23, "R"}, {"Backlog (km)", 20, "R"}}
	var rows []row
	for _, y := range r.Years {
		rows = append(rows, row{cells: []string{strconv.Itoa(y.Year), grouped(y.BudgetRp, 0), grouped(y.UsulanRp, 0), grouped(y.Committed, 0),
			strconv.Itoa(y.Packages), km3(y.CapitalKm), km3(y.RoutineKm), pct(y.Kemantapan), km2(y.BacklogKm)}})
	}
	rows = append(rows, row{bold: true, cells: []string{"Jumlah", grouped(budget, 0), grouped(usulan, 0), "", strconv.Itoa(packages), km3(capital), "", "", ""}})
	d.table(cols, rows)
	if usulan > budget+0.5 && r.Usulan[0].Costed {
		d.para(fmt.Sprintf("Jumlah usulan melebihi anggaran rencana sebesar %s: pemeliharaan rutin dan pekerjaan berkontrak atau wajib suatu tahun melebihi pagunya "+
			"(catatan rencana menyebut tahunnya); pekerjaan baru tidak diusulkan pada tahun itu.", rupiah(usulan-budget)), fontBody, "B")
	} else if usulan > budget+0.5 {
		d.para(fmt.Sprintf("Jumlah usulan melebihi anggaran rencana sebesar %s: rencana memilih pekerjaan dengan harga satuan tahun %d dalam batas anggaran, "+
			"usulan menaikkan harga ke tahun anggaran dan menambah perencanaan teknis dan pengawasan (rincian per tahun di bagian 4).",
			rupiah(usulan-budget), r.Usulan[0].PriceYear), fontBody, "B")
	}
	d.para("Km rutin adalah jalan mantap yang dipelihara rutin pada tahun itu; jalan yang sama dipelihara setiap tahun, jadi km rutin tidak dijumlahkan antartahun.", 8, "I")
	d.f.Ln(2)
	if mb := res.MinBudget; mb != nil {
		text := fmt.Sprintf("Anggaran minimum untuk kemantapan %s %% pada %d: ", pct(mb.Target.Pct), mb.Target.Year)
		if mb.Feasible {
			text += rupiah(mb.AnnualRp) + " per tahun (tercapai " + pct(mb.Achieved) + " %)."
		} else {
			text += "tidak tercapai dalam batas pencarian."
		}
		d.para(text, fontBody, "")
	}
	// The backlog: needs the programme leaves unfunded.
	d.f.SetX(pageMargin)
	d.f.SetFont("Helvetica", "B", fontBody)
	d.f.CellFormat(d.width(), 6, d.t("Kebutuhan penanganan yang belum terdanai (backlog) pada akhir tahun"), "", 1, "L", false, 0, "")
	var brows []row
	for _, y := range r.Years {
		brows = append(brows, row{cells: []string{strconv.Itoa(y.Year), strconv.Itoa(y.Backlog.Sections), km3(y.Backlog.LengthKm), grouped(y.Backlog.CostRp, 0)}})
	}
	d.table([]column{{"Tahun", 16, "C"}, {"Seksi", 20, "R"}, {"Panjang (km)", 30, "R"}, {"Perkiraan biaya (Rp)", 40, "R"}}, brows)
	d.para("Angka per tahun sama dengan berkas usulan SIPD dan e-Walidata dari rencana yang sama; "+
		"kemantapan = (km Baik + km Sedang) / km yang kondisinya diketahui × 100.", 8, "I")
	if d.demo {
		d.para("Jaringan ini adalah DATA SINTETIS untuk demonstrasi, bukan data resmi Pemerintah "+src.Org.Pemda+".", 8, "B")
	}
	r.pengesahan(d)
}

// opdLine is the OPD with its SIPD code when the office gave one.
func opdLine(o Org) string {
	if o.OPDCode != "" {
		return o.OPD + " (kode " + o.OPDCode + ")"
	}
	return o.OPD
}

// kop is the letterhead: the pemda and the office, from the office settings.
func (r *Report) kop(d *pdfDoc) {
	o := r.Src.Org
	d.f.SetX(pageMargin)
	d.f.SetFont("Helvetica", "B", 12)
	d.f.CellFormat(d.width(), 6, d.t(strings.ToUpper("Pemerintah "+o.Pemda)), "", 1, "C", false, 0, "")
	d.f.SetX(pageMargin)
	d.f.SetFont("Helvetica", "B", 13)
	d.f.MultiCell(d.width(), 6, d.t(strings.ToUpper(o.OPD)), "", "C", false)
	y := d.f.GetY() + 1
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetLineWidth(0.6)
	d.f.Line(pageMargin, y, pageMargin+d.width(), y)
	d.f.SetLineWidth(0.2)
	d.f.Line(pageMargin, y+1, pageMargin+d.width(), y+1)
	d.f.SetY(y + 4)
}

// pengesahan is the signature block: the head of the office signs; name
// and NIP are left as lines to fill (the office settings hold no names).
func (r *Report) pengesahan(d *pdfDoc) {
	o := r.Src.Org
	x := pageMargin + d.width()*0.55
	w := d.width() * 0.45
	d.f.Ln(4)
	line := func(s string, style string) {
		d.f.SetX(x)
		d.f.SetFont("Helvetica", style, fontBody)
		d.f.MultiCell(w, 5, d.t(s), "", "C", false)
	}
	line("Disahkan di ........................, tanggal ....................", "")
	line("KEPALA "+strings.ToUpper(o.OPDShort), "B")
	d.f.Ln(16)
	line("(........................................................)", "B")
	line("NIP ...................................................", "")
}

func (r *Report) subKegiatan(d *pdfDoc) {
	d.section(SecSubKeg, "Kode sub kegiatan menurut tahun anggaran; volume dalam KM, pagu dalam Rupiah; sama dengan berkas usulan SIPD per tahun.", false)
	cols := []column{{"Tahun", 13, "C"}, {"Kode Sub Kegiatan", 32, "L"}, {"Sub Kegiatan", 52, "L"}, {"Baris", 14, "R"},
		{"Volume (KM)", 24, "R"}, {"Pagu (Rp)", 47, "R"}}
	var rows []row
	for _, u := range r.Usulan {
		for _, g := range u.Groups {
			rows = append(rows, row{cells: []string{strconv.Itoa(u.Year), g.SubKegiatan.Code, g.SubKegiatan.Name, strconv.Itoa(len(g.Rows)), km3(g.Km), grouped(g.Rp, 0)}})
		}
		rows = append(rows, row{bold: true, cells: []string{strconv.Itoa(u.Year), "", "Jumlah " + strconv.Itoa(u.Year), strconv.Itoa(u.locations()), km3(u.Km), grouped(u.Rp, 0)}})
	}
	d.table(cols, rows)
	d.f.Ln(3)
	d.f.SetX(pageMargin)
	d.f.SetFont("Helvetica", "B", fontBody)
	d.f.CellFormat(d.width(), 6, d.t("Dari belanja rencana ke jumlah usulan"), "", 1, "L", false, 0, "")
	var recon []row
	for _, u := range r.Usulan {
		for i, l := range u.Reconciliation() {
			recon = append(recon, row{bold: i == len(u.Reconciliation())-1, cells: []string{strconv.Itoa(u.Year), l.Label, grouped(l.Rp, 0)}})
		}
	}
	d.table([]column{{"Tahun", 13, "C"}, {"Uraian", 125, "L"}, {"Rp", 44, "R"}}, recon)
}

// PriorityRowsPerPage is how many works one page of the priority list holds.
func PriorityRowsPerPage() int { return rowsPerPage(210) }

func (r *Report) priority(d *pdfDoc) {
	d.section(SecPriority, "Satu baris per paket pekerjaan modal, urut tahun dan peringkat; kondisi pada awal tahun penanganan; pagu sama dengan berkas usulan SIPD (pemeliharaan rutin per kecamatan ada di berkas itu).", true)
	cols := []column{{"Tahun", 11, "C"}, {"Paket", 17, "C"}, {"Ruas", 11, "C"}, {"Nama Ruas", 40, "L"}, {"STA", 25, "C"},
		{"Kecamatan", 24, "L"}, {"Penanganan", 30, "L"}, {"Sub Kegiatan", 28, "L"}, {"Kondisi", 18, "L"}, {"Survei", 16, "C"},
		{"Km", 13, "R"}, {"Pagu (Rp)", 27, "R"}}
	rows := make([]row, 0, len(r.Priority))
	for _, w := range r.Priority {
		no := w.RuasKey
		if k, err := roads.ParseKey(w.RuasKey); err == nil {
			no = k.No
		}
		code := ""
		if sk, ok := codeOf(w.WorksType, w.Year); ok {
			code = sk.Code
		}
		survey := ""
		if t, err := parseDay(w.Evidence.SurveyDate); err == nil {
			survey = tanggal(t)
		}
		label := w.TreatmentLabel
		if w.Committed {
			label += " (kontrak)"
		}
		rows = append(rows, row{cells: []string{strconv.Itoa(w.Year), w.Package, no, w.RuasName,
			roads.FormatSTA(w.StaFromM) + "–" + roads.FormatSTA(w.StaToM), w.Kecamatan, label, code,
			w.Evidence.Kondisi.Label(), survey, km3(round(w.LengthKm, kmDecimals)), grouped(r.Pagu(w), 0)}})
	}
	if len(rows) == 0 {
		rows = append(rows, row{cells: []string{"", "", "", "Tidak ada penanganan yang didanai dalam rencana ini."}})
	}
	d.table(cols, rows)
}

// km2 and km3 write km values (already in km) with 2 or 3 decimals.
func km2(v float64) string { return grouped(v, 2) }
func km3(v float64) string { return grouped(v, 3) }
