package netfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

func ruasOf(t *testing.T, st *sqlitestore.Store, no string) *roads.Ruas {
	t.Helper()
	r, err := st.Ruas(context.Background(), roads.Key{Region: "35.72", No: no})
	if err != nil {
		t.Fatalf("ruas %s: %v", no, err)
	}
	return r
}

func warningsOf(fr *FileReport, cat string) []Problem {
	var out []Problem
	for _, w := range fr.Warnings {
		if w.Category == cat {
			out = append(out, w)
		}
	}
	return out
}

// TestImportIndonesianNumbers: in a semicolon file typed the Indonesian
// way, "1.250" beside "2.400,5" is 1,250 m, not 1.25 m.
func TestImportIndonesianNumbers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := writeFile(t, dir, "ruas.csv", "NO RUAS;NAMA RUAS;PANJANG (m);LEBAR (m)\n"+
		"001;Jl. Merdeka;1.250;6,5\n"+
		"002;Jl. Kenanga;2.400,5;7\n"+
		"003;Jl. Anggrek;1.250.000;5\n")
	st := openStore(t, dir)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "35.72", SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	// Written out by hand: one thousand two hundred and fifty metres, and
	// two thousand four hundred and a half.
	want1, want2 := 1*1000+250.0, 2*1000+400+0.5
	if r := ruasOf(t, st, "001"); r.LengthM != want1 || r.WidthM != 6.5 {
		t.Errorf("001: length %v width %v; want %v, 6.5", r.LengthM, r.WidthM, want1)
	}
	if r := ruasOf(t, st, "002"); r.LengthM != want2 {
		t.Errorf("002: length %v; want %v", r.LengthM, want2)
	}
	// 1.250.000 m is longer than any ruas: refused, not silently divided.
	if fr := rep.Files[0]; fr.Imported != 2 || fr.Rejected != 1 {
		t.Errorf("imported %d rejected %d; want 2 and 1", fr.Imported, fr.Rejected)
	}
}

func TestColumnDecidesByIntegers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := writeFile(t, dir, "ruas.csv", "NO RUAS;NAMA RUAS;PANJANG (m)\n001;Jl. A;1.250\n002;Jl. B;980\n")
	st := openStore(t, dir)
	if _, err := Import(ctx, st, []string{p}, Options{Region: "35.72"}); err != nil {
		t.Fatal(err)
	}
	if r := ruasOf(t, st, "001"); r.LengthM != 1250 {
		t.Errorf("1.250 beside 980 stored as %v m", r.LengthM)
	}
	p = writeFile(t, dir, "ruas2.csv", "NO RUAS,NAMA RUAS,PANJANG (km)\n011,Jl. C,1.250\n012,Jl. D,6.5\n")
	if _, err := Import(ctx, st, []string{p}, Options{Region: "35.72"}); err != nil {
		t.Fatal(err)
	}
	if r := ruasOf(t, st, "011"); r.LengthM != 1250 { // 1.25 km
		t.Errorf("1.250 km beside 6.5 km stored as %v m", r.LengthM)
	}
}

// TestAmbiguousColumnRefused: a column of d.ddd values only is refused by
// name, with nothing written, until the user chooses the decimal mark.
func TestAmbiguousColumnRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := writeFile(t, dir, "ragu.csv", "NO RUAS;NAMA RUAS;PANJANG (m)\n001;Jl. A;1.250\n002;Jl. B;2.300\n003;Jl. C;1.125\n")
	st := openStore(t, dir)
	for _, skip := range []bool{false, true} {
		rep, err := Import(ctx, st, []string{p}, Options{Region: "35.72", SkipInvalid: skip})
		if !errors.Is(err, ErrFormat) {
			t.Fatalf("skip %v: err = %v, want the file refused", skip, err)
		}
		if n, _ := st.CountRuas(ctx, roads.RuasFilter{}); n != 0 {
			t.Fatalf("skip %v: %d ruas written from an ambiguous column", skip, n)
		}
		e := rep.Files[0].Errors
		if len(e) != 1 {
			t.Fatalf("errors %+v", e)
		}
		msg := e[0].Text(rep.Files[0].Name)
		for _, want := range []string{"ragu.csv", `"PANJANG (m)"`, `"1.250"`, `"2.300"`, "--decimal koma", `"decimal"`} {
			if !strings.Contains(msg, want) {
				t.Errorf("message lacks %s: %s", want, msg)
			}
		}
	}
	// The choice: by flag for every file, or per column in a mapping.
	if _, err := Import(ctx, st, []string{p}, Options{Region: "35.72", Decimal: locale.Comma}); err != nil {
		t.Fatal(err)
	}
	if r := ruasOf(t, st, "002"); r.LengthM != 2300 {
		t.Errorf("--decimal koma: 2.300 stored as %v", r.LengthM)
	}
	m, err := ParseMapping([]byte(`{"region": "35.72", "decimals": {"panjang (m)": "."}}`))
	if err != nil {
		t.Fatal(err)
	}
	dir2 := t.TempDir()
	st2 := openStore(t, dir2)
	rep, err := Import(ctx, st2, []string{p}, Options{Mapping: m, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	// 1.25 m links: read as asked, and warned as 1,000 times too short.
	if w := warningsOf(rep.Files[0], CatUnitSuspect); len(w) != 1 || w[0].Column != "PANJANG (m)" {
		t.Errorf("unit warnings %+v", w)
	}
	if _, err := ParseMapping([]byte(`{"decimal": "koma-titik"}`)); err == nil {
		t.Error("a bad decimal setting is accepted")
	}
}

// TestXLSXNumbersNotReread: a number cell 1.125 (km) stays 1.125 km even
// though the text cells of its column use the decimal comma.
func TestXLSXNumbersNotReread(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := excelize.NewFile()
	rows := [][]any{
		{"NO RUAS", "NAMA RUAS", "PANJANG (km)"},
		{"001", "Jl. A", 1.125},
		{"002", "Jl. B", "2,5"},
		{"003", "Jl. C", "0,75"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "angka.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, dir)
	if rep, err := Import(ctx, st, []string{p}, Options{Region: "35.72"}); err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	for no, want := range map[string]float64{"001": 1125, "002": 2500, "003": 750} {
		if r := ruasOf(t, st, no); r.LengthM != want {
			t.Errorf("%s: %v m, want %v", no, r.LengthM, want)
		}
	}
}

// TestGeoJSONNumbersNotReread: a JSON number 1.125 is a number, whatever
// the text values beside it say.
func TestGeoJSONNumbersNotReread(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "a.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"NO RUAS":"001","NAMA RUAS":"Jl. A","PANJANG (km)":1.125},"geometry":null},
{"type":"Feature","properties":{"NO RUAS":"002","NAMA RUAS":"Jl. B","PANJANG (km)":"2,5"},"geometry":null}]}`)
	st := openStore(t, dir)
	if rep, err := Import(context.Background(), st, []string{p}, Options{Region: "35.72"}); err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	if r := ruasOf(t, st, "001"); r.LengthM != 1125 {
		t.Errorf("JSON 1.125 km stored as %v m", r.LengthM)
	}
}

// TestWindows1252 imports names saved by Excel on Windows: the en dash is
// byte 0x96 there (an invisible control character in Latin-1), é is 0xE9.
func TestWindows1252(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	raw := "NO RUAS;NAMA RUAS;PANJANG (m)\n001;Jl. Sukarno\x96Hatta;1250\n002;Jl. P\xe9rez;800\n"
	p := filepath.Join(dir, "ansi.csv")
	if err := os.WriteFile(p, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, dir)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "35.72"})
	if err != nil {
		t.Fatal(err)
	}
	if r := ruasOf(t, st, "001"); r.Name != "Jl. Sukarno\u2013Hatta" {
		t.Errorf("name %q (% x)", r.Name, r.Name)
	}
	if r := ruasOf(t, st, "002"); r.Name != "Jl. P\u00e9rez" {
		t.Errorf("name %q", r.Name)
	}
	if w := warningsOf(rep.Files[0], CatEncoding); len(w) != 1 || w[0].Value != "Windows-1252" {
		t.Errorf("encoding notes %+v", w)
	}
	if w := warningsOf(rep.Files[0], CatInvisible); len(w) != 0 {
		t.Errorf("invisible characters after decoding: %+v", w)
	}
}

func TestUTF16(t *testing.T) {
	text := "NO RUAS\tNAMA RUAS\tPANJANG (m)\n001\tJl. Sukarno\u2013Hatta\t1250\n"
	u := utf16.Encode([]rune(text))
	for _, be := range []bool{false, true} {
		b := []byte{0xff, 0xfe}
		if be {
			b = []byte{0xfe, 0xff}
		}
		for _, x := range u {
			if be {
				b = append(b, byte(x>>8), byte(x))
			} else {
				b = append(b, byte(x), byte(x>>8))
			}
		}
		dir := t.TempDir()
		p := filepath.Join(dir, "u16.csv")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		st := openStore(t, dir)
		rep, err := Import(context.Background(), st, []string{p}, Options{Region: "35.72"})
		if err != nil {
			t.Fatalf("big endian %v: %v %+v", be, err, rep.Files[0].Errors)
		}
		if r := ruasOf(t, st, "001"); r.Name != "Jl. Sukarno\u2013Hatta" || r.LengthM != 1250 {
			t.Errorf("big endian %v: %q %v", be, r.Name, r.LengthM)
		}
		want := map[bool]string{false: "UTF-16LE", true: "UTF-16BE"}[be]
		if w := warningsOf(rep.Files[0], CatEncoding); len(w) != 1 || w[0].Value != want {
			t.Errorf("encoding notes %+v, want %s", w, want)
		}
	}
}

// TestTextWarnings: a badly converted name warns with row, column and the
// likely text; an invisible character is removed and named.
func TestTextWarnings(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "rusak.csv", "NO RUAS,NAMA RUAS,PANJANG (m)\n"+
		"001,Jl. Sukarno\u00e2\u20ac\u201cHatta,1250\n"+
		"002,Jl. P\u00c3\u00a9rez,800\n"+
		"003,Jl.\u200b Mawar\u0007,900\n"+
		"004,Jl. Melati,700\n")
	st := openStore(t, dir)
	rep, err := Import(context.Background(), st, []string{p}, Options{Region: "35.72"})
	if err != nil {
		t.Fatal(err)
	}
	bad := warningsOf(rep.Files[0], CatMojibake)
	if len(bad) != 2 || bad[0].Row != 1 || bad[0].Column != "NAMA RUAS" || !strings.Contains(bad[0].Message, "Sukarno\u2013Hatta") ||
		bad[1].Row != 2 || !strings.Contains(bad[1].Message, "P\u00e9rez") {
		t.Errorf("garbled-text warnings %+v", bad)
	}
	inv := warningsOf(rep.Files[0], CatInvisible)
	if len(inv) != 1 || inv[0].Row != 3 || !strings.Contains(inv[0].Message, "U+200B") || !strings.Contains(inv[0].Message, "U+0007") {
		t.Errorf("invisible warnings %+v", inv)
	}
	if r := ruasOf(t, st, "003"); r.Name != "Jl. Mawar" {
		t.Errorf("name %q kept invisible characters", r.Name)
	}
	if w := warningsOf(rep.Files[0], CatEncoding); len(w) != 0 {
		t.Errorf("plain UTF-8 noted as %+v", w)
	}
}

// TestPlausibility: widths 1,000 times off are named with row and column.
func TestPlausibility(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "lebar.csv", "NO RUAS;NAMA RUAS;PANJANG (m);LEBAR (m)\n"+
		"001;Jl. A;1250;6500\n"+
		"002;Jl. B;800;0,0065\n"+
		"003;Jl. C;900;6\n"+
		"004;Jl. D;2;6\n")
	rep, err := Import(context.Background(), nil, []string{p}, Options{Region: "35.72", SkipInvalid: true, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	w := warningsOf(rep.Files[0], CatUnitSuspect)
	got := map[int]string{}
	for _, x := range w {
		got[x.Row] = x.Column
	}
	if len(w) != 3 || got[1] != "LEBAR (m)" || got[2] != "LEBAR (m)" || got[4] != "PANJANG (m)" {
		t.Errorf("unit warnings %+v", w)
	}
}

func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{"a;b\n1;2\n", "\xef\xbb\xbfa", "\xff\xfea\x00b\x00", "\xfe\xff\x00a", "Jl. P\xe9rez\x96", "a\x00b\x00c\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, enc, err := decodeText(b)
		if err != nil || enc == "" || !utf8.Valid(out) {
			t.Fatalf("decodeText(%q) = %q, %q, %v", b, out, enc, err)
		}
		if enc == encUTF8 && string(out) != string(b) {
			t.Fatalf("UTF-8 changed: %q → %q", b, out)
		}
	})
}
