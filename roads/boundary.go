package roads

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// OutsideBy is how far (m) p lies outside the area g (a Polygon or
// MultiPolygon, WGS84): 0 inside it, and 0 when g is no area. Distances to
// the rings' edges are taken on a flat projection around p, good to well
// under a percent at the few kilometres a boundary tolerance is about.
// The importer (refusing points outside the office), the quality report
// (flagging them) and the forms all measure with it.
func OutsideBy(g orb.Geometry, p orb.Point) float64 {
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	default:
		return 0
	}
	kx := math.Cos(p[1]*math.Pi/180) * 111_320 // m per degree of longitude here
	const ky = 110_574.0                       // m per degree of latitude
	best := math.Inf(1)
	for _, poly := range polys {
		if planar.PolygonContains(poly, p) {
			return 0
		}
		for _, ring := range poly {
			for i := 1; i < len(ring); i++ {
				ax, ay := (ring[i-1][0]-p[0])*kx, (ring[i-1][1]-p[1])*ky
				bx, by := (ring[i][0]-p[0])*kx, (ring[i][1]-p[1])*ky
				best = math.Min(best, segmentDistance(ax, ay, bx, by))
			}
		}
	}
	return best
}

// segmentDistance is the distance from the origin to the segment a–b.
func segmentDistance(ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l))
	}
	return math.Hypot(ax+t*dx, ay+t*dy)
}
