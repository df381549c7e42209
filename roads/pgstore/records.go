package pgstore

import (
	"context"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

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

// records is the store as the shared record logic sees it.
func (s *Store) records() *sqlstore.DB {
	return &sqlstore.DB{
		Dialect: dialect,
		Write: func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.write(ctx, func(tx *pgTx) error { return fn(tx) })
		},
		Read: func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.read(ctx, func(tx *pgTx) error { return fn(tx) })
		},
		Now: s.clock,
	}
}
