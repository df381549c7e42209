package planner

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestAHP(t *testing.T) {
	ri := []float64{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49}
	cases := []struct {
		name    string
		m       AHPMatrix
		weights []float64 // nil: not checked
		wantErr string
	}{
		{
			// A perfectly consistent matrix built from weights 4:2:1 has
			// those weights as its eigenvector, λmax = n and CR = 0.
			name:    "consistent 4:2:1",
			m:       AHPMatrix{Criteria: []string{"a", "b", "c"}, Pairwise: [][]float64{{1, 2, 4}, {0.5, 1, 2}, {0.25, 0.5, 1}}},
			weights: []float64{4.0 / 7, 2.0 / 7, 1.0 / 7},
		},
		{
			// Saaty's textbook example of slight inconsistency: CR < 0.1.
			name: "slightly inconsistent",
			m:    AHPMatrix{Criteria: []string{"a", "b", "c"}, Pairwise: [][]float64{{1, 3, 5}, {1.0 / 3, 1, 2}, {0.2, 0.5, 1}}},
		},
		{
			name:    "inconsistent: a>b, b>c, c>a",
			m:       AHPMatrix{Criteria: []string{"a", "b", "c"}, Pairwise: [][]float64{{1, 5, 1.0 / 5}, {1.0 / 5, 1, 5}, {5, 1.0 / 5, 1}}},
			wantErr: "consistency ratio",
		},
		{
			name:    "not reciprocal",
			m:       AHPMatrix{Criteria: []string{"a", "b", "c"}, Pairwise: [][]float64{{1, 3, 1}, {3, 1, 1}, {1, 1, 1}}},
			wantErr: "not reciprocal",
		},
		{
			name:    "negative",
			m:       AHPMatrix{Criteria: []string{"a", "b"}, Pairwise: [][]float64{{1, -2}, {-0.5, 1}}},
			wantErr: "positive value",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := AHP(c.m, ri)
			if c.wantErr != "" {
				if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want ErrInvalid mentioning %q (CR %.3f)", err, c.wantErr, res.CR)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			for _, w := range res.Weights {
				sum += w
			}
			if math.Abs(sum-1) > 1e-9 || res.CR > MaxCR {
				t.Errorf("weights %v sum %g, CR %.3f", res.Weights, sum, res.CR)
			}
			for i, w := range c.weights {
				if math.Abs(res.Weights[i]-w) > 1e-9 {
					t.Errorf("weight %d = %.6f, want %.6f", i, res.Weights[i], w)
				}
			}
			if c.weights != nil && (math.Abs(res.LambdaMax-3) > 1e-9 || math.Abs(res.CR) > 1e-9) {
				t.Errorf("consistent matrix: λmax %.6f, CR %.6f; want 3 and 0", res.LambdaMax, res.CR)
			}
		})
	}
}

func TestDefaultAHPTableIsConsistent(t *testing.T) {
	p, err := PriorityTable("")
	if err != nil {
		t.Fatal(err)
	}
	res, err := AHP(AHPMatrix{Criteria: p.AHP.Criteria, Pairwise: p.AHP.Pairwise}, p.AHP.RandomIndex)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("default AHP weights %v, λmax %.4f, CI %.4f, RI %.2f, CR %.4f", res.Weights, res.LambdaMax, res.CI, res.RI, res.CR)
}

// FuzzAHP feeds arbitrary 3×3 comparisons (the upper triangle, reciprocals
// below, as a planner would enter them): AHP must return weights summing
// to 1 with CR ≤ 0.10, or an ErrInvalid error, never panic.
func FuzzAHP(f *testing.F) {
	f.Add(2.0, 4.0, 2.0)
	f.Add(5.0, 0.2, 5.0)
	f.Add(-1.0, 0.0, 1e308)
	f.Fuzz(func(t *testing.T, ab, ac, bc float64) {
		m := AHPMatrix{Criteria: []string{"a", "b", "c"}, Pairwise: [][]float64{{1, ab, ac}, {1 / ab, 1, bc}, {1 / ac, 1 / bc, 1}}}
		res, err := AHP(m, []float64{0, 0, 0.58})
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error not ErrInvalid: %v", err)
			}
			return
		}
		var sum float64
		for _, w := range res.Weights {
			if !(w >= 0) {
				t.Fatalf("weight %v", w)
			}
			sum += w
		}
		if math.Abs(sum-1) > 1e-6 || res.CR > MaxCR {
			t.Fatalf("weights %v (sum %v), CR %v", res.Weights, sum, res.CR)
		}
	})
}
