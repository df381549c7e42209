package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// TestQualityPageUsesTheOfficeBoundary: /kualitas checks geometry against
// the office's boundary when it is set: a ruas 1.8 km outside is a finding
// that says so, a ruas inside is not.
func TestQualityPageUsesTheOfficeBoundary(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	a.setYogyaOffice(t)
	mk := func(no string, lon float64) {
		r := &roads.Ruas{Key: roads.Key{Region: "34.71", No: no}, Name: "Jl. " + no, Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
			WidthM: 5, LengthM: 1100, Geometry: orb.LineString{{lon, -7.79}, {lon + 0.01, -7.79}}, Source: roads.Source{Form: "test", User: "uji"}}
		if err := a.store.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	mk("001", 110.40)  // inside
	mk("002", 110.455) // 110.455–110.465 E: 0.7–1.8 km beyond the edge at 110.449 E (inside the 2 km the forms allow)
	_, page := a.as(roads.RoleWalidata).getPage(t, "/kualitas")
	var outside []string
	for _, row := range strings.Split(page, "<tr") {
		if strings.Contains(row, "batas wilayah kantor") {
			outside = append(outside, row)
		}
	}
	if len(outside) != 1 || !strings.Contains(outside[0], "34.71/002") {
		t.Errorf("findings outside the boundary: %d rows, want one for 34.71/002:\n%s", len(outside), strings.Join(outside, "\n"))
	}
}

// TestRuasOutsideOfficeWorded: a ruas drawn 600 km outside the office is
// refused through the API with the distance, in the reader's language.
func TestRuasOutsideOfficeWorded(t *testing.T) {
	a := newTestApp(t)
	a.setYogyaOffice(t)
	body := `{"region":"34.71","no_ruas":"010","name":"Jl. Jauh","status":"kota","fungsi":"lokal","surface":"aspal","width_m":5,"length_m":1100,
		"geometry":{"type":"LineString","coordinates":[[116.0,-7.79],[116.01,-7.79]]}}`
	for _, tc := range []struct{ lang, want string }{{"", "di luar batas wilayah kantor"}, {"?lang=en", "outside the boundary"}} {
		status, b := a.postJSON(t, "POST", "/api/v1/ruas"+tc.lang, body)
		if status != 422 || !strings.Contains(string(b), tc.want) || !strings.Contains(string(b), "geometry") {
			t.Errorf("lang %q: %d %s, want 422 naming geometry with %q", tc.lang, status, b, tc.want)
		}
	}
}

// TestMapFramesTheOffice: a ruas stored 600 km away before the office
// had a boundary does not zoom the map out: the map frames the boundary.
func TestMapFramesTheOffice(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	for i, lon := range []float64{110.40, 116.0} {
		r := &roads.Ruas{Key: roads.Key{Region: "34.71", No: fmt.Sprintf("%03d", i+1)}, Name: "Jl. x", Status: roads.Kota, Fungsi: roads.Lokal,
			Surface: roads.Aspal, WidthM: 5, LengthM: 1100, Geometry: orb.LineString{{lon, -7.79}, {lon + 0.01, -7.79}}, Source: roads.Source{Form: "test", User: "uji"}}
		if err := a.store.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	frame := func() string {
		_, page := a.as(roads.RoleWalidata).getPage(t, "/peta")
		_, rest, _ := strings.Cut(page, `data-bound='`)
		v, _, _ := strings.Cut(rest, `'`)
		return v
	}
	if got := frame(); !strings.Contains(got, "116.01") {
		t.Fatalf("without a boundary the map frames the roads drawn; got %s", got)
	}
	a.setYogyaOffice(t)
	if got, want := frame(), "[110.39,-7.81,110.449,-7.77]"; got != want {
		t.Errorf("map frame with an office boundary = %s, want the boundary %s", got, want)
	}
}

// yogyaBoundary is a box over Kota Yogyakarta's centre (34.71): its eastern
// edge is the meridian 110.449 E.
const yogyaBoundary = `{"type":"Polygon","coordinates":[[[110.39,-7.81],[110.449,-7.81],[110.449,-7.77],[110.39,-7.77],[110.39,-7.81]]]}`

// setYogyaOffice makes the register Kota Yogyakarta's, with yogyaBoundary.
func (a *testApp) setYogyaOffice(t *testing.T) {
	t.Helper()
	o, errs := roads.NewOffice(roads.OfficeInput{Region: "34.71", Boundary: []byte(yogyaBoundary)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := a.store.SetOffice(context.Background(), o, "admin", time.Now()); err != nil {
		t.Fatal(err)
	}
}
