package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestExportsVerifiedOnly: the e-Walidata and Satu Data exports publish
// the walidata's verified records only and say so: a plan run on every
// record (drafts included) exports as "belum diverifikasi", a plan run
// with --verified-only as "terverifikasi", and an unverified ruas is never
// in the published network.
func TestExportsVerifiedOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	iri := 5.0
	for i, no := range []string{"001", "002", "003"} {
		lon := 112.16 + float64(i)*0.01
		r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: no}, Name: "Jl. Uji " + no, Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
			LengthM: 200, Geometry: orb.LineString{{lon, -8.1}, {lon + 0.002, -8.1}}, Source: roads.Source{Form: "uji", User: "ani"}}
		if err := st.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
		for sta := 0.0; sta < 200; sta += 100 {
			if err := st.AddSurvey(ctx, &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), StaFromM: sta, StaToM: sta + 100,
				Distress: &roads.Distress{IRI: &iri}, Source: roads.Source{Form: "uji", User: "ani"}}); err != nil {
				t.Fatal(err)
			}
		}
		if no == "003" {
			continue // stays a draft
		}
		if err := st.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "wati"); err != nil {
			t.Fatal(err)
		}
		vs, _ := st.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
		var ids []int64
		for _, v := range vs {
			ids = append(ids, v.ID)
		}
		if err := st.Verify(ctx, roads.EntitySurvey, ids, "wati"); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	// An export names the pemda and the OPD: without an office it is refused, with the way out.
	if code, _, _ := runCLI(t, "plan", "--db", db, "--from", "2027", "--years", "1", "--budget", "100jt"); code != 0 {
		t.Fatal("plan without an office failed")
	}
	if code, _, stderr := runCLI(t, "export", "walidata", "--db", db, "--year", "2026", "--out", filepath.Join(dir, "x.json")); code != 1 || !strings.Contains(stderr, "ruas init --region") {
		t.Fatalf("export without an office: exit %d, %q; want exit 1 naming ruas init", code, stderr)
	}
	if code, _, stderr := runCLI(t, "init", "--db", db, "--region", "35.72"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}

	status := func(args ...string) (string, string) {
		t.Helper()
		if code, _, stderr := runCLI(t, append([]string{"plan", "--db", db, "--from", "2027", "--years", "1", "--budget", "100jt"}, args...)...); code != 0 {
			t.Fatalf("plan %v: %s", args, stderr)
		}
		out := filepath.Join(dir, "walidata.json")
		os.Remove(out)
		if code, _, stderr := runCLI(t, "export", "walidata", "--db", db, "--year", "2026", "--out", out); code != 0 {
			t.Fatalf("export walidata: %s", stderr)
		}
		var doc struct {
			Status  string `json:"status_verifikasi"`
			Catatan string `json:"catatan"`
		}
		b, _ := os.ReadFile(out)
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("walidata json: %v", err)
		}
		return doc.Status, doc.Catatan
	}
	if s, note := status(); s != "belum diverifikasi" || !strings.Contains(note, "Draf") {
		t.Errorf("plan on every record: status %q (%q), want belum diverifikasi with the draft note", s, note)
	}
	if s, note := status("--verified-only"); s != "terverifikasi" {
		t.Errorf("verified-only plan: status %q (%q), want terverifikasi", s, note)
	}
	pkg := filepath.Join(dir, "satudata")
	if code, _, stderr := runCLI(t, "export", "satudata", "--db", db, "--out", pkg); code != 0 {
		t.Fatalf("export satudata: %s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(pkg, "kondisi_jalan.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(strings.TrimSpace(string(b)), "\n"); rows != 2 || strings.Contains(string(b), "Jl. Uji 003") {
		t.Errorf("published network: %d rows, want the 2 verified ruas only:\n%s", rows, b)
	}
}
