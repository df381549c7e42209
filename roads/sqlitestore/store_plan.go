package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kotablitar/ruas/roads"
)

// SavePlanRun stores a plan run and sets its ID.
func (s *Store) SavePlanRun(ctx context.Context, p *roads.PlanRun) error {
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.now()
	}
	gz, err := roads.CompressResult(p.Result) // stored compressed (roads/planresult.go)
	if err != nil {
		return fmt.Errorf("save plan run: %w", err)
	}
	return s.SavePlanRunCompressed(ctx, p, gz)
}

const planColumns = `id, created_at, created_by, method, from_year, years, snapshot_hash, inputs, result, result_gz`

func scanPlan(sc scanner) (*roads.PlanRun, error) {
	var p roads.PlanRun
	var created, inputs string
	var result, gz []byte
	if err := sc.Scan(&p.ID, &created, &p.CreatedBy, &p.Method, &p.FromYear, &p.Years, &p.SnapshotHash, &inputs, &result, &gz); err != nil {
		return nil, err
	}
	p.CreatedAt = parseTime(created)
	p.Inputs, p.Result = json.RawMessage(inputs), json.RawMessage(result)
	if gz != nil { // store_scale.go
		var err error
		if p.Result, err = inflateResult(gz); err != nil {
			return nil, fmt.Errorf("plan run %d: %w", p.ID, err)
		}
	}
	return &p, nil
}

// PlanRunByID returns a stored plan run; id 0 means the latest.
func (s *Store) PlanRunByID(ctx context.Context, id int64) (*roads.PlanRun, error) {
	var p *roads.PlanRun
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if id == 0 {
			p, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plan_run ORDER BY id DESC LIMIT 1`))
		} else {
			p, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plan_run WHERE id = ?`, id))
		}
		if errors.Is(err, sql.ErrNoRows) {
			if id == 0 {
				return fmt.Errorf("%w: no plan has been run yet; run `ruas plan` first", roads.ErrNotFound)
			}
			return fmt.Errorf("%w: plan run %d", roads.ErrNotFound, id)
		}
		return err
	})
	return p, err
}

// PlanRuns lists stored plan runs, newest first, without their results.
func (s *Store) PlanRuns(ctx context.Context) ([]*roads.PlanRun, error) {
	var out []*roads.PlanRun
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, created_at, created_by, method, from_year, years, snapshot_hash, inputs, '', NULL FROM plan_run ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlan(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}
