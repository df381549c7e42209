package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/kotablitar/ruas/roads"
)

// The map draws from Mapbox vector tiles (GET /api/v1/map/tiles/{z}/{x}/{y},
// and the verified-only /api/v1/publik/map/tiles/…), built from the
// snapshot the map already reads. A tile holds one of two views:
//
//   - detail: every ruas that crosses the tile (and passes the filters),
//     clipped to the tile plus a small buffer, simplified to half a
//     screen pixel (so each zoom has its own simplification), carrying
//     only its id and condition (and, from zoom 14, its key and name);
//     a click looks the ruas up (GET /api/v1/map/ruas/{id});
//   - merged: when the tile crosses more ruas than a screen can tell
//     apart (tileDetailMax) or the detail would pass maxTileBytes, the
//     lines of each condition class are merged into one feature snapped
//     to a pixel grid, with the number of ruas and their kilometres in
//     the tile. Every ruas is still drawn: nothing is left out, the
//     lines are only coarser, and the feature says how many it stands for.
//     Up to zoom pyramidZoom, unfiltered or filtered by condition, the
//     merged view comes precomputed (tiles_pyramid.go); past the size
//     bound a merged tile takes a grid twice as coarse, and again.
//
// A tile finds its ruas in the snapshot's tile index (one cell per tile
// at zooms 4–14; a kecamatan's or a surface's own list when shorter).
// Tiles are cached per snapshot (a new snapshot, made when the register's
// data version moves, starts an empty cache), keyed by filter and z/x/y.

const (
	tileExtent = 4096 // MVT units across a tile
	tileBuffer = 64   // MVT units drawn past each edge, so strokes meet across tiles
	// maxTileBytes bounds one tile (uncompressed protobuf).
	maxTileBytes = 200_000
	// tileDetailMax is the most ruas a detail tile carries; a tile
	// crossing more gets the merged view.
	tileDetailMax = 3000
	// tileAttrZoom is the zoom from which detail tiles carry key and name.
	tileAttrZoom = 14
	// tileCacheBytes bounds the tiles kept per snapshot set.
	tileCacheBytes = 128 << 20
)

// MVT layer names.
const (
	tileLayerDetail = "ruas"
	tileLayerMerged = "jaringan"
)

// tileKondisi lists the condition classes in the order merged tiles give them.
var tileKondisi = []roads.Kondisi{roads.Baik, roads.Sedang, roads.RusakRingan, roads.RusakBerat, ""}

// tileIndex lists the ruas with geometry by the tiles they cross at two
// zooms, so a tile reads the ruas of one cell instead of the whole
// network, and keeps each ruas's geometry on the web-mercator world
// square, so a tile projects it with a multiply and a subtract.
type tileIndex struct {
	entries []*mapEntry        // register order
	bound   orb.Bound          // of every entry
	merc    [][]orb.LineString // entries[i]'s parts on the world square [0,1]²
	bounds  []orb.Bound        // entries[i]'s bound, kept together for the scan
	// entries[i]'s id and condition class, kept together so that a
	// detail tile need not reach each ruas's record for them.
	ids     []int64
	kondisi []roads.Kondisi
	// levels list the entries by the tiles they reach (with cellPad) at
	// each zoom of tileLevels.
	levels []map[uint64][]int32
	pyr    pyramidSlot // the zoomed-out view, built on first use
	// The entries of each kecamatan (by code, and by name in lower case)
	// and of each surface, in register order.
	byKecamatan map[string][]int32
	bySurface   map[roads.Surface][]int32
}

type tileIndexSlot struct {
	once sync.Once
	idx  *tileIndex
}

// tileLevels are the zooms of the index's cells.
var tileLevels = []int{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}

// cellPad is how far past a cell (in cells) its list reaches: a ruas is
// listed in every cell whose tile it reaches with the tile's buffer, and
// more, so that a tile reads its own cell only.
const cellPad = 4.0 * tileBuffer / tileExtent

func cellKey(x, y uint32) uint64 { return uint64(x)<<32 | uint64(y) }

// tileIndex returns the snapshot's tile index, building it on first use.
func (snap *snapshot) tileIndex() *tileIndex {
	v, _ := snap.pages.LoadOrStore("tile-index", &tileIndexSlot{})
	slot := v.(*tileIndexSlot)
	slot.once.Do(func() { slot.idx = buildTileIndex(snap) })
	return slot.idx
}

func buildTileIndex(snap *snapshot) *tileIndex {
	idx := &tileIndex{levels: make([]map[uint64][]int32, len(tileLevels)), byKecamatan: map[string][]int32{}, bySurface: map[roads.Surface][]int32{}}
	for i := range idx.levels {
		idx.levels[i] = map[uint64][]int32{}
	}
	points := 0
	for _, r := range snap.network.Ruas {
		if e := snap.entries[r.ID]; e != nil && e.r.Geometry != nil {
			idx.entries = append(idx.entries, e)
			for _, ls := range lines(r.Geometry) {
				points += len(ls)
			}
		}
	}
	sort.Slice(idx.entries, func(i, j int) bool { return idx.entries[i].pos < idx.entries[j].pos })
	backing := make([]orb.Point, 0, points)
	idx.merc = make([][]orb.LineString, len(idx.entries))
	for i, e := range idx.entries {
		if i == 0 {
			idx.bound = e.bound
		}
		idx.bound = idx.bound.Union(e.bound)
		parts := lines(e.r.Geometry)
		idx.merc[i] = make([]orb.LineString, len(parts))
		for j, ls := range parts {
			from := len(backing)
			for _, p := range ls {
				backing = append(backing, orb.Point{mercX(p[0]), mercY(p[1])})
			}
			idx.merc[i][j] = orb.LineString(backing[from:len(backing):len(backing)])
		}
		idx.bounds = append(idx.bounds, e.bound)
		idx.ids = append(idx.ids, e.r.ID)
		idx.kondisi = append(idx.kondisi, e.lc.Kondisi)
		if c := e.r.KecamatanCode; c != "" {
			idx.byKecamatan[c] = append(idx.byKecamatan[c], int32(i))
		}
		if n := strings.ToLower(e.r.Kecamatan); n != "" && n != e.r.KecamatanCode {
			idx.byKecamatan[n] = append(idx.byKecamatan[n], int32(i))
		}
		idx.bySurface[e.r.Surface] = append(idx.bySurface[e.r.Surface], int32(i))
		mb := mercBound(e.bound)
		for l, z := range tileLevels {
			pad := cellPad / float64(uint64(1)<<z)
			x0, y0, x1, y1 := mercBox{mb[0] - pad, mb[1] - pad, mb[2] + pad, mb[3] + pad}.cells(z)
			for x := x0; x <= x1; x++ {
				for y := y0; y <= y1; y++ {
					k := cellKey(x, y)
					idx.levels[l][k] = append(idx.levels[l][k], int32(i))
				}
			}
		}
	}
	return idx
}

// mercBox is a bound on the world square: x0, y0 (north-west), x1, y1.
type mercBox [4]float64

func mercBound(b orb.Bound) mercBox {
	return mercBox{mercX(b.Min[0]), mercY(b.Max[1]), mercX(b.Max[0]), mercY(b.Min[1])}
}

// cells is the range of tiles at zoom z the box covers.
func (m mercBox) cells(z int) (x0, y0, x1, y1 uint32) {
	n := float64(uint64(1) << z)
	c := func(v float64) uint32 { return uint32(max(0, min(n-1, math.Floor(v*n)))) }
	return c(m[0]), c(m[1]), c(m[2]), c(m[3])
}

// tileXY is the tile at zoom z holding a point, clamped to the world.
func tileXY(lon, lat float64, z int) (uint32, uint32) {
	n := math.Exp2(float64(z))
	fx, fy := mercX(lon)*n, mercY(lat)*n
	clamp := func(v float64) uint32 { return uint32(math.Max(0, math.Min(n-1, math.Floor(v)))) }
	return clamp(fx), clamp(fy)
}

// mercX and mercY place a point on the web-mercator world square [0,1]².
func mercX(lon float64) float64 { return (lon + 180) / 360 }

func mercY(lat float64) float64 {
	lat = math.Max(-85.05112878, math.Min(85.05112878, lat))
	s := math.Sin(lat * math.Pi / 180)
	return 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
}

// candidates lists (as index positions, in register order) the ruas
// passing the filters whose bound meets the tile's buffered bound.
func (idx *tileIndex) candidates(t maptile.Tile, q mapQuery) []int32 {
	b := t.Bound()
	padX, padY := (b.Max[0]-b.Min[0])*2*tileBuffer/tileExtent, (b.Max[1]-b.Min[1])*2*tileBuffer/tileExtent
	b = orb.Bound{Min: orb.Point{b.Min[0] - padX, b.Min[1] - padY}, Max: orb.Point{b.Max[0] + padX, b.Max[1] + padY}}
	if !idx.bound.Intersects(b) {
		return nil
	}
	var out []int32
	filtered := q.kecamatan != "" || q.surface != "" || q.kondisi != nil || q.only != nil
	take := func(i int32) {
		if idx.bounds[i].Intersects(b) && (!filtered || q.keeps(idx.entries[i].r, idx.entries[i].lc.Kondisi)) {
			out = append(out, i)
		}
	}
	// A tile at an index level reads its own cell, a deeper tile the cell
	// holding it; a tile above the levels the cells its bound covers.
	z, m := tileLevels[0], idx.levels[0]
	x0, y0 := tileXY(b.Min[0], b.Max[1], z)
	x1, y1 := tileXY(b.Max[0], b.Min[1], z)
	if first, last := tileLevels[0], tileLevels[len(tileLevels)-1]; int(t.Z) >= first {
		z = min(int(t.Z), last)
		m = idx.levels[z-first]
		shift := uint(int(t.Z) - z)
		x0, y0 = t.X>>shift, t.Y>>shift
		x1, y1 = x0, y0
	}
	// A filter by kecamatan or surface reads that value's ruas when they
	// are fewer than the tile's cells list (zoomed out, mostly).
	if sel := idx.selection(q); sel != nil {
		listed := 0
		if int(x1-x0+1)*int(y1-y0+1) <= len(m) {
			for x := x0; x <= x1 && listed <= len(sel); x++ {
				for y := y0; y <= y1; y++ {
					listed += len(m[cellKey(x, y)])
				}
			}
		} else {
			listed = len(idx.entries)
		}
		if len(sel) < listed {
			for _, i := range sel {
				take(i)
			}
			return out
		}
	}
	if x0 == x1 && y0 == y1 {
		for _, i := range m[cellKey(x0, y0)] {
			take(i)
		}
		return out
	}
	var list []int32
	if int(x1-x0+1)*int(y1-y0+1) <= len(m) {
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				list = append(list, m[cellKey(x, y)]...)
			}
		}
	} else { // a zoomed-out tile: fewer cells hold ruas than it covers
		for k, ids := range m {
			if x, y := uint32(k>>32), uint32(k); x >= x0 && x <= x1 && y >= y0 && y <= y1 {
				list = append(list, ids...)
			}
		}
	}
	// A ruas crossing several cells is listed in each: once, in register order.
	slices.Sort(list)
	list = slices.Compact(list)
	for _, i := range list {
		take(i)
	}
	return out
}

// selection is the smallest of the lists of the filter's kecamatan
// (by code or name) and surface, nil when it filters by neither.
func (idx *tileIndex) selection(q mapQuery) []int32 {
	var sel []int32
	found := false
	pick := func(l []int32) {
		if !found || len(l) < len(sel) {
			sel, found = l, true
		}
	}
	if q.kecamatan != "" {
		l := idx.byKecamatan[q.kecamatan]
		if l == nil {
			l = idx.byKecamatan[strings.ToLower(q.kecamatan)]
		}
		pick(l)
	}
	if q.surface != "" {
		pick(idx.bySurface[q.surface])
	}
	if found && sel == nil {
		sel = []int32{} // the filter matches nothing
	}
	return sel
}

// tileProjector maps the world square to the units of one tile.
type tileProjector struct {
	n, x, y float64
}

func newTileProjector(t maptile.Tile) tileProjector {
	return tileProjector{n: math.Exp2(float64(t.Z)), x: float64(t.X), y: float64(t.Y)}
}

func (p tileProjector) point(m orb.Point) orb.Point {
	return orb.Point{(m[0]*p.n - p.x) * tileExtent, (m[1]*p.n - p.y) * tileExtent}
}

// lines gives the parts of a line geometry.
func lines(g orb.Geometry) []orb.LineString {
	switch g := g.(type) {
	case orb.LineString:
		return []orb.LineString{g}
	case orb.MultiLineString:
		return g
	}
	return nil
}

var tileClip = orb.Bound{Min: orb.Point{-tileBuffer, -tileBuffer}, Max: orb.Point{tileExtent + tileBuffer, tileExtent + tileBuffer}}

// roundGeometry rounds tile units to whole numbers (the MVT encoder truncates).
func roundGeometry(g orb.Geometry) {
	for _, ls := range lines(g) {
		for i := range ls {
			ls[i] = orb.Point{math.Round(ls[i][0]), math.Round(ls[i][1])}
		}
	}
}

// tileResult is one built tile.
type tileResult struct {
	raw, gz []byte
	view    string // "detail", "merged" or "empty"
	ruas    int    // ruas the tile draws
	grid    int    // merged: the snapping grid, tile units
}

// encodeMerged draws the ruas of each condition class as one feature:
// their lines snapped to a grid of grid tile units, each grid segment
// once. The grid doubles until the tile fits maxTileBytes.
func (idx *tileIndex) encodeMerged(t maptile.Tile, list []int32) ([]byte, int, error) {
	for grid := tileExtent / 256; ; grid *= 2 {
		b, err := idx.mergedAt(t, list, grid)
		if err != nil || len(b) <= maxTileBytes || grid >= tileExtent {
			return b, grid, err
		}
	}
}

// segSet remembers the grid segments drawn: a bitmap for the short
// segments between neighbouring grid points near the tile (nearly all of
// them), a map for the others.
type segSet struct {
	lo, side int32 // grid index range [lo, lo+side) on both axes
	bits     []uint64
	long     map[[4]int32]struct{}
}

func newSegSet(grid int) *segSet {
	b := int32(tileBuffer/grid + 2)
	side := int32(tileExtent/grid) + 2*b + 1
	return &segSet{lo: -b, side: side, bits: make([]uint64, (int(side)*int(side)*4+63)/64), long: map[[4]int32]struct{}{}}
}

// add records the segment between grid points a and b, and says whether
// it was new.
func (s *segSet) add(ax, ay, bx, by int32) bool {
	if ax > bx || ax == bx && ay > by {
		ax, ay, bx, by = bx, by, ax, ay
	}
	dx, dy := bx-ax, by-ay // dx ≥ 0
	dir := int32(-1)
	switch {
	case dx == 1 && dy == 0:
		dir = 0
	case dx == 0 && dy == 1:
		dir = 1
	case dx == 1 && dy == 1:
		dir = 2
	case dx == 1 && dy == -1:
		dir = 3
	}
	x, y := ax-s.lo, ay-s.lo
	if dir >= 0 && x >= 0 && y >= 0 && x < s.side && y < s.side {
		bit := (int(x)*int(s.side)+int(y))*4 + int(dir)
		w, m := bit/64, uint64(1)<<(bit%64)
		if s.bits[w]&m != 0 {
			return false
		}
		s.bits[w] |= m
		return true
	}
	k := [4]int32{ax, ay, bx, by}
	if _, ok := s.long[k]; ok {
		return false
	}
	s.long[k] = struct{}{}
	return true
}

func (idx *tileIndex) mergedAt(t maptile.Tile, list []int32, grid int) ([]byte, error) {
	proj := newTileProjector(t)
	// On the grid: scale the world square straight to grid indices.
	gn, g := proj.n*tileExtent/float64(grid), float64(grid)
	gx, gy := proj.x*tileExtent/g, proj.y*tileExtent/g
	snap := func(m orb.Point) (int32, int32) {
		return int32(math.Round(m[0]*gn - gx)), int32(math.Round(m[1]*gn - gy))
	}
	lo, hi := int32(-tileBuffer/grid-1), int32((tileExtent+tileBuffer)/grid+1)
	// away: the segment's box misses the tile and its buffer.
	away := func(ax, ay, bx, by int32) bool {
		return max(ax, bx) < lo || max(ay, by) < lo || min(ax, bx) > hi || min(ay, by) > hi
	}
	pt := func(x, y int32) orb.Point { return orb.Point{float64(x) * g, float64(y) * g} }
	type class struct {
		seen  *segSet
		mls   orb.MultiLineString
		n     int
		metre float64
	}
	classes := map[roads.Kondisi]*class{}
	for _, i := range list {
		e := idx.entries[i]
		c := classes[e.lc.Kondisi]
		if c == nil {
			c = &class{seen: newSegSet(grid)}
			classes[e.lc.Kondisi] = c
		}
		c.n++
		c.metre += e.r.Length()
		drawn := false // a segment of this ruas is in the tile (its own or one it shares)
		for _, ls := range idx.merc[i] {
			if len(ls) == 0 {
				continue
			}
			var piece orb.LineString
			flush := func() {
				if len(piece) >= 2 {
					c.mls = append(c.mls, piece)
				}
				piece = nil
			}
			px, py := snap(ls[0])
			for _, p := range ls[1:] {
				x, y := snap(p)
				if x == px && y == py {
					continue
				}
				if away(px, py, x, y) {
					flush()
				} else if !c.seen.add(px, py, x, y) {
					drawn = true
					flush()
				} else {
					drawn = true
					if len(piece) == 0 {
						piece = append(piece, pt(px, py))
					}
					piece = append(piece, pt(x, y))
				}
				px, py = x, y
			}
			flush()
		}
		if !drawn {
			// Within one grid cell: a dot where it lies, so that it is
			// drawn like every other ruas of the tile.
			x, y := snap(idx.merc[i][0][0])
			if !away(x, y, x, y) && c.seen.add(x, y, x+1, y) {
				c.mls = append(c.mls, orb.LineString{pt(x, y), {float64(x)*g + 1, float64(y) * g}})
			}
		}
	}
	fc := geojson.NewFeatureCollection()
	for _, k := range tileKondisi {
		c := classes[k]
		if c == nil {
			continue
		}
		f := geojson.NewFeature(c.mls)
		f.Properties["kondisi"] = string(k)
		f.Properties["n"] = c.n
		f.Properties["km"] = math.Round(c.metre/100) / 10
		fc.Append(f)
	}
	layer := mvt.NewLayer(tileLayerMerged, fc)
	layer.Clip(tileClip)
	for _, f := range layer.Features {
		roundGeometry(f.Geometry)
	}
	if len(layer.Features) == 0 {
		return nil, nil
	}
	return mvt.Marshal(mvt.Layers{layer})
}

// tile makes one tile for a filter: zoomed out and filtered by condition
// at most, from the precomputed view; else from the ruas in the tile.
func (idx *tileIndex) tile(t maptile.Tile, q mapQuery) (*tileResult, error) {
	if int(t.Z) <= pyramidZoom && q.kecamatan == "" && q.surface == "" && q.only == nil {
		res, ok, err := idx.pyramid().tile(t, q.kondisi)
		if ok && res.raw != nil {
			res.compress()
		}
		if ok || err != nil {
			return res, err
		}
	}
	return idx.build(t, idx.candidates(t, q))
}

// build makes one tile of the ruas listed: detail when it fits, else merged.
func (idx *tileIndex) build(t maptile.Tile, list []int32) (*tileResult, error) {
	r := &tileResult{view: "empty"}
	if len(list) == 0 {
		return r, nil
	}
	var err error
	ok := false
	if len(list) <= tileDetailMax {
		if r.raw, ok, err = idx.encodeDetail(t, list); err != nil {
			return nil, err
		}
		r.view = "detail"
	}
	if !ok {
		if r.raw, r.grid, err = idx.encodeMerged(t, list); err != nil {
			return nil, err
		}
		r.view = "merged"
	}
	if len(r.raw) == 0 {
		r.view = "empty"
		return r, nil
	}
	r.ruas = len(list)
	r.compress()
	return r, nil
}

// compress keeps the gzipped tile beside the raw one.
func (r *tileResult) compress() {
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(r.raw)
	zw.Close()
	gzipWriters.Put(zw)
	r.gz = buf.Bytes()
}

// gzipWriters recycles compressors: each holds about a megabyte of tables.
var gzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

// tileCache keeps the tiles of one snapshot, building each once however
// many readers ask for it at the same time.
type tileCache struct {
	mu    sync.Mutex
	m     map[string]*tileSlot
	bytes int
}

type tileSlot struct {
	done chan struct{}
	res  *tileResult
	err  error
}

func (snap *snapshot) tiles() *tileCache {
	v, _ := snap.pages.LoadOrStore("tile-cache", &tileCache{m: map[string]*tileSlot{}})
	return v.(*tileCache)
}

func (tc *tileCache) get(key string, build func() (*tileResult, error)) (*tileResult, error) {
	tc.mu.Lock()
	if s, ok := tc.m[key]; ok {
		tc.mu.Unlock()
		<-s.done
		return s.res, s.err
	}
	s := &tileSlot{done: make(chan struct{})}
	tc.m[key] = s
	tc.mu.Unlock()
	func() {
		// A build that panics fails its waiters too, rather than leaving them waiting.
		defer func() {
			if r := recover(); r != nil {
				s.res, s.err = nil, fmt.Errorf("tile %s: %v", key, r)
			}
		}()
		s.res, s.err = build()
	}()
	close(s.done)
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if s.err != nil {
		delete(tc.m, key) // a failed build is tried again
		return s.res, s.err
	}
	tc.bytes += len(s.res.raw) + len(s.res.gz) + len(key) + 64
	if tc.bytes > tileCacheBytes {
		// Drop finished tiles, in the map's order (arbitrary), to three quarters.
		for k, o := range tc.m {
			if tc.bytes <= tileCacheBytes*3/4 {
				break
			}
			select {
			case <-o.done:
				if o.res != nil {
					tc.bytes -= len(o.res.raw) + len(o.res.gz) + len(k) + 64
				}
				delete(tc.m, k)
			default:
			}
		}
	}
	return s.res, nil
}

// filterKey names a filter in the cache key.
func (q mapQuery) filterKey(programme bool) string {
	var ks []string
	for k := range q.kondisi {
		ks = append(ks, string(k)+".")
	}
	sort.Strings(ks)
	return fmt.Sprintf("%q|%s|%s|%v", q.kecamatan, q.surface, strings.Join(ks, ","), programme)
}

// parseTile reads z/x/y of a tile path (y may end in .pbf or .mvt).
func parseTile(c *gin.Context, p *fieldProblems) maptile.Tile {
	z, err := strconv.Atoi(c.Param("z"))
	if err != nil || z < 0 || z > maxZoom {
		p.add("z", c.Param("z"), "err.tile")
		return maptile.Tile{}
	}
	n := uint64(1) << z
	x, errx := strconv.ParseUint(c.Param("x"), 10, 32)
	ys := strings.TrimSuffix(strings.TrimSuffix(c.Param("y"), ".pbf"), ".mvt")
	y, erry := strconv.ParseUint(ys, 10, 32)
	if errx != nil || x >= n {
		p.add("x", c.Param("x"), "err.tile")
	}
	if erry != nil || y >= n {
		p.add("y", c.Param("y"), "err.tile")
	}
	return maptile.New(uint32(x), uint32(y), maptile.Zoom(z))
}

// tileAPI answers one vector tile of the working map.
func (s *Server) tileAPI(c *gin.Context) error { return s.tileFrom(c, s.snaps) }

// publicTileAPI answers one vector tile of the public map (verified records only).
func (s *Server) publicTileAPI(c *gin.Context) error { return s.tileFrom(c, s.public) }

func (s *Server) tileFrom(c *gin.Context, snaps *snapshots) error {
	l := localeOf(c)
	p := &fieldProblems{l: l}
	t := parseTile(c, p)
	var q mapQuery
	parseMapFilters(c, p, &q)
	if err := p.err(); err != nil {
		return err
	}
	snap, err := snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	programme := c.Query("programme") == "1"
	if programme {
		if q.only, err = s.programmeKeys(c, snap); err != nil {
			return err
		}
	}
	key := fmt.Sprintf("%s|%d/%d/%d", q.filterKey(programme), t.Z, t.X, t.Y)
	res, err := snap.tiles().get(key, func() (*tileResult, error) {
		return snap.tileIndex().tile(t, q)
	})
	if err != nil {
		return err
	}
	h := c.Writer.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	h.Set("X-Tile-View", res.view)
	h.Set("X-Tile-Ruas", strconv.Itoa(res.ruas))
	etag := fmt.Sprintf(`W/"t%d-%d-%d"`, snap.version, snap.epoch, len(res.raw))
	h.Set("ETag", etag)
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return nil
	}
	const mediaType = "application/vnd.mapbox-vector-tile"
	if len(res.gz) > 0 && strings.Contains(c.GetHeader("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		c.Data(http.StatusOK, mediaType, res.gz)
		return nil
	}
	c.Data(http.StatusOK, mediaType, res.raw)
	return nil
}

// mapRuasDoc is what a click on the map looks up: one ruas's popup fields.
type mapRuasDoc struct {
	ID         int64          `json:"id"`
	Properties map[string]any `json:"properties"` // key, name, kecamatan, surface, kondisi, length, survey_date, sdi, iri, synthetic
}

// mapRuasAPI answers the popup fields of one ruas of the working map.
func (s *Server) mapRuasAPI(c *gin.Context) error { return s.mapRuasFrom(c, s.snaps) }

// publicMapRuasAPI answers them on the public map: a ruas not verified is not found.
func (s *Server) publicMapRuasAPI(c *gin.Context) error { return s.mapRuasFrom(c, s.public) }

func (s *Server) mapRuasFrom(c *gin.Context, snaps *snapshots) error {
	l := localeOf(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %s", roads.ErrNotFound, c.Param("id"))
	}
	snap, err := snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	e := snap.entries[id]
	if e == nil {
		return fmt.Errorf("%w: ruas %d", roads.ErrNotFound, id)
	}
	buf := []byte(`{"id":`)
	buf = strconv.AppendInt(buf, id, 10)
	buf = append(buf, `,"properties":`...)
	buf = append(buf, e.properties(l, e.lc)...)
	buf = append(buf, '}')
	c.Data(http.StatusOK, "application/json; charset=utf-8", buf)
	return nil
}
