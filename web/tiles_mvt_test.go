package web

import (
	"fmt"
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
