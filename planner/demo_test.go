package planner

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/locale"
)

// demoNow is the fixed day the tests make the demo on (seed and day make
// the records), and demoFrom the first plan year: the year after the
// demo's last survey.
func demoNow() time.Time { return time.Date(2026, 12, 6, 9, 0, 0, 0, locale.WIB) }

var demoFrom = demo.CalendarOf(demoNow).LastYear + 1

var (
	demoOnce sync.Once
	demoNet  *roads.Network
	demoErr  error
)

// demoNetwork reads the synthetic Kota Blitar demo as a SQLite register
// read it (roads/demo's committed fixture, checked against a real register
// by its TestNetworkFixture) once per test binary, so the planner's tests
// need no database engine.
func demoNetwork(t testing.TB) *roads.Network {
	t.Helper()
	demoOnce.Do(func() {
		f, err := os.Open(filepath.Join("..", "roads", "demo", "testdata", "network.json.gz"))
		if err != nil {
			demoErr = err
			return
		}
		defer f.Close()
		demoNet, demoErr = roads.ReadNetwork(f)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoNet
}
