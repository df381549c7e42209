package main

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

func init() {
	commands["backup"] = command{"salinan register yang utuh selagi dipakai", runBackup}
	commands["restore"] = command{"ganti register dengan cadangan yang diperiksa (hentikan server dulu)", runRestore}
	commands["audit"] = command{"jejak audit setiap perubahan sebagai CSV", runAudit}
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "backup", "backup --out FILE [--db PATH]",
		"Menulis salinan register yang utuh ke FILE. Aman selagi `ruas serve` berjalan:\nsetiap perubahan yang tersimpan sebelum cadangan dimulai ada di salinan.")
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
	fmt.Fprintf(e.stdout, "cadangan %s ditulis ke %s (pemeriksaan integritas: baik)\n", *db, *out)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "restore", "restore --from FILE [--db PATH]",
		"Mengganti register dengan cadangan FILE setelah isinya diperiksa (integritas, kunci asing,\nmigrasi yang dikenal, jejak audit yang utuh). Ditolak selama proses lain (mis. `ruas serve`)\nmembuka register: hentikan server dulu. Register yang diganti disimpan sebagai PATH.before-restore.")
	from := fs.String("from", "", "`FILE` cadangan yang dipulihkan")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usageError{"restore perlu --from FILE, mis. `ruas restore --from cadangan.db`"}
	}
	if err := sqlitestore.Restore(ctx, *from, *db); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s dipulihkan dari %s; register sebelumnya disimpan sebagai %s.before-restore\n", *db, *from, *db)
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
