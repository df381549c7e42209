package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/locale"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// demoNow is the fixed day the tests make the demo on, so that the demo's
// years are the same on every run.
func demoNow() time.Time { return time.Date(2026, 12, 6, 9, 0, 0, 0, locale.WIB) }

// demoToday is demoNow as `ruas demo --today` takes it.
var demoToday = demoNow().Format("2006-01-02")

// demoPlanFrom is the first plan year of the demo: the year after its last survey.
var demoPlanFrom = demo.CalendarOf(demoNow).LastYear + 1

func TestDemoUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	checkExits(t, []exitCase{
		{"help", []string{"demo", "-h"}, 0, "DATA SINTETIS"},
		{"argument", []string{"demo", "--db", db, "extra"}, 2, "tidak menerima argumen"},
		{"bad seed", []string{"demo", "--db", db, "--seed", "abc"}, 2, "invalid value"},
		{"bad flag", []string{"demo", "--nope"}, 2, "flag provided but not defined"},
		{"bad today", []string{"demo", "--db", db, "--today", "6/12/2026"}, 2, "YYYY-MM-DD"},
		{"future today", []string{"demo", "--db", db, "--today", time.Now().AddDate(0, 0, 3).Format("2006-01-02")}, 2, "belum tiba"},
	}, stderrOf)
}

func TestDemoCLI(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ruas.db")
	want := demo.Network(demo.DefaultSeed, demoNow)

	code, out, stderr := runCLI(t, "demo", "--db", db, "--today", demoToday)
	if code != 0 || !strings.Contains(out, "DATA SINTETIS") || !strings.Contains(out, "terverifikasi") {
		t.Fatalf("demo on a new file: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	// The demo made on 6 December 2026: surveys 2021–2026, works contracted for 2027.
	if !strings.Contains(out, "per 06/12/2026: survei 2021–2026, penanganan terkontrak 2027") {
		t.Errorf("demo output does not state its calendar: %q", out)
	}
	n := network(t, db)
	if len(n.Ruas) != len(want.Ruas) || len(n.Verified().Ruas) != len(want.Ruas) {
		t.Fatalf("after demo: %d ruas, %d published; want %d, all published", len(n.Ruas), len(n.Verified().Ruas), len(want.Ruas))
	}

	// A register that holds ruas is refused without --force, and nothing changes.
	code, _, stderr = runCLI(t, "demo", "--db", db, "--seed", "7")
	if code != 1 || !strings.Contains(stderr, "sudah berisi") || !strings.Contains(stderr, "--force") {
		t.Errorf("demo over a filled register: exit %d, stderr %q; want exit 1 naming --force", code, stderr)
	}
	if again := network(t, db); again.Hash != n.Hash {
		t.Error("a refused demo changed the register")
	}

	// --force with the same seed changes nothing.
	code, out, stderr = runCLI(t, "demo", "--db", db, "--force", "--today", demoToday)
	if code != 0 || !strings.Contains(out, "tetap") {
		t.Fatalf("demo --force: exit %d, stdout %q, stderr %q", code, out, stderr)
	}

	// --force never overwrites a ruas that is not demo data.
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	real := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "900"}, Name: "Jl. Nyata", Status: roads.Kota, Surface: roads.Aspal,
		LengthM: 500, Geometry: orb.LineString{{112.16, -8.10}, {112.165, -8.10}}}
	if err := s.CreateRuas(ctx, real); err != nil {
		t.Fatal(err)
	}
	s.Close()
	clash := filepath.Join(t.TempDir(), "clash.db")
	s, err = sqlitestore.Open(ctx, clash)
	if err != nil {
		t.Fatal(err)
	}
	real.Key.No = "001"
	if err := s.CreateRuas(ctx, real); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, _, stderr = runCLI(t, "demo", "--db", clash, "--force")
	if code != 1 || !strings.Contains(stderr, "35.72/001") || !strings.Contains(stderr, "bukan data demo") {
		t.Errorf("demo --force over a real 35.72/001: exit %d, stderr %q; want exit 1 naming the ruas", code, stderr)
	}
	if c := network(t, clash); len(c.Ruas) != 1 || c.Ruas[0].Name != "Jl. Nyata" {
		t.Errorf("the real ruas was touched: %d ruas, first %q", len(c.Ruas), c.Ruas[0].Name)
	}
	// A real ruas outside the demo's numbers survives --force untouched.
	if code, _, stderr = runCLI(t, "demo", "--db", db, "--force", "--draft"); code != 0 {
		t.Fatalf("demo --force beside a real ruas: exit %d, stderr %q", code, stderr)
	}
	n = network(t, db)
	if len(n.Ruas) != len(want.Ruas)+1 {
		t.Errorf("%d ruas, want the demo's %d and the real one", len(n.Ruas), len(want.Ruas))
	}
	for _, r := range n.Ruas {
		if r.Key.No == "900" && (r.Name != "Jl. Nyata" || demo.IsDemo(r) || r.Version != 1) {
			t.Errorf("real ruas 35.72/900 changed: %+v", r)
		}
	}
}

func network(t *testing.T, db string) *roads.Network {
	t.Helper()
	s, err := sqlitestore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Network(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
