package web

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
)

// newOfficesFixturePG builds the offices fixture on a PostgreSQL register:
// a fresh database on the server of RUAS_TEST_POSTGRES, dropped when the
// test ends. The web tests start no cluster of their own (the store's
// tests do, see pgtest), so without the variable these tests skip.
func newOfficesFixturePG(t *testing.T) *officesFixture {
	srv := os.Getenv(pgtest.Env)
	if srv == "" {
		t.Skipf("%s is not set: the PostgreSQL register of the offices tests needs a server (postgres://user@host:port/postgres)", pgtest.Env)
	}
	ctx := context.Background()
	name := fmt.Sprintf("ruas_web_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	maint, err := sql.Open("pgx", srv)
	if err != nil {
		t.Fatal(err)
	}
	_, err = maint.ExecContext(ctx, `CREATE DATABASE `+name)
	maint.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pgtest.Drop(srv, name) })
	st, err := pgstore.Open(ctx, pgtest.WithDB(srv, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var x any = pgRegister(st)
	reg, ok := x.(officesStore)
	if !ok {
		t.Skip("the PostgreSQL store does not serve the whole web Register yet")
	}
	return officesFixtureOn(t, reg, WatchOf(st.Watch))
}

// pgRegister is the register the web serves of a PostgreSQL store.
var pgRegister = func(st *pgstore.Store) any { return st }

// TestOfficesPostgres: the access matrix over every route x role x office,
// the refused writes and the province's kemantapan, on PostgreSQL.
func TestOfficesPostgres(t *testing.T) {
	t.Run("AccessMatrix", func(t *testing.T) { officesAccessMatrix(t, newOfficesFixturePG(t)) })
	t.Run("WritesRefused", func(t *testing.T) { officesWritesRefused(t, newOfficesFixturePG(t)) })
	t.Run("Kemantapan", func(t *testing.T) { officesKemantapan(t, newOfficesFixturePG(t)) })
}
