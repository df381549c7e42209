package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// Querier runs a query: a *sql.DB, *sql.Conn or a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// CheckMigrations refuses a register (named where in the message) that
// records a migration this program does not carry under the same number
// and name: it was written by a newer or different ruas.
func CheckMigrations(ctx context.Context, db Querier, known map[int]string, where string) error {
	rows, err := db.QueryContext(ctx, `SELECT version, name FROM schema_migration ORDER BY version`)
	if err != nil {
		return fmt.Errorf("%w: %s is not a ruas register (no schema_migration table): %v", roads.ErrInvalid, where, err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return err
		}
		if want, ok := known[v]; !ok || want != name {
			return fmt.Errorf("%w: %s has migration %d %q, which this program does not have; restore it with the version of ruas that wrote it", roads.ErrInvalid, where, v, name)
		}
	}
	return rows.Err()
}

// ParseIDList reads the comma-separated ids one aggregated row holds (the
// map's query answers in one row); "" is none.
func ParseIDList(list string) ([]int64, error) {
	if list == "" {
		return nil, nil
	}
	out := make([]int64, 0, strings.Count(list, ",")+1)
	for _, f := range strings.Split(list, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("map query: id %q: %w", f, err)
		}
		out = append(out, id)
	}
	return out, nil
}
