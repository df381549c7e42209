package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/quality"
)

func (a *testApp) getPage(t *testing.T, path string) (int, string) {
	t.Helper()
	status, b := a.do(t, "GET", path, "", nil)
	return status, string(b)
}

// TestRuasNumberForm: a number typed with its region is stored without
// it; another region's prefix is refused with a message by the field; the
// number may be corrected while the ruas is a draft and not once verified.
func TestRuasNumberForm(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	p := a.as(roads.RoleProdusen)
	form := func(no string) url.Values {
		return url.Values{"region": {"35.72"}, "no_ruas": {no}, "name": {"Jl. Cempaka"}, "surface": {"aspal"}, "status": {"kota"}, "length_m": {"400"}}
	}
	if status, body := p.postForm(t, "/ruas/baru", form("35.72/901")); status != 303 {
		i := strings.Index(body, "form-errors")
		t.Fatalf("create 35.72/901: %d %s", status, body[max(i, 0):min(len(body), max(i, 0)+600)])
	}
	r, err := a.store.Ruas(ctx, roads.Key{Region: "35.72", No: "901"})
	if err != nil {
		t.Fatalf("35.72/901 typed with its region is not stored as 35.72/901: %v", err)
	}
	if _, err := a.store.Ruas(ctx, roads.Key{Region: "35.72", No: "35.72/901"}); err == nil {
		t.Error("stored the doubled key 35.72/35.72/901")
	}
	status, body := p.postForm(t, "/ruas/baru", form("35.73/902"))
	if status != 422 || !strings.Contains(body, "wilayah register ini 35.72") {
		t.Errorf("another region's prefix: %d, message missing: %s", status, truncate(body, 300))
	}

	// A draft's number may be corrected.
	status, body = p.getPage(t, fmt.Sprintf("/ruas/%d/ubah", r.ID))
	if status != 200 || strings.Contains(body, `id="no-ruas-locked"`) || strings.Contains(body, `name="no_ruas" value="901" readonly`) {
		t.Errorf("draft edit form: %d, number read-only", status)
	}
	edit := form("905")
	edit.Set("version", "1")
	if status, body := p.postForm(t, fmt.Sprintf("/ruas/%d/ubah", r.ID), edit); status != 303 {
		t.Fatalf("renumber draft: %d %s", status, truncate(body, 300))
	}
	if got, _ := a.store.RuasByID(ctx, r.ID); got.Key.No != "905" {
		t.Errorf("after correcting: number %q, want 905", got.Key.No)
	}
	// Verified: the number is settled.
	if err := a.store.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "walidata"); err != nil {
		t.Fatal(err)
	}
	status, body = p.getPage(t, fmt.Sprintf("/ruas/%d/ubah", r.ID))
	if !strings.Contains(body, `id="no-ruas-locked"`) {
		t.Errorf("verified edit form does not lock the number (%d)", status)
	}
	edit = form("906")
	edit.Set("version", "2")
	status, body = p.postForm(t, fmt.Sprintf("/ruas/%d/ubah", r.ID), edit)
	if status != 422 || !strings.Contains(body, "sudah diverifikasi walidata") {
		t.Errorf("renumbering a verified ruas: %d %s", status, truncate(body, 300))
	}
	if got, _ := a.store.RuasByID(ctx, r.ID); got.Key.No != "905" {
		t.Errorf("verified ruas renumbered to %q", got.Key.No)
	}
}

// TestRuasNumber: the reading of a typed number, case by case.
func TestRuasNumber(t *testing.T) {
	for _, c := range []struct {
		region, typed, want string
		ok                  bool
	}{
		{"35.72", "901", "901", true},
		{"35.72", " 35.72/901 ", "901", true},
		{"35.72", "3572/901", "901", true},
		{"35.72", "35.72/35.72/901", "901", true},
		{"35.72", "35.73/901", "35.73/901", false},
		{"", "35.72/901", "35.72/901", false},
	} {
		got, ok := ruasNumber(c.region, c.typed)
		if got != c.want || ok != c.ok {
			t.Errorf("ruasNumber(%q, %q) = %q, %v; want %q, %v", c.region, c.typed, got, ok, c.want, c.ok)
		}
	}
}

// TestRetireRuasPages: a producer retires a ruas with a reason; it leaves
// the list (unless asked for), the map, the dashboard's length and new
// plans, stays on its own page with the retirement shown, and is in its
// audit trail with the producer as actor; reinstating brings it back.
func TestRetireRuasPages(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	rs := a.seed(t)
	p := a.as(roads.RoleProdusen)
	gone := rs[1]
	if status, _ := p.postForm(t, fmt.Sprintf("/ruas/%d/pensiun", gone.ID), url.Values{"version": {"1"}, "reason": {""}}); status != 400 {
		t.Errorf("retire without a reason: %d, want 400", status)
	}
	if status, body := p.postForm(t, fmt.Sprintf("/ruas/%d/pensiun", gone.ID), url.Values{"version": {"1"}, "reason": {"digabung ke 001, SK 7/2026"}}); status != 303 {
		t.Fatalf("retire: %d %s", status, truncate(body, 300))
	}
	_, body := p.do(t, "GET", "/ruas", "", nil)
	if strings.Contains(string(body), gone.Name) || !strings.Contains(string(body), rs[0].Name) {
		t.Error("the list still shows the retired ruas (or lost the others)")
	}
	_, body = p.do(t, "GET", "/ruas?pensiun=1", "", nil)
	if !strings.Contains(string(body), gone.Name) || !strings.Contains(string(body), `class="badge retired"`) {
		t.Error("the list with the retired ones does not show it marked")
	}
	_, body = p.do(t, "GET", fmt.Sprintf("/ruas/%d", gone.ID), "", nil)
	if !strings.Contains(string(body), `id="ruas-retired"`) || !strings.Contains(string(body), "digabung ke 001, SK 7/2026") {
		t.Error("the retired ruas's page does not say it is retired and why")
	}
	var m struct {
		Features []struct {
			Properties struct{ Key string } `json:"properties"`
		} `json:"features"`
	}
	a.getJSON(t, "/api/v1/map?bbox=112,-9,113,-8&zoom=14", &m)
	for _, f := range m.Features {
		if f.Properties.Key == gone.Key.String() {
			t.Error("the map still draws the retired ruas")
		}
	}
	if len(m.Features) != 2 {
		t.Errorf("map has %d features, want the 2 standing ruas", len(m.Features))
	}
	var sum struct {
		LengthKm float64 `json:"length_km"`
	}
	a.getJSON(t, "/api/v1/summary", &sum)
	audit, err := a.store.Audit(ctx, roads.AuditFilter{RuasID: gone.ID})
	if err != nil {
		t.Fatal(err)
	}
	if last := audit[len(audit)-1]; last.Action != "retire" || last.Actor != "produsen" {
		t.Errorf("last audit row %+v, want the retirement by produsen", last)
	}
	status, b := a.postJSON(t, "POST", "/api/v1/plans", `{"from_year":2027,"years":1,"budgets_rp":[300000000]}`)
	if status != 201 || strings.Contains(string(b), gone.Key.String()) {
		t.Errorf("plan after retiring: %d, mentions the retired ruas: %v", status, strings.Contains(string(b), gone.Key.String()))
	}
	if status, _ := p.postForm(t, fmt.Sprintf("/ruas/%d/aktifkan", gone.ID), url.Values{}); status != 303 {
		t.Errorf("reinstate: %d", status)
	}
	_, body = p.do(t, "GET", "/ruas", "", nil)
	if !strings.Contains(string(body), gone.Name) {
		t.Error("the reinstated ruas is not back in the list")
	}
}

// TestMapZoomClamped: past the deepest zoom the map answers as at that
// zoom (the same features, the same geometry) instead of 400, so a map
// zoomed in too far does not go blank.
func TestMapZoomClamped(t *testing.T) {
	a := newTestApp(t)
	a.seed(t)
	status, want := a.do(t, "GET", fmt.Sprintf("/api/v1/map?bbox=112.1,-8.2,112.2,-8.0&zoom=%d", maxZoom), "", nil)
	if status != 200 {
		t.Fatalf("zoom %d: %d", maxZoom, status)
	}
	for _, z := range []int{maxZoom + 1, 30} {
		status, got := a.do(t, "GET", fmt.Sprintf("/api/v1/map?bbox=112.1,-8.2,112.2,-8.0&zoom=%d", z), "", nil)
		if status != 200 || string(got) != string(want) {
			t.Errorf("zoom %d: %d, %d bytes; want 200 and the %d bytes of zoom %d", z, status, len(got), len(want), maxZoom)
		}
	}
}

// TestPassShare: a non-zero failure count never shows as 100 %.
func TestPassShare(t *testing.T) {
	for _, c := range []struct {
		passed, checked int
		want            string
	}{
		{100000 - 16, 100000, "99,9 %"},
		{99999, 100000, "99,9 %"},
		{100, 100, "100,0 %"},
		{2, 3, "66,6 %"}, // floored, not rounded to 66,7
		{0, 5, "0,0 %"},
	} {
		got := qualityPage{Base: Base{L: Locale{Lang: ID}}}.Passed(quality.Score{Passed: c.passed, Checked: c.checked, Percent: float64(c.passed) / float64(c.checked) * 100})
		if got != c.want {
			t.Errorf("%d of %d passed: %q, want %q", c.passed, c.checked, got, c.want)
		}
	}
}

// TestRuasConditionShares: a ruas 48 % Baik, 30 % Rusak Ringan and 22 %
// Rusak Berat is shown with its kemantapan (48 %) and each class's share,
// and "Baik" only as the class with the most length with its share, not
// as one big class word.
func TestRuasConditionShares(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "077"}, Name: "Jl. Campuran", Surface: roads.Aspal, LengthM: 1000}
	if err := a.store.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, u := range []struct{ from, to, iri float64 }{{0, 480, 3}, {480, 780, 10}, {780, 1000, 13}} {
		v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: day, StaFromM: u.from, StaToM: u.to, Distress: &roads.Distress{IRI: fp(u.iri)},
			Source: roads.Source{Form: "test", User: "uji"}}
		if err := a.store.AddSurvey(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	_, body := a.as(roads.RoleProdusen).getPage(t, fmt.Sprintf("/ruas/%d", r.ID))
	if strings.Contains(body, `class="big" id="ruas-kondisi"`) {
		t.Error("the page still shows one big class word")
	}
	i := strings.Index(body, `id="ruas-shares"`)
	if i < 0 {
		t.Fatal("no table of class shares")
	}
	shares := body[i:min(len(body), i+1500)]
	for _, want := range []string{"Kemantapan 48,0 %", "48,0 %", "30,0 %", "22,0 %"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if !strings.Contains(shares, "Kelas terpanjang") || !strings.Contains(shares, "Baik</span> (48,0 %") {
		t.Errorf("the longest class is not labelled with its share: %s", truncate(shares, 800))
	}
}
