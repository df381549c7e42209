package sqlitestore

import (
	"context"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Ruas records are shared with the other engine: roads/sqlstore/ruas.go.

var (
	ruasColumns = dialect.RuasColumns()
	// standing selects the ids of ruas whose retirement stands.
	standing = dialect.Standing()
)

type scanner = sqlstore.Scanner

func scanRuas(sc scanner) (*roads.Ruas, error) { return sqlstore.ScanRuas(sc) }

func insertRuas(ctx context.Context, tx dbtx, r *roads.Ruas, at time.Time) error {
	return dialect.InsertRuas(ctx, tx, r, at)
}

func updateRuas(ctx context.Context, tx dbtx, r *roads.Ruas, at time.Time) error {
	return dialect.UpdateRuas(ctx, tx, r, at)
}

func ruasWhere(f roads.RuasFilter) (string, []any) { return dialect.RuasWhere(f) }

// CreateRuas stores a new ruas. A ruas with the same key is a conflict.
func (s *Store) CreateRuas(ctx context.Context, r *roads.Ruas) error {
	return s.records().CreateRuas(ctx, r)
}

// UpdateRuas writes r over the stored ruas with the same ID, provided the
// stored row version still equals r.Version; otherwise a *ConflictError.
func (s *Store) UpdateRuas(ctx context.Context, r *roads.Ruas) error {
	return s.records().UpdateRuas(ctx, r)
}

// DeleteRuas removes a ruas and its surveys, works and traffic, provided
// its row version is still version.
func (s *Store) DeleteRuas(ctx context.Context, id int64, version int) error {
	return s.records().DeleteRuas(ctx, id, version)
}

// Ruas returns the ruas with the given key.
func (s *Store) Ruas(ctx context.Context, key roads.Key) (*roads.Ruas, error) {
	return s.records().Ruas(ctx, key)
}

// RuasByID returns the ruas with the given store id.
func (s *Store) RuasByID(ctx context.Context, id int64) (*roads.Ruas, error) {
	return s.records().RuasByID(ctx, id)
}

// ListRuas returns the ruas matching f.
func (s *Store) ListRuas(ctx context.Context, f roads.RuasFilter) ([]*roads.Ruas, error) {
	return s.records().ListRuas(ctx, f)
}

// CountRuas counts the ruas matching f (ignoring Limit and Offset).
func (s *Store) CountRuas(ctx context.Context, f roads.RuasFilter) (int, error) {
	return s.records().CountRuas(ctx, f)
}

// RetireRuas takes the ruas with id out of the network, provided its row
// version is still version. Retiring a retired ruas is a conflict.
func (s *Store) RetireRuas(ctx context.Context, id int64, version int, by, reason string) error {
	return s.records().RetireRuas(ctx, id, version, by, reason)
}

// ReinstateRuas ends the standing retirement of a ruas.
func (s *Store) ReinstateRuas(ctx context.Context, id int64, by string) error {
	return s.records().ReinstateRuas(ctx, id, by)
}

// Retirements returns the standing retirements, by ruas id.
func (s *Store) Retirements(ctx context.Context) (map[int64]roads.Retirement, error) {
	return s.records().Retirements(ctx)
}
