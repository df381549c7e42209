package sqlitestore

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestVerificationBatchAllOrNothing: a batch across entities holding one
// record of the walidata's own is refused whole, naming that record, and
// changes nothing; without it the batch applies.
func TestVerificationBatchAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r1, r2 := sampleRuas("001"), sampleRuas("002")
	r1.Source = roads.Source{Form: "ruas", User: "ani"}
	r2.Source = roads.Source{Form: "ruas", User: "ani"}
	for _, r := range []*roads.Ruas{r1, r2} {
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	w := &roads.Works{Ruas: r1.Key, Date: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Type: roads.Berkala, StaToM: 100, Unit: "m2", Source: roads.Source{Form: "works", User: "wati"}}
	if err := s.AddWorks(ctx, w); err != nil {
		t.Fatal(err)
	}
	batch := []roads.VerifItem{{Entity: roads.EntityRuas, ID: r1.ID}, {Entity: roads.EntityRuas, ID: r2.ID}, {Entity: roads.EntityWorks, ID: w.ID}}
	err := s.SetVerification(ctx, batch, "wati", roads.Verified, "")
	var be *roads.BatchError
	if !errors.As(err, &be) || len(be.Refused) != 1 || be.Refused[0] != (roads.Refusal{Entity: roads.EntityWorks, ID: w.ID, Reason: roads.RefusedOwn}) || !errors.Is(err, roads.ErrForbidden) {
		t.Fatalf("mixed batch: %v, want one own works record refused", err)
	}
	n, _ := s.Network(ctx)
	for _, r := range n.Ruas {
		if r.Verif.State != roads.Draft {
			t.Errorf("ruas %s is %s after a refused batch", r.Key, r.Verif.State)
		}
	}
	if err := s.SetVerification(ctx, batch[:2], "wati", roads.Verified, ""); err != nil {
		t.Fatalf("batch without the own record: %v", err)
	}
}

// TestVerificationRevision: a walidata verifies the revision they read; a
// record edited after that is refused as changed, and Revisions shows the
// fields as last verified beside the current ones.
func TestVerificationRevision(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := sampleRuas("001")
	r.Source = roads.Source{Form: "ruas", User: "ani"}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	revs, err := s.Revisions(ctx, roads.EntityRuas, []int64{r.ID})
	if err != nil {
		t.Fatal(err)
	}
	first := revs[r.ID]
	if first.Seq == 0 || first.Base != nil || len(first.Current) == 0 {
		t.Fatalf("new ruas revision %+v: want a sequence, no base, the current row", first)
	}
	if err := s.SetVerification(ctx, []roads.VerifItem{{Entity: roads.EntityRuas, ID: r.ID, Revision: first.Seq}}, "wati", roads.Verified, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := s.RuasByID(ctx, r.ID)
	got.Name, got.Source = "Jl. Merdeka Baru", roads.Source{Form: "ruas", User: "ani"}
	if err := s.UpdateRuas(ctx, got); err != nil {
		t.Fatal(err)
	}
	revs, _ = s.Revisions(ctx, roads.EntityRuas, []int64{r.ID})
	read := revs[r.ID] // the walidata opens the queue here
	var base, cur map[string]any
	json.Unmarshal(read.Base, &base)
	json.Unmarshal(read.Current, &cur)
	if base["name"] != "Jl. Merdeka" || cur["name"] != "Jl. Merdeka Baru" || base["verif"] != "verified" {
		t.Errorf("revision base name %v (%v), current %v; want the verified and the edited name", base["name"], base["verif"], cur["name"])
	}
	// Someone edits again before the walidata decides.
	got, _ = s.RuasByID(ctx, r.ID)
	got.WidthM, got.Source = 12, roads.Source{Form: "ruas", User: "budi"}
	if err := s.UpdateRuas(ctx, got); err != nil {
		t.Fatal(err)
	}
	err = s.SetVerification(ctx, []roads.VerifItem{{Entity: roads.EntityRuas, ID: r.ID, Revision: read.Seq}}, "wati", roads.Verified, "")
	var be *roads.BatchError
	if !errors.As(err, &be) || be.Refused[0].Reason != roads.RefusedChanged || !errors.Is(err, roads.ErrConflict) {
		t.Fatalf("verifying the revision read before an edit: %v, want refused as changed", err)
	}
	if now, _ := s.RuasByID(ctx, r.ID); now.Verif.State != roads.Draft {
		t.Errorf("the unseen edit was verified: %s", now.Verif.State)
	}
	revs, _ = s.Revisions(ctx, roads.EntityRuas, []int64{r.ID})
	if err := s.SetVerification(ctx, []roads.VerifItem{{Entity: roads.EntityRuas, ID: r.ID, Revision: revs[r.ID].Seq}}, "wati", roads.Verified, ""); err != nil {
		t.Errorf("verifying the current revision: %v", err)
	}
}
