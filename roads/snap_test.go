package roads

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// haversineM is an independent great-circle distance in metres (mean
// Earth radius 6,371,008.8 m), not orb's.
func haversineM(a, b orb.Point) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dlat, dlon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

func TestSnapEnds(t *testing.T) {
	// A neighbour's end, and points at known offsets north of it: one
	// degree of latitude is r·π/180 ≈ 111,195 m.
	end := orb.Point{112.15, -8.1}
	north := func(m float64) orb.Point { return orb.Point{end[0], end[1] + m/(6371008.8*math.Pi/180)} }
	far := orb.Point{112.16, -8.1}
	ends := []orb.Point{end, {112.2, -8.2}}
	for _, tc := range []struct {
		name  string
		start orb.Point
		want  orb.Point
		moved int
	}{
		{"3 m away snaps", north(3), end, 1},
		{"4.9 m away snaps", north(4.9), end, 1},
		{"6 m away stays", north(6), north(6), 0},
		{"already on the end", end, end, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := haversineM(tc.start, end)
			if (d <= SnapM) != (tc.moved == 1 || tc.start == end) {
				t.Fatalf("test setup: start is %.2f m from the end", d)
			}
			in := orb.LineString{tc.start, {112.155, -8.1}, far}
			g, moved := SnapEnds(in, ends, SnapM)
			l := g.(orb.LineString)
			if moved != tc.moved || l[0] != tc.want {
				t.Errorf("start %v moved %d, want %v moved %d", l[0], moved, tc.want, tc.moved)
			}
			if l[1] != in[1] || l[2] != far {
				t.Errorf("inner vertex or far end moved: %v", l)
			}
			if in[0] != tc.start {
				t.Errorf("input changed")
			}
		})
	}
	// Both ends of each line of a MultiLineString, nearest end wins.
	ml := orb.MultiLineString{{north(2), far}, {{112.2, -8.2 + 3/(6371008.8*math.Pi/180)}, north(40)}}
	g, moved := SnapEnds(ml, ends, SnapM)
	out := g.(orb.MultiLineString)
	if moved != 2 || out[0][0] != end || out[1][0] != ends[1] || out[1][1] != north(40) {
		t.Errorf("multi: moved %d, got %v", moved, out)
	}
	if got := haversineM(ml[0][0], out[0][0]); got > SnapM || got < 1.9 {
		t.Errorf("moved %.2f m, want about 2 m", got)
	}
}
