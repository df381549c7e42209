package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"math"
	"mime/multipart"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// haversineRM is the great-circle distance in metres on a sphere of radius rM.
func haversineRM(a, b orb.Point, rM float64) float64 {
	rad := math.Pi / 180
	dlat, dlon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * rM * math.Asin(math.Sqrt(h))
}

// testGPX writes a GPX track the way a phone would: a point every ~2 m
// along a quarter circle of 400 m radius (±0.4 m of jitter), and returns
// it with the points written.
func testGPX(centre orb.Point) (string, []orb.Point) {
	const mPerDeg = 6371008.8 * math.Pi / 180
	kx := mPerDeg * math.Cos(centre[1]*math.Pi/180)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<gpx version="1.1" creator="uji" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>jejak</name><trkseg>`)
	var pts []orb.Point
	n := 315 // 400 m × π/2 ≈ 628 m, every 2 m
	for i := 0; i <= n; i++ {
		a := float64(i) / float64(n) * math.Pi / 2
		jit := 0.4 * math.Sin(float64(i)*2.3)
		x, y := (400+jit)*math.Cos(a), (400+jit)*math.Sin(a)
		p := orb.Point{centre[0] + x/kx, centre[1] + y/mPerDeg}
		pts = append(pts, p)
		fmt.Fprintf(&b, `<trkpt lat="%.8f" lon="%.8f"><ele>170</ele><time>2026-11-01T08:00:%02dZ</time></trkpt>`, p[1], p[0], i%60)
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	return b.String(), pts
}

func multipartBody(t *testing.T, name, content string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile("track", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	w.Close()
	return w.FormDataContentType(), &buf
}

// TestTrackUpload uploads a GPX for one ruas, checks the preview's figures,
// saves it, and checks the stored line: its points are a subset of the
// file's (thinned well below the file's count), its stored length equals
// an independent haversine sum of those points, and that length is within
// 1 % of the drawn arc's. The change is audited with its actor and the ruas
// is back to draft at the next version. Bad files get a plain message.
func TestTrackUpload(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	r0, _ := a.store.RuasByID(ctx, rs[2].ID)
	gpx, pts := testGPX(orb.Point{112.20, -8.12})
	ct, body := multipartBody(t, "jejak.gpx", gpx)
	code, page := a.do(t, "POST", fmt.Sprintf("/ruas/%d/jejak", r0.ID), ct, body)
	if code != 200 {
		t.Fatalf("preview: %d %s", code, page)
	}
	m := regexp.MustCompile(`(?s)<textarea name="geometry" id="track-geometry" hidden>(.*?)</textarea>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no geometry in the preview")
	}
	geom := html.UnescapeString(string(m[1]))
	if !strings.Contains(string(page), `id="track-stated">300 m`) {
		t.Errorf("stated length not shown: %s", regexp.MustCompile(`(?s)<table class="list" id="track-figures">.*?</table>`).Find(page))
	}
	form := url.Values{"geometry": {geom}, "version": {fmt.Sprint(r0.Version)}}
	code, page = a.do(t, "POST", fmt.Sprintf("/ruas/%d/jejak/simpan", r0.ID), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if code != 303 {
		t.Fatalf("save: %d %s", code, page)
	}
	r, _ := a.store.RuasByID(ctx, r0.ID)
	line, ok := r.Geometry.(orb.LineString)
	if !ok {
		t.Fatalf("stored geometry %T", r.Geometry)
	}
	key := func(p orb.Point) string { return fmt.Sprintf("%.8f %.8f", p[1], p[0]) } // as the file writes them
	in := map[string]bool{}
	for _, p := range pts {
		in[key(p)] = true
	}
	var sum float64
	for i, p := range line {
		if !in[key(p)] {
			t.Errorf("stored point %v is not a point of the file", p)
		}
		if i > 0 {
			sum += haversineRM(line[i-1], p, 6378137) // orb measures on the equatorial radius
		}
	}
	if len(line) >= len(pts)/4 || len(line) < 5 {
		t.Errorf("stored %d of %d points", len(line), len(pts))
	}
	if math.Abs(sum-r.GeomLengthM) > 0.01 {
		t.Errorf("stored length %.3f m, haversine of the stored points %.3f m", r.GeomLengthM, sum)
	}
	arc := 400 * math.Pi / 2 * 6378137 / 6371008.8 // the arc, on that radius
	t.Logf("kept %d of %d points; stored %.1f m, arc %.1f m", len(line), len(pts), sum, arc)
	if math.Abs(sum-arc)/arc > 0.01 {
		t.Errorf("track length %.1f m, the arc is %.1f m", sum, arc)
	}
	if r.Version != r0.Version+1 || r.Verif.State != roads.Draft || r.Name != r0.Name || r.LengthM != r0.LengthM {
		t.Errorf("after save: v%d %s %q %g", r.Version, r.Verif.State, r.Name, r.LengthM)
	}
	audit, _ := a.store.Audit(ctx, roads.AuditFilter{Entity: "ruas", EntityID: r.ID})
	if last := audit[len(audit)-1]; last.Action != "update" || last.Actor != "produsen" {
		t.Errorf("last audit %s by %q", last.Action, last.Actor)
	}
	// Saving the same preview again is a stale edit: refused, nothing changes.
	code, page = a.do(t, "POST", fmt.Sprintf("/ruas/%d/jejak/simpan", r0.ID), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if code != 422 && code != 409 || !strings.Contains(string(page), "diubah orang lain") {
		t.Errorf("stale save: %d", code)
	}
	// Bad files.
	for _, tc := range []struct{ name, content, words string }{
		{"catatan.txt", "hanya teks", "bukan GPX maupun GeoJSON"},
		{"kosong.gpx", "", "Berkas kosong"},
		{"titik.gpx", `<gpx><wpt lat="-8" lon="112"/></gpx>`, "tidak berisi jejak"},
		{"rusak.gpx", `<gpx><trk><trkseg><trkpt lat="-8" lon="112">`, "rusak dan tidak terbaca"},
		{"poligon.geojson", `{"type":"Polygon","coordinates":[[[112,-8],[112.1,-8],[112.1,-8.1],[112,-8]]]}`, "GeoJSON berisi Polygon"},
	} {
		ct, body := multipartBody(t, tc.name, tc.content)
		code, page := a.do(t, "POST", fmt.Sprintf("/ruas/%d/jejak", r0.ID), ct, body)
		if code != 422 || !strings.Contains(string(page), tc.words) {
			t.Errorf("%s: %d, want 422 saying %q", tc.name, code, tc.words)
		}
	}
	// Over 5 MB: refused with the limit, whether the body or the file is checked first.
	ct, big := multipartBody(t, "besar.gpx", "<gpx>"+strings.Repeat(" ", 6<<20)+"</gpx>")
	if code, page := a.do(t, "POST", fmt.Sprintf("/ruas/%d/jejak", r0.ID), ct, big); code != 422 || !strings.Contains(string(page), "lebih dari 5 MB") {
		t.Errorf("6 MB file: %d", code)
	}
	if after, _ := a.store.RuasByID(ctx, r0.ID); after.Version != r.Version {
		t.Error("a bad file changed the ruas")
	}
}
