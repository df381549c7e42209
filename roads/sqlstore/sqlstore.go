// Package sqlstore is the register's record logic written once for both
// SQL engines (roads/sqlitestore and roads/pgstore): the queries, checks
// and row mapping of ruas, surveys, works, traffic, verification,
// accounts, sessions, offices, adoptions, reconciliation, the field survey
// and the audit reads, run on a transaction that takes "?" placeholders
// (the PostgreSQL store rebinds them to "$n"). What differs between SQLite
// and PostgreSQL is kept in a Dialect. Each engine's Store embeds a
// Records built on its own read and write transactions and clock, so the
// methods are the Store's own; what only one engine does (batches, plans,
// the map's bounding-box query, backup, restore, the change watch) stays
// in the engine's package.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"time"

	"github.com/paulmach/orb"
)

// Tx is what the record logic needs of a transaction: queries with "?"
// placeholders (the PostgreSQL store rebinds them to "$n").
type Tx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Dialect is what differs between the engines' SQL.
type Dialect struct {
	// Stamp is the SQL that reads timestamp column col as RFC 3339 text,
	// "" when unset.
	Stamp func(col string) string
	// NoStamp is the SQL value of an unset timestamp column.
	NoStamp string
	// IDsOf is the SQL subquery that yields the integers of a parameter
	// holding a JSON array.
	IDsOf string
	// JSONText is the SQL that reads key of the JSON text in column col.
	JSONText func(col, key string) string
	// Returning tells that an insert gives its new id by RETURNING id
	// rather than by LastInsertId.
	Returning bool
	// False and True are the SQL literals of a boolean column's values.
	False, True string
	// Not is the SQL condition that boolean column col is false.
	Not func(col string) string
	// Unset and IsSet are the SQL conditions that timestamp column col
	// is unset or set.
	Unset, IsSet func(col string) string
	// GeomRead is the SQL that reads geometry column col as WKB.
	GeomRead func(col string) string
	// GeomWrite gives the columns that store a ruas's geometry g, their
	// SQL values (with "?" placeholders) and the arguments.
	GeomWrite func(g orb.Geometry) (cols, vals []string, args []any, err error)
	// BoundWhere is the SQL condition that a ruas's geometry meets b.
	BoundWhere func(b orb.Bound) (string, []any)
	// Like is the operator matching a pattern regardless of case.
	Like string
	// EqualNoCase is the SQL condition that text column col equals the
	// "?" parameter regardless of case; NoCase sorts col regardless of case.
	EqualNoCase, NoCase func(col string) string
	// IntOf is the SQL integer part (towards zero) of a numeric expression.
	IntOf func(expr string) string
	// BoolInt is boolean column col as 0 or 1.
	BoolInt func(col string) string
	// AuditAt is a moment as the parameter compared with the audit
	// trail's "at" column.
	AuditAt func(t time.Time) any
	// InIDs is the SQL that tests a column against a list of ids (after
	// the column: "IN (…)" or "= ANY(…)") and its arguments.
	InIDs func(ids []int64) (string, []any)
	// IsUnique tells a unique-constraint violation.
	IsUnique func(error) bool
}

// check tells which part of d is unset (Returning may be false).
func (d *Dialect) check() error {
	v := reflect.ValueOf(d).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() != reflect.Bool && f.IsZero() {
			return fmt.Errorf("sqlstore: the dialect leaves %s unset", v.Type().Field(i).Name)
		}
	}
	return nil
}

// InsertID runs the INSERT q and returns the id of the new row.
func (d *Dialect) InsertID(ctx context.Context, tx Tx, q string, args ...any) (int64, error) {
	if d.Returning {
		var id int64
		err := tx.QueryRowContext(ctx, q+` RETURNING id`, args...).Scan(&id)
		return id, err
	}
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Records is the register's record logic on one engine: the methods the
// engines' Stores share, which each Store gets by embedding it. It runs
// them in the engine's own read and write transactions, with its dialect
// and clock.
type Records struct {
	dl    *Dialect
	write func(ctx context.Context, fn func(Tx) error) error
	read  func(ctx context.Context, fn func(Tx) error) error
	clock func() time.Time
}

// NewRecords is the record logic of an engine: its dialect, write (runs fn
// in one write transaction, committing when fn returns nil), read (runs fn
// in one read transaction that sees one snapshot) and clock.
// It panics when the dialect leaves a part unset: a programming error that
// would otherwise surface as a nil call deep in one query.
func NewRecords(dl *Dialect, write, read func(ctx context.Context, fn func(Tx) error) error, clock func() time.Time) *Records {
	if err := dl.check(); err != nil {
		panic(err)
	}
	return &Records{dl: dl, write: write, read: read, clock: clock}
}

// now is the store's clock in UTC.
func (db *Records) now() time.Time { return db.clock().UTC() }

// nowText is the store's clock as a timestamp parameter.
func (db *Records) nowText() string { return StampText(db.now()) }

// StampText writes t as a timestamp parameter.
func StampText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// DateLayout is how a date column is written.
const DateLayout = "2006-01-02"

// ParseTime reads a timestamp as the engines give it: RFC 3339, a date,
// or "" (the zero time).
func ParseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, _ = time.Parse(DateLayout, s)
	}
	return t.UTC()
}

// Scanner is a row to scan: *sql.Row or *sql.Rows.
type Scanner interface{ Scan(dest ...any) error }

// Change is what an upsert did to a row.
type Change int

const (
	Created Change = iota
	Updated
	Unchanged
)

// StampLayout writes UTC times with a fixed number of fraction digits, so
// that the text order of stored times is their time order (RFC3339Nano
// drops trailing zeros: "…05.1Z" would sort after "…05.12Z").
const StampLayout = "2006-01-02T15:04:05.000000000Z"

// SortableStamp writes t in StampLayout.
func SortableStamp(t time.Time) string { return t.UTC().Format(StampLayout) }
