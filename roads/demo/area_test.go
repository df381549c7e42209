package demo

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"

	"github.com/kotablitar/ruas/roads"

	"github.com/kotablitar/ruas/data/shared"
)

var update = flag.Bool("update", false, "rewrite data/demo/kecamatan.geojson from the real boundary file")

// Derivation of the embedded outline: Douglas–Peucker tolerance and inward
// shrink, both in metres. The shrink exceeds the tolerance, so no point of
// a shrunk outline can fall outside the real polygon it came from.
const (
	simplifyM = 35.0
	insetM    = 50.0
)

// realData finds a file of the shared real-data set.
func realData(t testing.TB, rel string) string { return shared.RealData(t, rel) }

// bpsKecamatan maps the BPS code of each Kota Blitar kecamatan (what the
// boundary file carries) to its Kemendagri code, from the demo's own
// crosswalk (testdata/wilayah_3572.csv; the national table has no BPS codes).
func bpsKecamatan(t testing.TB) map[string]string {
	t.Helper()
	f, err := os.Open("testdata/wilayah_3572.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range recs[1:] {
		if r[2] == "kecamatan" {
			out[r[3]] = r[0]
		}
	}
	return out
}

// realKecamatan reads the real boundary file, keyed by Kemendagri code.
func realKecamatan(t testing.TB) map[string]orb.Polygon {
	t.Helper()
	b, err := os.ReadFile(realData(t, "indonesia/kota_blitar_kecamatan.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]orb.Polygon{}
	for _, f := range fc.Features {
		bps := f.Properties.MustString("STATISTIK", "")
		code := bpsKecamatan(t)[bps]
		p, ok := f.Geometry.(orb.Polygon)
		if code == "" || !ok {
			t.Fatalf("real boundary: feature with BPS code %q (%s) is not a known kecamatan polygon", bps, f.Geometry.GeoJSONType())
		}
		out[code] = p
	}
	if len(out) != 3 {
		t.Fatalf("real boundary: %d kecamatan, want 3", len(out))
	}
	return out
}

// TestAreaDerivation rebuilds the embedded outline from the real boundary
// file and checks it equals the embedded one (-update rewrites it), that
// every shrunk outline lies inside its real polygon, and that every
// kelurahan seed lies inside its outline.
func TestAreaDerivation(t *testing.T) {
	real := realKecamatan(t)
	got := deriveArea(t, real)
	path := filepath.Join("..", "..", "data", areaFile)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its derivation from the real boundary; run go test ./roads/demo -run TestAreaDerivation -update", path)
	}
	a, err := loadArea()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range a.Kecamatan {
		rp := real[k.Code]
		if n := len(k.Ring) - 1; n < 15 || n > 45 {
			t.Errorf("kecamatan %s: %d vertices, want a coarse outline of 15–45", k.Code, n)
		}
		var ring orb.Ring
		for _, p := range k.Ring {
			ring = append(ring, toLonLat(p))
		}
		for i, p := range ring {
			if !planar.PolygonContains(rp, p) {
				t.Errorf("kecamatan %s: outline vertex %d %v is outside the real polygon", k.Code, i, p)
			}
		}
		for i := 0; i+1 < len(ring); i++ {
			for j := 0; j+1 < len(rp[0]); j++ {
				if segmentsCross(ring[i], ring[i+1], rp[0][j], rp[0][j+1]) {
					t.Errorf("kecamatan %s: outline edge %d crosses the real boundary", k.Code, i)
				}
			}
		}
		if len(k.Kelurahan) != 7 {
			t.Errorf("kecamatan %s: %d kelurahan seeds, want 7", k.Code, len(k.Kelurahan))
		}
		for _, v := range k.Kelurahan {
			if w, ok := roads.Ref().Place(v.Code); !ok || w.Level != "kelurahan" || w.Name != v.Name {
				t.Errorf("kelurahan seed %s %q is not in the reference table", v.Code, v.Name)
			}
			if !planar.RingContains(k.Ring, v.At) {
				t.Errorf("kelurahan seed %s is outside kecamatan %s", v.Code, k.Code)
			}
		}
	}
}

// deriveArea simplifies and shrinks each real kecamatan polygon and places
// seven kelurahan seeds in it, returning the GeoJSON to embed.
func deriveArea(t *testing.T, real map[string]orb.Polygon) []byte {
	t.Helper()
	var codes []string
	for c := range real {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	bpsOf := map[string]string{}
	for bps, code := range bpsKecamatan(t) {
		bpsOf[code] = bps
	}
	fc := geojson.NewFeatureCollection()
	fc.ExtraMembers = geojson.Properties{
		"name":   "Kota Blitar kecamatan outlines for the synthetic demo network",
		"origin": "heru/geodata kotablitar.geojson @ e1ccd451e205, attributed there to \"BAKOSURTANAL, BPS\"; no licence stated",
		"derivation": fmt.Sprintf("outer ring projected to a local plane, Douglas-Peucker %g m, shrunk %g m inward (mitred), "+
			"rounded to 1e-7 degrees; kelurahan points are k-means centres of a 40 m grid inside each outline, named north to south", simplifyM, insetM),
		"note": "A coarse derivative used only to place synthetic (demo) roads inside the city. It is not a boundary map, " +
			"and the kelurahan points are not the real kelurahan locations.",
	}
	for _, code := range codes {
		w, _ := roads.Ref().Place(code)
		var local orb.Ring
		for _, p := range real[code][0] {
			local = append(local, toLocal(p))
		}
		simple := simplify.DouglasPeucker(simplifyM).Ring(local.Clone())
		if signedArea(simple) < 0 {
			simple.Reverse()
		}
		inset := insetRing(simple, insetM)
		if !simpleRing(inset) {
			t.Fatalf("kecamatan %s: the shrunk outline crosses itself; lower the inset", code)
		}
		var out orb.Ring
		for _, p := range inset {
			out = append(out, toLonLat(p))
		}
		// Round-trip through lon/lat so seeds are placed on what is embedded.
		var back orb.Ring
		for _, p := range out {
			back = append(back, toLocal(p))
		}
		f := geojson.NewFeature(orb.Polygon{out})
		f.Properties = geojson.Properties{"kind": "kecamatan", "kode": code, "nama": w.Name, "kode_bps": bpsOf[code]}
		fc.Append(f)
		kel := roads.Ref().Within(code, roads.LevelKelurahan)
		for i, p := range seeds(back, len(kel)) {
			f := geojson.NewFeature(toLonLat(p))
			f.Properties = geojson.Properties{"kind": "kelurahan", "kode": kel[i].Code, "nama": kel[i].Name}
			fc.Append(f)
		}
	}
	// One feature a line: readable diffs without a line per coordinate.
	var buf bytes.Buffer
	buf.WriteString("{\"type\": \"FeatureCollection\",\n")
	keys := make([]string, 0, len(fc.ExtraMembers))
	for k := range fc.ExtraMembers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, _ := json.Marshal(fc.ExtraMembers[k])
		fmt.Fprintf(&buf, "%q: %s,\n", k, v)
	}
	buf.WriteString("\"features\": [\n")
	for i, f := range fc.Features {
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		if i < len(fc.Features)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	return buf.Bytes()
}

// signedArea is positive for a counter-clockwise ring (x east, y north).
func signedArea(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s / 2
}

// insetRing moves every edge of a counter-clockwise ring d metres inward and
// joins neighbouring edges at their mitre point (capped at 4d for sharp
// corners).
func insetRing(r orb.Ring, d float64) orb.Ring {
	pts := r[:len(r)-1]
	n := len(pts)
	out := make(orb.Ring, 0, n+1)
	for i := range pts {
		prev, cur, next := pts[(i+n-1)%n], pts[i], pts[(i+1)%n]
		n1 := leftNormal(prev, cur)
		n2 := leftNormal(cur, next)
		// Mitre: the point at distance d from both offset edges.
		bx, by := n1[0]+n2[0], n1[1]+n2[1]
		bl := math.Hypot(bx, by)
		var p orb.Point
		if bl < 1e-9 {
			p = orb.Point{cur[0] + n1[0]*d, cur[1] + n1[1]*d}
		} else {
			cos := (n1[0]*bx + n1[1]*by) / bl
			m := math.Min(d/cos, 4*d)
			p = orb.Point{cur[0] + bx/bl*m, cur[1] + by/bl*m}
		}
		out = append(out, p)
	}
	return append(out, out[0])
}

func leftNormal(a, b orb.Point) orb.Point {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l := math.Hypot(dx, dy)
	return orb.Point{-dy / l, dx / l}
}

// simpleRing reports whether no two non-adjacent edges of r cross.
func simpleRing(r orb.Ring) bool {
	n := len(r) - 1
	for i := 0; i < n; i++ {
		for j := i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue
			}
			if segmentsCross(r[i], r[i+1], r[j], r[j+1]) {
				return false
			}
		}
	}
	return true
}

// segmentsCross reports whether segments ab and cd intersect (touching counts).
func segmentsCross(a, b, c, d orb.Point) bool {
	o := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	d1, d2, d3, d4 := o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d)
	return (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0 ||
		d1 == 0 && onSegment(c, d, a) || d2 == 0 && onSegment(c, d, b) || d3 == 0 && onSegment(a, b, c) || d4 == 0 && onSegment(a, b, d)
}

func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) && math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

// seeds places k points in the ring: k-means over a 40 m grid of the
// ring's interior, each centre then moved to its nearest grid point (so it
// lies inside even where the outline is concave), sorted north to south.
func seeds(r orb.Ring, k int) []orb.Point {
	b := r.Bound()
	var grid []orb.Point
	for y := b.Min[1]; y <= b.Max[1]; y += 40 {
		for x := b.Min[0]; x <= b.Max[0]; x += 40 {
			if p := (orb.Point{x, y}); planar.RingContains(r, p) && ringDistance(r, p) > 100 {
				grid = append(grid, p)
			}
		}
	}
	// Farthest-point start: deterministic and well spread.
	var mean orb.Point
	for _, p := range grid {
		mean[0] += p[0] / float64(len(grid))
		mean[1] += p[1] / float64(len(grid))
	}
	centres := []orb.Point{farthest(grid, []orb.Point{mean})}
	for len(centres) < k {
		centres = append(centres, farthest(grid, centres))
	}
	assign := make([]int, len(grid))
	for iter := 0; iter < 50; iter++ {
		for i, p := range grid {
			assign[i] = nearestIndex(centres, p)
		}
		sum := make([]orb.Point, k)
		cnt := make([]float64, k)
		for i, p := range grid {
			sum[assign[i]][0] += p[0]
			sum[assign[i]][1] += p[1]
			cnt[assign[i]]++
		}
		for c := range centres {
			if cnt[c] > 0 {
				centres[c] = orb.Point{sum[c][0] / cnt[c], sum[c][1] / cnt[c]}
			}
		}
	}
	for c := range centres {
		centres[c] = grid[nearestIndex(grid, centres[c])]
	}
	sort.Slice(centres, func(i, j int) bool {
		if centres[i][1] != centres[j][1] {
			return centres[i][1] > centres[j][1]
		}
		return centres[i][0] < centres[j][0]
	})
	return centres
}

func farthest(grid, from []orb.Point) orb.Point {
	var best orb.Point
	bd := -1.0
	for _, p := range grid {
		d := planar.DistanceSquared(from[nearestIndex(from, p)], p)
		if d > bd {
			best, bd = p, d
		}
	}
	return best
}

func nearestIndex(ps []orb.Point, p orb.Point) int {
	best, bd := 0, math.Inf(1)
	for i, q := range ps {
		if d := planar.DistanceSquared(p, q); d < bd {
			best, bd = i, d
		}
	}
	return best
}
