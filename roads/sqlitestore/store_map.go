package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// RuasIDsInBound returns the store ids of the ruas matching f whose
// bounding box intersects f.Bound, in no particular order, at most f.Limit
// (0 = all). It is the map's query, answered from the bbox index alone
// (ruas_bbox covers the four bounds and the id): the index is read only
// between f.Bound's west edge minus spanDeg and its east edge, where
// spanDeg (degrees of longitude) is at least the widest ruas's extent, so
// a screen-sized box reads a narrow band of the index instead of every
// entry west of the box. A spanDeg that is too small misses links that
// start further west; callers that hold the network know the true value.
func (s *Store) RuasIDsInBound(ctx context.Context, f roads.RuasFilter, spanDeg float64) ([]int64, error) {
	if f.Bound == nil {
		return nil, fmt.Errorf("%w: a map query needs a bounding box", roads.ErrInvalid)
	}
	where, args := ruasWhere(f)
	where += " AND min_lon >= ?"
	args = append(args, f.Bound.Min[0]-spanDeg)
	q := `SELECT id FROM ruas INDEXED BY ruas_bbox` + where
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	// One row holding every id: a screen has hundreds of links, and a row
	// each would cost a cgo round trip each.
	q = `SELECT coalesce(group_concat(id), '') FROM (` + q + `)`
	var list string
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, q, args...).Scan(&list)
	})
	if err != nil {
		return nil, err
	}
	return sqlstore.ParseIDList(list)
}
