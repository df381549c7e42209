package track

import (
	"math"

	"github.com/paulmach/orb"
)

// earthRadiusM is the mean Earth radius orb's haversine uses, in metres.
const earthRadiusM = 6371008.8

// Simplify thins every line of ml by Douglas–Peucker with tolerance tolM
// metres, measured on a local equirectangular plane around each line (a
// few metres' error over tens of kilometres, far under a GPS fix's). Both
// ends of every line are kept.
func Simplify(ml orb.MultiLineString, tolM float64) orb.MultiLineString {
	out := make(orb.MultiLineString, 0, len(ml))
	for _, l := range ml {
		out = append(out, simplifyLine(l, tolM))
	}
	return out
}

func simplifyLine(l orb.LineString, tolM float64) orb.LineString {
	if len(l) < 3 {
		return l.Clone()
	}
	// Project to metres around the line's mean latitude.
	var lat0 float64
	for _, p := range l {
		lat0 += p[1]
	}
	lat0 /= float64(len(l))
	kx := earthRadiusM * math.Pi / 180 * math.Cos(lat0*math.Pi/180)
	ky := earthRadiusM * math.Pi / 180
	xy := make([][2]float64, len(l))
	for i, p := range l {
		xy[i] = [2]float64{p[0] * kx, p[1] * ky}
	}
	keep := make([]bool, len(l))
	keep[0], keep[len(l)-1] = true, true
	// An explicit stack instead of recursion: a 100,000-point track must
	// not be able to grow the goroutine stack without bound.
	type span struct{ a, b int }
	stack := []span{{0, len(l) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.b-s.a < 2 {
			continue
		}
		far, farD := -1, tolM
		for i := s.a + 1; i < s.b; i++ {
			if d := segDist(xy[i], xy[s.a], xy[s.b]); d > farD {
				far, farD = i, d
			}
		}
		if far < 0 {
			continue
		}
		keep[far] = true
		stack = append(stack, span{s.a, far}, span{far, s.b})
	}
	out := make(orb.LineString, 0, 16)
	for i, k := range keep {
		if k {
			out = append(out, l[i])
		}
	}
	return out
}

// segDist is the distance from p to the segment a–b on the plane.
func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	ex, ey := p[0]-(a[0]+t*dx), p[1]-(a[1]+t*dy)
	return math.Hypot(ex, ey)
}
