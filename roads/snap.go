package roads

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// SnapM is how close, in metres, a drawn or uploaded line's end must come
// to another ruas's end to be joined to it: a few metres, less than a
// lane's width, so two roads that merely pass near each other stay apart.
const SnapM = 5.0

// Ends returns the first and last point of every line of a LineString or
// MultiLineString; nil for anything else.
func Ends(g orb.Geometry) []orb.Point {
	var out []orb.Point
	add := func(l orb.LineString) {
		if len(l) > 0 {
			out = append(out, l[0], l[len(l)-1])
		}
	}
	switch g := g.(type) {
	case orb.LineString:
		add(g)
	case orb.MultiLineString:
		for _, l := range g {
			add(l)
		}
	}
	return out
}

// SnapEnds moves each end of each line of g onto the nearest point of ends
// that lies within tolM metres (haversine), so that a new or edited centre
// line meets its neighbours exactly. Inner vertices never move. It returns
// a copy (g is not changed) and how many ends moved.
func SnapEnds(g orb.Geometry, ends []orb.Point, tolM float64) (orb.Geometry, int) {
	moved := 0
	snap := func(p orb.Point) orb.Point {
		best, bestD := p, tolM
		for _, e := range ends {
			if d := geo.Distance(p, e); d <= bestD && e != p {
				best, bestD = e, d
			}
		}
		if best != p {
			moved++
		}
		return best
	}
	line := func(l orb.LineString) orb.LineString {
		c := l.Clone()
		if len(c) > 0 {
			c[0] = snap(c[0])
			c[len(c)-1] = snap(c[len(c)-1])
		}
		if len(c) == 2 && c[0] == c[1] {
			return l.Clone() // both ends on one point: keep the line as drawn
		}
		return c
	}
	switch g := g.(type) {
	case orb.LineString:
		return line(g), moved
	case orb.MultiLineString:
		out := make(orb.MultiLineString, len(g))
		for i, l := range g {
			out[i] = line(l)
		}
		return out, moved
	}
	return g, 0
}
