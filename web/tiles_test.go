package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/kotablitar/ruas/roads"
)

// fetchTile gets a tile and decodes it (back to WGS84), returning the
// response headers and the uncompressed size. gz asks for gzip and checks
// the answer is gzipped.
func fetchTile(t *testing.T, a *testApp, path string, gz bool) (mvt.Layers, http.Header, int) {
	t.Helper()
	status, h, body := a.rawGet(t, path, gz)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, status, body)
	}
	raw := body
	if gz && len(body) > 0 { // an empty tile is sent as it is
		if h.Get("Content-Encoding") != "gzip" {
			t.Fatalf("GET %s with Accept-Encoding gzip: Content-Encoding %q", path, h.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if raw, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	} else if h.Get("Content-Encoding") != "" {
		t.Fatalf("GET %s without gzip: Content-Encoding %q", path, h.Get("Content-Encoding"))
	}
	if ct := h.Get("Content-Type"); ct != "application/vnd.mapbox-vector-tile" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	ls, err := mvt.Unmarshal(raw)
	if err != nil {
		t.Fatalf("GET %s: not a vector tile: %v", path, err)
	}
	return ls, h, len(raw)
}

// rawGet sends a GET with the test's token, asking for gzip or for no
// encoding, and returns the body as sent.
func (a *testApp) rawGet(t *testing.T, path string, gz bool) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", a.http.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tok := a.tokenFor(t, "GET", path); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	// Set explicitly, so the transport does not decompress behind our back.
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	} else {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func tilePath(api string, tl maptile.Tile, query string) string {
	p := fmt.Sprintf("%s/tiles/%d/%d/%d", api, tl.Z, tl.X, tl.Y)
	if query != "" {
		p += "?" + query
	}
	return p
}

func layerNamed(ls mvt.Layers, name string) *mvt.Layer {
	for _, l := range ls {
		if l.Name == name {
			return l
		}
	}
	return nil
}

// distToLines is the planar distance from p to the nearest segment of g (degrees).
func distToLines(p orb.Point, g orb.Geometry) float64 {
	best := math.Inf(1)
	for _, ls := range lines(g) {
		for i := 0; i+1 < len(ls); i++ {
			a, b := ls[i], ls[i+1]
			dx, dy := b[0]-a[0], b[1]-a[1]
			t := 0.0
			if l2 := dx*dx + dy*dy; l2 > 0 {
				t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
			}
			best = math.Min(best, math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy))
		}
		if len(ls) == 1 {
			best = math.Min(best, math.Hypot(p[0]-ls[0][0], p[1]-ls[0][1]))
		}
	}
	return best
}

// checkDetail compares a decoded detail layer with the register: the ids
// are the ruas crossing the tile, each feature's vertices lie on the
// ruas, the ruas's vertices inside the tile lie on the feature, and the
// condition is the one expected.
func checkDetail(t *testing.T, tl maptile.Tile, ls mvt.Layers, register []*roads.Ruas, kondisi map[int64]roads.Kondisi) {
	t.Helper()
	l := layerNamed(ls, tileLayerDetail)
	if l == nil {
		t.Fatalf("tile %v: no layer %q in %d layers", tl, tileLayerDetail, len(ls))
	}
	if l.Extent != tileExtent {
		t.Errorf("extent %d", l.Extent)
	}
	l.ProjectToWGS84(tl)
	bound := tl.Bound()
	unit := (bound.Max[0] - bound.Min[0]) / tileExtent
	// Half a pixel of simplification, half a unit of rounding, and slack.
	tol := 12 * unit
	padded := bound.Pad(2 * tileBuffer * unit)
	byID := map[int64]*roads.Ruas{}
	want := map[int64]bool{}
	for _, r := range register {
		byID[r.ID] = r
		if r.Geometry != nil && clip.Geometry(bound, orb.Clone(r.Geometry)) != nil {
			want[r.ID] = true
		}
	}
	got := map[int64]bool{}
	for _, f := range l.Features {
		id, ok := f.Properties["id"].(float64)
		if !ok {
			t.Errorf("feature without id: %v", f.Properties)
			continue
		}
		r := byID[int64(id)]
		if r == nil {
			t.Errorf("feature %v: no such ruas", id)
			continue
		}
		got[r.ID] = true
		if !want[r.ID] && clip.Geometry(padded, orb.Clone(r.Geometry)) == nil {
			t.Errorf("tile %v draws ruas %s, which does not reach it", tl, r.Key)
		}
		if k := f.Properties["kondisi"]; k != string(kondisi[r.ID]) {
			t.Errorf("ruas %s kondisi %v, want %q", r.Key, k, kondisi[r.ID])
		}
		for _, p := range lines(f.Geometry) {
			for _, q := range p {
				if d := distToLines(q, r.Geometry); d > tol {
					t.Errorf("ruas %s: tile vertex %v is %.1f units off the register line", r.Key, q, d/unit)
				}
			}
		}
		for _, part := range lines(r.Geometry) {
			for _, q := range part {
				if bound.Contains(q) {
					if d := distToLines(q, f.Geometry); d > tol {
						t.Errorf("ruas %s: register vertex %v is %.1f units off the tile's line", r.Key, q, d/unit)
					}
				}
			}
		}
		if tl.Z >= tileAttrZoom {
			if f.Properties["key"] != r.Key.String() || f.Properties["name"] != r.Name {
				t.Errorf("zoom %d: key %v name %v, want %s %s", tl.Z, f.Properties["key"], f.Properties["name"], r.Key, r.Name)
			}
		} else if _, ok := f.Properties["name"]; ok {
			t.Errorf("zoom %d carries the name; attributes are thinned below %d", tl.Z, tileAttrZoom)
		}
	}
	for id := range want {
		if !got[id] {
			t.Errorf("tile %v leaves out ruas %s", tl, byID[id].Key)
		}
	}
}

// seededKondisi is the condition of the seeded ruas, from the seed's
// surveys: 001 last measured IRI 13 (rusak berat), 002 IRI 6 (sedang),
// 003 never surveyed.
func seededKondisi(rs []*roads.Ruas) map[int64]roads.Kondisi {
	return map[int64]roads.Kondisi{rs[0].ID: roads.RusakBerat, rs[1].ID: roads.Sedang, rs[2].ID: ""}
}

func TestTileContentMatchesRegister(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	kondisi := seededKondisi(rs)
	for _, z := range []maptile.Zoom{10, 13, 14, 17, 19} {
		seen := map[maptile.Tile]bool{}
		for _, r := range rs {
			for _, p := range r.Geometry.(orb.LineString) {
				tl := maptile.At(p, z)
				if seen[tl] {
					continue
				}
				seen[tl] = true
				ls, h, _ := fetchTile(t, a, tilePath("/api/v1/map", tl, ""), z%2 == 0)
				if h.Get("X-Tile-View") != "detail" {
					t.Errorf("tile %v view %q", tl, h.Get("X-Tile-View"))
				}
				checkDetail(t, tl, ls, rs, kondisi)
			}
		}
	}
	// A tile away from the network is empty.
	ls, _, n := fetchTile(t, a, tilePath("/api/v1/map", maptile.At(orb.Point{120, 0}, 14), ""), false)
	if n != 0 || len(ls) != 0 {
		t.Errorf("empty tile: %d bytes, %d layers", n, len(ls))
	}
	// The click lookup answers the popup fields.
	var doc mapRuasDoc
	if st := a.getJSON(t, fmt.Sprintf("/api/v1/map/ruas/%d", rs[1].ID), &doc); st != 200 || doc.ID != rs[1].ID || doc.Properties["key"] != "35.72/002" || doc.Properties["kondisi"] != "sedang" {
		t.Errorf("lookup: %d %+v", st, doc)
	}
	if st := a.getJSON(t, "/api/v1/map/ruas/999999", &doc); st != http.StatusNotFound {
		t.Errorf("lookup of a missing ruas: %d", st)
	}
}

func TestTileBadAddress(t *testing.T) {
	a := newTestApp(t)
	for _, p := range []string{"/api/v1/map/tiles/23/0/0", "/api/v1/map/tiles/2/4/0", "/api/v1/map/tiles/2/0/x.pbf", "/api/v1/map/tiles/-1/0/0",
		"/api/v1/map/tiles/3/1/1?kondisi=hancur", "/api/v1/map/tiles/3/1/1?surface=emas"} {
		if st, _, b := a.rawGet(t, p, false); st != http.StatusBadRequest || !bytes.Contains(b, []byte("error")) {
			t.Errorf("GET %s: %d %s", p, st, b)
		}
	}
	if st, _, _ := a.rawGet(t, "/api/v1/map/tiles/3/1/1.pbf", false); st != http.StatusOK {
		t.Errorf(".pbf suffix: %d", st)
	}
}

// TestTileFollowsEdits: a tile served, then the register changes (a
// survey, a geometry): the next request draws the change (the cache is
// the snapshot's, and the snapshot follows the data version).
func TestTileFollowsEdits(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	tl := maptile.At(rs[2].Geometry.(orb.LineString)[0], 15)
	path := tilePath("/api/v1/map", tl, "")
	kondisi := seededKondisi(rs)
	ls, _, _ := fetchTile(t, a, path, true)
	checkDetail(t, tl, ls, rs, kondisi)
	fetchTile(t, a, path, true) // from the cache

	// 003 gets its first survey: IRI 3, baik.
	for sta := 0.0; sta < 300; sta += 100 {
		if err := a.store.AddSurvey(ctx, &roads.Survey{RuasID: rs[2].ID, Ruas: rs[2].Key, Date: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
			StaFromM: sta, StaToM: sta + 100, Distress: &roads.Distress{IRI: fp(3)}, Source: roads.Source{Form: "test", User: "uji"}}); err != nil {
			t.Fatal(err)
		}
	}
	kondisi[rs[2].ID] = roads.Baik
	ls, _, _ = fetchTile(t, a, path, true)
	checkDetail(t, tl, ls, rs, kondisi)

	// 003 moves 0.01° north, out of the tile.
	r, err := a.store.RuasByID(ctx, rs[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	moved := orb.LineString{}
	for _, p := range r.Geometry.(orb.LineString) {
		moved = append(moved, orb.Point{p[0], p[1] + 0.01})
	}
	r.Geometry = moved
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	rs[2] = r
	ls, _, _ = fetchTile(t, a, path, false)
	if l := layerNamed(ls, tileLayerDetail); l != nil {
		for _, f := range l.Features {
			if int64(f.Properties["id"].(float64)) == r.ID {
				t.Errorf("ruas 003 still drawn in its old tile after it moved")
			}
		}
	}
	nt := maptile.At(moved[0], 15)
	ls, _, _ = fetchTile(t, a, tilePath("/api/v1/map", nt, ""), false)
	checkDetail(t, nt, ls, rs, kondisi)
}

func TestTileFilters(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	// One z12 tile holds all three seeded ruas.
	tl := maptile.At(rs[1].Geometry.(orb.LineString)[0], 12)
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"", []int{0, 1, 2}},
		{"kondisi=none", []int{2}},
		{"kondisi=sedang,rusak_berat", []int{0, 1}},
		{"kecamatan=35.72.02", []int{1}},
		{"kecamatan=Sananwetan", []int{2}},
		{"surface=beton", []int{1}},
		{"surface=aspal&kondisi=rusak_berat", []int{0}},
		{"kecamatan=35.72.01&surface=beton", nil},
	} {
		ls, _, _ := fetchTile(t, a, tilePath("/api/v1/map", tl, tc.query), true)
		var got []string
		if l := layerNamed(ls, tileLayerDetail); l != nil {
			for _, f := range l.Features {
				got = append(got, fmt.Sprint(int64(f.Properties["id"].(float64))))
			}
		}
		var want []string
		for _, i := range tc.want {
			want = append(want, fmt.Sprint(rs[i].ID))
		}
		sort.Strings(got)
		sort.Strings(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: ruas %v, want %v", tc.query, got, want)
		}
	}
}

// TestPublicTilesVerifiedOnly: the public tiles and lookup show only what
// the walidata verified.
func TestPublicTilesVerifiedOnly(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	tl := maptile.At(rs[1].Geometry.(orb.LineString)[0], 12)
	a.anon = true
	ls, _, n := fetchTile(t, a, tilePath("/api/v1/publik/map", tl, ""), true)
	if n != 0 || len(ls) != 0 {
		t.Errorf("public tile before verification: %d bytes, %d layers", n, len(ls))
	}
	var doc mapRuasDoc
	if st := a.getJSON(t, fmt.Sprintf("/api/v1/publik/map/ruas/%d", rs[0].ID), &doc); st != http.StatusNotFound {
		t.Errorf("public lookup of a draft: %d", st)
	}
	if err := a.store.Verify(context.Background(), roads.EntityRuas, []int64{rs[0].ID, rs[2].ID}, "walidata"); err != nil {
		t.Fatal(err)
	}
	ls, _, _ = fetchTile(t, a, tilePath("/api/v1/publik/map", tl, ""), true)
	// Verified ruas; their surveys are still drafts, so no condition shows.
	checkDetail(t, tl, ls, []*roads.Ruas{rs[0], rs[2]}, map[int64]roads.Kondisi{rs[0].ID: "", rs[2].ID: ""})
	if st := a.getJSON(t, fmt.Sprintf("/api/v1/publik/map/ruas/%d", rs[0].ID), &doc); st != 200 || doc.Properties["key"] != "35.72/001" {
		t.Errorf("public lookup of a verified ruas: %d %+v", st, doc)
	}
	if st := a.getJSON(t, fmt.Sprintf("/api/v1/publik/map/ruas/%d", rs[1].ID), &doc); st != http.StatusNotFound {
		t.Errorf("public lookup of the draft 002: %d", st)
	}
	// The working tiles need a sign-in.
	if st, _, _ := a.rawGet(t, tilePath("/api/v1/map", tl, ""), false); st != http.StatusUnauthorized {
		t.Errorf("working tile without a sign-in: %d", st)
	}
}

// genNetwork makes n wiggly ruas of about 1.5 km (8 points) in a box,
// with a random condition and surface, in the kecamatan of their 0.1°
// cell (genKecamatan), as a snapshot (no store: the tile code reads
// snapshots only).
func genNetwork(n int, seed uint64, box orb.Bound) *snapshot {
	rng := rand.New(rand.NewPCG(seed, 7))
	net := &roads.Network{Surveys: map[int64][]*roads.Survey{}}
	surfaces := []roads.Surface{roads.Aspal, roads.Aspal, roads.Aspal, roads.Aspal, roads.Aspal, roads.Aspal, roads.Aspal, roads.Beton, roads.Kerikil, roads.Tanah}
	date := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		x0 := box.Min[0] + rng.Float64()*(box.Max[0]-box.Min[0]-0.014)
		y0 := box.Min[1] + rng.Float64()*(box.Max[1]-box.Min[1]-0.004)
		dir := rng.Float64()*2 - 1
		var line orb.LineString
		for k := 0; k < 8; k++ {
			line = append(line, orb.Point{x0 + float64(k)*0.002, y0 + 0.0004*rng.Float64() + float64(k)*0.0004*dir})
		}
		r := &roads.Ruas{ID: int64(i + 1), Key: roads.Key{Region: "99.01", No: fmt.Sprintf("%07d", i)}, Name: fmt.Sprintf("Jl. Uji %d", i),
			Status: roads.Kabupaten, Surface: surfaces[rng.IntN(len(surfaces))], WidthM: 5, LengthM: 1500, KecamatanCode: genKecamatan(line[0]), Geometry: line}
		net.Ruas = append(net.Ruas, r)
		if i%5 != 0 { // one in five never surveyed; the others in one class, as assessed
			v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, StaFromM: 0, StaToM: 1500, Distress: &roads.Distress{IRI: fp(2 + 14*rng.Float64())}}
			v.Metres[rng.IntN(len(v.Metres))] = 1500
			net.Surveys[r.ID] = []*roads.Survey{v}
		}
	}
	return buildSnapshot(net, testNow)
}

// genKecamatan names the generated kecamatan of a place: its 0.1° cell.
func genKecamatan(p orb.Point) string {
	return fmt.Sprintf("99.%04d.%04d", int(math.Floor(p[0]*10)), int(math.Floor(-p[1]*10)))
}

// TestMergedTilesDrawEveryRuas: a tile crossing more ruas than the detail
// view carries merges them per condition class, and still draws every
// one: the counts add up to the ruas in the tile (counted here from the
// geometry), each ruas has a vertex of its class's merged line within a
// grid cell of one of its own, and the tile stays under the size bound.
func TestMergedTilesDrawEveryRuas(t *testing.T) {
	for _, tc := range []struct {
		box   orb.Bound
		n     int
		zooms []maptile.Zoom
	}{
		// 6,000 ruas well inside one z8 tile (112.5–113.9°E, 7.0–8.4°S).
		{orb.Bound{Min: orb.Point{112.7, -8.2}, Max: orb.Point{113.6, -7.3}}, 6000, []maptile.Zoom{3, 6, 8}},
		// 4,000 far apart in one z2 tile: each under a pixel, drawn as a dot.
		{orb.Bound{Min: orb.Point{100, -50}, Max: orb.Point{170, -5}}, 4000, []maptile.Zoom{2}},
	} {
		checkMerged(t, genNetwork(tc.n, 1, tc.box), tc.box, tc.zooms)
	}
}

func checkMerged(t *testing.T, snap *snapshot, box orb.Bound, zooms []maptile.Zoom) {
	t.Helper()
	idx := snap.tileIndex()
	for i, z := range append(zooms, zooms...) {
		tl := maptile.At(box.Center(), z)
		if !tl.Bound().Contains(box.Min) || !tl.Bound().Contains(box.Max) {
			t.Fatalf("tile %v does not hold the box", tl)
		}
		// First from the precomputed view (the map unfiltered or by
		// condition), then from the ruas themselves (the map filtered by
		// kecamatan or surface).
		var res *tileResult
		var err error
		if i < len(zooms) {
			var ok bool
			if res, ok, err = idx.pyramid().tile(tl, nil); !ok {
				t.Fatalf("z%d: the precomputed view declines %d ruas", z, len(snap.network.Ruas))
			}
		} else {
			res, err = idx.build(tl, idx.candidates(tl, mapQuery{}))
		}
		if err != nil {
			t.Fatal(err)
		}
		if res.view != "merged" || len(res.raw) > maxTileBytes {
			t.Fatalf("z%d: view %s, %d bytes", z, res.view, len(res.raw))
		}
		ls, err := mvt.Unmarshal(res.raw)
		if err != nil {
			t.Fatal(err)
		}
		l := layerNamed(ls, tileLayerMerged)
		if l == nil {
			t.Fatalf("z%d: no merged layer", z)
		}
		l.ProjectToWGS84(tl)
		// Each class's vertices, hashed by a grid of the tolerance.
		unit := (tl.Bound().Max[0] - tl.Bound().Min[0]) / tileExtent
		tol := float64(res.grid+2) * unit
		cells := map[string]map[[2]int64]bool{}
		count, km := map[string]int{}, map[string]float64{}
		for _, f := range l.Features {
			k := f.Properties["kondisi"].(string)
			count[k] += int(f.Properties["n"].(float64))
			km[k] += f.Properties["km"].(float64)
			cells[k] = map[[2]int64]bool{}
			for _, ls := range lines(f.Geometry) {
				for _, p := range ls {
					cells[k][[2]int64{int64(math.Floor(p[0] / tol)), int64(math.Floor(p[1] / tol))}] = true
				}
			}
		}
		wantN, wantKm := map[string]int{}, map[string]float64{}
		missing := 0
		for _, r := range snap.network.Ruas {
			k := string(roads.ConditionOf(roads.LatestSurvey(snap.network.Surveys[r.ID])).Kondisi())
			if len(snap.network.Surveys[r.ID]) == 0 {
				k = ""
			}
			wantN[k]++
			wantKm[k] += r.LengthM / 1000
			near := false
			for _, p := range r.Geometry.(orb.LineString) {
				cx, cy := int64(math.Floor(p[0]/tol)), int64(math.Floor(p[1]/tol))
				for dx := int64(-1); dx <= 1 && !near; dx++ {
					for dy := int64(-1); dy <= 1 && !near; dy++ {
						near = cells[k][[2]int64{cx + dx, cy + dy}]
					}
				}
			}
			if !near {
				missing++
				if missing == 1 {
					t.Errorf("z%d: ruas %s (%s) is not drawn in the merged tile", z, r.Key, k)
				}
			}
		}
		for k, n := range wantN {
			if count[k] != n || math.Abs(km[k]-wantKm[k]) > 0.1 {
				t.Errorf("z%d %q: %d ruas %.1f km, want %d ruas %.1f km", z, k, count[k], km[k], n, wantKm[k])
			}
		}
	}
}

// TestTileSizeBound: every tile over a dense network, at every zoom, is at
// most maxTileBytes, and the view changes from merged to detail as the
// reader zooms in.
func TestTileSizeBound(t *testing.T) {
	box := orb.Bound{Min: orb.Point{110.0, -7.6}, Max: orb.Point{110.4, -7.2}}
	snap := genNetwork(40_000, 2, box)
	views := map[string]int{}
	rng := rand.New(rand.NewPCG(9, 9))
	for z := maptile.Zoom(0); z <= 18; z++ {
		for i := 0; i < 6; i++ {
			p := orb.Point{box.Min[0] + rng.Float64()*0.4, box.Min[1] + rng.Float64()*0.4}
			tl := maptile.At(p, z)
			idx := snap.tileIndex()
			list := idx.candidates(tl, mapQuery{})
			res, err := idx.tile(tl, mapQuery{})
			if err == nil && res.view == "merged" && z <= pyramidZoom {
				// The same tile from the ruas (as a filter by kecamatan draws it).
				var alt *tileResult
				if alt, err = idx.build(tl, list); err == nil && len(alt.raw) > maxTileBytes {
					t.Errorf("tile %v built from the ruas: %d bytes", tl, len(alt.raw))
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.raw) > maxTileBytes {
				t.Errorf("tile %v (%d ruas, %s): %d bytes", tl, len(list), res.view, len(res.raw))
			}
			if res.ruas > len(list) || res.view != "empty" && res.ruas < len(list)*9/10 {
				t.Errorf("tile %v says %d ruas; %d reach it", tl, res.ruas, len(list))
			}
			views[res.view]++
		}
	}
	if views["merged"] == 0 || views["detail"] == 0 {
		t.Errorf("views %v: want both merged (zoomed out) and detail (zoomed in)", views)
	}
}

// TestTileCandidates: the ruas a tile reads (through the cells of its
// zoom, or a filter's own list when zoomed out) are those the filter
// keeps whose line reaches the tile, found here by testing every ruas.
func TestTileCandidates(t *testing.T) {
	box := orb.Bound{Min: orb.Point{110.0, -7.6}, Max: orb.Point{110.8, -7.2}}
	snap := genNetwork(20_000, 3, box)
	idx := snap.tileIndex()
	rng := rand.New(rand.NewPCG(5, 5))
	for n := 0; n < 120; n++ {
		p := orb.Point{box.Min[0] + rng.Float64()*0.8, box.Min[1] + rng.Float64()*0.4}
		tl := maptile.At(p, maptile.Zoom(rng.IntN(17)))
		var q mapQuery
		switch n % 4 {
		case 1:
			q.kecamatan = genKecamatan(p)
		case 2:
			q.surface = roads.Beton
		case 3:
			q.surface, q.kondisi = roads.Aspal, map[roads.Kondisi]bool{roads.RusakBerat: true}
		}
		got := map[int64]bool{}
		for _, i := range idx.candidates(tl, q) {
			got[idx.entries[i].r.ID] = true
		}
		bound := tl.Bound()
		loose := bound.Pad((bound.Max[0] - bound.Min[0]) / 8)
		for _, r := range snap.network.Ruas {
			e := snap.entries[r.ID]
			keep := q.keeps(r, e.lc.Kondisi)
			if keep && clip.Geometry(bound, orb.Clone(r.Geometry)) != nil && !got[r.ID] {
				t.Errorf("tile %v %+v: ruas %s reaches the tile but is not read", tl, q, r.Key)
			}
			if got[r.ID] && (!keep || !r.Geometry.Bound().Intersects(loose)) {
				t.Errorf("tile %v %+v: ruas %s read, but the filter drops it or it is far", tl, q, r.Key)
			}
		}
	}
}
