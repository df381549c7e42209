package web

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestPlanInputTable: the web refuses exactly the plan inputs of the
// shared table (planner/testdata/plan_inputs.json) on exactly its fields,
// as the CLI does (cmd/ruas TestPlanInputTable), and words every refusal
// in both languages without a formatting slip.
func TestPlanInputTable(t *testing.T) {
	b, err := os.ReadFile("../planner/testdata/plan_inputs.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			Name    string          `json:"name"`
			Input   json.RawMessage `json:"input"`
			Refused []string        `json:"refused"`
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 20 {
		t.Fatalf("only %d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		// The API's body: planInput, decoded as the handler decodes it.
		var in planInput
		if err := json.Unmarshal(c.Input, &in); err != nil {
			t.Fatal(err)
		}
		for _, l := range []Locale{{Lang: ID}, {Lang: EN}} {
			err := checkPlanInput(l, in.Input)
			var got []string
			var ie *inputError
			if errors.As(err, &ie) {
				for _, fe := range ie.Fields {
					got = append(got, fe.Field)
					if strings.Contains(fe.Message, "%!") || strings.HasPrefix(fe.Message, "err.") || fe.Message == "" {
						t.Errorf("%s (%s): message %q", c.Name, l.Lang, fe.Message)
					}
				}
			} else if err != nil {
				t.Fatalf("%s: %v is not a field error", c.Name, err)
			}
			if !slices.Equal(got, c.Refused) && len(got)+len(c.Refused) > 0 {
				t.Errorf("%s (%s): web refuses %v, want %v", c.Name, l.Lang, got, c.Refused)
			}
		}
	}
}
