package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeUsage: wrong invocations of serve exit 2 with a sentence that
// says what to fix; -h exits 0.
func TestServeUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	checkExits(t, []exitCase{
		{"help", []string{"serve", "-h"}, 0, "Usage: ruas serve"},
		{"unknown flag", []string{"serve", "--port", "80"}, 2, "flag provided but not defined"},
		{"stray argument", []string{"serve", "--db", db, "extra"}, 2, "tidak menerima argumen"},
		{"bad tiles", []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--tiles", "tiles.example.org"}, 2, "{z}, {x} dan {y}"},
		{"bad address", []string{"serve", "--db", db, "--addr", "127.0.0.1:99999"}, 1, "--addr"},
	}, outputOf)
}

// TestServeEndToEnd starts `ruas serve --demo` on a fresh file, reads the
// dashboard and the API over real HTTP, then stops it as SIGINT would
// (cancelling run's context) and checks it returns cleanly.
func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("fills the demo network; skipped with -short")
	}
	db := filepath.Join(t.TempDir(), "new", "ruas.db")
	if err := os.MkdirAll(filepath.Dir(db), 0o755); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	var errb strings.Builder
	e := &env{stdout: pw, stderr: &errb, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--demo"}, e)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	var base, printed string
	for lines.Scan() {
		printed += lines.Text() + "\n"
		if _, u, ok := strings.Cut(lines.Text(), " di http://"); ok {
			base = "http://" + u
			break
		}
	}
	if base == "" {
		t.Fatalf("serve printed no address; stderr %q", errb.String())
	}
	go io.Copy(io.Discard, pr)
	// --demo makes one account per role and prints each password once.
	for _, role := range []string{"admin", "produsen", "walidata", "perencana"} {
		if !regexp.MustCompile(`(?m)^\s+` + role + `\s+kata sandi \S{16}$`).MatchString(printed) {
			t.Errorf("no demo account %s printed in %q", role, printed)
		}
	}

	// The public is sent from / to the portal, which shows the verified demo network.
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "DATA SINTETIS") {
		t.Errorf("dashboard: %d, synthetic notice shown: %v", resp.StatusCode, strings.Contains(string(body), "DATA SINTETIS"))
	}
	var sum struct{ Total struct{ Ruas int } }
	resp, err = http.Get(base + "/api/v1/publik/summary")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&sum)
	resp.Body.Close()
	if sum.Total.Ruas == 0 {
		t.Errorf("demo network not filled or not published: %d ruas", sum.Total.Ruas)
	}
	// The working API needs an account.
	if resp, err = http.Get(base + "/api/v1/ruas"); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous /api/v1/ruas: %v %v, want 401", resp.StatusCode, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after the signal; stderr %q", err, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s of the signal")
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("register not created: %v", err)
	}
}
