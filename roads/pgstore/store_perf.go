package pgstore

import (
	"bytes"
	"context"
	"io"

	"github.com/kotablitar/ruas/roads"
)

// PlanRunStream is PlanRunByID with the result read from r instead of
// held in the run (Result nil), as the SQLite store gives it; here the
// result is read whole first.
func (s *Store) PlanRunStream(ctx context.Context, id int64) (*roads.PlanRun, io.ReadCloser, error) {
	p, err := s.PlanRunByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	r := io.NopCloser(bytes.NewReader(p.Result))
	p.Result = nil
	return p, r, nil
}
