package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestRetireRuas: a retired ruas leaves the network (and its surveys with
// it), the list (unless asked for) and the snapshot hash moves; it stays
// readable by id, in the audit trail with its retirer as actor; a stale
// version, an empty reason or a second retirement are refused; and
// reinstating brings back the network and the hash exactly as before.
func TestRetireRuas(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	iri5 := 5.0
	keep, gone := sampleRuas("001"), sampleRuas("002")
	for _, r := range []*roads.Ruas{keep, gone} {
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
		v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 100,
			Distress: &roads.Distress{IRI: &iri5}, Source: roads.Source{Form: "test", User: "uji"}}
		if err := s.AddSurvey(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	before, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RetireRuas(ctx, gone.ID, gone.Version+1, "produsen", "digabung ke 001"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("stale version: %v, want a conflict", err)
	}
	if err := s.RetireRuas(ctx, gone.ID, gone.Version, "produsen", "  "); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("empty reason: %v, want ErrInvalid", err)
	}
	if err := s.RetireRuas(ctx, gone.ID, gone.Version, "produsen", "digabung ke 001 (SK 12/2026)"); err != nil {
		t.Fatal(err)
	}
	if err := s.RetireRuas(ctx, gone.ID, gone.Version, "produsen", "lagi"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("second retirement: %v, want a conflict", err)
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Ruas) != 1 || net.Ruas[0].ID != keep.ID || len(net.Surveys[gone.ID]) != 0 || len(net.Surveys[keep.ID]) != 1 {
		t.Errorf("network after retiring: %d ruas, %d surveys of the retired one", len(net.Ruas), len(net.Surveys[gone.ID]))
	}
	if net.Hash == before.Hash {
		t.Error("retiring left the snapshot hash unchanged: plans would not know")
	}
	if list, _ := s.ListRuas(ctx, roads.RuasFilter{}); len(list) != 1 {
		t.Errorf("list shows %d ruas, want 1", len(list))
	}
	if n, _ := s.CountRuas(ctx, roads.RuasFilter{Retired: true}); n != 2 {
		t.Errorf("list with the retired counts %d, want 2", n)
	}
	if r, err := s.RuasByID(ctx, gone.ID); err != nil || r.Key.No != "002" {
		t.Errorf("retired ruas by id: %v %v", r, err)
	}
	ret, err := s.Retirements(ctx)
	if err != nil || ret[gone.ID].By != "produsen" || ret[gone.ID].Reason != "digabung ke 001 (SK 12/2026)" {
		t.Errorf("retirements %v %v", ret, err)
	}
	audit, err := s.Audit(ctx, roads.AuditFilter{RuasID: gone.ID})
	if err != nil {
		t.Fatal(err)
	}
	last := audit[len(audit)-1]
	if last.Action != "retire" || last.Actor != "produsen" || last.Entity != "ruas" {
		t.Errorf("last audit row %+v, want a retirement by produsen", last)
	}

	if err := s.ReinstateRuas(ctx, gone.ID, "walidata"); err != nil {
		t.Fatal(err)
	}
	if err := s.ReinstateRuas(ctx, gone.ID, "walidata"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("reinstating a standing ruas: %v, want ErrNotFound", err)
	}
	after, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Ruas) != 2 || after.Hash != before.Hash {
		t.Errorf("after reinstating: %d ruas, hash %s, want 2 and %s", len(after.Ruas), after.Hash, before.Hash)
	}
	audit, _ = s.Audit(ctx, roads.AuditFilter{RuasID: gone.ID})
	if last := audit[len(audit)-1]; last.Action != "reinstate" || last.Actor != "walidata" {
		t.Errorf("last audit row %+v, want a reinstatement by walidata", last)
	}
	// The retirement record itself cannot be rewritten.
	err = s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE ruas_retired SET reason = 'lain' WHERE ruas_id = ?`, gone.ID)
		return err
	})
	if err == nil {
		t.Error("a recorded retirement was rewritten")
	}
}
