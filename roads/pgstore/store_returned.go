package pgstore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// ReturnedTo lists the records last entered or edited by user that a
// walidata returned, newest return first (roads/sqlstore/returned.go).
func (s *Store) ReturnedTo(ctx context.Context, user string) ([]roads.ReturnedRecord, error) {
	return s.records().ReturnedTo(ctx, user)
}
