package main

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
	"github.com/kotablitar/ruas/web"
)

// conditionJSON is what the test reads of `ruas condition --json`.
type conditionJSON struct {
	Year      int    `json:"year"`
	Authority string `json:"kewenangan"`
	Scope     groupJSON
	Others    groupJSON `json:"other_roads"`
	Total     groupJSON `json:"total"`
}

type groupJSON struct {
	Ruas      int     `json:"ruas"`
	NetworkKm float64 `json:"network_km"`
	Km        struct {
		Baik        float64 `json:"baik"`
		Sedang      float64 `json:"sedang"`
		RusakRingan float64 `json:"rusak_ringan"`
		RusakBerat  float64 `json:"rusak_berat"`
	} `json:"km_per_class"`
	SurveyedKm         float64  `json:"surveyed_km"`
	UnsurveyedKm       float64  `json:"unsurveyed_km"`
	Kemantapan         *float64 `json:"kemantapan_pct"`
	KemantapanSurveyed *float64 `json:"kemantapan_surveyed_pct"`
	DraftRuas          int      `json:"draft_ruas"`
	DraftSurveys       int      `json:"draft_surveys"`
	DraftSurveyKm      float64  `json:"draft_survey_km"`
}

func (c *conditionJSON) UnmarshalJSON(b []byte) error {
	type plain conditionJSON
	var aux struct {
		plain
		Scope groupJSON `json:"kewenangan_network"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*c = conditionJSON(aux.plain)
	c.Scope = aux.Scope
	return nil
}

// On a register built from 100 m IRI units, `ruas condition --year Y
// --json` gives the length-weighted class shares an independent count
// gives: the latest survey of each ruas up to Y, units classed by the
// README's IRI bounds (Baik ≤ 4, Sedang ≤ 8, Rusak Ringan ≤ 12, else
// Rusak Berat), kemantapan over the length of the office's kota roads,
// a provincial road reported apart, drafts counted.
func TestConditionEqualsIndependentShares(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ruas.db")
	if code, _, stderr := runCLI(t, "init", "--db", db, "--region", "33.74"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	type link struct {
		no      string
		status  roads.Status
		lengthM float64
		years   []int // survey years
	}
	links := []link{
		{"001", roads.Kota, 1050, []int{2024, 2025}}, // a 50 m tail unit
		{"002", roads.Kota, 730, []int{2025}},
		{"003", roads.Kota, 2000, []int{2024, 2026}}, // 2026 is after the year asked
		{"004", roads.Kota, 480, nil},                // never surveyed
		{"005", roads.Provinsi, 900, []int{2025}},    // not the office's authority
	}
	const year = 2025
	rng := rand.New(rand.NewPCG(7, 11))
	bounds := []float64{4, 8, 12} // values on a bound must fall in the better class
	classOf := func(iri float64) int {
		switch {
		case iri <= 4:
			return 0
		case iri <= 8:
			return 1
		case iri <= 12:
			return 2
		}
		return 3
	}
	var wantKm [4]float64 // kota network, latest survey ≤ year
	var wantNetworkKm, wantOtherKm float64
	wantDraftSurveys, wantDraftKm := 0, 0.0
	var verify []int64
	for _, l := range links {
		r := &roads.Ruas{Key: roads.Key{Region: "33.74", No: l.no}, Name: "Jl. Uji " + l.no, Status: l.status, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 6, LengthM: l.lengthM, Source: roads.Source{Form: "test", User: "produsen"}}
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
		if l.status == roads.Kota {
			wantNetworkKm += l.lengthM / 1000
		} else {
			wantOtherKm += l.lengthM / 1000
		}
		latest := 0
		for _, y := range l.years {
			if y <= year {
				latest = y
			}
		}
		for _, y := range l.years {
			for sta, i := 0.0, 0; sta < l.lengthM; sta, i = sta+100, i+1 {
				to := math.Min(sta+100, l.lengthM)
				iri := 1 + rng.Float64()*15
				if i%5 == 0 {
					iri = bounds[(i/5)%3]
				}
				v := &roads.Survey{Ruas: r.Key, Date: time.Date(y, 6, 15, 0, 0, 0, 0, time.UTC), StaFromM: sta, StaToM: to,
					Distress: &roads.Distress{IRI: &iri}, Source: roads.Source{Form: "test", User: "produsen"}}
				if err := s.AddSurvey(ctx, v); err != nil {
					t.Fatal(err)
				}
				if y != latest || l.status != roads.Kota {
					continue
				}
				wantKm[classOf(iri)] += (to - sta) / 1000
				// Half the counted units are verified; the rest stay drafts.
				if i%2 == 0 {
					verify = append(verify, v.ID)
				} else {
					wantDraftSurveys++
					wantDraftKm += (to - sta) / 1000
				}
			}
		}
	}
	if err := s.Verify(ctx, roads.EntitySurvey, verify, "walidata"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, stdout, stderr := runCLI(t, "condition", "--db", db, "--year", "2025", "--json")
	if code != 0 {
		t.Fatalf("condition: exit %d: %s", code, stderr)
	}
	var got conditionJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.12f, want %.12f", what, got, want)
		}
	}
	g := got.Scope
	if got.Year != year || got.Authority != "kota" || g.Ruas != 4 || got.Others.Ruas != 1 || got.Total.Ruas != 5 {
		t.Fatalf("year %d, kewenangan %q, %d/%d/%d ruas; want 2025, kota, 4 kota + 1 other", got.Year, got.Authority, g.Ruas, got.Others.Ruas, got.Total.Ruas)
	}
	near("Baik km", g.Km.Baik, wantKm[0])
	near("Sedang km", g.Km.Sedang, wantKm[1])
	near("Rusak Ringan km", g.Km.RusakRingan, wantKm[2])
	near("Rusak Berat km", g.Km.RusakBerat, wantKm[3])
	surveyed := wantKm[0] + wantKm[1] + wantKm[2] + wantKm[3]
	near("surveyed km", g.SurveyedKm, surveyed)
	near("network km", g.NetworkKm, wantNetworkKm)
	near("unsurveyed km", g.UnsurveyedKm, wantNetworkKm-surveyed)
	near("other roads km", got.Others.NetworkKm, wantOtherKm)
	if g.Kemantapan == nil || g.KemantapanSurveyed == nil {
		t.Fatalf("kemantapan missing: %s", stdout)
	}
	near("kemantapan (network length)", *g.Kemantapan, (wantKm[0]+wantKm[1])/wantNetworkKm*100)
	near("kemantapan (surveyed only)", *g.KemantapanSurveyed, (wantKm[0]+wantKm[1])/surveyed*100)
	if g.DraftRuas != 4 || g.DraftSurveys != wantDraftSurveys {
		t.Errorf("drafts: %d ruas, %d surveys; want 4 ruas (none verified), %d surveys", g.DraftRuas, g.DraftSurveys, wantDraftSurveys)
	}
	near("draft survey km", g.DraftSurveyKm, wantDraftKm)
	t.Logf("kota network %.3f km: Baik %.3f, Sedang %.3f, RR %.3f, RB %.3f, unsurveyed %.3f; kemantapan %.2f %% (surveyed only %.2f %%)",
		wantNetworkKm, wantKm[0], wantKm[1], wantKm[2], wantKm[3], wantNetworkKm-surveyed, *g.Kemantapan, *g.KemantapanSurveyed)

	// The text form says the same, the Indonesian way.
	code, stdout, _ = runCLI(t, "condition", "--db", db, "--year", "2025", "--by", "status")
	if code != 0 {
		t.Fatalf("condition text: exit %d", code)
	}
	for _, want := range []string{"jalan kota Kota Semarang", "Jalan provinsi", "Termasuk draf"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestConditionAndInitExits(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	checkExits(t, []exitCase{
		{"condition help", []string{"condition", "-h"}, 0, "Usage: ruas condition"},
		{"condition bad by", []string{"condition", "--db", db, "--by", "warna"}, 2, "--by \"warna\" tidak dikenal"},
		{"condition bad year", []string{"condition", "--db", db, "--year", "26"}, 2, "--year 26"},
		{"condition without office", []string{"condition", "--db", db}, 0, "belum punya kantor"},
		{"init help", []string{"init", "-h"}, 0, "Usage: ruas init"},
		{"init shows nothing yet", []string{"init", "--db", db}, 1, "belum punya kantor"},
		{"init kecamatan", []string{"init", "--db", db, "--region", "35.72.01"}, 2, "pakai kode 35.72"},
		{"init unknown", []string{"init", "--db", db, "--region", "99.01"}, 2, "tidak ada di tabel Kepmendagri"},
		{"init opd without region", []string{"init", "--db", db, "--opd", "Dinas PU"}, 2, "--region wajib"},
		{"init missing boundary", []string{"init", "--db", db, "--region", "32.01", "--boundary", filepath.Join(t.TempDir(), "x.geojson")}, 1, "tidak dapat dibaca"},
		{"init kabupaten", []string{"init", "--db", db, "--region", "32.01", "--opd-code", "1.03.0.00.0.00.01.0000"}, 0, "Kabupaten Bogor"},
		{"init shows it", []string{"init", "--db", db}, 0, "jalan kabupaten"},
	}, outputOf)
}

// The dashboard (GET /api/v1/summary, the figures the page shows) and
// `ruas condition --json` give the same condition for the same year: both
// come from planner.ConditionAsOf.
func TestConditionEqualsDashboard(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ruas.db")
	if code, _, stderr := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, stdout, stderr := runCLI(t, "condition", "--db", db, "--year", "2024", "--json")
	if code != 0 {
		t.Fatalf("condition: %s", stderr)
	}
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.AddAccount(ctx, &roads.Account{Name: "baca", Role: roads.RolePerencana}, "", "uji"); err != nil {
		t.Fatal(err)
	}
	token, _, err := s.CreateToken(ctx, "baca", "uji")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(ctx, web.Options{Store: s, Watch: web.WatchOf(s.Watch)})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req := httptest.NewRequest("GET", "/api/v1/summary?year=2024", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("summary: %d %s", rec.Code, rec.Body.String())
	}
	var dash struct {
		Condition json.RawMessage `json:"condition"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &dash); err != nil {
		t.Fatal(err)
	}
	var fromCLI, fromDash any
	if err := json.Unmarshal([]byte(stdout), &fromCLI); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(dash.Condition, &fromDash); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fromCLI, fromDash); diff != "" {
		t.Errorf("ruas condition vs dashboard (-cli +dashboard):\n%s", diff)
	}
	if fromDash.(map[string]any)["kewenangan"] != "kota" {
		t.Errorf("dashboard condition kewenangan %v, want kota (the demo office)", fromDash.(map[string]any)["kewenangan"])
	}
}
