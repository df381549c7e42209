// Package pgtest gives tests a PostgreSQL server and a fresh database per
// test. The server is RUAS_TEST_POSTGRES (a postgres:// URL of a role that
// may create databases) when set; otherwise a throwaway cluster is started
// under a temporary directory when Debian's PostgreSQL (initdb) is
// installed; otherwise the tests that need one skip, saying why. So the
// suite needs nothing but Go and gcc, and CI (which installs PostgreSQL)
// runs the PostgreSQL tests for real.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Env names the variable holding the test server's URL.
const Env = "RUAS_TEST_POSTGRES"

var (
	once    sync.Once
	base    string // the server's URL (database postgres)
	why     string // why there is no server
	cluster string // data directory of the cluster we started, if any
	asUser  string // the user the cluster runs as ("" = us)
	tmpl    string // template database name, once made
	tmplMu  sync.Mutex
	seq     atomic.Int64
)

// Main runs the tests, drops the template database NewDB made, and stops
// the cluster the tests started, if they started one.
func Main(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}

// Cleanup drops the template database NewDB made and stops the cluster
// the tests started, if any: for a TestMain that cannot use Main.
func Cleanup() {
	if tmpl != "" {
		Drop(base, tmpl)
	}
	stop()
}

// Server returns the URL of the test server's maintenance database, or
// skips t when there is none.
func Server(t testing.TB) string {
	t.Helper()
	once.Do(setup)
	if base == "" {
		t.Skipf("no PostgreSQL for the PostgreSQL store tests: %s (set %s=postgres://user@host:port/postgres, or install postgresql and postgresql-15-postgis-3)", why, Env)
	}
	return base
}

func setup() {
	if u := os.Getenv(Env); u != "" {
		base = u
		return
	}
	initdb, err := tool("initdb")
	if err != nil {
		why = Env + " is not set and initdb is not installed"
		return
	}
	if err := start(initdb); err != nil {
		why = "starting a throwaway cluster failed: " + err.Error()
		stop()
	}
}

func command(name string, args ...string) *exec.Cmd {
	if asUser != "" {
		return exec.Command("runuser", append([]string{"-u", asUser, "--", name}, args...)...)
	}
	return exec.Command(name, args...)
}

// start makes and starts a cluster on a free loopback port. initdb refuses
// to run as root; as root the cluster runs as the postgres user.
func start(initdb string) error {
	dir, err := os.MkdirTemp("", "ruas-pgtest-")
	if err != nil {
		return err
	}
	cluster = filepath.Join(dir, "data")
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root and there is no postgres user to run the cluster")
		}
		asUser = "postgres"
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return err
		}
	}
	if out, err := command(initdb, "-D", cluster, "-U", "postgres", "--auth=trust", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v: %s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	pgctl := filepath.Join(filepath.Dir(initdb), "pg_ctl")
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port, dir)
	if out, err := command(pgctl, "-D", cluster, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start").CombinedOutput(); err != nil {
		return fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	base = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return nil
}

func stop() {
	if cluster == "" {
		return
	}
	if pgctl, err := tool("pg_ctl"); err == nil {
		command(pgctl, "-D", cluster, "-m", "immediate", "-w", "stop").Run()
	}
	os.RemoveAll(filepath.Dir(cluster))
	cluster = ""
}

// WithDB is u with its database replaced by name.
func WithDB(u, name string) string {
	pu, err := url.Parse(u)
	if err != nil {
		panic(err)
	}
	pu.Path = "/" + name
	return pu.String()
}

// tool finds a PostgreSQL server program on PATH or in Debian's
// /usr/lib/postgresql/<version>/bin.
func tool(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(found) == 0 {
		return "", fmt.Errorf("%s not found", name)
	}
	sort.Strings(found)
	return found[len(found)-1], nil
}

// NewDB creates a database for t, a copy of a template that migrate
// prepared once per test binary (it opens the register at a URL, applying
// its migrations), and drops it when t ends. It returns the database's URL.
func NewDB(t testing.TB, migrate func(ctx context.Context, url string) error) string {
	t.Helper()
	srv := Server(t)
	ctx := context.Background()
	maint, err := sql.Open("pgx", srv)
	if err != nil {
		t.Fatal(err)
	}
	defer maint.Close()
	tmplMu.Lock()
	if tmpl == "" {
		name := fmt.Sprintf("ruas_tmpl_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
		if _, err := maint.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
			tmplMu.Unlock()
			t.Fatal(err)
		}
		if err := migrate(ctx, WithDB(srv, name)); err != nil {
			tmplMu.Unlock()
			t.Fatalf("migrate the template database: %v", err)
		}
		tmpl = name
	}
	tmplMu.Unlock()
	name := fmt.Sprintf("ruas_t%d_%d", os.Getpid(), seq.Add(1))
	var lastErr error
	for range 50 { // the template must have no session while it is copied
		if _, lastErr = maint.ExecContext(ctx, `CREATE DATABASE `+name+` TEMPLATE `+tmpl); lastErr == nil {
			break
		}
		if !strings.Contains(lastErr.Error(), "being accessed") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if lastErr != nil {
		t.Fatal(lastErr)
	}
	t.Cleanup(func() { Drop(srv, name) })
	return WithDB(srv, name)
}

// Drop drops a database, ending its sessions first.
func Drop(srv, name string) {
	maint, err := sql.Open("pgx", srv)
	if err != nil {
		return
	}
	defer maint.Close()
	maint.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
}
