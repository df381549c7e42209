package main

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/planner/publish"
)

func init() {
	exportKinds["satudata"] = command{summary: "paket Satu Data: jaringan dan kondisi (CSV, GeoJSON), indikator, metadata CKAN dan MS-Ind", run: runExportSatuData}
}

const exportSatuDataHelp = `
Menulis paket unggahan portal Satu Data ke folder --out:
  kondisi_jalan.csv      satu baris per ruas dengan kondisi awal rencana
  kondisi_jalan.geojson  sama, dengan geometri (WGS84)
  indikator_jalan.csv    indikator e-Walidata tahun kondisi awal
  metadata.json          isian dataset CKAN (title, name, notes, tags,
                         license_id, owner_org, author, maintainer, url,
                         version, extras, resources) dan metadata
                         indikator BPS (MS-Ind) setiap indikator
Berkas yang sudah ada di folder itu ditimpa.`

func runExportSatuData(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "export satudata", "export satudata [--plan ID] --out DIR", exportSatuDataHelp)
	po := addPlanFlags(fs)
	out := fs.String("out", "", "folder keluaran `DIR` (dibuat bila belum ada)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out belum diisi; tulis mis. `ruas export satudata --out satudata/`"}
	}
	src, err := openPlan(ctx, e, *db, po)
	if err != nil {
		return err
	}
	p, err := publish.SatuData(src)
	if err != nil {
		return err
	}
	if err := p.WriteDir(*out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s ditulis: %d ruas, data tahun %d, %d berkas (rencana #%d, snapshot %s)\n",
		*out, len(p.Lines), p.Year, len(p.Files), src.RunID, src.SnapshotHash)
	return nil
}
