package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestInitAddOffice: `ruas init --add-office` adds a kota to a province's
// register, `ruas user add --office` places an account in it, and an
// office not in the register is refused before any account is made.
func TestInitAddOffice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	if code, _, stderr := runCLI(t, "init", "--db", db, "--region", "35"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	code, out, stderr := runCLI(t, "init", "--db", db, "--add-office", "35.73")
	if code != 0 || !strings.Contains(out, "Kota Malang") {
		t.Fatalf("add office: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := runCLI(t, "init", "--db", db, "--add-office", "35.73.01"); code == 0 || !strings.Contains(stderr, "--add-office") {
		t.Errorf("a kecamatan as an office: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "user", "add", "--db", db, "--name", "budi", "--role", "produsen", "--token-only", "--office", "35.73"); code != 0 {
		t.Fatalf("user add --office: %s", stderr)
	}
	code, _, stderr = runCLI(t, "user", "add", "--db", db, "--name", "ani", "--role", "produsen", "--token-only", "--office", "35.79")
	if code == 0 || !strings.Contains(stderr, "ruas init --add-office 35.79") {
		t.Errorf("user add into an office not in the register: %d %s", code, stderr)
	}
	if _, out, _ := runCLI(t, "init", "--db", db); !strings.Contains(out, "35.73") || !strings.Contains(out, "Kantor lain") {
		t.Errorf("init does not list the other office: %s", out)
	}
	s, err := sqlitestore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if o, _ := s.AccountOffice(context.Background(), "budi"); o != "35.73" {
		t.Errorf("office of budi: %q, want 35.73", o)
	}
	if _, err := s.Account(context.Background(), "ani"); err == nil {
		t.Error("the refused account was made")
	}
}
