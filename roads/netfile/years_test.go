package netfile

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// TestWideYears: a GIS layer with IRI 2023, IRI_2024 and IRI 2025 columns
// per link (the Bina Marga national-road layers) gives three dated
// whole-link surveys per ruas; BAIK_2024-style columns give one link-level
// record per year.
func TestWideYears(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	t.Run("IRI per year", func(t *testing.T) {
		dir := t.TempDir()
		st := openStore(t, dir)
		iri := map[string][3]float64{"A1": {3.2, 4.0, 4.1}, "A2": {7.9, 8.4, 12.5}, "A3": {2.1, 2.2, 2.3}}
		var fs []string
		i := 0
		for _, no := range []string{"A1", "A2", "A3"} {
			v := iri[no]
			lon := 117.6 + 0.01*float64(i)
			fs = append(fs, fmt.Sprintf(`{"type":"Feature","properties":{"LINKID":%q,"NAMA RUAS":"Ruas %s","PANJANG":1500,"IRI 2023":%g,"IRI_2024":%g,"IRI 2025":%g,"MNTP 2025":"Mantap"},
"geometry":{"type":"LineString","coordinates":[[%g,4.1],[%g,4.11]]}}`, no, no, v[0], v[1], v[2], lon, lon+0.01))
			i++
		}
		p := writeFile(t, dir, "kaltara.geojson", `{"type":"FeatureCollection","features":[`+strings.Join(fs, ",")+`]}`)
		rep, err := Import(ctx, st, []string{p}, Options{Region: "65.01", Now: now})
		if err != nil {
			t.Fatalf("%v %+v", err, rep.Files[0].Errors)
		}
		got := surveysByRuas(t, st)
		for no, v := range iri {
			ss := got[no]
			if len(ss) != 3 {
				t.Errorf("ruas %s: %d surveys, want 3", no, len(ss))
				continue
			}
			for k, y := range []int{2023, 2024, 2025} {
				s := ss[k]
				if !s.Date.Equal(time.Date(y, 7, 1, 0, 0, 0, 0, time.UTC)) || s.DateBasis != roads.DateFromYear {
					t.Errorf("ruas %s survey %d: date %v basis %s, want 1 July %d, year", no, k, s.Date, s.DateBasis, y)
				}
				if s.Distress == nil || s.Distress.IRI == nil || *s.Distress.IRI != v[k] || s.StaFromM != 0 || s.StaToM != 1500 {
					t.Errorf("ruas %s %d: %+v, want IRI %g over 0–1500 m", no, y, s, v[k])
					continue
				}
				if s.Assessment.Kondisi != iriClassRule(v[k]) {
					t.Errorf("ruas %s %d: class %s, want %s", no, y, s.Assessment.Kondisi, iriClassRule(v[k]))
				}
			}
		}
	})
	t.Run("metres per class per year", func(t *testing.T) {
		dir := t.TempDir()
		st := openStore(t, dir)
		p := writeFile(t, dir, "kondisi.csv", "NO RUAS,NAMA RUAS,PANJANG,BAIK_2023,SEDANG_2023,RUSAK RINGAN_2023,RUSAK BERAT_2023,KONDISI BAIK 2024,KONDISI SEDANG 2024,KONDISI RUSAK RINGAN 2024,KONDISI RUSAK BERAT 2024\n"+
			"1,Jl. Satu,1000,600,400,0,0,500,300,200,0\n2,Jl. Dua,800,800,0,0,0,,,,\n")
		rep, err := Import(ctx, st, []string{p}, Options{Region: "65.01", Now: now})
		if err != nil {
			t.Fatalf("%v %+v", err, rep.Files[0].Errors)
		}
		got := surveysByRuas(t, st)
		if len(got["1"]) != 2 || len(got["2"]) != 1 {
			t.Fatalf("surveys per ruas: 1 → %d, 2 → %d; want 2 and 1", len(got["1"]), len(got["2"]))
		}
		if s := got["1"][1]; s.Date.Year() != 2024 || s.Parts != [4]float64{500, 300, 200, 0} {
			t.Errorf("ruas 1 2024: %v %v", s.Date, s.Parts)
		}
	})
}

// TestLongYears: a long file (one row per ruas and year) gives one ruas
// with a survey per year; the same key with the same year is still a
// duplicate.
func TestLongYears(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	body := "NO RUAS,NAMA RUAS,PANJANG,TAHUN,BAIK,SEDANG,RUSAK RINGAN,RUSAK BERAT\n" +
		"1,Jl. Satu,1000,2023,1000,0,0,0\n" +
		"2,Jl. Dua,500,2023,500,0,0,0\n" +
		"1,Jl. Satu,1000,2024,800,200,0,0\n" +
		"2,Jl. Dua,500,2024,300,200,0,0\n" +
		"1,Jl. Satu,1000,2025,600,200,200,0\n"
	p := writeFile(t, dir, "long.csv", body)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "65.01", Now: now})
	if err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	if a := rep.Applied; a.Ruas.Created != 2 || a.Surveys.Created != 5 {
		t.Errorf("applied %+v: want 2 ruas and 5 surveys", a)
	}
	got := surveysByRuas(t, st)
	wantParts := map[string][][4]float64{"1": {{1000, 0, 0, 0}, {800, 200, 0, 0}, {600, 200, 200, 0}}, "2": {{500, 0, 0, 0}, {300, 200, 0, 0}}}
	for no, ps := range wantParts {
		if len(got[no]) != len(ps) {
			t.Errorf("ruas %s: %d surveys, want %d", no, len(got[no]), len(ps))
			continue
		}
		for i, s := range got[no] {
			if s.Parts != ps[i] || s.Date.Year() != 2023+i || s.DateBasis != roads.DateFromYear {
				t.Errorf("ruas %s survey %d: %v %v %s", no, i, s.Date, s.Parts, s.DateBasis)
			}
		}
	}
	dup := writeFile(t, dir, "dup.csv", body+"2,Jl. Dua,500,2024,500,0,0,0\n")
	rep, err = Import(ctx, st, []string{dup}, Options{Region: "65.01", Now: now, DryRun: true})
	if !errors.Is(err, ErrRowsInvalid) || len(rep.Files[0].Errors) != 1 || rep.Files[0].Errors[0].Category != CatDuplicate || rep.Files[0].Errors[0].Row != 6 {
		t.Errorf("same key and year again: %v %+v, want row 6 duplicate_key", err, rep.Files[0].Errors)
	}
}

// TestMappingYearsAndConstants: a mapping names a column's year
// ("iri:2024") and gives constants for surface, width, status and fungsi.
func TestMappingYearsAndConstants(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	m, err := ParseMapping([]byte(`{"columns":{"Kekasaran 24":"iri:2024","Kode":"no_ruas","Jalan":"name","Pjg":"length_m"},
		"surface":"aspal","width_m":4.5,"status":"kabupaten","fungsi":"lokal","region":"65.01"}`))
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, dir, "x.csv", "Kode,Jalan,Pjg,Kekasaran 24\nK1,Jl. K,700,5.5\n")
	rep, err := Import(ctx, st, []string{p}, Options{Mapping: m, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	r, err := st.Ruas(ctx, roads.Key{Region: "65.01", No: "K1"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Surface != roads.Aspal || r.WidthM != 4.5 || r.Status != roads.Kabupaten || r.Fungsi != roads.Lokal {
		t.Errorf("constants not applied: %+v", r)
	}
	vs := surveysByRuas(t, st)["K1"]
	if len(vs) != 1 || vs[0].Date.Year() != 2024 || *vs[0].Distress.IRI != 5.5 {
		t.Errorf("surveys %+v", vs)
	}
	if _, err := ParseMapping([]byte(`{"columns":{"X":"name:2024"}}`)); err == nil {
		t.Error("a year on a field that is not a survey measure was accepted")
	}
}

// TestPolygonInventory: polygons are refused with a hint, and imported
// without geometry with --no-geometry.
func TestPolygonInventory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	var fs []string
	for i := 0; i < 3; i++ {
		x := 110.36 + 0.01*float64(i)
		fs = append(fs, fmt.Sprintf(`{"type":"Feature","properties":{"NO RUAS":"%d","NAMA RUAS":"Jl. Kota %d","PANJANG":%d,"LEBAR":6},
"geometry":{"type":"Polygon","coordinates":[[[%g,-7.8],[%g,-7.8],[%g,-7.7999],[%g,-7.7999],[%g,-7.8]]]}}`, i+1, i+1, 300+i*100, x, x+0.003, x+0.003, x, x))
	}
	p := writeFile(t, dir, "yogya.geojson", `{"type":"FeatureCollection","features":[`+strings.Join(fs, ",")+`]}`)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "34.71", DryRun: true})
	if !errors.Is(err, ErrRowsInvalid) || rep.Files[0].Rejected != 3 || !strings.Contains(rep.Files[0].Errors[0].Message, "--no-geometry") {
		t.Fatalf("without --no-geometry: %v %+v", err, rep.Files[0].Errors)
	}
	rep, err = Import(ctx, st, []string{p}, Options{Region: "34.71", NoGeometry: true})
	if err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	n, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Ruas) != 3 {
		t.Fatalf("%d ruas stored, want 3", len(n.Ruas))
	}
	for i, r := range n.Ruas {
		if r.Geometry != nil || r.LengthM != float64(300+i*100) || r.WidthM != 6 {
			t.Errorf("ruas %s: geometry %v length %g width %g", r.Key, r.Geometry, r.LengthM, r.WidthM)
		}
	}
	var warned bool
	for _, w := range rep.Files[0].Warnings {
		warned = warned || w.Category == CatGeometryIgnored && w.Count == 3
	}
	if !warned {
		t.Errorf("no geometry_ignored warning for 3 rows: %+v", rep.Files[0].Warnings)
	}
}

// TestFarButInside: a real-looking Krayan link, far from the other
// Nunukan links but inside Indonesia, imports with a warning.
func TestFarButInside(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	var fs []string
	var lons, lats []float64
	for i := 0; i < 12; i++ {
		lon, lat := 117.60+0.01*float64(i), 4.10+0.005*float64(i)
		fs = append(fs, fmt.Sprintf(`{"type":"Feature","properties":{"NO RUAS":"%d","NAMA RUAS":"Ruas %d","PANJANG":1100,"KABUPATEN":"NUNUKAN"},
"geometry":{"type":"LineString","coordinates":[[%g,%g],[%g,%g]]}}`, i+1, i+1, lon, lat, lon+0.01, lat))
		lons = append(lons, lon, lon+0.01)
		lats = append(lats, lat, lat)
	}
	far := [2]float64{116.05, 3.70} // Krayan, near the Sarawak border
	fs = append(fs, fmt.Sprintf(`{"type":"Feature","properties":{"NO RUAS":"99","NAMA RUAS":"Ruas Krayan","PANJANG":1100,"KABUPATEN":"NUNUKAN"},
"geometry":{"type":"LineString","coordinates":[[%g,%g],[%g,%g]]}}`, far[0], far[1], far[0]+0.01, far[1]))
	// The median of the others, as the check takes it, and the distance.
	med := func(xs []float64) float64 {
		s := append([]float64(nil), xs...)
		for i := range s {
			for j := i + 1; j < len(s); j++ {
				if s[j] < s[i] {
					s[i], s[j] = s[j], s[i]
				}
			}
		}
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	lons = append(lons, far[0], far[0]+0.01)
	lats = append(lats, far[1], far[1])
	d := haversine(far[0], far[1], med(lons), med(lats))
	if d < 100_000 || d > 250_000 {
		t.Fatalf("test set-up: the far link is %g km from the median, want 100–250", d/1000)
	}
	p := writeFile(t, dir, "nunukan.geojson", `{"type":"FeatureCollection","features":[`+strings.Join(fs, ",")+`]}`)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "65.03"})
	if err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	if _, err := st.Ruas(ctx, roads.Key{Region: "65.03", No: "99"}); err != nil {
		t.Fatalf("the Krayan link (%.0f km from the rest) was not stored: %v", d/1000, err)
	}
	var warned bool
	for _, w := range rep.Files[0].Warnings {
		warned = warned || w.Row == 13 && w.Category == CatFar
	}
	if !warned {
		t.Errorf("no %s warning for the Krayan link: %+v", CatFar, rep.Files[0].Warnings)
	}
}

// TestMergePieces: a GIS export with one ruas in three rows (each with its
// own piece length) becomes one MultiLineString whose length is the sum;
// without --merge-pieces the later rows are duplicates.
func TestMergePieces(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	pieces := [][][2]float64{
		{{110.40, -7.80}, {110.41, -7.80}, {110.415, -7.805}},
		{{110.415, -7.805}, {110.42, -7.81}},
		{{110.42, -7.81}, {110.43, -7.812}, {110.44, -7.815}},
	}
	var want float64
	var fs []string
	for i, pc := range pieces {
		var coords []string
		for k, pt := range pc {
			coords = append(coords, fmt.Sprintf("[%g,%g]", pt[0], pt[1]))
			if k > 0 {
				want += haversine(pc[k-1][0], pc[k-1][1], pt[0], pt[1])
			}
		}
		fs = append(fs, fmt.Sprintf(`{"type":"Feature","properties":{"NO_RUAS":"12","NAMA_RUAS":"Jl. Potong","SHAPE_Length":%g,"KET":"segmen %d"},
"geometry":{"type":"LineString","coordinates":[%s]}}`, 0.01*float64(i+1), i+1, strings.Join(coords, ",")))
	}
	p := writeFile(t, dir, "gis.geojson", `{"type":"FeatureCollection","features":[`+strings.Join(fs, ",")+`]}`)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "34.04", DryRun: true})
	if !errors.Is(err, ErrRowsInvalid) || rep.Files[0].Rejected != 2 || rep.Files[0].Errors[0].Category != CatDuplicate {
		t.Fatalf("without --merge-pieces: %v %+v, want 2 duplicates", err, rep.Files[0].Errors)
	}
	rep, err = Import(ctx, st, []string{p}, Options{Region: "34.04", MergePieces: true})
	if err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	r, err := st.Ruas(ctx, roads.Key{Region: "34.04", No: "12"})
	if err != nil {
		t.Fatal(err)
	}
	mls, ok := r.Geometry.(interface{ GeoJSONType() string })
	if !ok || mls.GeoJSONType() != "MultiLineString" {
		t.Fatalf("geometry %T, want one MultiLineString", r.Geometry)
	}
	// haversine takes the mean earth radius; the store measures on orb's
	// 6,378,137 m sphere.
	want *= 6378137 / 6371008.8
	if math.Abs(r.GeomLengthM-want) > 1e-6*want {
		t.Errorf("drawn length %.3f m, want the pieces' sum %.3f m", r.GeomLengthM, want)
	}
	if rep.Applied.Ruas.Created != 1 || rep.Files[0].Imported != 3 {
		t.Errorf("created %d ruas from %d rows", rep.Applied.Ruas.Created, rep.Files[0].Imported)
	}
}

// TestGeometryWarnings: a line drawn far shorter or longer than its stated
// length, and a closed outline passed off as a centre line, are warned.
func TestGeometryWarnings(t *testing.T) {
	// 0.01° of longitude at 7.8° S is about 1.1 km.
	doc := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"NO RUAS":"1","NAMA RUAS":"Pas","PANJANG":1100},"geometry":{"type":"LineString","coordinates":[[110.40,-7.8],[110.41,-7.8]]}},
{"type":"Feature","properties":{"NO RUAS":"2","NAMA RUAS":"Tiga kali","PANJANG":350},"geometry":{"type":"LineString","coordinates":[[110.40,-7.81],[110.41,-7.81]]}},
{"type":"Feature","properties":{"NO RUAS":"3","NAMA RUAS":"Keliling","PANJANG":4400},"geometry":{"type":"LineString","coordinates":[[110.40,-7.82],[110.41,-7.82],[110.41,-7.83],[110.40,-7.83],[110.40,-7.82]]}}]}`
	dir := t.TempDir()
	p := writeFile(t, dir, "g.geojson", doc)
	rep, err := Import(context.Background(), nil, []string{p}, Options{Region: "34.71", DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int][]string{}
	for _, w := range rep.Files[0].Warnings {
		if w.Row > 0 {
			got[w.Row] = append(got[w.Row], w.Category)
		}
	}
	if len(got[1]) != 0 || len(got[2]) != 1 || got[2][0] != CatLengthMismatch || len(got[3]) != 1 || got[3][0] != CatOutline {
		t.Errorf("warnings %v: want none on row 1, length_mismatch on 2, closed_line on 3", got)
	}
}
