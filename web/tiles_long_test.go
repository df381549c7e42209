package web

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/kotablitar/ruas/roads"
)

// segmentCrossesBox: the straight segment a–b passes through the open
// box (Liang–Barsky), computed apart from the tile code.
func segmentCrossesBox(a, b [2]float64, x0, y0, x1, y1 float64) bool {
	t0, t1 := 0.0, 1.0
	d := [2]float64{b[0] - a[0], b[1] - a[1]}
	lo, hi := [2]float64{x0, y0}, [2]float64{x1, y1}
	for k := 0; k < 2; k++ {
		if d[k] == 0 {
			if a[k] <= lo[k] || a[k] >= hi[k] {
				return false
			}
			continue
		}
		ta, tb := (lo[k]-a[k])/d[k], (hi[k]-a[k])/d[k]
		if ta > tb {
			ta, tb = tb, ta
		}
		t0, t1 = math.Max(t0, ta), math.Min(t1, tb)
		if t0 >= t1 {
			return false
		}
	}
	return true
}

// webMercator places a point on the world square [0,1]² (y down).
func webMercator(p orb.Point) [2]float64 {
	lat := p[1] * math.Pi / 180
	return [2]float64{(p[0] + 180) / 360, (1 - math.Log(math.Tan(lat)+1/math.Cos(lat))/math.Pi) / 2}
}

// TestLongSegmentInEveryTileItCrosses: a straight two-vertex ruas ~180
// km long, among 3,100 others (so that zoomed out the tiles it crosses
// are drawn merged, from the precomputed view), is drawn in
// every tile it crosses at zooms 4–13 (from zoom 9, several), including those that hold
// neither of its ends. The tiles crossed are found here with a
// segment–box test on the tiles' squares.
func TestLongSegmentInEveryTileItCrosses(t *testing.T) {
	net := &roads.Network{Surveys: map[int64][]*roads.Survey{}}
	a, b := orb.Point{110.03, -7.01}, orb.Point{111.61, -7.53}
	long := &roads.Ruas{ID: 1, Key: roads.Key{Region: "99.01", No: "0000001"}, Name: "Jl. Panjang", Status: roads.Kabupaten,
		Surface: roads.Aspal, WidthM: 6, LengthM: 180_000, Geometry: orb.LineString{a, b}}
	net.Ruas = append(net.Ruas, long)
	v := &roads.Survey{RuasID: 1, Ruas: long.Key, Date: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), StaToM: 180_000, Distress: &roads.Distress{IRI: fp(3)}}
	v.Metres[0] = 180_000
	net.Surveys[1] = []*roads.Survey{v}
	// 3,100 unsurveyed copies of it: the tiles it crosses are drawn
	// merged (zoomed out, from the precomputed view), where its class
	// stands alone.
	for i := 0; i < 3100; i++ {
		net.Ruas = append(net.Ruas, &roads.Ruas{ID: int64(i + 2), Key: roads.Key{Region: "99.01", No: fmt.Sprintf("%07d", i+2)}, Name: "Jl. Salinan",
			Status: roads.Kabupaten, Surface: roads.Aspal, WidthM: 5, LengthM: 180_000, Geometry: orb.LineString{a, b}})
	}
	snap := buildSnapshot(net, testNow)
	k := string(snap.entries[1].lc.Kondisi)
	if k == "" {
		t.Fatal("the long ruas has no condition class")
	}
	idx := snap.tileIndex()
	ma, mb := webMercator(a), webMercator(b)
	for z := maptile.Zoom(4); z <= 13; z++ {
		n := math.Exp2(float64(z))
		crossed, merged := 0, 0
		for x := uint32(math.Floor(ma[0] * n)); x <= uint32(math.Floor(mb[0]*n)); x++ {
			for y := uint32(math.Floor(ma[1] * n)); y <= uint32(math.Floor(mb[1]*n)); y++ {
				// The tile's square less 2 pixels each side: a line
				// that only grazes an edge is not asked for.
				m := 2.0 / 256 / n
				if !segmentCrossesBox(ma, mb, float64(x)/n+m, float64(y)/n+m, float64(x+1)/n-m, float64(y+1)/n-m) {
					continue
				}
				crossed++
				tl := maptile.New(x, y, z)
				res, err := idx.tile(tl, mapQuery{})
				if err != nil {
					t.Fatal(err)
				}
				if res.view == "merged" {
					merged++
				}
				found := false
				if res.raw != nil {
					ls, err := mvt.Unmarshal(res.raw)
					if err != nil {
						t.Fatal(err)
					}
					for _, l := range ls {
						for _, f := range l.Features {
							found = found || f.Properties["kondisi"] == k && len(lines(f.Geometry)) > 0
						}
					}
				}
				if !found {
					t.Errorf("tile %d/%d/%d (%s view) is crossed by the long ruas but does not draw it", z, x, y, res.view)
				}
			}
		}
		if z >= 9 && crossed < 3 || z <= pyramidZoom && merged == 0 {
			t.Errorf("z%d: %d tiles crossed, %d merged: the test does not reach the case", z, crossed, merged)
		}
	}
}
