//go:build cgo

package quality

import (
	"bytes"
	"context"
	"flag"
	"fmt"
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

var update = flag.Bool("update", false, "rewrite testdata/*.json.gz from registers built in real SQLite files")

// addValidity stores the validity register: six sound ruas around one
// town plus one ruas per defect (see validityNames).
func addValidity(ctx context.Context, s *sqlitestore.Store) error {
	add := func(name string, line orb.Geometry, lengthM float64, status roads.Status) error {
		no := fmt.Sprintf("%03d", validityNo(name))
		r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: no}, Name: "Jl. " + name, Status: status, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: lengthM, Geometry: line, Kecamatan: "Tengah",
			Source: roads.Source{Form: "test", User: "t"}}
		if err := s.CreateRuas(ctx, r); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	var errs []error
	// Six sound ruas on a 3 × 2 km grid: 1,103 m drawn, 1,100 m stated.
	for i := 0; i < 6; i++ {
		errs = append(errs, add(fmt.Sprintf("baik%d", i), lineAt(110.40+0.012*float64(i%3), -7.80+0.01*float64(i/3), 0.01), 1100, roads.Kota))
	}
	// The same road 5.5° east: ≈ 607 km from the others.
	errs = append(errs, add("jauh", lineAt(115.90, -7.80, 0.01), 1100, roads.Kota))
	// A 1 m road, drawn and stated.
	errs = append(errs, add("pendek", orb.LineString{{110.41, -7.795}, {110.41001, -7.795}}, 1.1, roads.Kota))
	// 45 km stated for a city road, no geometry.
	errs = append(errs, add("panjang", nil, 45_000, roads.Kota))
	// 45 km for a provincial road is plausible.
	errs = append(errs, add("provinsi", nil, 45_000, roads.Provinsi))
	// Drawn 1,103 m, stated 2,500 m.
	errs = append(errs, add("selisih", lineAt(110.41, -7.785, 0.01), 2500, roads.Kota))
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// borderRuas: one ruas crossing the eastern edge of the test office by
// about 110 m (on the border), and one 1.1 km beyond it.
func borderRuas() []*roads.Ruas {
	return []*roads.Ruas{
		{Key: roads.Key{Region: "99.01", No: "900"}, Name: "Jl. Batas", Status: roads.Kota, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: lineAt(110.44, -7.79, 0.01), Source: roads.Source{Form: "test"}},
		outRuas(),
	}
}

// outRuas lies 0.02° (≈ 2.2 km) east of the sound grid, whose eastern end
// is 110.434 E.
func outRuas() *roads.Ruas {
	return &roads.Ruas{Key: roads.Key{Region: "99.01", No: "901"}, Name: "Jl. Luar", Status: roads.Kota, Fungsi: roads.Lokal,
		Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: lineAt(110.46, -7.79, 0.01), Source: roads.Source{Form: "test"}}
}

// addDated adds to the validity register surveys, works and traffic
// dated around 30 June 2025 (TestCheckFutureDates).
func addDated(ctx context.Context, s *sqlitestore.Store) error {
	key := func(name string) roads.Key {
		return roads.Key{Region: "99.01", No: fmt.Sprintf("%03d", validityNo(name))}
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	iri := 4.0
	for _, v := range []struct {
		name string
		d    time.Time
	}{{"baik0", day(6, 30)}, {"baik1", day(7, 1)}} { // the report's own day: not the future; the day after
		if err := s.AddSurvey(ctx, &roads.Survey{Ruas: key(v.name), Date: v.d, StaFromM: 0, StaToM: 1100,
			Distress: &roads.Distress{IRI: &iri}, Source: roads.Source{Form: "test"}}); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		name      string
		d         time.Time
		committed bool
	}{
		{"baik2", day(6, 1), false},   // done, in the past
		{"baik3", day(9, 1), false},   // "done" in September: the future
		{"baik4", day(9, 1), true},    // contracted for September
		{"baik5", day(3, 1), true},    // contracted for March, still not recorded as done
		{"selisih", day(6, 30), true}, // contracted for today
	} {
		if err := s.AddWorks(ctx, &roads.Works{Ruas: key(w.name), Date: w.d, Type: roads.Rutin, StaFromM: 0, StaToM: 1100,
			Committed: w.committed, ContractRef: w.name, Source: roads.Source{Form: "test"}}); err != nil {
			return err
		}
	}
	for _, tr := range []struct {
		name string
		year int
	}{{"baik0", 2025}, {"baik1", 2026}} {
		if err := s.SetTraffic(ctx, &roads.Traffic{Ruas: key(tr.name), Year: tr.year, LHR: 1200, Source: roads.Source{Form: "test"}}); err != nil {
			return err
		}
	}
	return nil
}

// addDefects stores the register of TestCheckFindsEachDefect: Kota
// Blitar's office and five ruas, each but the first with one defect.
func addDefects(ctx context.Context, s *sqlitestore.Store) error {
	if err := demo.SetOffice(ctx, s); err != nil { // the codes below are Kota Blitar's
		return err
	}
	// 0.01° of longitude at 8.1° S is ≈ 1,101 m.
	line := orb.LineString{{112.160, -8.100}, {112.170, -8.100}}
	asOf := defectsAsOf
	for _, d := range defects {
		r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: d.no}, Name: "Jl. " + d.no, Status: roads.Kota, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: d.lengthM, Geometry: line, KecamatanCode: "35.72.02", Kecamatan: "Sukorejo",
			KelurahanCode: d.kel, Kelurahan: "Pakunden", Source: roads.Source{Form: "test", User: "t"}}
		if err := s.CreateRuas(ctx, r); err != nil {
			return err
		}
		date := asOf.AddDate(0, -d.monthsAgo, 0)
		for sta := 0.0; sta < 1100; sta += 100 {
			if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaFromM: sta, StaToM: sta + 100, Distress: &roads.Distress{IRI: fl(4)}, Source: roads.Source{Form: "test"}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// addDateBasis stores three ruas surveyed on 1 July 2026, dated by their
// year, by the import and by the survey itself (TestSurveyDateBasis).
func addDateBasis(ctx context.Context, s *sqlitestore.Store) error {
	line := orb.LineString{{112.160, -8.100}, {112.170, -8.100}}
	basis := map[string]string{"001": roads.DateFromYear, "002": roads.DateFromImport, "003": roads.DateFromSurvey}
	for _, no := range []string{"001", "002", "003"} {
		r := &roads.Ruas{Key: roads.Key{Region: "99.01", No: no}, Name: "Jl. " + no, Status: roads.Kota, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: line, Source: roads.Source{Form: "test", User: "t"}}
		if err := s.CreateRuas(ctx, r); err != nil {
			return err
		}
		v := &roads.Survey{Ruas: r.Key, Date: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), DateBasis: basis[no], StaFromM: 0, StaToM: 1100,
			Distress: &roads.Distress{IRI: fl(4)}, Source: roads.Source{File: "f.csv", Row: 2}}
		if err := s.AddSurvey(ctx, v); err != nil {
			return err
		}
	}
	return nil
}

// addRegion stores two Kabupaten Bogor ruas, one with Bogor's first
// kecamatan and kelurahan codes and one with Kota Blitar's.
func addRegion(ctx context.Context, s *sqlitestore.Store) error {
	kec := roads.Ref().Within("32.01", roads.LevelKecamatan)[0]
	kel := roads.Ref().Within(kec.Code, roads.LevelKelurahan)[0]
	mk := func(no, kecCode, kelCode string) *roads.Ruas {
		return &roads.Ruas{Key: roads.Key{Region: "32.01", No: no}, Name: "Jl. " + no, Status: roads.Kabupaten, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: 1000, KecamatanCode: kecCode, Kecamatan: kec.Name, KelurahanCode: kelCode,
			Kelurahan: kel.Name, Source: roads.Source{Form: "test", User: "t"}}
	}
	for _, r := range []*roads.Ruas{mk("001", kec.Code, kel.Code), mk("002", "35.72.02", "35.72.02.1001")} {
		if err := s.CreateRuas(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

func setOffice(ctx context.Context, s *sqlitestore.Store, in roads.OfficeInput) error {
	o, errs := roads.NewOffice(in)
	if len(errs) > 0 {
		return errs[0]
	}
	return s.SetOffice(ctx, o, "admin", fixtureTime)
}

func createAll(ctx context.Context, s *sqlitestore.Store, rs []*roads.Ruas) error {
	for _, r := range rs {
		if err := s.CreateRuas(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// builds makes each state the tests read, by steps on a new register.
var builds = map[string][]func(ctx context.Context, s *sqlitestore.Store) error{
	stateValidity: {addValidity},
	stateBorder: {addValidity, func(ctx context.Context, s *sqlitestore.Store) error {
		return createAll(ctx, s, borderRuas())
	}},
	stateDated: {addValidity, addDated},
	stateOut: {addValidity, func(ctx context.Context, s *sqlitestore.Store) error {
		return createAll(ctx, s, []*roads.Ruas{outRuas()})
	}},
	stateOutOffice: {addValidity, func(ctx context.Context, s *sqlitestore.Store) error {
		if err := createAll(ctx, s, []*roads.Ruas{outRuas()}); err != nil {
			return err
		}
		// The office's outline: 110.39–110.449 E, 7.81–7.77 S (the grid inside).
		return setOffice(ctx, s, roads.OfficeInput{Region: "34.71", Boundary: []byte(
			`{"type":"Polygon","coordinates":[[[110.39,-7.81],[110.449,-7.81],[110.449,-7.77],[110.39,-7.77],[110.39,-7.81]]]}`)})
	}},
	stateDefects:   {addDefects},
	stateDateBasis: {addDateBasis},
	stateRegion:    {addRegion},
	stateRegionBogor: {addRegion, func(ctx context.Context, s *sqlitestore.Store) error {
		return setOffice(ctx, s, roads.OfficeInput{Region: "32.01"})
	}},
}

// TestFixtureStates builds every state the tests read in a real SQLite
// file and checks the committed network equals what the register reads
// back (-update rewrites them).
func TestFixtureStates(t *testing.T) {
	ctx := context.Background()
	if len(builds) != len(states) {
		t.Fatalf("%d states, %d builds", len(states), len(builds))
	}
	for _, state := range states {
		s, err := sqlitestore.OpenWith(ctx, filepath.Join(t.TempDir(), state+".db"), sqlitestore.Options{Now: func() time.Time { return fixtureTime }})
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range builds[state] {
			if err := step(ctx, s); err != nil {
				t.Fatalf("%s: %v", state, err)
			}
		}
		net, err := s.Network(ctx)
		s.Close()
		if err != nil {
			t.Fatal(err)
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
			t.Errorf("%s differs from the register; run go test ./roads/quality -run TestFixtureStates -update (-register +fixture):\n%.3000s", statePath(state), d)
		}
	}
}

func fl(v float64) *float64 { return &v }

// 0.01° of longitude at 7.8° S is ≈ 1,103 m; 0.01° of latitude ≈ 1,106 m.
func lineAt(lon, lat, dlon float64) orb.LineString {
	return orb.LineString{{lon, lat}, {lon + dlon/2, lat + 0.0001}, {lon + dlon, lat}}
}
