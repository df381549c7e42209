package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// CountAudit returns how many audit entries match f (Limit and Offset aside).
func (db *Records) CountAudit(ctx context.Context, f roads.AuditFilter) (int, error) {
	where, args := db.dl.AuditWhere(f)
	var n int
	err := db.read(ctx, func(tx Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM audit`+where, args...).Scan(&n)
	})
	return n, err
}

// Audit returns the audit entries matching f, oldest first (newest first with Desc).
func (db *Records) Audit(ctx context.Context, f roads.AuditFilter) ([]roads.AuditEntry, error) {
	where, args := db.dl.AuditWhere(f)
	q := `SELECT id, at, action, entity, entity_id, ruas_id, actor, origin, before, after FROM audit` + where
	q += " ORDER BY id"
	if f.Desc {
		q += " DESC"
	}
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
		if f.Offset > 0 {
			q += " OFFSET " + strconv.Itoa(f.Offset)
		}
	}
	var out []roads.AuditEntry
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e roads.AuditEntry
			var at string
			var before, after sql.NullString
			if err := rows.Scan(&e.ID, &at, &e.Action, &e.Entity, &e.EntityID, &e.RuasID, &e.Actor, &e.Origin, &before, &after); err != nil {
				return err
			}
			e.At = ParseTime(at)
			if before.Valid {
				e.Before = json.RawMessage(before.String)
			}
			if after.Valid {
				e.After = json.RawMessage(after.String)
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// WriteAuditCSV writes the trail f selects (AuditFilter{} for all of it)
// as CSV for an auditor: one row per change with the row before and after
// as JSON.
func (db *Records) WriteAuditCSV(ctx context.Context, w io.Writer, f roads.AuditFilter) error {
	entries, err := db.Audit(ctx, f)
	if err != nil {
		return err
	}
	cw := csvfile.NewWriter(w)
	cw.Write([]string{"id", "at", "action", "entity", "entity_id", "ruas_id", "actor", "origin", "before", "after"})
	for _, e := range entries {
		cw.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), e.Action, e.Entity,
			strconv.FormatInt(e.EntityID, 10), strconv.FormatInt(e.RuasID, 10), e.Actor, e.Origin, string(e.Before), string(e.After)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write audit trail: %w", err)
	}
	return nil
}

// AuditWhere is the filter's SQL condition on table audit and its arguments.
func (d *Dialect) AuditWhere(f roads.AuditFilter) (string, []any) {
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
	if !f.From.IsZero() {
		conds, args = append(conds, "at >= ?"), append(args, d.AuditAt(f.From))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "at < ?"), append(args, d.AuditAt(f.To))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}
