package pgstore

import (
	"context"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// dialect is PostgreSQL's part of the shared record logic
// (roads/sqlstore): timestamps are timestamptz read through ts() and NULL
// when unset; JSON through json_array_elements_text and ->>; new ids from
// RETURNING id.
var dialect = &sqlstore.Dialect{
	Stamp:     func(col string) string { return `ts(` + col + `)` },
	NoStamp:   `NULL`,
	IDsOf:     `SELECT json_array_elements_text(?::json)::bigint`,
	JSONText:  func(col, key string) string { return col + `::json->>'` + strings.ReplaceAll(key, `'`, `''`) + `'` },
	Returning: true,
	False:     `false`,
	True:      `true`,
	Not:       func(col string) string { return `NOT ` + col },
	Unset:     func(col string) string { return col + ` IS NULL` },
	IsSet:     func(col string) string { return col + ` IS NOT NULL` },
	GeomRead:  func(col string) string { return `ST_AsBinary(` + col + `)` },
	GeomWrite: func(g orb.Geometry) ([]string, []string, []any, error) {
		var blob []byte
		if g != nil {
			var err error
			if blob, err = wkb.Marshal(g); err != nil {
				return nil, nil, nil, err
			}
		}
		return []string{"geom"}, []string{"ST_GeomFromWKB(?, 4326)"}, []any{blob}, nil
	},
	BoundWhere: func(b orb.Bound) (string, []any) {
		return "geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", []any{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
	},
	Like:        "ILIKE",
	EqualNoCase: func(col string) string { return `lower(` + col + `) = lower(?)` },
	NoCase:      func(col string) string { return `lower(` + col + `)` },
	IntOf:       func(expr string) string { return `trunc(` + expr + `)::bigint` },
	BoolInt:     func(col string) string { return col + `::int` },
	AuditAt:     func(t time.Time) any { return t.UTC() },
	InIDs:       func(ids []int64) (string, []any) { return `= ANY(?)`, []any{ids} },
	IsUnique:    isUnique,
}

// records is the record logic the Store embeds (roads/sqlstore): most of
// its exported methods are shared with the other engine.
type records = sqlstore.Records

func newRecords(s *Store) *records {
	return sqlstore.NewRecords(dialect,
		func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.write(ctx, func(tx *pgTx) error { return fn(tx) })
		},
		func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.read(ctx, func(tx *pgTx) error { return fn(tx) })
		},
		s.clock)
}

// The helpers below let this engine's own code (batches, plans, the map)
// use the shared row logic.

var (
	ruasColumns   = dialect.RuasColumns()
	surveyColumns = dialect.SurveyColumns()
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

func resolveRuas(ctx context.Context, tx dbtx, id *int64, key roads.Key) error {
	return sqlstore.ResolveRuas(ctx, tx, id, key)
}

func insertSurvey(ctx context.Context, tx dbtx, v *roads.Survey, at time.Time) error {
	return dialect.InsertSurvey(ctx, tx, v, at)
}

func querySurveys(ctx context.Context, tx dbtx, q string, args ...any) ([]*roads.Survey, error) {
	return sqlstore.QuerySurveys(ctx, tx, q, args...)
}

func insertWorks(ctx context.Context, tx dbtx, w *roads.Works, at time.Time) error {
	return dialect.InsertWorks(ctx, tx, w, at)
}

func upsertTraffic(ctx context.Context, tx dbtx, t *roads.Traffic, at time.Time) (change, error) {
	ch, err := dialect.UpsertTraffic(ctx, tx, t, at)
	switch ch {
	case sqlstore.Created:
		return created, err
	case sqlstore.Updated:
		return updated, err
	}
	return unchanged, err
}
