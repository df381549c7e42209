package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner/publish"
)

// TestPlanExports downloads each SIPD / e-Walidata / report file of a
// stored plan from the API and checks it equals what `ruas export` writes
// from the same run (planner/publish), refuses bad kinds and formats, and
// refuses a plan whose data changed unless allow_stale=1.
func TestPlanExports(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	rs := a.seed(t)
	status, b := a.postJSON(t, "POST", "/api/v1/plans", `{"from_year":2027,"years":2,"budgets_rp":[300000000],"user":"perencana"}`)
	if status != 201 {
		t.Fatalf("plan: %d %s", status, truncate(string(b), 300))
	}
	var created struct{ ID int64 }
	json.Unmarshal(b, &created)
	base := fmt.Sprintf("/api/v1/plans/%d/export/", created.ID)

	src := func(allowStale bool) *publish.Source {
		run, err := a.store.PlanRunByID(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		net, err := a.store.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// As `ruas export` reads it: the verified register, and the plan's basis.
		s, err := publish.Load(run, net.Verified(), allowStale)
		if err != nil {
			t.Fatal(err)
		}
		basis, err := a.store.PlanBasisOf(ctx, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		s.PlanPending = basis.Pending
		return s
	}
	u, err := publish.SIPD(src(false), 2027, "", publish.DefaultFunds)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	u.WriteCSV(&want)
	status, got := a.do(t, "GET", base+"sipd?format=csv", "", nil)
	if status != 200 || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("sipd csv: status %d, %d bytes, want the %d bytes `ruas export sipd` writes", status, len(got), want.Len())
	}
	status, got = a.do(t, "GET", base+"sipd", "", nil)
	if f, err := excelize.OpenReader(bytes.NewReader(got)); status != 200 || err != nil {
		t.Errorf("sipd xlsx: status %d, %v", status, err)
	} else {
		f.Close()
	}
	w, err := publish.NewWalidata(src(false), 2026)
	if err != nil {
		t.Fatal(err)
	}
	want.Reset()
	w.WriteJSON(&want)
	status, got = a.do(t, "GET", base+"walidata?format=json", "", nil)
	if status != 200 || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("walidata json (default year = the year before the plan): status %d, differs from `ruas export walidata --year 2026`", status)
	}
	status, got = a.do(t, "GET", base+"report", "", nil)
	if status != 200 || !bytes.HasPrefix(got, []byte("%PDF")) {
		t.Errorf("report: status %d, starts %q", status, truncate(string(got), 8))
	}
	for _, bad := range []string{"sipd?format=pdf", "nope", "sipd?year=abc", "sipd?nomenklatur=2020"} {
		if status, b := a.do(t, "GET", base+bad, "", nil); status != 400 || !bytes.Contains(b, []byte(`"fields"`)) {
			t.Errorf("%s: status %d %s, want 400 with a field message", bad, status, truncate(string(b), 200))
		}
	}

	// A data year the plan has no figures for is the reader's wrong
	// choice, answered with the reason, not a server failure.
	if status, b := a.do(t, "GET", base+"walidata?year=2040&format=json", "", nil); status != 422 || !bytes.Contains(b, []byte("berakhir pada 2028")) {
		t.Errorf("walidata of a year past the plan: status %d %s, want 422 naming the plan's last year", status, truncate(string(b), 200))
	}

	// The register changes after the plan ran: stale.
	r := rs[0]
	r.Notes = "diubah setelah rencana"
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	if status, b := a.do(t, "GET", base+"sipd?format=csv", "", nil); status != 409 {
		t.Errorf("stale plan: status %d %s, want 409", status, truncate(string(b), 200))
	}
	status, got = a.do(t, "GET", base+"sipd?format=csv&allow_stale=1", "", nil)
	if status != 200 || !bytes.Contains(got, []byte(publish.StaleMark)) {
		t.Errorf("allowed stale export: status %d, marked %v", status, bytes.Contains(got, []byte(publish.StaleMark)))
	}
}
