package sqlitestore

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestRestoreRefusesOpenRegister: a restore while a Store has the register
// open — in this process, or in another one (the test binary re-run as a
// helper that opens the register and waits) — is refused with ErrInUse and
// a message saying to stop the server, and replaces nothing; once the
// holder closes, the restore goes through.
func TestRestoreRefusesOpenRegister(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	backup := filepath.Join(dir, "cadangan.db")
	s, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateRuas(ctx, sampleRuas("001")); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateRuas(ctx, sampleRuas("002")); err != nil {
		t.Fatal(err)
	}
	err = Restore(ctx, backup, db)
	if !errors.Is(err, roads.ErrInUse) || !strings.Contains(err.Error(), "hentikan server dulu") {
		t.Fatalf("restore with the register open here: %v, want ErrInUse", err)
	}
	s.Close()

	// Another process holds it.
	cmd := exec.Command(os.Args[0], "-test.run=^TestRestoreHelperProcess$")
	cmd.Env = append(os.Environ(), "RUAS_HOLD_REGISTER="+db)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "open" {
		cmd.Process.Kill()
		t.Fatalf("helper: %q %v", line, err)
	}
	err = Restore(ctx, backup, db)
	if !errors.Is(err, roads.ErrInUse) {
		t.Errorf("restore while another process has the register open: %v, want ErrInUse", err)
	}
	if _, err := os.Stat(db + ".before-restore"); err == nil {
		t.Error("a refused restore moved the register")
	}
	stdin.Close() // the helper closes the register and exits
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}

	if err := Restore(ctx, backup, db); err != nil {
		t.Fatalf("restore with no holder: %v", err)
	}
	r, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, _ := r.CountRuas(ctx, roads.RuasFilter{}); n != 1 {
		t.Errorf("restored register holds %d ruas, want the backup's 1", n)
	}
}

// TestRestoreHelperProcess is not a test: run by TestRestoreRefusesOpenRegister
// as a second process, it opens the register, says "open", and holds it
// until its stdin closes.
func TestRestoreHelperProcess(t *testing.T) {
	db := os.Getenv("RUAS_HOLD_REGISTER")
	if db == "" {
		t.Skip("helper process only")
	}
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("open\n")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
}

// TestRestoreChecksContent: backups that pass integrity_check but whose
// content is not a register this program can trust are refused, and the
// register stays as it was: a migration this program does not know, a row
// pointing at a missing ruas, an audit trail made writable, and a row the
// audit trail says was deleted.
func TestRestoreChecksContent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	s, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	r := sampleRuas("001")
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "baik.db")
	if err := s.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	s.Close()
	cases := []struct {
		name string
		sql  []string
		want string
	}{
		{"unknown migration", []string{`INSERT INTO schema_migration VALUES (999, '999_future.sql', '')`}, "migration 999"},
		{"dangling row", []string{`PRAGMA foreign_keys = OFF`, `INSERT INTO traffic (ruas_id, year, lhr, recorded_at) VALUES (4242, 2025, 10, '2025-01-01T00:00:00Z')`}, "foreign_key_check"},
		{"writable audit", []string{`DROP TRIGGER audit_no_update`}, "append-only"},
		{"deleted row back", []string{`DROP TRIGGER audit_no_delete`, `DELETE FROM audit WHERE entity = 'ruas'`,
			`INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin) VALUES ('delete', 'ruas', 1, 1, 'x', 'x')`,
			`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`}, "deleted"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, fmt.Sprintf("rusak%d.db", i))
			if err := copyFile(good, p); err != nil {
				t.Fatal(err)
			}
			raw, err := sql.Open("sqlite3", "file:"+p)
			if err != nil {
				t.Fatal(err)
			}
			raw.SetMaxOpenConns(1)
			for _, stmt := range c.sql {
				if _, err := raw.ExecContext(ctx, stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
			raw.Close()
			err = Restore(ctx, p, db)
			if !errors.Is(err, roads.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("restore of a backup with %s: %v, want ErrInvalid naming %q", c.name, err, c.want)
			}
			if _, err := os.Stat(db + ".before-restore"); err == nil {
				t.Error("a refused restore moved the register")
			}
		})
	}
	if err := Restore(ctx, good, db); err != nil {
		t.Errorf("restore of a good backup: %v", err)
	}
}
