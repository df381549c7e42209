package roads

import (
	"encoding/json"
	"time"
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
	Action   string // insert, update, delete, verify, …
	Actor    string // the account named on the change, exactly
	// From and To bound the time of the change: From ≤ at < To.
	From, To time.Time
	Desc     bool // newest first
	Limit    int  // 0 = all
	Offset   int  // entries skipped before the first returned
}
