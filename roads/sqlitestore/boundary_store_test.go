package sqlitestore

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
)

// TestRuasOutsideOfficeRefused: with an office boundary, a ruas drawn 600
// km away (a slip of digit) is refused on create and on edit, nothing is
// stored, and the error names the geometry field with the distance; one
// inside, or within the tolerance, is stored. Without a boundary nothing
// is refused.
func TestRuasOutsideOfficeRefused(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mk := func(no string, lon float64) *roads.Ruas {
		return &roads.Ruas{Key: roads.Key{Region: "34.71", No: no}, Name: "Jl. " + no, Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
			WidthM: 5, LengthM: 1100, Geometry: orb.LineString{{lon, -7.79}, {lon + 0.01, -7.79}}, Source: roads.Source{Form: "test", User: "uji"}}
	}
	// No office yet: a far ruas is the quality report's business, not a refusal.
	if err := s.CreateRuas(ctx, mk("900", 116.0)); err != nil {
		t.Fatalf("without an office a ruas anywhere is stored: %v", err)
	}
	o, errs := roads.NewOffice(roads.OfficeInput{Region: "34.71", Boundary: []byte(
		`{"type":"Polygon","coordinates":[[[110.39,-7.81],[110.449,-7.81],[110.449,-7.77],[110.39,-7.77],[110.39,-7.81]]]}`)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := s.SetOffice(ctx, o, "admin", time.Now()); err != nil {
		t.Fatal(err)
	}
	inside, border, far := mk("001", 110.40), mk("002", 110.455), mk("003", 116.0)
	for _, r := range []*roads.Ruas{inside, border} {
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Errorf("ruas %s within the boundary's tolerance refused: %v", r.Key, err)
		}
	}
	err = s.CreateRuas(ctx, far)
	var ve *roads.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != "geometry" || ve.Fields[0].Code != roads.FieldOutsideOffice {
		t.Fatalf("far ruas: err = %v, want a geometry field error %q", err, roads.FieldOutsideOffice)
	}
	// 116.01 E is (116.01 − 110.449) degrees east of the edge at 7.79 S.
	if km := ve.Fields[0].Figures[0]; km < 600 || km > 620 {
		t.Errorf("distance said %.1f km, want about 614 km", km)
	}
	if _, err := s.Ruas(ctx, far.Key); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("refused ruas stored anyway (%v)", err)
	}
	// Moving a stored ruas 600 km away is refused the same way.
	cur, err := s.Ruas(ctx, inside.Key)
	if err != nil {
		t.Fatal(err)
	}
	cur.Geometry = far.Geometry
	if err := s.UpdateRuas(ctx, cur); !errors.As(err, &ve) {
		t.Errorf("edit moving the ruas 600 km away: %v, want a validation error", err)
	}
	if got, _ := s.Ruas(ctx, inside.Key); got == nil || got.Geometry.Bound().Min[0] != 110.40 {
		t.Errorf("refused edit changed the stored geometry")
	}
}
