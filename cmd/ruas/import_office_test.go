package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// A register whose office has a boundary: `ruas import` refuses a link
// 5 km outside it, naming the boundary and the tolerance, and imports a
// link inside it; rows of a file without a region column are numbered in
// the office's region, not under the file's name.
func TestImportChecksTheOfficeBoundary(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	// The office's outline: 110.39–110.449 E, 7.81–7.77 S.
	bnd := filepath.Join(dir, "batas.geojson")
	if err := os.WriteFile(bnd, []byte(`{"type":"Polygon","coordinates":[[[110.39,-7.81],[110.449,-7.81],[110.449,-7.77],[110.39,-7.77],[110.39,-7.81]]]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "init", "--db", db, "--region", "34.71", "--boundary", bnd); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	// 5 km east of the eastern edge at 7.79° S, on a sphere of 6,371 km.
	dlon := 5000 / (6371000 * math.Cos(7.79*math.Pi/180)) * 180 / math.Pi
	east := 110.449 + dlon
	header := "NO RUAS;NAMA RUAS;PANJANG (m);LAT AWAL;LNG AWAL;LAT AKHIR;LNG AKHIR\n"
	inside := "001;Jl. Dalam;1100;-7,79;110,40;-7,79;110,41\n"
	outside := "002;Jl. Luar;1100;-7,79;" + coord(east-0.01) + ";-7,79;" + coord(east) + "\n"
	both := filepath.Join(dir, "jalan.csv")
	if err := os.WriteFile(both, []byte(header+inside+outside), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "import", "--db", db, both)
	if code == 0 {
		t.Fatalf("a link 5 km outside the office's boundary imported:\n%s", stderr)
	}
	for _, want := range []string{"baris 3", "di luar batas wilayah kantor", "toleransi 2 km"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("refusal does not say %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "baris 2:") {
		t.Errorf("the link inside the boundary is refused:\n%s", stderr)
	}
	if n := countRuas(t, db); n != 0 {
		t.Fatalf("a refused import wrote %d ruas", n)
	}
	in := filepath.Join(dir, "dalam.csv")
	if err := os.WriteFile(in, []byte(header+inside), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI(t, "import", "--db", db, in); code != 0 {
		t.Fatalf("a link inside the boundary is refused:\n%s%s", stdout, stderr)
	}
	s, err := sqlitestore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Ruas(context.Background(), roads.Key{Region: "34.71", No: "001"}); err != nil {
		t.Errorf("the file without a region column is not numbered in the office's region 34.71: %v", err)
	}
}

// coord writes a longitude with a decimal comma, as the file's others.
func coord(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', 6, 64), ".", ",", 1) }

// A link 1 km outside the office's boundary is within the import's
// tolerance (2 km) and is imported; `ruas quality`, whose tolerance is
// 250 m, flags it against the same boundary, and says which it used.
func TestQualityChecksTheOfficeBoundary(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	bnd := filepath.Join(dir, "batas.geojson")
	if err := os.WriteFile(bnd, []byte(`{"type":"Polygon","coordinates":[[[110.39,-7.81],[110.449,-7.81],[110.449,-7.77],[110.39,-7.77],[110.39,-7.81]]]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "init", "--db", db, "--region", "34.71", "--boundary", bnd); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	// 1 km beyond the eastern edge at 7.79° S.
	east := 110.449 + 1000/(6371000*math.Cos(7.79*math.Pi/180))*180/math.Pi
	f := filepath.Join(dir, "jalan.csv")
	body := "NO RUAS;NAMA RUAS;PANJANG (m);LAT AWAL;LNG AWAL;LAT AKHIR;LNG AKHIR\n" +
		"001;Jl. Dalam;1100;-7,79;110,40;-7,79;110,41\n" +
		"002;Jl. Tepi;1100;-7,79;" + coord(east-0.01) + ";-7,79;" + coord(east) + "\n"
	if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI(t, "import", "--db", db, f); code != 0 {
		t.Fatalf("import: %s%s", stdout, stderr)
	}
	code, stdout, stderr := runCLI(t, "quality", "--db", db, "--as-of", "2026-01-01")
	if code != 0 {
		t.Fatalf("quality: %s", stderr)
	}
	if !strings.Contains(stdout, "batas wilayah Kota Yogyakarta (toleransi 250 m)") {
		t.Errorf("quality does not say it used the office's boundary:\n%.400s", stdout)
	}
	var outside []string
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Contains(line, "geometry_outside") {
			outside = append(outside, line)
		}
	}
	if len(outside) != 1 || !strings.HasPrefix(outside[0], "34.71/002") {
		t.Errorf("geometry_outside findings %q, want one for 34.71/002", outside)
	}
}
