package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/kotablitar/ruas/planner/publish"
)

func init() {
	exportKinds["walidata"] = command{summary: "indikator jalan satu tahun untuk e-Walidata SIPD (XLSX, CSV atau JSON)", run: runExportWalidata}
}

const exportWalidataHelp = `
Menulis baris data sektoral (DSSD) e-Walidata satu tahun untuk jalan dalam
kewenangan kantor (jalan lain di register disebut terpisah): panjang jalan,
panjang per kondisi (Baik, Sedang, Rusak Ringan, Rusak Berat, belum
diketahui; km), persentase kemantapan, dan panjang per jenis permukaan
(aspal, beton, kerikil, tanah, tidak terinci; km), dengan kodepemda, kode
indikator dan kode DSSD (kolom kode_dssd di data/ref/walidata_indikator.csv,
diisi Walidata), uraian, definisi operasional, satuan, produsen data dan
status verifikasi. Tahun rencana memakai proyeksi rencana; tahun sebelum
rencana memakai survei terverifikasi sampai dengan tahun itu saja
(realisasi), dengan rincian per kecamatan (JSON dan XLSX). Angka berstatus
"belum diverifikasi" sampai Walidata memverifikasi semua catatan register
yang mendasarinya.`

func runExportWalidata(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "export walidata", "export walidata [--plan ID] --year YEAR --out F.xlsx|F.csv|F.json", exportWalidataHelp)
	po := addPlanFlags(fs)
	year := fs.Int("year", 0, "tahun data, `YEAR`")
	out := fs.String("out", "", "berkas keluaran `F.xlsx|F.csv|F.json`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *year == 0 {
		return usageError{"--year belum diisi; tulis mis. `ruas export walidata --year 2026 --out walidata.xlsx`"}
	}
	ext, err := outExt(*out, "walidata --year 2026 --out walidata.xlsx", ".xlsx", ".csv", ".json")
	if err != nil {
		return err
	}
	src, err := openPlan(ctx, e, *db, po)
	if err != nil {
		return err
	}
	w, err := publish.NewWalidata(src, *year)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	switch ext {
	case ".csv":
		err = w.WriteCSV(&b)
	case ".json":
		err = w.WriteJSON(&b)
	default:
		err = w.WriteXLSX(&b)
	}
	if err != nil {
		return err
	}
	if err := writeOut(*out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s ditulis: %d indikator tahun %d (%s), kemantapan %s %%, status %s (rencana #%d, snapshot %s)\n",
		*out, len(w.Rows), *year, w.Figures.Basis, publish.Number(w.Figures.Kemantapan, 2), src.Verifikasi(), src.RunID, src.SnapshotHash)
	return nil
}
