package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestImportKeepsPreviewedFiles: a preview keeps its files under a token;
// the commit names the token and uploads nothing, and writes exactly the
// previewed rows with the previewed options (region, survey date). A
// second file without a region column, previewed with no region given,
// takes the register's region — never the file's name.
func TestImportKeepsPreviewedFiles(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "jalan_desa.csv")
	os.WriteFile(p, []byte("NO RUAS,NAMA RUAS,PANJANG (m),BAIK,SEDANG,RUSAK RINGAN,RUSAK BERAT\n001,Jl. Mawar,400,400,0,0,0\n"), 0o644)

	body, ct := uploadWith(t, url.Values{"region": {"35.09"}, "survey_date": {"2024-05-01"}}, p)
	status, b := a.do(t, "POST", "/api/v1/imports", ct, body)
	var res importResult
	json.Unmarshal(b, &res)
	if status != 200 || res.Token == "" || res.Committed {
		t.Fatalf("preview: %d %s", status, b)
	}
	os.Remove(p) // the commit must not need the file again
	body, ct = uploadWith(t, url.Values{"token": {res.Token}})
	status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body)
	if status != 201 {
		t.Fatalf("commit by token: %d %s", status, b)
	}
	r, err := a.store.Ruas(ctx, roads.Key{Region: "35.09", No: "001"})
	if err != nil {
		t.Fatalf("the previewed region was not used: %v", err)
	}
	net, _ := a.store.Network(ctx)
	if sv := net.Surveys[r.ID]; len(sv) != 1 || sv[0].Date.Format("2006-01-02") != "2024-05-01" {
		t.Errorf("surveys %+v, want one dated 2024-05-01 (the survey date option)", sv)
	}
	// The token is spent.
	body, ct = uploadWith(t, url.Values{"token": {res.Token}})
	if status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body); status != 400 || !strings.Contains(string(b), "unggah lagi") {
		t.Errorf("a spent token: %d %s", status, b)
	}

	q := filepath.Join(dir, "tambahan.csv")
	os.WriteFile(q, []byte("NO RUAS,NAMA RUAS,PANJANG (m)\n002,Jl. Melati,300\n"), 0o644)
	body, ct = uploadWith(t, nil, q)
	if status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body); status != 201 {
		t.Fatalf("commit without a region: %d %s", status, b)
	}
	if _, err := a.store.Ruas(ctx, roads.Key{Region: "35.09", No: "002"}); err != nil {
		t.Errorf("a file without a region column did not take the register's region: %v", err)
	}
	if n, _ := a.store.CountRuas(ctx, roads.RuasFilter{Region: "TAMBAHAN"}); n != 0 {
		t.Errorf("%d ruas keyed with the file's name", n)
	}
}

// TestImportNeedsRegionOnEmptyRegister: on an empty register, a file with
// no region column and no region chosen is refused on the region field
// (it used to be keyed with the file's name), and nothing is written.
func TestImportNeedsRegionOnEmptyRegister(t *testing.T) {
	a := newTestApp(t)
	p := filepath.Join(t.TempDir(), "jalan.csv")
	os.WriteFile(p, []byte("NO RUAS,NAMA RUAS,PANJANG (m)\n001,Jl. Mawar,400\n"), 0o644)
	body, ct := uploadWith(t, nil, p)
	status, b := a.do(t, "POST", "/api/v1/imports?commit=true", ct, body)
	var f faultBody
	json.Unmarshal(b, &f)
	if status != 400 || len(f.Error.Fields) != 1 || f.Error.Fields[0].Field != "region" {
		t.Errorf("%d %s, want 400 on the region field", status, b)
	}
	if n, _ := a.store.CountRuas(context.Background(), roads.RuasFilter{}); n != 0 {
		t.Errorf("%d ruas stored", n)
	}
}

// TestImportTemplates: each template downloads as CSV and previews as one
// clean row: every column recognised, nothing rejected.
func TestImportTemplates(t *testing.T) {
	a := newTestApp(t)
	dir := t.TempDir()
	for _, name := range []string{"ruas", "kondisi"} {
		t.Run(name, func(t *testing.T) {
			status, b := a.do(t, "GET", "/impor/templat/"+name, "", nil)
			if status != 200 {
				t.Fatalf("%d %s", status, b)
			}
			recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(recs) != 2 || len(recs[0]) != len(recs[1]) {
				t.Fatalf("template is not a header and one row: %v %q", err, b)
			}
			p := filepath.Join(dir, "templat-"+name+".csv")
			os.WriteFile(p, b, 0o644)
			body, ct := upload(t, p)
			status, b = a.do(t, "POST", "/api/v1/imports", ct, body)
			var res importResult
			json.Unmarshal(b, &res)
			if status != 200 || len(res.Files) != 1 || res.Files[0].Rows != 1 || res.Files[0].Rejected != 0 {
				t.Fatalf("preview: %d %s", status, b)
			}
			for _, w := range res.Files[0].Warnings {
				if strings.Contains(w.Message, "tidak dikenal") {
					t.Errorf("template column not recognised: %+v", w)
				}
			}
		})
	}
	if status, _ := a.do(t, "GET", "/impor/templat/lain", "", nil); status != 404 {
		t.Errorf("unknown template: %d", status)
	}
}

// TestImportRefusesTooManyFiles: one request carries at most the limit's
// files (4); a fifth is refused on the file field before any is read.
func TestImportRefusesTooManyFiles(t *testing.T) {
	a := newTestApp(t)
	dir := t.TempDir()
	var ps []string
	for i := 0; i < importLimits.Files+1; i++ {
		p := filepath.Join(dir, string(rune('a'+i))+".csv")
		os.WriteFile(p, []byte("KODE WILAYAH,NO RUAS,NAMA RUAS\n35.72,00"+string(rune('1'+i))+",Jl. X\n"), 0o644)
		ps = append(ps, p)
	}
	body, ct := upload(t, ps...)
	status, b := a.do(t, "POST", "/api/v1/imports", ct, body)
	if status != 400 || !strings.Contains(string(b), "paling banyak 4") {
		t.Errorf("%d %s, want 400 naming the limit of 4 files", status, b)
	}
}

// TestImportStopsWhenClientLeaves: an import whose request context is done
// (the client left) stops with the context's error and writes nothing.
func TestImportStopsWhenClientLeaves(t *testing.T) {
	a := newTestApp(t)
	p := filepath.Join(t.TempDir(), "jalan.csv")
	os.WriteFile(p, []byte("KODE WILAYAH,NO RUAS,NAMA RUAS,PANJANG (m)\n35.72,001,Jl. Mawar,400\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := a.srv.importPaths(ctx, Locale{Lang: ID}, []string{p}, true, "produsen", importOptions{Region: "35.72"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if n, _ := a.store.CountRuas(context.Background(), roads.RuasFilter{}); n != 0 {
		t.Errorf("%d ruas written after the client left", n)
	}
}

// TestImportPageCommitsPreviewedFiles: the page's preview shows the
// options it used and a "save the previewed files" form carrying the
// token; posting it saves without a new upload.
func TestImportPageCommitsPreviewedFiles(t *testing.T) {
	a := newTestApp(t)
	p := filepath.Join(t.TempDir(), "ruas_kota.csv")
	os.WriteFile(p, []byte("NO RUAS,NAMA RUAS,PANJANG (m),JENIS PERKERASAN\n001,Jl. Mawar,450,Aspal\n"), 0o644)
	body, ct := uploadWith(t, url.Values{"region": {"35.72"}}, p)
	status, b := a.do(t, "POST", "/impor", ct, body)
	page := string(b)
	_, rest, ok := strings.Cut(page, `name="token" value="`)
	token, _, _ := strings.Cut(rest, `"`)
	if status != 200 || !ok || len(token) != 32 || !strings.Contains(page, `id="import-region" value="35.72"`) || !strings.Contains(page, `href="/impor/templat/ruas"`) {
		t.Fatalf("preview page: %d, token %q\n%.600s", status, token, page)
	}
	status, b = a.do(t, "POST", "/impor/simpan", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"token": {token}}.Encode()))
	if status != 200 || !strings.Contains(string(b), `id="import-done"`) {
		t.Fatalf("commit by token: %d %.400s", status, b)
	}
	if _, err := a.store.Ruas(context.Background(), roads.Key{Region: "35.72", No: "001"}); err != nil {
		t.Error(err)
	}
}

// TestImportTemplatesCommit: each template, filled with its example row,
// imports through the real importer in the order an office uses them
// (the ruas, its condition by class, then its segment survey) and stores
// what its row says.
func TestImportTemplatesCommit(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	dir := t.TempDir()
	if got, want := importTemplateNames(), []string{"kondisi", "ruas", "survei-segmen"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("templates %v, want %v", got, want)
	}
	for _, name := range []string{"ruas", "kondisi", "survei-segmen"} {
		status, b := a.do(t, "GET", "/impor/templat/"+name, "", nil)
		if status != 200 {
			t.Fatalf("%s: %d %s", name, status, b)
		}
		p := filepath.Join(dir, "templat-"+name+".csv")
		os.WriteFile(p, b, 0o644)
		body, ct := uploadWith(t, url.Values{"region": {"33.74"}}, p)
		status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body)
		var res importResult
		json.Unmarshal(b, &res)
		if status != 201 || !res.Committed || len(res.Files) != 1 || res.Files[0].Rows != 1 || res.Files[0].Imported != 1 {
			t.Fatalf("%s: %d %s", name, status, b)
		}
		for _, w := range res.Files[0].Warnings {
			if w.Category == "columns_ignored" {
				t.Errorf("%s: template column not recognised: %+v", name, w)
			}
		}
		if name == "ruas" {
			r, err := a.store.Ruas(ctx, roads.Key{Region: "33.74", No: "001"})
			if err != nil {
				t.Fatal(err)
			}
			if r.LengthM != 1200 || r.WidthM != 5 || r.Surface != roads.Aspal {
				t.Errorf("ruas from the template: length %g, width %g, surface %s; want 1200, 5, aspal", r.LengthM, r.WidthM, r.Surface)
			}
		}
	}
	r, err := a.store.Ruas(ctx, roads.Key{Region: "33.74", No: "001"})
	if err != nil {
		t.Fatal(err)
	}
	net, err := a.store.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var byClass, unit bool
	for _, v := range net.Surveys[r.ID] {
		switch {
		case v.Date.Format("2006-01-02") == "2025-06-30" && v.Distress == nil:
			byClass = true
		case v.Date.Year() == 2025 && v.Distress != nil && v.Distress.IRI != nil && *v.Distress.IRI == 4 && v.StaFromM == 0 && v.StaToM == 100:
			unit = true
		}
	}
	if !byClass || !unit {
		t.Errorf("surveys of the template ruas: by class %v, segment unit (IRI 4, STA 0+000–0+100) %v", byClass, unit)
	}
}
