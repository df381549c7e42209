package planner

import (
	"cmp"
	"math"
	"slices"
)

// PackageRule says how capital works are grouped and bounded.
const PackageRule = "work packages (paket): adjacent sections of one ruas with the same treatment in the same year " +
	"form one package, STA from the first section's start to the last one's end; a package must be at least " +
	"the minimum length (Input.MinLengthM, default 100 m) unless it covers the whole of a ruas shorter than that, " +
	"and cost at least the minimum package value (Input.MinPackageRp, default Rp 50.000.000); a section shorter " +
	"than the minimum length may take a neighbour's treatment where that treatment suits its surface (a package " +
	"needs at least one section whose class the treatment is meant for); pieces that fit no package wait. " +
	"The optimal method chooses among packages (per run of adjacent sections, an exact dynamic programme over " +
	"package boundaries gives the non-dominated cost/benefit plans, which the year's knapsack chooses from); " +
	"the other methods' section choices are repaired into packages (short pieces extended into their neighbours " +
	"or dropped, the loss reported, and the money freed offered to the next candidates). Routine care is one " +
	"line per ruas for its mantap length."

// chains fills next, shortRuas and the chain bounds: a chain is a run of
// sections of one ruas each starting where the previous ends (within 1 m).
func (e *engine) chains() {
	ss := &e.sec
	n := ss.n
	e.next = make([]bool, n)
	e.shortRuas = make([]bool, n)
	e.chainFirst = make([]int32, n)
	e.chainLast = make([]int32, n)
	for i := 0; i < n; i++ {
		if i+1 < n && ss.ruas[i] >= 0 && ss.ruas[i+1] == ss.ruas[i] && math.Abs(float64(ss.staFrom[i+1]-ss.staTo[i])) <= 1 {
			e.next[i] = true
		}
		if e.net != nil && ss.ruas[i] >= 0 {
			e.shortRuas[i] = e.net.Ruas[ss.ruas[i]].Length() < e.minLen
		} else {
			e.shortRuas[i] = float64(ss.staTo[i]-ss.staFrom[i]) < e.minLen
		}
	}
	for i := 0; i < n; {
		j := i
		for j+1 < n && e.next[j] {
			j++
		}
		for x := i; x <= j; x++ {
			e.chainFirst[x], e.chainLast[x] = int32(i), int32(j)
		}
		i = j + 1
	}
}

// Allowance of a treatment on a section in a package.
const (
	allowNone   uint8 = 0
	allowClass  uint8 = 1 // the treatment is meant for the section's class
	allowJoiner uint8 = 2 // only as a short piece joining a neighbour's package
)

// allowance says whether treatment j may be used on section i of class k
// and surface s (routine care never: it is funded apart).
func (e *engine) allowance(i, j int, k, s uint8) uint8 {
	c := &e.tr[j]
	if c.perKm {
		return allowNone
	}
	bit := uint16(1) << s
	if c.applies[k]&bit != 0 {
		return allowClass
	}
	if c.reset && float64(e.sec.lenKm[i])*1000 < e.minLen && (c.applies[0]|c.applies[1]|c.applies[2]|c.applies[3])&bit != 0 {
		return allowJoiner
	}
	return allowNone
}

// pkgRun is a run of adjacent sections as the package programme sees it.
type pkgRun struct {
	k      int
	lenM   []float64
	cost   []float64 // [s*k+j], Rp
	ben    []float64
	allow  []uint8
	exempt bool // the run is a whole ruas shorter than the minimum length
}

// pkgSpan is one package of an option: sections a..b (run positions) with treatment j.
type pkgSpan struct {
	a, b int32
	j    int8
}

// pkgOption is one plan for a run: its packages and their total cost and benefit.
type pkgOption struct {
	cost, benefit float64
	spans         []pkgSpan
}

type dpState struct {
	c, b float64
	prev int32 // index in the layer before the last package (or section)
	a    int32 // 1-based first section of the last package; 0: the section is untreated
	j    int8
}

// Bounds of the package programme: states kept per position and options
// offered to the year's knapsack per run.
const (
	pkgStates  = 96
	pkgOptions = 48
)

// packageFront returns the non-dominated plans (cost, benefit) of a run
// under the package rules, by dynamic programming over the position of
// the last package boundary: F[p] = F[p−1] (section p untreated) ∪
// F[a−1] + package a..p with treatment j, for every valid package. Exact
// while each layer has at most maxStates states; beyond, the layer keeps
// its upper hull and evenly spread states. Plans costing more than
// budget are left out. The (0, 0) plan is not returned.
func packageFront(r *pkgRun, minLen, minVal, budget float64, maxStates, maxOpts int) []pkgOption {
	return packageFrontWith(r, minLen, minVal, budget, maxStates, maxOpts, &pkgScratch{})
}

// pkgScratch holds packageFront's working lists, reused from run to run.
type pkgScratch struct {
	cands, arena []dpState
	start        []int // layer p is arena[start[p]:start[p+1]]
	// spans and opts back the options returned, for a whole year
	// (choosePackages empties them when it starts).
	spans  []pkgSpan
	opts   []pkgOption
	runs   []pkgRunAt
	fronts [][]pkgOption
}

// pkgRunAt is a run's first and last section.
type pkgRunAt struct{ first, last int }

func packageFrontWith(r *pkgRun, minLen, minVal, budget float64, maxStates, maxOpts int, w *pkgScratch) []pkgOption {
	m, k := len(r.lenM), r.k
	w.arena = append(w.arena[:0], dpState{})
	w.start = append(w.start[:0], 0, 1)
	layer := func(p int) []dpState { return w.arena[w.start[p]:w.start[p+1]] }
	cands := w.cands[:0]
	for p := 1; p <= m; p++ {
		cands = cands[:0]
		for x, s := range layer(p - 1) {
			cands = append(cands, dpState{c: s.c, b: s.b, prev: int32(x)})
		}
		for j := 0; j < k; j++ {
			var L, C, B float64
			anchor := false
			for a := p; a >= 1; a-- {
				x := (a-1)*k + j
				al := r.allow[x]
				if al == allowNone {
					break
				}
				L += r.lenM[a-1]
				C += r.cost[x]
				B += r.ben[x]
				if C > budget {
					break
				}
				if al == allowClass {
					anchor = true
				}
				if !anchor || !(L >= minLen-0.01 || r.exempt && a == 1 && p == m) || C < minVal || !(B > 0) {
					continue
				}
				for y, s := range layer(a - 1) {
					if s.c+C > budget {
						break
					}
					cands = append(cands, dpState{c: s.c + C, b: s.b + B, prev: int32(y), a: int32(a), j: int8(j)})
				}
			}
		}
		slices.SortFunc(cands, func(u, v dpState) int {
			if c := cmp.Compare(u.c, v.c); c != 0 {
				return c
			}
			return cmp.Compare(v.b, u.b)
		})
		// Keep the non-dominated states in place, then thin them.
		front := cands[:0]
		best := math.Inf(-1)
		for _, s := range cands {
			if s.b > best {
				front = append(front, s)
				best = s.b
			}
		}
		w.arena = append(w.arena, thinStates(front, maxStates)...)
		w.start = append(w.start, len(w.arena))
	}
	w.cands = cands
	last := thinStates(layer(m), maxOpts+1)
	first := len(w.opts)
	for x := range last {
		if last[x].c <= 0 {
			continue
		}
		o := pkgOption{cost: last[x].c, benefit: last[x].b}
		// The way back through the layers.
		s, p := last[x], m
		from := len(w.spans)
		for p > 0 {
			if s.a == 0 {
				s = layer(p - 1)[s.prev]
				p--
				continue
			}
			w.spans = append(w.spans, pkgSpan{a: s.a - 1, b: int32(p - 1), j: s.j})
			p = int(s.a) - 1
			s = layer(p)[s.prev]
		}
		o.spans = w.spans[from:len(w.spans):len(w.spans)]
		w.opts = append(w.opts, o)
	}
	return w.opts[first:len(w.opts):len(w.opts)]
}

// thinStates keeps at most max states of a cost-sorted non-dominated list:
// the cheapest and the best, the upper concave hull (evenly subsampled to
// half the room) and states evenly spread by position for the rest.
func thinStates(s []dpState, max int) []dpState {
	if len(s) <= max {
		return s
	}
	keep := make([]bool, len(s))
	keep[0], keep[len(s)-1] = true, true
	var hull []int
	for x := range s {
		for len(hull) >= 2 {
			a, b := s[hull[len(hull)-2]], s[hull[len(hull)-1]]
			if (b.b-a.b)*(s[x].c-a.c) <= (s[x].b-a.b)*(b.c-a.c) {
				hull = hull[:len(hull)-1]
				continue
			}
			break
		}
		hull = append(hull, x)
	}
	half := max / 2
	for q := 0; q < half && q < len(hull); q++ {
		keep[hull[q*len(hull)/min(half, len(hull))]] = true
	}
	count := 0
	for _, k := range keep {
		if k {
			count++
		}
	}
	for q := 0; count < max && q < max; q++ {
		x := q * (len(s) - 1) / (max - 1)
		if !keep[x] {
			keep[x] = true
			count++
		}
	}
	out := make([]dpState, 0, max)
	for x := range s {
		if keep[x] {
			out = append(out, s[x])
		}
	}
	return out
}

// solvePackages chooses among the runs' options with the year's knapsack
// (choices.greedy: incremental benefit/cost with an exact core) and
// returns the option taken of each run (-1 none).
// scratch, when not nil, is reused (its state lists especially).
func solvePackages(fronts [][]pkgOption, budget float64, scratch *choices) []int8 {
	k := 1
	for _, f := range fronts {
		k = max(k, len(f))
	}
	ch := scratch
	if ch == nil {
		ch = newChoices(len(fronts), k)
	} else {
		n := len(fronts)
		ch.n, ch.k = n, k
		ch.cost = slices.Grow(ch.cost[:0], n*k)[:n*k]
		ch.benefit = slices.Grow(ch.benefit[:0], n*k)[:n*k]
		ch.pick = slices.Grow(ch.pick[:0], n)[:n]
		clear(ch.cost)
		clear(ch.benefit)
	}
	for r, f := range fronts {
		for o, opt := range f {
			ch.cost[r*k+o], ch.benefit[r*k+o] = opt.cost, opt.benefit
		}
	}
	_, _, ch.incs = ch.greedy(budget, ch.incs)
	return ch.pick
}

// choosePackages is the optimal method's year: every run of adjacent
// sections available this year gets its package plans, the knapsack
// chooses among them, and each section in a chosen package gets its
// treatment (score: its package's benefit per Rp million).
func choosePackages(e *engine, st *state, y *yearCtx, budget float64) {
	ch := y.ch
	k := ch.k
	if len(y.allow) != ch.n*k {
		y.allow = make([]uint8, ch.n*k)
	}
	avail := func(i int) bool { return !y.busy[i] }
	for i := 0; i < ch.n; i++ {
		ch.pick[i] = -1
		row := ch.cost[i*k : (i+1)*k]
		clear(row)
		al := y.allow[i*k : (i+1)*k]
		clear(al)
		if !avail(i) {
			continue
		}
		s := st.surf[i]
		var dn curveSum
		have := false
		for j := range e.tr {
			a := e.allowance(i, j, y.cls[i], s)
			if a == allowNone {
				continue
			}
			if !have {
				dn = e.curve(e.modelOf(st, i), st.iri[i], st.sdi[i], 1, e.sec.basis[i]&(basisIRI|basisSDI))
				have = true
			}
			al[j] = a
			ch.cost[i*k+j] = e.cost(j, i, s, y.year)
			ch.benefit[i*k+j] = e.benefit(st, i, j, dn)
		}
	}
	runs, fronts := y.pscr.runs[:0], y.pscr.fronts[:0]
	y.pscr.spans, y.pscr.opts = y.pscr.spans[:0], y.pscr.opts[:0]
	var pr pkgRun
	pr.k = k
	for i := 0; i < ch.n; {
		if !avail(i) || !slices.ContainsFunc(y.allow[i*k:(i+1)*k], func(a uint8) bool { return a != allowNone }) {
			i++
			continue
		}
		j := i
		for j+1 < ch.n && e.next[j] && avail(j+1) && slices.ContainsFunc(y.allow[(j+1)*k:(j+2)*k], func(a uint8) bool { return a != allowNone }) {
			j++
		}
		m := j - i + 1
		pr.lenM = pr.lenM[:0]
		for x := i; x <= j; x++ {
			pr.lenM = append(pr.lenM, float64(e.sec.lenKm[x])*1000)
		}
		pr.cost, pr.ben, pr.allow = ch.cost[i*k:(j+1)*k], ch.benefit[i*k:(j+1)*k], y.allow[i*k:(j+1)*k]
		pr.exempt = int32(i) == e.chainFirst[i] && int32(j) == e.chainLast[i] && e.shortRuas[i]
		_ = m
		if f := packageFrontWith(&pr, e.minLen, e.minVal, budget, pkgStates, pkgOptions, &y.pscr); len(f) > 0 {
			runs = append(runs, pkgRunAt{i, j})
			fronts = append(fronts, f)
		}
		i = j + 1
	}
	y.pscr.runs, y.pscr.fronts = runs, fronts
	if y.pch == nil {
		y.pch = &choices{}
	}
	pick := solvePackages(fronts, budget, y.pch)
	y.order = y.order[:0]
	for r, o := range pick {
		if o < 0 {
			continue
		}
		for _, sp := range fronts[r][o].spans {
			var c, b float64
			for x := runs[r].first + int(sp.a); x <= runs[r].first+int(sp.b); x++ {
				c += ch.cost[x*k+int(sp.j)]
				b += ch.benefit[x*k+int(sp.j)]
			}
			for x := runs[r].first + int(sp.a); x <= runs[r].first+int(sp.b); x++ {
				ch.pick[x] = sp.j
				y.score[x] = b / (c / 1e6)
				y.order = append(y.order, int32(x))
			}
		}
	}
	sortByScore(y.order, y.score)
}
