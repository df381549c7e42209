package web

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// The benchmarks load a generated 100,000-ruas network (a national-scale
// register: 400 × 250 links of ≈ 1.5 km across 8° × 2.5° of Java) once,
// serve it with a real http.Server on 127.0.0.1:0, and hit it with 64
// concurrent clients. They report req/s and p95 latency (ms).

const (
	benchRuas    = 100_000
	benchCols    = 400
	benchClients = 64
)

var (
	benchOnce sync.Once
	benchApp  *testApp
	benchDir  string
	benchErr  error
	// benchToken is the API token the benchmark clients send.
	benchToken string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchApp != nil {
		benchApp.srv.Close()
		benchApp.store.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	pgtest.Cleanup() // the PostgreSQL runs' cluster (engine_test.go)
	os.Exit(code)
}

// benchNetwork builds the 100k network once per test binary: every ruas a
// wiggly 8-point line with one IRI survey.
func benchNetwork(b *testing.B) *testApp {
	b.Helper()
	benchOnce.Do(func() {
		ctx := context.Background()
		benchDir, benchErr = os.MkdirTemp("", "ruas-bench-")
		if benchErr != nil {
			return
		}
		store, err := sqlitestore.Open(ctx, filepath.Join(benchDir, "ruas.db"))
		if err != nil {
			benchErr = err
			return
		}
		rng := rand.New(rand.NewPCG(3572, 1))
		batch := &roads.Batch{}
		date := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
		kec := []string{"35.72.01", "35.72.02", "35.72.03"}
		for i := 0; i < benchRuas; i++ {
			col, row := i%benchCols, i/benchCols
			x0, y0 := 106.0+float64(col)*0.02, -8.5+float64(row)*0.01
			var line orb.LineString
			for k := 0; k < 8; k++ {
				line = append(line, orb.Point{x0 + float64(k)*0.002, y0 + 0.0004*rng.Float64()})
			}
			key := roads.Key{Region: "99.99", No: fmt.Sprintf("%06d", i)}
			batch.Ruas = append(batch.Ruas, &roads.Ruas{Key: key, Name: fmt.Sprintf("Jl. Uji %d", i), Status: roads.Kabupaten, Surface: roads.Aspal,
				WidthM: 5, KecamatanCode: kec[i%3], Geometry: line, Notes: SyntheticPrefix + " (benchmark)"})
			batch.Surveys = append(batch.Surveys, &roads.Survey{Ruas: key, Date: date, StaFromM: 0, StaToM: 1500,
				Distress: &roads.Distress{IRI: fp(2 + 14*rng.Float64())}})
		}
		problems, err := batch.Prepare()
		if err != nil || len(problems) > 0 {
			benchErr = fmt.Errorf("generated network invalid: %v %v", err, problems)
			return
		}
		if _, err := store.Apply(ctx, batch, nil); err != nil {
			benchErr = err
			return
		}
		srv, err := New(ctx, Options{Store: store, Watch: WatchOf(store.Watch), Now: func() time.Time { return testNow }})
		if err != nil {
			benchErr = err
			return
		}
		// The working pages and API need an account: the clients read as a planner.
		if benchErr = store.AddAccount(ctx, &roads.Account{Name: "bench", Role: roads.RolePerencana}, "", "bench"); benchErr != nil {
			return
		}
		if benchToken, _, benchErr = store.CreateToken(ctx, "bench", ""); benchErr != nil {
			return
		}
		benchApp = &testApp{store: store, srv: srv}
		// Build the snapshot (latest condition per ruas, summary) before timing.
		_, benchErr = srv.snaps.current(ctx)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchApp
}

// load sends b.N requests from benchClients goroutines to a real server on
// loopback and reports throughput and the 95th-percentile latency.
func load(b *testing.B, h http.Handler, path func(i int) string) {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: h}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients, MaxConnsPerHost: benchClients}, Timeout: 30 * time.Second}
	get := func(p string) error {
		req, err := http.NewRequest("GET", base+p, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+benchToken)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", p, resp.Status)
		}
		return nil
	}
	for i := 0; i < benchClients; i++ { // open the connections before timing
		if err := get(path(i)); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for w := 0; w < benchClients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				t0 := time.Now()
				if err := get(path(i)); err != nil {
					failed.Store(err)
					return
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if err, ok := failed.Load().(error); ok {
		b.Fatal(err)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p95 := lat[(len(lat)-1)*95/100]
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(p95.Microseconds())/1000, "p95_ms")
}

// viewports are map screens of 1280 × 800 px at zoom 12–15 over the
// generated network, in a fixed pseudo-random order.
func viewports(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		zoom := 12 + rng.IntN(4)
		w, h := 1280*pixelDegrees(zoom), 800*pixelDegrees(zoom)
		cx, cy := 106.2+7.6*rng.Float64(), -8.3+2.1*rng.Float64()
		out[i] = fmt.Sprintf("/api/v1/map?bbox=%.6f,%.6f,%.6f,%.6f&zoom=%d", cx-w/2, cy-h/2, cx+w/2, cy+h/2, zoom)
	}
	return out
}

// BenchmarkMapBBox: the map endpoint on the 100k network, requests cycling
// through 4,096 different viewports (there is no response cache; each
// request runs the bbox query and assembles its features). Steady state:
// one untimed pass first encodes each visible link's geometry for its zoom
// and its properties, as a running server has done after its first
// screens. Target p95 < 50 ms. BenchmarkMapBBoxCold measures the first pass.
func BenchmarkMapBBox(b *testing.B) {
	a := benchNetwork(b)
	vp := viewports(4096)
	for _, p := range vp {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", p, nil)
		req.Header.Set("Authorization", "Bearer "+benchToken)
		a.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", p, rec.Code)
		}
	}
	load(b, a.srv, func(i int) string { return vp[i%len(vp)] })
}

// BenchmarkMapBBoxCold: as BenchmarkMapBBox, on viewports never asked
// before (each link's geometry and properties encoded during the request).
func BenchmarkMapBBoxCold(b *testing.B) {
	a := benchNetwork(b)
	a.srv.snaps.mu.Lock()
	a.srv.snaps.cur = nil // a fresh snapshot: nothing encoded yet
	a.srv.snaps.mu.Unlock()
	if _, err := a.srv.snaps.current(context.Background()); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, uint64(b.N)))
	vp := make([]string, b.N)
	for i := range vp {
		zoom := 12 + rng.IntN(4)
		w, h := 1280*pixelDegrees(zoom), 800*pixelDegrees(zoom)
		cx, cy := 106.2+7.6*rng.Float64(), -8.3+2.1*rng.Float64()
		vp[i] = fmt.Sprintf("/api/v1/map?bbox=%.6f,%.6f,%.6f,%.6f&zoom=%d", cx-w/2, cy-h/2, cx+w/2, cy+h/2, zoom)
	}
	load(b, a.srv, func(i int) string { return vp[i%len(vp)] })
}

// BenchmarkDashboard: the dashboard page on the 100k network.
func BenchmarkDashboard(b *testing.B) {
	a := benchNetwork(b)
	load(b, a.srv, func(int) string { return "/" })
}

// BenchmarkSnapshotBuild: rebuilding the cached condition and summary of
// the 100k network after a change (what the first request after a commit pays).
func BenchmarkSnapshotBuild(b *testing.B) {
	a := benchNetwork(b)
	ctx := context.Background()
	n, err := a.store.Network(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buildSnapshot(n, testNow)
	}
}
