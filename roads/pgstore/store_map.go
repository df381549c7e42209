package pgstore

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
)

// RuasIDsInBound returns the store ids of the ruas matching f whose
// bounding box intersects f.Bound, in no particular order, at most f.Limit
// (0 = all). It is the map's query, answered from the GIST index on the
// geometry (geom && envelope); spanDeg, which the SQLite store needs to
// narrow its bound index, is not needed here and is ignored.
func (s *Store) RuasIDsInBound(ctx context.Context, f roads.RuasFilter, spanDeg float64) ([]int64, error) {
	if f.Bound == nil {
		return nil, fmt.Errorf("%w: a map query needs a bounding box", roads.ErrInvalid)
	}
	where, args := ruasWhere(f)
	q := `SELECT id FROM ruas` + where
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	var out []int64
	err := s.read(ctx, func(tx *pgTx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
		}
		return rows.Err()
	})
	return out, err
}
