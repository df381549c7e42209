package sqlitestore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestTextLengthLimits: each text field of the register refuses a value
// over its bound, naming the field and the bound; a value at the bound is
// kept whole.
func TestTextLengthLimits(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	long := func(n int) string { return strings.Repeat("é", n) } // 2 bytes each: the bound counts characters
	refused := func(t *testing.T, err error, field string, max int) {
		t.Helper()
		var ve *roads.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("%s over %d characters: %v, want a ValidationError", field, max, err)
		}
		for _, f := range ve.Fields {
			if f.Field == field && f.Max == max && len([]rune(f.Value)) <= 41 {
				return
			}
		}
		t.Errorf("%s over %d characters: fields %+v", field, max, ve.Fields)
	}
	for _, tc := range []struct {
		field string
		max   int
		set   func(r *roads.Ruas, v string)
	}{
		{"name", 255, func(r *roads.Ruas, v string) { r.Name = v }},
		{"no_ruas", 255, func(r *roads.Ruas, v string) { r.Key.No = v }},
		{"notes", 2000, func(r *roads.Ruas, v string) { r.Notes = v }},
		{"kecamatan", 255, func(r *roads.Ruas, v string) { r.Kecamatan = v }},
		{"surface_text", 255, func(r *roads.Ruas, v string) { r.SurfaceText = v }},
		{"source_file", 255, func(r *roads.Ruas, v string) { r.Source.File = v }},
		{"source_user", 255, func(r *roads.Ruas, v string) { r.Source.User = v }},
	} {
		t.Run("ruas "+tc.field, func(t *testing.T) {
			r := sampleRuas("L-" + tc.field)
			tc.set(r, long(tc.max+1))
			refused(t, s.CreateRuas(ctx, r), tc.field, tc.max)
			ok := sampleRuas("K-" + tc.field)
			if tc.field != "no_ruas" {
				tc.set(ok, long(tc.max))
			}
			if err := s.CreateRuas(ctx, ok); err != nil {
				t.Errorf("%s of %d characters: %v", tc.field, tc.max, err)
			}
		})
	}
	r := sampleRuas("001")
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	w := &roads.Works{Ruas: r.Key, Date: day, Type: roads.Berkala, StaToM: 100, Unit: "m2", ContractRef: long(201), Source: roads.Source{Form: "works", User: "dedi"}}
	refused(t, s.AddWorks(ctx, w), "contract_ref", roads.MaxRefLen)
	tr := &roads.Traffic{Ruas: r.Key, Year: 2025, LHR: 100, Source: roads.Source{Form: long(256), User: "eko"}}
	refused(t, s.SetTraffic(ctx, tr), "source_form", roads.MaxSourceLen)
	sv := &roads.Survey{Ruas: r.Key, Date: day, StaToM: 100, Distress: &roads.Distress{IRI: f(5)}, Source: roads.Source{Form: "survey", User: long(256)}}
	refused(t, s.AddSurvey(ctx, sv), "source_user", roads.MaxSourceLen)
	refused(t, s.Return(ctx, roads.EntityRuas, []int64{r.ID}, "walidata", long(roads.MaxNotesLen+1)), "reason", roads.MaxNotesLen)
	refused(t, s.AddAccount(ctx, &roads.Account{Name: "ani", FullName: long(roads.MaxFullName + 1), Role: roads.RoleProdusen}, "", "cli"), "full_name", roads.MaxFullName)
	addAccount(t, s, "skrip", roads.RolePerencana, "")
	_, _, err := s.CreateToken(ctx, "skrip", long(roads.MaxTokenLabel+1))
	refused(t, err, "label", roads.MaxTokenLabel)
}
