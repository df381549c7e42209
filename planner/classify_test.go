package planner

import (
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestClassifierMatchesRules checks the compiled class bands against the
// rule table's own Rules.ClassOfIRI and ClassOfSDI on a fine grid and at
// every bound (inclusive or not) of every embedded rule version.
func TestClassifierMatchesRules(t *testing.T) {
	for _, v := range roads.RuleVersions() {
		r, err := roads.ConditionRules(v)
		if err != nil {
			t.Fatal(err)
		}
		c, err := newClassifier(r)
		if err != nil {
			t.Fatal(err)
		}
		var iris, sdis []float32
		for x := float32(0); x <= 30; x += 0.05 {
			iris = append(iris, x)
		}
		for x := float32(0); x <= 330; x += 0.5 {
			sdis = append(sdis, x)
		}
		for _, b := range r.IRIClass {
			if b.Upper != nil {
				iris = append(iris, float32(*b.Upper))
			}
		}
		for _, b := range r.SDIClass {
			if b.Upper != nil {
				sdis = append(sdis, float32(*b.Upper))
			}
		}
		for _, x := range iris {
			if got, want := c.class(x, 0, basisIRI), r.ClassOfIRI(float64(x)).Rank(); int(got) != want {
				t.Errorf("%s: IRI %g → rank %d, rules say %d", v, x, got, want)
			}
		}
		for _, x := range sdis {
			if got, want := c.class(0, x, basisSDI), r.ClassOfSDI(float64(x)).Rank(); int(got) != want {
				t.Errorf("%s: SDI %g → rank %d, rules say %d", v, x, got, want)
			}
		}
		// Worse of both, and only over the measured basis.
		if got := c.class(3, 120, basisIRI|basisSDI); got != 2 {
			t.Errorf("IRI 3 (Baik) with SDI 120 (Rusak Ringan) → rank %d, want 2", got)
		}
		if got := c.class(3, 120, basisIRI); got != 0 {
			t.Errorf("IRI-only basis ignores SDI: rank %d, want 0", got)
		}
	}
}
