package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
	"github.com/kotablitar/ruas/roads/netfile"
)

func init() {
	commands["import"] = command{summary: "impor ruas dan kondisi dari GeoJSON, CSV atau XLSX", run: runImport}
}

// importHook, when set, hears the write progress of an import (records
// written, of total). Tests use it to stop a process in the middle of the
// write transaction.
var importHook func(done, total int)

const importHelp = `
Membaca berkas jaringan jalan (GeoJSON, CSV, XLSX) ke register: ruas dan,
bila ada kolom kondisi (BAIK, SEDANG/RUSAK SEDANG, RUSAK RINGAN, RUSAK BERAT),
survei kondisi per ruas. Judul kolom umum dikenali (NO RUAS, NAMA RUAS,
PANJANG, LEBAR, JENIS PERKERASAN, KECAMATAN, KELURAHAN/DESA, LAT/LNG
AWAL/AKHIR, …); tata letak lain dijelaskan dengan berkas --map.

Besaran yang dapat diimpor:
  ruas             nomor, nama, status, fungsi, jenis perkerasan, lebar (m),
                   panjang (m; kolom "(km)" diubah ke meter), kecamatan,
                   kelurahan/desa, tahun bangun, umur rencana, geometri
                   (GeoJSON, WKT, atau LAT/LNG AWAL/AKHIR)
  kondisi per ruas meter per kelas: BAIK, SEDANG, RUSAK RINGAN, RUSAK BERAT
                   (Bina Marga) atau BAIK, RUSAK RINGAN, RUSAK SEDANG,
                   RUSAK BERAT (skema desa)
  survei segmen    satu baris per rentang STA: LINKID / NO RUAS / KODE RUAS,
                   STA AWAL/AKHIR (STA_FROM/STA_TO; "2+500" = 2.500 m, atau
                   meter) atau KM AWAL/AKHIR (km), LAJUR (opsional),
                   TANGGAL SURVEI atau TAHUN, lalu
                     IRI (m/km); SDI dan PCI sebagaimana tertulis;
                     butir SDI: LUAS RETAK (%), LEBAR RETAK (mm),
                     LUBANG (jumlah di segmen), ALUR (kedalaman, cm);
                   ruasnya harus sudah ada di register atau di berkas ruas
                   yang diimpor bersama. SDI dan kelas diturunkan dengan
                   tabel aturan Bina Marga seperti survei formulir. Lajur
                   pada STA yang sama dirata-rata menjadi satu unit (nilai
                   tiap lajur tercatat di langkah penurunannya).
  beberapa tahun   kolom bertahun ("IRI 2023", "IRI_2024", "BAIK_2024",
                   "KONDISI BAIK 2023") atau kolom TAHUN/TANGGAL pada berkas
                   panjang: satu survei bertanggal per tahun. Tahun saja
                   berarti tanggal 1 Juli tahun itu (date_basis = year).
                   Di berkas pemetaan: "Kolom": "iri:2024".

Pemeriksaan koordinat: bila kantor register punya batas wilayah (ruas init
--boundary), titik lebih dari 2 km di luar batas itu ditolak. Tanpa batas:
titik di luar Indonesia, atau lebih dari 250 km dari median ruas lain
sekabupaten, ditolak; 100–250 km diimpor dengan peringatan. Garis yang panjangnya kurang dari separuh atau lebih dari dua
kali panjang tertulis, dan garis tertutup (keliling), diperingatkan.

Impor bersifat atomik: bila ada satu baris tidak sah, tidak ada yang
ditulis dan semua masalah didaftar (keluar dengan kode 1). Dengan
--skip-invalid baris yang sah ditulis dan baris yang ditolak disimpan
beserta alasannya di NAMA.rejects.csv di samping berkasnya. Mengimpor
berkas yang sama lagi tidak mengubah apa pun.

Angka dibaca seperti ditulis: "1.250.000" dan "2.400,5" (cara Indonesia),
"1,250.5" (cara Inggris), "6.5" atau "12,75" (satu pemisah yang tidak diikuti
tepat tiga angka adalah tanda desimal). Hanya "1.250" yang bisa dua arti;
artinya diputuskan oleh seluruh isi kolomnya: di samping "2.400,5",
"1.250.000", "1,25" atau bilangan bulat seperti "980" berarti 1250; di
samping "6.5" berarti 1,25. Bila isi kolom tidak memastikannya, berkas
ditolak dengan nama kolomnya dan Anda memilih: --decimal koma atau
--decimal titik (untuk semua berkas), atau "decimal" / "decimals" di
berkas --map. Sel angka XLSX dibaca sebagai angka apa adanya.

Berkas CSV boleh UTF-8 (dengan atau tanpa BOM), UTF-16 (dengan BOM) atau
Windows-1252 (CSV simpanan Excel di Windows); laporan menyebut encoding
yang dipakai bila bukan UTF-8, dan memperingatkan teks yang tampak salah
ubah encoding ("â€“" untuk "–").`

func runImport(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "import", "import [--dry-run] [--skip-invalid] [--map MAP.json] [--json] [--survey-date YYYY-MM-DD] [--region KODE] [--decimal koma|titik] [--no-geometry] [--merge-pieces] FILE...", importHelp)
	dry := fs.Bool("dry-run", false, "periksa saja; tidak menulis apa pun")
	skip := fs.Bool("skip-invalid", false, "tulis baris yang sah; baris yang ditolak ke NAMA.rejects.csv di samping berkasnya")
	mapPath := fs.String("map", "", "berkas pemetaan kolom `MAP.json` (kolom → isian, wilayah, skema, tanggal, satuan)")
	asJSON := fs.Bool("json", false, "cetak hasil sebagai JSON di stdout")
	date := fs.String("survey-date", "", "tanggal survei `YYYY-MM-DD` untuk baris tanpa kolom tanggal")
	region := fs.String("region", "", "kode wilayah `KODE` untuk ruas bernomor, mis. 33.74 (bawaan: kode wilayah kantor, untuk baris tanpa kolom wilayah)")
	noGeom := fs.Bool("no-geometry", false, "abaikan geometri (mis. inventaris berupa poligon): impor isian ruasnya saja")
	merge := fs.Bool("merge-pieces", false, "gabungkan baris-baris satu ruas dalam satu berkas (potongan dari GIS) menjadi satu MultiLineString, bukan duplikat")
	decimal := fs.String("decimal", "", "tanda desimal `koma|titik` untuk angka seperti \"1.250\" yang tidak dipastikan isi kolomnya")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{"tidak ada berkas untuk diimpor; tulis `ruas import FILE...` (lihat `ruas import -h`)"}
	}
	opt := netfile.Options{Region: strings.TrimSpace(*region), SkipInvalid: *skip, DryRun: *dry, User: cliActor(e),
		NoGeometry: *noGeom, MergePieces: *merge, Limits: netfile.CommandLimits}
	if strings.Contains(opt.Region, "/") {
		return usageError{fmt.Sprintf("--region %q tidak boleh memuat '/'; tulis kode wilayah, mis. 33.74", opt.Region)}
	}
	if opt.Decimal, err = locale.ParseDecimal(*decimal); err != nil {
		return usageError{"--decimal: " + err.Error()}
	}
	if *date != "" {
		d, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return usageError{fmt.Sprintf("--survey-date %q harus ditulis YYYY-MM-DD, mis. 2025-06-30", *date)}
		}
		opt.SurveyDate = d
	}
	if *mapPath != "" {
		m, err := netfile.LoadMapping(*mapPath)
		if err != nil {
			return err
		}
		opt.Mapping = m
	}
	progress := e.tty && !*asJSON
	opt.Progress = func(stage string, done, total int) {
		if stage == "write" && importHook != nil {
			importHook(done, total)
		}
		if progress {
			fmt.Fprintf(e.stderr, "\r%s %s/%s   ", map[string]string{"read": "membaca berkas", "check": "memeriksa baris", "write": "menulis"}[stage],
				netfile.Thousands(done), netfile.Thousands(total))
			if done == total {
				fmt.Fprintln(e.stderr)
			}
		}
	}
	var st register
	// A dry run reads an existing register (segment rows are checked
	// against its ruas) but never creates one.
	if _, statErr := os.Stat(*db); !*dry || isPostgres(*db) || statErr == nil {
		if st, err = openRegister(ctx, *db); err != nil {
			return fmt.Errorf("register %s tidak dapat dibuka: %w", redactDSN(*db), err)
		}
		defer st.Close()
		// The office's boundary checks coordinates, and its region numbers
		// rows that name none (instead of the file's name).
		o, err := st.Office(ctx)
		switch {
		case err == nil:
			opt.Boundary = o.Boundary
			if opt.Region == "" {
				opt.DefaultRegion = o.Region
			}
		case !errors.Is(err, roads.ErrNotFound):
			return err
		}
	}
	rep, err := netfile.Import(ctx, st, files, opt)
	if rep != nil {
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			if jerr := enc.Encode(rep); jerr != nil && err == nil {
				err = jerr
			}
		} else {
			printImport(e.stdout, e.stderr, rep, opt)
		}
	}
	switch {
	case errors.Is(err, netfile.ErrRowsInvalid):
		n, nf := 0, 0
		for _, f := range rep.Files {
			if f.Rejected > 0 {
				n += f.Rejected
				nf++
			}
		}
		return fmt.Errorf("impor dibatalkan dan tidak ada yang ditulis: %s baris tidak sah di %d berkas (%s); perbaiki baris itu, atau pakai --skip-invalid untuk mengimpor baris yang sah dan menyimpan baris yang ditolak di berkas .rejects.csv",
			netfile.Thousands(n), nf, listedWhere(*asJSON))
	case errors.Is(err, netfile.ErrFormat):
		return fmt.Errorf("impor dibatalkan dan tidak ada yang ditulis: ada berkas yang tidak dapat dibaca (%s); periksa jenis dan isi berkasnya", listedWhere(*asJSON))
	}
	return err
}

func listedWhere(asJSON bool) string {
	if asJSON {
		return "daftarnya di keluaran JSON"
	}
	return "daftarnya di atas"
}

// parseInterspersed parses flags that may come before or after the file
// names ("ruas import a.csv --dry-run"), returning the file names.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// printImport writes the problems to stderr (every error, warnings grouped
// by kind) and the summary to stdout.
func printImport(stdout, stderr io.Writer, rep *netfile.Report, opt netfile.Options) {
	for _, f := range rep.Files {
		for _, p := range f.Errors {
			fmt.Fprintln(stderr, "galat:", p.Text(f.Name))
		}
		type group struct {
			first netfile.Problem
			rows  []int
		}
		var order []string
		groups := map[string]*group{}
		for _, p := range f.Warnings {
			if p.Row == 0 || p.Count > 0 {
				fmt.Fprintln(stderr, "peringatan:", p.Text(f.Name))
				continue
			}
			k := p.Category + "\x00" + p.Message
			g, ok := groups[k]
			if !ok {
				g = &group{first: p}
				groups[k] = g
				order = append(order, k)
			}
			g.rows = append(g.rows, p.Row)
		}
		for _, k := range order {
			g := groups[k]
			if len(g.rows) <= 3 {
				for _, p := range f.Warnings {
					if p.Row != 0 && p.Count == 0 && p.Category+"\x00"+p.Message == k {
						fmt.Fprintln(stderr, "peringatan:", p.Text(f.Name))
					}
				}
				continue
			}
			var rows []string
			for _, r := range g.rows[:min(len(g.rows), 8)] {
				rows = append(rows, fmt.Sprint(r))
			}
			fmt.Fprintf(stderr, "peringatan: %s: %s baris (baris %s, …): %s [%s]\n", f.Name, netfile.Thousands(len(g.rows)),
				strings.Join(rows, ", "), g.first.Message, g.first.Category)
		}
	}
	for _, f := range rep.Files {
		line := fmt.Sprintf("%s: %s baris, %s diimpor, %s ditolak", f.Name, netfile.Thousands(f.Rows), netfile.Thousands(f.Imported), netfile.Thousands(f.Rejected))
		if f.RejectsFile != "" {
			line += "; baris yang ditolak disimpan di " + f.RejectsFile
		}
		fmt.Fprintln(stdout, line)
	}
	switch {
	case opt.DryRun:
		fmt.Fprintln(stdout, "uji saja (--dry-run): tidak ada yang ditulis")
	case rep.Written:
		a := rep.Applied
		fmt.Fprintf(stdout, "register: ruas %s baru, %s diubah, %s tetap; survei %s baru, %s diubah, %s tetap\n",
			netfile.Thousands(a.Ruas.Created), netfile.Thousands(a.Ruas.Updated), netfile.Thousands(a.Ruas.Unchanged),
			netfile.Thousands(a.Surveys.Created), netfile.Thousands(a.Surveys.Updated), netfile.Thousands(a.Surveys.Unchanged))
	}
	if rep.ImportDated > 0 && (rep.Written || opt.DryRun) {
		fmt.Fprintf(stdout, "catatan: %s survei tanpa tanggal di berkas diberi tanggal impor (date_basis = import); beri --survey-date bila tanggal survei diketahui\n",
			netfile.Thousands(rep.ImportDated))
	}
}
