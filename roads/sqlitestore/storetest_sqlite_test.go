package sqlitestore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads/sqlitestore"
	"github.com/kotablitar/ruas/roads/storetest"
)

// sqliteSuite adapts the SQLite store to the behaviour suite.
type sqliteSuite struct{ *sqlitestore.Store }

func (s sqliteSuite) NewWatch(ctx context.Context) (storetest.Watch, error) { return s.Watch(ctx) }

func (s sqliteSuite) RawExec(ctx context.Context, q string, args ...any) error {
	db, err := sql.Open("sqlite3", "file:"+s.Path()+"?_busy_timeout=15000")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, q, args...)
	return err
}

func (s sqliteSuite) BackupRestore(ctx context.Context, t *testing.T) (storetest.Store, error) {
	dir := t.TempDir()
	backup, target := filepath.Join(dir, "cadangan.db"), filepath.Join(dir, "pulih.db")
	if err := s.Backup(ctx, backup); err != nil {
		return nil, err
	}
	if err := sqlitestore.Restore(ctx, backup, target); err != nil {
		return nil, err
	}
	r, err := sqlitestore.Open(ctx, target)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { r.Close() })
	return sqliteSuite{r}, nil
}

// TestStoreSuiteSQLite runs the store behaviour suite on the SQLite store.
func TestStoreSuiteSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) storetest.Store {
		s, err := sqlitestore.OpenWith(context.Background(), filepath.Join(t.TempDir(), "ruas.db"), sqlitestore.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return sqliteSuite{s}
	})
}
