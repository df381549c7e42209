package track

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func haversineM(a, b orb.Point) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dlat, dlon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

func gpx(segs ...[]orb.Point) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="1" lon="1"/><trk><name>x</name>`)
	for _, s := range segs {
		b.WriteString("<trkseg>")
		for _, p := range s {
			fmt.Fprintf(&b, `<trkpt lat="%.7f" lon="%.7f"><ele>100</ele></trkpt>`, p[1], p[0])
		}
		b.WriteString("</trkseg>")
	}
	b.WriteString("</trk></gpx>")
	return b.String()
}

func TestParse(t *testing.T) {
	pts := []orb.Point{{112.15, -8.1}, {112.151, -8.1001}, {112.152, -8.1}}
	for _, tc := range []struct {
		name, in string
		lines    int
		code     string
	}{
		{"gpx two segments", gpx(pts, pts[:2]), 2, ""},
		{"gpx one-point segment dropped", gpx(pts, pts[:1]), 1, ""},
		{"geojson linestring", `{"type":"LineString","coordinates":[[112.15,-8.1],[112.16,-8.1]]}`, 1, ""},
		{"geojson feature multiline", `{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[112.15,-8.1],[112.16,-8.1]],[[112.15,-8.2],[112.16,-8.2]]]}}`, 2, ""},
		{"geojson collection", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[112.15,-8.1],[112.16,-8.1]]}}]}`, 1, ""},
		{"empty", "  ", 0, ErrEmpty},
		{"csv", "lat,lon\n1,2", 0, ErrFormat},
		{"not gpx xml", `<kml><Document/></kml>`, 0, ErrFormat},
		{"broken xml", `<gpx><trk><trkseg><trkpt lat="1" lon="2"></trkseg>`, 0, ErrSyntax},
		{"bad lat", `<gpx><trk><trkseg><trkpt lat="x" lon="2"/><trkpt lat="1" lon="2"/></trkseg></trk></gpx>`, 0, ErrCoord},
		{"lat out of range", gpx([]orb.Point{{112, -95}, {112, -8}}), 0, ErrCoord},
		{"no track", `<gpx><wpt lat="1" lon="1"/></gpx>`, 0, ErrNoPoints},
		{"polygon", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`, 0, ErrGeomType},
		{"broken json", `{"type":`, 0, ErrSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ml, err := Parse([]byte(tc.in))
			var te *Error
			if tc.code != "" {
				if !errors.As(err, &te) || te.Code != tc.code {
					t.Fatalf("err %v, want code %s", err, tc.code)
				}
				return
			}
			if err != nil || len(ml) != tc.lines {
				t.Fatalf("got %d lines, %v; want %d", len(ml), err, tc.lines)
			}
		})
	}
}

func TestReadBounds(t *testing.T) {
	big := strings.Repeat(" ", MaxBytes+1)
	var te *Error
	if _, err := Read(strings.NewReader(big)); !errors.As(err, &te) || te.Code != ErrTooBig {
		t.Errorf("oversize: %v", err)
	}
	// Compact points, so the file stays under the byte limit.
	many := "<gpx><trk><trkseg>" + strings.Repeat(`<trkpt lat="-8" lon="112"/>`, MaxPoints+1) + "</trkseg></trk></gpx>"
	if len(many) > MaxBytes {
		t.Fatalf("test file is %d bytes", len(many))
	}
	if _, err := Parse([]byte(many)); !errors.As(err, &te) || te.Code != ErrTooMany {
		t.Errorf("too many points: %v", err)
	}
}

// TestSimplify: a straight road sampled every ~1 m with ±0.5 m jitter and
// one 30 m detour keeps the ends and the detour, drops the jitter, and
// every dropped point lies within the tolerance of the simplified line.
func TestSimplify(t *testing.T) {
	const mPerDeg = 6371008.8 * math.Pi / 180
	var l orb.LineString
	for i := 0; i <= 1000; i++ {
		jit := 0.5 * math.Sin(float64(i)*1.7)
		if i >= 495 && i <= 505 {
			jit = 30
		}
		l = append(l, orb.Point{112.15 + float64(i)/mPerDeg, -8.1 + jit/mPerDeg})
	}
	s := Simplify(orb.MultiLineString{l}, ToleranceM)[0]
	if s[0] != l[0] || s[len(s)-1] != l[len(l)-1] {
		t.Fatal("ends not kept")
	}
	if len(s) > 12 || len(s) < 4 {
		t.Errorf("kept %d points, want the ends and the detour's corners", len(s))
	}
	// Independent check: every input point is within tolerance (+ 1 cm
	// for the plane) of the simplified line, by sampling each segment.
	for _, p := range l {
		best := math.Inf(1)
		for i := 1; i < len(s); i++ {
			for k := 0; k <= 200; k++ {
				f := float64(k) / 200
				q := orb.Point{s[i-1][0] + f*(s[i][0]-s[i-1][0]), s[i-1][1] + f*(s[i][1]-s[i-1][1])}
				best = math.Min(best, haversineM(p, q))
			}
		}
		if best > ToleranceM+0.35 {
			t.Fatalf("point %v is %.2f m from the simplified line", p, best)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(gpx([]orb.Point{{112.15, -8.1}, {112.16, -8.1}})))
	f.Add([]byte(`{"type":"LineString","coordinates":[[112.15,-8.1],[112.16,-8.1]]}`))
	f.Add([]byte(`<gpx><trk><trkseg><trkpt lat="1e400" lon="NaN"/></trkseg></trk></gpx>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ml, err := Parse(b)
		if err != nil {
			var te *Error
			if !errors.As(err, &te) {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		n := 0
		for _, l := range ml {
			if len(l) < 2 {
				t.Fatalf("line with %d points", len(l))
			}
			for _, p := range l {
				n++
				if math.IsNaN(p[0]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
					t.Fatalf("bad point %v", p)
				}
			}
		}
		if n > MaxPoints {
			t.Fatalf("%d points", n)
		}
		Simplify(ml, ToleranceM)
	})
}
