package sqlitestore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

func TestVerificationWorkflow(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := sampleRuas("001")
	r.Source = roads.Source{Form: "ruas", User: "ani"}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	if r.Verif.State != roads.Draft {
		t.Errorf("new ruas state %q, want draft", r.Verif.State)
	}
	if err := s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "ani"); !errors.Is(err, roads.ErrForbidden) {
		t.Errorf("producer verifying own edit: err = %v, want ErrForbidden", err)
	}
	if err := s.Return(ctx, roads.EntityRuas, []int64{r.ID}, "wati", " "); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("return without reason: err = %v, want ErrInvalid", err)
	}
	if err := s.Verify(ctx, roads.EntityRuas, []int64{r.ID, 999}, "wati"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("verify unknown id: err = %v, want ErrNotFound", err)
	}
	if got, _ := s.RuasByID(ctx, r.ID); got.Verif.State != roads.Draft {
		t.Errorf("a failed batch verified ruas %d anyway", r.ID)
	}
	if err := s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "wati"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.RuasByID(ctx, r.ID)
	if got.Verif.State != roads.Verified || got.Verif.By != "wati" || got.Verif.At.IsZero() {
		t.Errorf("after verify: %+v", got.Verif)
	}
	date := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaToM: 100, Distress: &roads.Distress{IRI: f(5)}, Source: roads.Source{Form: "survey", User: "ani"}}); err != nil {
		t.Fatal(err)
	}
	net, _ := s.Network(ctx)
	v := net.Verified()
	if len(v.Ruas) != 1 || len(v.Surveys[r.ID]) != 0 || !v.VerifiedOnly {
		t.Errorf("verified network: %d ruas, %d surveys; want 1 ruas, the draft survey left out", len(v.Ruas), len(v.Surveys[r.ID]))
	}
	// Re-importing the same content keeps the verification.
	same := *got
	b := &roads.Batch{Ruas: []*roads.Ruas{&same}}
	b.Prepare()
	if _, err := s.Apply(ctx, b, nil); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.RuasByID(ctx, r.ID); again.Verif.State != roads.Verified {
		t.Errorf("unchanged re-import reset verification to %q", again.Verif.State)
	}
	// An edit makes it a draft again.
	got.WidthM = 9
	got.Source = roads.Source{Form: "ruas", User: "budi"}
	if err := s.UpdateRuas(ctx, got); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.RuasByID(ctx, r.ID); after.Verif.State != roads.Draft {
		t.Errorf("edited ruas state %q, want draft", after.Verif.State)
	}
	if err := s.Return(ctx, roads.EntityRuas, []int64{r.ID}, "wati", "lebar tidak sesuai SK"); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.RuasByID(ctx, r.ID); after.Verif.State != roads.Returned || after.Verif.Note != "lebar tidak sesuai SK" {
		t.Errorf("returned: %+v", after.Verif)
	}
	trail, _ := s.Audit(ctx, roads.AuditFilter{Entity: "ruas", EntityID: r.ID})
	var verifs int
	for _, e := range trail {
		if e.Actor == "wati" && e.Origin == "verifikasi:verified" {
			verifs++
		}
	}
	if verifs != 1 {
		t.Errorf("audit has %d verification entries by wati, want 1: %+v", verifs, trail)
	}
	p, _ := s.Pending(ctx)
	if p[roads.EntityRuas] != 1 || p[roads.EntitySurvey] != 1 {
		t.Errorf("pending %v", p)
	}
}

// TestSnapshotHashFollowsVerification: the hash a plan keeps changes when a
// walidata verifies or returns a record, since published figures and the
// SIPD exports read verified records only, and not when nothing changed.
func TestSnapshotHashFollowsVerification(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := sampleRuas("001")
	r.Source = roads.Source{Form: "ruas", User: "ani"}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	h0, _ := s.SnapshotHash(ctx)
	if again, _ := s.SnapshotHash(ctx); again != h0 {
		t.Fatalf("hash moved without a change: %s → %s", h0, again)
	}
	if err := s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "wati"); err != nil {
		t.Fatal(err)
	}
	h1, _ := s.SnapshotHash(ctx)
	if h1 == h0 {
		t.Error("verifying a ruas left the snapshot hash unchanged")
	}
	if err := s.Return(ctx, roads.EntityRuas, []int64{r.ID}, "wati", "cek lebar"); err != nil {
		t.Fatal(err)
	}
	if h2, _ := s.SnapshotHash(ctx); h2 == h1 || h2 == h0 {
		t.Errorf("returning a ruas gave hash %s (verified %s, draft %s)", h2, h1, h0)
	}
}
