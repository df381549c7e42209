package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/kotablitar/ruas/roads"
)

// TestOfficeOutlinesBasemap: the admin loads the real Kota Blitar
// kecamatan file on the office page; the offline basemap of a real (not
// synthetic) register then carries the 3 kecamatan with their Kemendagri
// codes and a label point inside each; a file of another kabupaten is
// refused beside its field and changes nothing.
func TestOfficeOutlinesBasemap(t *testing.T) {
	a := newTestApp(t)
	admin := a.session(t, roads.RoleAdmin)
	upload := func(path string) (int, string) {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf", admin.csrf)
		mw.WriteField("region", "35.72")
		w, _ := mw.CreateFormFile("outlines", "kecamatan.geojson")
		w.Write(raw)
		mw.Close()
		return admin.post("/admin/kantor", mw.FormDataContentType(), &buf)
	}
	if status, page := upload(realData(t, "indonesia/kota_blitar_kecamatan.geojson")); status != 200 && status != 303 {
		t.Fatalf("upload: %d\n%s", status, page)
	}
	var doc outlinesDoc
	if status := a.getJSON(t, "/api/v1/outlines", &doc); status != 200 {
		t.Fatalf("outlines: %d", status)
	}
	got := map[string]string{}
	for _, f := range doc.Features {
		if f.Properties.Kind != roads.LevelKecamatan {
			continue
		}
		got[f.Properties.Code] = f.Properties.Name
		if f.Properties.Label == nil || !inside(f.Geometry.Geometry(), *f.Properties.Label) {
			t.Errorf("%s: label point outside its outline", f.Properties.Name)
		}
	}
	want := map[string]string{}
	for _, w := range roads.Ref().Within("35.72", roads.LevelKecamatan) {
		want[w.Code] = w.Name
	}
	if len(got) != 3 || len(want) != 3 {
		t.Fatalf("basemap kecamatan %v, the table's %v", got, want)
	}
	for c, n := range want {
		if got[c] != n {
			t.Errorf("kecamatan %s: basemap %q, table %q", c, got[c], n)
		}
	}
	status, page := upload(realData(t, "indonesia/kab_blitar_kecamatan.geojson"))
	if status != 422 || !strings.Contains(page, "tidak dapat dicocokkan") {
		t.Errorf("another kabupaten's outlines: %d, want 422 naming the unplaced features", status)
	}
	var again outlinesDoc
	a.getJSON(t, "/api/v1/outlines", &again)
	if b1, _ := json.Marshal(doc); !bytes.Equal(b1, mustJSON(t, again)) {
		t.Errorf("a refused file changed the stored outlines")
	}
}

// inside reports whether p lies in the (Multi)Polygon g.
func inside(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return false
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
