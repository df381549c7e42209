package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// reconciliationColumns are the columns of a stored sheet, each of which
// every audit image must record.
var reconciliationColumns = []string{"id", "year", "file", "sources", "register_hash", "sheet", "status", "note",
	"created_by", "created_at", "agreed_by", "agreed_at", "updated_by"}

// testReconciliation: a sheet is stored as a draft, agreed once with its
// note, then final (the store refuses, and so does the table to someone
// writing SQL); a draft can be deleted; every change is in the audit trail
// with every column and who made it.
func testReconciliation(t *testing.T, open Opener) {
	ctx := context.Background()
	day := time.Date(2026, 3, 3, 9, 30, 0, 0, time.UTC)
	s := open(t, func() time.Time { return day })
	r := &roads.Reconciliation{Year: 2025, File: "bps.csv", Sources: "BPS", RegisterHash: "abc", Sheet: json.RawMessage(`{"baris":[]}`)}
	must(t, s.AddReconciliation(ctx, r, "wali"))
	got, err := s.Reconciliation(ctx, r.ID)
	if err != nil || got.Status != roads.ReconciliationDraft || got.CreatedBy != "wali" || got.File != "bps.csv" || got.Year != 2025 ||
		got.Sources != "BPS" || got.RegisterHash != "abc" || string(got.Sheet) != `{"baris":[]}` || !got.CreatedAt.Equal(day) || !got.AgreedAt.IsZero() {
		t.Fatalf("stored %+v, %v", got, err)
	}
	if err := s.AddReconciliation(ctx, &roads.Reconciliation{Sheet: json.RawMessage(`{`)}, "wali"); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("broken JSON: %v", err)
	}
	if err := s.AddReconciliation(ctx, &roads.Reconciliation{Sheet: json.RawMessage(`{}`)}, ""); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("no author: %v", err)
	}
	must(t, s.AgreeReconciliation(ctx, r.ID, json.RawMessage(`{"baris":[1]}`), "  Forum Satu Data 3 Maret 2026 ", "wali2"))
	got, _ = s.Reconciliation(ctx, r.ID)
	if got.Status != roads.ReconciliationAgreed || got.AgreedBy != "wali2" || !got.AgreedAt.Equal(day) || string(got.Sheet) != `{"baris":[1]}` || got.Note != "Forum Satu Data 3 Maret 2026" {
		t.Errorf("agreed %+v", got)
	}
	if err := s.AgreeReconciliation(ctx, r.ID, json.RawMessage(`{}`), "", "wali"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("agreeing twice: %v", err)
	}
	if err := s.DeleteReconciliation(ctx, r.ID, "wali"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("deleting an agreed sheet: %v", err)
	}
	if err := s.RawExec(ctx, `UPDATE reconciliation SET note = 'x' WHERE id = ?`, r.ID); err == nil {
		t.Error("the table let an agreed sheet change")
	}
	if err := s.RawExec(ctx, `DELETE FROM reconciliation WHERE id = ?`, r.ID); err == nil {
		t.Error("the table let an agreed sheet go")
	}
	if err := s.AgreeReconciliation(ctx, 999, json.RawMessage(`{}`), "", "wali"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("agreeing a missing sheet: %v", err)
	}
	if _, err := s.Reconciliation(ctx, 999); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("a missing sheet: %v", err)
	}
	d := &roads.Reconciliation{File: "draft.csv", Sheet: json.RawMessage(`{}`)}
	must(t, s.AddReconciliation(ctx, d, "wali"))
	all, err := s.Reconciliations(ctx, false)
	if err != nil || len(all) != 2 || all[0].ID != d.ID || all[1].ID != r.ID {
		t.Errorf("all sheets, newest first: %+v, %v", all, err)
	}
	must(t, s.DeleteReconciliation(ctx, d.ID, "wali3"))
	agreed, err := s.Reconciliations(ctx, true)
	if err != nil || len(agreed) != 1 || agreed[0].ID != r.ID {
		t.Errorf("agreed sheets %+v, %v", agreed, err)
	}

	actors := map[string]string{}
	for _, id := range []int64{r.ID, d.ID} {
		trail, err := s.Audit(ctx, roads.AuditFilter{Entity: "reconciliation", EntityID: id})
		must(t, err)
		for _, a := range trail {
			if a.Origin != "reconciliation:bps.csv" && a.Origin != "reconciliation:draft.csv" {
				t.Errorf("%s origin %q", a.Action, a.Origin)
			}
			for side, raw := range map[string]json.RawMessage{"before": a.Before, "after": a.After} {
				if len(raw) == 0 {
					continue
				}
				actors[a.Action+" "+side] = a.Actor
				var m map[string]any
				must(t, json.Unmarshal(raw, &m))
				var missing []string
				for _, c := range reconciliationColumns {
					if _, ok := m[c]; !ok {
						missing = append(missing, c)
					}
				}
				if len(missing) > 0 {
					sort.Strings(missing)
					t.Errorf("%s (%s) does not record %s", a.Action, side, strings.Join(missing, ", "))
				}
				if m["created_at"] != "2026-03-03T09:30:00Z" {
					t.Errorf("%s (%s) created_at %v", a.Action, side, m["created_at"])
				}
			}
		}
	}
	want := map[string]string{"insert after": "wali", "update after": "wali3", "delete before": "wali3"}
	for k, v := range want {
		if actors[k] != v {
			t.Errorf("%s by %q, want %q (all %v)", k, actors[k], v, actors)
		}
	}
	trail, _ := s.Audit(ctx, roads.AuditFilter{Entity: "reconciliation", EntityID: r.ID, Action: "update"})
	if len(trail) != 1 || trail[0].Actor != "wali2" {
		t.Fatalf("agreement trail %+v", trail)
	}
	var after map[string]any
	must(t, json.Unmarshal(trail[0].After, &after))
	if after["status"] != "agreed" || after["agreed_at"] != "2026-03-03T09:30:00Z" || after["sheet"] != `{"baris":[1]}` {
		t.Errorf("agreement recorded as %v", after)
	}
}

func ip(i int) *int { return &i }

// fieldRuas stores a 400 m ruas for the field tests.
func fieldRuas(t *testing.T, s Store) *roads.Ruas {
	t.Helper()
	r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: "010"}, Name: "Jl. Uji", Status: roads.Kota, Surface: roads.Aspal, LengthM: 400}
	must(t, s.CreateRuas(context.Background(), r))
	return r
}

// testFieldSync: a unit becomes a draft survey; the same client id again
// stores nothing and answers the same survey; a unit past the ruas's end
// and another account reusing an id are refused; a photo is stored once,
// its bytes read back, listed under its survey, and audited naming the
// device.
func testFieldSync(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t, nil)
	r := fieldRuas(t, s)
	day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	u := &roads.FieldUnit{ClientID: "unit-aaaa-0001", RuasID: r.ID, Date: day, StaFromM: 100, StaToM: 200, Device: "device-0001", Account: "budi",
		Form: roads.FieldForm{CrackArea: ip(2), CrackWidth: ip(3), Potholes: ip(1), Rut: ip(2)}}
	out, err := s.SyncField(ctx, []*roads.FieldUnit{u})
	must(t, err)
	// Bina Marga SDI: crack area 10–30 % → 20, wide cracks (> 3 mm) ×2 →
	// 40, 1 hole in 100 m = 10 per km → +75, rut 1–3 cm → +10: 125.
	if out[0].State != roads.FieldStored || out[0].SDI == nil || *out[0].SDI != 125 || out[0].Kondisi != roads.RusakRingan {
		t.Fatalf("outcome %+v", out[0])
	}
	again, err := s.SyncField(ctx, []*roads.FieldUnit{u})
	if err != nil || !again[0].Repeat || again[0].SurveyID != out[0].SurveyID || again[0].SDI == nil || *again[0].SDI != 125 {
		t.Fatalf("retry: %+v %v", again, err)
	}
	beyond := *u
	beyond.ClientID, beyond.StaFromM, beyond.StaToM = "unit-aaaa-0002", 400, 500
	if o, _ := s.SyncField(ctx, []*roads.FieldUnit{&beyond}); o[0].State != roads.FieldRefused || len(o[0].Errors) == 0 || o[0].Errors[0].Field != "sta_to_m" {
		t.Errorf("a unit past the ruas's end: %+v", o[0])
	}
	other := *u
	other.Account = "sari"
	if o, _ := s.SyncField(ctx, []*roads.FieldUnit{&other}); o[0].State != roads.FieldRefused {
		t.Errorf("another account reusing the id: %+v", o[0])
	}
	vs, _ := s.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if len(vs) != 1 || vs[0].Verif.State != roads.Draft || vs[0].Source.User != "budi" || vs[0].Source.Form != "lapangan:device-0001" ||
		len(vs[0].Assessment.Steps) == 0 || !strings.Contains(vs[0].Assessment.Steps[0], "crack area class 10–30 % recorded as 20 %") {
		t.Fatalf("surveys %+v", vs)
	}
	newest, err := s.FieldNewestSurveys(ctx)
	if err != nil || newest[r.ID] != vs[0].ID {
		t.Errorf("newest surveys %v, %v; want %d", newest, err, vs[0].ID)
	}
	forms, err := s.FieldForms(ctx, []int64{vs[0].ID})
	if err != nil || forms[vs[0].ID].CrackArea == nil || *forms[vs[0].ID].CrackArea != 2 || *forms[vs[0].ID].Rut != 2 {
		t.Errorf("forms %+v, %v", forms, err)
	}

	lat, lon := -7.8, 110.4
	taken := time.Date(2026, 11, 2, 8, 15, 0, 0, time.UTC)
	data := []byte("\x89PNG\r\n\x1a\n\x00\xffbytes")
	p := &roads.FieldPhoto{ClientID: "photo-aaaa-01", UnitID: u.ClientID, ContentType: "image/png", Data: data, Width: 4, Height: 3,
		Lat: &lat, Lon: &lon, TakenAt: taken, Account: "budi"}
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
	back, err := s.FieldPhotoData(ctx, p.ClientID)
	if err != nil || !bytes.Equal(back.Data, data) || back.SurveyID != vs[0].ID || back.RuasID != r.ID || back.Lat == nil || *back.Lat != lat ||
		!back.TakenAt.Equal(taken) || back.Width != 4 || back.Height != 3 {
		t.Errorf("photo read back %+v, %v", back, err)
	}
	if _, err := s.FieldPhotoData(ctx, "photo-none-01"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("a missing photo: %v", err)
	}
	photos, err := s.SurveyPhotos(ctx, []int64{vs[0].ID, 12345})
	if err != nil || len(photos) != 1 || len(photos[vs[0].ID]) != 1 || photos[vs[0].ID][0].ClientID != p.ClientID || photos[vs[0].ID][0].Data != nil {
		t.Errorf("survey photos %+v, %v", photos, err)
	}
	a, _ := s.Audit(ctx, roads.AuditFilter{Entity: "photo"})
	if len(a) != 1 || a[0].Origin != "lapangan:device-0001" || a[0].Actor != "budi" || a[0].RuasID != r.ID {
		t.Fatalf("photo audit: %+v", a)
	}
	var m map[string]any
	must(t, json.Unmarshal(a[0].After, &m))
	if m["id"] != p.ClientID || m["unit"] != u.ClientID || m["survey_id"] != float64(vs[0].ID) || m["size"] != float64(len(data)) ||
		m["lat"] != lat || m["taken_at"] != "2026-11-02T08:15:00Z" {
		t.Errorf("photo audit records %v", m)
	}
}

// testFieldConflict: a survey the phone knew (id ≤ known) is not a
// conflict even if dated after the unit; one stored after the phone took
// the ruas is, when dated on or after the unit and overlapping it. Only
// the unit's author resolves it; keeping the unit stores it and audits
// the decision; a discarded unit is not a conflict any more.
func testFieldConflict(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t, nil)
	r := fieldRuas(t, s)
	add := func(date time.Time, from, to float64) *roads.Survey {
		v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, StaFromM: from, StaToM: to, Distress: &roads.Distress{IRI: fp(6)}, Source: roads.Source{Form: "t", User: "kantor"}}
		must(t, s.AddSurvey(ctx, v))
		return v
	}
	known := add(time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC), 0, 400)
	later := add(time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC), 200, 300)
	unit := func(id string, from float64, day int) *roads.FieldUnit {
		return &roads.FieldUnit{ClientID: id, RuasID: r.ID, Date: time.Date(2026, 11, day, 0, 0, 0, 0, time.UTC), StaFromM: from, StaToM: from + 100,
			KnownSurveyID: known.ID, Device: "device-0002", Account: "budi", Form: roads.FieldForm{CrackArea: ip(0), CrackWidth: ip(0), Potholes: ip(0), Rut: ip(0)}}
	}
	out, err := s.SyncField(ctx, []*roads.FieldUnit{unit("unit-k-000001", 0, 5), unit("unit-k-000002", 200, 11), unit("unit-k-000003", 200, 13),
		unit("unit-k-000004", 100, 11), unit("unit-k-000005", 250, 12)})
	must(t, err)
	want := []roads.FieldState{roads.FieldStored, roads.FieldConflict, roads.FieldStored, roads.FieldStored, roads.FieldConflict}
	for i, o := range out {
		if o.State != want[i] {
			t.Errorf("unit %d: %s, want %s (%+v)", i, o.State, want[i], o)
		}
	}
	if out[1].ConflictWith != later.ID {
		t.Errorf("conflict with %d, want %d", out[1].ConflictWith, later.ID)
	}
	cs, err := s.FieldConflicts(ctx, "budi")
	if err != nil || len(cs) != 2 || cs[0].Server.ID != later.ID || cs[0].Mine == nil || cs[0].Mine.Assessment.SDI == nil || *cs[0].Mine.Assessment.SDI != 0 {
		t.Fatalf("conflicts %+v %v", cs, err)
	}
	if others, _ := s.FieldConflicts(ctx, "sari"); len(others) != 0 {
		t.Errorf("another account's conflicts: %+v", others)
	}
	if _, err := s.ResolveFieldConflict(ctx, "unit-k-000002", "sari", true); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("another account deciding: %v", err)
	}
	if _, err := s.ResolveFieldConflict(ctx, "unit-k-000001", "budi", true); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("deciding a stored unit: %v", err)
	}
	o, err := s.ResolveFieldConflict(ctx, "unit-k-000002", "budi", true)
	if err != nil || o.State != roads.FieldStored || o.SurveyID == 0 {
		t.Fatalf("keep mine: %+v %v", o, err)
	}
	o, err = s.ResolveFieldConflict(ctx, "unit-k-000005", "budi", false)
	if err != nil || o.State != roads.FieldDiscarded {
		t.Fatalf("keep the server's: %+v %v", o, err)
	}
	if cs, _ := s.FieldConflicts(ctx, "budi"); len(cs) != 0 {
		t.Errorf("conflicts left after deciding: %+v", cs)
	}
	vs, _ := s.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if len(vs) != 2+3+1 {
		t.Errorf("%d surveys stored; want the 2 entered, 3 units stored at sync and 1 kept", len(vs))
	}
	trail, _ := s.Audit(ctx, roads.AuditFilter{Entity: "field_unit"})
	states := map[string]string{}
	for _, a := range trail {
		var b, m map[string]any
		must(t, json.Unmarshal(a.Before, &b))
		must(t, json.Unmarshal(a.After, &m))
		if a.Actor != "budi" || a.Origin != "lapangan:device-0002" || a.Action != "resolve" || b["state"] != "conflict" {
			t.Errorf("resolution audit %+v", a)
		}
		states[m["id"].(string)] = m["state"].(string)
	}
	if len(states) != 2 || states["unit-k-000002"] != "stored" || states["unit-k-000005"] != "discarded" {
		t.Errorf("resolutions audited %v", states)
	}
}
