package roads

import (
	"context"
	"database/sql"
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
// or none.
func (s *Store) Verify(ctx context.Context, entity Entity, ids []int64, actor string) error {
	return s.setVerif(ctx, entity, ids, actor, Verified, "")
}

// Return sends records back to their producer with a reason.
func (s *Store) Return(ctx context.Context, entity Entity, ids []int64, actor, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("%w: say why the record goes back to its producer (reason is empty)", ErrInvalid)
	}
	return s.setVerif(ctx, entity, ids, actor, Returned, reason)
}

func (s *Store) setVerif(ctx context.Context, entity Entity, ids []int64, actor string, state VerifState, note string) error {
	table, err := entity.table()
	if err != nil {
		return err
	}
	if strings.TrimSpace(actor) == "" {
		return fmt.Errorf("%w: verification needs the walidata's name", ErrInvalid)
	}
	ts := now()
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			var producer string
			err := tx.QueryRowContext(ctx, `SELECT source_user FROM `+table+` WHERE id = ?`, id).Scan(&producer)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: %s id %d", ErrNotFound, entity, id)
			}
			if err != nil {
				return err
			}
			if producer != "" && producer == actor {
				return fmt.Errorf("%w: %s id %d was entered or last edited by %s, who cannot also verify it; another walidata must", ErrForbidden, entity, id, actor)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET verif = ?, verif_by = ?, verif_at = ?, verif_note = ? WHERE id = ?`,
				state, actor, ts, note, id); err != nil {
				return fmt.Errorf("verify %s id %d: %w", entity, id, err)
			}
		}
		return nil
	})
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
