package roads

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// TestOutsideBy measures against geo.Distance to the nearest edge point,
// which the test knows: the square's east edge is the meridian 112.20.
func TestOutsideBy(t *testing.T) {
	square := orb.Polygon{{{112.10, -8.20}, {112.20, -8.20}, {112.20, -8.10}, {112.10, -8.10}, {112.10, -8.20}}}
	for _, tc := range []struct {
		name string
		p    orb.Point
		edge orb.Point // nearest point of the boundary; nil inside
	}{
		{"inside", orb.Point{112.15, -8.15}, orb.Point{}},
		{"1 km east", orb.Point{112.20 + 1000/(111_320*math.Cos(8.15*math.Pi/180)), -8.15}, orb.Point{112.20, -8.15}},
		{"5 km east", orb.Point{112.20 + 5000/(111_320*math.Cos(8.15*math.Pi/180)), -8.15}, orb.Point{112.20, -8.15}},
		{"beyond a corner", orb.Point{112.21, -8.21}, orb.Point{112.20, -8.20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := 0.0
			if tc.edge != (orb.Point{}) {
				want = geo.Distance(tc.p, tc.edge)
			}
			for _, g := range []orb.Geometry{square, orb.MultiPolygon{square}} {
				got := OutsideBy(g, tc.p)
				if math.Abs(got-want) > 0.01*want+1 {
					t.Errorf("%T: OutsideBy = %.1f m, want %.1f m (geo.Distance to the edge)", g, got, want)
				}
			}
		})
	}
	if d := OutsideBy(orb.LineString{{112, -8}, {113, -8}}, orb.Point{0, 0}); d != 0 {
		t.Errorf("a line is no area: OutsideBy = %g, want 0", d)
	}
}
