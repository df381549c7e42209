package web

import (
	"encoding/binary"
	"math"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"
)

// A small Mapbox vector tile writer for the detail view: one layer of
// LineString features with an id and a few string or integer
// attributes, written straight to protobuf bytes from the projected
// points, into buffers reused across tiles. The generic encoder built a
// GeoJSON feature with a property map per ruas, then a protobuf message
// tree, then the bytes: most of a detail tile's CPU and allocations.

// Protobuf wire keys (field number << 3 | wire type) of the MVT schema.
const (
	pbTileLayer     = 3<<3 | 2
	pbLayerName     = 1<<3 | 2
	pbLayerFeature  = 2<<3 | 2
	pbLayerKey      = 3<<3 | 2
	pbLayerValue    = 4<<3 | 2
	pbLayerExtent   = 5 << 3  // wire type 0 (varint)
	pbLayerVersion  = 15 << 3 // wire type 0 (varint)
	pbFeatureID     = 1 << 3  // wire type 0 (varint)
	pbFeatureTags   = 2<<3 | 2
	pbFeatureType   = 3 << 3 // wire type 0 (varint)
	pbFeatureGeom   = 4<<3 | 2
	pbValueString   = 1<<3 | 2
	pbValueSint     = 6 << 3 // wire type 0 (varint)
	pbValueDouble   = 3<<3 | 1
	mvtLineString   = 2
	mvtCmdMoveTo    = 1
	mvtCmdLineTo    = 2
	mvtLayerVersion = 1
)

func pbVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func pbVarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

func pbBytes(b []byte, key byte, s []byte) []byte {
	b = append(b, key)
	b = pbVarint(b, uint64(len(s)))
	return append(b, s...)
}

func pbString(b []byte, key byte, s string) []byte {
	b = append(b, key)
	b = pbVarint(b, uint64(len(s)))
	return append(b, s...)
}

// mvtValue is an attribute value: a string, or an integer when isInt.
type mvtValue struct {
	s     string
	i     int64
	f     float64
	isInt bool
	isDbl bool
}

// lineLayer writes one layer. Keys and values are numbered in the order
// first used, each feature's keys in the order given (the caller gives
// them sorted, as the generic encoder did).
type lineLayer struct {
	feats  []byte // the features, each with its field key and length
	keys   []string
	values []byte // the values, each with its field key and length
	nvals  uint32
	valIdx map[mvtValue]uint32
	tags   []uint32
	geom   []uint32
	fbuf   []byte
	// Scratch for the detail tile: projected points and simplification.
	pts   []orb.Point
	mask  []bool
	stack []int
}

var lineLayers = sync.Pool{New: func() any { return &lineLayer{valIdx: map[mvtValue]uint32{}} }}

func (l *lineLayer) reset() {
	l.feats, l.keys, l.values, l.nvals = l.feats[:0], l.keys[:0], l.values[:0], 0
	clear(l.valIdx)
}

func (l *lineLayer) key(k string) uint32 {
	for i, have := range l.keys {
		if have == k {
			return uint32(i)
		}
	}
	l.keys = append(l.keys, k)
	return uint32(len(l.keys) - 1)
}

func (l *lineLayer) value(v mvtValue) uint32 {
	if i, ok := l.valIdx[v]; ok {
		return i
	}
	var body [binaryMaxVarint + 1]byte
	b := body[:0]
	if v.isDbl {
		b = append(b, pbValueDouble)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.f))
		l.values = pbBytes(l.values, pbLayerValue, b)
	} else if v.isInt {
		b = append(b, pbValueSint)
		b = pbVarint(b, uint64(v.i<<1^v.i>>63))
		l.values = pbBytes(l.values, pbLayerValue, b)
	} else {
		l.values = append(l.values, pbLayerValue)
		l.values = pbVarint(l.values, uint64(1+pbVarintLen(uint64(len(v.s)))+len(v.s)))
		l.values = pbString(l.values, pbValueString, v.s)
	}
	i := l.nvals
	l.valIdx[v] = i
	l.nvals++
	return i
}

const binaryMaxVarint = 10

// feature adds a LineString feature: parts are whole tile units; keys
// and vals its attributes.
func (l *lineLayer) feature(id uint64, keys []string, vals []mvtValue, parts []orb.LineString) {
	l.geom = l.geom[:0]
	var px, py int32
	for _, ls := range parts {
		for j, p := range ls {
			if j == 0 {
				l.geom = append(l.geom, 1<<3|mvtCmdMoveTo)
			} else if j == 1 {
				l.geom = append(l.geom, uint32(len(ls)-1)<<3|mvtCmdLineTo)
			}
			x, y := int32(p[0]), int32(p[1])
			dx, dy := x-px, y-py
			px, py = x, y
			l.geom = append(l.geom, uint32(dx<<1^dx>>31), uint32(dy<<1^dy>>31))
		}
		if len(ls) == 1 {
			l.geom = append(l.geom, 0<<3|mvtCmdLineTo)
		}
	}
	l.write(true, id, keys, vals, l.geom)
}

// write adds a LineString feature of encoded geometry commands.
func (l *lineLayer) write(hasID bool, id uint64, keys []string, vals []mvtValue, geom []uint32) {
	l.tags = l.tags[:0]
	for i, k := range keys {
		l.tags = append(l.tags, l.key(k), l.value(vals[i]))
	}
	f := l.fbuf[:0]
	if hasID {
		f = append(f, pbFeatureID)
		f = pbVarint(f, id)
	}
	f = packed(f, pbFeatureTags, l.tags)
	f = append(f, pbFeatureType, mvtLineString)
	f = packed(f, pbFeatureGeom, geom)
	l.fbuf = f
	l.feats = pbBytes(l.feats, pbLayerFeature, f)
}

func packed(b []byte, key byte, vs []uint32) []byte {
	n := 0
	for _, v := range vs {
		n += pbVarintLen(uint64(v))
	}
	b = append(b, key)
	b = pbVarint(b, uint64(n))
	for _, v := range vs {
		b = pbVarint(b, uint64(v))
	}
	return b
}

// tile gives the whole tile (one layer) in a new slice.
func (l *lineLayer) tile(name string) []byte {
	n := 1 + pbVarintLen(uint64(len(name))) + len(name) + len(l.feats) + len(l.values) + 3 + 2
	for _, k := range l.keys {
		n += 1 + pbVarintLen(uint64(len(k))) + len(k)
	}
	out := make([]byte, 0, n+1+binaryMaxVarint)
	out = append(out, pbTileLayer)
	out = pbVarint(out, uint64(n))
	out = pbString(out, pbLayerName, name)
	out = append(out, l.feats...)
	for _, k := range l.keys {
		out = pbString(out, pbLayerKey, k)
	}
	out = append(out, l.values...)
	out = append(out, pbLayerExtent)
	out = pbVarint(out, tileExtent)
	out = append(out, pbLayerVersion, mvtLayerVersion)
	return out
}

// simplifyLine drops the points of ls (in place) within tol of the
// line through the points kept around them (Douglas–Peucker; the first
// farthest point splits), as the generic encoder's simplification did.
func (l *lineLayer) simplifyLine(ls orb.LineString, tol float64) orb.LineString {
	if len(ls) <= 2 {
		return ls
	}
	l.mask = append(l.mask[:0], make([]bool, len(ls))...)
	mask := l.mask
	mask[0], mask[len(ls)-1] = true, true
	stack := append(l.stack[:0], 0, len(ls)-1)
	for len(stack) > 0 {
		start, end := stack[len(stack)-2], stack[len(stack)-1]
		far, at := 0.0, 0
		for i := start + 1; i < end; i++ {
			if d := planar.DistanceFromSegmentSquared(ls[start], ls[end], ls[i]); d > far {
				far, at = d, i
			}
		}
		if far > tol*tol {
			mask[at] = true
			stack[len(stack)-1] = at
			stack = append(stack, at, end)
		} else {
			stack = stack[:len(stack)-2]
		}
	}
	l.stack = stack
	n := 0
	for i, keep := range mask {
		if keep {
			ls[n] = ls[i]
			n++
		}
	}
	return ls[:n]
}

// encodeDetail draws each ruas as its own feature; ok is false when the
// tile would pass maxTileBytes.
func (idx *tileIndex) encodeDetail(t maptile.Tile, list []int32) ([]byte, bool, error) {
	proj := newTileProjector(t)
	l := lineLayers.Get().(*lineLayer)
	defer lineLayers.Put(l)
	l.reset()
	attrs := int(t.Z) >= tileAttrZoom
	keys := []string{"id", "kondisi"}
	if attrs {
		keys = []string{"id", "key", "kondisi", "name"}
	}
	var vals [4]mvtValue
	var one [1]orb.LineString
	// Half a pixel of a 256-pixel tile: the simplification of this zoom.
	const tol = tileExtent / 512.0
	for _, i := range list {
		// Project every part into one scratch array.
		src := idx.merc[i]
		l.pts = l.pts[:0]
		b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
		for _, ls := range src {
			for _, q := range ls {
				p := proj.point(q)
				l.pts = append(l.pts, p)
				b.Min = orb.Point{min(b.Min[0], p[0]), min(b.Min[1], p[1])}
				b.Max = orb.Point{max(b.Max[0], p[0]), max(b.Max[1], p[1])}
			}
		}
		var parts []orb.LineString
		if len(src) == 1 {
			one[0] = orb.LineString(l.pts)
			parts = one[:]
		} else {
			parts = make([]orb.LineString, len(src))
			from := 0
			for j, ls := range src {
				parts[j] = orb.LineString(l.pts[from : from+len(ls) : from+len(ls)])
				from += len(ls)
			}
		}
		// Clip only what crosses the tile's edge (with its buffer).
		if !tileClip.Contains(b.Min) || !tileClip.Contains(b.Max) {
			var g orb.Geometry = orb.MultiLineString(parts)
			if len(parts) == 1 {
				g = parts[0]
			}
			if g = clip.Geometry(tileClip, g); g == nil {
				continue
			}
			parts = lines(g)
		}
		// Simplify, round, and drop a ruas that rounds to one point.
		moves := false
		for j, ls := range parts {
			ls = l.simplifyLine(ls, tol)
			for k := range ls {
				ls[k] = orb.Point{math.Round(ls[k][0]), math.Round(ls[k][1])}
				moves = moves || k > 0 && ls[k] != ls[k-1]
			}
			parts[j] = ls
		}
		if !moves {
			continue
		}
		id := idx.ids[i]
		vals[0] = mvtValue{i: id, isInt: true}
		if attrs {
			r := idx.entries[i].r
			vals[1] = mvtValue{s: r.Key.String()}
			vals[2] = mvtValue{s: string(idx.kondisi[i])}
			vals[3] = mvtValue{s: r.Name}
		} else {
			vals[1] = mvtValue{s: string(idx.kondisi[i])}
		}
		l.feature(uint64(id), keys, vals[:len(keys)], parts)
	}
	if len(l.feats) == 0 {
		return nil, true, nil
	}
	out := l.tile(tileLayerDetail)
	return out, len(out) <= maxTileBytes, nil
}
