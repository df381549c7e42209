package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// upload builds a multipart body with the given files under the field
// "file", for the region 35.72 (the files name none).
func upload(t *testing.T, paths ...string) (*bytes.Buffer, string) {
	t.Helper()
	return uploadWith(t, url.Values{"region": {"35.72"}}, paths...)
}

// uploadWith builds a multipart body with the form fields and the files.
func uploadWith(t *testing.T, fields url.Values, paths ...string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("file", filepath.Base(p))
		w.Write(b)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// TestImportRealFiles: the Bojonegoro town streets (real, clean) preview
// and commit; the Jawa Barat village table (real, messy) previews with its
// row-level problems and its commit is refused with nothing written.
func TestImportRealFiles(t *testing.T) {
	bojo := realData(t, "indonesia/bojonegoro_ruaskota.geojson")
	jabar := realData(t, "indonesia/jabar_jalan_desa_kondisi.csv")
	a := newTestApp(t)
	ctx := context.Background()

	body, ct := upload(t, bojo)
	status, b := a.do(t, "POST", "/api/v1/imports", ct, body)
	var res importResult
	json.Unmarshal(b, &res)
	if status != 200 || res.Committed || len(res.Files) != 1 || res.Files[0].Rows != 67 || res.Files[0].Rejected != 0 {
		t.Fatalf("preview: %d %s", status, truncate(string(b), 300))
	}
	if n, _ := a.store.CountRuas(ctx, roads.RuasFilter{}); n != 0 {
		t.Fatalf("a preview stored %d ruas", n)
	}
	body, ct = upload(t, bojo)
	status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body)
	if status != 201 {
		t.Fatalf("commit: %d %s", status, truncate(string(b), 300))
	}
	n, _ := a.store.CountRuas(ctx, roads.RuasFilter{})
	if n == 0 {
		t.Fatal("commit stored nothing")
	}
	// The map sees the new links at once (Bojonegoro is near 111.88° E, 7.15° S).
	var fc struct{ Count int }
	a.getJSON(t, "/api/v1/map?bbox=111.7,-7.3,112.0,-7.0&zoom=14", &fc)
	if fc.Count != n {
		t.Errorf("map shows %d of %d imported links", fc.Count, n)
	}

	before, _ := a.store.SnapshotHash(ctx)
	body, ct = upload(t, jabar)
	status, b = a.do(t, "POST", "/api/v1/imports", ct, body)
	json.Unmarshal(b, &res)
	if status != 200 || res.Files[0].Rows != 32340 || res.Files[0].Rejected == 0 || len(res.Files[0].Errors) == 0 {
		t.Fatalf("jabar preview: %d rows %d rejected %d", status, res.Files[0].Rows, res.Files[0].Rejected)
	}
	p := res.Files[0].Errors[0]
	if p.Row == 0 || p.Message == "" {
		t.Errorf("first problem has no row or message: %+v", p)
	}
	body, ct = upload(t, jabar)
	status, b = a.do(t, "POST", "/api/v1/imports?commit=true", ct, body)
	var f faultBody
	json.Unmarshal(b, &f)
	// Every problem is listed up to maxShownProblems a file, then one line
	// with how many more (the answer's size stays bounded).
	if status != 422 || len(f.Error.Fields) < min(res.Files[0].Rejected, maxShownProblems) || !strings.HasPrefix(f.Error.Fields[0].Field, "jabar_jalan_desa_kondisi.csv:") {
		t.Fatalf("jabar commit: %d, %d fields", status, len(f.Error.Fields))
	}
	if after, _ := a.store.SnapshotHash(ctx); after != before {
		t.Error("a refused import changed the register")
	}
}

// TestImportPage: the page previews an upload and shows its rows.
func TestImportPage(t *testing.T) {
	a := newTestApp(t)
	dir := t.TempDir()
	csv := filepath.Join(dir, "ruas_kota.csv")
	os.WriteFile(csv, []byte("NO RUAS,NAMA RUAS,PANJANG (m),JENIS PERKERASAN\n001,Jl. Mawar,450,Aspal\n002,,300,Beton\n"), 0o644)
	body, ct := upload(t, csv)
	status, b := a.do(t, "POST", "/impor/simpan", ct, body)
	if status != 422 || !strings.Contains(string(b), "ruas_kota.csv") || !strings.Contains(string(b), "Tidak ada yang disimpan") {
		t.Errorf("commit page: %d %s", status, truncate(string(b), 400))
	}
	if n, _ := a.store.CountRuas(context.Background(), roads.RuasFilter{}); n != 0 {
		t.Errorf("%d ruas stored from a refused file", n)
	}
	os.WriteFile(csv, []byte("NO RUAS,NAMA RUAS,PANJANG (m),JENIS PERKERASAN\n001,Jl. Mawar,450,Aspal\n"), 0o644)
	body, ct = upload(t, csv)
	status, b = a.do(t, "POST", "/impor/simpan", ct, body)
	if status != 200 || !strings.Contains(string(b), `id="import-done"`) {
		t.Errorf("commit page: %d %s", status, truncate(string(b), 400))
	}
}
