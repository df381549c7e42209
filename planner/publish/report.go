package publish

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

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
	Src          *Source
	Nomenclature string
	Baseline     Figures
	Years        []ReportYear
	Usulan       []*Usulan // one per plan year, same as `ruas export sipd`
	Series       []Series  // kemantapan per scenario
	Priority     []planner.Work
	// Sections is filled by WritePDF with the pages each section took.
	Sections []Section
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
	r := &Report{Src: src, Nomenclature: res.Input.Nomenclature}
	if r.Nomenclature == "" {
		r.Nomenclature = "2024"
	}
	var err error
	if r.Baseline, err = src.Figures(src.BaselineYear()); err != nil {
		return nil, err
	}
	for _, yr := range res.Plan {
		u, err := SIPD(src, yr.Year, r.Nomenclature, "")
		if err != nil {
			return nil, err
		}
		r.Usulan = append(r.Usulan, u)
		r.Years = append(r.Years, ReportYear{
			Year: yr.Year, BudgetRp: yr.BudgetRp, UsulanRp: u.Rp, Committed: yr.CommittedRp, Locations: u.locations(),
			Km: u.Km, Kemantapan: yr.Kemantapan, BacklogKm: yr.Backlog.LengthKm,
		})
		r.Priority = append(r.Priority, yr.Works...)
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
	d.f.SetFont("Helvetica", "B", 12)
	d.f.SetX(pageMargin)
	d.f.MultiCell(d.width(), 6, d.t(title), "", "L", false)
	d.f.Ln(2)
	d.pairs([][2]string{
		{"Pemerintah daerah", src.Org.Pemda + " (kode pemda " + src.Org.Kodepemda + ")"},
		{"OPD", src.Org.OPD},
		{"Rencana", fmt.Sprintf("#%d, dibuat %s%s", src.RunID, tanggal(src.CreatedAt), by(src.CreatedBy))},
		{"Metode", res.Method.Label},
		{"Horizon", fmt.Sprintf("%d–%d (%d tahun); kondisi awal dari survei terakhir s.d. %d", src.FromYear(), src.LastYear(), len(res.Plan), src.baselineSurveyYear())},
		{"Nomenklatur", r.Nomenclature + " — " + r.Usulan[0].Decree},
		{"Snapshot data", src.SnapshotHash},
		{"Status data", src.DataStatus()},
	}, 38)
	d.f.Ln(3)
	last := r.Years[len(r.Years)-1]
	var budget, usulan, km float64
	var locs int
	for _, y := range r.Years {
		budget += y.BudgetRp
		usulan += y.UsulanRp
		km += y.Km
		locs += y.Locations
	}
	boxes := [][2]string{
		{"Panjang jaringan", km2(r.Baseline.NetworkKm) + " km"},
		{"Jumlah ruas", strconv.Itoa(len(src.Net.Ruas))},
		{fmt.Sprintf("Kemantapan %d", src.BaselineYear()), pct(r.Baseline.Kemantapan) + " %"},
		{fmt.Sprintf("Kemantapan %d", last.Year), pct(last.Kemantapan) + " %"},
		{"Total usulan", rupiah(usulan)},
		{"Panjang ditangani", km3(km) + " km"},
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
	cols := []column{{"Tahun", 12, "C"}, {"Anggaran (Rp)", 30, "R"}, {"Usulan (Rp)", 30, "R"}, {"Berkontrak (Rp)", 26, "R"},
		{"Lokasi", 12, "R"}, {"Ditangani (km)", 22, "R"}, {"Kemantapan (%)", 26, "R"}, {"Backlog (km)", 24, "R"}}
	var rows []row
	for _, y := range r.Years {
		rows = append(rows, row{cells: []string{strconv.Itoa(y.Year), grouped(y.BudgetRp, 0), grouped(y.UsulanRp, 0), grouped(y.Committed, 0),
			strconv.Itoa(y.Locations), km3(y.Km), pct(y.Kemantapan), km2(y.BacklogKm)}})
	}
	rows = append(rows, row{bold: true, cells: []string{"Jumlah", grouped(budget, 0), grouped(usulan, 0), "", strconv.Itoa(locs), km3(km), "", ""}})
	d.table(cols, rows)
	d.f.Ln(3)
	if mb := res.MinBudget; mb != nil {
		text := fmt.Sprintf("Anggaran minimum untuk kemantapan %s %% pada %d: ", pct(mb.Target.Pct), mb.Target.Year)
		if mb.Feasible {
			text += rupiah(mb.AnnualRp) + " per tahun (tercapai " + pct(mb.Achieved) + " %)."
		} else {
			text += "tidak tercapai dalam batas pencarian. " + mb.Note
		}
		d.para(text, fontBody, "")
	}
	d.para("Angka per tahun sama dengan berkas usulan SIPD (ruas export sipd) dan e-Walidata (ruas export walidata) dari rencana yang sama; "+
		"kemantapan = (km Baik + km Sedang) / km yang kondisinya diketahui × 100.", 8, "I")
	if d.demo {
		d.para("Jaringan ini adalah DATA SINTETIS untuk demonstrasi, bukan data resmi Pemerintah "+src.Org.Pemda+".", 8, "B")
	}
}

func (r *Report) subKegiatan(d *pdfDoc) {
	d.section(SecSubKeg, "Nomenklatur "+r.Nomenclature+"; volume dalam KM, pagu indikatif dalam Rupiah; sama dengan berkas usulan SIPD per tahun.", false)
	cols := []column{{"Tahun", 13, "C"}, {"Kode Sub Kegiatan", 32, "L"}, {"Sub Kegiatan", 52, "L"}, {"Lokasi", 14, "R"},
		{"Volume (KM)", 24, "R"}, {"Pagu Indikatif (Rp)", 47, "R"}}
	var rows []row
	for _, u := range r.Usulan {
		for _, g := range u.Groups {
			rows = append(rows, row{cells: []string{strconv.Itoa(u.Year), g.SubKegiatan.Code, g.SubKegiatan.Name, strconv.Itoa(len(g.Rows)), km3(g.Km), grouped(g.Rp, 0)}})
		}
		rows = append(rows, row{bold: true, cells: []string{strconv.Itoa(u.Year), "", "Jumlah " + strconv.Itoa(u.Year), strconv.Itoa(u.locations()), km3(u.Km), grouped(u.Rp, 0)}})
	}
	d.table(cols, rows)
}

// PriorityRowsPerPage is how many works one page of the priority list holds.
func PriorityRowsPerPage() int { return rowsPerPage(210) }

func (r *Report) priority(d *pdfDoc) {
	d.section(SecPriority, "Urut tahun dan peringkat; kondisi pada awal tahun penanganan; justifikasi lengkap per lokasi ada di berkas usulan SIPD.", true)
	cols := []column{{"Tahun", 11, "C"}, {"Prk", 9, "R"}, {"Ruas", 12, "C"}, {"Nama Ruas", 44, "L"}, {"STA", 25, "C"},
		{"Kecamatan", 25, "L"}, {"Penanganan", 34, "L"}, {"Sub Kegiatan", 28, "L"}, {"Kondisi", 18, "L"}, {"Survei", 16, "C"},
		{"Km", 14, "R"}, {"Biaya (Rp)", 29, "R"}}
	rows := make([]row, 0, len(r.Priority))
	for _, w := range r.Priority {
		no := w.RuasKey
		if k, err := roads.ParseKey(w.RuasKey); err == nil {
			no = k.No
		}
		code := ""
		if sk, err := subKegiatanOf(w, r.Nomenclature); err == nil {
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
		rows = append(rows, row{cells: []string{strconv.Itoa(w.Year), strconv.Itoa(w.Rank), no, w.RuasName,
			roads.FormatSTA(w.StaFromM) + "–" + roads.FormatSTA(w.StaToM), w.Kecamatan, label, code,
			w.Evidence.Kondisi.Label(), survey, km3(round(w.LengthKm, kmDecimals)), grouped(round(w.CostRp, 0), 0)}})
	}
	if len(rows) == 0 {
		rows = append(rows, row{cells: []string{"", "", "", "Tidak ada penanganan yang didanai dalam rencana ini."}})
	}
	d.table(cols, rows)
}

// km2 and km3 write km values (already in km) with 2 or 3 decimals.
func km2(v float64) string { return grouped(v, 2) }
func km3(v float64) string { return grouped(v, 3) }
