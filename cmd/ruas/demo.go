package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/locale"
)

func init() {
	commands["demo"] = command{summary: "isi basis data dengan jaringan jalan contoh " + demo.City + " (DATA SINTETIS)", run: runDemo}
}

const demoHelp = `
Mengisi basis data dengan jaringan jalan contoh ` + demo.City + `: ruas buatan di
dalam batas kecamatan yang sebenarnya, dengan enam tahun survei kondisi
(tengah tahun, sampai musim survei terakhir yang sudah selesai per hari
ini), riwayat penanganan dan LHR. Penanganan yang tanggalnya belum lewat
ditandai terkontrak. Kalender demo mengikuti hari pembuatannya (--today):
seed dan hari yang sama memberi data yang sama. Semua data ini SINTETIS: catatan setiap ruas
diawali "DATA SINTETIS (demo)" dan sumbernya "demo:synthetic".

Basis data yang sudah berisi ruas tidak disentuh kecuali dengan --force.
Dengan --force, demo ditulis di atasnya (ruas dengan nomor yang sama
diperbarui; menulis seed yang sama dua kali tidak mengubah apa pun), tetapi
tidak pernah menimpa ruas yang bukan data demo. Untuk demo yang bersih
dengan seed lain, pakai berkas --db baru.

Setelah ditulis, data demo ditandai terverifikasi oleh "walidata (demo)"
agar halaman publik dan ekspor SIPD/e-Walidata berisi data; survei tahun
terakhir dari sebagian ruas dan penanganan yang sudah dikontrak dibiarkan
berstatus draf sebagai contoh antrean verifikasi. Dengan --draft, semua
data demo dibiarkan draf.`

func runDemo(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "demo", "demo [--db PATH] [--seed N] [--today YYYY-MM-DD] [--force] [--draft]", demoHelp)
	seed := fs.Int64("seed", demo.DefaultSeed, "`N` penentu jaringan acak: seed yang sama memberi data yang sama")
	force := fs.Bool("force", false, "tulis demo walaupun basis data sudah berisi ruas (ruas bukan demo tidak pernah ditimpa)")
	draft := fs.Bool("draft", false, "biarkan semua data demo berstatus draf (belum diverifikasi walidata)")
	todayFlag := fs.String("today", "", "buat demo seolah-olah pada `TANGGAL` YYYY-MM-DD ini (bawaan: hari ini, WIB)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var now func() time.Time // nil: the demo's default, today in WIB
	if *todayFlag != "" {
		d, err := time.ParseInLocation("2006-01-02", *todayFlag, locale.WIB)
		if err != nil {
			return usageError{fmt.Sprintf("--today %q harus tanggal bertulis YYYY-MM-DD, mis. 2026-12-06", *todayFlag)}
		}
		if d.After(time.Now()) {
			return usageError{fmt.Sprintf("--today %s belum tiba; demo tidak boleh berisi data dari masa depan", *todayFlag)}
		}
		now = func() time.Time { return d }
	}
	cal := demo.CalendarOf(now)
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("demo tidak menerima argumen %q; lihat `ruas demo -h`", fs.Arg(0))}
	}
	s, err := openRegister(ctx, *db)
	if err != nil {
		return fmt.Errorf("basis data %s tidak dapat dibuka: %w; periksa path --db dan izin berkasnya", redactDSN(*db), err)
	}
	defer s.Close()
	existing, err := s.ListRuas(ctx, roads.RuasFilter{})
	if err != nil {
		return fmt.Errorf("membaca ruas di %s: %w", redactDSN(*db), err)
	}
	if len(existing) > 0 {
		demos := 0
		for _, r := range existing {
			if demo.IsDemo(r) {
				demos++
			}
		}
		if !*force {
			return fmt.Errorf("basis data %s sudah berisi %d ruas (%d di antaranya data demo), jadi demo tidak ditulis; pakai --db dengan berkas baru, atau --force untuk menulis demo di atasnya", redactDSN(*db), len(existing), demos)
		}
		keys := map[roads.Key]bool{}
		for _, r := range demo.Network(*seed, now).Ruas {
			keys[r.Key] = true
		}
		var clash []string
		for _, r := range existing {
			if keys[r.Key] && !demo.IsDemo(r) {
				clash = append(clash, r.Key.String())
			}
		}
		if len(clash) > 0 {
			more := ""
			if len(clash) > 3 {
				more = fmt.Sprintf(" dan %d lainnya", len(clash)-3)
				clash = clash[:3]
			}
			return fmt.Errorf("demo tidak ditulis ke %s: %d ruas bukan data demo memakai nomor yang sama (%s%s) dan akan tertimpa, juga dengan --force; pakai --db dengan berkas baru", redactDSN(*db), len(clash), strings.Join(clash, ", "), more)
		}
	}
	st, err := demo.Fill(ctx, s, *seed, now)
	if err != nil {
		return fmt.Errorf("demo tidak ditulis ke %s (tidak ada yang berubah): %w", redactDSN(*db), err)
	}
	verified := 0
	if !*draft {
		if verified, err = demo.Verify(ctx, s); err != nil {
			return fmt.Errorf("demo sudah ditulis ke %s tetapi belum diverifikasi: %w; jalankan lagi `ruas demo --force` untuk mencoba lagi", redactDSN(*db), err)
		}
	}
	fmt.Fprintf(e.stdout, "Jaringan demo %s (DATA SINTETIS, seed %d, per %s: survei %d–%d, penanganan terkontrak %d) ditulis ke %s:\n",
		demo.City, *seed, cal.Today.Format("02/01/2006"), cal.FirstYear, cal.LastYear, cal.CommittedYear, *db)
	for _, row := range []struct {
		name string
		c    roads.Counts
	}{{"ruas", st.Ruas}, {"survei", st.Surveys}, {"penanganan", st.Works}, {"LHR", st.Traffic}} {
		fmt.Fprintf(e.stdout, "  %-11s %7s baru, %7s diperbarui, %7s tetap\n", row.name, thousands(row.c.Created), thousands(row.c.Updated), thousands(row.c.Unchanged))
	}
	if !*draft {
		fmt.Fprintf(e.stdout, "  %s data ditandai terverifikasi oleh %q; sisanya menunggu di antrean verifikasi.\n", thousands(verified), demo.Walidata)
	}
	return nil
}

// thousands writes n the Indonesian way, with dots: 14.490.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}
