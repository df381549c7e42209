package web

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/kotablitar/ruas/roads"
)

// BenchmarkTileBuild encodes tiles of a generated 100,000-ruas network
// (8° × 2.5°), uncached, unfiltered, at zooms 6–16 over random points of
// it: the per-tile cost of a cache miss (the index and the zoomed-out
// view are built before timing). It reports the mean tile size.
func BenchmarkTileBuild(b *testing.B) {
	box := orb.Bound{Min: orb.Point{106, -8.5}, Max: orb.Point{114, -6}}
	snap := genNetwork(100_000, 5, box)
	idx := snap.tileIndex()
	idx.pyramid()
	rng := rand.New(rand.NewPCG(4, 4))
	tiles := make([]maptile.Tile, 512)
	for i := range tiles {
		p := orb.Point{box.Min[0] + rng.Float64()*8, box.Min[1] + rng.Float64()*2.5}
		tiles[i] = maptile.At(p, maptile.Zoom(6+rng.IntN(11)))
	}
	var bytes int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tl := tiles[i%len(tiles)]
		res, err := idx.tile(tl, mapQuery{})
		if err != nil {
			b.Fatal(err)
		}
		bytes += int64(len(res.raw))
	}
	b.ReportMetric(float64(bytes)/float64(b.N), "B/tile")
}

// cpuSeconds is the process's user and system CPU time so far.
func cpuSeconds() (user, sys float64) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano()).Seconds(), time.Duration(ru.Stime.Nano()).Seconds()
}

// TestTilesUnderLoad serves a generated network of RUAS_TILE_LOAD_LINKS
// ruas (default 1,000,000, 20° × 5°) through a real server on loopback
// and has 64 clients open map screens (1280 × 800 px) at random places
// and random zooms 0–22, a quarter of them filtered, each fetching every
// tile of its screen, for RUAS_TILE_LOAD_SECONDS. It reports p50, p95,
// p99 and max latency, req/s, the largest tile and the CPU time of the
// process (server and clients), and fails on any error or any tile over
// maxTileBytes; it asserts no timing. The generated network is
// genNetwork's: kecamatan are its 0.1° cells, surfaces 70 % aspal. Skipped unless the variable is set:
//
//	RUAS_TILE_LOAD_SECONDS=30 go test ./web -run TestTilesUnderLoad -v -timeout 30m
//
// The network is built in memory as the server's snapshot (what the map
// reads); the register itself (SQLite) stays empty, as the load is on the
// tile path, not on the store.
func TestTilesUnderLoad(t *testing.T) {
	secs := os.Getenv("RUAS_TILE_LOAD_SECONDS")
	if secs == "" {
		t.Skip("set RUAS_TILE_LOAD_SECONDS to run the tile load test")
	}
	dur, err := strconv.Atoi(secs)
	if err != nil || dur <= 0 {
		t.Fatalf("RUAS_TILE_LOAD_SECONDS=%q must be a whole number of seconds", secs)
	}
	links := 1_000_000
	if s := os.Getenv("RUAS_TILE_LOAD_LINKS"); s != "" {
		if links, err = strconv.Atoi(s); err != nil || links <= 0 {
			t.Fatalf("RUAS_TILE_LOAD_LINKS=%q must be a positive whole number", s)
		}
	}
	const clients = 64
	a := newTestApp(t)
	ctx := context.Background()
	box := orb.Bound{Min: orb.Point{100, -8.5}, Max: orb.Point{120, -3.5}}
	t0 := time.Now()
	snap := genNetwork(links, 11, box)
	v, err := a.srv.snaps.watch.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap.version = v
	a.srv.snaps.mu.Lock()
	a.srv.snaps.cur = snap
	a.srv.snaps.mu.Unlock()
	t.Logf("%d ruas generated and snapshotted in %.1f s", links, time.Since(t0).Seconds())
	// What the first tile after a change waits for: the tile index and
	// the precomputed zoomed-out view (timed here, outside the load).
	t0 = time.Now()
	u0, s0 := cpuSeconds()
	snap.tileIndex().pyramid()
	u1, s1 := cpuSeconds()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("tile index and zoomed-out view built in %.1f s wall, %.1f s user + %.1f s sys; heap %d MiB", time.Since(t0).Seconds(), u1-u0, s1-s0, ms.HeapAlloc>>20)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: a.srv}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	token := a.tokens[roads.RolePerencana]
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 120 * time.Second}

	type sample struct {
		lat  time.Duration
		size int
		view string
		z    int
	}
	var (
		mu      sync.Mutex
		samples []sample
		failed  atomic.Value
		wg      sync.WaitGroup
	)
	// Most screens unfiltered; the others by condition, by the kecamatan
	// at the screen's centre, or by surface.
	filters := []string{"", "", "", "", "", "kondisi=rusak_berat,rusak_ringan", "kondisi=none", "kecamatan=", "kecamatan=", "surface=beton"}
	u0, s0 = cpuSeconds()
	start := time.Now()
	deadline := start.Add(time.Duration(dur) * time.Second)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 77))
			var mine []sample
			defer func() {
				mu.Lock()
				samples = append(samples, mine...)
				mu.Unlock()
			}()
			for time.Now().Before(deadline) {
				z := rng.IntN(maxZoom + 1)
				centre := orb.Point{box.Min[0] + rng.Float64()*(box.Max[0]-box.Min[0]), box.Min[1] + rng.Float64()*(box.Max[1]-box.Min[1])}
				filter := filters[rng.IntN(len(filters))]
				if filter == "kecamatan=" {
					filter += genKecamatan(centre)
				}
				n := math.Exp2(float64(z))
				cx, cy := mercX(centre[0])*n*256, mercY(centre[1])*n*256 // world pixels
				x0, x1 := int(math.Floor((cx-640)/256)), int(math.Floor((cx+640)/256))
				y0, y1 := int(math.Floor((cy-400)/256)), int(math.Floor((cy+400)/256))
				for x := max(x0, 0); x <= min(x1, int(n)-1); x++ {
					for y := max(y0, 0); y <= min(y1, int(n)-1); y++ {
						path := fmt.Sprintf("%s/api/v1/map/tiles/%d/%d/%d", base, z, x, y)
						if filter != "" {
							path += "?" + filter
						}
						req, _ := http.NewRequest("GET", path, nil)
						req.Header.Set("Authorization", "Bearer "+token)
						t1 := time.Now()
						resp, err := client.Do(req) // asks for gzip and inflates
						if err != nil {
							failed.Store(err)
							return
						}
						body, err := io.ReadAll(resp.Body)
						resp.Body.Close()
						lat := time.Since(t1)
						if err != nil || resp.StatusCode != http.StatusOK {
							failed.Store(fmt.Errorf("GET %s: %d %v %s", path, resp.StatusCode, err, body))
							return
						}
						mine = append(mine, sample{lat, len(body), resp.Header.Get("X-Tile-View"), z})
					}
				}
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	u1, s1 = cpuSeconds()
	if err, ok := failed.Load().(error); ok {
		t.Fatal(err)
	}
	a.srv.snaps.mu.Lock()
	same := a.srv.snaps.cur == snap
	a.srv.snaps.mu.Unlock()
	if !same {
		t.Fatal("the snapshot was rebuilt during the run; the figures are not of the generated network")
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i].lat < samples[j].lat })
	q := func(p int) float64 { return float64(samples[(len(samples)-1)*p/100].lat.Microseconds()) / 1000 }
	maxSize, views := 0, map[string]int{}
	for _, s := range samples {
		maxSize = max(maxSize, s.size)
		views[s.view]++
		if s.size > maxTileBytes {
			t.Errorf("a tile of %d bytes, over %d", s.size, maxTileBytes)
		}
	}
	// The tail by view and by zoom band.
	groups := map[string][]time.Duration{}
	for _, s := range samples { // sorted by latency
		groups[s.view] = append(groups[s.view], s.lat)
		groups[fmt.Sprintf("z%02d–%02d", s.z/4*4, s.z/4*4+3)] = append(groups[fmt.Sprintf("z%02d–%02d", s.z/4*4, s.z/4*4+3)], s.lat)
	}
	var names []string
	for k := range groups {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		g := groups[k]
		t.Logf("  %-8s %6d tiles, p50 %6.1f ms, p95 %6.1f ms, max %7.1f ms", k, len(g),
			float64(g[(len(g)-1)/2].Microseconds())/1000, float64(g[(len(g)-1)*95/100].Microseconds())/1000, float64(g[len(g)-1].Microseconds())/1000)
	}
	runtime.ReadMemStats(&ms)
	t.Logf("%d ruas, %d clients, %.0f s: %d tiles, %.0f req/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; largest tile %d B; views %v",
		links, clients, elapsed.Seconds(), len(samples), float64(len(samples))/elapsed.Seconds(), q(50), q(95), q(99), q(100), maxSize, views)
	t.Logf("CPU (server and clients, one process): user %.1f s + sys %.1f s over %.1f s wall; heap now %d MiB, peak sys %d MiB",
		u1-u0, s1-s0, elapsed.Seconds(), ms.HeapAlloc>>20, ms.Sys>>20)
}
