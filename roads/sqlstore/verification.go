package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// EntityTable checks that e is a verifiable record and names its table.
func EntityTable(e roads.Entity) (string, error) {
	switch e {
	case roads.EntityRuas, roads.EntitySurvey, roads.EntityWorks, roads.EntityTraffic:
		return string(e), nil
	}
	return "", fmt.Errorf("%w: entity %q is not ruas, survey, works or traffic", roads.ErrInvalid, e)
}

// Verify marks records verified by the walidata named by actor. A
// walidata does not verify what they edited themselves: a record whose
// source user is actor is refused with ErrForbidden. All ids are verified
// or none. It checks no revision; the queue uses SetVerification.
func (db *Records) Verify(ctx context.Context, entity roads.Entity, ids []int64, actor string) error {
	return db.SetVerification(ctx, itemsOf(entity, ids), actor, roads.Verified, "")
}

// Return sends records back to their producer with a reason.
func (db *Records) Return(ctx context.Context, entity roads.Entity, ids []int64, actor, reason string) error {
	return db.SetVerification(ctx, itemsOf(entity, ids), actor, roads.Returned, reason)
}

func itemsOf(entity roads.Entity, ids []int64) []roads.VerifItem {
	out := make([]roads.VerifItem, len(ids))
	for i, id := range ids {
		out[i] = roads.VerifItem{Entity: entity, ID: id}
	}
	return out
}

// SetVerification verifies (state Verified) or returns (state Returned,
// with note as the reason) every item in one transaction: when any item is
// the actor's own, has changed since its Revision or is gone, nothing is
// changed and a *BatchError lists every such item.
func (db *Records) SetVerification(ctx context.Context, items []roads.VerifItem, actor string, state roads.VerifState, note string) error {
	if strings.TrimSpace(actor) == "" {
		return fmt.Errorf("%w: verification needs the walidata's name", roads.ErrInvalid)
	}
	switch state {
	case roads.Verified:
		note = ""
	case roads.Returned:
		if strings.TrimSpace(note) == "" {
			return fmt.Errorf("%w: say why the record goes back to its producer (reason is empty)", roads.ErrInvalid)
		}
		if errs := roads.CheckLen(nil, "reason", note, roads.MaxNotesLen); errs != nil {
			return &roads.ValidationError{Record: "verification", Fields: errs}
		}
	default:
		return fmt.Errorf("%w: verification state %q must be verified or returned", roads.ErrInvalid, state)
	}
	for _, it := range items {
		if _, err := EntityTable(it.Entity); err != nil {
			return err
		}
	}
	ts := db.nowText()
	return db.write(ctx, func(tx Tx) error {
		var refused []roads.Refusal
		for _, it := range items {
			var producer string
			err := tx.QueryRowContext(ctx, `SELECT source_user FROM `+string(it.Entity)+` WHERE id = ?`, it.ID).Scan(&producer)
			if errors.Is(err, sql.ErrNoRows) {
				refused = append(refused, roads.Refusal{Entity: it.Entity, ID: it.ID, Reason: roads.RefusedMissing})
				continue
			}
			if err != nil {
				return err
			}
			if producer != "" && producer == actor {
				refused = append(refused, roads.Refusal{Entity: it.Entity, ID: it.ID, Reason: roads.RefusedOwn})
				continue
			}
			if it.Revision != 0 {
				rev, err := Revision(ctx, tx, it.Entity, it.ID)
				if err != nil {
					return err
				}
				if rev != it.Revision {
					refused = append(refused, roads.Refusal{Entity: it.Entity, ID: it.ID, Reason: roads.RefusedChanged})
				}
			}
		}
		if len(refused) > 0 {
			return &roads.BatchError{Refused: refused}
		}
		for _, it := range items {
			if _, err := tx.ExecContext(ctx, `UPDATE `+string(it.Entity)+` SET verif = ?, verif_by = ?, verif_at = ?, verif_note = ? WHERE id = ?`,
				state, actor, ts, note, it.ID); err != nil {
				return fmt.Errorf("verify %s id %d: %w", it.Entity, it.ID, err)
			}
		}
		return nil
	})
}

// Revision is a record's latest audit entry id: every change of the row,
// by any path, appends one (the audit triggers of both engines'
// migrations), so an equal revision means an unchanged record.
func Revision(ctx context.Context, tx Tx, e roads.Entity, id int64) (int64, error) {
	var rev sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT max(id) FROM audit WHERE entity = ? AND entity_id = ?`, string(e), id).Scan(&rev)
	return rev.Int64, err
}

// Revisions returns the revision of each record of one entity, from the
// audit trail.
func (db *Records) Revisions(ctx context.Context, e roads.Entity, ids []int64) (map[int64]roads.Revision, error) {
	if _, err := EntityTable(e); err != nil {
		return nil, err
	}
	out := map[int64]roads.Revision{}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	err = db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.entity_id, a.id, coalesce(a.after, '') FROM audit a
			WHERE a.id IN (SELECT max(id) FROM audit WHERE entity = ? AND entity_id IN (`+db.dl.IDsOf+`) GROUP BY entity_id)`, string(e), string(list))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var r roads.Revision
			var after string
			if err := rows.Scan(&id, &r.Seq, &after); err != nil {
				rows.Close()
				return err
			}
			r.Current = json.RawMessage(after)
			out[id] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// An edit sets a row back to draft, so the latest entry that
		// leaves it verified or returned is the walidata's last decision.
		rows, err = tx.QueryContext(ctx, `SELECT a.entity_id, a.after FROM audit a
			WHERE a.id IN (SELECT max(id) FROM audit WHERE entity = ? AND entity_id IN (`+db.dl.IDsOf+`)
				AND `+db.dl.JSONText("after", "verif")+` IN ('verified', 'returned') GROUP BY entity_id)`, string(e), string(list))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var after string
			if err := rows.Scan(&id, &after); err != nil {
				return err
			}
			r := out[id]
			r.Base = json.RawMessage(after)
			out[id] = r
		}
		return rows.Err()
	})
	return out, err
}

// Pending counts the records of each entity that are not verified.
func (db *Records) Pending(ctx context.Context) (map[roads.Entity]int, error) {
	out := map[roads.Entity]int{}
	err := db.read(ctx, func(tx Tx) error {
		for _, e := range []roads.Entity{roads.EntityRuas, roads.EntitySurvey, roads.EntityWorks, roads.EntityTraffic} {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+string(e)+` WHERE verif <> 'verified'`).Scan(&n); err != nil {
				return err
			}
			out[e] = n
		}
		return nil
	})
	return out, err
}
