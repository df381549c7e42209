package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// fixturePath is the committed demo network as a SQLite register reads it
// (seed DefaultSeed, made and stored at fixtureNow): the planner's and the
// planning document's tests read it, so they run without cgo.
const fixturePath = "testdata/network.json.gz"

// fixtureNow is the day the fixture's demo is made and stored; the
// planner's and publish's tests plan from the year after its calendar.
func fixtureNow() time.Time { return time.Date(2026, 12, 6, 9, 0, 0, 0, locale.WIB) }

// TestNetworkFixture fills the demo into a real SQLite register and checks
// that the committed fixture equals what the register reads back (-update
// rewrites it): a change to the generator or the store that moves any
// figure shows here first.
func TestNetworkFixture(t *testing.T) {
	ctx := context.Background()
	s, err := sqlitestore.OpenWith(ctx, filepath.Join(t.TempDir(), "demo.db"), sqlitestore.Options{Now: fixtureNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Fill(ctx, s, DefaultSeed, fixtureNow); err != nil {
		t.Fatal(err)
	}
	want, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		var buf bytes.Buffer
		if err := roads.WriteNetwork(&buf, want); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fixturePath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := roads.ReadNetwork(f)
	if err != nil {
		t.Fatal(err)
	}
	// SetOffice stamps the office with the wall clock, not the store's.
	if d := cmp.Diff(want, got, cmpopts.IgnoreFields(roads.Office{}, "SetAt")); d != "" {
		t.Errorf("%s differs from the demo as the register reads it; run go test ./roads/demo -run TestNetworkFixture -update (-register +fixture):\n%.3000s", fixturePath, d)
	}
}
