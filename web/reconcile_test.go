package web

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
)

// verifyAll publishes every ruas and survey of the register.
func verifyAll(t *testing.T, a *testApp) {
	t.Helper()
	ctx := context.Background()
	net, err := a.store.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rids, sids []int64
	for _, r := range net.Ruas {
		rids = append(rids, r.ID)
		for _, v := range net.Surveys[r.ID] {
			sids = append(sids, v.ID)
		}
	}
	if err := a.store.Verify(ctx, roads.EntityRuas, rids, "walidata"); err != nil {
		t.Fatal(err)
	}
	if err := a.store.Verify(ctx, roads.EntitySurvey, sids, "walidata"); err != nil {
		t.Fatal(err)
	}
}

func figuresUpload(name, content, year string) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", name)
	w.Write([]byte(content))
	mw.WriteField("year", year)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// TestReconcilePages: a walidata uploads another office's figures, sees
// each explained or not against the verified register, agrees them with
// the forum's note, and the public portal shows the agreed kemantapan
// beside its own; other roles may not; bad files and choices are refused
// with their reason; every change is audited.
//
// The seed (helpers_test.go), all verified: three ruas of 300 m; 001 Baik
// in 2025 and Rusak Berat in 2026, 002 Sedang since 2024, 003 never
// surveyed. At the end of 2026 the network is 0,9 km and kemantapan
// 300/900 = 33,33 %; at the end of 2025 it was 600/900 = 66,67 %; the
// Rusak Berat length is 0,3 km.
func TestReconcilePages(t *testing.T) {
	a := newTestApp(t)
	a.seed(t)
	verifyAll(t, a)
	ctx := context.Background()
	wali := a.as(roads.RoleWalidata)
	region := demo.Office().Region // the seed's office
	file := "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n" +
		"2026;" + region + ";kemantapan_pct;66,67;%;Bappeda LKPJ 2026\n" +
		"2026;" + region + ";panjang_jalan_km;0,9;km;BPS\n" +
		"2026;" + region + ";panjang_rusak_berat_km;5;km;Provinsi\n"

	if status, _ := a.as(roads.RoleProdusen).getPage(t, "/rekonsiliasi"); status != 403 {
		t.Errorf("a producer opened the reconciliation page: %d", status)
	}
	body, ct := figuresUpload("bappeda.csv", "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2026;"+region+";kemantapan_pct;66,67;km;X\n", "")
	status, b := wali.do(t, "POST", "/rekonsiliasi", ct, body)
	if status != 422 || !strings.Contains(string(b), "baris 2, kolom satuan") {
		t.Errorf("bad unit: %d %s", status, truncate(string(b), 400))
	}

	body, ct = figuresUpload("bappeda.csv", file, "2026")
	status, b = wali.do(t, "POST", "/rekonsiliasi", ct, body)
	if status != 303 {
		t.Fatalf("upload: %d %s", status, truncate(string(b), 400))
	}
	recs, err := a.store.Reconciliations(ctx, false)
	if err != nil || len(recs) != 1 || recs[0].Status != roads.ReconciliationDraft || recs[0].Year != 2026 {
		t.Fatalf("stored %+v %v", recs, err)
	}
	id := recs[0].ID
	path := "/rekonsiliasi/" + itoa(int(id))
	status, page := wali.getPage(t, path)
	for _, want := range []string{"66,67", "33,33", "0,90", "Terjelaskan", "TIDAK TERJELASKAN", "register per akhir 2025", `id="rec-choice-0"`} {
		if status != 200 || !strings.Contains(page, want) {
			t.Errorf("sheet page lacks %q (%d)", want, status)
		}
	}

	agree := func(v url.Values) (int, string) {
		status, b := wali.do(t, "POST", path+"/sepakati", "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
		return status, string(b)
	}
	if status, b := agree(url.Values{"choice_0": {"lain"}}); status != 422 || !strings.Contains(b, "catatan forum") {
		t.Errorf("no note: %d %s", status, truncate(b, 300))
	}
	if status, _ := agree(url.Values{"choice_2": {"lain"}, "note": {"Forum Satu Data 1"}}); status != 422 {
		t.Errorf("agreeing an unexplained figure: %d", status)
	}
	if status, b := agree(url.Values{"choice_0": {"lain"}, "note": {"Forum Satu Data, 20 November 2026"}}); status != 303 {
		t.Fatalf("agree: %d %s", status, truncate(b, 300))
	}
	rec, err := a.store.Reconciliation(ctx, id)
	if err != nil || rec.Status != roads.ReconciliationAgreed || rec.AgreedBy != "walidata" || rec.Note != "Forum Satu Data, 20 November 2026" {
		t.Fatalf("agreed %+v %v", rec, err)
	}
	var sheet struct {
		Lines []struct {
			Agreed struct {
				Choice string   `json:"pilihan"`
				Value  *float64 `json:"nilai"`
			} `json:"disepakati"`
		} `json:"baris"`
	}
	if err := json.Unmarshal(rec.Sheet, &sheet); err != nil {
		t.Fatal(err)
	}
	if a0 := sheet.Lines[0].Agreed; a0.Choice != "lain" || a0.Value == nil || *a0.Value != 66.67 {
		t.Errorf("line 1 agreed %+v, want the other office's 66.67", a0)
	}
	if a1 := sheet.Lines[1].Agreed; a1.Choice != "register" || a1.Value == nil || math.Abs(*a1.Value-0.9) > 1e-9 {
		t.Errorf("line 2 agreed %+v, want the register's 0.9", a1)
	}
	if status, _ := agree(url.Values{"note": {"again"}}); status != 409 {
		t.Errorf("agreeing twice: %d", status)
	}

	status, pub := a.anonymous().getPage(t, "/publik")
	if status != 200 || !strings.Contains(pub, `id="agreed-kemantapan_pct"`) || !strings.Contains(pub, "66,67 %") || !strings.Contains(pub, "Bappeda LKPJ 2026") {
		t.Errorf("public portal does not show the agreed kemantapan: %d", status)
	}
	if !strings.Contains(pub, `id="agreed-panjang_jalan_km"`) {
		t.Error("public portal does not show the agreed network length")
	}
	if !strings.Contains(pub, `id="agreed-panjang_rusak_berat_km"`) || !strings.Contains(pub, "0,30 km") {
		t.Error("public portal does not list the agreed Rusak Berat length (the register's 0,30 km)")
	}

	status, x := wali.do(t, "GET", path+"/unduh/xlsx", "", nil)
	if status != 200 || !bytes.HasPrefix(x, []byte("PK")) {
		t.Errorf("xlsx download: %d", status)
	}
	if status, _ := wali.do(t, "GET", path+"/unduh/pdf", "", nil); status != 400 && status != 422 {
		t.Errorf("unknown format: %d", status)
	}
	status, tpl := wali.do(t, "GET", "/rekonsiliasi/templat/angka.csv", "", nil)
	if status != 200 || !strings.HasPrefix(string(tpl), "tahun;kode_wilayah;indikator;nilai;satuan;sumber") || !strings.Contains(string(tpl), ";"+region+";") {
		t.Errorf("template: %d %q", status, truncate(string(tpl), 200))
	}

	trail, err := a.store.Audit(ctx, roads.AuditFilter{Entity: "reconciliation", EntityID: id})
	if err != nil || len(trail) != 2 || trail[0].Actor != "walidata" || trail[1].Actor != "walidata" {
		t.Errorf("audit trail %d entries %v", len(trail), err)
	}
}
