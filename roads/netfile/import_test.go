package netfile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportAtomic: one bad row refuses the whole file and writes nothing;
// with SkipInvalid the good rows are written and the bad one kept aside.
func TestImportAtomic(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := writeFile(t, dir, "ruas.csv", "NO RUAS,NAMA RUAS,PANJANG,LEBAR\n001,Jl. A,100,5\n002,Jl. B,200,abc\n003,Jl. C,300,6\n")
	st := openStore(t, dir)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "35.72"})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Fatalf("err = %v, want ErrRowsInvalid", err)
	}
	if n, _ := st.CountRuas(ctx, roads.RuasFilter{}); n != 0 {
		t.Fatalf("%d ruas written by a refused import", n)
	}
	want := Problem{Row: 2, Line: 3, Column: "LEBAR", Value: "abc", Category: CatValue}
	if e := rep.Files[0].Errors; len(e) != 1 || e[0].Row != want.Row || e[0].Line != want.Line || e[0].Column != want.Column ||
		e[0].Value != want.Value || e[0].Category != want.Category || e[0].Message == "" {
		t.Errorf("errors %+v, want one like %+v", e, want)
	}
	if _, err := os.Stat(RejectsPath(p)); !os.IsNotExist(err) {
		t.Errorf("a refused import wrote a rejects file (%v)", err)
	}

	rep, err = Import(ctx, st, []string{p}, Options{Region: "35.72", SkipInvalid: true, DryRun: true})
	if err != nil || rep.Written {
		t.Fatalf("dry run: %v, written %v", err, rep.Written)
	}
	if n, _ := st.CountRuas(ctx, roads.RuasFilter{}); n != 0 {
		t.Fatalf("%d ruas written by a dry run", n)
	}

	rep, err = Import(ctx, st, []string{p}, Options{Region: "35.72", SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.CountRuas(ctx, roads.RuasFilter{}); n != 2 || rep.Files[0].Imported != 2 || rep.Files[0].Rejected != 1 {
		t.Errorf("stored %d, report %+v; want 2 stored, 1 rejected", n, rep.Files[0])
	}
	b, err := os.ReadFile(RejectsPath(p))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "002,Jl. B,200,abc,2,value_invalid,") {
		t.Errorf("rejects file:\n%s", b)
	}
}

// TestImportMapping reads an office layout the headers alone do not
// explain: title rows, semicolons, decimal commas, lengths in km, odd
// column names, and constants from the mapping file.
func TestImportMapping(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := writeFile(t, dir, "daftar.csv", "DAFTAR RUAS JALAN KOTA BLITAR\nDinas PUPR\n"+
		"No;Kode;Ruas Jln;Pjg;Lbr (m);Kec;Kel;Jenis Perkerasan;B;S;RR;RB;Foto\n"+
		"1;001;Jl. Merdeka;1,25;6,5;Sukorejo;Pakunden;Hotmix;1;0,25;;;a.jpg\n"+
		"2;002;Jl. Kenanga;0,4;4;Kepanjen Kidul;Bendo;Paving Block;0,4;;;;\n")
	m, err := ParseMapping([]byte(`{
		"columns": {"Kode": "no_ruas", "Ruas Jln": "name", "Pjg": "length_m", "Lbr (m)": "width_m", "Kec": "kecamatan",
			"Kel": "kelurahan", "B": "baik", "S": "sedang", "RR": "rusak_ringan", "RB": "rusak_berat", "Foto": "-", "Lebar Bahu": "-"},
		"units": {"length_m": "km", "B": "km", "S": "km", "RR": "km", "RB": "km"},
		"region": "35.72", "status": "kota", "scheme": "bm", "survey_date": "2025-07-01"}`))
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, dir)
	rep, err := Import(ctx, st, []string{p}, Options{Mapping: m})
	if err != nil {
		t.Fatalf("%v: %+v", err, rep.Files[0].Errors)
	}
	var unused bool
	for _, w := range rep.Files[0].Warnings {
		switch {
		case w.Category == CatMappingUnused && w.Column == "Lebar Bahu":
			unused = true
		case w.Category != CatNoCoordinates: // the file has no coordinates: one file-level warning
			t.Errorf("unexpected warning: %s", w.Text(rep.Files[0].Name))
		}
	}
	if !unused {
		t.Error("a mapped column the file lacks is not reported")
	}
	r, err := st.Ruas(ctx, roads.Key{Region: "35.72", No: "001"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Jl. Merdeka" || r.LengthM != 1250 || r.WidthM != 6.5 || r.Status != roads.Kota || r.Surface != roads.Aspal ||
		r.SurfaceText != "Hotmix" || r.KecamatanCode != "35.72.02" || r.KelurahanCode != "35.72.02.1001" {
		t.Errorf("ruas 001 stored as %+v", r)
	}
	r2, _ := st.Ruas(ctx, roads.Key{Region: "35.72", No: "002"})
	if r2 == nil || r2.KecamatanCode != "35.72.01" || r2.KelurahanCode != "35.72.01.1006" || r2.Surface != roads.Paving {
		t.Errorf("ruas 002 stored as %+v", r2)
	}
	vs, err := st.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if err != nil || len(vs) != 1 {
		t.Fatalf("surveys %v %v", vs, err)
	}
	v := vs[0]
	if v.Scheme != roads.SchemeBinaMarga || v.Parts != [4]float64{1000, 250, 0, 0} || v.DateBasis != roads.DateFromSurvey ||
		v.Date.Format("2006-01-02") != "2025-07-01" || v.StaToM != 1250 || v.Source.File != "daftar.csv" || v.Source.Row != 1 {
		t.Errorf("survey %+v", v)
	}
}

func TestParseMappingErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"unknown field", `{"columns": {"A": "nama_jalan"}}`, "tidak dikenal"},
		{"bad unit", `{"units": {"length_m": "mil"}}`, "satuan"},
		{"bad scheme", `{"scheme": "pci"}`, "skema"},
		{"bad date", `{"survey_date": "1/7/2025"}`, "YYYY-MM-DD"},
		{"unknown key", `{"kolom": {}}`, "kunci yang dikenal"},
		{"bad status", `{"status": "lokal"}`, "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMapping([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// TestImportXLSX reads a workbook laid out as offices do: a title, a
// merged KONDISI (km) group over its classes, a row of column numbers,
// numeric and date cells, and a JUMLAH row.
func TestImportXLSX(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := excelize.NewFile()
	sh := "Sheet1"
	rows := [][]any{
		{"DATA KONDISI JALAN DESA"},
		{"NO", "NAMA RUAS", "KECAMATAN", "DESA", "PANJANG (km)", "KONDISI (km)", nil, nil, nil, "TANGGAL SURVEI"},
		{nil, nil, nil, nil, nil, "BAIK", "RUSAK RINGAN", "RUSAK SEDANG", "RUSAK BERAT"},
		{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
		{1, "Jl. Desa Satu", "Arjasari", "Baros", 1.5, 1, 0.5, nil, nil, time.Date(2024, 8, 17, 0, 0, 0, 0, time.UTC)},
		{2, "Jl. Desa Dua", "Arjasari", "Baros", 0.3, nil, nil, 0.1, 0.2, "17/08/2024"},
		{"JUMLAH", nil, nil, nil, 1.8, 1, 0.5, 0.1, 0.2},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	f.MergeCell(sh, "F2", "I2")
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "J5", "J5", date)
	p := filepath.Join(dir, "desa.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, dir)
	rep, err := Import(ctx, st, []string{p}, Options{Mapping: &Mapping{Kabupaten: "Bandung", Status: roads.Desa}})
	if err != nil {
		t.Fatalf("%v: %+v", err, rep.Files[0].Errors)
	}
	fr := rep.Files[0]
	if fr.Rows != 2 || fr.Imported != 2 {
		t.Errorf("rows %d imported %d; want 2 (the JUMLAH row is not a ruas)", fr.Rows, fr.Imported)
	}
	r, err := st.Ruas(ctx, roads.Key{Region: "BANDUNG", No: "Arjasari/Baros/Jl. Desa Satu"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != roads.Desa || r.LengthM != 1500 || r.Kabupaten != "Bandung" {
		t.Errorf("ruas %+v", r)
	}
	vs, _ := st.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if len(vs) != 1 || vs[0].Scheme != roads.SchemeDesa4 || vs[0].Parts != [4]float64{1000, 500, 0, 0} || vs[0].Date.Format("2006-01-02") != "2024-08-17" {
		t.Errorf("surveys %+v", vs)
	}
	r2, _ := st.Ruas(ctx, roads.Key{Region: "BANDUNG", No: "Arjasari/Baros/Jl. Desa Dua"})
	vs, _ = st.Surveys(ctx, roads.SurveyFilter{RuasID: r2.ID})
	if len(vs) != 1 || vs[0].Parts != [4]float64{0, 0, 100, 200} || vs[0].Metres != [4]float64{0, 0, 100, 200} {
		t.Errorf("desa4 survey %+v: Rusak Sedang must map to Bina Marga Rusak Ringan", vs)
	}
}

// TestCoordinateChecks: each way a coordinate goes wrong is caught and
// named, and a good line is kept with its note.
func TestCoordinateChecks(t *testing.T) {
	const head = "KABUPATEN,KECAMATAN,DESA,NAMA RUAS JALAN DESA,TOTAL PANJANG JALAN (meter),BAIK (meter),RUSAK RINGAN (meter),RUSAK SEDANG (meter),RUSAK BERAT (meter),LAT AWAL,LNG AWAL,LAT AKHIR,LNG AKHIR\n"
	var b strings.Builder
	b.WriteString(head)
	// Twelve good rows make the kabupaten's median.
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "GARUT,K,D,Jalan %d,500,500,,,,%.4f,107.90,%.4f,107.91\n", i, -7.20-float64(i)*0.001, -7.21-float64(i)*0.001)
	}
	cases := []struct {
		name, coords, cat string
	}{
		{"good", "-7.2,107.9,-7.21,107.905", ""},
		{"minus sign lost", "7.2,107.9,-7.21,107.905", CatOutside},
		{"lat and lng swapped", "107.9,-7.2,107.905,-7.21", CatOutside},
		{"far from the kabupaten, beyond any kabupaten's reach", "-7.2,110.5,-7.21,110.505", CatOutside},
		{"projected metres", "9203000,812000,9202000,812500", CatOutside},
		{"end point missing", "-7.2,107.9,,", ""},
		{"not a number", "-7.2,107.9,-7.21,abc", CatValue},
		// About 182 km from the median: far, as real links of a large
		// kabupaten are, so imported with a warning.
		{"far but inside", "-6.86,106.28,-7.2,107.9", ""},
	}
	for i, c := range cases {
		fmt.Fprintf(&b, "GARUT,K,D,Kasus %d,500,500,,,,%s\n", i, c.coords)
	}
	dir := t.TempDir()
	p := writeFile(t, dir, "garut.csv", b.String())
	rep, err := Import(context.Background(), nil, []string{p}, Options{DryRun: true, SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	for i, c := range cases {
		row := 13 + i
		var got []string
		for _, e := range fr.Errors {
			if e.Row == row {
				got = append(got, e.Category)
			}
		}
		switch {
		case c.cat == "" && len(got) > 0:
			t.Errorf("%s: refused with %v", c.name, got)
		case c.cat != "" && (len(got) != 1 || got[0] != c.cat):
			t.Errorf("%s: errors %v, want [%s]", c.name, got, c.cat)
		}
	}
	var partial bool
	for _, w := range fr.Warnings {
		if w.Row == 18 && w.Category == CatNoCoordinates && strings.Contains(w.Value, "LAT AWAL -7.2") {
			partial = true
		}
	}
	if !partial {
		t.Error("the row with one end point has no no_coordinates warning keeping the point")
	}
	farRow := 13 + len(cases) - 1
	var farWarned bool
	for _, w := range fr.Warnings {
		farWarned = farWarned || w.Row == farRow && w.Category == CatFar
	}
	if !farWarned {
		t.Errorf("the link 182 km from the others (row %d) has no %s warning", farRow, CatFar)
	}
}

func TestGeoJSONFeatures(t *testing.T) {
	doc := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"NO RUAS":"1","NAMA RUAS":"Jl. \"Satu\" \u00e9","PANJANG":100,"extra":{"a":[1,2]},"kosong":null},
 "geometry":{"type":"MultiLineString","coordinates":[[[112.1,-8.1,5],[112.11,-8.1]],[[112.12,-8.1],[112.13,-8.1]]]}},
{"type":"Feature","properties":{"NAMA RUAS":"Jl. Dua","NO RUAS":2,"PANJANG":200},"geometry":{"type":"Point","coordinates":[112.1,-8.1]}},
{"type":"Feature","properties":null,"geometry":null}]}`
	tb, err := ReadGeoJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tb.Columns, "|"); got != "NO RUAS|NAMA RUAS|PANJANG|extra|kosong" {
		t.Errorf("columns %s", got)
	}
	r0, r1 := tb.Records[0], tb.Records[1]
	if r0.Values[1] != `Jl. "Satu" é` || r0.Values[3] != `{"a":[1,2]}` || r0.Values[4] != "" {
		t.Errorf("values %q", r0.Values)
	}
	want := orb.MultiLineString{{{112.1, -8.1}, {112.11, -8.1}}, {{112.12, -8.1}, {112.13, -8.1}}}
	if !orb.Equal(r0.Geometry, want) {
		t.Errorf("geometry %v", r0.Geometry)
	}
	if r1.Values[0] != "2" || r1.Geometry != nil || !strings.Contains(r1.GeomErr, "Point") {
		t.Errorf("second feature %+v", r1)
	}
	if len(tb.Records) != 3 || tb.Records[2].Geometry != nil {
		t.Errorf("records %d", len(tb.Records))
	}
}
