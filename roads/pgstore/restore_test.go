package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
	"github.com/kotablitar/ruas/roads/storetest"
)

func exists(t *testing.T, srv, name string) bool {
	t.Helper()
	db, err := sql.Open("pgx", srv)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func nameOf(t *testing.T, u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(pu.Path, "/")
}

// TestRestoreChecked: a restore refuses a register in use and backups whose
// content cannot be trusted (a migration this program does not know, an
// audit trail made writable, a row the trail says was deleted), leaving the
// register as it was; a good backup replaces the register, the old one
// kept beside it.
func TestRestoreChecked(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Server(t)
	dir := t.TempDir()
	targetURL := pgtest.NewDB(t, Migrate)
	target := nameOf(t, targetURL)
	t.Cleanup(func() { pgtest.Drop(srv, target+"_before_restore") })
	s, err := Open(ctx, targetURL)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateRuas(ctx, storetest.SampleRuas("001", 112.16)); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "baik.dump")
	if err := s.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, good); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("backup over an existing file: %v, want a conflict", err)
	}
	if err := s.CreateRuas(ctx, storetest.SampleRuas("002", 112.17)); err != nil {
		t.Fatal(err)
	}
	if err := Restore(ctx, good, targetURL); !errors.Is(err, roads.ErrInUse) {
		t.Errorf("restore while the register is open: %v, want ErrInUse", err)
	}
	s.Close()

	cases := []struct {
		name string
		sql  []string
		want string
	}{
		{"unknown migration", []string{`INSERT INTO schema_migration VALUES (999, '999_future.sql', now())`}, "migration 999"},
		{"writable audit", []string{`DROP TRIGGER audit_no_update ON audit`}, "append-only"},
		{"deleted row back", []string{`ALTER TABLE audit DISABLE TRIGGER USER`,
			`INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin) SELECT 'delete', 'ruas', id, id, 'x', 'x' FROM ruas`,
			`ALTER TABLE audit ENABLE TRIGGER USER`}, "deleted"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := pgtest.NewDB(t, Migrate)
			scratch := nameOf(t, u)
			pgtest.Drop(srv, scratch)
			if err := Restore(ctx, good, u); err != nil {
				t.Fatal(err)
			}
			db, err := sql.Open("pgx", u)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range c.sql {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			db.Close()
			bad := filepath.Join(dir, fmt.Sprintf("rusak%d.dump", i))
			if err := run(ctx, "pg_dump", "--format=custom", "--file="+bad, "--dbname="+u); err != nil {
				t.Fatal(err)
			}
			err = Restore(ctx, bad, targetURL)
			if !errors.Is(err, roads.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("restore of a backup with %s: %v, want ErrInvalid naming %q", c.name, err, c.want)
			}
			if exists(t, srv, target+"_before_restore") || exists(t, srv, target+"_restoring") {
				t.Error("a refused restore moved the register or left its scratch database")
			}
		})
	}
	if err := CheckDump(ctx, filepath.Join(dir, "nothing.dump")); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("a missing archive: %v, want ErrInvalid", err)
	}

	if err := Restore(ctx, good, targetURL); err != nil {
		t.Fatalf("restore of a good backup: %v", err)
	}
	r, err := Open(ctx, targetURL)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, _ := r.CountRuas(ctx, roads.RuasFilter{}); n != 1 {
		t.Errorf("restored register holds %d ruas, want the backup's 1", n)
	}
	if !exists(t, srv, target+"_before_restore") {
		t.Error("the replaced register was not kept")
	}
}
