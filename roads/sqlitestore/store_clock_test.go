package sqlitestore

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
)

// TestStoreClock drives the store with a hand-set clock: every time the
// store records comes from it, so expiry and "today" need no sleeping.
func TestStoreClock(t *testing.T) {
	ctx := context.Background()
	cur := time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC) // a day time.Now no longer gives
	s, err := OpenWith(ctx, filepath.Join(t.TempDir(), "c.db"), Options{Now: func() time.Time { return cur }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	same := func(what string, got, want time.Time) {
		t.Helper()
		if !got.Equal(want) {
			t.Errorf("%s = %s, want the clock's %s", what, got, want)
		}
	}

	created := cur
	r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: "001"}, Name: "Jl. Jam", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal, WidthM: 5, LengthM: 1100,
		Geometry: orb.LineString{{110.0, -7.0}, {110.01, -7.0}}, Source: roads.Source{Form: "test", User: "t"}}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Ruas(ctx, r.Key)
	if err != nil {
		t.Fatal(err)
	}
	same("ruas recorded_at", got.Source.At, created)
	same("ruas updated_at", got.UpdatedAt, created)

	cur = cur.Add(26 * time.Hour)
	got.Name = "Jl. Jam Baru"
	if err := s.UpdateRuas(ctx, got); err != nil {
		t.Fatal(err)
	}
	if got, err = s.Ruas(ctx, r.Key); err != nil {
		t.Fatal(err)
	}
	same("ruas updated_at after an edit", got.UpdatedAt, cur)
	same("ruas recorded_at after an edit", got.Source.At, created)

	iri := 4.0
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 100,
		Distress: &roads.Distress{IRI: &iri}, Source: roads.Source{Form: "test"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddWorks(ctx, &roads.Works{Ruas: r.Key, Date: time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC), Type: roads.Rutin, StaFromM: 0, StaToM: 1100,
		Source: roads.Source{Form: "test"}}); err != nil {
		t.Fatal(err)
	}
	cur = cur.Add(time.Hour)
	verifiedAt := cur
	if err := s.Verify(ctx, roads.EntityRuas, []int64{got.ID}, "walidata"); err != nil {
		t.Fatal(err)
	}
	cur = cur.Add(time.Minute)
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same("network read_at", net.ReadAt, cur)
	same("ruas verif_at", net.Ruas[0].Verif.At, verifiedAt)
	same("survey recorded_at", net.Surveys[got.ID][0].Source.At, verifiedAt.Add(-time.Hour))
	same("works recorded_at", net.Works[got.ID][0].Source.At, verifiedAt.Add(-time.Hour))

	a := &roads.Account{Name: "ana", FullName: "Ana", Role: roads.RoleProdusen}
	if err := s.AddAccount(ctx, a, "kata-sandi-panjang-1", "cli"); err != nil {
		t.Fatal(err)
	}
	acc, err := s.Login(ctx, "ana", "salah", "10.0.0.1", roads.DefaultLoginPolicy)
	if err == nil {
		t.Fatalf("wrong password signed in as %v", acc)
	}
	atts, err := s.LoginAttempts(ctx, 10)
	if err != nil || len(atts) != 1 {
		t.Fatalf("attempts %v, %v", atts, err)
	}
	same("sign-in attempt", atts[0].At, cur)

	secret, sess, err := s.CreateSession(ctx, a.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	same("session expiry", sess.ExpiresAt, cur.Add(time.Hour))
	cur = cur.Add(59 * time.Minute)
	if _, err := s.Session(ctx, secret); err != nil {
		t.Errorf("session a minute before its end: %v", err)
	}
	cur = cur.Add(2 * time.Minute)
	if _, err := s.Session(ctx, secret); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("session a minute after its end: %v, want ErrUnauthenticated", err)
	}
}
