package quality

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// The region-code check follows the register's office: a kabupaten's
// ruas are checked against its own kecamatan and desa, and a code of
// another region is a finding; without an office nothing is claimed.
func TestRegionCodesFollowTheOffice(t *testing.T) {
	ctx := context.Background()
	s, err := roads.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
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
