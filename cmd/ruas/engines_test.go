package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
)

// TestOpenRegisterPostgres: a postgres:// URL opens the PostgreSQL store
// (migrated), which reads back what it stores and has a change watch; a
// URL that reaches no server is a plain error that hides the password.
func TestOpenRegisterPostgres(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t, pgstore.Migrate)
	reg, err := openRegister(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	if _, ok := reg.(pgRegister); !ok {
		t.Fatalf("openRegister(%s) gave %T, want the PostgreSQL store", redactDSN(url), reg)
	}
	r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: "001"}, Name: "Jl. Uji", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal, WidthM: 5, LengthM: 100}
	if err := reg.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got, err := reg.Ruas(ctx, r.Key); err != nil || got.Name != "Jl. Uji" {
		t.Fatalf("read back %+v, %v", got, err)
	}
	w, err := reg.OpenWatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()

	_, err = openRegister(ctx, "postgres://ruas:rahasia@127.0.0.1:1/ruas?connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "rahasia") {
		t.Errorf("an unreachable server: %v; want an error without the password", err)
	}
	code, _, stderr := runCLI(t, "quality", "--db", "postgres://ruas:rahasia@127.0.0.1:1/ruas?connect_timeout=2")
	if code == 0 || strings.Contains(stderr, "rahasia") || !strings.Contains(stderr, "ruas:***@") {
		t.Errorf("ruas quality on an unreachable server: exit %d, %q", code, stderr)
	}
}

// engineRun is what one engine's CLI sequence gave.
type engineRun struct {
	plan, planJSON, sipd, quality, qualityRestored []byte
	audit                                          [][]string
}

// runSequence runs init, demo, plan, export sipd, quality, audit, backup
// and restore on the register db (a SQLite path or a postgres:// URL);
// restored is where the backup is restored to (same engine).
func runSequence(t *testing.T, db, restored string) engineRun {
	t.Helper()
	dir := t.TempDir()
	var r engineRun
	step := func(args ...string) string {
		t.Helper()
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("ruas %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
		// Outputs name the register; the engines' names differ.
		stdout = strings.ReplaceAll(stdout, redactDSN(db), "REGISTER")
		return strings.ReplaceAll(stdout, db, "REGISTER")
	}
	step("init", "--db", db, "--region", "35.72")
	step("demo", "--db", db, "--force", "--today", demoToday)
	planOut := filepath.Join(dir, "rencana.json")
	r.plan = []byte(step("plan", "--db", db, "--from", "2027", "--years", "3", "--budget", "8M", "--out", planOut))
	var err error
	if r.planJSON, err = os.ReadFile(planOut); err != nil {
		t.Fatal(err)
	}
	sipd := filepath.Join(dir, "sipd.csv")
	step("export", "sipd", "--db", db, "--plan-year", "2027", "--csv-machine", "--out", sipd)
	if r.sipd, err = os.ReadFile(sipd); err != nil {
		t.Fatal(err)
	}
	r.quality = []byte(step("quality", "--db", db, "--as-of", demoToday, "--json"))
	rows, err := csv.NewReader(strings.NewReader(step("audit", "--db", db))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// action, entity, entity_id, ruas_id, actor, origin: the moments (at,
	// and those inside before/after) are the runs' own, and the order of
	// the rows one statement changes (a verification batch) is the
	// engine's, so the rows are compared as a sorted list.
	for _, row := range rows[1:] {
		r.audit = append(r.audit, []string{row[2], row[3], row[4], row[5], row[6], row[7]})
	}
	slices.SortFunc(r.audit, func(a, b []string) int { return slices.Compare(a, b) })
	backup := filepath.Join(dir, "cadangan")
	if out := step("backup", "--db", db, "--out", backup); !strings.Contains(out, "pemeriksaan integritas: baik") {
		t.Errorf("backup said %q", out)
	}
	step("restore", "--db", restored, "--from", backup)
	r.qualityRestored = []byte(step("quality", "--db", restored, "--as-of", demoToday, "--json"))
	// The snapshot hash covers the moments each record was written, which
	// are this run's; it is the same hash across the engines for the same
	// rows (roads/transfer's test), so here it is named, not compared.
	var q struct {
		Hash string `json:"snapshot_hash"`
	}
	if err := json.Unmarshal(r.quality, &q); err != nil || len(q.Hash) < 8 {
		t.Fatalf("quality report without a snapshot hash: %v", err)
	}
	for _, b := range []*[]byte{&r.plan, &r.planJSON, &r.sipd, &r.quality, &r.qualityRestored} {
		*b = bytes.ReplaceAll(bytes.ReplaceAll(*b, []byte(q.Hash), []byte("HASH")), []byte(dir), []byte("DIR"))
	}
	return r
}

// TestSameOutputsOnBothEngines runs a realistic sequence through the CLI
// on a SQLite file and on a PostgreSQL database and requires the same
// figures: the plan's report and JSON, the SIPD export, the quality
// report (also of the restored backup) and the audit trail's entries.
func TestSameOutputsOnBothEngines(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo and a plan on both engines")
	}
	srv := pgtest.Server(t)
	pgURL := pgtest.NewDB(t, pgstore.Migrate)
	restoredName := "ruas_cli_restored_" + strings.ReplaceAll(filepath.Base(t.TempDir()), "-", "_")
	t.Cleanup(func() { pgtest.Drop(srv, restoredName); pgtest.Drop(srv, restoredName+"_before_restore") })
	dir := t.TempDir()
	sq := runSequence(t, filepath.Join(dir, "ruas.db"), filepath.Join(dir, "pulih.db"))
	pg := runSequence(t, pgURL, pgtest.WithDB(srv, restoredName))

	for _, c := range []struct {
		name     string
		sqlite   []byte
		postgres []byte
	}{
		{"plan report", sq.plan, pg.plan},
		{"plan JSON", sq.planJSON, pg.planJSON},
		{"SIPD export", sq.sipd, pg.sipd},
		{"quality report", sq.quality, pg.quality},
		{"quality of the restored backup", sq.qualityRestored, pg.qualityRestored},
	} {
		if len(c.sqlite) == 0 {
			t.Errorf("%s: empty", c.name)
		}
		if !bytes.Equal(c.sqlite, c.postgres) {
			t.Errorf("%s differs between the engines:\nSQLite:     %.600s\nPostgreSQL: %.600s", c.name, c.sqlite, c.postgres)
		}
	}
	if !bytes.Equal(sq.quality, sq.qualityRestored) {
		t.Errorf("the restored SQLite backup reports differently")
	}
	if len(sq.audit) < 100 || len(sq.audit) != len(pg.audit) {
		t.Fatalf("audit rows: SQLite %d, PostgreSQL %d", len(sq.audit), len(pg.audit))
	}
	for i := range sq.audit {
		if strings.Join(sq.audit[i], "|") != strings.Join(pg.audit[i], "|") {
			t.Errorf("audit row %d: SQLite %v, PostgreSQL %v", i, sq.audit[i], pg.audit[i])
			break
		}
	}
}

// TestRestorePostgresRefusesOpen: restoring over a PostgreSQL register
// that a process holds open is refused, and the register is unchanged.
func TestRestorePostgresRefusesOpen(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t, pgstore.Migrate)
	reg, err := openRegister(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: "001"}, Name: "Jl. Uji", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal, WidthM: 5, LengthM: 100}
	if err := reg.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "cadangan")
	if code, _, stderr := runCLI(t, "backup", "--db", url, "--out", backup); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCLI(t, "restore", "--db", url, "--from", backup)
	if code == 0 || !strings.Contains(stderr, "hentikan server dulu") {
		t.Errorf("restore over an open register: exit %d, %q", code, stderr)
	}
	if _, err := reg.Ruas(ctx, r.Key); err != nil {
		t.Errorf("the register after a refused restore: %v", err)
	}
	if err := pgstore.CheckDump(ctx, filepath.Join(t.TempDir(), "none")); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("checking a missing archive: %v", err)
	}
}

// TestDBHelpHidesPassword: a PostgreSQL URL in $RUAS_DB is the --db
// default, and the help shows it with its password hidden.
func TestDBHelpHidesPassword(t *testing.T) {
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "RUAS_DB" {
			return "postgres://ruas:rahasia@db.example/ruas"
		}
		return ""
	}}
	run(context.Background(), []string{"quality", "-h"}, e)
	help := out.String() + errb.String()
	if strings.Contains(help, "rahasia") || !strings.Contains(help, "postgres://ruas:***@db.example/ruas") {
		t.Errorf("help: %s", help)
	}
}
