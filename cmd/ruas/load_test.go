package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// The load test runs `ruas serve` in-process on 127.0.0.1:0 over one
// SQLite file, and again over a PostgreSQL database when a server is
// available (roads/pgstore/pgtest), and drives it with loadWriters writing
// and loadReaders reading for RUAS_LOAD_SECONDS (default 5 s; the README
// figures come from a 60 s run). It asserts no failed request, no "database is locked"
// anywhere, every acknowledged write present afterwards, and that a backup
// taken mid-load restores to a database that passes the integrity check
// and holds every write acknowledged before the backup began.
const (
	loadWriters = 50
	loadReaders = 200
)

func loadDuration(t *testing.T) time.Duration {
	s := os.Getenv("RUAS_LOAD_SECONDS")
	if s == "" {
		return 5 * time.Second
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("RUAS_LOAD_SECONDS=%q must be a whole number of seconds", s)
	}
	return time.Duration(n) * time.Second
}

// ack is one write the server acknowledged (2xx), to look for afterwards.
type ack struct {
	kind    string // ruas, edit, survey, works, traffic
	key     string // ruas number
	ruasID  int64
	date    string
	sta     float64
	ref     string
	year    int
	lhr     float64
	name    string
	version int
}

// loadStats collects latencies (ms) and failures of one kind of request.
type loadStats struct {
	mu       sync.Mutex
	ms       []float64
	failed   int
	failures []string // the first few, to show
}

func (s *loadStats) add(d time.Duration, fail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ms = append(s.ms, float64(d.Microseconds())/1000)
	if fail != "" {
		s.failed++
		if len(s.failures) < 10 {
			s.failures = append(s.failures, fail)
		}
	}
}

func (s *loadStats) pct(p float64) float64 {
	if len(s.ms) == 0 {
		return 0
	}
	i := int(p / 100 * float64(len(s.ms)-1))
	return s.ms[i]
}

// TestServeUnderLoad runs the load on a SQLite file and, when a
// PostgreSQL server is available (pgtest), on a PostgreSQL database.
func TestServeUnderLoad(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		dir := t.TempDir()
		serveUnderLoad(t, filepath.Join(dir, "ruas.db"), filepath.Join(dir, "pulih.db"))
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		srv := pgtest.Server(t)
		db := pgtest.NewDB(t, pgstore.Migrate)
		restored := fmt.Sprintf("ruas_load_restored_%d", os.Getpid())
		t.Cleanup(func() { pgtest.Drop(srv, restored) })
		serveUnderLoad(t, db, pgtest.WithDB(srv, restored))
	})
}

// serveUnderLoad loads `ruas serve --db db`; the mid-load backup is
// restored (`ruas restore`) to the register restored.
func serveUnderLoad(t *testing.T, db, restored string) {
	dur := loadDuration(t)
	ctx := context.Background()
	dir := t.TempDir()

	// Accounts: one producer per writer, readers as planners; API tokens only.
	st, err := openRegister(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	writerTok := make([]string, loadWriters)
	for w := range loadWriters {
		name := fmt.Sprintf("produsen%02d", w)
		if err := st.AddAccount(ctx, &roads.Account{Name: name, Role: roads.RoleProdusen}, "", "test"); err != nil {
			t.Fatal(err)
		}
		if writerTok[w], _, err = st.CreateToken(ctx, name, "load"); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AddAccount(ctx, &roads.Account{Name: "pembaca", Role: roads.RolePerencana}, "", "test"); err != nil {
		t.Fatal(err)
	}
	readerTok, _, err := st.CreateToken(ctx, "pembaca", "load")
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Start `ruas serve` on the file.
	pr, pw := io.Pipe()
	var errb lockedBuffer
	e := &env{stdout: pw, stderr: &errb, getenv: func(string) string { return "" }}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan error, 1)
	go func() {
		done <- run(sctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, e)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	var base string
	for lines.Scan() {
		if _, u, ok := strings.Cut(lines.Text(), " di http://"); ok {
			base = "http://" + u
			break
		}
	}
	if base == "" {
		t.Fatalf("serve printed no address; stderr %q", errb.String())
	}
	go io.Copy(io.Discard, pr)

	client := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: loadWriters + loadReaders + 10, MaxIdleConns: 1000}}
	call := func(method, path, token, body string) (int, []byte, error) {
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}

	var (
		acksMu   sync.Mutex
		acks     []ack
		ids      atomic.Pointer[[]int64] // acknowledged ruas ids, for readers
		idsMu    sync.Mutex
		writes   loadStats
		reads    loadStats
		nWrites  atomic.Int64
		nReads   atomic.Int64
		deadline = time.Now().Add(dur)
	)
	empty := []int64{}
	ids.Store(&empty)
	addAck := func(a ack) {
		acksMu.Lock()
		acks = append(acks, a)
		acksMu.Unlock()
		if a.kind == "ruas" {
			idsMu.Lock()
			next := append(slices.Clone(*ids.Load()), a.ruasID)
			ids.Store(&next)
			idsMu.Unlock()
		}
	}
	failed := func(stats *loadStats, start time.Time, what string, status int, body []byte, err error) bool {
		if err != nil || status >= 400 {
			stats.add(time.Since(start), fmt.Sprintf("%s: %d %v %s", what, status, err, truncateText(string(body), 200)))
			return true
		}
		stats.add(time.Since(start), "")
		return false
	}

	var wg sync.WaitGroup
	for w := range loadWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			tok := writerTok[w]
			type own struct {
				id      int64
				key     string
				version int
			}
			var mine []*own
			k := 0
			for time.Now().Before(deadline) {
				k++
				op := rng.IntN(100)
				if len(mine) == 0 || op < 15 {
					// A new ruas: writer w numbers its own (w*100000 + k), inside Kota Blitar.
					no := fmt.Sprintf("%d", w*100000+k)
					lon, lat := 112.13+rng.Float64()*0.06, -8.13+rng.Float64()*0.06
					body := fmt.Sprintf(`{"region":"35.72","no_ruas":%q,"name":"Jl. Beban %s","surface":"aspal","length_m":800,"kecamatan_code":"35.72.0%d",
						"geometry":{"type":"LineString","coordinates":[[%f,%f],[%f,%f]]}}`, no, no, 1+rng.IntN(3), lon, lat, lon+0.004, lat+0.001)
					start := time.Now()
					status, b, err := call("POST", "/api/v1/ruas", tok, body)
					nWrites.Add(1)
					if failed(&writes, start, "create ruas", status, b, err) {
						continue
					}
					var doc struct {
						ID      int64
						Version int
					}
					json.Unmarshal(b, &doc)
					mine = append(mine, &own{id: doc.ID, key: no, version: doc.Version})
					addAck(ack{kind: "ruas", key: no, ruasID: doc.ID})
					continue
				}
				r := mine[rng.IntN(len(mine))]
				start := time.Now()
				switch {
				case op < 55: // a survey unit
					date := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, k).Format("2006-01-02")
					sta := float64(rng.IntN(8)) * 100
					status, b, err := call("POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", r.id), tok,
						fmt.Sprintf(`{"date":%q,"units":[{"sta_from_m":%g,"sta_to_m":%g,"iri":%.1f}]}`, date, sta, sta+100, 2+rng.Float64()*10))
					nWrites.Add(1)
					if !failed(&writes, start, "survey", status, b, err) {
						addAck(ack{kind: "survey", ruasID: r.id, date: date, sta: sta})
					}
				case op < 70: // works
					ref := fmt.Sprintf("W%d-%d", w, k)
					status, b, err := call("POST", fmt.Sprintf("/api/v1/ruas/%d/works", r.id), tok,
						fmt.Sprintf(`{"date":"2024-06-01","type":"rutin","cost_rp":%d,"contract_ref":%q}`, 1_000_000+rng.IntN(9_000_000), ref))
					nWrites.Add(1)
					if !failed(&writes, start, "works", status, b, err) {
						addAck(ack{kind: "works", ruasID: r.id, ref: ref})
					}
				case op < 85: // traffic (the same year again replaces the count)
					year, lhr := 2015+rng.IntN(10), float64(100+rng.IntN(5000))
					status, b, err := call("POST", fmt.Sprintf("/api/v1/ruas/%d/traffic", r.id), tok, fmt.Sprintf(`{"year":%d,"lhr":%g}`, year, lhr))
					nWrites.Add(1)
					if !failed(&writes, start, "traffic", status, b, err) {
						addAck(ack{kind: "traffic", ruasID: r.id, year: year, lhr: lhr})
					}
				default: // an edit of one's own ruas, on the version last read
					name := fmt.Sprintf("Jl. Beban %s v%d", r.key, r.version+1)
					status, b, err := call("PUT", fmt.Sprintf("/api/v1/ruas/%d", r.id), tok,
						fmt.Sprintf(`{"region":"35.72","no_ruas":%q,"name":%q,"surface":"aspal","length_m":800,"version":%d}`, r.key, name, r.version))
					nWrites.Add(1)
					if !failed(&writes, start, "edit", status, b, err) {
						r.version++
						addAck(ack{kind: "edit", ruasID: r.id, name: name, version: r.version})
					}
				}
			}
		}()
	}
	readPaths := []string{"/api/v1/ruas?page=1", "/api/v1/summary", "/api/v1/map?bbox=112.12,-8.14,112.20,-8.06&zoom=14", "/ruas", "/"}
	for i := range loadReaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(1000+i), 11))
			for time.Now().Before(deadline) {
				path, tok := readPaths[rng.IntN(len(readPaths))], readerTok
				switch rng.IntN(4) {
				case 0:
					if list := *ids.Load(); len(list) > 0 {
						path = fmt.Sprintf("/api/v1/ruas/%d", list[rng.IntN(len(list))])
					}
				case 1:
					path, tok = "/api/v1/publik/summary", "" // a citizen
				}
				start := time.Now()
				status, b, err := call("GET", path, tok, "")
				nReads.Add(1)
				failed(&reads, start, "GET "+path, status, b, err)
			}
		}()
	}

	// Mid-load: back up with `ruas backup` from another process's point of
	// view (its own store on the same file), noting what was acknowledged first.
	var postmaster string
	if isPostgres(db) {
		postmaster = postmasterOf(ctx, db)
	}
	cpu0, pg0 := selfCPU(), postgresCPU(postmaster)
	time.Sleep(dur / 2)
	acksMu.Lock()
	beforeBackup := slices.Clone(acks)
	acksMu.Unlock()
	backup := filepath.Join(dir, "tengah-beban.cadangan")
	var bout, berr strings.Builder
	if err := run(ctx, []string{"backup", "--db", db, "--out", backup}, &env{stdout: &bout, stderr: &berr, getenv: func(string) string { return "" }}); err != nil {
		t.Errorf("backup under load: %v (%s)", err, berr.String())
	}
	wg.Wait()
	elapsed := dur
	cpu, pgcpu := selfCPU()-cpu0, postgresCPU(postmaster)-pg0

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not stop")
	}

	for _, s := range []*loadStats{&writes, &reads} {
		slices.Sort(s.ms)
	}
	t.Logf("%d writers, %d readers, %s: %d writes (%.0f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms), %d reads (%.0f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms), %d failed",
		loadWriters, loadReaders, elapsed, nWrites.Load(), float64(nWrites.Load())/elapsed.Seconds(), writes.pct(50), writes.pct(95), writes.pct(99),
		nReads.Load(), float64(nReads.Load())/elapsed.Seconds(), reads.pct(50), reads.pct(95), reads.pct(99), writes.failed+reads.failed)
	t.Logf("CPU user+sys: %.1f s in this process (server and load clients), %.1f s in the PostgreSQL server's processes; %.1f cores busy of %d",
		cpu.Seconds(), pgcpu.Seconds(), (cpu+pgcpu).Seconds()/elapsed.Seconds(), runtime.NumCPU())
	if n := writes.failed + reads.failed; n > 0 {
		t.Errorf("%d failed requests, e.g.:\n%s", n, strings.Join(append(writes.failures, reads.failures...), "\n"))
	}
	if strings.Contains(strings.ToLower(errb.String()), "locked") {
		t.Errorf("server log mentions a lock: %s", truncateText(errb.String(), 500))
	}
	if nWrites.Load() < loadWriters || nReads.Load() < loadReaders {
		t.Fatalf("too little load: %d writes, %d reads", nWrites.Load(), nReads.Load())
	}

	// Every acknowledged write is in the register; the backup holds every
	// write acknowledged before it began and passes the integrity check.
	checkAcks(t, ctx, db, acks)
	if err := run(ctx, []string{"restore", "--db", restored, "--from", backup}, &env{stdout: &bout, stderr: &berr, getenv: func(string) string { return "" }}); err != nil {
		t.Fatalf("restore the mid-load backup: %v (%s)", err, berr.String())
	}
	if !isPostgres(restored) {
		if err := sqlitestore.CheckIntegrity(ctx, restored); err != nil {
			t.Fatalf("restored backup: %v", err)
		}
	}
	checkAcks(t, ctx, restored, beforeBackup)
	t.Logf("backup mid-load held all %d writes acknowledged before it began (of %d in all)", len(beforeBackup), len(acks))
}

// checkAcks finds every acknowledged write in the register at path. For
// traffic and edits, the last acknowledged value of each must be the one
// stored... or a later one, when the register is the live file.
func checkAcks(t *testing.T, ctx context.Context, path string, acks []ack) {
	t.Helper()
	st, err := openRegister(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*roads.Ruas{}
	keys := map[string]bool{}
	for _, r := range n.Ruas {
		byID[r.ID] = r
		keys[r.Key.No] = true
	}
	missing := 0
	miss := func(format string, args ...any) {
		missing++
		if missing <= 10 {
			t.Errorf("%s: "+format, append([]any{filepath.Base(redactDSN(path))}, args...)...)
		}
	}
	lastVersion := map[int64]int{}
	for _, a := range acks {
		switch a.kind {
		case "ruas":
			if !keys[a.key] {
				miss("ruas %s acknowledged but not stored", a.key)
			}
		case "edit":
			if a.version > lastVersion[a.ruasID] {
				lastVersion[a.ruasID] = a.version
			}
		case "survey":
			found := false
			for _, v := range n.Surveys[a.ruasID] {
				found = found || v.Date.Format("2006-01-02") == a.date && v.StaFromM == a.sta
			}
			if !found {
				miss("survey of ruas %d on %s at STA %g acknowledged but not stored", a.ruasID, a.date, a.sta)
			}
		case "works":
			found := false
			for _, w := range n.Works[a.ruasID] {
				found = found || w.ContractRef == a.ref
			}
			if !found {
				miss("works %s acknowledged but not stored", a.ref)
			}
		case "traffic":
			found := false
			for _, tr := range n.Traffic[a.ruasID] {
				found = found || tr.Year == a.year
			}
			if !found {
				miss("traffic of ruas %d in %d acknowledged but not stored", a.ruasID, a.year)
			}
		}
	}
	for id, v := range lastVersion {
		if r := byID[id]; r == nil || r.Version < v {
			miss("ruas %d: edit to version %d acknowledged, stored %v", id, v, r)
		}
	}
	if missing > 0 {
		t.Errorf("%s: %d acknowledged writes missing", filepath.Base(redactDSN(path)), missing)
	}
}

// selfCPU is this process's CPU time, user and system.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procStat is the fields of /proc/PID/stat after the command name
// (field 3 onwards), or nil.
func procStat(pid string) []string {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return nil
	}
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}

// postmasterOf is the process id of the PostgreSQL server holding the
// database at url (the parent of a backend), or "" when not on this machine.
func postmasterOf(ctx context.Context, url string) string {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return ""
	}
	defer db.Close()
	var backend int
	if db.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&backend) != nil {
		return ""
	}
	if f := procStat(strconv.Itoa(backend)); len(f) > 1 {
		return f[1]
	}
	return ""
}

// postgresCPU is the CPU time, user and system, of the PostgreSQL server
// whose postmaster is pid: its own and its live processes', plus what it
// collected from those that ended (cutime, cstime). Zero without /proc.
func postgresCPU(pid string) time.Duration {
	if pid == "" {
		return 0
	}
	dirs, _ := os.ReadDir("/proc")
	var ticks int64
	for _, d := range dirs {
		f := procStat(d.Name())
		if len(f) < 15 || d.Name() != pid && f[1] != pid {
			continue
		}
		// utime, stime, cutime, cstime are fields 14–17.
		for _, i := range []int{11, 12, 13, 14} {
			n, _ := strconv.ParseInt(f[i], 10, 64)
			ticks += n
		}
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ is 100 on Linux
}

// lockedBuffer is a strings.Builder safe for the server's log goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
