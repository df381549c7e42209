package netfile

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func fp(v float64) *float64 { return &v }

// sampleRegister stores ruas that use every register field and every kind
// of condition record: link-level Bina Marga and village surveys (one
// dated by its import), 100 m unit surveys, no survey, no geometry, a
// MultiLineString, a key with slashes, text that needs quoting.
func sampleRegister(t *testing.T, st *sqlitestore.Store) {
	t.Helper()
	ctx := context.Background()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	ruas := []*roads.Ruas{
		{Key: roads.Key{Region: "35.72", No: "001"}, Name: "Jl. Merdeka", Status: roads.Kota, Fungsi: roads.Kolektor,
			Surface: roads.Aspal, SurfaceText: "Hotmix", WidthM: 7.5, LengthM: 1234.5,
			Geometry:  orb.LineString{{112.1612345678901, -8.0987654321012}, {112.1634, -8.0991}, {112.17001, -8.10003}},
			Kabupaten: "Kota Blitar", KecamatanCode: "35.72.02", Kecamatan: "Sukorejo", KelurahanCode: "35.72.02.1006", Kelurahan: "Sukorejo",
			YearBuilt: 2015, DesignLife: 20, Notes: "catatan, dengan \"kutip\"; dan baris\nbaru"},
		{Key: roads.Key{Region: "35.72", No: "002"}, Name: "Jl. Mawar", Status: roads.Kota, Fungsi: roads.Lokal,
			Surface: roads.Beton, SurfaceText: "Cor beton", WidthM: 4, LengthM: 800,
			Geometry:  orb.MultiLineString{{{112.15, -8.09}, {112.152, -8.091}}, {{112.153, -8.092}, {112.155, -8.093}, {112.156, -8.0935}}},
			Kabupaten: "Kota Blitar", KecamatanCode: "35.72.01", Kecamatan: "Kepanjenkidul", Notes: StraightLineNote},
		{Key: roads.Key{Region: "35.72", No: "003"}, Name: "Gang Tanpa Peta", Surface: roads.Unknown, SurfaceText: "Tpt/Kirmir", LengthM: 150},
		{Key: roads.Key{Region: "35.72", No: "004"}, Name: "Jl. Diukur Dari Peta", Status: roads.Kota, Surface: roads.Aspal,
			Geometry: orb.LineString{{112.16, -8.1}, {112.165, -8.1}}, KecamatanCode: "35.72.03", Kecamatan: "Sananwetan"},
		{Key: roads.Key{Region: "BANDUNG", No: "ARJASARI/ANCOLMEKAR/Jln. Cilengkrang-Leuwicariu"}, Name: "Jln. Cilengkrang-Leuwicariu",
			Status: roads.Desa, Surface: roads.Beton, SurfaceText: "Beton", LengthM: 1104, Kabupaten: "BANDUNG", Kecamatan: "ARJASARI", Kelurahan: "ANCOLMEKAR"},
	}
	for _, r := range ruas {
		if err := st.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	surveys := []*roads.Survey{
		{Ruas: ruas[0].Key, Date: day(2023, 5, 1), StaToM: 1234.5, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{1000, 234.5, 0, 0}},
		{Ruas: ruas[0].Key, Date: day(2024, 6, 30), StaToM: 1234.5, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{600, 300, 234.5, 100}},
		{Ruas: ruas[1].Key, Date: day(2025, 1, 15), DateBasis: roads.DateFromImport, StaToM: 800, Scheme: roads.SchemeDesa4, Parts: [4]float64{100, 200, 300, 200}},
		{Ruas: ruas[3].Key, Date: day(2025, 3, 1), StaToM: 100, Distress: &roads.Distress{IRI: fp(3.5)}},
		{Ruas: ruas[3].Key, Date: day(2025, 3, 1), StaFromM: 100, StaToM: 200, Distress: &roads.Distress{CrackAreaPct: fp(5), CrackWidthMM: fp(4), Potholes: fp(1), RutCM: fp(2)}},
		{Ruas: ruas[4].Key, Date: day(2024, 8, 17), StaToM: 1104, Scheme: roads.SchemeDesa4, Parts: [4]float64{604, 500, 0, 0}},
	}
	for _, v := range surveys {
		if err := st.AddSurvey(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
}

var registerFields = cmpopts.IgnoreFields(roads.Ruas{}, "ID", "Version", "UpdatedAt", "Source", "Verif")

// compareNetworks checks that b holds the same register as a: every field
// of every ruas, and the latest condition wherever a exported it as one
// link-level record (unit surveys are summed in an export, not carried).
func compareNetworks(t *testing.T, a, b *roads.Network) {
	t.Helper()
	if len(a.Ruas) != len(b.Ruas) {
		t.Fatalf("%d ruas after the round trip, %d before", len(b.Ruas), len(a.Ruas))
	}
	byKey := map[roads.Key]*roads.Ruas{}
	for _, r := range b.Ruas {
		byKey[r.Key] = r
	}
	bad := 0
	for _, r := range a.Ruas {
		got := byKey[r.Key]
		if got == nil {
			t.Errorf("ruas %s lost", r.Key)
			bad++
			continue
		}
		if diff := cmp.Diff(r, got, registerFields); diff != "" {
			t.Errorf("ruas %s (-before +after):\n%s", r.Key, diff)
			bad++
		}
		la, lb := roads.LatestSurvey(a.Surveys[r.ID]), roads.LatestSurvey(b.Surveys[got.ID])
		if len(la) == 1 && la[0].Scheme != "" {
			if len(lb) != 1 {
				t.Errorf("ruas %s: %d latest surveys after the round trip, want 1", r.Key, len(lb))
				bad++
				continue
			}
			x, y := la[0], lb[0]
			if !x.Date.Equal(y.Date) || x.DateBasis != y.DateBasis || x.Scheme != y.Scheme || x.Parts != y.Parts ||
				x.Metres != y.Metres || x.StaFromM != y.StaFromM || x.StaToM != y.StaToM || x.MappingVersion != y.MappingVersion ||
				x.Assessment.Kondisi != y.Assessment.Kondisi {
				t.Errorf("ruas %s: latest survey\n before %+v\n after  %+v", r.Key, x, y)
				bad++
			}
		} else if len(lb) != 0 {
			t.Errorf("ruas %s: the export carried no link-level record, yet %d surveys were imported", r.Key, len(lb))
		}
		if bad > 10 {
			t.Fatal("too many differences")
		}
	}
}

// roundTrip exports st's network to a file of the given extension, imports
// it into an empty register, and compares the two.
func roundTrip(t *testing.T, st *sqlitestore.Store, ext string) {
	t.Helper()
	ctx := context.Background()
	before, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "jaringan"+ext)
	res, err := Export(out, before)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ruas != len(before.Ruas) || res.GeometryLeftOut != 0 {
		t.Fatalf("exported %+v of %d ruas", res, len(before.Ruas))
	}
	fresh := openStore(t, dir)
	rep, err := Import(ctx, fresh, []string{out}, Options{})
	if err != nil {
		for _, e := range rep.Files[0].Errors[:min(5, len(rep.Files[0].Errors))] {
			t.Log(e.Text(rep.Files[0].Name))
		}
		t.Fatalf("importing the export: %v", err)
	}
	after, err := fresh.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	compareNetworks(t, before, after)
}

func TestRoundTrip(t *testing.T) {
	for _, ext := range []string{".geojson", ".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			st := openStore(t, t.TempDir())
			sampleRegister(t, st)
			roundTrip(t, st, ext)
		})
	}
}

// TestExportGolden pins the exported files of the sample register; run
// with -update after an intended change and review the diff.
func TestExportGolden(t *testing.T) {
	st := openStore(t, t.TempDir())
	sampleRegister(t, st)
	n, err := st.Network(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rows := Rows(n)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"network.golden.csv", func(b *bytes.Buffer) error { return WriteCSV(b, rows) }},
		{"network.golden.geojson", func(b *bytes.Buffer) error { return WriteGeoJSON(b, rows) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := tc.write(&got); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join("testdata", tc.name)
			if *update {
				if err := os.WriteFile(p, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(p)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		})
	}
}
