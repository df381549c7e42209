package web

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kotablitar/ruas/roads"
)

// waitLocation waits until the tab's URL contains want.
func waitLocation(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil && strings.Contains(loc, want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	t.Fatalf("page stayed at %s; want a URL with %q", loc, want)
}

// choose picks an option of a select as a person does, firing its change event.
func choose(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function(){var s=document.querySelector(%q);s.value=%q;s.dispatchEvent(new Event("change",{bubbles:true}));})()`, sel, value))
}

// TestBrowserWorkflow drives the workflow fixes in real Chromium: a plan
// whose data changed says so and offers re-running and downloading
// anyway; the dashboard's year selector and the verification queue's
// kecamatan filter apply on change under the content policy; the map
// stops at its deepest zoom and stays drawn; the survey form fits a
// 390 px phone; the public programme maps its ruas.
func TestBrowserWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	bctx := context.Background()
	a := newTestApp(t)
	rs := a.seed(t)
	base := strings.Replace(a.http.URL, "localhost", "127.0.0.1", 1)
	log := &requestLog{}
	ctx, cancel := newBrowser(t, log)
	defer cancel()
	a.withPassword(t, roads.RolePerencana, "rahasia-perencana")
	a.withPassword(t, roads.RoleWalidata, "rahasia-walidata")
	a.withPassword(t, roads.RoleProdusen, "rahasia-produsen")

	t.Run("stale plan", func(t *testing.T) {
		status, b := a.postJSON(t, "POST", "/api/v1/plans", `{"from_year":2027,"years":2,"budgets_rp":[300000000]}`)
		if status != 201 {
			t.Fatalf("plan: %d %s", status, truncate(string(b), 300))
		}
		var created struct{ ID int64 }
		json.Unmarshal(b, &created)
		if err := a.store.Verify(bctx, roads.EntityRuas, []int64{rs[0].ID, rs[1].ID, rs[2].ID}, "walidata"); err != nil {
			t.Fatal(err)
		}
		signIn(t, ctx, base, "perencana", "rahasia-perencana")
		run(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rencana/%d", base, created.ID)), chromedp.WaitVisible(chromedp.CSS("#plan-stale")))
		if got := text(t, ctx, "#stale-verified"); !strings.HasPrefix(got, "3 catatan diverifikasi") {
			t.Errorf("verified count %q, want 3 records", got)
		}
		if got := text(t, ctx, "#stale-edited"); !strings.HasPrefix(got, "0 catatan") {
			t.Errorf("edited count %q, want 0", got)
		}
		// The export link answers a page that explains, not a JSON body.
		run(t, ctx, chromedp.Click(chromedp.CSS("#dl-sipd")), chromedp.WaitVisible(chromedp.CSS("#back-to-plan")))
		if got := text(t, ctx, "h1"); got != "Data berubah setelah rencana dibuat" {
			t.Errorf("stale page title %q", got)
		}
		if href := eval[string](t, ctx, `document.querySelector("#dl-anyway").getAttribute("href")`); !strings.HasSuffix(href, "/ekspor/sipd?format=xlsx&allow_stale=1") {
			t.Errorf("download-anyway link %q", href)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			artifact(t, "plan-stale.png", png)
		}
		// Hitung ulang: the same inputs on the current data, no warning.
		run(t, ctx, chromedp.Click(chromedp.CSS("#rerun-plan")), chromedp.WaitVisible(chromedp.CSS("#programme")))
		if eval[bool](t, ctx, `document.getElementById("plan-stale") !== null`) {
			t.Error("the re-run plan still says its data changed")
		}
		runs, err := a.store.PlanRuns(bctx)
		if err != nil || len(runs) != 2 || runs[0].FromYear != 2027 || runs[0].Years != 2 {
			t.Errorf("re-run stored %v %v", runs, err)
		}
		run(t, ctx, chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	})

	t.Run("filters apply on change", func(t *testing.T) {
		signIn(t, ctx, base, "walidata", "rahasia-walidata")
		run(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#year-select")), choose("#year-select", "2025"))
		waitLocation(t, ctx, "year=2025")
		run(t, ctx, chromedp.WaitVisible(chromedp.CSS("#year-select")))
		if got := eval[string](t, ctx, `document.querySelector("#year-select").value`); got != "2025" {
			t.Errorf("year after submit %q", got)
		}
		run(t, ctx, chromedp.Navigate(base+"/verifikasi"), chromedp.WaitVisible(chromedp.CSS("#kecamatan-filter")), choose("#kecamatan-filter", "35.72.02"))
		waitLocation(t, ctx, "kecamatan=35.72.02")
		run(t, ctx, chromedp.WaitVisible(chromedp.CSS("#verify-form")))
		if got := eval[string](t, ctx, `document.querySelector("#kecamatan-filter").value`); got != "35.72.02" {
			t.Errorf("kecamatan after submit %q", got)
		}
		run(t, ctx, chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	})

	t.Run("phone survey and deep zoom", func(t *testing.T) {
		signIn(t, ctx, base, "produsen", "rahasia-produsen")
		// Past the deepest zoom the map stays drawn.
		run(t, ctx, chromedp.Navigate(base+"/peta"), chromedp.WaitReady(chromedp.CSS("#map[data-loaded='3']")))
		run(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("map").removeAttribute("data-loaded"); ruasMap.setZoom(30, {animate: false}); void 0`))
		run(t, ctx, chromedp.WaitReady(chromedp.CSS("#map[data-loaded]")))
		if z := eval[int](t, ctx, `ruasMap.getZoom()`); z != maxZoom {
			t.Errorf("zoom %d after asking for 30, want the cap %d", z, maxZoom)
		}
		if got := text(t, ctx, "#map-status"); strings.Contains(got, "HTTP") || strings.Contains(got, "undefined") {
			t.Errorf("map status at the deepest zoom %q", got)
		}
		// The survey form on a 390 x 844 phone: nothing scrolls sideways.
		run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(fmt.Sprintf("%s/ruas/%d/survei", base, rs[0].ID)), chromedp.WaitReady(chromedp.CSS("#survey-form[data-rules]")))
		sw := eval[int](t, ctx, `document.documentElement.scrollWidth`)
		cw := eval[int](t, ctx, `document.documentElement.clientWidth`)
		if cw > 400 || sw > cw {
			t.Errorf("survey form at 390 px: scrollWidth %d > clientWidth %d", sw, cw)
		}
		// Every input of a unit is on screen and usable: typing computes the class.
		run(t, ctx, chromedp.SendKeys(chromedp.CSS("input[name='units.0.iri']"), "13"))
		if got := text(t, ctx, "tr[data-unit='0'] .cls .live"); got != "Rusak Berat" {
			t.Errorf("live class on a phone %q", got)
		}
		// Nor does the table inside its own scroll box (the old layout
		// fitted the page but scrolled the table sideways), and every
		// input is wide enough to type in.
		box := eval[[]int](t, ctx, `(function(){var s=document.getElementById("units").parentNode;return [s.scrollWidth, s.clientWidth];})()`)
		if box[0] > box[1] {
			t.Errorf("the unit table scrolls sideways at 390 px: scrollWidth %d > clientWidth %d", box[0], box[1])
		}
		if narrow := eval[int](t, ctx, `Array.from(document.querySelectorAll("#units input")).filter(function(i){var r=i.getBoundingClientRect();return r.width < 60 || r.right > document.documentElement.clientWidth;}).length`); narrow > 0 {
			t.Errorf("%d unit inputs are under 60 px wide or past the screen's edge", narrow)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			artifact(t, "survey-390.png", png)
		}
		run(t, ctx, chromedp.EmulateViewport(1280, 1000), chromedp.Navigate(base+"/"), chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	})

	t.Run("returned record fixed and retired", func(t *testing.T) {
		mine := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "60"}, Name: "Jl. Salah Nomor", Surface: roads.Aspal, LengthM: 200,
			Source: roads.Source{Form: "ruas", User: "produsen"}}
		if err := a.store.CreateRuas(bctx, mine); err != nil {
			t.Fatal(err)
		}
		if err := a.store.Return(bctx, roads.EntityRuas, []int64{mine.ID}, "walidata", "nomor harus tiga digit"); err != nil {
			t.Fatal(err)
		}
		signIn(t, ctx, base, "produsen", "rahasia-produsen")
		run(t, ctx, chromedp.Click(chromedp.CSS("#nav-returned")), chromedp.WaitVisible(chromedp.CSS("#returned")))
		if got := text(t, ctx, "#returned td.reason"); got != "nomor harus tiga digit" {
			t.Errorf("reason %q", got)
		}
		// Fix: the number is editable while returned; typed with its region it is stored once.
		run(t, ctx, chromedp.Click(chromedp.CSS("#returned a.btn")), chromedp.WaitVisible(chromedp.CSS("#ruas-form")))
		if ro := eval[bool](t, ctx, `document.querySelector("input[name=no_ruas]").readOnly`); ro {
			t.Fatal("the returned ruas's number is read-only")
		}
		run(t, ctx, chromedp.SetValue(chromedp.CSS("input[name=no_ruas]"), "35.72/060"),
			chromedp.Click(chromedp.CSS("#save-ruas")), chromedp.WaitVisible(chromedp.CSS("#saved")))
		if got := text(t, ctx, "#ruas-key"); got != "35.72/060" {
			t.Errorf("key after fixing %q, want 35.72/060", got)
		}
		run(t, ctx, chromedp.Navigate(base+"/saya/dikembalikan"), chromedp.WaitVisible(chromedp.CSS("#returned-none")))
		// Retire it: the page says so and the list leaves it out.
		run(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/ruas/%d", base, mine.ID)), chromedp.Click(chromedp.CSS("#retire-box summary")),
			chromedp.SendKeys(chromedp.CSS("#retire-form input[name=reason]"), "digabung ke 35.72/001"),
			chromedp.Click(chromedp.CSS("#retire-ruas")), chromedp.WaitVisible(chromedp.CSS("#ruas-retired")))
		if got := text(t, ctx, "#retire-reason"); got != "digabung ke 35.72/001" {
			t.Errorf("retire reason shown %q", got)
		}
		run(t, ctx, chromedp.Navigate(base+"/ruas"), chromedp.WaitVisible(chromedp.CSS("#ruas-table")))
		if eval[bool](t, ctx, `document.getElementById("ruas-table").textContent.indexOf("Jl. Salah Nomor") >= 0`) {
			t.Error("the retired ruas is still in the list")
		}
		run(t, ctx, chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	})

	t.Run("public programme map", func(t *testing.T) {
		var sids []int64
		for _, r := range rs {
			vs, _ := a.store.Surveys(bctx, roads.SurveyFilter{RuasID: r.ID})
			for _, v := range vs {
				sids = append(sids, v.ID)
			}
		}
		if err := a.store.Verify(bctx, roads.EntitySurvey, sids, "walidata"); err != nil {
			t.Fatal(err)
		}
		status, b := a.postJSON(t, "POST", "/api/v1/plans", `{"from_year":2027,"years":3,"budgets_rp":[2000000000],"verified_only":true}`)
		if status != 201 {
			t.Fatalf("plan: %d %s", status, truncate(string(b), 300))
		}
		var created struct {
			ID     int64
			Result struct {
				Plan []struct {
					Works []struct {
						RuasKey string `json:"ruas_key"`
					} `json:"works"`
				} `json:"years"`
			} `json:"result"`
		}
		json.Unmarshal(b, &created)
		keys, works := map[string]bool{}, 0
		for _, y := range created.Result.Plan {
			for _, w := range y.Works {
				keys[w.RuasKey] = true
				works++
			}
		}
		if len(keys) == 0 {
			t.Fatal("the programme has no works; the test needs some")
		}
		if _, err := a.store.AdoptPlan(bctx, created.ID, "perencana", "uji"); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, chromedp.Navigate(base+"/publik/program"), chromedp.WaitReady(chromedp.CSS("#map[data-loaded]")))
		if got := eval[string](t, ctx, `document.getElementById("map").getAttribute("data-loaded")`); got != fmt.Sprint(len(keys)) {
			t.Errorf("programme map draws %s ruas, want the programme's %d", got, len(keys))
		}
		if rows := eval[int](t, ctx, `document.querySelectorAll("#works-table tr").length - 1`); rows != min(works, programmePageSize) {
			t.Errorf("works table %d rows, want %d", rows, min(works, programmePageSize))
		}
	})

	if out := log.outside(); len(out) > 0 {
		t.Errorf("pages requested URLs outside 127.0.0.1: %v", out)
	}
}
