package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = exitCode(run(context.Background(), args, e), &errb)
	return code, out.String(), errb.String()
}

// exitCase is one invocation of the CLI with the exit code it must give
// and a text its output must contain.
type exitCase struct {
	name string
	args []string
	code int
	in   string
}

// stderrOf and outputOf pick what checkExits searches for a case's text.
func stderrOf(_, stderr string) string      { return stderr }
func outputOf(stdout, stderr string) string { return stdout + stderr }

// checkExits runs every case as a subtest.
func checkExits(t *testing.T, cases []exitCase, where func(stdout, stderr string) string) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(where(stdout, stderr), tt.in) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d containing %q", code, stdout, stderr, tt.code, tt.in)
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	checkExits(t, []exitCase{
		{"no subcommand", nil, 2, "no subcommand"},
		{"unknown subcommand", []string{"frobnicate"}, 2, "unknown subcommand"},
		{"help", []string{"-h"}, 0, ""},
		{"subcommand help", []string{"backup", "-h"}, 0, "Usage: ruas backup"},
		{"missing flag", []string{"backup", "--db", db}, 2, "perlu --out"},
		{"bad flag", []string{"backup", "--nope"}, 2, "flag provided but not defined"},
		{"restore from missing", []string{"restore", "--db", db, "--from", filepath.Join(t.TempDir(), "x.db")}, 1, "not found"},
	}, stderrOf)
}

func TestBackupRestoreCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	backup := filepath.Join(dir, "b.db")
	if code, _, stderr := runCLI(t, "backup", "--db", db, "--out", backup); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "restore", "--db", db, "--from", backup); code != 0 {
		t.Fatalf("restore: exit %d: %s", code, stderr)
	}
	code, out, _ := runCLI(t, "audit", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "id,at,action") {
		t.Errorf("audit: exit %d output %q", code, out)
	}
}
