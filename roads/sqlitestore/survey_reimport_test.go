package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestReimportedSurveyKeepsItsRow: a survey whose measurements change on
// re-import keeps its id, goes back to draft, and the trail shows the
// change (before and after, the importer as actor) — no row vanishes
// unrecorded.
func TestReimportedSurveyKeepsItsRow(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := &roads.Ruas{Key: roads.Key{Region: "33.74", No: "001"}, Name: "Jl. A", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal, WidthM: 5, LengthM: 100,
		Source: roads.Source{Form: "test", User: "budi"}}
	iri := func(v float64) *float64 { return &v }
	batch := func(v float64, user string) *roads.Batch {
		return &roads.Batch{Ruas: []*roads.Ruas{r}, Surveys: []*roads.Survey{{Ruas: r.Key, Date: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 100,
			Distress: &roads.Distress{IRI: iri(v)}, Source: roads.Source{File: "iri.csv", Row: 2, User: user}}}}
	}
	apply := func(b *roads.Batch) {
		t.Helper()
		if _, err := b.Prepare(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Apply(ctx, b, nil); err != nil {
			t.Fatal(err)
		}
	}
	first := batch(3.5, "budi")
	apply(first)
	id := first.Surveys[0].ID
	second := batch(9.0, "sari")
	apply(second)
	if second.Surveys[0].ID != id {
		t.Errorf("re-imported survey id %d, want the stored %d", second.Surveys[0].ID, id)
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if vs := net.Surveys[net.Ruas[0].ID]; len(vs) != 1 || *vs[0].Distress.IRI != 9.0 {
		t.Fatalf("surveys after re-import: %d, want one with IRI 9", len(vs))
	}
	trail, err := s.Audit(ctx, roads.AuditFilter{Entity: "survey"})
	if err != nil {
		t.Fatal(err)
	}
	var ins, upd, del int
	for _, e := range trail {
		switch {
		case e.Action == "insert" && e.EntityID == id && e.Actor == "budi":
			ins++
		case e.Action == "update" && e.EntityID == id && e.Actor == "sari":
			upd++
		case e.Action == "delete":
			del++
		}
	}
	if ins != 1 || upd != 1 || del != 0 {
		t.Errorf("survey trail: %d inserts by budi, %d updates by sari, %d deletes; want 1, 1, 0", ins, upd, del)
	}
}
