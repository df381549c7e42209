package sqlitestore

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/kotablitar/ruas/roads"
)

// PlanRunStream is PlanRunByID with the result not in the run (Result is
// nil) but read from r, inflated as it is read: an export that decodes a
// few years of a large plan (publish.DecodeYearsFrom) never holds the
// whole result JSON, which is 1.5 GB for ten years of a national network.
// The caller closes r.
func (s *Store) PlanRunStream(ctx context.Context, id int64) (*roads.PlanRun, io.ReadCloser, error) {
	var p *roads.PlanRun
	var result, gz []byte
	err := s.read(ctx, func(tx *sql.Tx) error {
		var row *sql.Row
		if id == 0 {
			row = tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plan_run ORDER BY id DESC LIMIT 1`)
		} else {
			row = tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plan_run WHERE id = ?`, id)
		}
		var created, inputs string
		var q roads.PlanRun
		err := row.Scan(&q.ID, &created, &q.CreatedBy, &q.Method, &q.FromYear, &q.Years, &q.SnapshotHash, &inputs, &result, &gz)
		if errors.Is(err, sql.ErrNoRows) {
			if id == 0 {
				return fmt.Errorf("%w: no plan has been run yet; run `ruas plan` first", roads.ErrNotFound)
			}
			return fmt.Errorf("%w: plan run %d", roads.ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		q.CreatedAt = parseTime(created)
		q.Inputs = json.RawMessage(inputs)
		p = &q
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if gz == nil {
		return p, io.NopCloser(bytes.NewReader(result)), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, nil, fmt.Errorf("plan run %d: stored result unreadable: %w", p.ID, err)
	}
	return p, zr, nil
}
