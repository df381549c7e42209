package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/netfile"
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

// openRegister opens the register named by dsn (the --db flag): a SQLite
// file path, created if absent. This is the one place that chooses the
// engine; a postgres:// URL is refused until that engine is built.
func openRegister(ctx context.Context, dsn string) (register, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil, fmt.Errorf("%w: --db %s: register PostgreSQL belum dibangun (not built yet); beri path berkas SQLite, mis. --db ruas.db", roads.ErrInvalid, redactDSN(dsn))
	}
	s, err := sqlitestore.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return sqliteRegister{s}, nil
}

// redactDSN hides the password of a database URL, so that error messages
// and logs never show it.
func redactDSN(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return dsn
	}
	userinfo := dsn[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		userinfo = userinfo[:i] + ":***"
	}
	return dsn[:scheme+3] + userinfo + dsn[at:]
}

// The SQLite store serves every consumer's interface.
var (
	_ register         = sqliteRegister{}
	_ netfile.Register = (*sqlitestore.Store)(nil)
	_ demo.Register    = (*sqlitestore.Store)(nil)
	_ demo.Verifier    = (*sqlitestore.Store)(nil)
)
