package planner

import (
	"math/rand/v2"
	"testing"
)

// randomChoices makes a small instance shaped like a year of the city
// programme: n sections, 5 treatments of rising cost (whole millions of
// Rp so that DP over the budget is exact), benefits loosely tied to cost
// with noise, some options unavailable.
func randomChoices(r *rand.Rand, n int) *choices {
	const k = 5
	c := newChoices(n, k)
	for i := 0; i < n; i++ {
		size := 1 + r.Float64()*9 // section size factor
		for j := 0; j < k; j++ {
			if r.Float64() < 0.3 {
				continue
			}
			base := []float64{1, 8, 15, 30, 40}[j]
			x := i*k + j
			c.cost[x] = float64(int(base*size*(0.8+0.4*r.Float64()))) + 1
			c.benefit[x] = c.cost[x] * (0.3 + r.Float64()*1.5) * (1 + 0.5*float64(j)/k)
		}
	}
	return c
}

func TestGreedyNearExact(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 2026))
	worst := 0.0
	for trial := 0; trial < 300; trial++ {
		// Half the instances fit inside the core (exact by construction),
		// half are larger than it, so the greedy part is what is measured.
		n := 8 + r.IntN(33)
		if trial%2 == 1 {
			n = 60 + r.IntN(100)
		}
		c := randomChoices(r, n)
		var total float64
		for x := range c.cost {
			if c.cost[x] > 0 && c.benefit[x] > 0 {
				total += c.cost[x]
			}
		}
		budget := float64(int(total / 5 * (0.2 + r.Float64()*1.5)))
		opt, _ := c.exactDP(budget, 1)
		spent, got, _ := c.greedy(budget, nil)
		if spent > budget+1e-9 {
			t.Fatalf("trial %d: spent %g over budget %g", trial, spent, budget)
		}
		if got > opt+1e-6 {
			t.Fatalf("trial %d: greedy %g beats the exact optimum %g: the exact solver is wrong", trial, got, opt)
		}
		gap := (opt - got) / opt
		if gap > worst {
			worst = gap
		}
		if gap > 0.01 {
			t.Errorf("trial %d (n=%d, budget %g): greedy %g is %.2f%% below the optimum %g", trial, n, budget, got, gap*100, opt)
		}
	}
	t.Logf("worst gap over 300 instances (n 8–160, budgets 4–30 %% of the cost of all options): %.4f%%", worst*100)
}

func TestExactDPMatchesExhaustive(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 5))
	for trial := 0; trial < 50; trial++ {
		c := randomChoices(r, 3+r.IntN(4))
		budget := float64(10 + r.IntN(120))
		dp, pick := c.exactDP(budget, 1)
		ex := c.exhaustive(budget)
		if dp != ex {
			t.Fatalf("trial %d: DP %g, exhaustive %g", trial, dp, ex)
		}
		var cost, ben float64
		for i, j := range pick {
			if j >= 0 {
				cost += c.cost[i*c.k+int(j)]
				ben += c.benefit[i*c.k+int(j)]
			}
		}
		if cost > budget || ben != dp {
			t.Fatalf("trial %d: DP pick costs %g (budget %g) for %g (reported %g)", trial, cost, budget, ben, dp)
		}
	}
}
