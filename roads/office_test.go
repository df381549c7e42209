package roads

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/data/shared"
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
	if err := old.migrateTo(ctx, 5); err != nil {
		t.Fatal(err)
	}
	var hasOffice int
	if err := wdb.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'office'`).Scan(&hasOffice); err != nil || hasOffice != 0 {
		t.Fatalf("old register already has an office table (%d, %v)", hasOffice, err)
	}
	if withData {
		r := &Ruas{Key: Key{Region: "35.72", No: "001"}, Name: "Jl. Merdeka", Status: Kota, Fungsi: Lokal, Surface: Aspal,
			WidthM: 6, LengthM: 900, Source: Source{Form: "test", User: "lama"}}
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
	if o.Region != "35.72" || o.Name != "Kota Blitar" || o.Level != LevelKota || o.Authority != Kota ||
		o.OPD != "Dinas Pekerjaan Umum dan Penataan Ruang Kota Blitar" || !o.Assumed || o.Kodepemda() != "3572" || o.OPDShort() != "Dinas PUPR Kota Blitar" {
		t.Fatalf("migrated office = %+v, want Kota Blitar (35.72), kewenangan kota, marked assumed", o)
	}
	// The migration's own office must agree with the region table.
	w, ok := Ref().Place(o.Region)
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
	entries, err := s.Audit(ctx, AuditFilter{Entity: "office"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != "insert" || entries[0].Origin != "migration:006_office" || entries[0].Actor != "migrasi 006" {
		t.Fatalf("audit of the migrated office = %+v, want one insert from migration:006_office", entries)
	}
	// Confirming it clears the mark and is audited with its author.
	confirmed, errs := NewOffice(OfficeInput{Region: "35.72", OPDCode: "1.03.0.00.0.00.01.0000"})
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
	entries, _ = s.Audit(ctx, AuditFilter{Entity: "office"})
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
	if _, err := s.Office(ctx); !errors.Is(err, ErrNotFound) {
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

func TestNewOffice(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        OfficeInput
		wantErr   string // field with a problem, or ""
		pemda     string
		authority Status
	}{
		{"kota", OfficeInput{Region: "33.74"}, "", "Kota Semarang", Kota},
		{"kabupaten", OfficeInput{Region: " 32.01 "}, "", "Kabupaten Bogor", Kabupaten},
		{"provinsi", OfficeInput{Region: "35"}, "", "Provinsi Jawa Timur", Provinsi},
		{"kabupaten with provincial roads", OfficeInput{Region: "32.01", Authority: "Provinsi"}, "", "Kabupaten Bogor", Provinsi},
		{"kecamatan refused", OfficeInput{Region: "35.72.01"}, "region", "", ""},
		{"unknown code", OfficeInput{Region: "99.99"}, "region", "", ""},
		{"missing code", OfficeInput{}, "region", "", ""},
		{"bad kewenangan", OfficeInput{Region: "33.74", Authority: "desa"}, "kewenangan", "", ""},
		{"boundary not a polygon", OfficeInput{Region: "33.74", Boundary: []byte(`{"type":"LineString","coordinates":[[110.4,-7],[110.5,-7]]}`)}, "boundary", "", ""},
		{"boundary in UTM", OfficeInput{Region: "33.74", Boundary: []byte(`{"type":"Polygon","coordinates":[[[430000,9220000],[431000,9220000],[431000,9221000],[430000,9220000]]]}`)}, "boundary", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, errs := NewOffice(tc.in)
			if tc.wantErr != "" {
				if len(errs) == 0 || errs[0].Field != tc.wantErr || errs[0].Message == "" {
					t.Fatalf("errors %v, want one on %s", errs, tc.wantErr)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if o.Pemda() != tc.pemda || o.Authority != tc.authority || o.OPD != "Dinas Pekerjaan Umum dan Penataan Ruang "+tc.pemda {
				t.Errorf("office %+v (pemda %q), want %s with kewenangan %s", o, o.Pemda(), tc.pemda, tc.authority)
			}
		})
	}
}

// The embedded region table is the shared Kepmendagri 2025 file, row for
// row, and answers lookups by code, name and parent.
func TestRegionTableIsTheDecree(t *testing.T) {
	f, err := os.Open(shared.RealData(t, "indonesia/wilayah_kepmendagri_2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	rows, provinces, pemda := 0, 0, 0
	for sc.Scan() {
		line := sc.Text()
		i := strings.IndexByte(line, ',')
		code, name := line[:i], strings.TrimSpace(strings.Trim(line[i+1:], `"`)) // the source pads a few names
		w, ok := Ref().Place(code)
		if !ok || w.Name != name {
			t.Fatalf("%s %q: embedded table has %+v (%v)", code, name, w, ok)
		}
		rows++
		switch strings.Count(code, ".") {
		case 0:
			provinces++
		case 1:
			pemda++
		}
	}
	if rows != 91599 || provinces != 38 || pemda != 514 || Ref().Regions() != rows {
		t.Errorf("%d rows (%d provinces, %d kabupaten/kota), embedded %d; the decree has 91,599 (38, 514)", rows, provinces, pemda, Ref().Regions())
	}
	// Kota Blitar: 3 kecamatan, 21 kelurahan (7 each), none a desa.
	kec := Ref().Within("35.72", LevelKecamatan)
	kel := Ref().Within("35.72", LevelKelurahan)
	if len(kec) != 3 || len(kel) != 21 || kel[0].Desa {
		t.Errorf("35.72: %d kecamatan, %d kelurahan (first %+v)", len(kec), len(kel), kel[0])
	}
	if w, ok := Ref().PlaceByName(LevelKelurahan, "tanjung sari", "35.72.02"); !ok || w.Code != "35.72.02.1007" {
		t.Errorf("PlaceByName Tanjungsari in 35.72.02 = %+v, %v", w, ok)
	}
	if w, ok := Ref().PlaceByName(LevelKabupaten, "KOTA BLITAR", ""); !ok || w.Code != "35.72" || w.Level != LevelKota {
		t.Errorf("PlaceByName Kota Blitar = %+v, %v", w, ok)
	}
}

// The embedded file is gzip of the CSV (so it stays small in the binary).
func TestRegionFileIsGzip(t *testing.T) {
	f, err := os.Open("../data/" + wilayahFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	if _, err := gzip.NewReader(f); err != nil {
		t.Fatal(err)
	}
	if st.Size() > 700_000 {
		t.Errorf("%s is %d bytes; keep the embedded table under 700 kB", wilayahFile, st.Size())
	}
}

// BenchmarkRegionTable reads the embedded national table (the one-off cost
// of the first region lookup in a process).
func BenchmarkRegionTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadRegions(); err != nil {
			b.Fatal(err)
		}
	}
}
