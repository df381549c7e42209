package sqlitestore

import (
	"context"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Works and traffic are shared with the other engine: roads/sqlstore/works.go.

var (
	worksColumns   = dialect.WorksColumns()
	trafficColumns = dialect.TrafficColumns()
)

// AddWorks validates and stores a works record.
func (s *Store) AddWorks(ctx context.Context, w *roads.Works) error {
	return s.records().AddWorks(ctx, w)
}

func insertWorks(ctx context.Context, tx dbtx, w *roads.Works, at time.Time) error {
	return dialect.InsertWorks(ctx, tx, w, at)
}

// WorksOf returns the works of one ruas (all ruas when ruasID is 0), by date.
func (s *Store) WorksOf(ctx context.Context, ruasID int64) ([]*roads.Works, error) {
	return s.records().WorksOf(ctx, ruasID)
}

func queryWorks(ctx context.Context, tx dbtx, q string, args ...any) ([]*roads.Works, error) {
	return sqlstore.QueryWorks(ctx, tx, q, args...)
}

// SetTraffic validates and stores an LHR count, replacing the count of the
// same ruas and year.
func (s *Store) SetTraffic(ctx context.Context, t *roads.Traffic) error {
	return s.records().SetTraffic(ctx, t)
}

func upsertTraffic(ctx context.Context, tx dbtx, t *roads.Traffic, at time.Time) (change, error) {
	ch, err := dialect.UpsertTraffic(ctx, tx, t, at)
	return changeOf(ch), err
}

// changeOf is the batch's name for what an upsert did.
func changeOf(ch sqlstore.Change) change {
	switch ch {
	case sqlstore.Created:
		return created
	case sqlstore.Updated:
		return updated
	}
	return unchanged
}

// TrafficOf returns the counts of one ruas (all when ruasID is 0), by year.
func (s *Store) TrafficOf(ctx context.Context, ruasID int64) ([]*roads.Traffic, error) {
	return s.records().TrafficOf(ctx, ruasID)
}

func queryTraffic(ctx context.Context, tx dbtx, q string, args ...any) ([]*roads.Traffic, error) {
	return sqlstore.QueryTraffic(ctx, tx, q, args...)
}
