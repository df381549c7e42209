package web

import (
	"context"
	"encoding/json"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestImportDecimalChoice: a column whose "1.250" nothing in the file
// decides is refused without a choice; the form's decimal select
// ("koma") reads it the Indonesian way (1,250 m), and an unknown choice
// is refused on the decimal field. The page offers the select.
func TestImportDecimalChoice(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "jalan.csv")
	os.WriteFile(p, []byte("NO RUAS;NAMA RUAS;PANJANG (m)\n001;Jl. A;1.250\n002;Jl. B;2.400\n"), 0o644)

	body, ct := uploadWith(t, url.Values{"region": {"33.74"}}, p)
	status, b := a.do(t, "POST", "/api/v1/imports?commit=true", ct, body)
	if status != 422 || !strings.Contains(string(b), "PANJANG (m)") || !strings.Contains(string(b), catalogue["import.decimal_hint"].id) {
		t.Fatalf("ambiguous column without a choice: %d %.300s", status, b)
	}
	body, ct = uploadWith(t, url.Values{"region": {"33.74"}, "decimal": {"lain"}}, p)
	status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body)
	var f faultBody
	json.Unmarshal(b, &f)
	if status != 400 || len(f.Error.Fields) != 1 || f.Error.Fields[0].Field != "decimal" {
		t.Errorf("unknown decimal choice: %d %s, want 400 on the decimal field", status, b)
	}
	if n, _ := a.store.CountRuas(ctx, roads.RuasFilter{}); n != 0 {
		t.Fatalf("%d ruas stored by refused imports", n)
	}
	body, ct = uploadWith(t, url.Values{"region": {"33.74"}, "decimal": {"koma"}}, p)
	if status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body); status != 201 {
		t.Fatalf("decimal=koma: %d %.300s", status, b)
	}
	for no, want := range map[string]float64{"001": 1250, "002": 2400} {
		r, err := a.store.Ruas(ctx, roads.Key{Region: "33.74", No: no})
		if err != nil || r.LengthM != want {
			t.Errorf("ruas %s: %v, length %v, want %g m", no, err, r, want)
		}
	}
	_, page := a.getPage(t, "/impor")
	for _, want := range []string{`name="decimal"`, `<option value="koma"`, `<option value="titik"`} {
		if !strings.Contains(page, want) {
			t.Errorf("import page lacks %s", want)
		}
	}
}

// TestImportProblemsWorded: each problem carries the importer's category;
// English pages and answers word it in English with the Indonesian detail
// kept, Bahasa pages show the importer's Indonesian sentence.
func TestImportProblemsWorded(t *testing.T) {
	a := newTestApp(t)
	p := filepath.Join(t.TempDir(), "jalan.csv")
	os.WriteFile(p, []byte("NO RUAS,NAMA RUAS,PANJANG (m)\n001,Jl. A,400\n,,300\n"), 0o644)
	body, ct := uploadWith(t, url.Values{"region": {"33.74"}}, p)
	status, b := a.do(t, "POST", "/api/v1/imports?lang=en", ct, body)
	var res importResult
	json.Unmarshal(b, &res)
	if status != 200 || len(res.Files) != 1 || len(res.Files[0].Errors) != 1 {
		t.Fatalf("preview: %d %s", status, b)
	}
	e := res.Files[0].Errors[0]
	if e.Category != "key_missing" || e.Summary != catalogue["import.cat.key_missing"].en || !strings.Contains(e.Message, "tanpa nomor ruas") {
		t.Errorf("problem %+v: want category key_missing, the English summary and the Indonesian detail", e)
	}
	body, ct = uploadWith(t, url.Values{"region": {"33.74"}}, p)
	_, en := a.do(t, "POST", "/impor?lang=en", ct, body)
	if !strings.Contains(string(en), "A row with neither a ruas number nor a road name (detail in Indonesian: baris tanpa nomor ruas") {
		t.Errorf("English page does not word the problem in English:\n%s", problemTable(string(en)))
	}
	body, ct = uploadWith(t, url.Values{"region": {"33.74"}}, p)
	_, id := a.do(t, "POST", "/impor?lang=id", ct, body)
	if table := problemTable(string(id)); !strings.Contains(table, "baris tanpa nomor ruas") || strings.Contains(table, "A row with") {
		t.Errorf("Bahasa page:\n%s", table)
	}
	// Every category the importer declares has an English wording.
	for _, cat := range netfileCategories(t) {
		m, ok := catalogue["import.cat."+cat]
		if !ok || m.en == "" || m.id == "" {
			t.Errorf("category %s has no catalogue wording", cat)
		}
	}
}

// netfileCategories reads the category codes declared in roads/netfile's
// source (Cat… = "code"), independently of the catalogue.
func netfileCategories(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../roads/netfile/*.go")
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			fs := strings.Fields(line)
			if len(fs) >= 3 && strings.HasPrefix(fs[0], "Cat") && fs[1] == "=" && strings.HasPrefix(fs[2], `"`) {
				if v, err := strconv.Unquote(fs[2]); err == nil {
					out = append(out, v)
				}
			}
		}
	}
	if len(out) < 30 {
		t.Fatalf("read %d categories from roads/netfile; the reader is broken", len(out))
	}
	return out
}

func problemTable(page string) string {
	_, rest, _ := strings.Cut(page, `class="list problems"`)
	table, _, _ := strings.Cut(rest, "</table>")
	return table
}

// TestImportOfficeBoundaryAndRegion: with an office whose boundary is set,
// the web import refuses a link 5 km outside it (naming the boundary and
// the tolerance), and numbers rows without a region in the office's region
// when none is typed.
func TestImportOfficeBoundaryAndRegion(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	a.setYogyaOffice(t)
	// 5 km east of the eastern edge (110.449 E) at 7.79° S.
	east := 110.449 + 5000/(6371000*math.Cos(7.79*math.Pi/180))*180/math.Pi
	lon := func(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }
	dir := t.TempDir()
	header := "NO RUAS,NAMA RUAS,PANJANG (m),LAT AWAL,LNG AWAL,LAT AKHIR,LNG AKHIR\n"
	inside := "001,Jl. Dalam,1100,-7.79,110.40,-7.79,110.41\n"
	both := filepath.Join(dir, "jalan.csv")
	os.WriteFile(both, []byte(header+inside+"002,Jl. Luar,1100,-7.79,"+lon(east-0.01)+",-7.79,"+lon(east)+"\n"), 0o644)
	body, ct := uploadWith(t, nil, both)
	status, b := a.do(t, "POST", "/api/v1/imports", ct, body)
	var res importResult
	json.Unmarshal(b, &res)
	if status != 200 || len(res.Files) != 1 || len(res.Files[0].Errors) != 1 {
		t.Fatalf("preview: %d %s", status, b)
	}
	if e := res.Files[0].Errors[0]; e.Row != 2 || e.Category != "coordinates_outside" || !strings.Contains(e.Message, "di luar batas wilayah kantor") || !strings.Contains(e.Message, "toleransi 2 km") {
		t.Errorf("refusal %+v: want row 2 outside the office's boundary with its 2 km tolerance", e)
	}
	in := filepath.Join(dir, "dalam.csv")
	os.WriteFile(in, []byte(header+inside), 0o644)
	body, ct = uploadWith(t, nil, in)
	if status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body); status != 201 {
		t.Fatalf("a link inside the boundary: %d %s", status, b)
	}
	if _, err := a.store.Ruas(ctx, roads.Key{Region: "34.71", No: "001"}); err != nil {
		t.Errorf("not numbered in the office's region 34.71: %v", err)
	}
	if _, page := a.getPage(t, "/impor"); !strings.Contains(page, `placeholder="34.71"`) || !strings.Contains(page, `id="import-region-default"`) {
		t.Errorf("the import page does not name the office's region as the default")
	}
}
