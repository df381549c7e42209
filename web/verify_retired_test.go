package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestVerifyQueueLeavesOutRetiredRuas: a retired ruas and its draft
// surveys, works and traffic leave the walidata's queue (page and API);
// reinstated, they are back.
func TestVerifyQueueLeavesOutRetiredRuas(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	rs := a.seed(t)
	gone := rs[1]
	src := roads.Source{Form: "test", User: "uji"}
	if err := a.store.AddWorks(ctx, &roads.Works{RuasID: gone.ID, Ruas: gone.Key, Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC),
		Type: roads.Rutin, StaFromM: 0, StaToM: 300, Quantity: 0.3, Unit: "km", CostRp: 5e6, Source: src}); err != nil {
		t.Fatal(err)
	}
	if err := a.store.SetTraffic(ctx, &roads.Traffic{RuasID: gone.ID, Ruas: gone.Key, Year: 2025, LHR: 1200, Source: src}); err != nil {
		t.Fatal(err)
	}
	w := a.as(roads.RoleWalidata)
	queued := func() map[roads.Entity]int {
		var doc verifyIndexDoc
		if status := w.getJSON(t, "/api/v1/verification", &doc); status != 200 {
			t.Fatalf("queue: %d", status)
		}
		n := map[roads.Entity]int{}
		for _, it := range doc.Items {
			if it.RuasID == gone.ID {
				n[it.Entity] += len(it.IDs)
			}
		}
		return n
	}
	// Before retiring, every entity of the ruas waits (1 ruas, 3 survey
	// units, 1 works, 1 traffic count), so the check below can fail.
	want := map[roads.Entity]int{roads.EntityRuas: 1, roads.EntitySurvey: 3, roads.EntityWorks: 1, roads.EntityTraffic: 1}
	if got := queued(); !equalCounts(got, want) {
		t.Fatalf("before retiring: queued %v, want %v", got, want)
	}
	if err := a.store.RetireRuas(ctx, gone.ID, gone.Version, "admin", "SK penghapusan ruas"); err != nil {
		t.Fatal(err)
	}
	if got := queued(); len(got) != 0 {
		t.Errorf("retired ruas still queued: %v", got)
	}
	// Nor can its records be verified by id through the API.
	units, err := a.store.Surveys(ctx, roads.SurveyFilter{RuasID: gone.ID})
	if err != nil || len(units) != 3 {
		t.Fatalf("surveys of the retired ruas: %v %d", err, len(units))
	}
	body := fmt.Sprintf(`{"entity":"survey","ids":[%d],"action":"verify"}`, units[0].ID)
	if status, b := w.postJSON(t, "POST", "/api/v1/verification", body); status != 409 {
		t.Errorf("verifying a retired ruas's survey: %d %s, want 409", status, b)
	}
	if status, b := w.postJSON(t, "POST", "/api/v1/verification", fmt.Sprintf(`{"entity":"ruas","ids":[%d],"action":"verify"}`, gone.ID)); status != 409 {
		t.Errorf("verifying a retired ruas: %d %s, want 409", status, b)
	}
	if _, page := w.getPage(t, "/verifikasi"); strings.Contains(page, gone.Name) || !strings.Contains(page, rs[0].Name) {
		t.Errorf("verification page: retired %q shown %v, active %q shown %v", gone.Name, strings.Contains(page, gone.Name), rs[0].Name, strings.Contains(page, rs[0].Name))
	}
	if err := a.store.ReinstateRuas(ctx, gone.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	if got := queued(); !equalCounts(got, want) {
		t.Errorf("reinstated: queued %v, want %v", got, want)
	}
}

func equalCounts(a, b map[roads.Entity]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
