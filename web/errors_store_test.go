package web

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestStoreErrorsWorded: errors the register raises (each sentinel, made
// by real store calls) reach Bahasa readers in Bahasa through classify,
// the one place that maps errors to responses, and English readers in the
// register's own English.
func TestStoreErrorsWorded(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	st := a.store
	r := &roads.Ruas{Key: roads.Key{Region: "33.74", No: "001"}, Name: "Jl. Pemuda", Status: roads.Kota, Fungsi: roads.Lokal,
		Surface: roads.Aspal, WidthM: 6, LengthM: 500, Source: roads.Source{Form: "test", User: "uji"}}
	if err := st.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := st.AddAccount(ctx, &roads.Account{Name: "budi", Role: roads.RoleProdusen, Disabled: true}, "", "admin"); err != nil {
		t.Fatal(err)
	}
	iri := 80.0
	cases := []struct {
		name     string
		sentinel error
		err      error
		id       string // the Bahasa sentence, written here
		en       string // a part of the register's English
	}{
		{"conflict", roads.ErrConflict, st.CreateRuas(ctx, &roads.Ruas{Key: r.Key, Name: "Jl. Lain", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal, WidthM: 5, LengthM: 100, Source: roads.Source{Form: "test"}}),
			"Ruas 33.74/001 sudah ada; ubah ruas itu, jangan membuatnya lagi.", "ruas 33.74/001 already exists"},
		{"not found", roads.ErrNotFound, func() error { _, err := st.RuasByID(ctx, 999); return err }(),
			"Ruas id 999 tidak ada di register.", "ruas id 999"},
		{"invalid", roads.ErrInvalid, st.RetireRuas(ctx, r.ID, r.Version, "admin", " "),
			"Tulis alasan ruas dipensiunkan, mis. SK yang menghapusnya.", "say why the ruas is retired"},
		{"invalid measure", roads.ErrInvalid, roads.Distress{IRI: &iri}.Validate(),
			"Nilai IRI 80 di luar rentang 0–30; periksa satuan dan ketikannya.", "IRI 80 m/km is outside 0–30 m/km"},
		{"forbidden", roads.ErrForbidden, func() error { _, _, err := st.CreateToken(ctx, "budi", "uji"); return err }(),
			`Akun "budi" dinonaktifkan; aktifkan dulu sebelum membuat token.`, `account "budi" is disabled`},
		{"unknown sentence", roads.ErrConflict, fmt.Errorf("%w: something new happened", roads.ErrConflict),
			"Data ini bertabrakan dengan data yang sudah ada. (rincian dari register: something new happened)", "something new happened"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !errors.Is(c.err, c.sentinel) {
				t.Fatalf("the store call gave %v, not %v", c.err, c.sentinel)
			}
			worded := func(l Locale) string {
				_, body := classify(c.err, l)
				if body.Message != l.T("err.invalid") {
					return body.Message
				}
				return body.Fields[0].Message // ErrInvalid names the record as the field
			}
			if got := worded(Locale{Lang: ID}); got != c.id {
				t.Errorf("Bahasa: %q, want %q", got, c.id)
			}
			if got := worded(Locale{Lang: EN}); !strings.Contains(got, c.en) {
				t.Errorf("English: %q, want the register's %q", got, c.en)
			}
		})
	}
	// Through a page: a missing ruas in Bahasa and in English.
	_, id := a.getPage(t, "/ruas/999?lang=id")
	if !strings.Contains(id, "Ruas id 999 tidak ada di register.") || strings.Contains(id, "not found") {
		t.Errorf("Bahasa error page: %.400s", errorMessage(id))
	}
	_, en := a.getPage(t, "/ruas/999?lang=en")
	if !strings.Contains(en, "not found: ruas id 999") {
		t.Errorf("English error page: %.400s", errorMessage(en))
	}
}

func errorMessage(page string) string {
	_, rest, _ := strings.Cut(page, `id="error-message"`)
	return rest
}

// TestStoreSentencesFitTheCatalogue: every sentence pattern has its
// catalogue entry, whose verbs take exactly the pattern's groups.
func TestStoreSentencesFitTheCatalogue(t *testing.T) {
	for _, s := range storeSentences {
		m, ok := catalogue[s.key]
		if !ok || m.id == "" {
			t.Errorf("%s: no Bahasa sentence", s.key)
			continue
		}
		args := make([]any, s.re.NumSubexp())
		for i := range args {
			args[i] = "x"
		}
		for _, l := range []Locale{{Lang: ID}, {Lang: EN}} {
			if got := l.T(s.key, args...); strings.Contains(got, "%!") || len(args) == 0 && strings.Contains(got, "%") {
				t.Errorf("%s (%s) with %d groups: %q", s.key, l.Lang, len(args), got)
			}
		}
	}
}
