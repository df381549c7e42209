package quality

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// The registers the tests read, as committed networks that a real SQLite
// register read (TestFixtureStates builds them and checks the files), so
// the tests run without cgo.
const (
	stateValidity    = "validity"     // validityNames, each on its own ruas
	stateBorder      = "border"       // validity plus Jl. Batas (900) and Jl. Luar (901)
	stateDated       = "dated"        // validity plus surveys, works and traffic around 30 June 2025
	stateOut         = "out"          // validity plus Jl. Luar (901)
	stateOutOffice   = "out-office"   // out, and an office (34.71) whose outline holds the grid
	stateDefects     = "defects"      // Kota Blitar's office and the five ruas of defects
	stateDateBasis   = "date-basis"   // three ruas surveyed 1 July 2026, dated by year, import and survey
	stateRegion      = "region"       // two Kabupaten Bogor ruas, one with Kota Blitar's codes; no office
	stateRegionBogor = "region-bogor" // region, with Kabupaten Bogor's office
)

var states = []string{stateValidity, stateBorder, stateDated, stateOut, stateOutOffice, stateDefects, stateDateBasis, stateRegion, stateRegionBogor}

// fixtureTime is the clock of the fixtures' registers.
var fixtureTime = time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)

func statePath(state string) string { return filepath.Join("testdata", state+".json.gz") }

// fixtureNet reads one committed register state.
func fixtureNet(t testing.TB, state string) *roads.Network {
	t.Helper()
	f, err := os.Open(statePath(state))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := roads.ReadNetwork(f)
	if err != nil {
		t.Fatalf("%s: %v", statePath(state), err)
	}
	return n
}

// validityNames are the ruas of the validity register, numbered 001… in
// this order: six sound ruas on a 3 × 2 km grid (1,103 m drawn, 1,100 m
// stated), the same road 5.5° east (jauh), a 1 m road (pendek), 45 km
// stated for a city road without geometry (panjang) and for a provincial
// one (provinsi), and one drawn 1,103 m but stated 2,500 m (selisih).
var validityNames = []string{"baik0", "baik1", "baik2", "baik3", "baik4", "baik5", "jauh", "pendek", "panjang", "provinsi", "selisih"}

func validityNo(name string) int {
	i := slices.Index(validityNames, name)
	if i < 0 {
		panic("no validity ruas " + name)
	}
	return i + 1
}

// validityKey is the key of a validity ruas by name.
func validityKey(name string) roads.Key {
	return roads.Key{Region: "99.01", No: fmt.Sprintf("%03d", validityNo(name))}
}

// defectsAsOf is the day the defects register is checked.
var defectsAsOf = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// defects are the ruas of the defects register (35.72/no), each surveyed
// over 0–1,100 m in 100 m units monthsAgo before defectsAsOf; geometry
// 1,101 m.
var defects = []struct {
	no        string
	kel       string
	lengthM   float64
	monthsAgo int
}{
	{"001", "35.72.02.1001", 1100, 2},  // clean
	{"002", "35.72.02.1001", 2000, 2},  // longer: geometry 1,101 m vs 2,000 m
	{"003", "35.72.09.9999", 1100, 2},  // a kelurahan code that does not exist
	{"004", "35.72.02.1001", 1100, 24}, // stale: surveyed two years ago
	{"005", "35.72.02.1001", 1000, 1},  // short: surveyed to 1,100 m
}
