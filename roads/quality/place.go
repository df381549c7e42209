package quality

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// placeCheck tells whether a ruas's geometry lies where the office's roads
// are: inside the office boundary when there is one, otherwise near the
// network's own centre. The centre and spread are medians, so one stray
// ruas (600 km off, latitude and longitude swapped) cannot move them.
type placeCheck struct {
	boundary orb.MultiPolygon
	centre   orb.Point
	spread   float64 // median distance of a ruas's centre from centre, m
	limit    float64 // farthest a vertex may lie from centre, m; 0 = unknown
}

func newPlaceCheck(net *roads.Network, boundary orb.Geometry) *placeCheck {
	p := &placeCheck{}
	switch b := boundary.(type) {
	case orb.Polygon:
		p.boundary = orb.MultiPolygon{b}
	case orb.MultiPolygon:
		p.boundary = b
	}
	if len(p.boundary) > 0 {
		return p
	}
	var lons, lats []float64
	var centres []orb.Point
	for _, r := range net.Ruas {
		if r.Geometry == nil {
			continue
		}
		c := r.Geometry.Bound().Center()
		centres = append(centres, c)
		lons, lats = append(lons, c[0]), append(lats, c[1])
	}
	if len(centres) < FarMinRuas {
		return p
	}
	p.centre = orb.Point{median(lons), median(lats)}
	ds := make([]float64, len(centres))
	for i, c := range centres {
		ds[i] = geo.Distance(p.centre, c)
	}
	p.spread = median(ds)
	p.limit = math.Max(FarMinM, FarSpread*p.spread)
	return p
}

// check reports whether g lies where it should, and how far the worst
// vertex lies: from the boundary (outside it) or from the centre. known is
// false when the network is too small to tell its spread.
func (p *placeCheck) check(g orb.Geometry) (ok bool, far float64, known bool) {
	if len(p.boundary) > 0 {
		for _, v := range vertices(g) {
			far = math.Max(far, roads.OutsideBy(p.boundary, v))
		}
		return far <= BoundaryToleranceM, far, true
	}
	if p.limit == 0 {
		return true, 0, false
	}
	for _, v := range vertices(g) {
		far = math.Max(far, geo.Distance(p.centre, v))
	}
	return far <= p.limit, far, true
}

// vertices lists every point of a geometry.
func vertices(g orb.Geometry) []orb.Point {
	var out []orb.Point
	var walk func(orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Point:
			out = append(out, g)
		case orb.MultiPoint:
			out = append(out, g...)
		case orb.LineString:
			out = append(out, g...)
		case orb.MultiLineString:
			for _, l := range g {
				out = append(out, l...)
			}
		case orb.Ring:
			out = append(out, g...)
		case orb.Polygon:
			for _, r := range g {
				out = append(out, r...)
			}
		case orb.MultiPolygon:
			for _, pg := range g {
				walk(pg)
			}
		case orb.Collection:
			for _, x := range g {
				walk(x)
			}
		}
	}
	walk(g)
	return out
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// num writes a length in metres the Indonesian way: 1.250.
func num(v float64) string { return locale.ID.Number(v, 0) }

// km writes metres as kilometres with one decimal: 612,3.
func km(m float64) string { return locale.ID.Number(m/1000, 1) }

func statusName(s roads.Status) string {
	if s == "" {
		return "tanpa status"
	}
	return string(s)
}
