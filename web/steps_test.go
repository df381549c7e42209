package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestStepsInBahasa: every derivation step the register writes, for units
// that take every path of the rules, reads in Bahasa Indonesia (decimal
// commas) on a Bahasa page and as stored on an English page.
func TestStepsInBahasa(t *testing.T) {
	rules, err := roads.ConditionRules("")
	if err != nil {
		t.Fatal(err)
	}
	f := func(v float64) *float64 { return &v }
	units := []roads.Distress{
		{CrackAreaPct: f(5), CrackWidthMM: f(4), Potholes: f(1), RutCM: f(2.5), IRI: f(6.5)}, // wide crack, SDI and IRI
		{CrackAreaPct: f(12.5), CrackWidthMM: f(1), Potholes: f(0), RutCM: f(0)},             // narrow crack, SDI alone
		{IRI: f(13)}, // IRI alone
	}
	seen := 0
	for _, d := range units {
		a, err := rules.Assess(d, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range a.Steps {
			seen++
			id := Locale{Lang: ID}.Step(s)
			if stepsEnglish(id) {
				t.Errorf("step %q reads %q on a Bahasa page", s, id)
			}
			if en := (Locale{Lang: EN}).Step(s); en != s {
				t.Errorf("English step rewritten: %q → %q", s, en)
			}
		}
	}
	if seen < 10 {
		t.Errorf("only %d steps seen", seen)
	}
	if got := (Locale{Lang: ID}).Step("SDI = 97.5 (rut depth 2.5 cm)"); got != "SDI = 97,5 (kedalaman alur 2,5 cm)" {
		t.Errorf("rut step %q", got)
	}
}

// TestSurveyDateInWIB: at 23:30 UTC it is already the next day in WIB, and
// the survey and works forms default to that day, not the UTC one.
func TestSurveyDateInWIB(t *testing.T) {
	ctx := context.Background()
	store, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 11, 26, 23, 30, 0, 0, time.UTC) // 27/11 06:30 WIB
	srv, err := New(ctx, Options{Store: store, Watch: WatchOf(store.Watch), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv)
	defer hs.Close()
	a := &testApp{store: store, srv: srv, http: hs}
	a.addRoleAccounts(t)
	rs := a.seed(t)
	for _, path := range []string{fmt.Sprintf("/ruas/%d/survei", rs[0].ID), fmt.Sprintf("/ruas/%d/penanganan", rs[0].ID)} {
		_, body := a.as(roads.RoleProdusen).getPage(t, path)
		if !strings.Contains(body, `name="date" value="2026-11-27"`) {
			i := strings.Index(body, `name="date"`)
			t.Errorf("%s: date default %q, want the WIB day 2026-11-27", path, body[max(i, 0):min(len(body), max(i, 0)+60)])
		}
	}
}

// rawMoment matches a timestamp as stored (2026-12-05T21:18:48…), which a
// page must never show.
var rawMoment = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d`)

// TestPagesWordFieldsAndMoments: a refused form names fields by their
// labels, not their keys, and the audit trail of a verified, edited ruas
// shows moments as WIB dates, not stored timestamps.
func TestPagesWordFieldsAndMoments(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t)
	rs := a.seed(t)
	p := a.as(roads.RoleProdusen)
	_, body := p.postForm(t, "/ruas/baru", url.Values{"region": {"35.72"}, "no_ruas": {"030"}, "name": {"Jl. Baru"}, "surface": {"aspal"}, "length_m": {"-5"}})
	i := strings.Index(body, `id="form-errors"`)
	if i < 0 {
		t.Fatal("no error list")
	}
	list := body[i : i+strings.Index(body[i:], "</div></div>")]
	if strings.Contains(list, "length_m") || !strings.Contains(list, "<b>"+(Locale{Lang: ID}).Field("length_m")+"</b>") {
		t.Errorf("error list names the field by key, not label: %s", list)
	}
	if err := a.store.Verify(ctx, roads.EntityRuas, []int64{rs[0].ID}, "walidata"); err != nil {
		t.Fatal(err)
	}
	_, body = p.getPage(t, fmt.Sprintf("/ruas/%d/riwayat", rs[0].ID))
	if m := rawMoment.FindString(body); m != "" {
		t.Errorf("the audit page shows a stored timestamp %q", m)
	}
	if strings.Contains(body, "<th title=\"verif_at\">verif_at</th>") {
		t.Error("the audit page names verif_at by its key")
	}
}
