package planner

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/locale"
	"github.com/kotablitar/ruas/roads/sqlitestore"
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

// demoNetwork fills the synthetic Kota Blitar demo into a real SQLite file
// once per test binary and reads it back as a Network.
func demoNetwork(t testing.TB) *roads.Network {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := osMkdirTemp()
		if err != nil {
			demoErr = err
			return
		}
		ctx := context.Background()
		s, err := sqlitestore.Open(ctx, filepath.Join(dir, "demo.db"))
		if err != nil {
			demoErr = err
			return
		}
		defer s.Close()
		if _, err := demo.Fill(ctx, s, demo.DefaultSeed, demoNow); err != nil {
			demoErr = err
			return
		}
		demoNet, demoErr = s.Network(ctx)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoNet
}
