package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

func init() {
	commands["backup"] = command{"salinan register yang utuh selagi dipakai", runBackup}
	commands["restore"] = command{"ganti register dengan cadangan yang diperiksa (hentikan server dulu)", runRestore}
	commands["audit"] = command{"jejak audit setiap perubahan sebagai CSV", runAudit}
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "backup", "backup --out FILE [--db PATH]",
		"Menulis salinan register yang utuh ke FILE. Aman selagi `ruas serve` berjalan:\nsetiap perubahan yang tersimpan sebelum cadangan dimulai ada di salinan.\nUntuk --db postgres://… salinannya arsip pg_dump (format custom), diperiksa dengan pg_restore --list.")
	out := fs.String("out", "", "`FILE` cadangan yang ditulis (belum boleh ada)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"backup perlu --out FILE, mis. `ruas backup --out cadangan-2026-11-26.db`"}
	}
	s, err := openRegister(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "cadangan %s ditulis ke %s (pemeriksaan integritas: baik)\n", redactDSN(*db), *out)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "restore", "restore --from FILE [--db PATH]",
		"Mengganti register dengan cadangan FILE setelah isinya diperiksa (integritas, kunci asing,\nmigrasi yang dikenal, jejak audit yang utuh). Ditolak selama proses lain (mis. `ruas serve`)\nmembuka register: hentikan server dulu. Register yang diganti disimpan sebagai PATH.before-restore.\nUntuk --db postgres://…/NAMA, FILE arsip pg_dump dari `ruas backup`; dipulihkan dengan pg_restore\nke basis data baru lalu diperiksa, dan basis data lama disimpan sebagai NAMA_before_restore.")
	from := fs.String("from", "", "`FILE` cadangan yang dipulihkan")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usageError{"restore perlu --from FILE, mis. `ruas restore --from cadangan.db`"}
	}
	if isPostgres(*db) {
		if err := pgstore.Restore(ctx, *from, *db); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s dipulihkan dari %s; register sebelumnya (bila ada) disimpan sebagai basis data %s_before_restore\n", redactDSN(*db), *from, pgDBName(*db))
		return nil
	}
	if err := sqlitestore.Restore(ctx, *from, *db); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s dipulihkan dari %s; register sebelumnya disimpan sebagai %s.before-restore\n", redactDSN(*db), *from, redactDSN(*db))
	return nil
}

func runAudit(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "audit", "audit [--db PATH]", "Menulis jejak audit (setiap penambahan, perubahan dan penghapusan: siapa, kapan,\ndari berkas atau formulir mana, dan isi sebelum dan sesudah) sebagai CSV ke stdout.")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := openRegister(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.WriteAuditCSV(ctx, e.stdout, roads.AuditFilter{})
}

// pgDBName is the database name of a PostgreSQL URL.
func pgDBName(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "?"
	}
	return strings.TrimPrefix(u.Path, "/")
}
