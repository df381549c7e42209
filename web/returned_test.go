package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestReturnedPage: a producer sees their own records the walidata sent
// back, with the reason and a link to fix each, and not other people's;
// a record fixed (edited, so a draft again) leaves the list.
func TestReturnedPage(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	rs := a.seed(t) // entered by no one in particular; surveys by "uji"
	mine := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "050"}, Name: "Jl. Melati", Surface: roads.Aspal, LengthM: 200,
		Source: roads.Source{Form: "ruas", User: "produsen"}}
	if err := a.store.CreateRuas(ctx, mine); err != nil {
		t.Fatal(err)
	}
	v := &roads.Survey{RuasID: mine.ID, Ruas: mine.Key, Date: time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 100,
		Distress: &roads.Distress{IRI: fp(4)}, Source: roads.Source{Form: "survey", User: "produsen"}}
	if err := a.store.AddSurvey(ctx, v); err != nil {
		t.Fatal(err)
	}
	if err := a.store.Return(ctx, roads.EntityRuas, []int64{mine.ID}, "walidata", "panjang tidak sesuai SK"); err != nil {
		t.Fatal(err)
	}
	if err := a.store.Return(ctx, roads.EntitySurvey, []int64{v.ID}, "walidata", "IRI tidak wajar"); err != nil {
		t.Fatal(err)
	}
	// Someone else's returned record.
	others, _ := a.store.Surveys(ctx, roads.SurveyFilter{RuasID: rs[0].ID})
	if err := a.store.Return(ctx, roads.EntitySurvey, []int64{others[0].ID}, "walidata", "bukan milik produsen"); err != nil {
		t.Fatal(err)
	}

	p := a.as(roads.RoleProdusen)
	status, body := p.getPage(t, "/saya/dikembalikan")
	if status != 200 {
		t.Fatalf("page: %d", status)
	}
	if n := strings.Count(body, "<tr data-entity="); n != 2 {
		t.Errorf("%d rows, want the producer's 2", n)
	}
	for _, want := range []string{"panjang tidak sesuai SK", "IRI tidak wajar", fmt.Sprintf(`href="/ruas/%d/ubah"`, mine.ID), fmt.Sprintf(`href="/ruas/%d"`, mine.ID), `id="nav-returned"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "bukan milik produsen") {
		t.Error("page shows another person's returned record")
	}
	if status, _ := a.as(roads.RoleWalidata).getPage(t, "/saya/dikembalikan"); status != 403 {
		t.Errorf("walidata: %d, want 403", status)
	}

	// Fixed: the ruas is edited, so a draft again, and leaves the list.
	cur, _ := a.store.RuasByID(ctx, mine.ID)
	cur.LengthM = 250
	cur.Source = roads.Source{Form: "ruas", User: "produsen"}
	if err := a.store.UpdateRuas(ctx, cur); err != nil {
		t.Fatal(err)
	}
	_, body = p.getPage(t, "/saya/dikembalikan")
	if strings.Contains(body, "panjang tidak sesuai SK") || !strings.Contains(body, "IRI tidak wajar") {
		t.Error("after fixing the ruas, the list should hold only the survey")
	}
}
