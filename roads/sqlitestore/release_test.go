package sqlitestore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestOpensPreviousRelease opens a register written by the release before
// offices, segment surveys, sign-in devices and retirements
// (testdata/release-2026-12-05.db: made by that release's `ruas import
// --region 35.72 --survey-date 2026-06-30 release-2026-12-05.csv`, `ruas
// user add --name walidata --role walidata` and one `ruas plan`). It must
// migrate, keep every record and its audit trail, name Kota Blitar as the
// assumed office, and still sign its account in.
func TestOpensPreviousRelease(t *testing.T) {
	ctx := context.Background()
	raw, err := os.ReadFile(filepath.Join("testdata", "release-2026-12-05.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ruas.db")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("the previous release's register does not open: %v", err)
	}
	defer s.Close()

	o, err := s.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if o.Region != "35.72" || !o.Assumed || o.Authority != roads.Kota {
		t.Errorf("office = %+v, want Kota Blitar (35.72, kota), marked assumed", o)
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The CSV beside the file holds these three ruas and their lengths.
	want := map[string]float64{"Jl. Merdeka": 1200, "Jl. Kenanga": 850, "Jl. Melati": 430}
	if len(net.Ruas) != len(want) {
		t.Fatalf("%d ruas after migration, want %d", len(net.Ruas), len(want))
	}
	for _, r := range net.Ruas {
		if l, ok := want[r.Name]; !ok || r.LengthM != l {
			t.Errorf("ruas %s %q length %g: not as imported", r.Key, r.Name, r.LengthM)
		}
		if n := len(net.Surveys[r.ID]); n != 1 {
			t.Errorf("ruas %s: %d surveys, want the 1 imported", r.Key, n)
		}
	}
	trail, err := s.Audit(ctx, roads.AuditFilter{Entity: "ruas"})
	if err != nil {
		t.Fatal(err)
	}
	inserts := 0
	for _, e := range trail {
		if e.Action == "insert" {
			inserts++
		}
	}
	if inserts != 3 {
		t.Errorf("%d ruas inserts in the migrated trail, want the 3 the old release wrote", inserts)
	}
	if _, err := s.Login(ctx, "walidata", "Rahasia-Panjang-2026", "127.0.0.1", roads.DefaultLoginPolicy); err != nil {
		t.Errorf("the old release's account cannot sign in: %v", err)
	}
	runs, err := s.PlanRuns(ctx)
	if err != nil || len(runs) != 1 {
		t.Errorf("plan runs after migration: %d, %v; want the 1 stored", len(runs), err)
	}
	s.Close()
	if err := CheckIntegrity(ctx, path); err != nil {
		t.Errorf("integrity after migration: %v", err)
	}
}
