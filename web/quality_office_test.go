package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// TestQualityPageUsesTheOfficeBoundary: /kualitas checks geometry against
// the office's boundary when it is set: a ruas 2 km outside is a finding
// that says so, a ruas inside is not.
func TestQualityPageUsesTheOfficeBoundary(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	o, errs := roads.NewOffice(roads.OfficeInput{Region: "34.71", Boundary: []byte(
		`{"type":"Polygon","coordinates":[[[110.39,-7.81],[110.449,-7.81],[110.449,-7.77],[110.39,-7.77],[110.39,-7.81]]]}`)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := a.store.SetOffice(ctx, o, "admin", time.Now()); err != nil {
		t.Fatal(err)
	}
	mk := func(no string, lon float64) {
		r := &roads.Ruas{Key: roads.Key{Region: "34.71", No: no}, Name: "Jl. " + no, Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
			WidthM: 5, LengthM: 1100, Geometry: orb.LineString{{lon, -7.79}, {lon + 0.01, -7.79}}, Source: roads.Source{Form: "test", User: "uji"}}
		if err := a.store.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	mk("001", 110.40) // inside
	mk("002", 110.46) // 110.46–110.47 E: 1.2–2.3 km beyond the edge at 110.449 E
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
