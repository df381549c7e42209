package quality

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kotablitar/ruas/roads"
)

func TestCheckFindsEachDefect(t *testing.T) {
	// Kota Blitar's office and the five ruas of defects.
	net := fixtureNet(t, stateDefects)
	asOf := defectsAsOf
	key := func(i int) string { return roads.Key{Region: "35.72", No: defects[i].no}.String() }
	clean, longer, badCode, stale, short := 0, 1, 2, 3, 4
	rep := Check(net, asOf)
	got := map[string]map[string]bool{} // ruas → checks failed
	for _, f := range rep.Findings {
		if got[f.Ruas] == nil {
			got[f.Ruas] = map[string]bool{}
		}
		got[f.Ruas][f.Check] = true
	}
	if len(got[key(clean)]) != 0 {
		t.Errorf("clean ruas has findings %v", got[key(clean)])
	}
	for _, c := range []struct {
		ruas  int
		check string
	}{{longer, "geometry_length"}, {badCode, "kelurahan_code"}, {stale, "survey_stale"}, {short, "sta_beyond_end"}} {
		if !got[key(c.ruas)][c.check] {
			t.Errorf("ruas %s: no %s finding (got %v)", key(c.ruas), c.check, got[key(c.ruas)])
		}
	}
	// Everything but the stale ruas was surveyed within 12 months, by official length.
	recent := defects[clean].lengthM + defects[longer].lengthM + defects[badCode].lengthM + defects[short].lengthM
	want := math.Floor(recent/(recent+defects[stale].lengthM)*1000) / 10 // floored, like every share
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
	// Ruas 001 surveyed 1 July 2026 dated by its year, 002 by the import,
	// 003 by the survey.
	net := fixtureNet(t, stateDateBasis)
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
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
