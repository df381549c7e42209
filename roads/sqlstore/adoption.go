package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// AdoptPlan records that the account named by adopts stored plan run
// planID as the programme. Only a plan that read verified records only
// (its PlanBasis has nothing pending) may be adopted: the programme is
// published, and the public sees verified data only.
func (db *Records) AdoptPlan(ctx context.Context, planID int64, by, note string) (*roads.Adoption, error) {
	if strings.TrimSpace(by) == "" {
		return nil, fmt.Errorf("%w: adopting a plan needs the name of who adopts it", roads.ErrInvalid)
	}
	a := &roads.Adoption{PlanID: planID, By: by, At: db.now(), Note: strings.TrimSpace(note)}
	err := db.write(ctx, func(tx Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM plan_run WHERE id = ?`, planID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: plan run %d; list stored plans on /rencana", roads.ErrNotFound, planID)
		}
		if err != nil {
			return err
		}
		var pending int
		err = tx.QueryRowContext(ctx, `SELECT pending FROM plan_basis WHERE plan_id = ?`, planID).Scan(&pending)
		if errors.Is(err, sql.ErrNoRows) || err == nil && pending > 0 {
			return fmt.Errorf("%w: plan run %d; run the plan again on verified data only, then adopt that run", roads.ErrDraftPlan, planID)
		}
		if err != nil {
			return err
		}
		a.ID, err = db.dl.InsertID(ctx, tx, `INSERT INTO plan_adoption (plan_id, adopted_by, adopted_at, note) VALUES (?,?,?,?)`,
			planID, a.By, SortableStamp(a.At), a.Note)
		if err != nil {
			return fmt.Errorf("adopt plan %d: %w", planID, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Adoptions lists every adoption, newest first; the first is the
// programme in force.
func (db *Records) Adoptions(ctx context.Context) ([]*roads.Adoption, error) {
	var out []*roads.Adoption
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, adopted_by, adopted_at, note FROM plan_adoption ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a roads.Adoption
			var at string
			if err := rows.Scan(&a.ID, &a.PlanID, &a.By, &at, &a.Note); err != nil {
				return err
			}
			a.At = ParseTime(at)
			out = append(out, &a)
		}
		return rows.Err()
	})
	return out, err
}

// AdoptedPlan returns the adoption in force, or ErrNotFound when no plan
// has been adopted yet.
func (db *Records) AdoptedPlan(ctx context.Context) (*roads.Adoption, error) {
	all, err := db.Adoptions(ctx)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%w: no plan has been adopted yet; a perencana adopts one on its plan page", roads.ErrNotFound)
	}
	return all[0], nil
}

// SetPlanBasis records what data a stored plan run read.
func (db *Records) SetPlanBasis(ctx context.Context, b roads.PlanBasis) error {
	if b.VerifiedOnly {
		b.Pending = 0
	}
	return db.write(ctx, func(tx Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO plan_basis (plan_id, verified_only, pending) VALUES (?,?,?)
			ON CONFLICT (plan_id) DO UPDATE SET verified_only = excluded.verified_only, pending = excluded.pending`, b.PlanID, b.VerifiedOnly, b.Pending)
		if err != nil {
			return fmt.Errorf("record basis of plan %d: %w", b.PlanID, err)
		}
		return nil
	})
}

// PlanBases returns the recorded basis of every plan run that has one, by
// plan id. A run without one (made before accounts existed, or by a tool
// that did not record it) counts as a draft.
func (db *Records) PlanBases(ctx context.Context) (map[int64]roads.PlanBasis, error) {
	out := map[int64]roads.PlanBasis{}
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT plan_id, verified_only, pending FROM plan_basis`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b roads.PlanBasis
			if err := rows.Scan(&b.PlanID, &b.VerifiedOnly, &b.Pending); err != nil {
				return err
			}
			out[b.PlanID] = b
		}
		return rows.Err()
	})
	return out, err
}

// PlanBasisOf returns the basis of one plan run; a run with none recorded
// is reported as a draft of unknown size (Pending -1).
func (db *Records) PlanBasisOf(ctx context.Context, planID int64) (roads.PlanBasis, error) {
	all, err := db.PlanBases(ctx)
	if err != nil {
		return roads.PlanBasis{}, err
	}
	if b, ok := all[planID]; ok {
		return b, nil
	}
	return roads.PlanBasis{PlanID: planID, Pending: -1}, nil
}
