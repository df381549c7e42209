package web

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/kotablitar/ruas/roads"
)

// TestOutlinesAPI: the offline basemap is the office's boundary and its
// own kecamatan outlines (the demo office stores the demo's, as any office
// would), each labelled at a point inside it; under a synthetic network
// they say they are no official boundary; an office with neither has an
// empty basemap. No sign-in.
func TestOutlinesAPI(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t) // the demo's office, with the demo's outlines
	ctx := context.Background()
	get := func() []*geojson.Feature {
		t.Helper()
		code, body := a.anonymous().do(t, "GET", "/api/v1/outlines", "", nil)
		if code != 200 {
			t.Fatalf("outlines: %d %s", code, body)
		}
		fc, err := geojson.UnmarshalFeatureCollection(body)
		if err != nil {
			t.Fatal(err)
		}
		return fc.Features
	}
	check := func(fs []*geojson.Feature, synthetic bool) {
		t.Helper()
		names := map[string]bool{}
		for _, f := range fs {
			if f.Properties.MustString("kind", "") != "kecamatan" {
				continue
			}
			var label [2]float64
			raw, _ := json.Marshal(f.Properties["label"])
			json.Unmarshal(raw, &label)
			poly, ok := f.Geometry.(orb.Polygon)
			if mp, isMulti := f.Geometry.(orb.MultiPolygon); isMulti && len(mp) > 0 {
				poly, ok = mp[0], true
			}
			if !ok || !planar.PolygonContains(poly, orb.Point(label)) {
				t.Errorf("outline %v: label %v not inside", f.Properties, label)
			}
			if hasNote := f.Properties.MustString("note", "") != ""; hasNote != synthetic {
				t.Errorf("outline %s: note %v under a synthetic network %v", f.Properties.MustString("name", ""), hasNote, synthetic)
			}
			names[f.Properties.MustString("name", "")] = true
		}
		if len(names) != 3 || !names["Sukorejo"] || !names["Sananwetan"] || !names["Kepanjenkidul"] {
			t.Errorf("kecamatan outlines %v, want the office's three", names)
		}
	}
	fs := get()
	if len(fs) != 3 {
		t.Fatalf("the demo office without a boundary: %d features, want its 3 kecamatan", len(fs))
	}
	check(fs, false)

	box := `{"type":"Polygon","coordinates":[[[112.13,-8.13],[112.20,-8.13],[112.20,-8.06],[112.13,-8.06],[112.13,-8.13]]]}`
	cur, _ := a.store.Office(ctx)
	o, errs := roads.NewOffice(roads.OfficeInput{Region: cur.Region, OPD: cur.OPD, Authority: string(cur.Authority), Boundary: []byte(box)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := a.store.SetOffice(ctx, o, "uji", time.Now()); err != nil {
		t.Fatal(err)
	}
	fs = get()
	if len(fs) != 4 || fs[0].Properties.MustString("kind", "") != "office" || fs[0].Geometry.Bound() != (orb.Bound{Min: orb.Point{112.13, -8.13}, Max: orb.Point{112.20, -8.06}}) {
		t.Fatalf("with a boundary: %d features, want the boundary first and 3 kecamatan", len(fs))
	}
	r, _ := a.store.RuasByID(ctx, rs[0].ID)
	r.Notes = SyntheticPrefix
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	check(get(), true)

	if err := a.store.SetOutlines(ctx, nil, "uji"); err != nil {
		t.Fatal(err)
	}
	if fs := get(); len(fs) != 1 {
		t.Errorf("outlines removed: %d features, want the boundary alone", len(fs))
	}
}
