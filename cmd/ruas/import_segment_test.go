package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestImportSegmentsCLI: through run(), a segment file is checked in a
// dry run against the existing register (its unknown ruas named), then
// imported; polygons import with --no-geometry; the help names the
// importable quantities.
func TestImportSegmentsCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ruas := write("ruas.csv", "NO RUAS,NAMA RUAS,PANJANG\n001,Jl. A,200\n")
	if code, _, stderr := runCLI(t, "import", "--db", db, "--region", "65.03", ruas); code != 0 {
		t.Fatalf("ruas import exit %d: %s", code, stderr)
	}
	seg := write("seg.csv", "LINKID,STA AWAL,STA AKHIR,IRI,TAHUN\n001,0+000,0+100,3,2024\n001,0+100,0+200,6,2024\n002,0+000,0+100,6,2024\n")
	code, _, stderr := runCLI(t, "import", "--db", db, "--dry-run", seg)
	if code != 1 || !strings.Contains(stderr, "ruas 002 tidak ada di register") {
		t.Fatalf("dry run: exit %d, stderr %s; want exit 1 naming ruas 002", code, stderr)
	}
	seg = write("seg.csv", "LINKID,STA AWAL,STA AKHIR,IRI,TAHUN\n001,0+000,0+100,3,2024\n001,0+100,0+200,6,2024\n")
	if code, _, stderr := runCLI(t, "import", "--db", db, seg); code != 0 {
		t.Fatalf("segment import exit %d: %s", code, stderr)
	}
	st, err := sqlitestore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.Surveys(context.Background(), roads.SurveyFilter{})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[1].StaFromM != 100 || vs[1].Assessment.Kondisi != roads.Sedang || vs[1].DateBasis != roads.DateFromYear {
		t.Errorf("surveys %+v: want two 100 m units, the second Sedang, dated by year", vs)
	}
	poly := write("poly.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NO RUAS":"P1","NAMA RUAS":"Jl. P","PANJANG":150},
"geometry":{"type":"Polygon","coordinates":[[[110.4,-7.8],[110.401,-7.8],[110.401,-7.801],[110.4,-7.8]]]}}]}`)
	if code, _, _ := runCLI(t, "import", "--db", db, "--region", "34.71", poly); code != 1 {
		t.Errorf("polygon without --no-geometry: exit %d, want 1", code)
	}
	if code, _, stderr := runCLI(t, "import", "--db", db, "--region", "34.71", "--no-geometry", poly); code != 0 || !strings.Contains(stderr, "geometry_ignored") {
		t.Errorf("polygon with --no-geometry: exit %d, stderr %s", code, stderr)
	}
	_, stdout, stderr := runCLI(t, "import", "-h")
	help := stdout + stderr
	for _, w := range []string{"IRI", "STA AWAL", "LUAS RETAK", "LUBANG", "ALUR", "KM AWAL", "LAJUR", "IRI 2023", "1 Juli", "--merge-pieces", "--no-geometry"} {
		if !strings.Contains(help, w) {
			t.Errorf("import -h does not mention %q", w)
		}
	}
}
