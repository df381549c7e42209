package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

func init() {
	commands["init"] = command{summary: "atur kantor pemilik register: kode wilayah, OPD, kewenangan jalan, batas wilayah", run: runInit}
}

const initHelp = `
Mengatur kantor pemilik register: pemerintah daerah menurut kode wilayah
Kemendagri (provinsi, kabupaten atau kota; nama, kecamatan dan
kelurahan/desanya diambil dari tabel Kepmendagri No 300.2.2-2138 Tahun
2025), nama dan kode OPD, kewenangan jalan (status ruas yang dipelihara
kantor ini) dan, bila ada, batas wilayahnya (GeoJSON Polygon/MultiPolygon,
WGS84). Semua ekspor, halaman, pemeriksaan kualitas dan nilai bawaan
membaca pengaturan ini. Setiap perubahan dicatat di jejak audit.

Tanpa --region, menampilkan kantor yang tersimpan.

Contoh:
  ruas init --region 33.74
  ruas init --region 32.01 --opd "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Bogor" --boundary bogor.geojson
  ruas init --outlines kecamatan.geojson

--outlines memuat batas kecamatan (atau kelurahan/desa) dari berkas GIS
kantor: setiap poligon dikenali dari sifat "kode" berisi kode Kemendagri,
atau dari namanya (KECAMATAN, NAMA, WADMKC, ...) di dalam wilayah kantor;
poligon yang tidak dikenali disebut satu per satu dan tidak ada yang
disimpan. Peta tanpa server tile dan peta dokumen perencanaan menggambarnya.

Kewenangan bawaan mengikuti tingkat wilayah: kota untuk kota, kabupaten
untuk kabupaten, provinsi untuk provinsi. Menjalankan init lagi mengganti
pengaturan; batas wilayah yang tersimpan tetap dipakai bila --boundary tidak
diberikan dan kode wilayahnya sama (--no-boundary menghapusnya).`

func runInit(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "init", "init --region KODE [--opd NAMA] [--opd-code KODE] [--kewenangan kota|kabupaten|provinsi|nasional] [--boundary F.geojson] [--outlines F.geojson] [--db PATH]", initHelp)
	region := fs.String("region", "", "kode wilayah Kemendagri `KODE` pemerintah daerah, mis. 33.74 (kota), 32.01 (kabupaten), 35 (provinsi)")
	opd := fs.String("opd", "", "nama lengkap OPD `NAMA` (bawaan: Dinas Pekerjaan Umum dan Penataan Ruang + nama wilayah)")
	opdCode := fs.String("opd-code", "", "kode OPD (kode unit SIPD) `KODE`, opsional")
	authority := fs.String("kewenangan", "", "status ruas yang dipelihara kantor: kota, kabupaten, provinsi atau nasional (bawaan: menurut tingkat wilayah)")
	boundary := fs.String("boundary", "", "berkas batas wilayah `F.geojson` (Polygon/MultiPolygon WGS84), opsional")
	noBoundary := fs.Bool("no-boundary", false, "hapus batas wilayah yang tersimpan")
	addOffice := fs.String("add-office", "", "tambahkan kantor lain `KODE` ke register (mis. kota di bawah provinsi pemilik register); --opd, --opd-code dan --kewenangan berlaku untuknya")
	outlines := fs.String("outlines", "", "berkas batas kecamatan/kelurahan `F.geojson` (FeatureCollection poligon dengan kode Kemendagri atau nama), untuk peta dasar luring dan peta dokumen; menggantikan yang tersimpan")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("init tidak menerima argumen %q; lihat `ruas init -h`", fs.Arg(0))}
	}
	if *addOffice != "" {
		if *region != "" || *boundary != "" || *noBoundary || *outlines != "" {
			return usageError{"--add-office dipakai tanpa --region, --boundary, --no-boundary dan --outlines"}
		}
		return runAddOffice(ctx, e, *db, roads.OfficeInput{Region: *addOffice, OPD: *opd, OPDCode: *opdCode, Authority: *authority})
	}
	if *region == "" && (*opd != "" || *opdCode != "" || *authority != "" || *boundary != "" || *noBoundary) {
		return usageError{"--region wajib diberikan untuk mengatur kantor, mis. `ruas init --region 33.74`"}
	}
	if *boundary != "" && *noBoundary {
		return usageError{"--boundary dan --no-boundary tidak dapat dipakai bersama"}
	}
	in := roads.OfficeInput{Region: *region, OPD: *opd, OPDCode: *opdCode, Authority: *authority}
	if *boundary != "" {
		b, err := os.ReadFile(*boundary)
		if err != nil {
			return fmt.Errorf("berkas batas wilayah %s tidak dapat dibaca: %w", *boundary, err)
		}
		in.Boundary = b
	}
	var o roads.Office
	if *region != "" {
		var errs []roads.FieldError
		o, errs = roads.NewOffice(in)
		if len(errs) > 0 {
			msgs := make([]string, len(errs))
			for i, fe := range errs {
				msgs[i] = flagOf(fe.Field) + ": " + fe.Message
				if fe.Field == "boundary" {
					msgs[i] = "--boundary " + *boundary + ": " + fe.Message
				}
			}
			return usageError{strings.Join(msgs, "; ")}
		}
	}
	s, err := openRegister(ctx, *db)
	if err != nil {
		return fmt.Errorf("basis data %s tidak dapat dibuka: %w; periksa path --db dan izin berkasnya", redactDSN(*db), err)
	}
	defer s.Close()
	cur, err := s.Office(ctx)
	if err != nil && !errors.Is(err, roads.ErrNotFound) {
		return err
	}
	var outs []roads.Outline
	if *outlines != "" {
		owner := cur
		if *region != "" {
			owner = o
		}
		b, err := os.ReadFile(*outlines)
		if err != nil {
			return fmt.Errorf("berkas batas kecamatan %s tidak dapat dibaca: %w", *outlines, err)
		}
		var problems []string
		if outs, problems = roads.ParseOutlines(b, owner, filepath.Base(*outlines)); len(problems) > 0 {
			return fmt.Errorf("--outlines %s: %s; tidak ada yang disimpan", *outlines, strings.Join(problems, "; "))
		}
	}
	if *region == "" && *outlines != "" {
		if err := s.SetOutlines(ctx, outs, cliActor(e)); err != nil {
			return err
		}
		cur, err = s.Office(ctx)
		if err != nil {
			return err
		}
	}
	if *region == "" {
		if !cur.IsSet() {
			return fmt.Errorf("register %s belum punya kantor; atur dengan `ruas init --region KODE`, mis. --region 33.74", redactDSN(*db))
		}
		printOffice(e.stdout, cur)
		officeNotice(e.stderr, cur)
		if or, err := officesOf(s); err == nil {
			return printOtherOffices(ctx, e, or)
		}
		return nil
	}
	if o.Boundary == nil && !*noBoundary && cur.Region == o.Region {
		o.Boundary = cur.Boundary
	}
	if err := s.SetOffice(ctx, o, cliActor(e), time.Now()); err != nil {
		return err
	}
	if *outlines != "" {
		if err := s.SetOutlines(ctx, outs, cliActor(e)); err != nil {
			return err
		}
	}
	saved, err := s.Office(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Kantor register %s diatur:\n", redactDSN(*db))
	printOffice(e.stdout, saved)
	return nil
}

// flagOf names the flag of an office field for messages.
func flagOf(field string) string {
	switch field {
	case "region":
		return "--region"
	case "opd_code":
		return "--opd-code"
	case "kewenangan":
		return "--kewenangan"
	case "boundary":
		return "--boundary"
	}
	return "--" + field
}

func printOffice(w io.Writer, o roads.Office) {
	fmt.Fprintf(w, "  Pemerintah daerah  %s (kode %s, %s; kode pemda SIPD %s)\n", o.Pemda(), o.Region, o.Level, o.Kodepemda())
	fmt.Fprintf(w, "  OPD                %s", o.OPD)
	if o.OPDCode != "" {
		fmt.Fprintf(w, " (kode %s)", o.OPDCode)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  Kewenangan         %s\n", o.AuthorityLabel())
	fmt.Fprintf(w, "  Wilayah            %d kecamatan, %d kelurahan/desa (%s)\n", len(o.Kecamatan()), len(o.Kelurahan()), roads.WilayahSource)
	if o.Boundary != nil {
		b := o.Boundary.Bound()
		fmt.Fprintf(w, "  Batas wilayah      %s, bujur %.4f–%.4f, lintang %.4f–%.4f\n", o.Boundary.GeoJSONType(), b.Min[0], b.Max[0], b.Min[1], b.Max[1])
	} else {
		fmt.Fprintln(w, "  Batas wilayah      belum ada")
	}
	if len(o.Outlines) > 0 {
		names := make([]string, len(o.Outlines))
		for i, ol := range o.Outlines {
			names[i] = ol.Name
		}
		fmt.Fprintf(w, "  Batas kecamatan    %d: %s\n", len(o.Outlines), strings.Join(names, ", "))
	}
	fmt.Fprintf(w, "  Diatur oleh        %s, %s\n", o.SetBy, o.SetAt.Local().Format("02/01/2006 15:04"))
}

// officeNotice tells, on stderr, that the office was filled in for a
// register made before office settings existed (or is missing), and how
// to confirm it. Commands that report or export call it.
func officeNotice(w io.Writer, o roads.Office) {
	switch {
	case !o.IsSet():
		fmt.Fprintln(w, "catatan: register ini belum punya kantor; atur dengan `ruas init --region KODE` agar ekspor dan pemeriksaan menyebut wilayahnya.")
	case o.Assumed:
		fmt.Fprintf(w, "catatan: register ini dibuat sebelum ada pengaturan kantor; kantornya diisi otomatis %s (%s), %s, kewenangan %s. "+
			"Periksa, lalu konfirmasi dengan `ruas init --region %s` (atau kode wilayah yang benar).\n", o.Pemda(), o.Region, o.OPDShort(), o.AuthorityLabel(), o.Region)
	}
}
