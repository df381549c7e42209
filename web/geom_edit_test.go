package web

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// haversineM is an independent great-circle distance in metres.
func haversineM(a, b orb.Point) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dlat, dlon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// metresNorth is p moved m metres north (one degree of latitude is r·π/180 m).
func metresNorth(p orb.Point, m float64) orb.Point {
	return orb.Point{p[0], p[1] + m/(6371008.8*math.Pi/180)}
}

// TestRuasFormSnapsEnds: a line posted by the plain form (no JavaScript)
// whose ends lie 3 m from two neighbours' ends is stored with its ends on
// theirs; an end 8 m away stays where it was drawn; an edit that keeps the
// line (a new name) leaves it untouched.
func TestRuasFormSnapsEnds(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	endA := rs[0].Geometry.(orb.LineString)[2] // 001's last point
	endB := rs[1].Geometry.(orb.LineString)[0] // 002's first point
	start, mid, stop := metresNorth(endA, 3), orb.Point{112.166, -8.099}, metresNorth(endB, 3)
	if d := haversineM(start, endA); d < 2.9 || d > 3.1 || d > roads.SnapM {
		t.Fatalf("setup: start %.2f m from 001's end", d)
	}
	post := func(path string, f url.Values) int {
		t.Helper()
		code, body := a.do(t, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(f.Encode()))
		if code != 303 {
			t.Fatalf("POST %s: %d %s", path, code, body)
		}
		return code
	}
	geom := func(pts ...orb.Point) string {
		var c []string
		for _, p := range pts {
			c = append(c, fmt.Sprintf("[%.9f,%.9f]", p[0], p[1]))
		}
		return `{"type":"LineString","coordinates":[` + strings.Join(c, ",") + `]}`
	}
	form := url.Values{"region": {"35.72"}, "no_ruas": {"010"}, "name": {"Jl. Sambungan"}, "status": {"kota"}, "fungsi": {"lokal"},
		"surface": {"aspal"}, "width_m": {"5"}, "geometry": {geom(start, mid, stop)}}
	post("/ruas/baru", form)
	got, err := a.store.Ruas(ctx, roads.Key{Region: "35.72", No: "010"})
	if err != nil {
		t.Fatal(err)
	}
	l := got.Geometry.(orb.LineString)
	if l[0] != endA || l[2] != endB || l[1] != mid {
		t.Errorf("stored %v, want ends %v and %v with %v kept", l, endA, endB, mid)
	}
	// An end 8 m away is another road's business.
	far := metresNorth(endA, 8)
	form.Set("no_ruas", "011")
	form.Set("geometry", geom(far, mid))
	post("/ruas/baru", form)
	got2, err := a.store.Ruas(ctx, roads.Key{Region: "35.72", No: "011"})
	if err != nil {
		t.Fatal(err)
	}
	if l := got2.Geometry.(orb.LineString); haversineM(l[0], far) > 0.01 {
		t.Errorf("an end 8 m away moved %.2f m", haversineM(l[0], far))
	}
	// Editing 011's name keeps its line, though the line now lies 8 m
	// from 001's end, and the edit goes through the version check.
	edit := ruasFormValues(got2, Locale{})
	vals := url.Values{}
	for k, v := range edit {
		vals.Set(k, v)
	}
	vals.Set("name", "Jl. Sambungan Dua")
	post(fmt.Sprintf("/ruas/%d/ubah", got2.ID), vals)
	after, _ := a.store.RuasByID(ctx, got2.ID)
	if after.Name != "Jl. Sambungan Dua" || !orb.Equal(after.Geometry, got2.Geometry) || after.Version != got2.Version+1 {
		t.Errorf("after a name edit: %q v%d %v", after.Name, after.Version, after.Geometry)
	}
}
