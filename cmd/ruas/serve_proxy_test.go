package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestServeTrustedProxy starts `ruas serve` with and without
// --trusted-proxy and sends a sign-in with an X-Forwarded-For header: the
// attempt is counted against the forwarded address only when the peer
// (here loopback) is a trusted proxy.
func TestServeTrustedProxy(t *testing.T) {
	checkExits(t, []exitCase{
		{"bad proxy", []string{"serve", "--db", filepath.Join(t.TempDir(), "x.db"), "--addr", "127.0.0.1:0", "--trusted-proxy", "10.0.0.0/8,proxy.lan"}, 2, `--trusted-proxy "proxy.lan"`},
	}, outputOf)
	for _, tc := range []struct {
		name, flag, want string
	}{
		{"without the flag", "", "127.0.0.1"},
		{"loopback trusted", "127.0.0.1/32", "203.0.113.50"},
		{"another proxy trusted", "10.0.0.0/8", "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ruas.db")
			args := []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}
			if tc.flag != "" {
				args = append(args, "--trusted-proxy", tc.flag)
			}
			base, stop := startServe(t, args)
			form := url.Values{"name": {"siapa"}, "password": {"tebakan-salah"}, "csrf": {"csrf-token-of-this-browser-0001"}}
			req, _ := http.NewRequest("POST", base+"/masuk", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", "203.0.113.50")
			req.AddCookie(&http.Cookie{Name: "ruas_csrf", Value: "csrf-token-of-this-browser-0001"})
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 401 {
				t.Fatalf("wrong password: %d", resp.StatusCode)
			}
			stop()
			s, err := sqlitestore.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got, err := s.LoginAttempts(context.Background(), 0)
			if err != nil || len(got) != 1 || got[0].IP != tc.want {
				t.Errorf("attempts %+v (%v); want one from %s", got, err, tc.want)
			}
		})
	}
}

// startServe runs `ruas …serve…` until stop is called, and returns its base URL.
func startServe(t *testing.T, args []string) (base string, stop func()) {
	t.Helper()
	pr, pw := io.Pipe()
	var errb strings.Builder
	e := &env{stdout: pw, stderr: &errb, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, e)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	for lines.Scan() {
		if _, u, ok := strings.Cut(lines.Text(), " di http://"); ok {
			base = "http://" + u
			break
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("serve printed no address; stderr %q", errb.String())
	}
	go io.Copy(io.Discard, pr)
	stop = func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}
	return base, stop
}
