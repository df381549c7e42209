package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// oldRegister makes a register as the release before office settings left
// it: migrations 001–005 only, with one ruas when withData.
func oldRegister(t *testing.T, withData bool) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	wdb, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer wdb.Close()
	wdb.SetMaxOpenConns(1)
	old := &Store{path: path, wdb: wdb, clock: time.Now}
	old.records = newRecords(old)
	if err := old.migrateTo(ctx, 5); err != nil {
		t.Fatal(err)
	}
	var hasOffice int
	if err := wdb.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'office'`).Scan(&hasOffice); err != nil || hasOffice != 0 {
		t.Fatalf("old register already has an office table (%d, %v)", hasOffice, err)
	}
	if withData {
		r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "001"}, Name: "Jl. Merdeka", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
			WidthM: 6, LengthM: 900, Source: roads.Source{Form: "test", User: "lama"}}
		if err := old.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOldRegisterMigratesToKotaBlitar(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, oldRegister(t, true))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, err := s.Office(ctx)
	if err != nil {
		t.Fatalf("old register with data: no office after migration: %v", err)
	}
	if o.Region != "35.72" || o.Name != "Kota Blitar" || o.Level != roads.LevelKota || o.Authority != roads.Kota ||
		o.OPD != "Dinas Pekerjaan Umum dan Penataan Ruang Kota Blitar" || !o.Assumed || o.Kodepemda() != "3572" || o.OPDShort() != "Dinas PUPR Kota Blitar" {
		t.Fatalf("migrated office = %+v, want Kota Blitar (35.72), kewenangan kota, marked assumed", o)
	}
	// The migration's own office must agree with the region table.
	w, ok := roads.Ref().Place(o.Region)
	if !ok || w.Name != o.Name || w.Level != o.Level {
		t.Errorf("region table says %+v for %s, migration wrote %s/%s", w, o.Region, o.Name, o.Level)
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if net.Office.Region != "35.72" || len(net.Ruas) != 1 {
		t.Errorf("network office %q with %d ruas, want 35.72 with the old ruas", net.Office.Region, len(net.Ruas))
	}
	// The migration says so in the audit trail.
	entries, err := s.Audit(ctx, roads.AuditFilter{Entity: "office"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != "insert" || entries[0].Origin != "migration:006_office" || entries[0].Actor != "migrasi 006" {
		t.Fatalf("audit of the migrated office = %+v, want one insert from migration:006_office", entries)
	}
	// Confirming it clears the mark and is audited with its author.
	confirmed, errs := roads.NewOffice(roads.OfficeInput{Region: "35.72", OPDCode: "1.03.0.00.0.00.01.0000"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := s.SetOffice(ctx, confirmed, "admin", time.Date(2026, 12, 6, 1, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	o, _ = s.Office(ctx)
	if o.Assumed || o.SetBy != "admin" || o.OPDCode != "1.03.0.00.0.00.01.0000" {
		t.Errorf("confirmed office = %+v", o)
	}
	entries, _ = s.Audit(ctx, roads.AuditFilter{Entity: "office"})
	if len(entries) != 2 || entries[1].Action != "update" || entries[1].Actor != "admin" {
		t.Fatalf("audit after confirming = %+v", entries)
	}
	var before, after map[string]any
	json.Unmarshal(entries[1].Before, &before)
	json.Unmarshal(entries[1].After, &after)
	if before["assumed"] != float64(1) || after["assumed"] != float64(0) || after["opd_code"] != "1.03.0.00.0.00.01.0000" {
		t.Errorf("audit before %v after %v", before, after)
	}
	// The office row cannot be removed.
	if err := s.write(ctx, func(tx *sql.Tx) error { _, err := tx.Exec(`DELETE FROM office`); return err }); err == nil {
		t.Error("deleting the office row succeeded")
	}
}

func TestEmptyOldRegisterGetsNoOffice(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, oldRegister(t, false))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Office(ctx); !errors.Is(err, roads.ErrNotFound) {
		t.Fatalf("empty old register: office err = %v, want ErrNotFound (nothing to assume)", err)
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if net.Office.IsSet() {
		t.Errorf("network office %+v on an empty register", net.Office)
	}
}

// A register file made by the previous release (`ruas demo` at 8426bd3),
// when one is given in $RUAS_OLD_DB: opens, migrates and keeps its data.
func TestReleaseRegisterFileMigrates(t *testing.T) {
	src := os.Getenv("RUAS_OLD_DB")
	if src == "" {
		t.Skip("set RUAS_OLD_DB to a register made by the previous release")
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "release.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !net.Office.Assumed || net.Office.Region != "35.72" || len(net.Ruas) == 0 {
		t.Fatalf("release register: office %+v, %d ruas", net.Office, len(net.Ruas))
	}
	t.Logf("release register: %d ruas, office %s (%s), assumed", len(net.Ruas), net.Office.Pemda(), net.Office.Region)
}
