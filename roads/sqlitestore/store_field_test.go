package sqlitestore

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

func fieldStore(t *testing.T) (*Store, *roads.Ruas) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	r := &roads.Ruas{Key: roads.Key{Region: "33.74", No: "010"}, Name: "Jl. Uji", Surface: roads.Aspal, LengthM: 400}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	return s, r
}

func ip(i int) *int { return &i }

// TestSyncFieldStore: a unit becomes a draft survey whose steps say how
// the RCS classes were recorded; the same client id again stores nothing
// and answers the same survey; another account cannot reuse the id; a
// photo's audit names the device.
func TestSyncFieldStore(t *testing.T) {
	s, r := fieldStore(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	u := &roads.FieldUnit{ClientID: "unit-aaaa-0001", RuasID: r.ID, Date: day, StaFromM: 100, StaToM: 200, Device: "device-0001", Account: "budi",
		Form: roads.FieldForm{CrackArea: ip(2), CrackWidth: ip(3), Potholes: ip(1), Rut: ip(2)}}
	out, err := s.SyncField(ctx, []*roads.FieldUnit{u})
	if err != nil {
		t.Fatal(err)
	}
	// 10–30 % → 20, wide → 40, 1 hole in 100 m = 10/km → +75, rut 1–3 cm → +10.
	if out[0].State != roads.FieldStored || out[0].SDI == nil || *out[0].SDI != 125 || out[0].Kondisi != roads.RusakRingan {
		t.Fatalf("outcome %+v", out[0])
	}
	again, err := s.SyncField(ctx, []*roads.FieldUnit{u})
	if err != nil || !again[0].Repeat || again[0].SurveyID != out[0].SurveyID || *again[0].SDI != 125 {
		t.Fatalf("retry: %+v %v", again, err)
	}
	beyond := *u
	beyond.ClientID, beyond.StaFromM, beyond.StaToM = "unit-aaaa-0002", 400, 500 // the ruas is 400 m
	if o, _ := s.SyncField(ctx, []*roads.FieldUnit{&beyond}); o[0].State != roads.FieldRefused || o[0].Errors[0].Field != "sta_to_m" {
		t.Errorf("a unit past the ruas's end: %+v", o[0])
	}
	other := *u
	other.Account = "sari"
	if o, _ := s.SyncField(ctx, []*roads.FieldUnit{&other}); o[0].State != roads.FieldRefused {
		t.Errorf("another account reusing the id: %+v", o[0])
	}
	vs, _ := s.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if len(vs) != 1 || vs[0].Verif.State != roads.Draft || vs[0].Source.User != "budi" || vs[0].Source.Form != "lapangan:device-0001" ||
		!strings.Contains(vs[0].Assessment.Steps[0], "crack area class 10–30 % recorded as 20 %") {
		t.Fatalf("surveys %+v", vs)
	}
	lat, lon := -7.8, 110.4
	p := &roads.FieldPhoto{ClientID: "photo-aaaa-01", UnitID: u.ClientID, ContentType: "image/png", Data: []byte("\x89PNG..."), Lat: &lat, Lon: &lon, Account: "budi"}
	if created, err := s.AddFieldPhoto(ctx, p); err != nil || !created {
		t.Fatalf("photo: %v %v", created, err)
	}
	if created, err := s.AddFieldPhoto(ctx, p); err != nil || created {
		t.Errorf("photo again: created %v, %v; want not created, no error", created, err)
	}
	p2 := *p
	p2.ClientID, p2.Account = "photo-aaaa-02", "sari"
	if _, err := s.AddFieldPhoto(ctx, &p2); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("photo of another account's unit: %v", err)
	}
	p3 := *p
	p3.ClientID, p3.ContentType = "photo-aaaa-03", "image/gif"
	if _, err := s.AddFieldPhoto(ctx, &p3); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("gif: %v", err)
	}
	a, _ := s.Audit(ctx, roads.AuditFilter{Entity: "photo"})
	if len(a) != 1 || a[0].Origin != "lapangan:device-0001" || a[0].Actor != "budi" || a[0].RuasID != r.ID {
		t.Errorf("photo audit: %+v", a)
	}
}

// TestSyncFieldConflictKnown: a survey the phone knew (id ≤ known) is not
// a conflict, even if dated after the unit; one stored after the phone
// took the ruas is, when dated on or after the unit and overlapping it.
func TestSyncFieldConflictKnown(t *testing.T) {
	s, r := fieldStore(t)
	ctx := context.Background()
	add := func(date time.Time, from, to float64) *roads.Survey {
		v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, StaFromM: from, StaToM: to, Distress: &roads.Distress{IRI: f(6)}, Source: roads.Source{Form: "t", User: "kantor"}}
		if err := s.AddSurvey(ctx, v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	known := add(time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC), 0, 400)
	later := add(time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC), 200, 300)
	unit := func(id string, from float64, day int) *roads.FieldUnit {
		return &roads.FieldUnit{ClientID: id, RuasID: r.ID, Date: time.Date(2026, 11, day, 0, 0, 0, 0, time.UTC), StaFromM: from, StaToM: from + 100,
			KnownSurveyID: known.ID, Device: "device-0002", Account: "budi", Form: roads.FieldForm{CrackArea: ip(0), CrackWidth: ip(0), Potholes: ip(0), Rut: ip(0)}}
	}
	out, err := s.SyncField(ctx, []*roads.FieldUnit{unit("unit-k-000001", 0, 5), unit("unit-k-000002", 200, 11), unit("unit-k-000003", 200, 13), unit("unit-k-000004", 100, 11)})
	if err != nil {
		t.Fatal(err)
	}
	want := []roads.FieldState{roads.FieldStored, roads.FieldConflict, roads.FieldStored, roads.FieldStored}
	for i, o := range out {
		if o.State != want[i] {
			t.Errorf("unit %d: %s, want %s (%+v)", i, o.State, want[i], o)
		}
	}
	if out[1].ConflictWith != later.ID {
		t.Errorf("conflict with %d, want %d", out[1].ConflictWith, later.ID)
	}
	cs, err := s.FieldConflicts(ctx, "budi")
	if err != nil || len(cs) != 1 || cs[0].Server.ID != later.ID || cs[0].Mine == nil || *cs[0].Mine.Assessment.SDI != 0 {
		t.Fatalf("conflicts %+v %v", cs, err)
	}
	if _, err := s.ResolveFieldConflict(ctx, "unit-k-000002", "sari", true); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("another account deciding: %v", err)
	}
	o, err := s.ResolveFieldConflict(ctx, "unit-k-000002", "budi", true)
	if err != nil || o.State != roads.FieldStored || o.SurveyID == 0 {
		t.Fatalf("keep mine: %+v %v", o, err)
	}
}
