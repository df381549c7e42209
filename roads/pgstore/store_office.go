package pgstore

import (
	"context"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
	"github.com/paulmach/orb"
)

// The office is shared with the other engine: roads/sqlstore/office.go.

// Office returns the register's office, or an error wrapping ErrNotFound
// when none is set yet.
func (s *Store) Office(ctx context.Context) (roads.Office, error) {
	return s.records().Office(ctx)
}

func readOffice(ctx context.Context, tx dbtx) (roads.Office, error) {
	return sqlstore.ReadOffice(ctx, tx)
}

// SetOffice stores the office (replacing any), as set by the named account
// at the given time.
func (s *Store) SetOffice(ctx context.Context, o roads.Office, by string, at time.Time) error {
	return s.records().SetOffice(ctx, o, by, at)
}

func outsideOffice(ctx context.Context, tx dbtx, g orb.Geometry) (*roads.FieldError, error) {
	return sqlstore.OutsideOffice(ctx, tx, g)
}
