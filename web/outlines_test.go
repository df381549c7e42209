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

// TestOutlinesAPI: the offline basemap is the office boundary alone for a
// real register, and gains the demo's kecamatan outlines, each labelled at
// a point inside it, only once the network is synthetic. No sign-in.
func TestOutlinesAPI(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
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
	cur, _ := a.store.Office(ctx)
	if fs := get(); len(fs) != 0 && cur.Boundary == nil {
		t.Errorf("no boundary, real network: %d outlines", len(fs))
	}
	box := `{"type":"Polygon","coordinates":[[[112.13,-8.13],[112.20,-8.13],[112.20,-8.06],[112.13,-8.06],[112.13,-8.13]]]}`
	o, errs := roads.NewOffice(roads.OfficeInput{Region: cur.Region, OPD: cur.OPD, Authority: string(cur.Authority), Boundary: []byte(box)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := a.store.SetOffice(ctx, o, "uji", time.Now()); err != nil {
		t.Fatal(err)
	}
	fs := get()
	if len(fs) != 1 || fs[0].Properties.MustString("kind", "") != "office" || fs[0].Geometry.Bound() != (orb.Bound{Min: orb.Point{112.13, -8.13}, Max: orb.Point{112.20, -8.06}}) {
		t.Fatalf("with a boundary, real network: %d outlines %v", len(fs), fs)
	}
	r, _ := a.store.RuasByID(ctx, rs[0].ID)
	r.Notes = SyntheticPrefix
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	fs = get()
	names := map[string]bool{}
	for _, f := range fs[1:] {
		var label [2]float64
		raw, _ := json.Marshal(f.Properties["label"])
		json.Unmarshal(raw, &label)
		poly, ok := f.Geometry.(orb.Polygon)
		if mp, isMulti := f.Geometry.(orb.MultiPolygon); isMulti && len(mp) > 0 {
			poly, ok = mp[0], true
		}
		if f.Properties.MustString("kind", "") != "kecamatan" || !ok || !planar.PolygonContains(poly, orb.Point(label)) {
			t.Errorf("outline %v: label %v not inside", f.Properties, label)
		}
		names[f.Properties.MustString("name", "")] = true
	}
	if len(fs) != 4 || !names["Sukorejo"] || !names["Sananwetan"] || !names["Kepanjenkidul"] {
		t.Errorf("synthetic network: %d outlines, kecamatan %v", len(fs), names)
	}
}
