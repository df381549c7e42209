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
	for _, p := range r.methodText() {
		d.para(p, fontBody, "")
	}
	d.f.Ln(2)
	d.pairs([][2]string{
		{"Metode", res.Method.Label + " — " + aware},
		{"Anggaran", budget},
		{"Model kerusakan", calib},
		{"Tabel kondisi", in.Tables.Condition},
		{"Tabel penanganan/biaya", in.Tables.Treatments},
		{"Tabel kerusakan", in.Tables.Deterioration},
		{"Tabel prioritas", in.Tables.Priority},
		{"Setelan usulan", r.Usulan[0].settingsLine()},
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
		if bahasa(n) {
			d.para("Catatan: "+n, 8, "I")
		}
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
		{"Kode sub kegiatan", "menurut tahun anggaran dari tabel kode sub kegiatan: " + r.decrees()},
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

// methodText is the planning method in Bahasa Indonesia, as an office
// explains it to Bapperida: what the figures rest on and how the
// programme is chosen.
func (r *Report) methodText() []string {
	src, res := r.Src, r.Src.Result
	in := res.Input
	minLen, minRp := in.MinLengthM, in.MinPackageRp
	if minLen == 0 {
		minLen = 100
	}
	if minRp == 0 {
		minRp = 50_000_000
	}
	u := r.Usulan[0]
	out := []string{
		fmt.Sprintf("Kondisi awal. Setiap ruas %s dinilai dari survei kondisi terakhirnya sampai dengan tahun %d menurut tabel kondisi Bina Marga (%s): "+
			"IRI dan SDI menentukan kelas Baik, Sedang, Rusak Ringan atau Rusak Berat. Ruas dipotong menjadi seksi pada setiap pergantian kelas sepanjang survei; "+
			"ruas yang belum disurvei tidak direncanakan dan dilaporkan tersendiri sebagai \"belum disurvei\".",
			src.Org.Jalan(), src.baselineSurveyYear(), in.Tables.Condition),
		"Perkiraan kerusakan. Kenaikan IRI dan SDI per tahun mengikuti model kerusakan per jenis permukaan dan kelas lalu lintas, " +
			"dikalibrasi dengan riwayat survei daerah sendiri bila datanya cukup dan digabung dengan nilai bawaan tabel menurut ketelitian masing-masing.",
		"Pemeliharaan rutin lebih dahulu. Setiap tahun biaya pemeliharaan rutin seluruh jalan mantap (Baik dan Sedang) dalam kewenangan " +
			"didanai lebih dahulu, per km menurut jenis permukaan; sisa pagu baru dipakai untuk pekerjaan modal (berkala, rehabilitasi, rekonstruksi, peningkatan).",
		fmt.Sprintf("Paket pekerjaan. Seksi yang bersebelahan pada satu ruas dengan penanganan dan tahun yang sama digabung menjadi satu paket dengan STA awal–akhir; "+
			"panjang paket paling sedikit %s m (kecuali seluruh ruas lebih pendek) dan nilai paket paling sedikit %s. "+
			"Pekerjaan yang sudah berkontrak, usulan Musrenbang dan pokok pikiran DPRD dimasukkan lebih dahulu dengan alasannya.",
			grouped(minLen, 0), rupiah(minRp)),
		"Pemilihan pekerjaan. " + methodWords(res.Method.Name) + " Pekerjaan yang dibutuhkan tetapi tidak terdanai dicatat sebagai backlog per tahun.",
		fmt.Sprintf("Kemantapan. Kemantapan jaringan = (km Baik + km Sedang) dibagi panjang seluruh %s dalam kewenangan × 100; "+
			"panjang yang belum disurvei dihitung sebagai kelas tersendiri (tidak mantap). Persentase terhadap panjang yang disurvei saja ditulis terpisah.", src.Org.Jalan()),
		usulanWords(u),
	}
	if ra := res.RoutineAssumption; ra != nil {
		out = append(out, fmt.Sprintf("Asumsi efek pemeliharaan rutin (%s): pada jalan yang dipelihara rutin, kenaikan IRI dan SDI setahun dikalikan %s. "+
			"Ini asumsi, bukan hasil pengukuran; daerah yang mengukur efeknya sebaiknya mengubah tabel penanganan.", ra.Version, Number(ra.RateFactor, 2)))
	}
	return out
}

// methodWords says in Bahasa how a ranking method chooses.
func methodWords(name string) string {
	switch name {
	case "optimal":
		return "Dalam batas pagu setiap tahun dipilih kombinasi paket dengan manfaat terbesar per rupiah: manfaat adalah selisih kerataan jalan (IRI) " +
			"dengan dan tanpa penanganan selama 10 tahun, ditimbang panjang dan lalu lintas, ditambah nilai setiap km-tahun yang tetap mantap."
	case "worst-first":
		return "Seksi dengan IRI terburuk ditangani lebih dahulu sampai pagu habis."
	case "bina-marga":
		return "Urutan prioritas Bina Marga: UP = 17 − (kelas LHR + nilai kondisi); urutan terkecil lebih dahulu sampai pagu habis."
	case "ahp":
		return "Skor multi-kriteria dengan bobot AHP (kondisi, lalu lintas, fungsi jalan, dan lainnya); skor tertinggi lebih dahulu sampai pagu habis."
	case "economic":
		return "Analisis ekonomi biaya pengguna jalan dan biaya penanganan; paket dengan nilai ekonomi terbaik lebih dahulu sampai pagu habis."
	}
	return "Paket diurutkan menurut metode terpilih sampai pagu habis."
}

// bahasa tells a planner note written in Bahasa Indonesia from one in
// English, by a few common words; English notes stay out of the document.
func bahasa(s string) bool {
	l := " " + strings.ToLower(s) + " "
	id, en := 0, 0
	for _, w := range []string{" yang ", " dan ", " tidak ", " dengan ", " tahun ", " untuk ", " dari ", " pada "} {
		id += strings.Count(l, w)
	}
	for _, w := range []string{" the ", " and ", " not ", " with ", " year ", " for ", " from ", " is "} {
		en += strings.Count(l, w)
	}
	return id >= en
}

// decrees names the decree of each plan year's codes.
func (r *Report) decrees() string {
	var parts []string
	last := ""
	for _, u := range r.Usulan {
		d := u.decreeLine()
		if d != last {
			parts = append(parts, fmt.Sprintf("TA %d: %s", u.Year, d))
			last = d
		}
	}
	return strings.Join(parts, "; ")
}

// usulanWords says in Bahasa how a year's pagu follows from the plan.
func usulanWords(u *Usulan) string {
	if u.Costed {
		return fmt.Sprintf("Pagu usulan. Setiap tahun rencana dihitung pada harga tahun anggarannya: biaya satuan pada harga tahun %d dinaikkan %s %% per tahun, "+
			"pekerjaan berkontrak tetap sebesar kontraknya. Perencanaan teknis dan pengawasan (persentase pagu fisik pekerjaan modal) dicadangkan di dalam pagu tahun itu, "+
			"sehingga pemeliharaan rutin, paket pekerjaan dan kegiatan pendampingnya bersama-sama tidak melebihi anggaran. "+
			"Pagu setiap baris dibulatkan ke bawah ke kelipatan %s agar jumlah usulan tidak melebihi anggaran; selisihnya dirinci per tahun pada bagian 4.",
			u.PriceYear, Number(u.Settings.EscalationPct, 1), rupiah(u.Settings.RoundingRp))
	}
	return fmt.Sprintf("Pagu usulan. Biaya satuan pada harga tahun %d dinaikkan %s %% per tahun sampai tahun anggaran, pekerjaan berkontrak tetap sebesar kontraknya; "+
		"pagu setiap baris dibulatkan ke atas ke kelipatan %s; perencanaan teknis dan pengawasan ditambahkan sebagai persentase pagu fisik pekerjaan modal. "+
		"Selisih antara belanja rencana dan jumlah usulan dirinci per tahun pada bagian 4.",
		u.PriceYear, Number(u.Settings.EscalationPct, 1), rupiah(u.Settings.RoundingRp))
}
