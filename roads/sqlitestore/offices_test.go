package sqlitestore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kotablitar/ruas/roads/sqlitestore"
	"github.com/kotablitar/ruas/roads/storetest"
)

// TestOfficesSQLite runs the offices suite on the SQLite store.
func TestOfficesSQLite(t *testing.T) {
	storetest.RunOffices(t, func(t *testing.T) storetest.OfficeStore {
		s, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "ruas.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return sqliteSuite{s}
	})
}
