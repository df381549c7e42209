package sqlitestore

import (
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// auditWhere is the filter's SQL condition and its arguments.
func auditWhere(f roads.AuditFilter) (string, []any) {
	var conds []string
	var args []any
	if f.RuasID != 0 {
		conds, args = append(conds, "ruas_id = ?"), append(args, f.RuasID)
	}
	if f.Entity != "" {
		conds, args = append(conds, "entity = ?"), append(args, f.Entity)
	}
	if f.EntityID != 0 {
		conds, args = append(conds, "entity_id = ?"), append(args, f.EntityID)
	}
	if f.Action != "" {
		conds, args = append(conds, "action = ?"), append(args, f.Action)
	}
	if f.Actor != "" {
		conds, args = append(conds, "actor = ?"), append(args, f.Actor)
	}
	// at is stored as strftime('%Y-%m-%dT%H:%M:%fZ'): fixed width, so
	// text order is time order.
	const atFormat = "2006-01-02T15:04:05.000Z"
	if !f.From.IsZero() {
		conds, args = append(conds, "at >= ?"), append(args, f.From.UTC().Format(atFormat))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "at < ?"), append(args, f.To.UTC().Format(atFormat))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}
