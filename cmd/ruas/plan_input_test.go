package main

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner"
)

// TestPlanInputTable: `ruas plan` refuses exactly the plan inputs of the
// shared table (planner/testdata/plan_inputs.json), the table the web is
// checked against too (web TestPlanInputTable), naming the flag of every
// refused field; what the table accepts, the flags accept.
func TestPlanInputTable(t *testing.T) {
	b, err := os.ReadFile("../../planner/testdata/plan_inputs.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			Name    string        `json:"name"`
			Input   planner.Input `json:"input"`
			Refused []string      `json:"refused"`
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	amounts := func(vs []float64) string {
		var parts []string
		for _, v := range vs {
			parts = append(parts, strconv.FormatFloat(v, 'f', -1, 64))
		}
		return strings.Join(parts, ";")
	}
	for _, c := range f.Cases {
		in := c.Input
		fl := planFlags{from: in.FromYear, years: in.Years, budget: amounts(in.BudgetsRp), scenarios: amounts(in.ScenariosRp),
			method: in.Method, nomen: in.Nomenclature,
			hand: planHand{minLength: planner.DefaultMinLengthM, minPackage: "50jt"}}
		if fl.method == "" {
			fl.method = planner.DefaultMethod // the flag's default
		}
		if in.Target != nil {
			fl.target, fl.targetYear = in.Target.Pct, in.Target.Year
		}
		_, err := fl.input()
		if len(c.Refused) == 0 {
			if err != nil {
				t.Errorf("%s: refused: %v", c.Name, err)
			}
			continue
		}
		if _, usage := err.(usageError); !usage {
			t.Errorf("%s: %v, want a usage error", c.Name, err)
			continue
		}
		for _, field := range c.Refused {
			if !strings.Contains(err.Error(), planFlagOf[field]) {
				t.Errorf("%s: %q does not name %s", c.Name, err, planFlagOf[field])
			}
		}
		if n := len(strings.Split(err.Error(), "\n")); n != len(c.Refused) {
			t.Errorf("%s: %d problems in %q, want %d", c.Name, n, err, len(c.Refused))
		}
	}
}
