package web

import (
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/kotablitar/ruas/roads"
)

// The network-wide view, precomputed. Zoomed out on a large network a
// merged tile built from the ruas themselves reads every ruas under it
// (all of them at zoom 5 on a national register). Instead, once per
// snapshot, every ruas is drawn on the pixel grid of zoom pyramidZoom
// (256 pixels a tile), each grid segment once per condition class; each
// shallower zoom halves the grid of the one below and drops the segments
// that repeat. Each zoom's segments and the number and length of the
// ruas crossing each tile are kept by tile, so a zoomed-out tile reads
// its own segments only: its cost follows what it draws, not the size
// of the network. It serves the map unfiltered or filtered by condition;
// the other filters build merged tiles from the ruas (encodeMerged).

// pyramidZoom is the deepest zoom of the precomputed view.
const pyramidZoom = 10

// pyrPx: 2^pyrPx grid points across a tile (one per pixel of a 256-pixel tile).
const pyrPx = 8

// pyrTile is one tile of the precomputed view.
type pyrTile struct {
	segs  [5][]uint64 // per class (tileKondisi order): packed grid segments
	n     [5]int32    // ruas crossing the tile, per class
	metre [5]float64  // their length, per class
}

type pyramid struct {
	levels [pyramidZoom + 1]map[uint64]*pyrTile
}

type pyramidSlot struct {
	once sync.Once
	p    *pyramid
}

// classIndex is a condition class's place in tileKondisi.
func classIndex(k roads.Kondisi) int {
	for i, c := range tileKondisi {
		if c == k {
			return i
		}
	}
	return len(tileKondisi) - 1
}

// A segment from grid point a to b is packed as ax (22 bits), ay (22
// bits), b−a (10 bits each, signed); a comes first in (x, y) order.
const segDMax = 511

func packSeg(ax, ay, bx, by int32) uint64 {
	if ax > bx || ax == bx && ay > by {
		ax, ay, bx, by = bx, by, ax, ay
	}
	return uint64(ax)<<42 | uint64(ay)<<20 | uint64((bx-ax)&0x3ff)<<10 | uint64((by-ay)&0x3ff)
}

func unpackSeg(s uint64) (ax, ay, bx, by int32) {
	ax, ay = int32(s>>42), int32(s>>20&(1<<22-1))
	dx, dy := int32(s>>10&0x3ff), int32(s&0x3ff)
	if dx > segDMax {
		dx -= 1024
	}
	if dy > segDMax {
		dy -= 1024
	}
	return ax, ay, ax + dx, ay + dy
}

// addSeg records a segment, cut in halves while it is too long to pack.
func addSeg(set []uint64, ax, ay, bx, by int32) []uint64 {
	if abs32(bx-ax) > segDMax || abs32(by-ay) > segDMax {
		mx, my := ax+(bx-ax)/2, ay+(by-ay)/2
		set = addSeg(set, ax, ay, mx, my)
		return addSeg(set, mx, my, bx, by)
	}
	return append(set, packSeg(ax, ay, bx, by))
}

// segMeetsCell: the segment a–b (grid points) meets the closed square
// of tile (tx, ty), [tx·256, (tx+1)·256] by [ty·256, (ty+1)·256]: the
// square's corners are not all strictly on one side of the line, and
// the boxes overlap (the caller walks the segment's box only).
func segMeetsCell(ax, ay, bx, by, tx, ty int32) bool {
	x0, y0 := int64(tx)<<pyrPx, int64(ty)<<pyrPx
	x1, y1 := x0+1<<pyrPx, y0+1<<pyrPx
	dx, dy := int64(bx-ax), int64(by-ay)
	side := func(x, y int64) int64 { return dx*(y-int64(ay)) - dy*(x-int64(ax)) }
	s0, s1, s2, s3 := side(x0, y0), side(x1, y0), side(x0, y1), side(x1, y1)
	return !(s0 > 0 && s1 > 0 && s2 > 0 && s3 > 0 || s0 < 0 && s1 < 0 && s2 < 0 && s3 < 0)
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

// pyramid returns the index's precomputed view, building it on first use.
func (idx *tileIndex) pyramid() *pyramid {
	idx.pyr.once.Do(func() { idx.pyr.p = buildPyramid(idx) })
	return idx.pyr.p
}

func buildPyramid(idx *tileIndex) *pyramid {
	p := &pyramid{}
	for z := range p.levels {
		p.levels[z] = map[uint64]*pyrTile{}
	}
	at := func(z int, x, y uint32) *pyrTile {
		k := cellKey(x, y)
		t := p.levels[z][k]
		if t == nil {
			t = &pyrTile{}
			p.levels[z][k] = t
		}
		return t
	}
	// Each class's segments, listed with repeats, then sorted and made
	// unique (cheaper than a set for millions of them).
	var sets [5][]uint64
	top := int32(1) << (pyramidZoom + pyrPx)
	scale := float64(top)
	grid := func(v float64) int32 { return max(0, min(top-1, int32(math.Floor(v*scale)))) }
	for i, e := range idx.entries {
		c := classIndex(e.lc.Kondisi)
		drawn := false
		var fx, fy int32
		mb := orb.Bound{Min: orb.Point{2, 2}, Max: orb.Point{-1, -1}}
		for j, ls := range idx.merc[i] {
			for k, q := range ls {
				mb.Min = orb.Point{min(mb.Min[0], q[0]), min(mb.Min[1], q[1])}
				mb.Max = orb.Point{max(mb.Max[0], q[0]), max(mb.Max[1], q[1])}
				x, y := grid(q[0]), grid(q[1])
				if j == 0 && k == 0 {
					fx, fy = x, y
				}
				if k > 0 {
					px, py := grid(ls[k-1][0]), grid(ls[k-1][1])
					if x != px || y != py {
						sets[c] = addSeg(sets[c], px, py, x, y)
						drawn = true
					}
				}
			}
		}
		if !drawn { // within one pixel: a dot
			sets[c] = addSeg(sets[c], fx, fy, fx, fy)
		}
		metre := e.r.Length()
		box := mercBox{mb.Min[0], mb.Min[1], mb.Max[0], mb.Max[1]}
		for z := 0; z <= pyramidZoom; z++ {
			x0, y0, x1, y1 := box.cells(z)
			for x := x0; x <= x1; x++ {
				for y := y0; y <= y1; y++ {
					t := at(z, x, y)
					t.n[c]++
					t.metre[c] += metre
				}
			}
		}
	}
	for z := pyramidZoom; z >= 0; z-- {
		var next [5][]uint64
		for c, set := range sets {
			slices.Sort(set)
			set = slices.Compact(set)
			if z > 0 {
				next[c] = make([]uint64, 0, len(set)*2/3)
			}
			for _, s := range set {
				ax, ay, bx, by := unpackSeg(s)
				ta := at(z, uint32(ax>>pyrPx), uint32(ay>>pyrPx))
				ta.segs[c] = append(ta.segs[c], s)
				if bx>>pyrPx != ax>>pyrPx || by>>pyrPx != ay>>pyrPx {
					// Every other tile the segment crosses, not only
					// the one of its far end: a segment may pass through
					// a tile holding neither end.
					tx0, tx1 := min(ax, bx)>>pyrPx, max(ax, bx)>>pyrPx
					ty0, ty1 := min(ay, by)>>pyrPx, max(ay, by)>>pyrPx
					for tx := tx0; tx <= tx1; tx++ {
						for ty := ty0; ty <= ty1; ty++ {
							if tx == ax>>pyrPx && ty == ay>>pyrPx || !segMeetsCell(ax, ay, bx, by, tx, ty) {
								continue
							}
							tb := at(z, uint32(tx), uint32(ty))
							tb.segs[c] = append(tb.segs[c], s)
						}
					}
				}
				if z > 0 {
					next[c] = addSeg(next[c], ax>>1, ay>>1, bx>>1, by>>1)
				}
			}
		}
		sets = next
	}
	return p
}

// tile draws a zoomed-out tile from the precomputed view, for the
// condition classes kondisi selects (nil: all). ok is false when the
// tile crosses few enough ruas to draw each (the detail view).
func (p *pyramid) tile(t maptile.Tile, kondisi map[roads.Kondisi]bool) (res *tileResult, ok bool, err error) {
	pt := p.levels[t.Z][cellKey(t.X, t.Y)]
	if pt == nil {
		return &tileResult{view: "empty"}, true, nil
	}
	var use [5]bool
	total := 0
	for c, k := range tileKondisi {
		use[c] = kondisi == nil || kondisi[k]
		if use[c] {
			total += int(pt.n[c])
		}
	}
	if total == 0 {
		return &tileResult{view: "empty"}, true, nil
	}
	if total <= tileDetailMax {
		return nil, false, nil
	}
	res = &tileResult{view: "merged", ruas: total}
	// Past the size bound, draw from the zoom above: a grid twice as
	// coarse. A segment takes about segBytes; start from the first zoom
	// whose segments fit by that count.
	const segBytes = 8
	for lv := int(t.Z); lv >= 0; lv-- {
		shift := uint(int(t.Z) - lv)
		src := p.levels[lv][cellKey(t.X>>shift, t.Y>>shift)]
		if lv > 0 && pt.reach(t, src, shift, use)*segBytes > maxTileBytes {
			continue
		}
		res.grid = (tileExtent >> pyrPx) << shift
		if res.raw, err = pt.encode(t, src, shift, use); err != nil || len(res.raw) <= maxTileBytes {
			break
		}
	}
	if err != nil {
		return nil, false, err
	}
	return res, true, nil
}

// reach counts the segments of src that encode would draw.
func (pt *pyrTile) reach(t maptile.Tile, src *pyrTile, shift uint, use [5]bool) int {
	n := 0
	pt.each(t, src, shift, use, func(int, int64, int64, int64, int64) { n++ })
	return n
}

// each calls f with the class and the ends (tile units) of every segment
// of src, for the classes in use, that reaches t and its buffer.
func (pt *pyrTile) each(t maptile.Tile, src *pyrTile, shift uint, use [5]bool, f func(c int, x0, y0, x1, y1 int64)) {
	g := int64(tileExtent>>pyrPx) << shift // tile units per grid step
	ox, oy := int64(t.X)*tileExtent, int64(t.Y)*tileExtent
	lo, hi := int64(-tileBuffer), int64(tileExtent+tileBuffer)
	for c := range tileKondisi {
		if !use[c] || pt.n[c] == 0 {
			continue
		}
		for _, s := range src.segs[c] {
			ax, ay, bx, by := unpackSeg(s)
			x0, y0 := int64(ax)*g-ox, int64(ay)*g-oy
			x1, y1 := int64(bx)*g-ox, int64(by)*g-oy
			if max(x0, x1) < lo || max(y0, y1) < lo || min(x0, x1) > hi || min(y0, y1) > hi {
				continue
			}
			f(c, x0, y0, x1, y1)
		}
	}
}

// encode draws the segments of src (a tile shift zooms above t, or t
// itself) that reach t, with pt's counts: one feature a class, each
// segment a part of it. Segments stay whole: a few units past the
// buffer at most, which the client clips.
func (pt *pyrTile) encode(t maptile.Tile, src *pyrTile, shift uint, use [5]bool) ([]byte, error) {
	l := lineLayers.Get().(*lineLayer)
	defer lineLayers.Put(l)
	l.reset()
	keys := []string{"km", "kondisi", "n"}
	var vals [3]mvtValue
	g := int64(tileExtent>>pyrPx) << shift // tile units per grid step
	ox, oy := int64(t.X)*tileExtent, int64(t.Y)*tileExtent
	lo, hi := int64(-tileBuffer), int64(tileExtent+tileBuffer)
	zig := func(v int64) uint32 { d := int32(v); return uint32(d<<1 ^ d>>31) }
	for c, k := range tileKondisi {
		if !use[c] || pt.n[c] == 0 {
			continue
		}
		l.geom = l.geom[:0]
		var px, py int64
		for _, s := range src.segs[c] {
			ax, ay, bx, by := unpackSeg(s)
			x0, y0 := int64(ax)*g-ox, int64(ay)*g-oy
			x1, y1 := int64(bx)*g-ox, int64(by)*g-oy
			if max(x0, x1) < lo || max(y0, y1) < lo || min(x0, x1) > hi || min(y0, y1) > hi {
				continue
			}
			if x0 == x1 && y0 == y1 {
				x1++ // a dot
			}
			l.geom = append(l.geom, 1<<3|mvtCmdMoveTo, zig(x0-px), zig(y0-py), 1<<3|mvtCmdLineTo, zig(x1-x0), zig(y1-y0))
			px, py = x1, y1
		}
		if len(l.geom) == 0 {
			continue
		}
		vals[0] = mvtValue{f: math.Round(pt.metre[c]/100) / 10, isDbl: true}
		vals[1] = mvtValue{s: string(k)}
		vals[2] = mvtValue{i: int64(pt.n[c]), isInt: true}
		l.write(false, 0, keys, vals[:], l.geom)
	}
	if len(l.feats) == 0 {
		return nil, nil
	}
	return l.tile(tileLayerMerged), nil
}
