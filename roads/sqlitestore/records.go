package sqlitestore

import (
	"context"
	"database/sql"
	"strings"

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
	IsUnique: isUnique,
}

// records is the store as the shared record logic sees it.
func (s *Store) records() *sqlstore.DB {
	return &sqlstore.DB{
		Dialect: dialect,
		Write: func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.write(ctx, func(tx *sql.Tx) error { return fn(tx) })
		},
		Read: func(ctx context.Context, fn func(sqlstore.Tx) error) error {
			return s.read(ctx, func(tx *sql.Tx) error { return fn(tx) })
		},
		Now: s.clock,
	}
}
