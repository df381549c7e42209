package planner

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteJSONSameAsMarshal: the streamed encoding of a plan is the bytes
// json.Marshal gives, for a real programme and for the edge cases of the
// splice (no years, a year without works, a year with an empty list).
func TestWriteJSONSameAsMarshal(t *testing.T) {
	res, err := Run(genNetwork(t, 7, 60, []int{2022, 2024}, 0.1), Input{FromYear: 2025, Years: 3, BudgetsRp: []float64{5e9}})
	if err != nil {
		t.Fatal(err)
	}
	works := 0
	for _, y := range res.Plan {
		works += len(y.Works)
	}
	if works < 10 {
		t.Fatalf("the test plan has %d works; it should exercise the per-work encoding", works)
	}
	noYears := *res
	noYears.Plan = nil
	oddYears := *res
	oddYears.Plan = append([]YearResult(nil), res.Plan...)
	oddYears.Plan[0].Works = nil
	oddYears.Plan[1].Works = []Work{}
	oddYears.Plan[2].Works[0].Justification = `<b>"Jl. A & B"</b>` // HTML escaping as Marshal does it
	for name, r := range map[string]*Result{"plan": res, "no years": &noYears, "odd years": &oddYears} {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := r.WriteJSON(&got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			i := 0
			for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
				i++
			}
			t.Errorf("%s: WriteJSON differs from json.Marshal at byte %d of %d/%d: …%s… vs …%s…", name, i, got.Len(), len(want),
				got.Bytes()[max(0, i-40):min(got.Len(), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
	}
}
