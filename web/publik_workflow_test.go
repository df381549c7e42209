package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// TestPublicDownloadWithoutProgramme: before a programme is adopted the
// open-data link answers a page that says why and offers the verified
// network, whose files hold the verified ruas only.
func TestPublicDownloadWithoutProgramme(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	rs := a.seed(t)
	if err := a.store.Verify(ctx, roads.EntityRuas, []int64{rs[0].ID, rs[2].ID}, "walidata"); err != nil {
		t.Fatal(err)
	}
	pub := a.anonymous()
	status, body := pub.getPage(t, "/publik/unduh/satudata.zip")
	if status != 404 || !strings.HasPrefix(body, "<!doctype html>") || !strings.Contains(body, `id="no-programme"`) || !strings.Contains(body, `href="/publik/unduh/jaringan.geojson"`) {
		t.Fatalf("no programme: %d %s", status, truncate(body, 300))
	}
	status, b := pub.do(t, "GET", "/publik/unduh/jaringan.geojson", "", nil)
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if status != 200 || json.Unmarshal(b, &fc) != nil {
		t.Fatalf("network geojson: %d %s", status, truncate(string(b), 200))
	}
	if len(fc.Features) != 2 {
		t.Errorf("public network has %d ruas, want the 2 verified", len(fc.Features))
	}
	if strings.Contains(string(b), rs[1].Name) {
		t.Error("the unverified ruas is in the public network file")
	}
	status, b = pub.do(t, "GET", "/publik/unduh/jaringan.csv", "", nil)
	if status != 200 || strings.Count(strings.TrimSpace(string(b)), "\n") != 2 {
		t.Errorf("network csv: %d, %d lines", status, strings.Count(string(b), "\n"))
	}
	if status, _ := pub.getPage(t, "/publik/unduh/lain.txt"); status != 404 {
		t.Errorf("unknown file: %d", status)
	}
}

// TestProgrammeWorksFilter: the public programme's works list is searched,
// filtered and paged; counts come from the test's own tally of the works.
func TestProgrammeWorksFilter(t *testing.T) {
	res := &planner.Result{}
	type tally struct{ all, y2027, kec2, q7 int }
	var want tally
	for y := 2027; y <= 2028; y++ {
		yr := planner.YearResult{Year: y}
		for i := 0; i < 70; i++ {
			kec := fmt.Sprintf("35.72.0%d", 1+i%3)
			w := planner.Work{Year: y, RuasKey: fmt.Sprintf("35.72/%03d", i), RuasName: fmt.Sprintf("Jl. Nomor %d", i), KecamatanCode: kec,
				Kecamatan: "Kec " + kec, Treatment: []string{"rutin", "berkala"}[i%2], TreatmentLabel: []string{"Rutin", "Berkala"}[i%2]}
			yr.Works = append(yr.Works, w)
			want.all++
			if y == 2027 {
				want.y2027++
			}
			if kec == "35.72.02" && y == 2028 {
				want.kec2++
			}
			if strings.Contains(w.RuasName, "Nomor 7") {
				want.q7++
			}
		}
		res.Plan = append(res.Plan, yr)
	}
	run := func(query string) *programmePage {
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequest("GET", "/publik/program?"+query, nil)
		p := &programmePage{Result: res}
		if err := p.filterWorks(c, Locale{Lang: ID}); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return p
	}
	if p := run(""); p.Matched != want.all || len(p.Works) != programmePageSize || p.Pages != (want.all+programmePageSize-1)/programmePageSize || p.NextURL == "" || p.PrevURL != "" {
		t.Errorf("all: matched %d of %d, %d rows, %d pages", p.Matched, p.All, len(p.Works), p.Pages)
	}
	if p := run("year=2027"); p.Matched != want.y2027 {
		t.Errorf("year 2027: %d, want %d", p.Matched, want.y2027)
	}
	if p := run("year=2028&kecamatan=35.72.02"); p.Matched != want.kec2 {
		t.Errorf("2028 in 35.72.02: %d, want %d", p.Matched, want.kec2)
	}
	if p := run("q=nomor+7"); p.Matched != want.q7 {
		t.Errorf("search nomor 7: %d, want %d", p.Matched, want.q7)
	}
	last := run("page=3")
	if len(last.Works) != want.all-2*programmePageSize || last.NextURL != "" || !strings.Contains(last.PrevURL, "page=2") {
		t.Errorf("page 3: %d rows, next %q prev %q", len(last.Works), last.NextURL, last.PrevURL)
	}
	if p := run("page=99"); p.Page != p.Pages {
		t.Errorf("page past the end shows page %d of %d", p.Page, p.Pages)
	}
}
