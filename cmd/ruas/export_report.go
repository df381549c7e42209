package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/kotablitar/ruas/planner/publish"
)

func init() {
	exportKinds["report"] = command{summary: "dokumen perencanaan PDF untuk lampiran Renja", run: runExportReport}
}

const exportReportHelp = `
Menulis dokumen perencanaan (PDF A4) sebagai lampiran Renja dari satu
rencana tersimpan: kop dan lembar pengesahan dari pengaturan kantor,
ringkasan angka dan backlog (kebutuhan yang belum terdanai), peta jaringan
menurut kondisi dengan batas kecamatan bila kantor memilikinya, proyeksi
kemantapan per skenario, rekap usulan per sub kegiatan dengan rincian dari
belanja rencana ke jumlah usulan, daftar paket, metode dalam bahasa
Indonesia dan buktinya (versi tabel, parameter model, snapshot data), serta
sumber data dan tanggalnya. Dokumen bertanggal sama dengan rencana,
sehingga rencana yang sama menghasilkan berkas yang identik.`

func runExportReport(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "export report", "export report [--plan ID] --out F.pdf", exportReportHelp)
	po := addPlanFlags(fs)
	out := fs.String("out", "", "berkas keluaran `F.pdf`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if _, err := outExt(*out, "report --out rencana.pdf", ".pdf"); err != nil {
		return err
	}
	src, err := openPlan(ctx, e, *db, po)
	if err != nil {
		return err
	}
	rep, err := publish.NewReport(src)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := rep.WritePDF(&b); err != nil {
		return err
	}
	if err := writeOut(*out, b.Bytes()); err != nil {
		return err
	}
	pages := 0
	for _, s := range rep.Sections {
		pages += s.Pages
	}
	fmt.Fprintf(e.stdout, "%s ditulis: %d halaman, %d bagian, %d lokasi prioritas (rencana #%d, snapshot %s)\n",
		*out, pages, len(rep.Sections), len(rep.Priority), src.RunID, src.SnapshotHash)
	return nil
}
