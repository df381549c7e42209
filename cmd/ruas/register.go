package main

import (
	"context"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/netfile"
	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/sqlitestore"
	"github.com/kotablitar/ruas/web"
)

// register is what the subcommands need of an open road register,
// whatever its engine: everything the web server needs, plus backup, the
// pending-verification counts, token revocation, the change watch and
// Close.
type register interface {
	web.Register
	Backup(ctx context.Context, path string) error
	Pending(ctx context.Context) (map[roads.Entity]int, error)
	RevokeTokens(ctx context.Context, name string) (int, error)
	// SavePlanRunCompressed stores a plan whose result was streamed into
	// roads.NewResultWriter, so `ruas plan` never holds its JSON whole.
	SavePlanRunCompressed(ctx context.Context, p *roads.PlanRun, gz []byte) error
	// OpenWatch opens the register's change watch for the web server.
	OpenWatch(ctx context.Context) (web.Watch, error)
	Close() error
}

// sqliteRegister is a register in one SQLite file.
type sqliteRegister struct{ *sqlitestore.Store }

// OpenWatch opens the SQLite file's change watch.
func (r sqliteRegister) OpenWatch(ctx context.Context) (web.Watch, error) {
	return web.WatchOf(r.Store.Watch)(ctx)
}

// pgRegister is a register in a PostgreSQL/PostGIS database.
type pgRegister struct{ *pgstore.Store }

// OpenWatch opens the database's change watch (its version row and
// LISTEN/NOTIFY).
func (r pgRegister) OpenWatch(ctx context.Context) (web.Watch, error) {
	return web.WatchOf(r.Store.Watch)(ctx)
}

// openRegister opens the register named by dsn (the --db flag): a
// postgres:// or postgresql:// URL opens the PostgreSQL store (its
// migrations applied); anything else is a SQLite file path, created if
// absent. This is the one place that chooses the engine.
func openRegister(ctx context.Context, dsn string) (register, error) {
	if isPostgres(dsn) {
		s, err := pgstore.Open(ctx, dsn)
		if err != nil {
			// pgstore's messages name the URL with its password hidden.
			return nil, err
		}
		return pgRegister{s}, nil
	}
	s, err := sqlitestore.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return sqliteRegister{s}, nil
}

// isPostgres tells whether --db names a PostgreSQL database.
func isPostgres(dsn string) bool { return pgstore.IsURL(dsn) }

// redactDSN hides the password of a database URL, so that error messages
// and logs never show it.
func redactDSN(dsn string) string { return pgstore.Redact(dsn) }

// Both stores serve every consumer's interface.
var (
	_ register         = sqliteRegister{}
	_ register         = pgRegister{}
	_ netfile.Register = (*pgstore.Store)(nil)
	_ demo.Register    = (*pgstore.Store)(nil)
	_ demo.Verifier    = (*pgstore.Store)(nil)
	_ netfile.Register = (*sqlitestore.Store)(nil)
	_ demo.Register    = (*sqlitestore.Store)(nil)
	_ demo.Verifier    = (*sqlitestore.Store)(nil)
)
