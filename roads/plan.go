package roads

import (
	"encoding/json"
	"fmt"
	"time"
)

// Adoption marks a stored plan run as the adopted programme: the one the
// public portal shows. A later adoption supersedes an earlier one; every
// adoption stays on record (and in the audit trail).
type Adoption struct {
	ID     int64
	PlanID int64
	By     string // the perencana or admin who adopted it
	At     time.Time
	Note   string
}

// ErrDraftPlan: a plan computed from records a walidata has not verified
// cannot be adopted as the programme.
var ErrDraftPlan = fmt.Errorf("%w: the plan was computed from unverified (draft) records", ErrInvalid)

// PlanBasis says what register data a plan run read.
type PlanBasis struct {
	PlanID       int64
	VerifiedOnly bool // the plan read Network.Verified()
	Pending      int  // unverified records it read; > 0 makes the plan a draft
}

// Draft reports whether the plan rests on records not yet verified (or
// on data whose verification was not recorded: Pending -1).
func (b PlanBasis) Draft() bool { return b.Pending != 0 }

// Unverified counts the records of the network a walidata has not
// verified: ruas, surveys, works and traffic.
func (n *Network) Unverified() int {
	c := 0
	for _, r := range n.Ruas {
		if r.Verif.State != Verified {
			c++
		}
		for _, v := range n.Surveys[r.ID] {
			if v.Verif.State != Verified {
				c++
			}
		}
		for _, w := range n.Works[r.ID] {
			if w.Verif.State != Verified {
				c++
			}
		}
		for _, t := range n.Traffic[r.ID] {
			if t.Verif.State != Verified {
				c++
			}
		}
	}
	return c
}

// PlanRun is a stored plan: its inputs (so it can be re-run), the hash of
// the register it read, and its result. The register does not interpret
// inputs or result; the planner defines them.
type PlanRun struct {
	ID           int64
	CreatedAt    time.Time
	CreatedBy    string
	Method       string
	FromYear     int
	Years        int
	SnapshotHash string
	Inputs       json.RawMessage
	Result       json.RawMessage
}
