package pgstore

import (
	"context"

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
