// Package pgstore is the register in PostgreSQL with PostGIS: the same
// methods and behaviour as the SQLite store, for offices that share one
// server. Migrations are data/pgmigrations/NNN_*.sql in PostgreSQL's
// dialect, applied at Open; the audit trail is written by PL/pgSQL
// triggers in the same transaction as each change and refuses updates and
// deletes; a ruas's geometry is a PostGIS column with a GIST index that
// serves the map's bounding boxes.
package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Store is a register in a PostgreSQL database. Every exported method is
// one transaction: reads see one snapshot (REPEATABLE READ), writes queue
// on one advisory lock as the SQLite store's writers queue on its write
// lock (see write).
type Store struct {
	url   string
	db    *sql.DB
	clock func() time.Time
	// wdb is the writers' own small pool: writers queued on the write
	// lock wait there, holding none of the connections readers need, and
	// a writer never waits behind readers for a connection.
	wdb *sql.DB
	// records holds the record methods shared with the SQLite store.
	*records
}

// Options are the settings of OpenWith; the zero value is Open's.
type Options struct {
	// Now is the store's clock; nil means time.Now.
	Now func() time.Time
	// MaxConns bounds the readers' connection pool; 0 means 16. Writers
	// have two connections of their own.
	MaxConns int
}

// Open connects to the database at url (postgres://…) and applies any
// migration not yet applied.
func Open(ctx context.Context, url string) (*Store, error) {
	return OpenWith(ctx, url, Options{})
}

// IsURL tells whether a register name is a PostgreSQL connection URL
// rather than a SQLite file path.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, url string, opt Options) (*Store, error) {
	if !IsURL(url) {
		return nil, fmt.Errorf("%w: %q is not a PostgreSQL URL (postgres://user@host:port/database)", roads.ErrInvalid, url)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redact(url), err)
	}
	n := opt.MaxConns
	if n <= 0 {
		n = 16
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", redact(url), err)
	}
	clock := opt.Now
	if clock == nil {
		clock = time.Now
	}
	wdb, err := sql.Open("pgx", url)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", redact(url), err)
	}
	wdb.SetMaxOpenConns(writeConns)
	wdb.SetMaxIdleConns(writeConns)
	s := &Store{url: url, db: db, clock: clock, wdb: wdb}
	s.records = newRecords(s)
	if err := s.migrate(ctx, 0); err != nil {
		db.Close()
		wdb.Close()
		return nil, fmt.Errorf("open %s: %w", redact(url), err)
	}
	return s, nil
}

// Redact is a register name fit to show: a URL's password hidden.
func Redact(url string) string { return redact(url) }

// redact hides a password in a URL shown in a message.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return url
	}
	userinfo := url[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return url[:scheme+3] + userinfo[:i] + ":***" + url[at:]
	}
	return url
}

// Path is the URL the store was opened on, its password hidden.
func (s *Store) Path() string { return redact(s.url) }

// URL is the URL the store was opened on.
func (s *Store) URL() string { return s.url }

// Close closes the pool.
func (s *Store) Close() error { return errors.Join(s.db.Close(), s.wdb.Close()) }

// writeConns is the size of the writers' pool: one writing, one ready to
// take the write lock the moment it is released.
const writeConns = 2

// migrationLock is the advisory lock key that serialises migrations of
// concurrent Opens on one database.
const migrationLock = 0x72756173

// migrate applies data/pgmigrations/NNN_*.sql in order (up to last; 0:
// all), each in its own transaction, recording the applied numbers.
func (s *Store) migrate(ctx context.Context, last int) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
		return err
	}
	names, err := migrationFiles()
	if err != nil {
		return err
	}
	for _, m := range names {
		if last > 0 && m.n > last {
			break
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var one int
		err = tx.QueryRowContext(ctx, `SELECT 1 FROM schema_migration WHERE version = $1`, m.n).Scan(&one)
		if err == nil {
			tx.Rollback()
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			tx.Rollback()
			return err
		}
		b, err := data.FS.ReadFile("pgmigrations/" + m.name)
		if err != nil {
			tx.Rollback()
			return err
		}
		if _, err := tx.ExecContext(ctx, string(b)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)`, m.n, m.name, s.now()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

type migration struct {
	n    int
	name string
}

// migrationFiles are the PostgreSQL migrations this program carries, in order.
func migrationFiles() ([]migration, error) {
	names, err := fs.Glob(data.FS, "pgmigrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, name := range names {
		base := strings.TrimPrefix(name, "pgmigrations/")
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", name)
		}
		out = append(out, migration{n, base})
	}
	return out, nil
}

// writeLock is the advisory transaction lock every write takes first:
// the SQLite store has one writer at a time and its methods rely on it
// (read-check-write sequences such as a ruas's version check, sign-in
// limits, verification batches). Taking the same order here keeps their
// behaviour; reads never wait for it.
const writeLock = 0x72756174

// write runs fn in one write transaction, committing when it returns nil.
func (s *Store) write(ctx context.Context, fn func(tx *pgTx) error) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
		tx.Rollback()
		return fmt.Errorf("begin write: %w", err)
	}
	if err := fn(&pgTx{tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn in one read-only transaction that sees one snapshot.
func (s *Store) read(ctx context.Context, fn func(tx *pgTx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(&pgTx{tx})
}

// pgTx is a transaction that takes the SQLite store's "?" placeholders
// and hands PostgreSQL its "$n" ones, so the queries read alike in both
// stores.
type pgTx struct{ tx *sql.Tx }

func (t *pgTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, rebind(q), args...)
}

func (t *pgTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, rebind(q), args...)
}

func (t *pgTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, rebind(q), args...)
}

func (t *pgTx) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, rebind(q))
}

var rebound sync.Map

// rebind numbers the "?" placeholders of q outside quoted text; "?NNN"
// keeps its number.
func rebind(q string) string {
	if v, ok := rebound.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	quoted := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
			b.WriteByte(c)
		case c == '?' && !quoted:
			b.WriteByte('$')
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 { // ?NNN: SQLite's numbered parameter
				b.WriteString(q[i+1 : j])
				i = j - 1
				continue
			}
			n++
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	rebound.Store(q, out)
	return out
}

// now is the store's clock in UTC.
func (s *Store) now() time.Time { return s.clock().UTC() }

// dateLayout and parseTime are the shared record logic's
// (roads/sqlstore).

const dateLayout = sqlstore.DateLayout

func parseTime(s string) time.Time { return sqlstore.ParseTime(s) }

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// isUnique tells a unique_violation.
func isUnique(err error) bool { return pgCode(err) == "23505" }

// dbtx is what the row helpers need of a transaction; the transaction
// has it, and so has stmtCache, which Apply uses to prepare each
// statement once per batch instead of once per row.
type dbtx = sqlstore.Tx

// stmtCache is the batch's cache of prepared statements (sqlstore.StmtCache).
type stmtCache struct{ *sqlstore.StmtCache }

func newStmtCache(tx *pgTx) stmtCache { return stmtCache{sqlstore.NewStmtCache(tx)} }

func (c stmtCache) close() { c.Close() }

// Migrate opens the register at url, applying its migrations, and closes it.
func Migrate(ctx context.Context, url string) error {
	s, err := Open(ctx, url)
	if err != nil {
		return err
	}
	return s.Close()
}
