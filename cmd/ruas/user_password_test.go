package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestUserWeakPassword: `ruas user add` and `ruas user passwd` refuse
// short and common passwords with a plain Indonesian sentence, exit 1.
func TestUserWeakPassword(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	for _, tc := range []struct{ pw, say string }{
		{"password", "minimal 10 karakter"},
		{"12345678", "minimal 10 karakter"},
		{"password123", "paling umum"},
		{"indonesia2025", "paling umum"},
	} {
		withStdin(t, tc.pw+"\n")
		code, _, stderr := runCLI(t, "user", "add", "--db", db, "--name", "citra", "--role", "walidata", "--password-stdin")
		if code != 1 || !strings.Contains(stderr, tc.say) {
			t.Errorf("add with %q: exit %d, stderr %q; want 1 saying %q", tc.pw, code, stderr, tc.say)
		}
	}
	withStdin(t, "sandi-citra-yang-baik\n")
	if code, _, stderr := runCLI(t, "user", "add", "--db", db, "--name", "citra", "--role", "walidata", "--password-stdin"); code != 0 {
		t.Fatalf("add with a good password: %d %s", code, stderr)
	}
	withStdin(t, "citra2024\n")
	if code, _, stderr := runCLI(t, "user", "passwd", "--db", db, "--name", "citra", "--password-stdin"); code != 1 || !strings.Contains(stderr, "minimal 10 karakter") {
		t.Errorf("passwd to a short one: exit %d, stderr %q", code, stderr)
	}
	withStdin(t, "citra.2024!\n")
	if code, _, stderr := runCLI(t, "user", "passwd", "--db", db, "--name", "citra", "--password-stdin"); code != 1 || !strings.Contains(stderr, "nama akun") {
		t.Errorf("passwd to the account's name: exit %d, stderr %q", code, stderr)
	}
}
