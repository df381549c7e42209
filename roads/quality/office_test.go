package quality

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// The region-code check follows the register's office: a kabupaten's
// ruas are checked against its own kecamatan and desa, and a code of
// another region is a finding; without an office nothing is claimed.
func TestRegionCodesFollowTheOffice(t *testing.T) {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Kabupaten Bogor (32.01): kecamatan 32.01.01 is Cibinong, whose first
	// kelurahan in the decree is 32.01.01.1001.
	kec := roads.Ref().Within("32.01", roads.LevelKecamatan)[0]
	kel := roads.Ref().Within(kec.Code, roads.LevelKelurahan)[0]
	mk := func(no, kecCode, kelCode string) *roads.Ruas {
		return &roads.Ruas{Key: roads.Key{Region: "32.01", No: no}, Name: "Jl. " + no, Status: roads.Kabupaten, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: 1000, KecamatanCode: kecCode, Kecamatan: kec.Name, KelurahanCode: kelCode,
			Kelurahan: kel.Name, Source: roads.Source{Form: "test", User: "t"}}
	}
	good := mk("001", kec.Code, kel.Code)
	foreign := mk("002", "35.72.02", "35.72.02.1001") // Kota Blitar's codes on a Bogor ruas
	for _, r := range []*roads.Ruas{good, foreign} {
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	findings := func() map[string]bool {
		net, err := s.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, f := range Check(net, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)).Findings {
			if f.Check == "kecamatan_code" || f.Check == "kelurahan_code" {
				got[f.Ruas+" "+f.Check] = true
			}
		}
		return got
	}
	if got := findings(); len(got) != 0 {
		t.Errorf("no office: region findings %v, want none", got)
	}
	o, errs := roads.NewOffice(roads.OfficeInput{Region: "32.01"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := s.SetOffice(ctx, o, "admin", time.Now()); err != nil {
		t.Fatal(err)
	}
	got := findings()
	for _, want := range []string{"32.01/002 kecamatan_code", "32.01/002 kelurahan_code"} {
		if !got[want] {
			t.Errorf("missing finding %s (got %v)", want, got)
		}
	}
	if got["32.01/001 kecamatan_code"] || got["32.01/001 kelurahan_code"] {
		t.Errorf("ruas with Bogor's own codes flagged: %v", got)
	}
}

// Check reads the office's boundary from the network: with an office
// whose outline is set, a ruas outside it is a geometry_outside finding
// without any option, and a ruas inside is not.
func TestCheckUsesTheOfficeBoundary(t *testing.T) {
	reg := newValidityRegister(t)
	ctx := context.Background()
	// 0.02° (≈ 2.2 km) east of the sound grid, whose eastern end is 110.434 E.
	out := &roads.Ruas{Key: roads.Key{Region: "99.01", No: "901"}, Name: "Jl. Luar", Status: roads.Kota, Fungsi: roads.Lokal,
		Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: lineAt(110.46, -7.79, 0.01), Source: roads.Source{Form: "test"}}
	if err := reg.s.CreateRuas(ctx, out); err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	outside := func() map[string]bool {
		net, err := reg.s.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for k, fs := range findingsOf(Check(net, asOf)) {
			if fs["geometry_outside"] {
				got[k] = true
			}
		}
		return got
	}
	if got := outside(); len(got) != 0 {
		t.Fatalf("without an office: geometry_outside %v, want none", got)
	}
	// The office's outline: 110.39–110.449 E, 7.81–7.77 S (the grid inside).
	o, errs := roads.NewOffice(roads.OfficeInput{Region: "34.71", Boundary: []byte(
		`{"type":"Polygon","coordinates":[[[110.39,-7.81],[110.449,-7.81],[110.449,-7.77],[110.39,-7.77],[110.39,-7.81]]]}`)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := reg.s.SetOffice(ctx, o, "admin", time.Now()); err != nil {
		t.Fatal(err)
	}
	got := outside()
	for _, k := range []string{out.Key.String(), reg.ruas["jauh"].Key.String()} {
		if !got[k] {
			t.Errorf("ruas %s outside the office's boundary is not flagged (flagged: %v)", k, got)
		}
	}
	for _, name := range []string{"baik0", "baik5", "selisih"} {
		if k := reg.ruas[name].Key.String(); got[k] {
			t.Errorf("ruas %s inside the boundary is flagged", name)
		}
	}
}
