package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// TestBrowserMapEdit drives Chromium as a produsen: draws a new ruas's
// centre line on the form through leaflet-draw's own polyline handler,
// with both ends dropped 3 m from neighbours' ends; the form's field holds
// the snapped line and the saved ruas has its ends exactly on theirs.
// Then it edits the line's last vertex to 4 m from a third ruas's start
// and saves: the stored end is that start. The map page draws the
// office boundary and the kecamatan outlines with their names under the
// roads. Nothing is fetched from outside 127.0.0.1.
func TestBrowserMapEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	a := newTestApp(t)
	rs := a.seed(t)
	bg := context.Background()
	// A synthetic network: the demo's kecamatan outlines are drawn under it.
	r3, _ := a.store.RuasByID(bg, rs[2].ID)
	r3.Notes = SyntheticPrefix + " — uji"
	if err := a.store.UpdateRuas(bg, r3); err != nil {
		t.Fatal(err)
	}
	endA := rs[0].Geometry.(orb.LineString)[2]   // 001's last point
	startB := rs[1].Geometry.(orb.LineString)[0] // 002's first point
	startC := rs[2].Geometry.(orb.LineString)[0] // 003's first point
	base := strings.Replace(a.http.URL, "localhost", "127.0.0.1", 1)
	log := &requestLog{}
	ctx, cancel := newBrowser(t, log)
	defer cancel()
	a.withPassword(t, roads.RoleProdusen, "sandi-produsen-benar")
	signIn(t, ctx, base, "produsen", "sandi-produsen-benar")

	run(t, ctx, chromedp.Navigate(base+"/ruas/baru"), chromedp.WaitReady(chromedp.CSS("#geom-editor[data-neighbours='3']")),
		chromedp.WaitReady(chromedp.CSS(".leaflet-draw-draw-polyline")))
	if title := eval[string](t, ctx, `document.querySelector(".leaflet-draw-draw-polyline").title`); title != "Gambar garis tengah ruas" {
		t.Errorf("drawing tool titled %q, want Bahasa Indonesia", title)
	}
	ll := func(p orb.Point) string { return fmt.Sprintf("L.latLng(%.9f,%.9f)", p[1], p[0]) }
	north := func(p orb.Point, m float64) orb.Point { return metresNorth(p, m) }
	mid := orb.Point{112.166, -8.0995}
	draw := fmt.Sprintf(`(function(){var h=new L.Draw.Polyline(ruasEditor.map,{});h.enable();h.addVertex(%s);h.addVertex(%s);h.addVertex(%s);h.completeShape();h.disable();return document.getElementById("geometry").value;})()`,
		ll(north(endA, 3)), ll(mid), ll(north(startB, 3)))
	run(t, ctx, chromedp.SetValue(chromedp.CSS("input[name=no_ruas]"), "020"), chromedp.SetValue(chromedp.CSS("input[name=name]"), "Jl. Gambar Peta"),
		choose("select[name=fungsi]", "lokal"), choose("select[name=surface]", "aspal"))
	field := eval[string](t, ctx, draw)
	var g struct {
		Type        string       `json:"type"`
		Coordinates [][2]float64 `json:"coordinates"`
	}
	if err := json.Unmarshal([]byte(field), &g); err != nil || g.Type != "LineString" || len(g.Coordinates) != 3 {
		t.Fatalf("geometry field %q (%v)", field, err)
	}
	near := func(p [2]float64, q orb.Point) bool { return math.Abs(p[0]-q[0]) < 1e-9 && math.Abs(p[1]-q[1]) < 1e-9 }
	if !near(g.Coordinates[0], endA) || !near(g.Coordinates[2], startB) {
		t.Errorf("drawn line %v not snapped in the browser to %v and %v", g.Coordinates, endA, startB)
	}
	if s := text(t, ctx, "#geom-status"); !strings.Contains(s, "2 ujung disambungkan") {
		t.Errorf("status %q", s)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS("#save-ruas")))
	waitLocation(t, ctx, "saved=ruas")
	r, err := a.store.Ruas(bg, roads.Key{Region: "35.72", No: "020"})
	if err != nil {
		t.Fatal(err)
	}
	l := r.Geometry.(orb.LineString)
	if l[0] != endA || l[len(l)-1] != startB {
		t.Errorf("stored %v; want ends %v and %v", l, endA, startB)
	}

	// Edit: move the last vertex to 4 m north of 003's start with the
	// plugin's vertex editor, and save.
	run(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/ruas/%d/ubah", base, r.ID)), chromedp.WaitReady(chromedp.CSS("#geom-editor[data-neighbours='3']")))
	if n := eval[int](t, ctx, `ruasEditor.drawn.getLayers().length`); n != 1 {
		t.Fatalf("editor shows %d lines of the stored ruas", n)
	}
	edit := fmt.Sprintf(`(function(){var m=ruasEditor.map,l=ruasEditor.drawn.getLayers()[0];l.editing.enable();var p=l.getLatLngs();p[p.length-1]=%s;l.setLatLngs(p);l.editing.updateMarkers();l.editing.disable();m.fire(L.Draw.Event.EDITED,{layers:L.layerGroup([l])});return document.getElementById("geometry").value;})()`, ll(north(startC, 4)))
	field = eval[string](t, ctx, edit)
	if err := json.Unmarshal([]byte(field), &g); err != nil || !near(g.Coordinates[len(g.Coordinates)-1], startC) {
		t.Errorf("edited field %q: last point not snapped to %v", field, startC)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "ruas_editor.png", png)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS("#save-ruas")))
	waitLocation(t, ctx, "saved=ruas")
	r2, _ := a.store.RuasByID(bg, r.ID)
	l2 := r2.Geometry.(orb.LineString)
	if l2[0] != endA || l2[len(l2)-1] != startC || r2.Version != r.Version+1 {
		t.Errorf("after the edit: v%d %v; want ends %v and %v", r2.Version, l2, endA, startC)
	}

	// A GPS track for 002: choose the file, see the preview (the line,
	// no drawing tools, its length beside the stated 300 m), save it.
	gpx, _ := testGPX(orb.Point{112.20, -8.12})
	gpxPath := filepath.Join(t.TempDir(), "jejak.gpx")
	if err := os.WriteFile(gpxPath, []byte(gpx), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/ruas/%d", base, rs[1].ID)), chromedp.Click(chromedp.CSS("#track-ruas")),
		chromedp.WaitVisible(chromedp.CSS("#track-form")), chromedp.SetUploadFiles(chromedp.CSS("#track-file"), []string{gpxPath}),
		chromedp.Click(chromedp.CSS("#track-preview")), chromedp.WaitReady(chromedp.CSS("#geom-editor[data-neighbours]")))
	if n := eval[int](t, ctx, `ruasEditor.drawn.getLayers().length + 10*document.querySelectorAll(".leaflet-draw-draw-polyline").length`); n != 1 {
		t.Errorf("preview shows %d lines and %d drawing tools, want 1 line and none", n%10, n/10)
	}
	if s := text(t, ctx, "#track-stated"); !strings.HasPrefix(s, "300 m (+") {
		t.Errorf("stated length %q", s)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS("#track-save")))
	waitLocation(t, ctx, "saved=ruas")
	if rt, _ := a.store.RuasByID(bg, rs[1].ID); rt.Geometry == nil || math.Abs(rt.GeomLengthM-628) > 10 {
		t.Errorf("after the track: %v m", rt.GeomLengthM)
	}

	// The map: the office boundary (if set) and three kecamatan outlines, labelled, in a pane under the roads.
	run(t, ctx, chromedp.Navigate(base+"/peta"), chromedp.WaitReady(chromedp.CSS("#map[data-outlines-loaded]")))
	want := 3 // kecamatan, and the office's boundary when it has one
	if o, _ := a.store.Office(bg); o.Boundary != nil {
		want++
	}
	if n := eval[string](t, ctx, `document.getElementById("map").getAttribute("data-outlines-loaded")`); n != fmt.Sprint(want) {
		t.Errorf("outlines loaded: %s, want %d", n, want)
	}
	labels := eval[string](t, ctx, `Array.from(document.querySelectorAll(".outline-label")).map(function(e){return e.textContent}).sort().join(",")`)
	if labels != "Kepanjenkidul,Sananwetan,Sukorejo" {
		t.Errorf("labels %q", labels)
	}
	if z := eval[string](t, ctx, `ruasMap.getPane("outlines").style.zIndex + "<" + getComputedStyle(ruasMap.getPane("overlayPane")).zIndex`); z != "350<400" {
		t.Errorf("outline pane order %s", z)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		artifact(t, "map_outlines.png", png)
	}
	if out := log.outside(); len(out) > 0 {
		t.Errorf("requests outside the server: %v", out)
	}
}
