package planner

import (
	"cmp"
	"math"
	"slices"
)

// choices is one year's multiple-choice knapsack: item i (a section) may
// take at most one of its k options; option j of item i costs cost[i*k+j]
// (Rp) and yields benefit[i*k+j]. An option with cost ≤ 0 or benefit ≤ 0
// is not available. pick[i] is the chosen option or -1.
type choices struct {
	n, k    int
	cost    []float64
	benefit []float64
	pick    []int8
	work    paretoWork
	incs    []increment // greedy's scratch, when the caller keeps none
}

func newChoices(n, k int) *choices {
	c := &choices{n: n, k: k, cost: make([]float64, n*k), benefit: make([]float64, n*k), pick: make([]int8, n)}
	for i := range c.pick {
		c.pick[i] = -1
	}
	return c
}

func (c *choices) ok(i, j int) bool {
	x := i*c.k + j
	return c.cost[x] > 0 && c.benefit[x] > 0
}

// increment is one step up an item's efficient frontier: from its
// previous hull option (or nothing) to option opt, adding dc Rp for db.
type increment struct {
	eff  float64 // db/dc
	dc   float64
	item int32
	step uint8 // position on the item's hull, 0 first
	opt  int8
}

// greedy solves the knapsack with the incremental benefit/cost method for
// the multiple-choice knapsack (Sinha & Zoltners 1979): each item's options
// are reduced to the upper concave hull of (cost, benefit) starting at
// (0, 0); all hull increments of all items are sorted once by efficiency
// (benefit per Rp) and taken in that order, an item's step only after its
// previous one, up to the first that does not fit (the break). The items
// whose increments lie near the break (the core, Pisinger 1995) are then
// re-decided together by an exact dynamic programme over the budget they
// may use (see pareto). What is left of the budget is used by an improvement pass that
// moves any item to the option raising its benefit most within the
// remainder. It returns the spent budget and the
// total benefit. The order of pick is deterministic (ties by item, step).
func (c *choices) greedy(budget float64, scratch []increment) (spent, total float64, _ []increment) {
	incs := scratch[:0]
	type pt struct {
		c, b float64
		j    int8
	}
	var opts, hull []pt
	for i := 0; i < c.n; i++ {
		c.pick[i] = -1
		opts = opts[:0]
		for j := 0; j < c.k; j++ {
			if c.ok(i, j) {
				x := i*c.k + j
				opts = append(opts, pt{c.cost[x], c.benefit[x], int8(j)})
			}
		}
		if len(opts) == 0 {
			continue
		}
		slices.SortFunc(opts, func(a, b pt) int {
			if r := cmp.Compare(a.c, b.c); r != 0 {
				return r
			}
			return cmp.Compare(b.b, a.b)
		})
		hull = append(hull[:0], pt{0, 0, -1})
		for _, o := range opts {
			if o.b <= hull[len(hull)-1].b {
				continue // dominated: costs more, gives no more
			}
			for len(hull) >= 2 {
				a, b := hull[len(hull)-2], hull[len(hull)-1]
				// drop b when it lies on or under the chord a→o (LP-dominated)
				if (b.b-a.b)*(o.c-a.c) <= (o.b-a.b)*(b.c-a.c) {
					hull = hull[:len(hull)-1]
					continue
				}
				break
			}
			hull = append(hull, o)
		}
		for s := 1; s < len(hull); s++ {
			dc, db := hull[s].c-hull[s-1].c, hull[s].b-hull[s-1].b
			incs = append(incs, increment{eff: db / dc, dc: dc, item: int32(i), step: uint8(s - 1), opt: hull[s].j})
		}
	}
	// Efficiencies are finite and positive, so plain comparisons order
	// them (cheaper than cmp.Compare's NaN handling in this hot sort).
	slices.SortFunc(incs, func(a, b increment) int {
		switch {
		case a.eff > b.eff:
			return -1
		case a.eff < b.eff:
			return 1
		case a.item != b.item:
			return int(a.item - b.item)
		}
		return int(a.step) - int(b.step)
	})
	left := c.core(budget, incs)
	// Improvement: for items in efficiency order, switch to the option with
	// the largest benefit gain that the remaining budget allows.
	for pass := 0; pass < 3; pass++ {
		changed := false
		for _, in := range incs {
			i := int(in.item)
			if in.step != 0 {
				continue
			}
			curC, curB := 0.0, 0.0
			if p := c.pick[i]; p >= 0 {
				curC, curB = c.cost[i*c.k+int(p)], c.benefit[i*c.k+int(p)]
			}
			best, gain := int8(-1), 0.0
			for j := 0; j < c.k; j++ {
				if !c.ok(i, j) {
					continue
				}
				x := i*c.k + j
				if d := c.benefit[x] - curB; d > gain && c.cost[x]-curC <= left {
					best, gain = int8(j), d
				}
			}
			if best >= 0 {
				left -= c.cost[i*c.k+int(best)] - curC
				c.pick[i] = best
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for i := 0; i < c.n; i++ {
		if p := c.pick[i]; p >= 0 {
			spent += c.cost[i*c.k+int(p)]
			total += c.benefit[i*c.k+int(p)]
		}
	}
	return spent, total, incs
}

// exactDP solves the knapsack exactly by dynamic programming over the
// budget in whole units of unit Rp (costs must be multiples of unit for
// the answer to be exact). Memory is n × budget/unit bytes: for tests and
// small instances only.
func (c *choices) exactDP(budget, unit float64) (total float64, pick []int8) {
	B := int(math.Floor(budget/unit + 1e-9))
	best := make([]float64, B+1) // best[b]: max benefit with cost ≤ b over items so far
	from := make([][]int8, c.n)
	for i := 0; i < c.n; i++ {
		nb := slices.Clone(best)
		from[i] = make([]int8, B+1)
		for b := range from[i] {
			from[i][b] = -1
		}
		for j := 0; j < c.k; j++ {
			if !c.ok(i, j) {
				continue
			}
			x := i*c.k + j
			w := int(math.Round(c.cost[x] / unit))
			for b := B; b >= w; b-- {
				if v := best[b-w] + c.benefit[x]; v > nb[b] {
					nb[b] = v
					from[i][b] = int8(j)
				}
			}
		}
		best = nb
	}
	pick = make([]int8, c.n)
	b := B
	for i := c.n - 1; i >= 0; i-- {
		pick[i] = from[i][b]
		if j := pick[i]; j >= 0 {
			b -= int(math.Round(c.cost[i*c.k+int(j)] / unit))
		}
	}
	return best[B], pick
}

// exhaustive tries every combination (k+1)^n: the yardstick for exactDP.
func (c *choices) exhaustive(budget float64) float64 {
	var rec func(i int, left, acc float64) float64
	rec = func(i int, left, acc float64) float64 {
		if i == c.n {
			return acc
		}
		best := rec(i+1, left, acc)
		for j := 0; j < c.k; j++ {
			if !c.ok(i, j) {
				continue
			}
			x := i*c.k + j
			if c.cost[x] <= left+1e-9 {
				if v := rec(i+1, left-c.cost[x], acc+c.benefit[x]); v > best {
					best = v
				}
			}
		}
		return best
	}
	return rec(0, budget, 0)
}

// coreWindow is how many increments either side of the break make up the
// core; coreStates bounds the DP's state lists.
const (
	coreWindow = 40
	coreStates = 1024
)

// core takes the sorted increments up to the break, re-decides the core
// items exactly (up to cost rounding) and returns the budget left.
func (c *choices) core(budget float64, incs []increment) float64 {
	left := budget
	next := make([]uint8, c.n)
	brk := len(incs)
	for x, in := range incs {
		if next[in.item] != in.step {
			continue
		}
		if in.dc > left {
			brk = x
			break
		}
		left -= in.dc
		c.pick[in.item] = in.opt
		next[in.item]++
	}
	if brk == len(incs) {
		return left
	}
	lo, hi := max(0, brk-coreWindow), min(len(incs), brk+coreWindow)
	inCore := map[int32]bool{}
	var items []int
	for _, in := range incs[lo:hi] {
		if !inCore[in.item] {
			inCore[in.item] = true
			items = append(items, int(in.item))
		}
	}
	slices.Sort(items)
	for _, i := range items {
		if p := c.pick[i]; p >= 0 {
			left += c.cost[i*c.k+int(p)]
			c.pick[i] = -1
		}
	}
	if left <= 0 {
		return left
	}
	for ci, j := range c.pareto(items, left) {
		if j >= 0 {
			i := items[ci]
			c.pick[i] = j
			left -= c.cost[i*c.k+int(j)]
		}
	}
	return left
}

// pstate is a partial solution of the core: its cost, benefit, and how it
// was reached (index in the previous layer, option taken or -1).
type pstate struct {
	c, b   float64
	parent int32
	opt    int8
}

// pareto solves the multiple-choice knapsack over items within budget by
// dynamic programming on lists of non-dominated (cost, benefit) states
// (Nemhauser–Ullmann), exact in real costs. When a list grows beyond
// coreStates it is thinned to the best state in each of coreStates equal
// cost buckets. It returns the option of each item (-1 for none).
func (c *choices) pareto(items []int, budget float64) []int8 {
	w := &c.work
	w.cur = append(w.cur[:0], pstate{parent: -1, opt: -1})
	w.parent, w.opt, w.start = w.parent[:0], w.opt[:0], w.start[:0]
	for _, i := range items {
		// Start from "item not taken", then merge in each option.
		w.next = w.next[:0]
		for x, s := range w.cur {
			w.next = append(w.next, pstate{s.c, s.b, int32(x), -1})
		}
		for j := 0; j < c.k; j++ {
			if !c.ok(i, j) {
				continue
			}
			cj, bj := c.cost[i*c.k+j], c.benefit[i*c.k+j]
			w.shifted = w.shifted[:0]
			for x, s := range w.cur {
				if s.c+cj > budget {
					break // cur is sorted by cost
				}
				w.shifted = append(w.shifted, pstate{s.c + cj, s.b + bj, int32(x), int8(j)})
			}
			w.merged = mergePareto(w.merged[:0], w.next, w.shifted)
			w.next, w.merged = w.merged, w.next
		}
		if len(w.next) > coreStates {
			w.next = thin(w.next, budget)
		}
		// Keep only how each state was reached, for the way back.
		w.start = append(w.start, len(w.parent))
		for _, s := range w.next {
			w.parent = append(w.parent, s.parent)
			w.opt = append(w.opt, s.opt)
		}
		w.cur, w.next = w.next, w.cur
	}
	pick := make([]int8, len(items))
	x := int32(len(w.cur) - 1) // the last state has the highest benefit
	for l := len(items) - 1; l >= 0; l-- {
		at := w.start[l] + int(x)
		pick[l] = w.opt[at]
		x = w.parent[at]
	}
	return pick
}

// paretoWork holds the state lists of pareto, reused from year to year.
type paretoWork struct {
	cur, next, shifted, merged []pstate
	parent                     []int32
	opt                        []int8
	start                      []int
}

// mergePareto merges two cost-sorted state lists, keeping only states
// whose benefit is higher than that of every cheaper state.
func mergePareto(dst, a, b []pstate) []pstate {
	i, j := 0, 0
	best := math.Inf(-1)
	for i < len(a) || j < len(b) {
		var s pstate
		if j >= len(b) || i < len(a) && (a[i].c < b[j].c || a[i].c == b[j].c && a[i].b >= b[j].b) {
			s = a[i]
			i++
		} else {
			s = b[j]
			j++
		}
		if s.b > best {
			dst = append(dst, s)
			best = s.b
		}
	}
	return dst
}

// thin keeps, of each of coreStates equal slices of [0, budget], the
// state with the highest benefit (the last one, as lists are increasing).
func thin(s []pstate, budget float64) []pstate {
	out := s[:0]
	w := budget / coreStates
	for x := range s {
		if x == len(s)-1 || int(s[x].c/w) != int(s[x+1].c/w) {
			out = append(out, s[x])
		}
	}
	return out
}
