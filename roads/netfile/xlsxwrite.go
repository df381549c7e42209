package netfile

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
)

// xlsxCellMax is the most characters an Excel cell holds.
const xlsxCellMax = 32767

// columnHelp explains each exported column (sheet "Keterangan").
var columnHelp = map[string]string{
	"region":          "kode wilayah yang menomori ruas (Kemendagri, mis. 33.74) atau nama kabupaten untuk data tanpa nomor ruas",
	"no_ruas":         "nomor ruas (SK), atau KECAMATAN/DESA/nama jalan untuk data tanpa nomor",
	"name":            "nama ruas",
	"status":          "status jalan: nasional, provinsi, kabupaten, kota, desa",
	"fungsi":          "fungsi jalan: arteri, kolektor, lokal, lingkungan",
	"surface":         "jenis perkerasan baku: aspal, lapen, beton, paving, kerikil, tanah, lainnya, tidak_terinci",
	"surface_text":    "jenis perkerasan seperti ditulis sumber data",
	"width_m":         "lebar perkerasan, m",
	"length_m":        "panjang resmi, m (kosong = tidak diketahui, dipakai panjang geometri)",
	"geom_length_m":   "panjang geometri, m (dihitung)",
	"kabupaten":       "nama kabupaten/kota",
	"kecamatan_code":  "kode kecamatan Kemendagri",
	"kecamatan":       "nama kecamatan",
	"kelurahan_code":  "kode kelurahan/desa Kemendagri",
	"kelurahan":       "nama kelurahan/desa",
	"year_built":      "tahun dibangun",
	"design_life":     "umur rencana, tahun (kosong = nilai baku jenis perkerasan)",
	"notes":           "keterangan",
	"kondisi":         "kondisi terakhir (kelas Bina Marga dengan panjang terbanyak)",
	"km_baik":         "panjang kondisi Baik, km (Bina Marga)",
	"km_sedang":       "panjang kondisi Sedang, km",
	"km_rusak_ringan": "panjang kondisi Rusak Ringan, km",
	"km_rusak_berat":  "panjang kondisi Rusak Berat, km",
	"kemantapan_pct":  "kemantapan = (Baik + Sedang) / panjang tersurvei × 100, %",
	"survey_date":     "tanggal survei terakhir",
	"date_basis":      "survey = tanggal dari sumber; import = sumber tanpa tanggal, dipakai tanggal impor",
	"rule_versions":   "versi tabel aturan kondisi dan tabel konversi skema yang dipakai",
	"mapped":          "true bila kondisi dikonversi dari skema lain (mis. skema jalan desa) ke kelas Bina Marga",
	"scheme":          "skema penilaian kondisi data asli (bm, desa4)",
	"part1":           "meter pada kelas ke-1 skema asli",
	"part2":           "meter pada kelas ke-2 skema asli",
	"part3":           "meter pada kelas ke-3 skema asli",
	"part4":           "meter pada kelas ke-4 skema asli",
	"wkt":             "geometri (WGS84) dalam WKT; kosong bila tidak ada atau terlalu panjang untuk satu sel",
}

// WriteXLSX writes the rows to sheet "Ruas" (geometry as WKT where it fits
// in a cell) and a "Keterangan" sheet explaining the columns. It returns
// how many geometries were too long for a cell and left out.
func WriteXLSX(w io.Writer, rows []ExportRow, n *roads.Network) (leftOut int, err error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Ruas"); err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter("Ruas")
	if err != nil {
		return 0, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return 0, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	head := make([]any, 0, len(Columns)+1)
	for _, c := range append(append([]string(nil), Columns...), "wkt") {
		head = append(head, excelize.Cell{StyleID: bold, Value: c})
	}
	if err := sw.SetRow("A1", head); err != nil {
		return 0, err
	}
	for i, x := range rows {
		vals := x.values()
		g := WKT(x.Ruas.Geometry)
		if len(g) > xlsxCellMax {
			g = ""
			leftOut++
		}
		vals = append(vals, g)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return 0, fmt.Errorf("baris %d (ruas %s): %w", i+2, x.Ruas.Key, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	if _, err := f.NewSheet("Keterangan"); err != nil {
		return 0, err
	}
	info := [][]any{
		{"Register jalan", fmt.Sprintf("%d ruas", len(rows))},
		{"Dibaca pada", n.ReadAt.Format("2006-01-02 15:04:05")},
		{"Kode snapshot data", n.Hash},
		{},
		{"kolom", "arti"},
	}
	for _, c := range append(append([]string(nil), Columns...), "wkt") {
		info = append(info, []any{c, columnHelp[c]})
	}
	for i, row := range info {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Keterangan", cell, &row); err != nil {
			return 0, err
		}
	}
	if err := f.Write(w); err != nil {
		return 0, err
	}
	return leftOut, nil
}
