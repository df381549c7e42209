package sqlitestore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// dialect is SQLite's part of the shared record logic (roads/sqlstore):
// timestamps are RFC 3339 text, "" when unset; JSON through json_each and
// json_extract; new ids from LastInsertId.
var dialect = &sqlstore.Dialect{
	Stamp:   func(col string) string { return col },
	NoStamp: `''`,
	IDsOf:   `SELECT value FROM json_each(?)`,
	JSONText: func(col, key string) string {
		return `json_extract(` + col + `, '$.` + strings.ReplaceAll(key, `'`, `''`) + `')`
	},
	False:    `0`,
	True:     `1`,
	Not:      func(col string) string { return col + ` = 0` },
	Unset:    func(col string) string { return col + ` = ''` },
	IsSet:    func(col string) string { return col + ` <> ''` },
	GeomRead: func(col string) string { return col },
	// The ruas table keeps each geometry's bounding box beside its WKB:
	// the map's bounding-box query reads the box (indexed).
	GeomWrite: func(g orb.Geometry) ([]string, []string, []any, error) {
		cols, vals := []string{"geom", "min_lon", "min_lat", "max_lon", "max_lat"}, []string{"?", "?", "?", "?", "?"}
		if g == nil {
			return cols, vals, []any{nil, nil, nil, nil, nil}, nil
		}
		blob, err := wkb.Marshal(g)
		if err != nil {
			return nil, nil, nil, err
		}
		b := g.Bound()
		return cols, vals, []any{blob, b.Min[0], b.Min[1], b.Max[0], b.Max[1]}, nil
	},
	BoundWhere: func(b orb.Bound) (string, []any) {
		return "max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?", []any{b.Min[0], b.Max[0], b.Min[1], b.Max[1]}
	},
	Like:        "LIKE", // case-insensitive for ASCII only
	EqualNoCase: func(col string) string { return col + ` = ? COLLATE NOCASE` },
	NoCase:      func(col string) string { return col + ` COLLATE NOCASE` },
	IntOf:       func(expr string) string { return `CAST(` + expr + ` AS INTEGER)` },
	BoolInt:     func(col string) string { return col },
	// The audit trigger stamps strftime('%Y-%m-%dT%H:%M:%fZ'): fixed
	// width, so text order is time order.
	AuditAt: func(t time.Time) any { return t.UTC().Format("2006-01-02T15:04:05.000Z") },
	InIDs: func(ids []int64) (string, []any) {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		return `IN (?` + strings.Repeat(`,?`, len(ids)-1) + `)`, args
	},
	IsUnique: isUnique,
}

// records is the record logic the Store embeds (roads/sqlstore): most of
// its exported methods are shared with the other engine.
type records = sqlstore.Records

func newRecords(s *Store) *records {
	return sqlstore.NewRecords(dialect,
		func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.write(ctx, func(tx *sql.Tx) error { return fn(tx) })
		},
		func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.read(ctx, func(tx *sql.Tx) error { return fn(tx) })
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
