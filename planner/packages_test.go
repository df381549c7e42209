package planner

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomRun makes a run of m sections shaped like a ruas: lengths 20–400
// m (so some are below the 100 m minimum), k treatments with whole-unit
// costs rising with length, benefits loosely tied to cost, each treatment
// meant for some sections (class) and, on short sections, sometimes
// allowed as a joiner only.
func randomRun(r *rand.Rand, m, k int) *pkgRun {
	run := &pkgRun{k: k}
	for s := 0; s < m; s++ {
		l := float64(20 + r.IntN(381))
		run.lenM = append(run.lenM, l)
		for j := 0; j < k; j++ {
			al := allowNone
			switch x := r.Float64(); {
			case x < 0.55:
				al = allowClass
			case x < 0.8 && l < 100:
				al = allowJoiner
			}
			var c, b float64
			if al != allowNone {
				c = math.Max(1, math.Round(l/40*float64(1+2*j)*(0.7+0.6*r.Float64())))
				b = c * (0.2 + r.Float64()*1.6)
				if r.IntN(15) == 0 {
					b = -b / 4 // a treatment that harms (e.g. an overlay too early)
				}
			}
			run.allow = append(run.allow, al)
			run.cost = append(run.cost, c)
			run.ben = append(run.ben, b)
		}
	}
	var L float64
	for _, l := range run.lenM {
		L += l
	}
	run.exempt = L < 100 && r.IntN(2) == 0
	return run
}

// bruteFront enumerates every assignment of a treatment or none to each
// section, keeps those whose maximal same-treatment stretches obey the
// package rules (all sections allowed, one meant for it, length or whole
// exempt run, value), and returns the non-dominated (cost, benefit) plans
// other than (0, 0), cost-sorted.
func bruteFront(run *pkgRun, minLen, minVal float64) [][2]float64 {
	m, k := len(run.lenM), run.k
	as := make([]int, m)
	var pts [][2]float64
	for {
		ok := true
		var C, B float64
		for a := 0; a < m && ok; {
			if as[a] == 0 {
				a++
				continue
			}
			j := as[a] - 1
			b := a
			for b+1 < m && as[b+1] == as[a] {
				b++
			}
			var L, c, bb float64
			anchor := false
			for s := a; s <= b; s++ {
				x := s*k + j
				if run.allow[x] == allowNone {
					ok = false
				}
				anchor = anchor || run.allow[x] == allowClass
				L += run.lenM[s]
				c += run.cost[x]
				bb += run.ben[x]
			}
			if !anchor || !(L >= minLen || run.exempt && a == 0 && b == m-1) || c < minVal {
				ok = false
			}
			C += c
			B += bb
			a = b + 1
		}
		if ok && C > 0 {
			pts = append(pts, [2]float64{C, B})
		}
		x := 0
		for x < m {
			as[x]++
			if as[x] <= k {
				break
			}
			as[x] = 0
			x++
		}
		if x == m {
			break
		}
	}
	return paretoPts(pts)
}

func paretoPts(pts [][2]float64) [][2]float64 {
	slices.SortFunc(pts, func(a, b [2]float64) int {
		if a[0] != b[0] {
			return int(math.Copysign(1, a[0]-b[0]))
		}
		return int(math.Copysign(1, b[1]-a[1]))
	})
	var out [][2]float64
	best := 0.0 // (0, 0), doing nothing, dominates plans with no benefit
	for _, p := range pts {
		if p[1] > best+1e-9 {
			out = append(out, p)
			best = p[1]
		}
	}
	return out
}

// exactMCKP is the best total benefit choosing at most one plan per run
// within a whole-unit budget: a dynamic programme over the budget.
func exactMCKP(fronts [][][2]float64, budget int) float64 {
	best := make([]float64, budget+1)
	for _, f := range fronts {
		nb := slices.Clone(best)
		for _, p := range f {
			w := int(math.Round(p[0]))
			for b := budget; b >= w; b-- {
				nb[b] = math.Max(nb[b], best[b-w]+p[1])
			}
		}
		best = nb
	}
	return best[budget]
}

// checkSpans re-checks an option's packages with the rules and returns
// its cost and benefit recomputed from the sections.
func checkSpans(t *testing.T, run *pkgRun, o pkgOption, minLen, minVal float64) (float64, float64) {
	t.Helper()
	k := run.k
	used := make([]bool, len(run.lenM))
	var C, B float64
	for _, sp := range o.spans {
		var L, c, b float64
		anchor := false
		for s := sp.a; s <= sp.b; s++ {
			if used[s] {
				t.Fatalf("section %d in two packages", s)
			}
			used[s] = true
			x := int(s)*k + int(sp.j)
			if run.allow[x] == allowNone {
				t.Fatalf("package %v: treatment %d not allowed on section %d", sp, sp.j, s)
			}
			anchor = anchor || run.allow[x] == allowClass
			L += run.lenM[s]
			c += run.cost[x]
			b += run.ben[x]
		}
		if !anchor || !(L >= minLen || run.exempt && sp.a == 0 && int(sp.b) == len(run.lenM)-1) || c < minVal {
			t.Fatalf("package %v breaks the rules: %.0f m, cost %g, anchored %v", sp, L, c, anchor)
		}
		C += c
		B += b
	}
	if math.Abs(C-o.cost) > 1e-6 || math.Abs(B-o.benefit) > 1e-6 {
		t.Fatalf("option says cost %g benefit %g, its packages add up to %g and %g", o.cost, o.benefit, C, B)
	}
	return C, B
}

// TestPackageFrontMatchesBruteForce: with room for every state, the
// package DP's plans are exactly the non-dominated plans found by trying
// every assignment.
func TestPackageFrontMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2027))
	const minLen, minVal = 100, 6
	for trial := 0; trial < 400; trial++ {
		run := randomRun(r, 1+r.IntN(6), 1+r.IntN(4))
		want := bruteFront(run, minLen, minVal)
		got := packageFront(run, minLen, minVal, math.Inf(1), 1<<20, 1<<20)
		var pts [][2]float64
		for _, o := range got {
			checkSpans(t, run, o, minLen, minVal)
			pts = append(pts, [2]float64{o.cost, o.benefit})
		}
		pts = paretoPts(pts)
		if len(pts) != len(want) {
			t.Fatalf("trial %d (%d sections): DP front %v, brute force %v", trial, len(run.lenM), pts, want)
		}
		for x := range pts {
			if math.Abs(pts[x][0]-want[x][0]) > 1e-9 || math.Abs(pts[x][1]-want[x][1]) > 1e-9 {
				t.Fatalf("trial %d: DP front %v, brute force %v", trial, pts, want)
			}
		}
	}
}

// TestPackagesNearExact is TestGreedyNearExact at package level: random
// networks of runs (1–14 sections each, up to 60 runs), the programme as
// the planner solves it (package DP with its state bounds, then the
// knapsack's incremental method with an exact core) against the exact
// optimum (the package DP without bounds, shown exact above, and a
// dynamic programme over the budget across runs).
func TestPackagesNearExact(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2026))
	const minLen, minVal = 100, 6
	worst := 0.0
	for trial := 0; trial < 200; trial++ {
		nr := 3 + r.IntN(20)
		if trial%2 == 1 {
			nr = 30 + r.IntN(30)
		}
		var runs []*pkgRun
		var total float64
		for x := 0; x < nr; x++ {
			run := randomRun(r, 1+r.IntN(14), 2+r.IntN(3))
			runs = append(runs, run)
			for _, c := range run.cost {
				total += c
			}
		}
		budget := math.Floor(total / 3 * (0.1 + r.Float64()))
		var exact [][][2]float64
		var fronts [][]pkgOption
		for _, run := range runs {
			var pts [][2]float64
			for _, o := range packageFront(run, minLen, minVal, budget, 1<<20, 1<<20) {
				pts = append(pts, [2]float64{o.cost, o.benefit})
			}
			exact = append(exact, paretoPts(pts))
			fronts = append(fronts, packageFront(run, minLen, minVal, budget, pkgStates, pkgOptions))
		}
		opt := exactMCKP(exact, int(budget))
		pick := solvePackages(fronts, budget, nil)
		var cost, got float64
		for x, o := range pick {
			if o >= 0 {
				c, b := checkSpans(t, runs[x], fronts[x][o], minLen, minVal)
				cost += c
				got += b
			}
		}
		if cost > budget+1e-9 {
			t.Fatalf("trial %d: spent %g over the budget %g", trial, cost, budget)
		}
		if got > opt+1e-6 {
			t.Fatalf("trial %d: programme %g beats the exact optimum %g: the exact solver is wrong", trial, got, opt)
		}
		if opt <= 0 {
			continue
		}
		gap := (opt - got) / opt
		worst = math.Max(worst, gap)
		if gap > 0.01 {
			t.Errorf("trial %d (%d runs, budget %g): programme %g is %.2f%% below the optimum %g", trial, nr, budget, got, gap*100, opt)
		}
	}
	t.Logf("worst gap over 200 package-level instances: %.4f%%", worst*100)
}

// TestDemoRoutineAndPackages: on the demo city at Rp 15 miliar a year,
// with the optimiser and with worst-first, (1) routine care covers every
// km mantap at the end of the year before, every year (counted here from
// the sections at the plan's start and from each year's end condition),
// at the catalogue's unit cost by surface, and the budget covers it; (2)
// no capital work is shorter than the minimum unless its whole ruas is,
// none costs less than the minimum package, and works add up to the
// year's spending.
func TestDemoRoutineAndPackages(t *testing.T) {
	net := demoNetwork(t)
	cat, err := Treatments("")
	if err != nil {
		t.Fatal(err)
	}
	_, rt := cat.treatment("rutin")
	_, esc := usulanShares(t)
	ruasLen := map[string]float64{}
	for _, r := range net.Ruas {
		ruasLen[r.Key.String()] = r.Length()
	}
	secs, err := Sections(net, Input{FromYear: 2027})
	if err != nil {
		t.Fatal(err)
	}
	var mantap0 float64
	for _, s := range secs {
		if s.Kondisi.Rank() <= 1 {
			mantap0 += s.LengthKm
		}
	}
	for _, method := range []string{"optimal", "worst-first"} {
		res, err := Run(net, Input{FromYear: 2027, Years: 5, BudgetsRp: []float64{15e9}, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if res.RoutineAssumption == nil || res.RoutineAssumption.Version == "" {
			t.Errorf("%s: the plan does not name its routine assumption: %+v", method, res.RoutineAssumption)
		}
		want := mantap0
		short := 0
		for _, y := range res.Plan {
			var rkm, rcost, wantCost, sum float64
			for _, w := range y.Works {
				sum += w.CostRp
				if w.Routine {
					rkm += w.LengthKm
					rcost += w.CostRp
					continue
				}
				if w.Committed || w.Forced {
					continue
				}
				if w.LengthKm*1000 < res.Input.MinLengthM-0.5 {
					short++
					if ruasLen[w.RuasKey] >= res.Input.MinLengthM {
						t.Errorf("%s %d: %s %s is %.0f m long on a ruas of %.0f m (minimum %.0f m)", method, y.Year, w.Treatment, w.Section, w.LengthKm*1000, ruasLen[w.RuasKey], res.Input.MinLengthM)
					}
				}
				if w.CostRp < res.Input.MinPackageRp {
					t.Errorf("%s %d: package %s %s costs %s, below the minimum %s", method, y.Year, w.Package, w.Section, FormatRp(w.CostRp), FormatRp(res.Input.MinPackageRp))
				}
			}
			for _, l := range y.Routine {
				// Unit costs at the table's price year, raised to the year's prices.
				wantCost += l.Km * rt.UnitCost(l.Surface) * math.Pow(1+esc/100, float64(y.Year-cat.PriceYear))
			}
			if math.Abs(rkm-want) > 0.01 || math.Abs(y.RoutineKm-want) > 0.01 {
				t.Errorf("%s %d: routine covers %.3f km (rows %.3f km), mantap at the end of %d: %.3f km", method, y.Year, y.RoutineKm, rkm, y.Year-1, want)
			}
			if math.Abs(rcost-y.RoutineRp) > float64(len(y.Works)) || math.Abs(wantCost-y.RoutineRp) > 1e3 || y.RoutineShortfallRp != 0 {
				t.Errorf("%s %d: routine rows %s, line %s, km × unit cost %s, shortfall %s", method, y.Year, FormatRp(rcost), FormatRp(y.RoutineRp), FormatRp(wantCost), FormatRp(y.RoutineShortfallRp))
			}
			// Contracts are honoured even over the budget (the demo's 2027).
			if math.Abs(sum+y.CompanionRp-y.SpentRp) > float64(len(y.Works)) || y.SpentRp > math.Max(y.BudgetRp, y.RoutineRp+y.CommittedRp+y.ForcedRp+y.CompanionRp) {
				t.Errorf("%s %d: works add up to %s, spent %s, budget %s", method, y.Year, FormatRp(sum), FormatRp(y.SpentRp), FormatRp(y.BudgetRp))
			}
			want = y.Km.Baik + y.Km.Sedang
		}
		t.Logf("%s: kemantapan %.2f %% in %d; %d works below the minimum length (whole short ruas)", method, res.Plan[4].Kemantapan, res.Plan[4].Year, short)
	}
}

// TestEveryMethodMakesPackages: with a 250 m minimum and a Rp 150 juta
// minimum package on generated registers, every method's works obey the
// package rules (or cover a whole shorter ruas), stay within the budget,
// and a method whose choice was repaired reports what it dropped.
func TestEveryMethodMakesPackages(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		net := genNetwork(t, seed, 40, []int{2022, 2024}, 0.08)
		ruasLen := map[string]float64{}
		for _, r := range net.Ruas {
			ruasLen[r.Key.String()] = r.Length()
		}
		for _, m := range []string{"optimal", "worst-first", "bina-marga", "ahp", EconomicMethod} {
			res, err := Run(net, Input{FromYear: 2025, Years: 3, BudgetsRp: []float64{4e9}, Method: m, MinLengthM: 250, MinPackageRp: 150e6})
			if err != nil {
				t.Fatal(err)
			}
			losses := 0
			for _, y := range res.Plan {
				if y.SpentRp > y.BudgetRp {
					t.Errorf("seed %d %s %d: spent %s over %s", seed, m, y.Year, FormatRp(y.SpentRp), FormatRp(y.BudgetRp))
				}
				losses += y.RepairLoss.Sections
				for _, w := range y.Works {
					if w.Routine || w.Committed || w.Forced {
						continue
					}
					if w.LengthKm*1000 < 250-0.5 && ruasLen[w.RuasKey] >= 250 {
						t.Errorf("seed %d %s %d: %s %s is %.0f m", seed, m, y.Year, w.Treatment, w.Section, w.LengthKm*1000)
					}
					if w.CostRp < 150e6 {
						t.Errorf("seed %d %s %d: %s %s costs %s", seed, m, y.Year, w.Treatment, w.Section, FormatRp(w.CostRp))
					}
				}
			}
			if m == "optimal" && losses != 0 {
				t.Errorf("seed %d: the optimiser chooses packages, yet reports %d sections dropped", seed, losses)
			}
			t.Logf("seed %d %s: %d sections dropped by the package repair", seed, m, losses)
		}
	}
}

// TestRoutineShortfall: a budget below the routine cost of the mantap
// network funds routine care only, as far as it goes, and reports the
// shortfall (field and note); it is not an error.
func TestRoutineShortfall(t *testing.T) {
	net := genNetwork(t, 4, 40, []int{2022, 2024}, 0.08)
	secs, err := Sections(net, Input{FromYear: 2025})
	if err != nil {
		t.Fatal(err)
	}
	var mantap float64
	for _, s := range secs {
		if s.Kondisi.Rank() <= 1 {
			mantap += s.LengthKm
		}
	}
	need := mantap * 32e6 // catalogue: Rp 32 juta per km a year, every surface
	budget := math.Floor(need / 2)
	res, err := Run(net, Input{FromYear: 2025, Years: 1, BudgetsRp: []float64{budget}})
	if err != nil {
		t.Fatal(err)
	}
	y := res.Plan[0]
	if y.SpentRp > budget || y.RoutineRp != y.SpentRp || math.Abs(y.RoutineRp+y.RoutineShortfallRp-need) > 1e3 {
		t.Errorf("budget %s, routine need %s: spent %s, routine %s, shortfall %s", FormatRp(budget), FormatRp(need), FormatRp(y.SpentRp), FormatRp(y.RoutineRp), FormatRp(y.RoutineShortfallRp))
	}
	for _, w := range y.Works {
		if !w.Routine {
			t.Errorf("capital work %s %s funded below the routine cost", w.Treatment, w.Section)
		}
	}
	found := false
	for _, n := range res.Notes {
		found = found || strings.Contains(n, "di bawah biaya pemeliharaan rutin")
	}
	if !found {
		t.Errorf("no note on the routine shortfall: %v", res.Notes)
	}
}
