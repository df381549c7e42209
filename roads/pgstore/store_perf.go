package pgstore

import (
	"bytes"
	"context"
	"io"

	"github.com/kotablitar/ruas/roads"
)

// NetworkNoSurveys is Network without the ruas geometries and without any
// survey (Surveys empty, every Ruas.Geometry nil), as the SQLite store
// gives it for exports that read neither. Here it reads the whole network
// and leaves those out: the same result, not yet a lighter read.
func (s *Store) NetworkNoSurveys(ctx context.Context) (*roads.Network, error) {
	n, err := s.Network(ctx)
	if err != nil {
		return nil, err
	}
	n.Surveys = map[int64][]*roads.Survey{}
	for _, r := range n.Ruas {
		r.Geometry = nil
	}
	return n, nil
}

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
