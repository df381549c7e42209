//go:build cgo

package publish

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// fixtureStore builds the fixture register in a real SQLite file (state
// stateBase).
func fixtureStore(t testing.TB) *sqlitestore.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlitestore.OpenWith(ctx, filepath.Join(t.TempDir(), "ruas.db"), sqlitestore.Options{Now: func() time.Time { return fixtureTime }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ruas := []*roads.Ruas{
		{Key: roads.Key{Region: "35.72", No: "001"}, Name: "Jl. Merdeka", Status: roads.Kota, Fungsi: roads.Kolektor, Surface: roads.Aspal,
			WidthM: 7, LengthM: 1200, KecamatanCode: "35.72.02", Kecamatan: "Sukorejo", KelurahanCode: "35.72.02.1002", Kelurahan: "Blitar",
			Geometry: orb.LineString{{112.160, -8.100}, {112.171, -8.100}}},
		{Key: roads.Key{Region: "35.72", No: "002"}, Name: "Jl. Kenari", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Beton,
			WidthM: 5, LengthM: 800, KecamatanCode: "35.72.01", Kecamatan: "Kepanjenkidul", KelurahanCode: "35.72.01.1004", Kelurahan: "Kauman",
			Geometry: orb.LineString{{112.165, -8.095}, {112.165, -8.1022}}},
		{Key: roads.Key{Region: "35.72", No: "003"}, Name: "Jl. Sawah", Status: roads.Kota, Fungsi: roads.Lingkungan, Surface: roads.Tanah,
			WidthM: 4, LengthM: 500, KecamatanCode: "35.72.03", Kecamatan: "Sananwetan", KelurahanCode: "35.72.03.1001", Kelurahan: "Gedog",
			Geometry: orb.MultiLineString{{{112.175, -8.090}, {112.178, -8.092}}, {{112.178, -8.092}, {112.179, -8.093}}}},
		{Key: roads.Key{Region: "35.72", No: "004"}, Name: "Gg. Baru", Status: roads.Kota, Fungsi: roads.Lingkungan, Surface: roads.Kerikil,
			WidthM: 3, LengthM: 300, KecamatanCode: "35.72.03", Kecamatan: "Sananwetan"},
	}
	for _, r := range ruas {
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	iri := 14.0
	surveys := []*roads.Survey{
		{Ruas: ruas[0].Key, Date: day("2024-06-10"), StaToM: 1200, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{800, 400, 0, 0}},
		{Ruas: ruas[0].Key, Date: day("2025-06-12"), StaToM: 1200, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{600, 300, 300, 0}},
		{Ruas: ruas[1].Key, Date: day("2025-07-01"), StaToM: 800, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{0, 0, 200, 600}},
		{Ruas: ruas[2].Key, Date: day("2025-07-02"), StaToM: 100, Distress: &roads.Distress{IRI: &iri}},
	}
	for _, v := range surveys {
		if err := s.AddSurvey(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddWorks(ctx, &roads.Works{Ruas: ruas[0].Key, Date: day("2027-09-30"), Type: roads.Berkala, StaFromM: 900, StaToM: 1200,
		Quantity: 2100, Unit: "m2", CostRp: 260e6, Funding: "DAK", ContractRef: "KTR-02/2027", Committed: true}); err != nil {
		t.Fatal(err)
	}
	if err := demo.SetOffice(ctx, s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFixtureStates builds the fixture register in a real SQLite file,
// makes each change the tests read, and checks the committed networks
// equal what the register reads back (-update rewrites them). It also
// checks that the plan run newFixture makes is the one the register
// stores and reads back, and that every change moves the snapshot hash.
func TestFixtureStates(t *testing.T) {
	ctx := context.Background()
	changes := map[string]func(s *sqlitestore.Store, base *roads.Network) error{
		stateBase: func(*sqlitestore.Store, *roads.Network) error { return nil },
		stateBogor: func(s *sqlitestore.Store, _ *roads.Network) error {
			o, errs := roads.NewOffice(roads.OfficeInput{Region: "32.01", OPDCode: "1.03.0.00.0.00.01.0000"})
			if len(errs) > 0 {
				return errs[0]
			}
			return s.SetOffice(ctx, o, "admin", fixtureTime)
		},
		stateEdited: func(s *sqlitestore.Store, _ *roads.Network) error {
			r, err := s.Ruas(ctx, roads.Key{Region: "35.72", No: "002"})
			if err != nil {
				return err
			}
			r.WidthM = 6
			return s.UpdateRuas(ctx, r)
		},
		stateVerified: func(s *sqlitestore.Store, base *roads.Network) error {
			ids := map[roads.Entity][]int64{}
			for _, r := range base.Ruas {
				ids[roads.EntityRuas] = append(ids[roads.EntityRuas], r.ID)
				for _, v := range base.Surveys[r.ID] {
					ids[roads.EntitySurvey] = append(ids[roads.EntitySurvey], v.ID)
				}
				for _, w := range base.Works[r.ID] {
					ids[roads.EntityWorks] = append(ids[roads.EntityWorks], w.ID)
				}
			}
			for e, list := range ids {
				if err := s.Verify(ctx, e, list, "walidata"); err != nil {
					return err
				}
			}
			return nil
		},
	}
	var baseHash string
	for _, state := range []string{stateBase, stateBogor, stateEdited, stateVerified} {
		s := fixtureStore(t)
		base, err := s.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if state == stateBase {
			baseHash = base.Hash
			want := fixtureRun(base)
			want.ID = 0
			if err := s.SavePlanRun(ctx, want); err != nil {
				t.Fatal(err)
			}
			stored, err := s.PlanRunByID(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(fixtureRun(base), stored); d != "" {
				t.Errorf("stored plan run differs from fixtureRun (-fixtureRun +stored):\n%s", d)
			}
		}
		if err := changes[state](s, base); err != nil {
			t.Fatalf("%s: %v", state, err)
		}
		net, err := s.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if state == stateEdited || state == stateVerified {
			if net.Hash == baseHash {
				t.Errorf("%s: the change did not move the snapshot hash; the tests cannot see staleness", state)
			}
		}
		if *update {
			var buf bytes.Buffer
			if err := roads.WriteNetwork(&buf, net); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(statePath(state), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// demo.SetOffice stamps the office with the wall clock.
		if d := cmp.Diff(net, fixtureNet(t, state), cmpopts.IgnoreFields(roads.Office{}, "SetAt")); d != "" {
			t.Errorf("%s differs from the register; run go test ./planner/publish -run TestFixtureStates -update (-register +fixture):\n%.3000s", statePath(state), d)
		}
	}
}
