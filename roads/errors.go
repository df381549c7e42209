// Package roads is the road register's domain: ruas (road links),
// condition surveys, works history and traffic counts, the rule tables that
// derive condition from raw measurements, validation, accounts and their
// rules, and the Network value the planner reads. It imports no database
// driver (so the planner builds without cgo); the stores live in their own
// packages (roads/sqlitestore).
package roads

import "errors"

// Sentinel errors. Callers wrap them with context (which record, which
// field, how to fix) and test with errors.Is; one place in web maps them to
// HTTP status codes.
var (
	// ErrNotFound: the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: input that breaks a rule of the register.
	ErrInvalid = errors.New("invalid")
	// ErrConflict: an update made on a stale row version, or a duplicate key.
	ErrConflict = errors.New("conflict")
	// ErrForbidden: the actor may not do this to this record (e.g. verify
	// their own edit).
	ErrForbidden = errors.New("forbidden")
)

// ErrInUse: the register is open in another process (or Store).
var ErrInUse = errors.New("register in use")
