package main

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads/netfile"
	"github.com/kotablitar/ruas/roads/transfer"
)

func init() {
	commands["migrate"] = command{"pindahkan seluruh register antara berkas SQLite dan PostgreSQL", runMigrate}
}

const migrateHelp = `
Memindahkan seluruh register sebuah kantor — kantor dan batas wilayahnya,
ruas, survei, penanganan, LHR, ruas yang dipensiunkan, akun dan token API,
rencana (beserta dasar dan pengesahannya) dan jejak audit — dari register
--from ke register --to yang masih kosong, dalam satu transaksi, baris demi
baris dengan id, waktu dan status verifikasinya. Jejak audit disalin apa
adanya. Sesi, catatan percobaan masuk dan perangkat dikenal tidak
dipindahkan: setiap orang masuk lagi di register baru.

Register adalah path berkas SQLite (mis. ruas.db) atau URL PostgreSQL
(postgres://pengguna@host:5432/ruas; basis datanya harus sudah dibuat dan
ekstensi PostGIS tersedia). Kedua arah didukung. Setelah pemindahan, jumlah
baris setiap tabel di kedua register dibandingkan.`

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, "migrate", "migrate --from REGISTER --to REGISTER", migrateHelp)
	from := fs.String("from", "", "register sumber: `PATH` SQLite atau URL postgres://")
	to := fs.String("to", "", "register tujuan yang kosong: `PATH` SQLite (dibuat bila belum ada) atau URL postgres://")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return usageError{"migrate perlu --from dan --to, mis. `ruas migrate --from ruas.db --to postgres://ruas@localhost/ruas`"}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("migrate tidak menerima argumen %q; lihat `ruas migrate -h`", fs.Arg(0))}
	}
	counts, err := transfer.Move(ctx, *from, *to)
	for _, c := range counts {
		mark := ""
		if c.Source != c.Target {
			mark = "  ← TIDAK SAMA"
		}
		fmt.Fprintf(e.stdout, "  %-14s %9s baris dibaca, %9s di tujuan%s\n", c.Table, netfile.Thousands(c.Source), netfile.Thousands(c.Target), mark)
	}
	if err != nil {
		return fmt.Errorf("migrasi tidak selesai: %w", err)
	}
	fmt.Fprintf(e.stdout, "register dipindahkan; jumlah baris setiap tabel sama di kedua register.\n")
	return nil
}
