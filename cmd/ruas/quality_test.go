package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/quality"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestQualityCLIFlagsInvalidRecords: `ruas quality` names a ruas 600 km
// from the others, a 1 m ruas and works recorded as done after the report's
// date, each with its record, and no sound ruas.
func TestQualityCLIFlagsInvalidRecords(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ruas.db")
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	add := func(no string, line orb.LineString, length float64) *roads.Ruas {
		r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: no}, Name: "Jl. " + no, Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
			WidthM: 5, LengthM: length, Geometry: line, Source: roads.Source{Form: "test"}}
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	for i := 0; i < 6; i++ {
		lon, lat := 110.40+0.012*float64(i%3), -7.80+0.01*float64(i/3)
		add(fmt.Sprintf("00%d", i+1), orb.LineString{{lon, lat}, {lon + 0.01, lat}}, 1103)
	}
	far := add("101", orb.LineString{{115.90, -7.80}, {115.91, -7.80}}, 1103)
	tiny := add("102", orb.LineString{{110.41, -7.795}, {110.41001, -7.795}}, 1.1)
	w := &roads.Works{Ruas: roads.Key{Region: "99.01", No: "001"}, Date: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), Type: roads.Rutin,
		StaFromM: 0, StaToM: 1103, Source: roads.Source{Form: "test"}}
	if err := s.AddWorks(ctx, w); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, stderr := runCLI(t, "quality", "--db", db, "--as-of", "2025-06-30", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep quality.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]quality.Finding{}
	for _, f := range rep.Findings {
		if f.Check == "geometry_far" || f.Check == "length_implausible" || f.Check == "works_future" {
			got[f.Ruas+" "+f.Check] = f
		}
	}
	for _, want := range []string{far.Key.String() + " geometry_far", tiny.Key.String() + " length_implausible", "99.01/001 works_future"} {
		if _, ok := got[want]; !ok {
			t.Errorf("no finding %q in %v", want, got)
		}
	}
	if f := got["99.01/001 works_future"]; f.RecordID != w.ID || f.Dataset != "works" {
		t.Errorf("works finding names record %s #%d, want works #%d", f.Dataset, f.RecordID, w.ID)
	}
	if len(got) != 3 {
		t.Errorf("%d such findings, want 3: %v", len(got), got)
	}
	// The text report lists them too.
	code, out, _ = runCLI(t, "quality", "--db", db, "--as-of", "2025-06-30")
	if code != 0 || !strings.Contains(out, "geometry_far") || !strings.Contains(out, "length_implausible") {
		t.Errorf("text report: exit %d\n%s", code, out)
	}
}

// TestQualityCLIRealNetwork: on a real kabupaten network (Bojonegoro's
// ruas kabupaten, 153 ruas over ≈ 2,300 km²) nothing is far from the
// network or of an implausible length; moved 600 km east, one ruas is.
func TestQualityCLIRealNetwork(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ruas.db")
	if code, _, stderr := runCLI(t, "import", "--db", db, "--region", "99.02", realDataFile(t, "indonesia/bojonegoro_ruaskab.geojson")); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	flagged := func() map[string]string {
		t.Helper()
		code, out, stderr := runCLI(t, "quality", "--db", db, "--as-of", "2026-12-06", "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var rep quality.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, f := range rep.Findings {
			if f.Check == "geometry_far" || f.Check == "length_implausible" {
				got[f.Ruas] = f.Check + ": " + f.Message
			}
		}
		return got
	}
	if got := flagged(); len(got) != 0 {
		t.Errorf("real network: %d ruas flagged: %v", len(got), got)
	}
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.ListRuas(ctx, roads.RuasFilter{})
	if err != nil || len(rs) < 100 {
		t.Fatalf("%d ruas, %v", len(rs), err)
	}
	moved := rs[len(rs)/2]
	moved.Geometry = orb.LineString{{117.5, -7.15}, {117.51, -7.15}} // ≈ 600 km east of Bojonegoro
	if err := s.UpdateRuas(ctx, moved); err != nil {
		t.Fatal(err)
	}
	s.Close()
	got := flagged()
	if len(got) != 1 || !strings.HasPrefix(got[moved.Key.String()], "geometry_far") {
		t.Errorf("after moving %s: flagged %v, want that ruas alone as geometry_far", moved.Key, got)
	}
}
