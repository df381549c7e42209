package web

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// clickRuas clicks the map, as a reader would, on the middle of a ruas's
// second segment and waits for the popup.
func clickRuas(t *testing.T, ctx context.Context, r *roads.Ruas) {
	t.Helper()
	ls := r.Geometry.(orb.LineString)
	p := orb.Point{(ls[1][0] + ls[2][0]) / 2, (ls[1][1] + ls[2][1]) / 2}
	xy := eval[[]float64](t, ctx, fmt.Sprintf(`(function(){var c=ruasMap.latLngToContainerPoint([%f,%f]);
		var b=document.getElementById("map").getBoundingClientRect();return [b.left+c.x,b.top+c.y];})()`, p[1], p[0]))
	run(t, ctx, chromedp.MouseClickXY(xy[0], xy[1]), chromedp.WaitVisible(chromedp.CSS(".leaflet-popup-content b")))
}

// TestTileMapBrowser: the map page draws the vector tiles in real
// Chromium (no script error, the tiles fetched from this server only),
// counts the ruas they draw, follows the filters, and a click on a ruas
// looks it up and opens its page.
func TestTileMapBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	a := newTestApp(t)
	rs := a.seed(t)
	base := strings.Replace(a.http.URL, "localhost", "127.0.0.1", 1)
	log := &requestLog{}
	ctx, cancel := newBrowser(t, log)
	defer cancel()
	var mu sync.Mutex
	var thrown []string
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			thrown = append(thrown, e.ExceptionDetails.Text+" "+fmt.Sprint(e.ExceptionDetails.Exception.Description))
			mu.Unlock()
		}
	})
	a.withPassword(t, roads.RoleProdusen, "rahasia-produsen")
	signIn(t, ctx, base, "produsen", "rahasia-produsen")

	run(t, ctx, chromedp.Navigate(base+"/peta"), chromedp.WaitReady(chromedp.CSS("#map[data-loaded='3']")))
	if n := eval[int](t, ctx, `document.querySelectorAll("#map .leaflet-overlay-pane canvas").length`); n == 0 {
		t.Errorf("no tile canvas in the overlay pane")
	}
	tiles := 0
	for _, u := range log.urls {
		if strings.Contains(u, "/api/v1/map/tiles/") {
			tiles++
		}
		if strings.Contains(u, "/api/v1/map?") {
			t.Errorf("the map still asks the GeoJSON endpoint: %s", u)
		}
	}
	if tiles == 0 {
		t.Errorf("no vector tile requested; requests: %v", log.urls)
	}
	// A click on 002 (Jl. Kenari, sedang) opens its popup, which links its page.
	clickRuas(t, ctx, rs[1])
	if got := text(t, ctx, ".leaflet-popup-content b"); got != "35.72/002 Jl. Kenari" {
		t.Errorf("popup title %q", got)
	}
	if got := text(t, ctx, ".leaflet-popup-content"); !strings.Contains(got, "Sedang") {
		t.Errorf("popup %q does not give the condition", got)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		artifact(t, "map_tiles.png", png)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".leaflet-popup .popup-link")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := text(t, ctx, "h1"); got != "35.72/002 Jl. Kenari" {
		t.Errorf("the popup link opened %q", got)
	}

	// The filters redraw the tiles: only 003 has no survey.
	run(t, ctx, chromedp.Navigate(base+"/peta"), chromedp.WaitReady(chromedp.CSS("#map[data-loaded='3']")),
		chromedp.SetValue(chromedp.CSS("select[name=kondisi]"), "none"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("select[name=kondisi]").dispatchEvent(new Event("change"))`),
		chromedp.WaitReady(chromedp.CSS("#map[data-loaded='1']")))
	clickRuas(t, ctx, rs[2])
	if got := text(t, ctx, ".leaflet-popup-content b"); got != "35.72/003 Jl. Anggrek" {
		t.Errorf("popup title after filtering %q", got)
	}
	if out := log.outside(); len(out) > 0 {
		t.Errorf("requests outside 127.0.0.1: %v", out)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(thrown) > 0 {
		t.Errorf("script errors: %v", thrown)
	}
}
