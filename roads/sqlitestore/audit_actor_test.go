package sqlitestore

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestAuditActorOverVerification: an edit of a verified, and of a returned,
// record of each entity names its editor in the audit trail (it named
// nobody: the edit resets verif_at, and the triggers took the emptied
// verif_by), and the verification itself names the verifier.
func TestAuditActorOverVerification(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	date := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	r := sampleRuas("001")
	r.Source = roads.Source{Form: "ruas", User: "ani"}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	// Each entity: its one record's id, and an edit by the named user.
	edits := map[roads.Entity]func(user string) int64{
		roads.EntityRuas: func(user string) int64 {
			cur, err := s.Ruas(ctx, r.Key)
			if err != nil {
				t.Fatal(err)
			}
			cur.WidthM += 0.5
			cur.Source = roads.Source{Form: "ruas", User: user}
			if err := s.UpdateRuas(ctx, cur); err != nil {
				t.Fatal(err)
			}
			return cur.ID
		},
		roads.EntitySurvey: func(user string) int64 {
			iri := 4.0 + float64(len(user))
			b := &roads.Batch{Surveys: []*roads.Survey{{Ruas: r.Key, Date: date, StaToM: 100, Distress: &roads.Distress{IRI: &iri}, Source: roads.Source{Form: "survey", User: user}}}}
			return applyOne(t, s, b, func() int64 { return b.Surveys[0].ID })
		},
		roads.EntityWorks: func(user string) int64 {
			b := &roads.Batch{Works: []*roads.Works{{Ruas: r.Key, Date: date, Type: roads.Berkala, StaToM: 100, Quantity: 100 * float64(len(user)), Unit: "m2", CostRp: 1e8, Source: roads.Source{Form: "works", User: user}}}}
			return applyOne(t, s, b, func() int64 { return b.Works[0].ID })
		},
		roads.EntityTraffic: func(user string) int64 {
			tr := &roads.Traffic{Ruas: r.Key, Year: 2025, LHR: 1000 * float64(len(user)), Source: roads.Source{Form: "traffic", User: user}}
			if err := s.SetTraffic(ctx, tr); err != nil {
				t.Fatal(err)
			}
			return tr.ID
		},
	}
	for _, e := range []roads.Entity{roads.EntityRuas, roads.EntitySurvey, roads.EntityWorks, roads.EntityTraffic} {
		t.Run(string(e), func(t *testing.T) {
			edit := edits[e]
			id := edit("ani")
			last := func() roads.AuditEntry {
				all, err := s.Audit(ctx, roads.AuditFilter{Entity: string(e), EntityID: id})
				if err != nil || len(all) == 0 {
					t.Fatalf("audit of %s %d: %v", e, id, err)
				}
				return all[len(all)-1]
			}
			if err := s.Verify(ctx, e, []int64{id}, "wati"); err != nil {
				t.Fatal(err)
			}
			if a := last(); a.Actor != "wati" || a.Origin != "verifikasi:verified" {
				t.Errorf("verification audited by %q from %q, want wati, verifikasi:verified", a.Actor, a.Origin)
			}
			id = edit("budi") // a survey edit replaces the row (a new id)
			if a := last(); a.Action == "delete" || a.Actor != "budi" {
				t.Errorf("edit of a verified %s audited as %s by %q, want update by budi", e, a.Action, a.Actor)
			}
			if err := s.Return(ctx, e, []int64{id}, "wati", "periksa lagi"); err != nil {
				t.Fatal(err)
			}
			if a := last(); a.Actor != "wati" || a.Origin != "verifikasi:returned" {
				t.Errorf("return audited by %q from %q, want wati, verifikasi:returned", a.Actor, a.Origin)
			}
			id = edit("citra")
			if a := last(); a.Action == "delete" || a.Actor != "citra" {
				t.Errorf("edit of a returned %s audited as %s by %q, want update by citra", e, a.Action, a.Actor)
			}
		})
	}
	all, _ := s.Audit(ctx, roads.AuditFilter{})
	for _, a := range all {
		if a.Actor == "" {
			t.Errorf("audit %d (%s %s %d from %q) names no actor", a.ID, a.Action, a.Entity, a.EntityID, a.Origin)
		}
	}
}

// applyOne applies a one-record batch and returns the record's id.
func applyOne(t *testing.T, s *Store, b *roads.Batch, id func() int64) int64 {
	t.Helper()
	if _, err := b.Prepare(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(context.Background(), b, nil); err != nil {
		t.Fatal(err)
	}
	return id()
}

// TestAuditTriggersCoverEveryColumn: the insert, update and delete triggers
// of each audited table record every column of the table (a column added
// without recreating the triggers would change unseen). The columns come
// from PRAGMA table_info; the keys from the audit rows a change writes.
func TestAuditTriggersCoverEveryColumn(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	date := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	r := sampleRuas("001")
	r.Source = roads.Source{Form: "ruas", User: "ani"}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaToM: 100, Distress: &roads.Distress{IRI: f(5)}, Source: roads.Source{Form: "survey", User: "ani"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddWorks(ctx, &roads.Works{Ruas: r.Key, Date: date, Type: roads.Berkala, StaToM: 100, Quantity: 600, Unit: "m2", CostRp: 1.2e8, Source: roads.Source{Form: "works", User: "ani"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTraffic(ctx, &roads.Traffic{Ruas: r.Key, Year: 2025, LHR: 4200, Source: roads.Source{Form: "traffic", User: "ani"}}); err != nil {
		t.Fatal(err)
	}
	// Columns computed from recorded ones are left out of the trail: the
	// ruas bounding box (from geom, recorded as geom_wkb_hex) and a survey's
	// derivation text (from its recorded inputs and rule_version).
	derived := map[string]bool{"ruas.min_lon": true, "ruas.min_lat": true, "ruas.max_lon": true, "ruas.max_lat": true, "survey.steps": true}
	// Children first, so deleting the ruas last leaves their own rows.
	for _, table := range []string{"survey", "works", "traffic", "ruas"} {
		t.Run(table, func(t *testing.T) {
			rows, err := s.wdb.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
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
			var id int64
			if err := s.wdb.QueryRowContext(ctx, `SELECT id FROM `+table+` LIMIT 1`).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if _, err := s.wdb.ExecContext(ctx, `UPDATE `+table+` SET source_form = source_form || '*' WHERE id = ?`, id); err != nil {
				t.Fatal(err)
			}
			if _, err := s.wdb.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
				t.Fatal(err)
			}
			trail, err := s.Audit(ctx, roads.AuditFilter{Entity: table, EntityID: id})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, a := range trail {
				for side, raw := range map[string]json.RawMessage{"before": a.Before, "after": a.After} {
					if len(raw) == 0 {
						continue
					}
					seen[a.Action+" "+side] = true
					var m map[string]any
					if err := json.Unmarshal(raw, &m); err != nil {
						t.Fatal(err)
					}
					var missing []string
					for _, c := range cols {
						if derived[table+"."+c] {
							continue
						}
						if _, ok := m[c]; !ok {
							if _, ok := m[c+"_wkb_hex"]; !ok {
								missing = append(missing, c)
							}
						}
					}
					if len(missing) > 0 {
						sort.Strings(missing)
						t.Errorf("%s trigger (%s) of %s does not record %s", a.Action, side, table, strings.Join(missing, ", "))
					}
				}
			}
			for _, want := range []string{"insert after", "update before", "update after", "delete before"} {
				if !seen[want] {
					t.Errorf("no %s image of %s in the trail (%d entries)", want, table, len(trail))
				}
			}
		})
	}
}
