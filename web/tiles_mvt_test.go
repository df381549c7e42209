package web

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/simplify"
)

// TestDetailEncoderMatchesGeneric: the hand-written detail encoder gives
// the same features (geometry, id, attributes) as the generic orb
// encoder it replaced, kept below as the reference, on random tiles at
// zooms 9–18 over a dense network with single and multi-part ruas,
// including tiles where ruas cross the edge and are clipped.
func TestDetailEncoderMatchesGeneric(t *testing.T) {
	box := orb.Bound{Min: orb.Point{110.0, -7.6}, Max: orb.Point{110.4, -7.2}}
	snap := genNetwork(20_000, 11, box)
	// Some multi-part ruas: the line cut in two with a gap, and one
	// with a single-point part's neighbour far away.
	rng := rand.New(rand.NewPCG(3, 3))
	for i, r := range snap.network.Ruas {
		if i%7 == 0 {
			ls := r.Geometry.(orb.LineString)
			r.Geometry = orb.MultiLineString{ls[:4], append(orb.LineString{}, ls[5:]...)}
		}
	}
	snap = buildSnapshot(snap.network, testNow)
	idx := snap.tileIndex()
	same, compared, drawn := 0, 0, 0
	for n := 0; n < 400; n++ {
		p := orb.Point{box.Min[0] + rng.Float64()*0.4, box.Min[1] + rng.Float64()*0.4}
		tl := maptile.At(p, maptile.Zoom(9+rng.IntN(10)))
		list := idx.candidates(tl, mapQuery{})
		if len(list) == 0 || len(list) > tileDetailMax {
			continue
		}
		want, wantOK, err := idx.encodeDetailGeneric(tl, list)
		if err != nil {
			t.Fatal(err)
		}
		got, gotOK, err := idx.encodeDetail(tl, list)
		if err != nil {
			t.Fatal(err)
		}
		compared++
		if string(got) == string(want) {
			same++
		}
		if gotOK != wantOK || (got == nil) != (want == nil) {
			t.Fatalf("tile %v: ok %v nil %v, want ok %v nil %v", tl, gotOK, got == nil, wantOK, want == nil)
		}
		if want == nil {
			continue
		}
		wl, err := mvt.Unmarshal(want)
		if err != nil {
			t.Fatal(err)
		}
		gl, err := mvt.Unmarshal(got)
		if err != nil {
			t.Fatalf("tile %v: %v", tl, err)
		}
		drawn += len(wl[0].Features)
		if len(gl) != 1 || gl[0].Name != wl[0].Name || gl[0].Version != wl[0].Version || gl[0].Extent != wl[0].Extent || len(gl[0].Features) != len(wl[0].Features) {
			t.Fatalf("tile %v: layers differ: %d features, want %d", tl, len(gl[0].Features), len(wl[0].Features))
		}
		for i, f := range gl[0].Features {
			w := wl[0].Features[i]
			if fmt.Sprint(f.ID) != fmt.Sprint(w.ID) || !reflect.DeepEqual(f.Properties, w.Properties) || !reflect.DeepEqual(f.Geometry, w.Geometry) {
				t.Fatalf("tile %v feature %d:\n got %v %v %v\nwant %v %v %v", tl, i, f.ID, f.Properties, f.Geometry, w.ID, w.Properties, w.Geometry)
			}
		}
	}
	t.Logf("%d tiles compared (%d features), %d byte for byte", compared, drawn, same)
	if compared < 100 || drawn < 10_000 {
		t.Errorf("only %d tiles, %d features compared", compared, drawn)
	}
}

// encodeDetailGeneric (the encoder the detail view used before) draws each ruas as its own feature; ok is false when the
// tile would pass maxTileBytes.
func (idx *tileIndex) encodeDetailGeneric(t maptile.Tile, list []int32) ([]byte, bool, error) {
	proj := newTileProjector(t)
	fc := geojson.NewFeatureCollection()
	fc.Features = make([]*geojson.Feature, 0, len(list))
	var buf []orb.Point
	for _, i := range list {
		e := idx.entries[i]
		var g orb.Geometry
		g, buf = proj.geometryIn(idx.merc[i], buf)
		// Clip only what crosses the tile's edge (with its buffer).
		if !tileClip.Contains(g.Bound().Min) || !tileClip.Contains(g.Bound().Max) {
			if g = clip.Geometry(tileClip, g); g == nil {
				continue
			}
		}
		f := geojson.NewFeature(g)
		f.ID = e.r.ID
		f.Properties["id"] = e.r.ID
		f.Properties["kondisi"] = string(e.lc.Kondisi)
		if int(t.Z) >= tileAttrZoom {
			f.Properties["key"] = e.r.Key.String()
			f.Properties["name"] = e.r.Name
		}
		fc.Append(f)
	}
	layer := mvt.NewLayer(tileLayerDetail, fc)
	// Half a pixel of a 256-pixel tile: the simplification of this zoom.
	layer.Simplify(simplify.DouglasPeucker(tileExtent / 512.0))
	for _, f := range layer.Features {
		roundGeometry(f.Geometry)
	}
	layer.RemoveEmpty(1, 0)
	if len(layer.Features) == 0 {
		return nil, true, nil
	}
	b, err := mvt.Marshal(mvt.Layers{layer})
	if err != nil {
		return nil, false, err
	}
	return b, len(b) <= maxTileBytes, nil
}

// TestMergedEncoderMatchesGeneric: the zoomed-out view's tiles, drawn by
// the hand-written encoder, give the same bytes and features as the
// generic encoder it replaced (kept below), from the tile's own level
// and from the levels above it.
func TestMergedEncoderMatchesGeneric(t *testing.T) {
	box := orb.Bound{Min: orb.Point{110.0, -7.6}, Max: orb.Point{111.4, -6.9}}
	snap := genNetwork(30_000, 12, box)
	p := snap.tileIndex().pyramid()
	rng := rand.New(rand.NewPCG(8, 8))
	compared, segs := 0, 0
	for n := 0; n < 200; n++ {
		pnt := orb.Point{box.Min[0] + rng.Float64()*1.4, box.Min[1] + rng.Float64()*0.7}
		tl := maptile.At(pnt, maptile.Zoom(3+rng.IntN(8)))
		pt := p.levels[tl.Z][cellKey(tl.X, tl.Y)]
		if pt == nil {
			continue
		}
		shift := uint(rng.IntN(min(3, int(tl.Z)+1)))
		src := p.levels[int(tl.Z)-int(shift)][cellKey(tl.X>>shift, tl.Y>>shift)]
		use := [5]bool{true, true, true, true, true}
		if n%3 == 1 {
			use = [5]bool{false, true, false, true, false}
		}
		want, err := pt.encodeGeneric(tl, src, shift, use)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pt.encode(tl, src, shift, use)
		if err != nil {
			t.Fatal(err)
		}
		if (got == nil) != (want == nil) {
			t.Fatalf("tile %v: nil %v, want nil %v", tl, got == nil, want == nil)
		}
		if want == nil {
			continue
		}
		compared++
		wl, err := mvt.Unmarshal(want)
		if err != nil {
			t.Fatal(err)
		}
		gl, err := mvt.Unmarshal(got)
		if err != nil {
			t.Fatalf("tile %v: %v", tl, err)
		}
		for _, f := range wl[0].Features {
			segs += len(lines(f.Geometry))
		}
		if !reflect.DeepEqual(gl, wl) {
			t.Fatalf("tile %v shift %d: features differ", tl, shift)
		}
		if string(got) != string(want) {
			t.Errorf("tile %v shift %d: same features, other bytes", tl, shift)
		}
	}
	t.Logf("%d tiles compared, %d segments", compared, segs)
	if compared < 50 || segs < 10_000 {
		t.Errorf("only %d tiles, %d segments compared", compared, segs)
	}
}

// encodeGeneric (the encoder the zoomed-out view used before) draws the segments of src (a tile shift zooms above t, or t
// itself) that reach t, with pt's counts.
func (pt *pyrTile) encodeGeneric(t maptile.Tile, src *pyrTile, shift uint, use [5]bool) ([]byte, error) {
	var mls [5]orb.MultiLineString
	// One backing array for every segment's two points: few allocations.
	pts := make([]orb.Point, 0, 2*pt.reach(t, src, shift, use))
	pt.each(t, src, shift, use, func(c int, x0, y0, x1, y1 int64) {
		if x0 == x1 && y0 == y1 {
			x1++ // a dot
		}
		pts = append(pts, orb.Point{float64(x0), float64(y0)}, orb.Point{float64(x1), float64(y1)})
		mls[c] = append(mls[c], orb.LineString(pts[len(pts)-2:len(pts):len(pts)]))
	})
	// Segments stay whole: a few units past the buffer at most, which
	// the client clips.
	fc := geojson.NewFeatureCollection()
	for c, k := range tileKondisi {
		if len(mls[c]) == 0 {
			continue
		}
		f := geojson.NewFeature(mls[c])
		f.Properties["kondisi"] = string(k)
		f.Properties["n"] = int(pt.n[c])
		f.Properties["km"] = math.Round(pt.metre[c]/100) / 10
		fc.Append(f)
	}
	if len(fc.Features) == 0 {
		return nil, nil
	}
	return mvt.Marshal(mvt.Layers{mvt.NewLayer(tileLayerMerged, fc)})
}

// geometryIn is geometry with the points taken from buf (grown when
// short), so that a tile allocates its points once; it returns the rest
// of buf.
func (p tileProjector) geometryIn(parts []orb.LineString, buf []orb.Point) (orb.Geometry, []orb.Point) {
	if len(parts) == 1 {
		ls := parts[0]
		if len(buf) < len(ls) {
			buf = make([]orb.Point, max(len(ls), 1024))
		}
		out := orb.LineString(buf[:len(ls):len(ls)])
		for j, q := range ls {
			out[j] = p.point(q)
		}
		return out, buf[len(ls):]
	}
	mls := make(orb.MultiLineString, len(parts))
	for i, ls := range parts {
		out := make(orb.LineString, len(ls))
		for j, q := range ls {
			out[j] = p.point(q)
		}
		mls[i] = out
	}
	return mls, buf
}
