package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestPlanEconomicCLI plans the demo city with --method economic through
// run(): no year over its budget, works in descending NPV/cost, each with
// its RoADS evidence; the run is stored, re-runs identically, and its CSV
// carries the economic justification.
func TestPlanEconomicCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	if code, _, stderr := runCLI(t, "demo", "--db", db, "--today", demoToday); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	csvOut := filepath.Join(dir, "rencana.csv")
	code, out, stderr := runCLI(t, "plan", "--db", db, "--from", fmt.Sprint(demoPlanFrom), "--years", "3", "--budget", "6M,12M,20M",
		"--method", planner.EconomicMethod, "--out", csvOut, "--json")
	if code != 0 {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	var res planner.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output is not a Result: %v", err)
	}
	if res.Method.Name != planner.EconomicMethod || res.Input.Method != planner.EconomicMethod || len(res.Plan) != 3 {
		t.Fatalf("method %q / %q, %d years", res.Method.Name, res.Input.Method, len(res.Plan))
	}
	funded := 0
	for _, y := range res.Plan {
		if y.SpentRp > y.BudgetRp && y.SpentRp > y.CommittedRp+y.RoutineRp+y.CompanionRp {
			t.Errorf("%d: spent %s over the budget %s", y.Year, planner.FormatRp(y.SpentRp), planner.FormatRp(y.BudgetRp))
		}
		prev := math.Inf(1)
		var sum float64
		for _, w := range y.Works {
			sum += w.CostRp
			if w.Committed || w.Routine {
				continue
			}
			funded++
			ev := w.Evidence.Economic
			if ev == nil {
				t.Errorf("%d %s: no RoADS evidence", y.Year, w.Section)
				continue
			}
			if w.Evidence.Priority > prev || ev.NPVCost != w.Evidence.Priority {
				t.Errorf("%d rank %d: NPV/cost %g (evidence %g) after %g", y.Year, w.Rank, w.Evidence.Priority, ev.NPVCost, prev)
			}
			prev = w.Evidence.Priority
			if !(ev.NPVM > 0) || ev.WorkYear != 1 || ev.ParamSet == "" || (ev.EIRRPct == nil) == (ev.EIRRNote == "") ||
				!strings.Contains(w.Justification, "Analisis ekonomi RoADS") {
				t.Errorf("%d %s: evidence %+v, justification %q", y.Year, w.Section, ev, w.Justification)
			}
		}
		if math.Abs(sum+y.CompanionRp-y.SpentRp) > float64(len(y.Works)) {
			t.Errorf("%d: works add up to %s + companions %s, spent says %s", y.Year, planner.FormatRp(sum), planner.FormatRp(y.CompanionRp), planner.FormatRp(y.SpentRp))
		}
	}
	if funded == 0 {
		t.Fatal("the economic plan funds nothing")
	}
	csv, err := os.ReadFile(csvOut)
	if err != nil || !strings.Contains(string(csv), "NPV/biaya") {
		t.Errorf("CSV works list without the economic justification (%v)", err)
	}

	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := s.PlanRuns(ctx)
	s.Close()
	if err != nil || len(runs) != 1 || runs[0].Method != planner.EconomicMethod {
		t.Fatalf("stored runs %+v, %v", runs, err)
	}
	code, _, stderr = runCLI(t, "plan", "--db", db, "--rerun", fmt.Sprint(runs[0].ID))
	if code != 0 || !strings.Contains(stderr, "identik") {
		t.Errorf("rerun: exit %d: %s", code, stderr)
	}
	// The screen summary names the method.
	code, out, stderr = runCLI(t, "plan", "--db", db, "--from", fmt.Sprint(demoPlanFrom), "--years", "1", "--budget", "10M", "--method", planner.EconomicMethod)
	if code != 0 || !strings.Contains(out, "Ekonomi RoADS") {
		t.Errorf("summary: exit %d, %s %s", code, out, stderr)
	}
}
