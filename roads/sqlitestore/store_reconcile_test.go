package sqlitestore

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestReconciliationLifecycle: a sheet is stored as a draft, agreed once
// with its note, then final (the store and the table refuse a change);
// a draft can be deleted; every change is in the audit trail with who
// made it.
func TestReconciliationLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := &roads.Reconciliation{Year: 2025, File: "bps.csv", Sources: "BPS", RegisterHash: "abc", Sheet: json.RawMessage(`{"baris":[]}`)}
	if err := s.AddReconciliation(ctx, r, "wali"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Reconciliation(ctx, r.ID)
	if err != nil || got.Status != roads.ReconciliationDraft || got.CreatedBy != "wali" || got.File != "bps.csv" || string(got.Sheet) != `{"baris":[]}` {
		t.Fatalf("stored %+v, %v", got, err)
	}
	if err := s.AddReconciliation(ctx, &roads.Reconciliation{Sheet: json.RawMessage(`{`)}, "wali"); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("broken JSON: %v", err)
	}
	if err := s.AgreeReconciliation(ctx, r.ID, json.RawMessage(`{"baris":[1]}`), "Forum Satu Data 3 Maret 2026", "wali2"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Reconciliation(ctx, r.ID)
	if got.Status != roads.ReconciliationAgreed || got.AgreedBy != "wali2" || got.AgreedAt.IsZero() || string(got.Sheet) != `{"baris":[1]}` || got.Note != "Forum Satu Data 3 Maret 2026" {
		t.Errorf("agreed %+v", got)
	}
	if err := s.AgreeReconciliation(ctx, r.ID, json.RawMessage(`{}`), "", "wali"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("agreeing twice: %v", err)
	}
	if err := s.DeleteReconciliation(ctx, r.ID, "wali"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("deleting an agreed sheet: %v", err)
	}
	if _, err := s.wdb.ExecContext(ctx, `UPDATE reconciliation SET note = 'x' WHERE id = ?`, r.ID); err == nil {
		t.Error("the table let an agreed sheet change")
	}
	if err := s.AgreeReconciliation(ctx, 999, json.RawMessage(`{}`), "", "wali"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("agreeing a missing sheet: %v", err)
	}
	d := &roads.Reconciliation{File: "draft.csv", Sheet: json.RawMessage(`{}`)}
	if err := s.AddReconciliation(ctx, d, "wali"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteReconciliation(ctx, d.ID, "wali3"); err != nil {
		t.Fatal(err)
	}
	agreed, err := s.Reconciliations(ctx, true)
	if err != nil || len(agreed) != 1 || agreed[0].ID != r.ID {
		t.Errorf("agreed sheets %+v, %v", agreed, err)
	}

	// The trail: every column in every image, actors as named.
	rows, err := s.wdb.QueryContext(ctx, `SELECT name FROM pragma_table_info('reconciliation')`)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	rows.Close()
	actors := map[string]string{}
	for _, id := range []int64{r.ID, d.ID} {
		trail, err := s.Audit(ctx, roads.AuditFilter{Entity: "reconciliation", EntityID: id})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range trail {
			for side, raw := range map[string]json.RawMessage{"before": a.Before, "after": a.After} {
				if len(raw) == 0 {
					continue
				}
				actors[a.Action+" "+side] = a.Actor
				var m map[string]any
				if err := json.Unmarshal(raw, &m); err != nil {
					t.Fatal(err)
				}
				var missing []string
				for _, c := range cols {
					if _, ok := m[c]; !ok {
						missing = append(missing, c)
					}
				}
				if len(missing) > 0 {
					sort.Strings(missing)
					t.Errorf("%s (%s) does not record %s", a.Action, side, strings.Join(missing, ", "))
				}
			}
		}
	}
	// The draft's update (naming who deletes) and delete are by wali3; the
	// agreement by wali2.
	want := map[string]string{"insert after": "wali", "update after": "wali3", "delete before": "wali3"}
	for k, v := range want {
		if actors[k] != v {
			t.Errorf("%s by %q, want %q (all %v)", k, actors[k], v, actors)
		}
	}
	trail, _ := s.Audit(ctx, roads.AuditFilter{Entity: "reconciliation", EntityID: r.ID, Action: "update"})
	if len(trail) != 1 || trail[0].Actor != "wali2" {
		t.Errorf("agreement trail %+v", trail)
	}
}
