// Package sqlitestore keeps the road register in one SQLite file: the
// store of package roads' records, accounts, sessions and tokens, sign-in
// limits, the audit trail, backup and restore, the change watch and the
// migrations run at open.
package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Store is the register's SQLite file. Reads go through a pool of
// connections; writes through one connection that takes the write lock at
// BEGIN (so two writers queue on the busy timeout instead of failing on a
// lock upgrade). Every exported method is one transaction.
type Store struct {
	path string
	rdb  *sql.DB
	wdb  *sql.DB
	// clock gives the time the store stamps on what it records
	// (recorded_at, updated_at, verif_at, sessions, tokens, sign-in
	// attempts, adoptions, plan runs); Options.Now sets it.
	clock func() time.Time
	lock  *regLock // shared while open: Restore refuses (lock.go)
	// records holds the record methods shared with the PostgreSQL store.
	*records
}

// Options are the settings of OpenWith; the zero value is Open's.
type Options struct {
	// Now is the store's clock; nil means time.Now. Tests pass a fixed or
	// stepped clock so that "today" needs no sleeping.
	Now func() time.Time
}

// BusyTimeout is how long a connection waits for a lock before giving up.
const BusyTimeout = 15 * time.Second

func dsn(path string, write bool) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", strconv.Itoa(int(BusyTimeout/time.Millisecond)))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	if write {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if absent) the register at path and applies any
// migration not yet applied.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" || path == ":memory:" {
		return nil, fmt.Errorf("%w: the register needs a file path, not %q", roads.ErrInvalid, path)
	}
	lock, err := lockShared(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	wdb, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		lock.release()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	wdb.SetMaxOpenConns(1)
	if err := wdb.PingContext(ctx); err != nil {
		wdb.Close()
		lock.release()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	clock := opt.Now
	if clock == nil {
		clock = time.Now
	}
	s := &Store{path: path, wdb: wdb, clock: clock, lock: lock}
	s.records = newRecords(s)
	if err := s.migrate(ctx); err != nil {
		wdb.Close()
		lock.release()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rdb, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		wdb.Close()
		lock.release()
		return nil, err
	}
	rdb.SetMaxOpenConns(8)
	s.rdb = rdb
	return s, nil
}

// Path is the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close closes both pools.
func (s *Store) Close() error {
	return errors.Join(s.rdb.Close(), s.wdb.Close(), s.lock.release())
}

// migrate applies data/migrations/NNN_*.sql in order, each in its own
// transaction, recording the applied numbers. Migrations are append-only:
// a released file is never edited.
func (s *Store) migrate(ctx context.Context) error { return s.migrateTo(ctx, 0) }

// migrateTo applies the migrations numbered up to last (0: all); tests use
// it to make a register as an older release left it.
func (s *Store) migrateTo(ctx context.Context, last int) error {
	if _, err := s.wdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(data.FS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", name)
		}
		if last > 0 && n > last {
			break
		}
		err = s.write(ctx, func(tx *sql.Tx) error {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM schema_migration WHERE version = ?`, n).Scan(&one)
			if err == nil {
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			b, err := data.FS.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(b)); err != nil {
				return fmt.Errorf("migration %s: %w", base, err)
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)`, n, base, s.nowText())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// write runs fn in one write transaction, committing when it returns nil.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn in one read transaction (a consistent snapshot under WAL).
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// now is the store's clock in UTC.
func (s *Store) now() time.Time { return s.clock().UTC() }

// nowText is the store's clock as a timestamp parameter.
func (s *Store) nowText() string { return stampText(s.now()) }

// stampText, dateLayout and parseTime are the shared record logic's
// (roads/sqlstore).
func stampText(t time.Time) string { return sqlstore.StampText(t) }

const dateLayout = sqlstore.DateLayout

func parseTime(s string) time.Time { return sqlstore.ParseTime(s) }

func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// dbtx is what the row helpers need of a transaction; the transaction
// has it, and so has stmtCache, which Apply uses to prepare each
// statement once per batch instead of once per row.
type dbtx = sqlstore.Tx

// stmtCache is the batch's cache of prepared statements (sqlstore.StmtCache).
type stmtCache struct{ *sqlstore.StmtCache }

func newStmtCache(tx *sql.Tx) stmtCache { return stmtCache{sqlstore.NewStmtCache(tx)} }

func (c stmtCache) close() { c.Close() }
