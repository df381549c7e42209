package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kotablitar/ruas/roads/netfile"
)

// exportKinds is the table of export kinds (network, sipd, walidata, …),
// run as `ruas export KIND [flags]`; each kind registers itself from its
// own file's init.
var exportKinds = map[string]command{}

func init() {
	commands["export"] = command{summary: "ekspor register, rencana dan laporan (ruas export JENIS -h)", run: runExport}
	exportKinds["network"] = command{summary: "register jalan dengan kondisi terakhir ke GeoJSON, CSV atau XLSX", run: runExportNetwork}
}

func runExport(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, args, exportKinds, exportUsage,
		"jenis ekspor tidak disebut; pilih salah satu di atas, mis. `ruas export network --out jaringan.geojson`",
		"jenis ekspor %q tidak dikenal; jalankan `ruas export -h` untuk daftarnya")
}

func exportUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: ruas export JENIS [flags]   (ruas export JENIS -h untuk flag-nya)")
	fmt.Fprintln(w, "\nJenis:")
	list(w, exportKinds)
}

const exportNetworkHelp = `
Menulis seluruh register jalan: setiap ruas dengan semua isiannya dan
kondisi terakhirnya (kelas, km per kelas Bina Marga, kemantapan, tanggal
survei, versi aturan dan tabel konversi). Format dipilih dari ekstensi
--out: .geojson (dengan geometri), .csv atau .xlsx (geometri sebagai WKT).
Berkas GeoJSON atau CSV ini dapat diimpor lagi ke register kosong dan
menghasilkan register yang sama.`

func runExportNetwork(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "export network", "export network --out F.geojson|F.csv|F.xlsx", exportNetworkHelp)
	out := fs.String("out", "", "berkas keluaran `F.geojson|F.csv|F.xlsx`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("argumen %q tidak dikenal; berkas keluaran ditulis dengan --out", fs.Arg(0))}
	}
	if *out == "" {
		return usageError{"--out belum diisi; tulis mis. `ruas export network --out jaringan.geojson`"}
	}
	switch strings.ToLower(filepath.Ext(*out)) {
	case ".geojson", ".json", ".csv", ".xlsx":
	default:
		return usageError{fmt.Sprintf("--out %q harus berakhiran .geojson, .csv atau .xlsx", *out)}
	}
	if _, err := os.Stat(*db); !isPostgres(*db) && errors.Is(err, iofs.ErrNotExist) {
		return fmt.Errorf("register %s tidak ada; impor data dulu (`ruas import`) atau sebut register lain dengan --db", redactDSN(*db))
	}
	st, err := openRegister(ctx, *db)
	if err != nil {
		return fmt.Errorf("register %s tidak dapat dibuka: %w", redactDSN(*db), err)
	}
	defer st.Close()
	n, err := st.Network(ctx)
	if err != nil {
		return err
	}
	res, err := netfile.Export(*out, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s ditulis: %s ruas\n", *out, netfile.Thousands(res.Ruas))
	if res.GeometryLeftOut > 0 {
		fmt.Fprintf(e.stderr, "peringatan: geometri %s ruas terlalu panjang untuk satu sel XLSX dan dikosongkan; ekspor ke .geojson atau .csv untuk geometri lengkap\n",
			netfile.Thousands(res.GeometryLeftOut))
	}
	return nil
}
