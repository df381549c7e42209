package sqlitestore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// Verification is shared with the other engine: roads/sqlstore/verification.go.

// Verify marks records verified by the walidata named by actor; a record
// whose source user is actor is refused with ErrForbidden.
func (s *Store) Verify(ctx context.Context, entity roads.Entity, ids []int64, actor string) error {
	return s.records().Verify(ctx, entity, ids, actor)
}

// Return sends records back to their producer with a reason.
func (s *Store) Return(ctx context.Context, entity roads.Entity, ids []int64, actor, reason string) error {
	return s.records().Return(ctx, entity, ids, actor, reason)
}

// SetVerification verifies or returns every item in one transaction, or
// none (a *BatchError lists the refused ones).
func (s *Store) SetVerification(ctx context.Context, items []roads.VerifItem, actor string, state roads.VerifState, note string) error {
	return s.records().SetVerification(ctx, items, actor, state, note)
}

// Revisions returns the revision of each record of one entity, from the
// audit trail.
func (s *Store) Revisions(ctx context.Context, e roads.Entity, ids []int64) (map[int64]roads.Revision, error) {
	return s.records().Revisions(ctx, e, ids)
}

// Pending counts the records of each entity that are not verified.
func (s *Store) Pending(ctx context.Context) (map[roads.Entity]int, error) {
	return s.records().Pending(ctx)
}
