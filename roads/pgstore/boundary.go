package pgstore

import (
	"context"
	"errors"

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
	return o.CheckInside(g), nil
}
