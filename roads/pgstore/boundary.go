package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/kotablitar/ruas/roads"

	"github.com/paulmach/orb"
)

// outsideOffice is the field error of a geometry whose farthest point lies
// more than BoundaryToleranceM outside the office's boundary, or nil. With
// no office or no boundary every geometry passes.
func outsideOffice(ctx context.Context, tx dbtx, g orb.Geometry) (*roads.FieldError, error) {
	if g == nil {
		return nil, nil
	}
	o, err := readOffice(ctx, tx)
	if errors.Is(err, roads.ErrNotFound) || (err == nil && o.Boundary == nil) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	worst, at := 0.0, orb.Point{}
	for _, p := range pointsOf(g) {
		if d := roads.OutsideBy(o.Boundary, p); d > worst {
			worst, at = d, p
		}
	}
	if worst <= roads.BoundaryToleranceM {
		return nil, nil
	}
	return &roads.FieldError{Field: "geometry", Value: fmt.Sprintf("%.5f, %.5f", at[1], at[0]),
		Code: roads.FieldOutsideOffice, Figures: []float64{worst / 1000, roads.BoundaryToleranceM / 1000},
		Message: fmt.Sprintf("a point lies %.1f km outside the boundary of %s (tolerance %.0f km); check the drawing or the coordinates' sign and digits",
			worst/1000, o.Pemda(), roads.BoundaryToleranceM/1000)}, nil
}

// pointsOf lists the vertices of a line geometry.
func pointsOf(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.LineString:
		return g
	case orb.MultiLineString:
		var out []orb.Point
		for _, l := range g {
			out = append(out, l...)
		}
		return out
	}
	return nil
}
