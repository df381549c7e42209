package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

// chromiumPath finds Debian's chromium; without it the browser tests skip,
// except in CI where .ci/run installs it and its absence is a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium); skipping the browser tests")
	return ""
}

// requestLog records every URL a page asks for.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

func (r *requestLog) add(u string) {
	r.mu.Lock()
	r.urls = append(r.urls, u)
	r.mu.Unlock()
}

// outside lists the requests that left the loopback address: none may.
func (r *requestLog) outside() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, raw := range r.urls {
		u, err := url.Parse(raw)
		if err != nil {
			out = append(out, raw)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if u.Hostname() != "127.0.0.1" {
			out = append(out, raw)
		}
	}
	return out
}

// newBrowser starts headless Chromium with a fresh profile and returns a
// tab context whose network requests are logged.
func newBrowser(t *testing.T, log *requestLog) (context.Context, context.CancelFunc) {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	watch(t, ctx, log)
	return ctx, func() { cancel(); acancel() }
}

// watch logs the requests of a tab.
func watch(t *testing.T, ctx context.Context, log *requestLog) {
	t.Helper()
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			log.add(e.Request.URL)
		}
	}); err != nil {
		t.Fatal(err)
	}
}

// artifact saves a screenshot under testdata/artifacts (gitignored).
func artifact(t *testing.T, name string, png []byte) {
	t.Helper()
	dir := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// TestBrowser drives real headless Chromium through the app as an officer
// and a planner would: dashboard, map, a new ruas, a survey whose class is
// computed as one types and again on save, a stale edit refused, a plan
// run and its download. No page may request anything outside 127.0.0.1.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	a := newTestApp(t)
	seeded := a.seed(t)
	base := strings.Replace(a.http.URL, "localhost", "127.0.0.1", 1)
	log := &requestLog{}
	ctx, cancel := newBrowser(t, log)
	defer cancel()
	a.withPassword(t, roads.RoleProdusen, "rahasia-produsen")
	a.withPassword(t, roads.RolePerencana, "rahasia-perencana")
	signIn(t, ctx, base, "produsen", "rahasia-produsen")

	t.Run("dashboard", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#network-length")),
			chromedp.WaitReady(chromedp.CSS("#trend-chart[data-drawn]")))
		if got := text(t, ctx, "#network-length"); got != "0,9 km" {
			t.Errorf("network length %q, want 0,9 km", got)
		}
		// Sedang 0,3 km + Rusak Berat 0,3 km on a 0,9 km kota network:
		// 0,3 / 0,9 of the network length, 0,3 / 0,6 of what was surveyed.
		if got := text(t, ctx, "#kemantapan"); got != "33,3 %" {
			t.Errorf("kemantapan %q, want 33,3 %% (of network length)", got)
		}
		if got := text(t, ctx, "#kemantapan-surveyed"); !strings.HasPrefix(got, "50,0 %") {
			t.Errorf("kemantapan of the surveyed length %q, want 50,0 %%", got)
		}
		run(t, ctx, chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS("#network-length")))
		if got := text(t, ctx, "h1"); got != "Road network dashboard" {
			t.Errorf("English title %q", got)
		}
		run(t, ctx, chromedp.Navigate(base+"/?lang=id"), chromedp.WaitVisible(chromedp.CSS("#network-length")))
	})

	t.Run("map", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(base+"/peta"), chromedp.WaitReady(chromedp.CSS("#map[data-loaded='3']")))
		// Click 35.72/001 on the map: its popup links the ruas page.
		clickRuas(t, ctx, seeded[0])
		href := eval[string](t, ctx, `(function(){var a=document.querySelector(".leaflet-popup .popup-link");return a?a.getAttribute("href"):"";})()`)
		if href != fmt.Sprintf("/ruas/%d", seeded[0].ID) {
			t.Errorf("popup link %q", href)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		artifact(t, "map.png", png)
		// Filter to the links with no survey: only 35.72/003 stays.
		run(t, ctx, chromedp.SetValue(chromedp.CSS("select[name=kondisi]"), "none"),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("select[name=kondisi]").dispatchEvent(new Event("change"))`),
			chromedp.WaitReady(chromedp.CSS("#map[data-loaded='1']")))
	})

	var newID string
	t.Run("create ruas", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(base+"/ruas"), chromedp.Click(chromedp.CSS("#new-ruas")), chromedp.WaitVisible(chromedp.CSS("#ruas-form")),
			chromedp.SetValue(chromedp.CSS("input[name=no_ruas]"), "020"),
			chromedp.SetValue(chromedp.CSS("input[name=name]"), "Jl. Cempaka"),
			chromedp.SetValue(chromedp.CSS("select[name=surface]"), "aspal"),
			chromedp.SetValue(chromedp.CSS("input[name=width_m]"), "5,5"),
			chromedp.SetValue(chromedp.CSS("input[name=length_m]"), "-40"),
			chromedp.Click(chromedp.CSS("#save-ruas")), chromedp.WaitVisible(chromedp.CSS("#form-errors")))
		// The bad length is refused with a message beside the field, in Indonesian.
		if msg := text(t, ctx, "input[name=length_m] + .ferr"); !strings.Contains(msg, "panjang SK dalam meter") {
			t.Errorf("length message %q", msg)
		}
		run(t, ctx, chromedp.SetValue(chromedp.CSS("input[name=length_m]"), "405"),
			chromedp.Click(chromedp.CSS("#save-ruas")), chromedp.WaitVisible(chromedp.CSS("#saved")))
		if got := text(t, ctx, "h1"); got != "35.72/020 Jl. Cempaka" {
			t.Errorf("ruas page title %q", got)
		}
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		newID = loc[strings.LastIndex(loc, "/")+1 : strings.Index(loc, "?")]
		r, err := a.store.Ruas(context.Background(), roads.Key{Region: "35.72", No: "020"})
		if err != nil || r.WidthM != 5.5 || r.Source.User != "produsen" {
			t.Errorf("stored %+v %v", r, err)
		}
	})

	t.Run("record survey and see its class", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(base+"/ruas/"+newID), chromedp.Click(chromedp.CSS("#add-survey")),
			chromedp.WaitReady(chromedp.CSS("#survey-form[data-rules]")),
			chromedp.SendKeys(chromedp.CSS("input[name='units.0.crack_area_pct']"), "5"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.0.crack_width_mm']"), "4"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.0.potholes']"), "1"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.0.rut_cm']"), "2"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.1.iri']"), "13"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.2.iri']"), "45"),
			// The 5 m tail of the 405 m ruas: one pothole.
			chromedp.SendKeys(chromedp.CSS("input[name='units.4.crack_area_pct']"), "0"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.4.crack_width_mm']"), "0"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.4.potholes']"), "1"),
			chromedp.SendKeys(chromedp.CSS("input[name='units.4.rut_cm']"), "0"))
		// Computed in the page from the served rule table, before saving.
		if got := text(t, ctx, "tr[data-unit='0'] .sdi"); got != "95" {
			t.Errorf("live SDI %q, want 95", got)
		}
		if got := text(t, ctx, "tr[data-unit='0'] .cls .live"); got != "Sedang" {
			t.Errorf("live class %q, want Sedang", got)
		}
		// Rules .2 count potholes over at least 100 m: 1 pothole → 10 per
		// km → +75 (the 10–50 band), SDI 75, Sedang; over the tail's own
		// 5 m it would read 200 per km → +225, Rusak Berat.
		if got := text(t, ctx, "tr[data-unit='4'] .sdi"); got != "75" {
			t.Errorf("live SDI of the 5 m tail %q, want 75", got)
		}
		if got := text(t, ctx, "tr[data-unit='4'] .cls .live"); got != "Sedang" {
			t.Errorf("live class of the 5 m tail %q, want Sedang", got)
		}
		if got := text(t, ctx, "tr[data-unit='1'] .cls .live"); got != "Rusak Berat" {
			t.Errorf("live class of IRI 13 %q", got)
		}
		// IRI 45 is out of range: the server refuses the whole survey and says why beside the field.
		run(t, ctx, chromedp.Click(chromedp.CSS("#save-survey")), chromedp.WaitVisible(chromedp.CSS("#form-errors")))
		if msg := text(t, ctx, "input[name='units.2.iri'] + .ferr"); !strings.Contains(msg, "IRI harus 0–30") {
			t.Errorf("IRI message %q", msg)
		}
		if vs, _ := a.store.Surveys(context.Background(), roads.SurveyFilter{RuasID: mustID(t, newID)}); len(vs) != 0 {
			t.Errorf("%d surveys stored from a refused form", len(vs))
		}
		run(t, ctx, chromedp.Clear(chromedp.CSS("input[name='units.2.iri']")), chromedp.Click(chromedp.CSS("#save-survey")),
			chromedp.WaitVisible(chromedp.CSS("#saved")))
		if got := text(t, ctx, "#ruas-kondisi"); got != "Sedang" && got != "Rusak Berat" {
			t.Errorf("class on the ruas page %q", got)
		}
		if got := text(t, ctx, "#evidence"); !strings.Contains(got, "SDI = 95") || !strings.Contains(got, "form survey by produsen") {
			t.Errorf("evidence %q", got)
		}
		run(t, ctx, chromedp.WaitReady(chromedp.CSS("#projection-chart[data-drawn]")), chromedp.WaitReady(chromedp.CSS("#history-chart[data-drawn]")))
	})

	t.Run("stale edit refused", func(t *testing.T) {
		other, cancelOther := chromedp.NewContext(ctx)
		defer cancelOther()
		watch(t, other, log)
		edit := fmt.Sprintf("%s/ruas/%d/ubah", base, seeded[1].ID)
		run(t, ctx, chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.CSS("#ruas-form")))
		run(t, other, chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.CSS("#ruas-form")),
			chromedp.SetValue(chromedp.CSS("input[name=name]"), "Jl. Kenari Indah"),
			chromedp.Click(chromedp.CSS("#save-ruas")), chromedp.WaitVisible(chromedp.CSS("#saved")))
		run(t, ctx, chromedp.SetValue(chromedp.CSS("input[name=name]"), "Jl. Kenari Lama"),
			chromedp.Click(chromedp.CSS("#save-ruas")), chromedp.WaitVisible(chromedp.CSS("#conflict")))
		if got := text(t, ctx, "#conflict-name"); got != "Jl. Kenari Indah" {
			t.Errorf("conflict shows %q, want the other person's name", got)
		}
		r, _ := a.store.RuasByID(context.Background(), seeded[1].ID)
		if r.Name != "Jl. Kenari Indah" || r.Version != 2 {
			t.Errorf("stored %q v%d: the stale edit must not overwrite", r.Name, r.Version)
		}
	})

	t.Run("plan and download", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(base+"/"), chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
		signIn(t, ctx, base, "perencana", "rahasia-perencana")
		run(t, ctx, chromedp.Navigate(base+"/rencana"), chromedp.WaitVisible(chromedp.CSS("#plan-form")),
			chromedp.SetValue(chromedp.CSS("input[name=budgets_rp]"), "50.000.000"),
			chromedp.SetValue(chromedp.CSS("input[name=scenarios_rp]"), "0; 200.000.000"),
			chromedp.Click(chromedp.CSS("#run-plan")), chromedp.WaitVisible(chromedp.CSS("#programme")),
			chromedp.WaitReady(chromedp.CSS("#scenario-chart[data-drawn]")))
		rows := eval[int](t, ctx, `document.querySelectorAll("#programme tr").length`)
		if rows != 6 { // header + 5 years
			t.Errorf("programme has %d rows, want 6", rows)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		artifact(t, "plan.png", png)

		dir := t.TempDir()
		progress := chromedp.Events(ctx, browser.DownloadProgress)
		run(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			yes := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes})
			return err
		}), chromedp.Click(chromedp.CSS("#dl-csv")))
		deadline := time.After(30 * time.Second)
		done := make(chan string, 1)
		go func() {
			for ev, err := range progress {
				if err != nil {
					close(done)
					return
				}
				if ev.State == browser.DownloadProgressStateCompleted {
					done <- ev.GUID
					return
				}
			}
		}()
		select {
		case guid, ok := <-done:
			if !ok {
				t.Fatal("download events ended without a completed download")
			}
			b, err := os.ReadFile(filepath.Join(dir, guid))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(b), strings.Join(publish.WorksHeader, ",")) {
				t.Errorf("downloaded CSV starts %q", truncate(string(b), 120))
			}
		case <-deadline:
			t.Fatal("no download within 30 s")
		}
	})

	if out := log.outside(); len(out) > 0 {
		t.Errorf("pages requested %d URLs outside 127.0.0.1: %v", len(out), out)
	}
	if len(log.urls) < 20 {
		t.Errorf("only %d requests logged; the network listener is not working", len(log.urls))
	}
}

// signIn signs the browser in through the sign-in form.
func signIn(t *testing.T, ctx context.Context, base, name, password string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(base+"/masuk"), chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SendKeys(chromedp.CSS("input[name=name]"), name),
		chromedp.SendKeys(chromedp.CSS("input[name=password]"), password),
		chromedp.Click(chromedp.CSS("#login-submit")), chromedp.WaitVisible(chromedp.CSS("#who")))
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil {
		t.Fatalf("id %q: %v", s, err)
	}
	return id
}

// TestRequestLogOutside: the loopback check flags any other host.
func TestRequestLogOutside(t *testing.T) {
	log := &requestLog{}
	for _, u := range []string{"http://127.0.0.1:5000/", "data:image/png;base64,xx", "https://tile.openstreetmap.org/1/1/1.png", "http://localhost:5000/x", "http://10.0.0.1/"} {
		log.add(u)
	}
	want := []string{"https://tile.openstreetmap.org/1/1/1.png", "http://localhost:5000/x", "http://10.0.0.1/"}
	if got := log.outside(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("outside = %v, want %v", got, want)
	}
}
