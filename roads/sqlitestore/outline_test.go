package sqlitestore

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/data/shared"
	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TestOutlinesFromRealFile: the real Kota Blitar kecamatan file (BPS
// codes, names written "KEPANJEN KIDUL") names each of its 3 polygons by
// the Kemendagri table; stored and read back they keep code and shape, and
// every load is in the audit trail. A Kabupaten Blitar file loaded for the
// kota is refused feature by feature, not dropped.
func TestOutlinesFromRealFile(t *testing.T) {
	ctx := context.Background()
	raw, err := os.ReadFile(shared.RealData(t, "indonesia/kota_blitar_kecamatan.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, filepath.Join(t.TempDir(), "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, errs := roads.NewOffice(roads.OfficeInput{Region: "35.72"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := s.SetOffice(ctx, o, "admin", time.Now()); err != nil {
		t.Fatal(err)
	}
	outs, problems := roads.ParseOutlines(raw, o, "kota_blitar_kecamatan.geojson")
	if len(problems) > 0 || len(outs) != 3 {
		t.Fatalf("%d outlines, problems %v; want the file's 3 kecamatan", len(outs), problems)
	}
	// The file's own names, spaces and case aside, and each code's name in
	// the table, must agree.
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		t.Fatal(err)
	}
	fold := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	for i, out := range outs {
		if want := fold(fc.Features[i].Properties.MustString("KECAMATAN", "")); fold(out.Name) != want {
			t.Errorf("feature %d named %q, the file says %q", i+1, out.Name, want)
		}
		if w, ok := roads.Ref().Place(out.Code); !ok || w.Name != out.Name || w.Level != roads.LevelKecamatan || !strings.HasPrefix(out.Code, "35.72.") {
			t.Errorf("outline %s %q is not that kecamatan of the table (%+v)", out.Code, out.Name, w)
		}
	}
	if err := s.SetOutlines(ctx, outs, "admin"); err != nil {
		t.Fatal(err)
	}
	back, err := s.Outlines(ctx)
	if err != nil || len(back) != 3 {
		t.Fatalf("read back %d outlines (%v)", len(back), err)
	}
	for _, b := range back {
		if b.Geometry.Bound() != outlineBound(outs, b.Code) {
			t.Errorf("outline %s changed shape when stored", b.Code)
		}
	}
	if err := s.SetOutlines(ctx, outs[:1], "walidata"); err != nil {
		t.Fatal(err)
	}
	trail, err := s.Audit(ctx, roads.AuditFilter{Entity: "outline"})
	if err != nil {
		t.Fatal(err)
	}
	var ins, del int
	for _, e := range trail {
		switch {
		case e.Action == "insert" && e.Actor != "":
			ins++
		case e.Action == "delete" && e.Actor == "walidata":
			del++
		}
	}
	if ins != 4 || del != 3 {
		t.Errorf("audit: %d inserts, %d deletes by the second loader; want 4 and 3", ins, del)
	}

	kab, err := os.ReadFile(shared.RealData(t, "indonesia/kab_blitar_kecamatan.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	kabFC, _ := geojson.UnmarshalFeatureCollection(kab)
	outs, problems = roads.ParseOutlines(kab, o, "kab_blitar_kecamatan.geojson")
	if len(outs)+len(problems) != len(kabFC.Features) || len(problems) == 0 {
		t.Errorf("Kabupaten Blitar's %d kecamatan for Kota Blitar: %d placed, %d problems; every feature must be one or the other, and most refused",
			len(kabFC.Features), len(outs), len(problems))
	}
}

func outlineBound(outs []roads.Outline, code string) (b orb.Bound) {
	for _, o := range outs {
		if o.Code == code {
			return o.Geometry.Bound()
		}
	}
	return b
}
