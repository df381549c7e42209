package demo

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// Grid of the synthetic street pattern, metres. Kota Blitar's streets run
// roughly north–south and east–west; the demo lays a grid over the city
// outline, jitters it, and cuts each grid line into links.
const (
	rowSpacingM = 160.0 // between east–west streets
	colSpacingM = 175.0 // between north–south streets
	lineJitterM = 18.0  // sd of a whole line's offset
	nodeJitterM = 12.0  // sd of each crossing's offset
	sampleM     = 20.0  // step when checking that a road stays in the city
	// stripM: points between vertices may cross the strip the inward shrink
	// of the outlines opened along shared kecamatan borders (2 × 50 m shrink
	// plus simplification); nearer than this to two outlines is in the strip.
	stripM = 120.0
)

// pieceRange is the length range (m) a link of each function is cut to.
var pieceRange = map[roads.Fungsi][2]float64{
	roads.Arteri:     {1500, 2600},
	roads.Kolektor:   {1000, 2200},
	roads.Lokal:      {800, 2000},
	roads.Lingkungan: {500, 1400},
}

// dropShare is the share of grid edges left out, by function, so that the
// minor network is not a perfect lattice.
var dropShare = map[roads.Fungsi]float64{roads.Lokal: 0.04, roads.Lingkungan: 0.14}

// link is a ruas as laid out: its line, function and place.
type link struct {
	Line    []orb.Point // local metres
	Fungsi  roads.Fungsi
	Kec     *kecamatan
	Kel     kelurahan
	rowLine bool // runs east–west
	order   int  // position for numbering within a function
}

// lineFungsi gives the function of grid line d steps from the central line.
func lineFungsi(d int) roads.Fungsi {
	switch {
	case d == 0:
		return roads.Arteri
	case d%4 == 0:
		return roads.Kolektor
	case d%2 == 0:
		return roads.Lokal
	}
	return roads.Lingkungan
}

// layout lays out the links of the demo network.
func layout(a *area, rng *rand.Rand) []*link {
	b := a.Bound
	nx := int(math.Ceil((b.Max[0]-b.Min[0])/colSpacingM)) + 1
	ny := int(math.Ceil((b.Max[1]-b.Min[1])/rowSpacingM)) + 1
	xs := make([]float64, nx)
	for i := range xs {
		xs[i] = b.Min[0] + float64(i)*colSpacingM + rng.NormFloat64()*lineJitterM
	}
	ys := make([]float64, ny)
	for j := range ys {
		ys[j] = b.Min[1] + float64(j)*rowSpacingM + rng.NormFloat64()*lineJitterM
	}
	// The central lines (nearest the city centre, local 0,0) are the arteri.
	ic := int(math.Round(-b.Min[0] / colSpacingM))
	jc := int(math.Round(-b.Min[1] / rowSpacingM))
	node := make([][]orb.Point, nx)
	ok := make([][]bool, nx)
	for i := range node {
		node[i] = make([]orb.Point, ny)
		ok[i] = make([]bool, ny)
		for j := range node[i] {
			p := orb.Point{xs[i] + rng.NormFloat64()*nodeJitterM, ys[j] + rng.NormFloat64()*nodeJitterM}
			node[i][j] = p
			ok[i][j] = a.at(p) != nil
		}
	}
	edgeOK := func(p, q orb.Point) bool {
		n := int(math.Ceil(planarDist(p, q) / sampleM))
		for s := 1; s < n; s++ {
			t := float64(s) / float64(n)
			if !a.inCity(orb.Point{p[0] + t*(q[0]-p[0]), p[1] + t*(q[1]-p[1])}, stripM) {
				return false
			}
		}
		return true
	}
	var links []*link
	cut := func(pts []orb.Point, f roads.Fungsi, row bool, order int) {
		for _, run := range runs(pts, f, rng, edgeOK) {
			for k, piece := range pieces(run, f, rng) {
				links = append(links, &link{Line: piece, Fungsi: f, rowLine: row, order: order*100 + k})
			}
		}
	}
	for j := 0; j < ny; j++ {
		pts := make([]orb.Point, nx)
		for i := range pts {
			pts[i] = node[i][j]
			if !ok[i][j] {
				pts[i] = orb.Point{math.NaN(), math.NaN()}
			}
		}
		cut(pts, lineFungsi(abs(j-jc)), true, j)
	}
	for i := 0; i < nx; i++ {
		pts := make([]orb.Point, ny)
		for j := range pts {
			pts[j] = node[i][j]
			if !ok[i][j] {
				pts[j] = orb.Point{math.NaN(), math.NaN()}
			}
		}
		cut(pts, lineFungsi(abs(i-ic)), false, ny+i)
	}
	for _, l := range links {
		mid := along(l.Line, lineLength(l.Line)/2)
		k := a.at(mid)
		if k == nil {
			k, _ = a.nearest(mid)
		}
		l.Kec = k
		l.Kel = k.kelurahanAt(mid)
	}
	// Number as a decree lists them: main roads first, then by kecamatan.
	sort.SliceStable(links, func(i, j int) bool {
		fi, fj := fungsiRank(links[i].Fungsi), fungsiRank(links[j].Fungsi)
		if fi != fj {
			return fi < fj
		}
		if fi <= 1 {
			return links[i].order < links[j].order
		}
		if links[i].Kec.Code != links[j].Kec.Code {
			return links[i].Kec.Code < links[j].Kec.Code
		}
		return links[i].order < links[j].order
	})
	return links
}

// runs splits a grid line (NaN where a crossing is outside the city) into
// runs of consecutive edges that are kept.
func runs(pts []orb.Point, f roads.Fungsi, rng *rand.Rand, edgeOK func(p, q orb.Point) bool) [][]orb.Point {
	var out [][]orb.Point
	var cur []orb.Point
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i := 0; i+1 < len(pts); i++ {
		p, q := pts[i], pts[i+1]
		keep := !math.IsNaN(p[0]) && !math.IsNaN(q[0]) && edgeOK(p, q)
		// Draw for every edge, kept or not, so one change does not shift the rest.
		if rng.Float64() < dropShare[f] {
			keep = false
		}
		if !keep {
			flush()
			continue
		}
		if len(cur) == 0 {
			cur = append(cur, p)
		}
		cur = append(cur, q)
	}
	flush()
	return out
}

// pieces cuts a run at crossings into links of about the function's length;
// a remainder shorter than 40 % of a link joins the previous one, and runs
// shorter than 150 m are dropped (a stub, not a ruas).
func pieces(run []orb.Point, f roads.Fungsi, rng *rand.Rand) [][]orb.Point {
	total := lineLength(run)
	if total < 150 {
		return nil
	}
	lr := pieceRange[f]
	var out [][]orb.Point
	start, acc := 0, 0.0
	target := lr[0] + rng.Float64()*(lr[1]-lr[0])
	for i := 1; i < len(run); i++ {
		acc += planarDist(run[i-1], run[i])
		rest := lineLength(run[i:])
		if acc >= target && rest >= 0.4*target && i < len(run)-1 {
			out = append(out, append([]orb.Point(nil), run[start:i+1]...))
			start, acc = i, 0
			target = lr[0] + rng.Float64()*(lr[1]-lr[0])
		}
	}
	return append(out, append([]orb.Point(nil), run[start:]...))
}

func fungsiRank(f roads.Fungsi) int {
	for i, g := range roads.Fungsis {
		if g == f {
			return i
		}
	}
	return len(roads.Fungsis)
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

func planarDist(p, q orb.Point) float64 { return math.Hypot(q[0]-p[0], q[1]-p[1]) }

func lineLength(l []orb.Point) float64 {
	var s float64
	for i := 1; i < len(l); i++ {
		s += planarDist(l[i-1], l[i])
	}
	return s
}

// along returns the point at distance d (m) along l.
func along(l []orb.Point, d float64) orb.Point {
	for i := 1; i < len(l); i++ {
		s := planarDist(l[i-1], l[i])
		if d <= s && s > 0 {
			t := d / s
			return orb.Point{l[i-1][0] + t*(l[i][0]-l[i-1][0]), l[i-1][1] + t*(l[i][1]-l[i-1][1])}
		}
		d -= s
	}
	return l[len(l)-1]
}
