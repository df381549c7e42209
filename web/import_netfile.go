package web

import (
	"context"
	"errors"
)

// errPending marks a feature whose engine has not landed in this build
// (the network file importer): 503 with a message that says so.
var errPending = errors.New("not available yet")

// importPaths runs the importer of roads/netfile on saved uploads. It is
// the one place the import page and API call the importer; until that
// package exports its reader and batch, it says the feature is pending.
func (s *Server) importPaths(ctx context.Context, l Locale, paths []string, commit bool) (*importResult, error) {
	return nil, pendingError{l.T("import.pending")}
}

type pendingError struct{ msg string }

func (e pendingError) Error() string { return e.msg }
func (e pendingError) Unwrap() error { return errPending }
