package publish

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"

	"github.com/kotablitar/ruas/roads/locale"
)

func (r *Report) method(d *pdfDoc) {
	src, res := r.Src, r.Src.Result
	d.section(SecMethod, "Setiap angka rencana dapat ditelusuri: versi tabel aturan dan biaya, parameter model kerusakan, dan snapshot data.", false)
	in := res.Input
	budget := "sama setiap tahun"
	if len(in.BudgetsRp) > 1 {
		budget = "per tahun sesuai tabel ringkasan"
	}
	calib := "dikalibrasi dari riwayat survei daerah sendiri (kembali ke nilai tabel bila data sedikit)"
	if in.NoCalibrate {
		calib = "nilai tabel (tanpa kalibrasi)"
	}
	aware := "tidak memperhitungkan anggaran (urutan saja, dipotong pada batas anggaran)"
	if res.Method.Budgeted {
		aware = "memperhitungkan anggaran"
	}
	d.pairs([][2]string{
		{"Metode", res.Method.Label + " — " + aware},
		{"Sumber metode", res.Method.Source},
		{"Manfaat", res.Benefit},
		{"Seksi", fmt.Sprintf("%s (%d seksi, %s km)", res.SectionRule, res.Sections, km2(res.NetworkKm))},
		{"Anggaran", budget},
		{"Model kerusakan", calib},
		{"Tabel kondisi", in.Tables.Condition},
		{"Tabel penanganan/biaya", in.Tables.Treatments},
		{"Tabel kerusakan", in.Tables.Deterioration},
		{"Tabel prioritas", in.Tables.Priority},
		{"Rencana", fmt.Sprintf("#%d, dibuat %s%s", src.RunID, locale.ID.DateTime(src.CreatedAt), by(src.CreatedBy))},
		{"Snapshot data", src.SnapshotHash + " — " + src.DataStatus()},
	}, 44)
	if a := res.AHPWeights; a != nil {
		var parts []string
		for i, c := range a.Criteria {
			if i < len(a.Weights) {
				parts = append(parts, fmt.Sprintf("%s %s", c, grouped(a.Weights[i], 3)))
			}
		}
		d.pairs([][2]string{{"Bobot AHP", strings.Join(parts, "; ") + fmt.Sprintf(" (CR %s; %s)", grouped(a.CR, 3), a.Source)}}, 44)
	}
	for _, n := range res.Notes {
		d.para("Catatan: "+n, 8, "I")
	}
	d.f.Ln(3)
	d.f.SetX(pageMargin)
	d.f.SetFont("Helvetica", "B", fontBody)
	d.f.CellFormat(d.width(), 6, d.t("Parameter model kerusakan"), "", 1, "L", false, 0, "")
	cols := []column{{"Kunci", 34, "L"}, {"Besaran", 14, "C"}, {"Bentuk", 20, "L"}, {"Laju/tahun", 18, "R"}, {"Default", 16, "R"},
		{"Batas", 12, "R"}, {"Sumber", 16, "L"}, {"n", 10, "R"}, {"SE", 14, "R"}, {"R²", 12, "R"}, {"RMSE", 16, "R"}}
	var rows []row
	for _, m := range res.Models {
		rows = append(rows, row{cells: []string{m.Key, m.Quantity, m.Form, grouped(m.Rate, 4), grouped(m.Default, 4), grouped(m.Cap, 1),
			m.Source, strconv.Itoa(m.N), grouped(m.SE, 4), grouped(m.R2, 2), grouped(m.RMSE, 2)}})
	}
	if len(rows) == 0 {
		rows = append(rows, row{cells: []string{"(rencana tidak mencatat parameter model)"}})
	}
	d.table(cols, rows)
}

func (r *Report) sources(d *pdfDoc) {
	src := r.Src
	net := src.Net
	d.section(SecSources, "Asal setiap data yang dipakai rencana ini dan tanggalnya.", false)
	var surveys, works, traffic int
	var firstSurvey, lastSurvey time.Time
	files := map[string]int{}
	for _, ru := range net.Ruas {
		files[sourceLabel(ru.Source)]++
		for _, v := range net.Surveys[ru.ID] {
			surveys++
			if firstSurvey.IsZero() || v.Date.Before(firstSurvey) {
				firstSurvey = v.Date
			}
			if v.Date.After(lastSurvey) {
				lastSurvey = v.Date
			}
		}
		works += len(net.Works[ru.ID])
		traffic += len(net.Traffic[ru.ID])
	}
	var srcList []string
	for f, n := range files {
		srcList = append(srcList, fmt.Sprintf("%s (%d ruas)", f, n))
	}
	sort.Strings(srcList)
	if len(srcList) > 8 {
		srcList = append(srcList[:8], fmt.Sprintf("dan %d sumber lain", len(srcList)-8))
	}
	ins, _ := Indicators()
	indVer := ""
	if len(ins) > 0 {
		indVer = ins[0].Version
	}
	satuVer := ""
	if t, err := satuDataTable(); err == nil {
		satuVer = t.Version
	}
	d.pairs([][2]string{
		{"Register jalan", fmt.Sprintf("%d ruas, %s km (panjang SK, atau panjang geometri bila SK belum ada)", len(net.Ruas), km2(r.Baseline.NetworkKm))},
		{"Sumber ruas", strings.Join(srcList, "; ")},
		{"Survei kondisi", fmt.Sprintf("%d catatan survei, %s s.d. %s; kondisi awal rencana dari survei terakhir s.d. %d", surveys, tanggal(firstSurvey), tanggal(lastSurvey), src.baselineSurveyYear())},
		{"Aturan kondisi", strings.Join(src.Result.Baseline.RuleVersions, "; ")},
		{"Riwayat penanganan", fmt.Sprintf("%d catatan (termasuk pekerjaan berkontrak yang wajib dihormati rencana)", works)},
		{"Lalu lintas (LHR)", fmt.Sprintf("%d catatan hitungan", traffic)},
		{"Kode sub kegiatan", "data/ref/sub_kegiatan.csv, nomenklatur " + r.Nomenclature + " (" + r.Usulan[0].Decree + ")"},
		{"Kode wilayah", roads.WilayahSource},
		{"Indikator", "e-Walidata " + indVer + ", metadata Satu Data " + satuVer},
		{"Tanggal rencana", tanggal(src.CreatedAt) + "; dokumen ini bertanggal sama dengan rencana agar dapat dibuat ulang identik"},
		{"Snapshot data", src.SnapshotHash + " (register saat ini: " + src.CurrentHash + ")"},
		{"Status verifikasi", src.Verifikasi() + " — " + src.VerifikasiCatatan()},
	}, 44)
	d.f.Ln(3)
	if d.demo {
		d.para("Seluruh data jaringan dalam dokumen ini SINTETIS (demo): nama jalan nyata pada geometri buatan, bukan data resmi Pemerintah "+src.Org.Pemda+".", fontBody, "B")
	}
	if src.Stale {
		d.para(StaleMark+": register telah diubah setelah rencana dibuat. Angka rencana berasal dari snapshot "+src.SnapshotHash+
			"; peta dan daftar sumber memakai register saat ini ("+src.CurrentHash+"). Buat rencana baru sebelum dokumen ini dipakai.", fontBody, "B")
	}
}

// sourceLabel names where a record came from, in Indonesian.
func sourceLabel(s roads.Source) string {
	var parts []string
	if s.File != "" {
		parts = append(parts, "berkas "+s.File)
	}
	if s.Form != "" {
		parts = append(parts, "formulir "+s.Form)
	}
	if s.User != "" {
		parts = append(parts, "oleh "+s.User)
	}
	if len(parts) == 0 {
		return "sumber tidak tercatat"
	}
	return strings.Join(parts, " ")
}
