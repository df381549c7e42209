package roads

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Adoption marks a stored plan run as the adopted programme: the one the
// public portal shows. A later adoption supersedes an earlier one; every
// adoption stays on record (and in the audit trail).
type Adoption struct {
	ID     int64
	PlanID int64
	By     string // the perencana or admin who adopted it
	At     time.Time
	Note   string
}

// AdoptPlan records that the account named by stores plan run planID as
// the adopted programme.
func (s *Store) AdoptPlan(ctx context.Context, planID int64, by, note string) (*Adoption, error) {
	if strings.TrimSpace(by) == "" {
		return nil, fmt.Errorf("%w: adopting a plan needs the name of who adopts it", ErrInvalid)
	}
	a := &Adoption{PlanID: planID, By: by, At: time.Now().UTC(), Note: strings.TrimSpace(note)}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM plan_run WHERE id = ?`, planID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: plan run %d; list stored plans on /rencana", ErrNotFound, planID)
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO plan_adoption (plan_id, adopted_by, adopted_at, note) VALUES (?,?,?,?)`,
			planID, a.By, stamp(a.At), a.Note)
		if err != nil {
			return fmt.Errorf("adopt plan %d: %w", planID, err)
		}
		a.ID, _ = res.LastInsertId()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Adoptions lists every adoption, newest first; the first is the
// programme in force.
func (s *Store) Adoptions(ctx context.Context) ([]*Adoption, error) {
	var out []*Adoption
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, adopted_by, adopted_at, note FROM plan_adoption ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a Adoption
			var at string
			if err := rows.Scan(&a.ID, &a.PlanID, &a.By, &at, &a.Note); err != nil {
				return err
			}
			a.At = parseTime(at)
			out = append(out, &a)
		}
		return rows.Err()
	})
	return out, err
}

// AdoptedPlan returns the adoption in force, or ErrNotFound when no plan
// has been adopted yet.
func (s *Store) AdoptedPlan(ctx context.Context) (*Adoption, error) {
	all, err := s.Adoptions(ctx)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%w: no plan has been adopted yet; a perencana adopts one on its plan page", ErrNotFound)
	}
	return all[0], nil
}
