package quality

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

func fl(v float64) *float64 { return &v }

func TestCheckFindsEachDefect(t *testing.T) {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := demo.SetOffice(ctx, s); err != nil { // the codes below are Kota Blitar's
		t.Fatal(err)
	}
	// 0.01° of longitude at 8.1° S is ≈ 1,101 m.
	line := orb.LineString{{112.160, -8.100}, {112.170, -8.100}}
	mk := func(no, kel string, length float64) *roads.Ruas {
		return &roads.Ruas{Key: roads.Key{Region: "35.72", No: no}, Name: "Jl. " + no, Status: roads.Kota, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: length, Geometry: line, KecamatanCode: "35.72.02", Kecamatan: "Sukorejo",
			KelurahanCode: kel, Kelurahan: "Pakunden", Source: roads.Source{Form: "test", User: "t"}}
	}
	clean := mk("001", "35.72.02.1001", 1100)
	longer := mk("002", "35.72.02.1001", 2000) // geometry 1,101 m vs 2,000 m
	badCode := mk("003", "35.72.09.9999", 1100)
	stale := mk("004", "35.72.02.1001", 1100)
	short := mk("005", "35.72.02.1001", 1000) // surveyed to 1,100 m
	for _, r := range []*roads.Ruas{clean, longer, badCode, stale, short} {
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	survey := func(r *roads.Ruas, d time.Time) {
		for sta := 0.0; sta < 1100; sta += 100 {
			if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: d, StaFromM: sta, StaToM: sta + 100, Distress: &roads.Distress{IRI: fl(4)}, Source: roads.Source{Form: "test"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	survey(clean, asOf.AddDate(0, -2, 0))
	survey(longer, asOf.AddDate(0, -2, 0))
	survey(badCode, asOf.AddDate(0, -2, 0))
	survey(stale, asOf.AddDate(-2, 0, 0))
	survey(short, asOf.AddDate(0, -1, 0))
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(net, asOf)
	got := map[string]map[string]bool{} // ruas → checks failed
	for _, f := range rep.Findings {
		if got[f.Ruas] == nil {
			got[f.Ruas] = map[string]bool{}
		}
		got[f.Ruas][f.Check] = true
	}
	if len(got[clean.Key.String()]) != 0 {
		t.Errorf("clean ruas has findings %v", got[clean.Key.String()])
	}
	for _, c := range []struct {
		ruas  *roads.Ruas
		check string
	}{{longer, "geometry_length"}, {badCode, "kelurahan_code"}, {stale, "survey_stale"}, {short, "sta_beyond_end"}} {
		if !got[c.ruas.Key.String()][c.check] {
			t.Errorf("ruas %s: no %s finding (got %v)", c.ruas.Key, c.check, got[c.ruas.Key.String()])
		}
	}
	// Everything but the stale ruas was surveyed within 12 months, by official length.
	recent := clean.LengthM + longer.LengthM + badCode.LengthM + short.LengthM
	want := math.Floor(recent/(recent+stale.LengthM)*1000) / 10 // floored, like every share
	var suk *Group
	for i := range rep.Kecamatan {
		if rep.Kecamatan[i].Name == "Sukorejo" {
			suk = &rep.Kecamatan[i]
		}
	}
	if suk == nil {
		t.Fatalf("no Sukorejo group in %+v", rep.Kecamatan)
	}
	if suk.SurveyedRecentPct != want {
		t.Errorf("surveyed within 12 months = %g %%, want %g %%", suk.SurveyedRecentPct, want)
	}
	if suk.OldestSurvey != asOf.AddDate(-2, 0, 0).Format("2006-01-02") {
		t.Errorf("oldest survey %s", suk.OldestSurvey)
	}
	for _, p := range Principles {
		sc := rep.Principles[p]
		if sc.Checked == 0 || sc.Passed > sc.Checked {
			t.Errorf("principle %s: score %+v", p, sc)
		}
	}
	if rep.Principles[KodeReferensi].Passed == rep.Principles[KodeReferensi].Checked {
		t.Error("kode referensi scored perfect despite a bad code")
	}
}

// TestSurveyDateBasis: a survey dated by its year only (segment and
// multi-year files) is dated by its source; one whose source gave no date
// at all (the import date stands in) is the finding.
func TestSurveyDateBasis(t *testing.T) {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	line := orb.LineString{{112.160, -8.100}, {112.170, -8.100}}
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	basis := map[string]string{"001": roads.DateFromYear, "002": roads.DateFromImport, "003": roads.DateFromSurvey}
	for no, b := range basis {
		r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: no}, Name: "Jl. " + no, Status: roads.Kota, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: line, Source: roads.Source{Form: "test", User: "t"}}
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
		v := &roads.Survey{Ruas: r.Key, Date: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), DateBasis: b, StaFromM: 0, StaToM: 1100,
			Distress: &roads.Distress{IRI: fl(4)}, Source: roads.Source{File: "f.csv", Row: 2}}
		if err := s.AddSurvey(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	flagged := map[string]bool{}
	for _, f := range Check(net, asOf).Findings {
		if f.Check == "survey_date_unknown" {
			flagged[strings.TrimPrefix(f.Ruas, "99.01/")] = true
		}
	}
	if want := map[string]bool{"002": true}; !cmp.Equal(flagged, want) {
		t.Errorf("survey_date_unknown on %v, want only the survey dated by its import (002)", flagged)
	}
}
