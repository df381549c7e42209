package sqlitestore

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// f is a pointer to v, for optional figures in test literals.
func f(v float64) *float64 { return &v }

func sampleRuas(no string) *roads.Ruas {
	return &roads.Ruas{
		Key: roads.Key{Region: "35.72", No: no}, Name: "Jl. Merdeka", Status: roads.Kota, Fungsi: roads.Kolektor, Surface: roads.Aspal,
		WidthM: 6, LengthM: 1200, KecamatanCode: "35.72.02", Kecamatan: "Sukorejo",
		Geometry: orb.LineString{{112.160, -8.100}, {112.170, -8.100}},
	}
}

func TestStoreRuasCRUD(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := sampleRuas("001")
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	if r.ID == 0 || r.Version != 1 {
		t.Fatalf("after create: id %d version %d", r.ID, r.Version)
	}
	if r.GeomLengthM < 1090 || r.GeomLengthM > 1110 {
		t.Errorf("geodesic length of 0.01° of longitude at 8° S = %g m, want ≈ 1101 m", r.GeomLengthM)
	}
	if err := s.CreateRuas(ctx, sampleRuas("001")); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("duplicate key: err = %v, want ErrConflict", err)
	}
	got, err := s.Ruas(ctx, r.Key)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != r.Name || got.Geometry == nil || got.Version != 1 {
		t.Errorf("read back %+v", got)
	}
	got.WidthM = 7
	if err := s.UpdateRuas(ctx, got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 {
		t.Errorf("version after update = %d, want 2", got.Version)
	}
	// r still holds version 1: stale.
	r.Name = "Jl. Stale"
	err = s.UpdateRuas(ctx, r)
	var ce *roads.ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, roads.ErrConflict) || ce.Current.WidthM != 7 {
		t.Fatalf("stale update: err = %v, want ConflictError showing width 7", err)
	}
	again, _ := s.Ruas(ctx, r.Key)
	if again.Name != "Jl. Merdeka" {
		t.Errorf("stale update was written: name %q", again.Name)
	}
	bad := sampleRuas("002")
	bad.WidthM = -3
	bad.Name = ""
	err = s.CreateRuas(ctx, bad)
	var ve *roads.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 2 {
		t.Errorf("invalid ruas: err = %v, want two field errors", err)
	}
	if n, _ := s.CountRuas(ctx, roads.RuasFilter{}); n != 1 {
		t.Errorf("count = %d, want 1 (invalid ruas must not be stored)", n)
	}
}

// TestConcurrentUpdate runs two writers on the same row version in real
// goroutines on a real file: exactly one wins, the other gets a conflict,
// and the stored row is the winner's.
func TestConcurrentUpdate(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	base := sampleRuas("001")
	if err := s.CreateRuas(ctx, base); err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 20; round++ {
		cur, err := s.Ruas(ctx, base.Key)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		names := []string{"Jl. A", "Jl. B"}
		start := make(chan struct{})
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := *cur
				mine.Name = names[i]
				<-start
				errs[i] = s.UpdateRuas(ctx, &mine)
			}()
		}
		close(start)
		wg.Wait()
		wins := 0
		winner := ""
		for i, err := range errs {
			switch {
			case err == nil:
				wins++
				winner = names[i]
			case !errors.Is(err, roads.ErrConflict):
				t.Fatalf("round %d: unexpected error %v", round, err)
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d writers won, want exactly 1 (errs %v)", round, wins, errs)
		}
		after, _ := s.Ruas(ctx, base.Key)
		if after.Name != winner || after.Version != cur.Version+1 {
			t.Fatalf("round %d: stored %q v%d, want %q v%d", round, after.Name, after.Version, winner, cur.Version+1)
		}
	}
}

func TestSurveyDerivedAndSourced(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := sampleRuas("001")
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	v := &roads.Survey{Ruas: r.Key, Date: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 100,
		Distress: &roads.Distress{CrackAreaPct: f(5), CrackWidthMM: f(4), Potholes: f(1), RutCM: f(2)},
		Source:   roads.Source{Form: "survey", User: "budi"}}
	if err := s.AddSurvey(ctx, v); err != nil {
		t.Fatal(err)
	}
	got, err := s.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if err != nil || len(got) != 1 {
		t.Fatalf("surveys: %v %d", err, len(got))
	}
	g := got[0]
	if g.Assessment.Kondisi != roads.Sedang || *g.Assessment.SDI != 95 || g.Assessment.RuleVersion == "" || g.Metres[1] != 100 {
		t.Errorf("derived %+v metres %v", g.Assessment, g.Metres)
	}
	if g.Source.User != "budi" || g.Source.Form != "survey" || g.Source.At.IsZero() {
		t.Errorf("source %+v", g.Source)
	}
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: roads.Key{Region: "35.72", No: "999"}, Date: v.Date, StaToM: 100, Distress: &roads.Distress{IRI: f(3)}}); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("survey of unknown ruas: %v", err)
	}
}
