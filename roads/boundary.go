package roads

import (
	"fmt"
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

// BoundaryToleranceM is how far (m) outside the office's boundary a
// point of a ruas may lie before it is refused: boundaries are drawn
// coarsely and border roads run on them.
const BoundaryToleranceM = 2_000.0

// CheckInside is the field error of a geometry whose farthest point lies
// more than BoundaryToleranceM outside the office's boundary, or nil. With
// no boundary (or no geometry) every geometry passes.
func (o Office) CheckInside(g orb.Geometry) *FieldError {
	if g == nil || o.Boundary == nil {
		return nil
	}
	worst, at := 0.0, orb.Point{}
	for _, p := range pointsOf(g) {
		if d := OutsideBy(o.Boundary, p); d > worst {
			worst, at = d, p
		}
	}
	if worst <= BoundaryToleranceM {
		return nil
	}
	return &FieldError{Field: "geometry", Value: fmt.Sprintf("%.5f, %.5f", at[1], at[0]),
		Code: FieldOutsideOffice, Figures: []float64{worst / 1000, BoundaryToleranceM / 1000},
		Message: fmt.Sprintf("a point lies %.1f km outside the boundary of %s (tolerance %.0f km); check the drawing or the coordinates' sign and digits",
			worst/1000, o.Pemda(), BoundaryToleranceM/1000)}
}

// pointsOf lists the vertices of a line geometry.
func pointsOf(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.LineString:
		return g
	case orb.MultiLineString:
		var out []orb.Point
		for _, l := range g {
			out = append(out, l...)
		}
		return out
	}
	return nil
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
