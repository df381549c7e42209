package sqlitestore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// Adoptions and plan bases are shared with the other engine:
// roads/sqlstore/adoption.go.

// AdoptPlan records that the account named by adopts stored plan run
// planID as the programme; only a plan read from verified records only.
func (s *Store) AdoptPlan(ctx context.Context, planID int64, by, note string) (*roads.Adoption, error) {
	return s.records().AdoptPlan(ctx, planID, by, note)
}

// Adoptions lists every adoption, newest first.
func (s *Store) Adoptions(ctx context.Context) ([]*roads.Adoption, error) {
	return s.records().Adoptions(ctx)
}

// AdoptedPlan returns the adoption in force, or ErrNotFound.
func (s *Store) AdoptedPlan(ctx context.Context) (*roads.Adoption, error) {
	return s.records().AdoptedPlan(ctx)
}

// SetPlanBasis records what data a stored plan run read.
func (s *Store) SetPlanBasis(ctx context.Context, b roads.PlanBasis) error {
	return s.records().SetPlanBasis(ctx, b)
}

// PlanBases returns the recorded basis of every plan run that has one.
func (s *Store) PlanBases(ctx context.Context) (map[int64]roads.PlanBasis, error) {
	return s.records().PlanBases(ctx)
}

// PlanBasisOf returns the basis of one plan run (Pending -1 when none).
func (s *Store) PlanBasisOf(ctx context.Context, planID int64) (roads.PlanBasis, error) {
	return s.records().PlanBasisOf(ctx, planID)
}
