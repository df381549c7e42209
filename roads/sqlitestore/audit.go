package sqlitestore

import (
	"context"
	"io"

	"github.com/kotablitar/ruas/roads"
)

// Reading the audit trail is shared with the other engine:
// roads/sqlstore/audit.go.

// CountAudit returns how many audit entries match f (Limit and Offset aside).
func (s *Store) CountAudit(ctx context.Context, f roads.AuditFilter) (int, error) {
	return s.records().CountAudit(ctx, f)
}

// Audit returns the audit entries matching f, oldest first (newest first with Desc).
func (s *Store) Audit(ctx context.Context, f roads.AuditFilter) ([]roads.AuditEntry, error) {
	return s.records().Audit(ctx, f)
}

// WriteAuditCSV writes the trail f selects (AuditFilter{} for all of it)
// as CSV for an auditor.
func (s *Store) WriteAuditCSV(ctx context.Context, w io.Writer, f roads.AuditFilter) error {
	return s.records().WriteAuditCSV(ctx, w, f)
}
