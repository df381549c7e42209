package roads

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads/csvfile"
)

// AuditEntry is one change to one register row, written by triggers in the
// same transaction as the change (data/migrations/002_audit.sql), so no
// path — form, API or import — can change data without leaving one. The
// trail is append-only: the database refuses updates and deletes of it.
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	Action   string          `json:"action"` // insert, update, delete
	Entity   string          `json:"entity"` // ruas, survey, works, traffic
	EntityID int64           `json:"entity_id"`
	RuasID   int64           `json:"ruas_id"`
	Actor    string          `json:"actor"`  // the user named by the row's source
	Origin   string          `json:"origin"` // file:row, or the form's name
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
}

// AuditFilter selects audit entries. Zero fields do not filter.
type AuditFilter struct {
	RuasID   int64
	Entity   string
	EntityID int64
	Limit    int // 0 = all
}

// Audit returns the audit entries matching f, oldest first.
func (s *Store) Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
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
	q := `SELECT id, at, action, entity, entity_id, ruas_id, actor, origin, before, after FROM audit`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	var out []AuditEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			var at string
			var before, after sql.NullString
			if err := rows.Scan(&e.ID, &at, &e.Action, &e.Entity, &e.EntityID, &e.RuasID, &e.Actor, &e.Origin, &before, &after); err != nil {
				return err
			}
			e.At = parseTime(at)
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

// WriteAuditCSV writes the whole trail as CSV for an auditor: one row per
// change with the row before and after as JSON.
func (s *Store) WriteAuditCSV(ctx context.Context, w io.Writer) error {
	entries, err := s.Audit(ctx, AuditFilter{})
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
