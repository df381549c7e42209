package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/planner/reconcile"
	"github.com/kotablitar/ruas/roads/locale"
)

func init() {
	commands["reconcile"] = command{summary: "bandingkan angka jalan instansi lain dengan register dan jelaskan selisihnya", run: runReconcile}
}

const reconcileHelp = `
Rekonsiliasi angka: membaca angka jalan yang diterbitkan instansi lain
(BPS, Bappeda, provinsi, unggahan SIPD tahun lalu) dalam format panjang

    tahun;kode_wilayah;indikator;nilai;satuan;sumber

(CSV dengan ; atau , di antara sel, desimal koma atau titik; atau XLSX
dengan kolom yang sama). Indikator: panjang_jalan_km, panjang_baik_km,
panjang_sedang_km, panjang_rusak_ringan_km, panjang_rusak_berat_km,
panjang_mantap_km, panjang_tidak_mantap_km, panjang_belum_disurvei_km,
kemantapan_pct; wilayah: kode Kemendagri kantor (mis. 33.74) atau
kecamatannya (33.74.01). Satuan km atau m, dan % untuk kemantapan.
Kolom ketujuh tanggal_terbit (YYYY-MM-DD atau DD/MM/YYYY) boleh ditambah.

Untuk setiap angka: nilai register menurut definisi yang sama (seperti
` + "`ruas condition`" + `), selisihnya, dan definisi lain yang diuji terhadap
register — tahun lain (±1, ±2), penyebut panjang disurvei saja, jalan semua
kewenangan, skala desa dibaca sebagai kelas Bina Marga, rata-rata per ruas
alih-alih unit 100 m, meter sebagai km, angka dipotong — dan mana yang
menghasilkan angka itu dalam pembulatannya. Bila tidak ada, selisihnya
disebut tidak terjelaskan. Angka yang disepakati: angka register.

--out menulis lembar rekonsiliasi (XLSX untuk ditandatangani Forum Satu
Data, CSV atau JSON). --template menulis templat berkas angka.`

func runReconcile(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "reconcile", "reconcile --with FILE [--year Y] [--out F.xlsx|F.csv|F.json] [--verified] [--db PATH]\n       ruas reconcile --template F.csv|F.xlsx [--year Y]", reconcileHelp)
	with := fs.String("with", "", "berkas angka instansi lain `FILE` (CSV atau XLSX, format panjang)")
	year := fs.Int("year", 0, "hanya angka tahun `Y` (bawaan: semua tahun di berkas)")
	out := fs.String("out", "", "tulis lembar rekonsiliasi ke `F` (.xlsx, .csv atau .json)")
	verified := fs.Bool("verified", false, "hitung register dari data terverifikasi walidata saja")
	template := fs.String("template", "", "tulis templat berkas angka ke `F` (.csv atau .xlsx) lalu selesai")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("reconcile tidak menerima argumen %q; lihat `ruas reconcile -h`", fs.Arg(0))}
	}
	if *year != 0 && planner.CheckConditionYear(*year) != nil {
		return usageError{fmt.Sprintf("--year %d di luar %d–%d; tulis tahun empat angka, mis. --year 2025", *year, planner.MinConditionYear, planner.MaxConditionYear)}
	}
	outExt := strings.ToLower(filepath.Ext(*out))
	if *out != "" && outExt != ".xlsx" && outExt != ".csv" && outExt != ".json" {
		return usageError{fmt.Sprintf("--out %s: akhiri nama berkas dengan .xlsx, .csv atau .json", *out)}
	}
	if *template == "" && *with == "" {
		return usageError{"--with FILE wajib: berkas angka instansi lain; `ruas reconcile --template angka.xlsx` menulis templatnya"}
	}
	s, err := openRegister(ctx, *db)
	if err != nil {
		return fmt.Errorf("basis data %s tidak dapat dibuka: %w; periksa path --db dan izin berkasnya", redactDSN(*db), err)
	}
	defer s.Close()
	net, err := s.Network(ctx)
	if err != nil {
		return err
	}
	if *template != "" {
		return writeTemplate(e, *template, net.Office.Region, *year)
	}
	officeNotice(e.stderr, net.Office)
	f, err := os.Open(*with)
	if err != nil {
		return fmt.Errorf("--with %s tidak dapat dibuka: %w", *with, err)
	}
	figs, err := reconcile.Read(f, reconcile.DefaultLimits)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *with, err)
	}
	if *verified {
		net = net.Verified()
	}
	sh := reconcile.Reconcile(net, figs, reconcile.Options{Year: *year, File: filepath.Base(*with), Now: time.Now()})
	if len(sh.Lines) == 0 {
		return fmt.Errorf("%s: tidak ada angka tahun %d (%d angka tahun lain dilewati); periksa --year", *with, *year, sh.Skipped)
	}
	printSheet(e, sh)
	if *out == "" {
		return nil
	}
	return writeFileAtomic(*out, func(w *os.File) error {
		switch outExt {
		case ".xlsx":
			return sh.WriteXLSX(w)
		case ".csv":
			return sh.WriteCSV(w)
		}
		return sh.WriteJSON(w)
	}, e)
}

func writeTemplate(e *env, path, region string, year int) error {
	if year == 0 {
		year = time.Now().Year() - 1
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return writeFileAtomic(path, func(w *os.File) error { return reconcile.TemplateCSV(w, region, year) }, e)
	case ".xlsx":
		return writeFileAtomic(path, func(w *os.File) error { return reconcile.TemplateXLSX(w, region, year) }, e)
	}
	return usageError{fmt.Sprintf("--template %s: akhiri nama berkas dengan .csv atau .xlsx", path)}
}

// writeFileAtomic writes path through a temporary file in its directory,
// so a failed write leaves no half file.
func writeFileAtomic(path string, write func(*os.File) error, e *env) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ruas-*")
	if err != nil {
		return fmt.Errorf("%s tidak dapat ditulis: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return errors.Join(fmt.Errorf("%s tidak dapat ditulis", path), err)
	}
	fmt.Fprintf(e.stderr, "ditulis: %s\n", path)
	return nil
}

func printSheet(e *env, sh *reconcile.Sheet) {
	reg := "seluruh register, termasuk draf"
	if sh.VerifiedOnly {
		reg = "data terverifikasi saja"
	}
	fmt.Fprintf(e.stdout, "Rekonsiliasi angka jalan: %s (%s), register dibaca %s (%s)\n", sh.Pemda, sh.OPD, locale.ID.DateTime(sh.RegisterRead), reg)
	fmt.Fprintf(e.stdout, "Pembanding: %s; sumber: %s\n\n", sh.File, strings.Join(sh.Sources, "; "))
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "no\ttahun\twilayah\tindikator\tangka lain\tregister\tselisih\thasil\talasan")
	for i, l := range sh.Lines {
		f := l.Figure
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%s %s\t%s\t%s\t%s\t%s\n", i+1, f.Year, f.Region, f.Indicator, l.FigureText(), f.Indicator.Unit(),
			l.Text(l.Register), l.Text(l.Difference), l.Status.Label(), l.ReasonText())
	}
	w.Flush()
	c := sh.Counts()
	fmt.Fprintf(e.stdout, "\n%d sama, %d terjelaskan, %d tidak terjelaskan, %d tidak dapat dihitung", c[reconcile.Agrees], c[reconcile.Explained], c[reconcile.Unexplained], c[reconcile.NotComputed])
	if sh.Skipped > 0 {
		fmt.Fprintf(e.stdout, "; %d angka tahun lain dilewati", sh.Skipped)
	}
	fmt.Fprintf(e.stdout, ".\n")
	for _, n := range sh.NotTested {
		fmt.Fprintf(e.stdout, "Tidak dapat diuji: %s.\n", n)
	}
	fmt.Fprintf(e.stdout, "Angka disepakati: angka register. %s\n", sh.Definition)
}
