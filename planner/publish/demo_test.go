package publish

import (
	"context"
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
	"github.com/kotablitar/ruas/roads/sqlitestore"
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

// demoCity is the demo register with one stored plan, built once per test
// binary: filling the demo and planning it is the slow part of the tests.
type demoCity struct {
	store *sqlitestore.Store
	run   *roads.PlanRun
	net   *roads.Network
}

var (
	demoOnce sync.Once
	demoVal  *demoCity
	demoErr  error
	demoDir  string
)

// TestMain removes the shared demo register after all tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if demoVal != nil {
		demoVal.store.Close()
	}
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

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

func buildDemo() (*demoCity, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "publish-demo-*")
	if err != nil {
		return nil, err
	}
	demoDir = dir
	st, err := sqlitestore.Open(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		return nil, err
	}
	if _, err := demo.Fill(ctx, st, demo.DefaultSeed, demoNow); err != nil {
		st.Close()
		return nil, err
	}
	net, err := st.Network(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	res, err := planner.Run(net, demoInput)
	if err != nil {
		st.Close()
		return nil, err
	}
	run := &roads.PlanRun{CreatedAt: demoPlanAt, CreatedBy: "perencana", Method: res.Input.Method, FromYear: res.Input.FromYear,
		Years: res.Input.Years, SnapshotHash: net.Hash}
	if run.Inputs, err = json.Marshal(res.Input); err != nil {
		return nil, err
	}
	if run.Result, err = json.Marshal(res); err != nil {
		return nil, err
	}
	if err := st.SavePlanRun(ctx, run); err != nil {
		st.Close()
		return nil, err
	}
	stored, err := st.PlanRunByID(ctx, run.ID)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &demoCity{store: st, run: stored, net: net}, nil
}
