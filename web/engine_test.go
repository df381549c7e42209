package web

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// testStore is what the web tests use of a register store; both engines'
// stores have it.
type testStore interface {
	Register
	Close() error
}

// testEngine is the engine newTestApp opens its register in: "" for a
// SQLite file, "postgres" for a PostgreSQL database (onPostgres).
var testEngine string

// openTestStore opens an empty register in the test engine, with its
// change watch.
func openTestStore(t testing.TB) (testStore, func(ctx context.Context) (Watch, error)) {
	t.Helper()
	ctx := context.Background()
	if testEngine == "postgres" {
		s, err := pgstore.Open(ctx, pgtest.NewDB(t, pgstore.Migrate))
		if err != nil {
			t.Fatal(err)
		}
		return s, WatchOf(s.Watch)
	}
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s, WatchOf(s.Watch)
}

// onPostgres makes the rest of t open its test apps on PostgreSQL; it
// skips t when no PostgreSQL server is available.
func onPostgres(t *testing.T) {
	t.Helper()
	pgtest.Server(t)
	testEngine = "postgres"
	t.Cleanup(func() { testEngine = "" })
}

// The same web tests against a PostgreSQL register: the access matrix of
// every route and role, and the API's and pages' core workflows, show the
// same behaviour beyond the store's own suite.

func TestAccessMatrixPostgres(t *testing.T)         { onPostgres(t); TestAccessMatrix(t) }
func TestCSRFPostgres(t *testing.T)                 { onPostgres(t); TestCSRF(t) }
func TestLoginFlowPostgres(t *testing.T)            { onPostgres(t); TestLoginFlow(t) }
func TestAPIRuasLifecyclePostgres(t *testing.T)     { onPostgres(t); TestAPIRuasLifecycle(t) }
func TestAPIReadEndpointsPostgres(t *testing.T)     { onPostgres(t); TestAPIReadEndpoints(t) }
func TestRetireRuasPagesPostgres(t *testing.T)      { onPostgres(t); TestRetireRuasPages(t) }
func TestPagesPostgres(t *testing.T)                { onPostgres(t); TestPages(t) }
func TestWorksAndTrafficFormsPostgres(t *testing.T) { onPostgres(t); TestWorksAndTrafficForms(t) }
func TestPlanAPIAndDownloadsPostgres(t *testing.T)  { onPostgres(t); TestPlanAPIAndDownloads(t) }
func TestReconcilePagesPostgres(t *testing.T)       { onPostgres(t); TestReconcilePages(t) }
func TestFieldSyncPostgres(t *testing.T)            { onPostgres(t); TestFieldSync(t) }
func TestFieldConflictPostgres(t *testing.T)        { onPostgres(t); TestFieldConflict(t) }
func TestFieldPhotosPostgres(t *testing.T)          { onPostgres(t); TestFieldPhotos(t) }

// Both engines' stores serve the web server.
var (
	_ testStore = (*pgstore.Store)(nil)
	_ Watch     = (*pgstore.Watch)(nil)
	_ testStore = (*sqlitestore.Store)(nil)
)
