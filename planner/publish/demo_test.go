package publish

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/locale"
)

// demoNow is the fixed day the tests make the demo on (seed and day make
// the records: on 6 December 2026, surveys 2021–2026), and demoFrom the
// year after the demo's last survey.
func demoNow() time.Time { return time.Date(2026, 12, 6, 9, 0, 0, 0, locale.WIB) }

var demoFrom = demo.CalendarOf(demoNow).LastYear + 1

// demoInput is the plan the golden files show: the demo city from demoFrom for
// five years at Rp 15 billion a year, with a second budget level and a
// kemantapan target, so every part of every export has content.
var demoInput = planner.Input{
	FromYear:     demoFrom,
	Years:        5,
	BudgetsRp:    []float64{15e9},
	Nomenclature: "2024",
	ScenariosRp:  []float64{8e9},
	Target:       &planner.Target{Pct: 80, Year: demoFrom + 4},
}

// demoPlanAt is the fixed creation time of the demo plan run (the date
// every document carries).
var demoPlanAt = time.Date(demoFrom, 1, 20, 8, 0, 0, 0, time.UTC)

// demoCity is the demo register's network with one stored plan, built
// once per test binary: planning the demo is the slow part of the tests.
type demoCity struct {
	run *roads.PlanRun
	net *roads.Network
}

var (
	demoOnce sync.Once
	demoVal  *demoCity
	demoErr  error
)

func demoSource(t testing.TB) (*demoCity, *Source) {
	t.Helper()
	demoOnce.Do(func() {
		demoVal, demoErr = buildDemo()
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	src, err := Load(demoVal.run, demoVal.net, false)
	if err != nil {
		t.Fatal(err)
	}
	return demoVal, src
}

// buildDemo reads the demo city as a SQLite register read it (roads/demo's
// committed fixture, checked against a real register by its
// TestNetworkFixture), plans it, and makes the plan run as the register
// stores it: the first run, so id 1.
func buildDemo() (*demoCity, error) {
	f, err := os.Open(filepath.Join("..", "..", "roads", "demo", "testdata", "network.json.gz"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	net, err := roads.ReadNetwork(f)
	if err != nil {
		return nil, err
	}
	res, err := planner.Run(net, demoInput)
	if err != nil {
		return nil, err
	}
	run := &roads.PlanRun{ID: 1, CreatedAt: demoPlanAt, CreatedBy: "perencana", Method: res.Input.Method, FromYear: res.Input.FromYear,
		Years: res.Input.Years, SnapshotHash: net.Hash}
	if run.Inputs, err = json.Marshal(res.Input); err != nil {
		return nil, err
	}
	if run.Result, err = json.Marshal(res); err != nil {
		return nil, err
	}
	return &demoCity{run: run, net: net}, nil
}
