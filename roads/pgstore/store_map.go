package pgstore

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// RuasIDsInBound returns the store ids of the ruas matching f whose
// bounding box intersects f.Bound, in no particular order, at most f.Limit
// (0 = all). It is the map's query, answered from the GIST index on the
// geometry (geom && envelope); spanDeg, which the SQLite store needs to
// narrow its bound index, is not needed here and is ignored. PostGIS keeps
// the boxes in single precision, rounded outwards: a link within about
// 1e-6° (10 cm) outside the box may be returned as well.
func (s *Store) RuasIDsInBound(ctx context.Context, f roads.RuasFilter, spanDeg float64) ([]int64, error) {
	if f.Bound == nil {
		return nil, fmt.Errorf("%w: a map query needs a bounding box", roads.ErrInvalid)
	}
	where, args := ruasWhere(f)
	q := `SELECT id FROM ruas` + where
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	// One statement sees one snapshot: no transaction needed, which saves
	// the map's hot path two round trips. One row holding every id: a view
	// has a thousand links, and a row each costs a protocol message each.
	q = `SELECT coalesce(string_agg(id::text, ','), '') FROM (` + q + `) v`
	var list string
	if err := s.db.QueryRowContext(ctx, rebind(q), args...).Scan(&list); err != nil {
		return nil, err
	}
	return sqlstore.ParseIDList(list)
}
