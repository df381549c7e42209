package web

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

// TestPlanStalePage: after a walidata verifies records and a producer
// edits one, the plan page says the data changed and counts both kinds of
// change; its export link answers a 409 page (not JSON) that explains it
// and offers re-running and downloading anyway; the file downloaded anyway
// carries the stale mark, as `ruas export --allow-stale` writes it.
func TestPlanStalePage(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	rs := a.seed(t)
	status, b := a.postJSON(t, "POST", "/api/v1/plans", `{"from_year":2027,"years":2,"budgets_rp":[300000000]}`)
	if status != 201 {
		t.Fatalf("plan: %d %s", status, truncate(string(b), 300))
	}
	var created struct{ ID int64 }
	json.Unmarshal(b, &created)
	page := fmt.Sprintf("/rencana/%d", created.ID)
	p := a.as(roads.RolePerencana)

	status, b = p.do(t, "GET", page, "", nil)
	if status != 200 || strings.Contains(string(b), `id="plan-stale"`) {
		t.Fatalf("fresh plan page: %d, stale box shown: %v", status, strings.Contains(string(b), `id="plan-stale"`))
	}

	// Two ruas verified, one edited by its producer.
	if err := a.store.Verify(ctx, roads.EntityRuas, []int64{rs[0].ID, rs[1].ID}, "walidata"); err != nil {
		t.Fatal(err)
	}
	r, err := a.store.RuasByID(ctx, rs[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	r.Name = "Jl. Anggrek Raya"
	r.Source = roads.Source{Form: "test", User: "produsen"}
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}

	status, b = p.do(t, "GET", page, "", nil)
	html := string(b)
	if status != 200 || !strings.Contains(html, `id="plan-stale"`) {
		t.Fatalf("plan page after changes: %d, no stale box", status)
	}
	for _, want := range []string{`<span id="stale-verified">2 catatan diverifikasi`, `<span id="stale-edited">1 catatan ditambah`, `id="rerun-plan"`, `allow_stale=1`, publish.StaleMark} {
		if !strings.Contains(html, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}

	// The export link: a page with the explanation, status 409, not JSON.
	status, b = p.do(t, "GET", page+"/ekspor/sipd?format=csv", "", nil)
	html = string(b)
	if status != 409 || !strings.HasPrefix(html, "<!doctype html>") || !strings.Contains(html, `id="plan-stale"`) {
		t.Fatalf("stale export link: %d %s", status, truncate(html, 200))
	}
	if !strings.Contains(html, `ekspor/sipd?format=csv&amp;allow_stale=1" id="dl-anyway"`) {
		t.Errorf("stale page offers no download-anyway of this file: %s", truncate(html, 2000))
	}
	// The API keeps its JSON 409 for scripts.
	status, b = p.do(t, "GET", fmt.Sprintf("/api/v1/plans/%d/export/sipd?format=csv", created.ID), "", nil)
	if status != 409 || !strings.HasPrefix(string(b), "{") {
		t.Errorf("API stale export: %d %s", status, truncate(string(b), 100))
	}

	// Downloading anyway: the file is marked.
	status, b = p.do(t, "GET", page+"/ekspor/walidata?format=csv&allow_stale=1", "", nil)
	if status != 200 || !strings.Contains(string(b), publish.StaleMark) {
		t.Errorf("download anyway: %d, marked %v", status, strings.Contains(string(b), publish.StaleMark))
	}

	// Re-running with the same inputs gives a plan that is not stale.
	status, b = p.do(t, "POST", "/api/v1/plans", "application/json", strings.NewReader(`{"from_year":2027,"years":2,"budgets_rp":[300000000]}`))
	if status != 201 {
		t.Fatalf("re-run: %d", status)
	}
	json.Unmarshal(b, &created)
	status, b = p.do(t, "GET", fmt.Sprintf("/rencana/%d", created.ID), "", nil)
	if status != 200 || strings.Contains(string(b), `id="plan-stale"`) {
		t.Errorf("re-run plan page: %d, still stale", status)
	}
}
