package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// officeForm is a multipart body of the office form, with an optional boundary file.
func officeForm(csrf string, fields map[string]string, boundary string) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if boundary != "" {
		w, _ := mw.CreateFormFile("boundary", "batas.geojson")
		w.Write([]byte(boundary))
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// The admin's office page sets the office; the app's name, footer, the
// ruas form's defaults and its kecamatan list follow it; a bad code is
// refused beside its field; only an admin may change it; the trail names
// the admin.
func TestOfficePage(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	admin := a.session(t, roads.RoleAdmin)
	if status, page := admin.get("/"); status != 200 || !strings.Contains(page, `id="office-notice"`) || !strings.Contains(page, "belum punya kantor") {
		t.Fatalf("dashboard without an office: %d, notice missing", status)
	}
	if status, page := admin.get("/admin/kantor"); status != 200 || !strings.Contains(page, `id="office-form"`) {
		t.Fatalf("office page: %d", status)
	}
	// A kecamatan code is refused, beside the field, and nothing is stored.
	body, ct := officeForm(admin.csrf, map[string]string{"region": "33.74.01"}, "")
	if status, page := admin.post("/admin/kantor", ct, body); status != 422 || !strings.Contains(page, "pakai kode 33.74") {
		t.Fatalf("kecamatan code: %d, want 422 naming 33.74", status)
	}
	if _, err := a.store.Office(ctx); err == nil {
		t.Fatal("a refused form stored an office")
	}
	poly := `{"type":"Polygon","coordinates":[[[110.35,-7.10],[110.50,-7.10],[110.50,-6.95],[110.35,-6.95],[110.35,-7.10]]]}`
	body, ct = officeForm(admin.csrf, map[string]string{"region": "33.74", "opd_code": "1.03.0.00.0.00.01.0000"}, poly)
	if status, _ := admin.post("/admin/kantor", ct, body); status != 303 {
		t.Fatalf("set office: %d, want 303", status)
	}
	o, err := a.store.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "Kota Semarang" || o.Authority != roads.Kota || o.Boundary == nil || o.SetBy != "admin" || o.OPDCode != "1.03.0.00.0.00.01.0000" {
		t.Fatalf("stored office %+v", o)
	}
	status, page := admin.get("/")
	if status != 200 || strings.Contains(page, `id="office-notice"`) || !strings.Contains(page, "Ruas · Kota Semarang") ||
		!strings.Contains(page, "Dinas PUPR Kota Semarang") || !strings.Contains(page, "jalan kota") {
		t.Errorf("dashboard after setting the office: %d; want its name, the OPD in the footer, no notice", status)
	}
	prod := a.session(t, roads.RoleProdusen)
	status, page = prod.get("/ruas/baru")
	if status != 200 || !strings.Contains(page, `value="33.74"`) || !strings.Contains(page, "Semarang Tengah") || strings.Contains(page, "Kepanjenkidul") {
		t.Errorf("new ruas form: %d; want region 33.74 and Semarang's kecamatan only", status)
	}
	if status, _ := prod.form("/admin/kantor", url.Values{"region": {"35.72"}}); status != 403 {
		t.Errorf("produsen sets the office: %d, want 403", status)
	}
	// Saving again without a file keeps the boundary.
	body, ct = officeForm(admin.csrf, map[string]string{"region": "33.74", "opd": "Dinas Pekerjaan Umum Kota Semarang"}, "")
	if status, _ := admin.post("/admin/kantor", ct, body); status != 303 {
		t.Fatalf("second save: %d", status)
	}
	if o, _ := a.store.Office(ctx); o.Boundary == nil || o.OPD != "Dinas Pekerjaan Umum Kota Semarang" {
		t.Errorf("after a save without a file: %+v", o)
	}
	entries, err := a.store.Audit(ctx, roads.AuditFilter{Entity: "office"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Actor != "admin" || entries[1].Action != "update" {
		t.Errorf("office audit %+v, want insert and update by admin", entries)
	}
}
