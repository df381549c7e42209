package roads

import (
	"encoding/json"
	"time"
)

// Reconciliation is a stored reconciliation sheet (issue 16): another
// office's published figures beside the register's, each difference
// explained or said to be unexplained, and the figures agreed on. The
// sheet itself is planner/reconcile's JSON; the register keeps it as
// written, with who stored and who agreed it, and the audit trail keeps
// every change.
type Reconciliation struct {
	ID           int64
	Year         int    // the figures' year; 0 when several
	File         string // the other office's file name
	Sources      string // the sources its rows name
	RegisterHash string // the snapshot of the register the sheet read
	Sheet        json.RawMessage
	Status       string // ReconciliationDraft or ReconciliationAgreed
	Note         string // the forum's note: meeting, date, minutes
	CreatedBy    string
	CreatedAt    time.Time
	AgreedBy     string
	AgreedAt     time.Time
}

// Reconciliation states.
const (
	ReconciliationDraft  = "draft"
	ReconciliationAgreed = "agreed"
)

// MaxReconciliationBytes bounds a stored sheet (a sheet of a few hundred
// figures is well under 1 MiB).
const MaxReconciliationBytes = 4 << 20
