package roads

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// VerifState is where a record stands in the walidata's verification.
type VerifState string

// Verification states. New and edited records are drafts; only verified
// records are published and sent to SIPD / e-Walidata.
const (
	Draft    VerifState = "draft"
	Verified VerifState = "verified"
	Returned VerifState = "returned" // sent back to the producer with a reason
)

// Verification is a record's verification state, who set it, when, and
// the reason when it was sent back.
type Verification struct {
	State VerifState `json:"state"`
	By    string     `json:"by,omitempty"`
	At    time.Time  `json:"at,omitempty"`
	Note  string     `json:"note,omitempty"`
}

// Entity names a kind of register row for verification.
type Entity string

// The register's entities.
const (
	EntityRuas    Entity = "ruas"
	EntitySurvey  Entity = "survey"
	EntityWorks   Entity = "works"
	EntityTraffic Entity = "traffic"
)

func (e Entity) table() (string, error) {
	switch e {
	case EntityRuas, EntitySurvey, EntityWorks, EntityTraffic:
		return string(e), nil
	}
	return "", fmt.Errorf("%w: entity %q is not ruas, survey, works or traffic", ErrInvalid, e)
}

// Verify marks records verified by the walidata named by actor. A
// walidata does not verify what they edited themselves: a record whose
// source user is actor is refused with ErrForbidden. All ids are verified
// or none. It checks no revision; the queue uses SetVerification.
func (s *Store) Verify(ctx context.Context, entity Entity, ids []int64, actor string) error {
	return s.SetVerification(ctx, itemsOf(entity, ids), actor, Verified, "")
}

// Return sends records back to their producer with a reason.
func (s *Store) Return(ctx context.Context, entity Entity, ids []int64, actor, reason string) error {
	return s.SetVerification(ctx, itemsOf(entity, ids), actor, Returned, reason)
}

func itemsOf(entity Entity, ids []int64) []VerifItem {
	out := make([]VerifItem, len(ids))
	for i, id := range ids {
		out[i] = VerifItem{Entity: entity, ID: id}
	}
	return out
}

// VerifItem is one record a walidata verifies or returns, at the revision
// they were shown.
type VerifItem struct {
	Entity Entity
	ID     int64
	// Revision is the record's revision (Revisions) when the walidata
	// read it; 0 checks none. A record changed since is refused.
	Revision int64
}

// RefusalReason says why one record of a verification batch was refused.
type RefusalReason string

// The reasons a record of a batch is refused.
const (
	RefusedOwn     RefusalReason = "own"     // the walidata entered or last edited it
	RefusedChanged RefusalReason = "changed" // it changed after the walidata read it
	RefusedMissing RefusalReason = "missing" // it no longer exists
)

// Refusal is one refused record of a batch.
type Refusal struct {
	Entity Entity
	ID     int64
	Reason RefusalReason
}

// BatchError refuses a whole verification batch, listing every record
// that stopped it; no record of the batch was changed. It is ErrForbidden
// for own records, ErrConflict for changed ones and ErrNotFound for
// missing ones (errors.Is matches each that occurs).
type BatchError struct {
	Refused []Refusal
}

func (e *BatchError) Error() string {
	parts := make([]string, len(e.Refused))
	for i, r := range e.Refused {
		switch r.Reason {
		case RefusedOwn:
			parts[i] = fmt.Sprintf("%s id %d was entered or last edited by the verifier, who cannot also verify it", r.Entity, r.ID)
		case RefusedChanged:
			parts[i] = fmt.Sprintf("%s id %d changed after the queue was read; check it again", r.Entity, r.ID)
		default:
			parts[i] = fmt.Sprintf("%s id %d does not exist", r.Entity, r.ID)
		}
	}
	return "verification batch refused, nothing changed: " + strings.Join(parts, "; ")
}

func (e *BatchError) Unwrap() []error {
	seen := map[RefusalReason]bool{}
	var out []error
	for _, r := range e.Refused {
		if seen[r.Reason] {
			continue
		}
		seen[r.Reason] = true
		out = append(out, map[RefusalReason]error{RefusedOwn: ErrForbidden, RefusedChanged: ErrConflict, RefusedMissing: ErrNotFound}[r.Reason])
	}
	return out
}

// SetVerification verifies (state Verified) or returns (state Returned,
// with note as the reason) every item in one transaction: when any item is
// the actor's own, has changed since its Revision or is gone, nothing is
// changed and a *BatchError lists every such item.
func (s *Store) SetVerification(ctx context.Context, items []VerifItem, actor string, state VerifState, note string) error {
	if strings.TrimSpace(actor) == "" {
		return fmt.Errorf("%w: verification needs the walidata's name", ErrInvalid)
	}
	switch state {
	case Verified:
		note = ""
	case Returned:
		if strings.TrimSpace(note) == "" {
			return fmt.Errorf("%w: say why the record goes back to its producer (reason is empty)", ErrInvalid)
		}
		if errs := checkLen(nil, "reason", note, MaxNotesLen); errs != nil {
			return &ValidationError{Record: "verification", Fields: errs}
		}
	default:
		return fmt.Errorf("%w: verification state %q must be verified or returned", ErrInvalid, state)
	}
	for _, it := range items {
		if _, err := it.Entity.table(); err != nil {
			return err
		}
	}
	ts := s.nowText()
	return s.write(ctx, func(tx *sql.Tx) error {
		var refused []Refusal
		for _, it := range items {
			var producer string
			err := tx.QueryRowContext(ctx, `SELECT source_user FROM `+string(it.Entity)+` WHERE id = ?`, it.ID).Scan(&producer)
			if errors.Is(err, sql.ErrNoRows) {
				refused = append(refused, Refusal{it.Entity, it.ID, RefusedMissing})
				continue
			}
			if err != nil {
				return err
			}
			if producer != "" && producer == actor {
				refused = append(refused, Refusal{it.Entity, it.ID, RefusedOwn})
				continue
			}
			if it.Revision != 0 {
				rev, err := revision(ctx, tx, it.Entity, it.ID)
				if err != nil {
					return err
				}
				if rev != it.Revision {
					refused = append(refused, Refusal{it.Entity, it.ID, RefusedChanged})
				}
			}
		}
		if len(refused) > 0 {
			return &BatchError{Refused: refused}
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

// revision is a record's latest audit entry id: every change of the row,
// by any path, appends one (data/migrations/002_audit.sql), so an equal
// revision means an unchanged record.
func revision(ctx context.Context, tx *sql.Tx, e Entity, id int64) (int64, error) {
	var rev sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT max(id) FROM audit WHERE entity = ? AND entity_id = ?`, string(e), id).Scan(&rev)
	return rev.Int64, err
}

// Revision is what a walidata needs to judge a record in the queue: its
// revision (to send back with the decision), the row as it now is, and
// the row as last verified or returned (nil: never, a new record).
type Revision struct {
	Seq     int64
	Current json.RawMessage
	Base    json.RawMessage
}

// Revisions returns the revision of each record of one entity, from the
// audit trail.
func (s *Store) Revisions(ctx context.Context, e Entity, ids []int64) (map[int64]Revision, error) {
	if _, err := e.table(); err != nil {
		return nil, err
	}
	out := map[int64]Revision{}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.entity_id, a.id, coalesce(a.after, '') FROM audit a
			WHERE a.id IN (SELECT max(id) FROM audit WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?)) GROUP BY entity_id)`, string(e), string(list))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var r Revision
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
			WHERE a.id IN (SELECT max(id) FROM audit WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?))
				AND json_extract(after, '$.verif') IN ('verified', 'returned') GROUP BY entity_id)`, string(e), string(list))
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
func (s *Store) Pending(ctx context.Context) (map[Entity]int, error) {
	out := map[Entity]int{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		for _, e := range []Entity{EntityRuas, EntitySurvey, EntityWorks, EntityTraffic} {
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

// Verified returns the part of the network a walidata has verified: the
// verified ruas, and of those only the verified surveys, works and
// traffic. Public pages and the SIPD and e-Walidata exports use it.
func (n *Network) Verified() *Network {
	v := &Network{Surveys: map[int64][]*Survey{}, Works: map[int64][]*Works{}, Traffic: map[int64][]*Traffic{},
		Hash: n.Hash, ReadAt: n.ReadAt, VerifiedOnly: true, Office: n.Office}
	for _, r := range n.Ruas {
		if r.Verif.State != Verified {
			continue
		}
		v.Ruas = append(v.Ruas, r)
		for _, x := range n.Surveys[r.ID] {
			if x.Verif.State == Verified {
				v.Surveys[r.ID] = append(v.Surveys[r.ID], x)
			}
		}
		for _, x := range n.Works[r.ID] {
			if x.Verif.State == Verified {
				v.Works[r.ID] = append(v.Works[r.ID], x)
			}
		}
		for _, x := range n.Traffic[r.ID] {
			if x.Verif.State == Verified {
				v.Traffic[r.ID] = append(v.Traffic[r.ID], x)
			}
		}
	}
	return v
}
