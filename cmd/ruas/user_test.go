package main

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// withStdin makes --password-stdin read s for the rest of the test.
func withStdin(t *testing.T, s string) {
	old := stdin
	stdin = strings.NewReader(s)
	t.Cleanup(func() { stdin = old })
}

func TestUserCLIUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	if code, _, stderr := runCLI(t, "user", "add", "--db", db, "--name", "ani", "--role", "produsen"); code != 0 {
		t.Fatalf("add ani: %s", stderr)
	}
	checkExits(t, []exitCase{
		{"no action", []string{"user"}, 2, "perlu aksi"},
		{"help", []string{"user", "-h"}, 0, "passwd"},
		{"action help", []string{"user", "add", "-h"}, 0, "Usage: ruas user add"},
		{"unknown action", []string{"user", "hapus"}, 2, "tidak dikenal"},
		{"add without name", []string{"user", "add", "--db", db, "--role", "admin"}, 2, "perlu --name"},
		{"bad role", []string{"user", "add", "--db", db, "--name", "budi", "--role", "bos"}, 2, "--role \"bos\""},
		{"both password sources", []string{"user", "add", "--db", db, "--name", "budi", "--role", "admin", "--password-stdin", "--token-only"}, 2, "tidak dapat dipakai bersama"},
		{"bad name", []string{"user", "add", "--db", db, "--name", "Budi Santoso", "--role", "admin"}, 1, "isian akun tidak sah"},
		{"taken name", []string{"user", "add", "--db", db, "--name", "ANI", "--role", "admin"}, 1, "sudah dipakai"},
		{"passwd of unknown", []string{"user", "passwd", "--db", db, "--name", "nobody"}, 1, "ruas user list"},
		{"token without name", []string{"user", "token", "--db", db}, 2, "perlu --name"},
	}, outputOf)
	t.Run("empty stdin", func(t *testing.T) {
		withStdin(t, "")
		code, _, stderr := runCLI(t, "user", "add", "--db", db, "--name", "citra", "--role", "walidata", "--password-stdin")
		if code != 2 || !strings.Contains(stderr, "stdin kosong") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}

// TestUserCLILifecycle: an account made on the command line signs in with
// the password given or printed, its token acts for it, and disabling,
// revoking and role changes take effect.
func TestUserCLILifecycle(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ruas.db")
	withStdin(t, "rahasia-wati\n")
	if code, _, stderr := runCLI(t, "user", "add", "--db", db, "--name", "wati", "--role", "walidata", "--full-name", "Wati S.", "--password-stdin"); code != 0 {
		t.Fatalf("add wati: %s", stderr)
	}
	code, out, stderr := runCLI(t, "user", "add", "--db", db, "--name", "budi", "--role", "produsen")
	if code != 0 {
		t.Fatalf("add budi: %s", stderr)
	}
	m := regexp.MustCompile(`kata sandi: (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no generated password printed: %q", out)
	}
	budiPW := m[1]
	code, tok, stderr := runCLI(t, "user", "token", "--db", db, "--name", "budi", "--label", "skrip impor")
	tok = strings.TrimSpace(tok)
	if code != 0 || strings.Contains(tok, "\n") || !strings.HasPrefix(tok, "ruas_") {
		t.Fatalf("token: exit %d stdout %q stderr %q; want the token alone on stdout", code, tok, stderr)
	}

	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	open := roads.LoginPolicy{}
	if a, err := s.Login(ctx, "wati", "rahasia-wati", "127.0.0.1", open); err != nil || a.Role != roads.RoleWalidata || a.FullName != "Wati S." {
		t.Errorf("wati with the stdin password: %+v, %v", a, err)
	}
	if _, err := s.Login(ctx, "budi", budiPW, "127.0.0.1", open); err != nil {
		t.Errorf("budi with the printed password: %v", err)
	}
	if a, err := s.TokenAccount(ctx, tok); err != nil || a.Name != "budi" {
		t.Errorf("token acts for %+v, %v; want budi", a, err)
	}
	if e, _ := s.Audit(ctx, roads.AuditFilter{Entity: "account"}); len(e) != 2 || !strings.HasPrefix(e[0].Actor, "cli") {
		t.Errorf("account audit %+v; want two entries by the cli", e)
	}
	s.Close()

	for _, args := range [][]string{
		{"user", "role", "--db", db, "--name", "budi", "--role", "perencana"},
		{"user", "revoke", "--db", db, "--name", "budi"},
		{"user", "disable", "--db", db, "--name", "wati"},
	} {
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	code, out, _ = runCLI(t, "user", "list", "--db", db)
	if code != 0 || !regexp.MustCompile(`budi\s+perencana\s+aktif`).MatchString(out) || !regexp.MustCompile(`wati\s+walidata\s+nonaktif`).MatchString(out) {
		t.Errorf("list after changes:\n%s", out)
	}
	s, err = sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Login(ctx, "wati", "rahasia-wati", "127.0.0.1", open); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("disabled wati signs in: %v", err)
	}
	if _, err := s.TokenAccount(ctx, tok); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("revoked token still works: %v", err)
	}
	if code, _, stderr := runCLI(t, "user", "token", "--db", db, "--name", "wati"); code != 1 || !strings.Contains(stderr, "enable") {
		t.Errorf("token for a disabled account: exit %d %s", code, stderr)
	}
}
