package pgstore

import (
	"context"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// The register's other offices and the office of each account are shared
// with the other engine: roads/sqlstore/offices.go.

func scopeWhere(s roads.Scope) (string, []any) { return sqlstore.ScopeWhere(s) }

// RegisterOffices lists the register's offices besides its own, by region code.
func (s *Store) RegisterOffices(ctx context.Context) ([]roads.Office, error) {
	return s.records().RegisterOffices(ctx)
}

// AddRegisterOffice adds another office to the register, or updates the
// one of the same region code.
func (s *Store) AddRegisterOffice(ctx context.Context, o roads.Office, by string, at time.Time) error {
	return s.records().AddRegisterOffice(ctx, o, by, at)
}

// SetAccountOffice places an account in one of the register's offices.
func (s *Store) SetAccountOffice(ctx context.Context, name, region, by string) error {
	return s.records().SetAccountOffice(ctx, name, region, by)
}

// AccountOffice is the region code of an account's office, or "" when it
// belongs to the register's own office.
func (s *Store) AccountOffice(ctx context.Context, name string) (string, error) {
	return s.records().AccountOffice(ctx, name)
}
