package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRestoreWhileServing: `ruas restore` while `ruas serve` has the
// register open exits 1 with a sentence saying to stop the server, and
// leaves the register in place (it used to exit 0 and lose the writes the
// server acknowledged after it); once the server stops, it restores.
func TestRestoreWhileServing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	backup := filepath.Join(dir, "cadangan.db")
	if code, _, stderr := runCLI(t, "backup", "--db", db, "--out", backup); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	pr, pw := io.Pipe()
	var errb strings.Builder
	e := &env{stdout: pw, stderr: &errb, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, e)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	up := false
	for lines.Scan() {
		if strings.Contains(lines.Text(), " di http://") {
			up = true
			break
		}
	}
	if !up {
		t.Fatalf("serve did not start; stderr %q", errb.String())
	}
	go io.Copy(io.Discard, pr)

	code, _, stderr := runCLI(t, "restore", "--db", db, "--from", backup)
	if code != 1 || !strings.Contains(stderr, "hentikan server dulu") {
		t.Errorf("restore while serving: exit %d, %q; want 1 and a sentence saying to stop the server", code, stderr)
	}
	if _, err := os.Stat(db + ".before-restore"); err == nil {
		t.Error("a refused restore moved the register")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if code, _, stderr := runCLI(t, "restore", "--db", db, "--from", backup); code != 0 {
		t.Errorf("restore after the server stopped: exit %d: %s", code, stderr)
	}
}
