package sqlitestore

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestAuditEveryMutationPath changes data through every store path and
// finds an audit entry for each, with before and after.
func TestAuditEveryMutationPath(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := sampleRuas("001")
	r.Source = roads.Source{Form: "ruas", User: "ani"}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	r.WidthM = 7.5
	r.Source = roads.Source{Form: "ruas", User: "budi"}
	if err := s.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	date := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaToM: 100, Distress: &roads.Distress{IRI: f(5)}, Source: roads.Source{Form: "survey", User: "citra"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddWorks(ctx, &roads.Works{Ruas: r.Key, Date: date, Type: roads.Berkala, StaToM: 100, Quantity: 600, Unit: "m2", CostRp: 1.2e8, Source: roads.Source{Form: "works", User: "dedi"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTraffic(ctx, &roads.Traffic{Ruas: r.Key, Year: 2025, LHR: 4200, Source: roads.Source{Form: "traffic", User: "eko"}}); err != nil {
		t.Fatal(err)
	}
	b := &roads.Batch{Ruas: []*roads.Ruas{sampleRuas("002")}}
	b.Ruas[0].Source = roads.Source{File: "jalan.csv", Row: 7}
	if _, err := b.Prepare(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, b, nil); err != nil {
		t.Fatal(err)
	}
	imported := b.Ruas[0]
	if err := s.DeleteRuas(ctx, imported.ID, imported.Version); err != nil {
		t.Fatal(err)
	}

	all, err := s.Audit(ctx, roads.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ action, entity, actor, origin string }
	wants := []want{
		{"insert", "ruas", "ani", "ruas"},
		{"update", "ruas", "budi", "ruas"},
		{"insert", "survey", "citra", "survey"},
		{"insert", "works", "dedi", "works"},
		{"insert", "traffic", "eko", "traffic"},
		{"insert", "ruas", "", "jalan.csv:7"},
		{"delete", "ruas", "", "jalan.csv:7"},
	}
	if len(all) != len(wants) {
		t.Fatalf("%d audit entries, want %d: %+v", len(all), len(wants), all)
	}
	for i, w := range wants {
		e := all[i]
		if e.Action != w.action || e.Entity != w.entity || e.Actor != w.actor || e.Origin != w.origin {
			t.Errorf("entry %d = %s %s by %q from %q, want %+v", i, e.Action, e.Entity, e.Actor, e.Origin, w)
		}
	}
	var before, after struct {
		Width float64 `json:"width_m"`
	}
	if err := json.Unmarshal(all[1].Before, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(all[1].After, &after); err != nil {
		t.Fatal(err)
	}
	if before.Width != 6 || after.Width != 7.5 {
		t.Errorf("update entry width before %g after %g, want 6 → 7.5", before.Width, after.Width)
	}
	ruasTrail, _ := s.Audit(ctx, roads.AuditFilter{RuasID: r.ID})
	if len(ruasTrail) != 5 {
		t.Errorf("trail of ruas %s has %d entries, want 5", r.Key, len(ruasTrail))
	}
	// The trail cannot be rewritten.
	if _, err := s.wdb.ExecContext(ctx, `UPDATE audit SET actor = 'x'`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("updating the audit trail: err = %v, want refusal", err)
	}
	var sb strings.Builder
	if err := s.WriteAuditCSV(ctx, &sb, roads.AuditFilter{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(sb.String(), "\n"); got < len(wants)+1 {
		t.Errorf("audit CSV has %d lines, want ≥ %d", got, len(wants)+1)
	}
}
