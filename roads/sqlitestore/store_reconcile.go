package sqlitestore

import (
	"context"
	"encoding/json"

	"github.com/kotablitar/ruas/roads"
)

// Reconciliation sheets are shared with the other engine:
// roads/sqlstore/reconcile.go.

// AddReconciliation stores a sheet as a draft, by the named account, and
// sets its ID.
func (s *Store) AddReconciliation(ctx context.Context, r *roads.Reconciliation, by string) error {
	return s.records().AddReconciliation(ctx, r, by)
}

// AgreeReconciliation marks a draft sheet agreed by a forum, replacing
// its sheet with the agreed one. An agreed sheet is final (roads.ErrConflict).
func (s *Store) AgreeReconciliation(ctx context.Context, id int64, sheet json.RawMessage, note, by string) error {
	return s.records().AgreeReconciliation(ctx, id, sheet, note, by)
}

// DeleteReconciliation removes a draft sheet (an agreed one is kept).
func (s *Store) DeleteReconciliation(ctx context.Context, id int64, by string) error {
	return s.records().DeleteReconciliation(ctx, id, by)
}

// Reconciliation returns one stored sheet.
func (s *Store) Reconciliation(ctx context.Context, id int64) (roads.Reconciliation, error) {
	return s.records().Reconciliation(ctx, id)
}

// Reconciliations returns the stored sheets, newest first; with
// agreedOnly, the agreed ones only.
func (s *Store) Reconciliations(ctx context.Context, agreedOnly bool) ([]roads.Reconciliation, error) {
	return s.records().Reconciliations(ctx, agreedOnly)
}
