package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// fieldRig is a test app behind a switch that cuts the network: while
// off, every connection to the server is dropped, as when the phone has
// no signal (on top of Chromium's own network emulation, which a service
// worker's fetches might otherwise slip past).
type fieldRig struct {
	a    *testApp
	hs   *httptest.Server
	off  atomic.Bool
	ruas *roads.Ruas
	// paths are the requests that met the cut (dropped unanswered).
	mu    sync.Mutex
	paths []string
}

// fieldStart is where the test ruas starts and how far a metre east is,
// in degrees of longitude at its latitude.
const (
	fieldLat  = -8.095
	fieldLon  = 112.190
	fieldDegM = 1 / 110210.0 // ≈ 1 m of longitude at 8.1° S
)

func newFieldRig(t *testing.T) *fieldRig {
	t.Helper()
	g := &fieldRig{a: newTestApp(t)}
	g.a.seed(t)
	// A 650 m ruas running east: six 100 m units and a 50 m tail.
	g.ruas = &roads.Ruas{Key: roads.Key{Region: "35.72", No: "004"}, Name: "Jl. Lapangan", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
		WidthM: 5, LengthM: 650, KecamatanCode: "35.72.03", Kecamatan: "Sananwetan",
		Geometry: orb.LineString{{fieldLon, fieldLat}, {fieldLon + 650*fieldDegM, fieldLat}}}
	if err := g.a.store.CreateRuas(context.Background(), g.ruas); err != nil {
		t.Fatal(err)
	}
	g.a.withPassword(t, roads.RoleProdusen, "kata-sandi-lapangan-1")
	g.hs = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g.off.Load() {
			g.mu.Lock()
			g.paths = append(g.paths, r.Method+" "+r.URL.Path)
			g.mu.Unlock()
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		g.a.srv.ServeHTTP(w, r)
	}))
	t.Cleanup(g.hs.Close)
	return g
}

// network switches the phone's network (Chromium's emulation for the page
// and its service worker, navigator.onLine) and the server's reachability.
func (g *fieldRig) network(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	yes := true
	if !on {
		g.off.Store(true)
		g.hs.CloseClientConnections()
	}
	conds := []*network.Conditions{}
	if !on {
		conds = append(conds, &network.Conditions{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &yes, MatchedNetworkConditions: conds}); err != nil {
		t.Fatalf("network emulation: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: !on, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatalf("network state: %v", err)
	}
	if on {
		g.off.Store(false)
	}
}

// phone opens a 390 × 844 phone tab signed in as the produsen, standing
// at metre sta of the test ruas, on the field page with its worker in
// control and the office's ruas kept.
func (g *fieldRig) phone(t *testing.T, log *requestLog, sta float64) (context.Context, context.CancelFunc) {
	t.Helper()
	ctx, cancel := newBrowser(t, log)
	base := g.hs.URL
	run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{Permission: &browser.PermissionDescriptor{Name: "geolocation"},
		Setting: browser.PermissionSettingGranted, Origin: base}); err != nil {
		t.Fatalf("geolocation permission: %v", err)
	}
	lat, lon, acc := fieldLat+0.00002, fieldLon+sta*fieldDegM, 5.0 // a couple of metres off the line
	if _, err := chromedp.Call(ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lon, Accuracy: &acc}); err != nil {
		t.Fatalf("geolocation: %v", err)
	}
	signIn(t, ctx, base, "produsen", "kata-sandi-lapangan-1")
	run(t, ctx, chromedp.Navigate(base+fieldPath), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"] #ruas-list button`)))
	waitJS(t, ctx, `navigator.serviceWorker.controller !== null`, "the service worker to control the page")
	waitJS(t, ctx, `caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.match("/lapangan/"))))).then(ms => ms.some(Boolean))`, "the page to be cached")
	return ctx, cancel
}

// waitJS polls a JS expression (a promise is awaited) until it is true.
func waitJS(t *testing.T, ctx context.Context, js, what string) {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
		if err == nil && v {
			return
		}
		time.Sleep(150 * time.Millisecond)
	}
	t.Fatalf("waited 45 s for %s (%s)", what, js)
}

// enterUnit ticks the RCS form for the unit shown and goes on.
func enterUnit(t *testing.T, ctx context.Context, u rcsUnit, next bool) {
	t.Helper()
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Click(chromedp.CSS(`#g-surface input[value="aspal"]`)),
		chromedp.Click(chromedp.CSS(`#g-crack_type input[value="acak"]`)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#g-crack_area input[value="%d"]`, u.area))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#g-crack_width input[value="%d"]`, u.width))),
		chromedp.Click(chromedp.CSS(`#g-drainage input[value="baik"]`)),
	}
	steps = append(steps, chromedp.Click(chromedp.CSS(`#pot-plus`))) // 1, then back to the count wanted
	steps = append(steps, chromedp.Click(chromedp.CSS(`#pot-minus`)))
	for range u.potholes {
		steps = append(steps, chromedp.Click(chromedp.CSS(`#pot-plus`)))
	}
	if u.rut >= 0 {
		steps = append(steps, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#g-rut input[value="%d"]`, u.rut))))
	}
	run(t, ctx, steps...)
	if next {
		run(t, ctx, chromedp.Click(chromedp.CSS(`#next-unit`)))
	}
}

// TestFieldBrowserOffline walks a whole ruas on a phone with the network
// off: every 100 m unit entered, photos taken, the tab reloaded mid-unit,
// then the network restored; every unit and photo must reach the server
// as drafts with the STA, SDI and author the phone showed, and the SDI
// the phone showed is the server's for every unit. It also checks the
// page's basics: < 300 kB of script, no sideways scroll at 390 × 844,
// every control labelled and reachable with the keyboard.
func TestFieldBrowserOffline(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	g := newFieldRig(t)
	log := &requestLog{}
	ctx, cancel := g.phone(t, log, 250)
	defer cancel()
	store := g.a.store
	bg := context.Background()

	// Nearest ruas first: the phone stands on 004.
	if first := eval[string](t, ctx, `document.querySelector("#ruas-list button").getAttribute("data-ruas")`); first != fmt.Sprint(g.ruas.ID) {
		t.Errorf("first ruas offered is %s, want the nearest, %d", first, g.ruas.ID)
	}
	checkBasics(t, ctx, "pick")
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "field-pick.png", png)
	}

	g.network(t, ctx, false)
	if eval[bool](t, ctx, `navigator.onLine`) {
		t.Fatal("navigator.onLine is still true with the network off")
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#ruas-list button[data-ruas="%d"]`, g.ruas.ID))), chromedp.WaitVisible(chromedp.CSS(`#walk`)))
	checkBasics(t, ctx, "walk")
	date := eval[string](t, ctx, `document.getElementById("date").value`)

	// STA from GPS: standing at 250 m, the unit 200–300.
	run(t, ctx, chromedp.Click(chromedp.CSS(`#gps-sta`)))
	if v := eval[string](t, ctx, `document.getElementById("sta-from").value`); v != "200" {
		t.Errorf("STA from GPS at 250 m: unit from %s, want 200", v)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`#prev-unit`)), chromedp.Click(chromedp.CSS(`#prev-unit`)))

	units := []rcsUnit{
		{0, 100, 0, 0, 0, 0}, {100, 200, 1, 1, 0, 1}, {200, 300, 2, 2, 1, 2}, {300, 400, 3, 3, 0, 0},
		{400, 500, 1, 3, 3, 1}, {500, 600, 2, 1, 6, 3},
		{600, 650, 3, 3, 3, 2}, // a 50 m tail: 3 potholes count as 30 per km (over 100 m), not 60
	}
	photo := filepath.Join(t.TempDir(), "jalan.jpg")
	pic := jpegBytes(t, 2400, 1800)
	photoSize := len(pic)
	if err := os.WriteFile(photo, pic, 0o644); err != nil {
		t.Fatal(err)
	}
	photoUnits := map[float64]bool{0: true, 300: true}
	for i, u := range units {
		if got := eval[string](t, ctx, `document.getElementById("sta-from").value + "-" + document.getElementById("sta-to").value`); got != fmt.Sprintf("%g-%g", u.from, u.to) {
			t.Fatalf("unit %d shows STA %s, want %g-%g", i, got, u.from, u.to)
		}
		if photoUnits[u.from] {
			n := eval[int](t, ctx, `document.querySelectorAll("#photos img").length`)
			run(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(`#photo`), []string{photo}))
			waitJS(t, ctx, fmt.Sprintf(`document.querySelectorAll("#photos img").length === %d`, n+1), "the resized photo")
			if u.from == 0 { // a photo taken by mistake is removed before it syncs
				run(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(`#photo`), []string{photo}))
				waitJS(t, ctx, fmt.Sprintf(`document.querySelectorAll("#photos img").length === %d`, n+2), "the second photo")
				run(t, ctx, chromedp.Click(chromedp.CSS(`#photos li:last-child button`)))
				waitJS(t, ctx, fmt.Sprintf(`document.querySelectorAll("#photos img").length === %d`, n+1), "the photo removed")
			}
		}
		last := i == len(units)-1
		if last {
			// The last unit is left half done (no rut class) when the tab reloads.
			half := u
			half.rut = -1
			enterUnit(t, ctx, half, false)
			break
		}
		enterUnit(t, ctx, u, true)
		waitJS(t, ctx, fmt.Sprintf(`document.getElementById("sta-from").value === "%g"`, units[i+1].from), "the next unit")
	}

	// The tab reloads with no network: the page comes from the worker, the
	// units and the half-done one from IndexedDB.
	run(t, ctx, chromedp.Reload())
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"] #walk`)))
	if n := eval[int](t, ctx, `document.querySelectorAll('#unit-list button[data-state="queued"]').length`); n != len(units)-1 {
		t.Errorf("%d queued units after the reload, want %d", n, len(units)-1)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`#unit-list button[data-sta="600"]`)))
	if got := eval[string](t, ctx, `[...document.querySelectorAll("#unit-form input:checked")].map(e => e.name + "=" + e.value).sort().join(",") + ";" + document.getElementById("potholes").value`); got != "crack_area=3,crack_type=acak,crack_width=3,drainage=baik,surface=aspal;3" {
		t.Errorf("half-done unit after the reload: %s", got)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`#g-rut input[value="2"]`)), chromedp.Click(chromedp.CSS(`#next-unit`)))
	waitJS(t, ctx, fmt.Sprintf(`document.querySelectorAll('#unit-list button[data-state="queued"]').length === %d`, len(units)), "every unit queued")
	phoneSDI := map[string]string{}
	for _, u := range units {
		phoneSDI[fmt.Sprint(u.from)] = eval[string](t, ctx, fmt.Sprintf(`document.querySelector('#unit-list button[data-sta="%g"]').getAttribute("data-sdi")`, u.from))
	}
	// Requests that met the cut (the worker trying the network before its
	// cache) were dropped unanswered; nothing may have been stored.
	if vs, _ := store.Surveys(bg, roads.SurveyFilter{RuasID: g.ruas.ID}); len(vs) != 0 {
		t.Fatalf("with the network off the server holds %d surveys", len(vs))
	}
	t.Logf("requests dropped while offline: %v", g.paths)
	png, _ := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	artifact(t, "field-offline.png", png)

	// The network returns: the phone syncs by itself.
	g.network(t, ctx, true)
	deadline := time.Now().Add(60 * time.Second)
	var vs []*roads.Survey
	var photos map[int64][]*roads.FieldPhoto
	for time.Now().Before(deadline) {
		vs, _ = store.Surveys(bg, roads.SurveyFilter{RuasID: g.ruas.ID})
		ids := make([]int64, len(vs))
		for i, v := range vs {
			ids[i] = v.ID
		}
		photos, _ = store.SurveyPhotos(bg, ids)
		n := 0
		for _, ps := range photos {
			n += len(ps)
		}
		if len(vs) == len(units) && n == len(photoUnits) {
			break
		}
		time.Sleep(300 * time.Millisecond)
	}
	if len(vs) != len(units) {
		t.Fatalf("%d surveys on the server after the network returned, want %d", len(vs), len(units))
	}
	for i, u := range units {
		v := vs[i]
		want := wantSDI(u)
		if v.StaFromM != u.from || v.StaToM != u.to || v.Assessment.SDI == nil || *v.Assessment.SDI != want || v.Kondisi() != wantClass(want) {
			t.Errorf("unit %g: server has STA %g–%g SDI %v %s, want SDI %g %s", u.from, v.StaFromM, v.StaToM, v.Assessment.SDI, v.Kondisi(), want, wantClass(want))
		}
		if v.Assessment.SDI != nil && phoneSDI[fmt.Sprint(u.from)] != fmt.Sprint(*v.Assessment.SDI) {
			t.Errorf("unit %g: the phone showed SDI %s, the server derived %g", u.from, phoneSDI[fmt.Sprint(u.from)], *v.Assessment.SDI)
		}
		if v.Verif.State != roads.Draft || v.Source.User != "produsen" || !strings.HasPrefix(v.Source.Form, "lapangan:") || v.Date.Format("2006-01-02") != date {
			t.Errorf("unit %g: %s by %q via %q on %s, want a draft by produsen via lapangan:… on %s", u.from, v.Verif.State, v.Source.User, v.Source.Form, v.Date.Format("2006-01-02"), date)
		}
		ps := photos[v.ID]
		if photoUnits[u.from] != (len(ps) == 1) {
			t.Errorf("unit %g: %d photos", u.from, len(ps))
			continue
		}
		for _, p := range ps {
			if full, err := store.FieldPhotoData(bg, p.ClientID); err == nil {
				t.Logf("unit %g: photo %d×%d, %d bytes (from a 2400×1800 JPEG of %d bytes)", u.from, p.Width, p.Height, len(full.Data), photoSize)
			}
			if p.ContentType != "image/jpeg" || p.Width != 1600 || p.Height != 1200 || p.Lat == nil || math.Abs(*p.Lon-(fieldLon+250*fieldDegM)) > 1e-9 || p.TakenAt.IsZero() {
				t.Errorf("unit %g photo: %s %d×%d at %v,%v %s; want a JPEG resized to 1600×1200 with the GPS position", u.from, p.ContentType, p.Width, p.Height, p.Lat, p.Lon, p.TakenAt)
			}
		}
	}
	waitJS(t, ctx, fmt.Sprintf(`document.querySelectorAll('#unit-list button[data-state="stored"]').length === %d && document.body.getAttribute("data-queued") === "0"`, len(units)), "the phone to show every unit synced")
	if out := log.outside(); len(out) > 0 {
		t.Errorf("requests outside 127.0.0.1: %v", out)
	}
}

// TestFieldBrowserConflict: a unit entered offline on a stretch that got
// a newer survey meanwhile is not stored over it: the phone shows both,
// the engineer keeps the server's, and the register is as the office left it.
func TestFieldBrowserConflict(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	g := newFieldRig(t)
	log := &requestLog{}
	ctx, cancel := g.phone(t, log, 50)
	defer cancel()
	bg := context.Background()
	// Opened from the ruas page's link, the page goes straight to that ruas.
	run(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/ruas/%d", g.hs.URL, g.ruas.ID)), chromedp.Click(chromedp.CSS(`#field-survey`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"] #walk`)))
	if title := text(t, ctx, `#walk-title`); !strings.Contains(title, g.ruas.Name) {
		t.Errorf("opened from the ruas page: walking %q, want %s", title, g.ruas.Name)
	}
	g.network(t, ctx, false)
	date := eval[string](t, ctx, `document.getElementById("date").value`)
	mine := rcsUnit{0, 100, 2, 3, 2, 2}
	enterUnit(t, ctx, mine, true)
	waitJS(t, ctx, `document.querySelectorAll('#unit-list button[data-state="queued"]').length === 1`, "the unit queued")

	// Meanwhile the office stores a survey of 0–200 on the same day.
	d, _ := time.Parse("2006-01-02", date)
	newer := &roads.Survey{RuasID: g.ruas.ID, Ruas: g.ruas.Key, Date: d, StaFromM: 0, StaToM: 200, Distress: &roads.Distress{IRI: fp(3)},
		Source: roads.Source{Form: "survey", User: "kantor"}}
	if err := g.a.store.AddSurvey(bg, newer); err != nil {
		t.Fatal(err)
	}
	g.network(t, ctx, true)
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#conflicts li[data-conflict] button[data-keep="server"]`)))
	shown := text(t, ctx, `#conflicts li[data-conflict]`)
	wantMine := wantSDI(mine)
	for _, s := range []string{strings.ReplaceAll(fmt.Sprint(wantMine), ".", ",") + " · " + (Locale{Lang: ID}).Kondisi(wantClass(wantMine)), "– · Baik", d.Format("02/01/2006")} {
		if !strings.Contains(shown, s) {
			t.Errorf("conflict shows %q, missing %q (both sides: the phone's SDI and the server's class)", shown, s)
		}
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`#conflicts button[data-keep="server"]`)))
	waitJS(t, ctx, `document.getElementById("conflicts").hidden && document.querySelector('#unit-list button[data-state="discarded"]') !== null`, "the decision applied")
	vs, _ := g.a.store.Surveys(bg, roads.SurveyFilter{RuasID: g.ruas.ID})
	if len(vs) != 1 || vs[0].ID != newer.ID || vs[0].Source.User != "kantor" || vs[0].Distress.IRI == nil || *vs[0].Distress.IRI != 3 {
		t.Fatalf("surveys after keeping the server's: %d (%+v)", len(vs), vs)
	}
	audit, _ := g.a.store.Audit(bg, roads.AuditFilter{Entity: "field_unit"})
	if len(audit) != 1 || audit[0].Actor != "produsen" || !strings.Contains(string(audit[0].After), `"discarded"`) {
		t.Errorf("audit of the decision: %+v", audit)
	}

	// A long queue (120 units, as after days without signal) goes in
	// batches of 50 without waiting for the next retry.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`new Promise((res, rej) => {
		const rq = indexedDB.open("ruas-lapangan", 1);
		rq.onsuccess = () => {
			const tx = rq.result.transaction("units", "readwrite"), st = tx.objectStore("units");
			for (let i = 0; i < 120; i++) {
				const day = new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 6))).toISOString().slice(0, 10);
				st.put({id: "bulk-unit-" + String(i).padStart(4, "0"), ruas_id: %d, date: day, sta_from_m: (i %% 6) * 100, sta_to_m: (i %% 6) * 100 + 100,
					known_survey_id: %d, form: {crack_area: 1, crack_width: 0, potholes: 0, rut: 0}, state: "queued"});
			}
			tx.oncomplete = res; tx.onerror = rej;
		};
	})`, g.ruas.ID, newer.ID), chromedp.EvalAwaitPromise), chromedp.Click(chromedp.CSS(`#sync-now`)))
	// Well under the 10 s retry interval, which would need two rounds.
	deadline := time.Now().Add(9 * time.Second)
	for time.Now().Before(deadline) {
		if vs, _ = g.a.store.Surveys(bg, roads.SurveyFilter{RuasID: g.ruas.ID}); len(vs) == 121 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(vs) != 121 {
		t.Errorf("%d surveys after syncing a queue of 120, want 121", len(vs))
	}
}

// checkBasics: the page loads under 300 kB of script, nothing is wider
// than the 390 px screen, and every visible control has a name and is
// reached by the Tab key.
func checkBasics(t *testing.T, ctx context.Context, screen string) {
	t.Helper()
	// Script: every <script src> of the page and the service worker, as
	// served (measured online, on the first screen).
	if screen == "pick" {
		scriptBytes(t, ctx)
	}
	if w := eval[[]int](t, ctx, `[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]`); w[1] != 390 || w[0] > w[1] || w[2] > w[1] {
		t.Errorf("%s: page %d px wide in a %d px viewport (body %d): sideways scroll", screen, w[0], w[1], w[2])
	}
	unnamed := eval[[]string](t, ctx, `[...document.querySelectorAll("input, select, textarea, button")].filter(e => e.offsetParent !== null && e.type !== "hidden").filter(e => {
		const byLabel = e.labels && [...e.labels].some(l => l.textContent.trim() !== "");
		const byAria = (e.getAttribute("aria-label") || "").trim() !== "" ||
			(e.getAttribute("aria-labelledby") || "").split(" ").some(id => id && document.getElementById(id) && document.getElementById(id).textContent.trim() !== "");
		const byText = e.tagName === "BUTTON" && e.textContent.trim() !== "";
		return !(byLabel || byAria || byText);
	}).map(e => e.outerHTML.slice(0, 80))`)
	if len(unnamed) > 0 {
		t.Errorf("%s: controls without a name: %v", screen, unnamed)
	}
	// Touch targets: every visible control (for a radio, its label) at least 44 px high (WCAG 2.5.5).
	small := eval[[]string](t, ctx, `[...document.querySelectorAll("input, select, textarea, button")].filter(e => e.offsetParent !== null && e.type !== "hidden").map(e => {
		const target = e.type === "radio" || e.type === "checkbox" ? e.closest("label") : e;
		const h = target ? target.getBoundingClientRect().height : 0;
		return h < 44 ? (e.id || e.name + "=" + e.value) + " " + Math.round(h) + " px" : "";
	}).filter(Boolean)`)
	if len(small) > 0 {
		t.Errorf("%s: touch targets under 44 px: %v", screen, small)
	}
	// Every visible control (a radio group counts once) is reached by Tab.
	key := `e => e.type === "radio" ? "radio:" + e.name : (e.id || e.name || e.outerHTML.slice(0, 60))`
	want := eval[[]string](t, ctx, `[...new Set([...document.querySelectorAll("a[href], input, select, textarea, button")].filter(e => e.offsetParent !== null && !e.disabled).map(`+key+`))]`)
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`))
	seen := map[string]bool{}
	wanted := map[string]bool{}
	for _, k := range want {
		wanted[k] = true
	}
	for i, n := 0, 0; i < len(want)*3+10 && n < len(want); i++ {
		run(t, ctx, chromedp.KeyEvent("\t"))
		k := eval[string](t, ctx, `(`+key+`)(document.activeElement)`)
		if wanted[k] && !seen[k] {
			n++
		}
		seen[k] = true
	}
	var missed []string
	for _, k := range want {
		if !seen[k] {
			missed = append(missed, k)
		}
	}
	if len(missed) > 0 {
		t.Errorf("%s: %d of %d controls not reached with Tab: %v", screen, len(missed), len(want), missed)
	}
}

// scriptBytes checks that the page's scripts and its service worker come to under 300 kB.
func scriptBytes(t *testing.T, ctx context.Context) {
	t.Helper()
	page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	srcs := regexp.MustCompile(`<script[^>]*\ssrc="([^"]+)"`).FindAllStringSubmatch(page, -1)
	total := 0
	for _, u := range append([]string{fieldPath + "sw.js"}, func() []string {
		var out []string
		for _, m := range srcs {
			out = append(out, m[1])
		}
		return out
	}()...) {
		js, _ := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`fetch(%q).then(r => r.arrayBuffer()).then(b => b.byteLength)`, u), chromedp.EvalAwaitPromise))
		total += js
	}
	t.Logf("%d bytes of script (%d files and the service worker)", total, len(srcs))
	if len(srcs) == 0 || total == 0 || total >= 300_000 {
		t.Errorf("%d scripts, %d bytes of script; want some, under 300 kB", len(srcs), total)
	}
}
