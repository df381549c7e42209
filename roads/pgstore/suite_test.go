package pgstore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
	"github.com/kotablitar/ruas/roads/sqlstore"
	"github.com/kotablitar/ruas/roads/storetest"
)

func TestMain(m *testing.M) {
	// The cheapest bcrypt cost keeps the tests fast; the algorithm is the same.
	sqlstore.PasswordCost = bcrypt.MinCost
	pgtest.Main(m)
}

// suite adapts the PostgreSQL store to the behaviour suite.
type suite struct{ *Store }

func (s suite) NewWatch(ctx context.Context) (storetest.Watch, error) { return s.Watch(ctx) }

func (s suite) RawExec(ctx context.Context, q string, args ...any) error {
	_, err := s.db.ExecContext(ctx, rebind(q), args...)
	return err
}

func (s suite) BackupRestore(ctx context.Context, t *testing.T) (storetest.Store, error) {
	dump := filepath.Join(t.TempDir(), "cadangan.dump")
	if err := s.Backup(ctx, dump); err != nil {
		return nil, err
	}
	name := fmt.Sprintf("ruas_restored_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	srv := pgtest.Server(t)
	target := pgtest.WithDB(srv, name)
	if err := Restore(ctx, dump, target); err != nil {
		return nil, err
	}
	t.Cleanup(func() { pgtest.Drop(srv, name) })
	r, err := Open(ctx, target)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { r.Close() })
	return suite{r}, nil
}

func openTest(t *testing.T, now func() time.Time) *Store {
	t.Helper()
	s, err := OpenWith(context.Background(), pgtest.NewDB(t, Migrate), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestStoreSuitePostgres runs the store behaviour suite on PostgreSQL.
func TestStoreSuitePostgres(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) storetest.Store {
		return suite{openTest(t, now)}
	})
}
