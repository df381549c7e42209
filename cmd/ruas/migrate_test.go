package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
	"github.com/kotablitar/ruas/roads/sqlitestore"
	"github.com/kotablitar/ruas/roads/storetest"
)

// TestMain stops the throwaway PostgreSQL cluster the migrate test may start.
func TestMain(m *testing.M) { pgtest.Main(m) }

// TestMigrateCommand: `ruas migrate` moves a register to PostgreSQL and
// back, printing every table's count on both sides, and refuses plainly a
// target that already holds data.
func TestMigrateCommand(t *testing.T) {
	checkExits(t, []exitCase{
		{"no target", []string{"migrate", "--from", "ruas.db"}, 2, "migrate perlu --from dan --to"},
	}, stderrOf)
	ctx := context.Background()
	pgURL := pgtest.NewDB(t, pgstore.Migrate)
	dir := t.TempDir()
	from, back := filepath.Join(dir, "asal.db"), filepath.Join(dir, "kembali.db")
	s, err := sqlitestore.Open(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	for i, no := range []string{"001", "002", "003"} {
		if err := s.CreateRuas(ctx, storetest.SampleRuas(no, 112.1+float64(i)*0.02)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	code, stdout, stderr := runCLI(t, "migrate", "--from", from, "--to", pgURL)
	if code != 0 || !strings.Contains(stdout, "ruas                   3 baris dibaca,         3 di tujuan") ||
		!strings.Contains(stdout, "audit                  3 baris dibaca,         3 di tujuan") || !strings.Contains(stdout, "register dipindahkan") {
		t.Fatalf("migrate to PostgreSQL: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, "migrate", "--from", from, "--to", pgURL)
	if code != 1 || !strings.Contains(stderr, "already holds data (3 rows of ruas") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("migrate into a register with data: exit %d, %s", code, stderr)
	}
	code, stdout, stderr = runCLI(t, "migrate", "--from", pgURL, "--to", back)
	if code != 0 || !strings.Contains(stdout, "register dipindahkan") {
		t.Fatalf("migrate back to SQLite: exit %d\n%s%s", code, stdout, stderr)
	}
	b, err := sqlitestore.Open(ctx, back)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n, _ := b.CountRuas(ctx, roads.RuasFilter{}); n != 3 {
		t.Errorf("%d ruas back in SQLite, want 3", n)
	}
}
