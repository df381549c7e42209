package quality

import (
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// The region-code check follows the register's office: a kabupaten's
// ruas are checked against its own kecamatan and desa, and a code of
// another region is a finding; without an office nothing is claimed.
func TestRegionCodesFollowTheOffice(t *testing.T) {
	// Kabupaten Bogor (32.01) ruas 001 has Bogor's first kecamatan and
	// kelurahan codes, 002 Kota Blitar's.
	findings := func(state string) map[string]bool {
		net := fixtureNet(t, state)
		got := map[string]bool{}
		for _, f := range Check(net, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)).Findings {
			if f.Check == "kecamatan_code" || f.Check == "kelurahan_code" {
				got[f.Ruas+" "+f.Check] = true
			}
		}
		return got
	}
	if got := findings(stateRegion); len(got) != 0 {
		t.Errorf("no office: region findings %v, want none", got)
	}
	got := findings(stateRegionBogor) // the office set to Kabupaten Bogor
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
	// The validity register and Jl. Luar (901), 0.02° (≈ 2.2 km) east of
	// the sound grid, whose eastern end is 110.434 E.
	out := roads.Key{Region: "99.01", No: "901"}
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	outside := func(state string) map[string]bool {
		net := fixtureNet(t, state)
		got := map[string]bool{}
		for k, fs := range findingsOf(Check(net, asOf)) {
			if fs["geometry_outside"] {
				got[k] = true
			}
		}
		return got
	}
	if got := outside(stateOut); len(got) != 0 {
		t.Fatalf("without an office: geometry_outside %v, want none", got)
	}
	// The office (34.71) whose outline is 110.39–110.449 E, 7.81–7.77 S
	// (the grid inside).
	got := outside(stateOutOffice)
	for _, k := range []string{out.String(), validityKey("jauh").String()} {
		if !got[k] {
			t.Errorf("ruas %s outside the office's boundary is not flagged (flagged: %v)", k, got)
		}
	}
	for _, name := range []string{"baik0", "baik5", "selisih"} {
		if k := validityKey(name).String(); got[k] {
			t.Errorf("ruas %s inside the boundary is flagged", name)
		}
	}
}
