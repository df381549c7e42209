package publish

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// fixture is a small register with a hand-written plan: four ruas (one
// partly surveyed, one never surveyed and without geometry), two plan
// years, a committed works record with its own funding source. Its
// networks are the committed states a real SQLite register read
// (fixtureStore builds them; TestFixtureStates checks them), so these
// tests run without cgo.
type fixture struct {
	run *roads.PlanRun
	net *roads.Network
}

// The register states the tests read, each reached from stateBase by one
// change (see TestFixtureStates).
const (
	stateBase     = "base"     // as built by fixtureStore
	stateBogor    = "bogor"    // the office set to Kabupaten Bogor
	stateEdited   = "edited"   // ruas 35.72/002 widened to 6 m
	stateVerified = "verified" // every ruas, survey and works verified by "walidata"
)

// fixtureTime is the clock of the fixture's register.
var fixtureTime = time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)

func statePath(state string) string {
	return filepath.Join("testdata", "fixture-"+state+".json.gz")
}

// fixtureNet reads one committed state of the fixture register.
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

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureRun is the plan run over net as the register stores it: the
// first run of the register, so id 1.
func fixtureRun(net *roads.Network) *roads.PlanRun {
	res := fixtureResult(net)
	run := &roads.PlanRun{ID: 1, CreatedAt: time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC), CreatedBy: "perencana", Method: res.Input.Method,
		FromYear: res.Input.FromYear, Years: res.Input.Years, SnapshotHash: net.Hash}
	run.Inputs, _ = json.Marshal(res.Input)
	run.Result, _ = json.Marshal(res)
	return run
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	net := fixtureNet(t, stateBase)
	return &fixture{run: fixtureRun(net), net: net}
}

// fixtureResult is a plan over the fixture: 2026 and 2027, nomenclature 2024.
func fixtureResult(net *roads.Network) *planner.Result {
	refs := func(w roads.WorksType) []planner.SubKegiatanRef {
		var out []planner.SubKegiatanRef
		for _, v := range []string{"2024", "2027"} {
			sk, err := roads.Ref().SubKegiatanFor(v, w)
			if err != nil {
				panic(err)
			}
			out = append(out, planner.SubKegiatanRef{Nomenclature: v, Code: sk.Code, Name: sk.Name, Indicator: sk.Indicator, Unit: sk.Unit})
		}
		return out
	}
	work := func(year, rank int, key, name, kec, kel string, from, to float64, wt roads.WorksType, cost float64, k roads.Kondisi, date string, committed bool) planner.Work {
		return planner.Work{Year: year, Rank: rank, Section: key + "/" + roads.FormatSTA(from), RuasKey: key, RuasName: name, StaFromM: from, StaToM: to,
			Kecamatan: kec, Kelurahan: kel, Treatment: string(wt), TreatmentLabel: wt.Label(), WorksType: wt, SubKegiatan: refs(wt),
			LengthKm: (to - from) / 1000, CostRp: cost, Committed: committed,
			Evidence:      planner.Evidence{SurveyDate: date, Kondisi: k, RuleVersion: "bm.1"},
			Justification: "Kondisi " + k.Label() + " menurut survei " + date + "; peringkat dalam tahun."}
	}
	y1 := []planner.Work{
		work(2026, 1, "35.72/002", "Jl. Kenari", "Kepanjenkidul", "Kauman", 0, 800, roads.Rekonstruksi, 1_612_345_678.4, roads.RusakBerat, "2025-07-01", false),
		work(2026, 2, "35.72/001", "Jl. Merdeka", "Sukorejo", "Blitar", 600, 900, roads.Berkala, 251_000_000.6, roads.RusakRingan, "2025-06-12", false),
		work(2026, 3, "35.72/001", "Jl. Merdeka", "Sukorejo", "Blitar", 0, 600, roads.Rutin, 9_000_000, roads.Baik, "2025-06-12", false),
	}
	y2 := []planner.Work{
		work(2027, 1, "35.72/001", "Jl. Merdeka", "Sukorejo", "Blitar", 900, 1200, roads.Berkala, 260_000_000, roads.RusakRingan, "2025-06-12", true),
		work(2027, 2, "35.72/003", "Jl. Sawah", "Sananwetan", "Gedog", 0, 500, roads.Peningkatan, 750_000_000, roads.RusakBerat, "2025-07-02", false),
		work(2027, 3, "35.72/001", "Jl. Merdeka", "Sukorejo", "Blitar", 0, 600, roads.Rutin, 9_450_000, roads.Baik, "2025-06-12", false),
	}
	base := planner.Breakdown(net, 2025)
	sum := func(ws []planner.Work) (rp float64) {
		for _, w := range ws {
			rp += w.CostRp
		}
		return rp
	}
	k1 := planner.ClassKm{Baik: 1.7, Sedang: 0.3, RusakRingan: 0.1}
	k2 := planner.ClassKm{Baik: 2.0, Sedang: 0.4, RusakRingan: 0.1}
	res := &planner.Result{
		Input: planner.Input{FromYear: 2026, Years: 2, BudgetsRp: []float64{2e9}, Method: "optimal", Nomenclature: "2024",
			Tables: planner.TableVersions{Condition: "bm-smd03-2011.1", Treatments: "id-2026.1", Deterioration: "det.test", Priority: "prio.test"},
			Target: &planner.Target{Pct: 80, Year: 2027}},
		SnapshotHash: net.Hash, SectionRule: "ruas cut at survey class changes", Sections: 6, NetworkKm: base.NetworkKm,
		Baseline: base,
		Plan: []planner.YearResult{
			{Year: 2026, BudgetRp: 2e9, SpentRp: sum(y1), Works: y1, Km: k1, Kemantapan: k1.Kemantapan(), Backlog: planner.Backlog{Sections: 1, LengthKm: 0.1, CostRp: 5e7}},
			{Year: 2027, BudgetRp: 2e9, SpentRp: sum(y2), CommittedRp: 260_000_000, Works: y2, Km: k2, Kemantapan: k2.Kemantapan(), Backlog: planner.Backlog{Sections: 1, LengthKm: 0.1, CostRp: 5e7}},
		},
		DoNothing: planner.Scenario{Name: "Tanpa penanganan", Years: []planner.ScenarioYear{
			{Year: 2026, Km: planner.ClassKm{Baik: 0.4, Sedang: 0.5, RusakRingan: 0.5, RusakBerat: 0.7}, Kemantapan: 0.9 / 2.1 * 100},
			{Year: 2027, Km: planner.ClassKm{Baik: 0.2, Sedang: 0.5, RusakRingan: 0.6, RusakBerat: 0.8}, Kemantapan: 0.7 / 2.1 * 100}}},
		Scenarios: []planner.Scenario{
			{Name: "Rencana", BudgetsRp: []float64{2e9}, Years: []planner.ScenarioYear{{Year: 2026, Kemantapan: k1.Kemantapan()}, {Year: 2027, Kemantapan: k2.Kemantapan()}}},
			{Name: "Rp 1 M/tahun", BudgetsRp: []float64{1e9}, Years: []planner.ScenarioYear{{Year: 2026, Kemantapan: 70}, {Year: 2027, Kemantapan: 72.5}}},
		},
		MinBudget: &planner.MinBudget{Target: planner.Target{Pct: 80, Year: 2027}, AnnualRp: 1.5e9, Feasible: true, Achieved: 80.4},
		Models: []planner.ModelParam{{Key: "aspal", Surface: roads.Aspal, Quantity: "iri", Form: "exponential", Rate: 0.0412, Default: 0.04,
			Cap: 16, Source: "fitted", N: 12, SE: 0.004, R2: 0.61, RMSE: 0.42}},
		Method:  planner.MethodInfo{Name: "optimal", Label: "Optimasi anggaran (manfaat/biaya)", Budgeted: true, Source: "test fixture"},
		Benefit: "km-years of condition gained (test)",
	}
	return res
}

// load builds the Source of the fixture's plan (not stale).
func (f *fixture) load(t testing.TB) *Source {
	t.Helper()
	src, err := Load(f.run, f.net, false)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// tool returns the path of an external program the test needs, skipping
// when it is missing (failing under CI, which installs it).
func tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; CI must install Debian's %s (.ci/run does)", name, pkg)
		}
		t.Skipf("%s is missing; install Debian's %s to run this test", name, pkg)
	}
	return p
}
