package pgstore_test

import (
	"reflect"
	"testing"

	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestSameMethodsAsSQLiteStore: every exported method of the SQLite store
// exists on the PostgreSQL store with the same parameters and results, so
// either slots in behind the same interfaces. Watch differs only in the
// engine's own watch type.
func TestSameMethodsAsSQLiteStore(t *testing.T) {
	sq, pg := reflect.TypeOf((*sqlitestore.Store)(nil)), reflect.TypeOf((*pgstore.Store)(nil))
	if sq.NumMethod() < 50 {
		t.Fatalf("the SQLite store has %d methods; expected its 60-odd", sq.NumMethod())
	}
	for i := range sq.NumMethod() {
		m := sq.Method(i)
		p, ok := pg.MethodByName(m.Name)
		if !ok {
			t.Errorf("pgstore.Store has no method %s", m.Name)
			continue
		}
		a, b := m.Type, p.Type
		same := a.NumIn() == b.NumIn() && a.NumOut() == b.NumOut()
		for j := 1; same && j < a.NumIn(); j++ {
			same = a.In(j) == b.In(j)
		}
		for j := 0; same && j < a.NumOut(); j++ {
			same = a.Out(j) == b.Out(j) || m.Name == "Watch" && j == 0
		}
		if !same {
			t.Errorf("%s: SQLite %v, PostgreSQL %v", m.Name, a, b)
		}
	}
}
