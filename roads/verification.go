package roads

import (
	"encoding/json"
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

// Revision is what a walidata needs to judge a record in the queue: its
// revision (to send back with the decision), the row as it now is, and
// the row as last verified or returned (nil: never, a new record).
type Revision struct {
	Seq     int64
	Current json.RawMessage
	Base    json.RawMessage
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

// ReturnedRecord is a record a walidata sent back to its producer: which
// record, on which ruas, who returned it, when and why.
type ReturnedRecord struct {
	Entity   Entity
	ID       int64
	RuasID   int64
	RuasKey  Key
	RuasName string
	// What names the record within its ruas: a survey's date and STA, a
	// works' date and type, a traffic count's year ("" for the ruas itself).
	Date           time.Time
	StaFrom, StaTo float64
	Type           string
	Year           int
	Verif          Verification
}
