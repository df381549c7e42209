package planner

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"testing"
)

// planInputCase is one row of testdata/plan_inputs.json, the table the
// planner, the CLI and the web are all checked against.
type planInputCase struct {
	Name    string   `json:"name"`
	Input   Input    `json:"input"`
	Refused []string `json:"refused"`
}

func readPlanInputCases(t *testing.T) []planInputCase {
	t.Helper()
	b, err := os.ReadFile("testdata/plan_inputs.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []planInputCase }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Cases
}

// TestInputCheck: Check refuses exactly the fields the table names, as an
// *InputError that wraps ErrInvalid, and Normalize refuses the same.
func TestInputCheck(t *testing.T) {
	for _, c := range readPlanInputCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			err := c.Input.Check()
			var got []string
			var ie *InputError
			if errors.As(err, &ie) {
				for _, p := range ie.Problems {
					got = append(got, p.Field)
					if p.Code == "" || p.String() == "" {
						t.Errorf("problem without code or text: %+v", p)
					}
				}
			} else if err != nil {
				t.Fatalf("err %v is not an *InputError", err)
			}
			if err != nil && !errors.Is(err, ErrInvalid) {
				t.Errorf("err %v does not wrap ErrInvalid", err)
			}
			if !slices.Equal(got, c.Refused) && !(len(got) == 0 && len(c.Refused) == 0) {
				t.Errorf("refused %v, want %v (%v)", got, c.Refused, err)
			}
			in := c.Input
			if nerr := in.Normalize(); (nerr != nil) != (len(c.Refused) > 0) && c.Input.Years != 0 {
				t.Errorf("Normalize: %v, Check: %v", nerr, err)
			}
		})
	}
}

// TestCheckConditionYear: 1950 and 2200 are years a condition can be
// asked for; the years either side are refused on field year.
func TestCheckConditionYear(t *testing.T) {
	for y, ok := range map[int]bool{1949: false, 1950: true, 2026: true, 2200: true, 2201: false, 0: false} {
		err := CheckConditionYear(y)
		var ie *InputError
		if ok != (err == nil) || err != nil && (!errors.As(err, &ie) || ie.Problems[0].Field != "year" || !errors.Is(err, ErrInvalid)) {
			t.Errorf("year %d: %v", y, err)
		}
	}
}
