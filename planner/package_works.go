package planner

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/kotablitar/ruas/roads"
)

// packageID names a package: year, R for routine care or P, and a number.
func packageID(year int, routine bool, n int) string {
	if routine {
		return fmt.Sprintf("%d-R%03d", year, n)
	}
	return fmt.Sprintf("%d-P%03d", year, n)
}

// packageWorks turns a year's jobs into Work rows, one per package:
// routine care one row per ruas, recorded works one per register entry,
// forced works one per input, capital works one per run of adjacent
// sections with one treatment, ranked by their best section's rank.
func (e *engine) packageWorks(year int, jobs []job) []Work {
	ss := &e.sec
	var groups [][]int // indices into jobs
	var capital []int
	key := map[string]int{}
	for x := range jobs {
		jb := &jobs[x]
		var k string
		switch jb.kind {
		case jobRoutine:
			k = fmt.Sprintf("r%d", e.chainFirst[jb.sec])
			if ss.ruas[jb.sec] >= 0 {
				k = fmt.Sprintf("r/%d", ss.ruas[jb.sec])
			}
		case jobRecorded:
			k = fmt.Sprintf("w%p", jb.w)
		case jobForced:
			k = fmt.Sprintf("f%d", jb.fidx)
		default:
			capital = append(capital, x)
			continue
		}
		g, ok := key[k]
		if !ok {
			g = len(groups)
			key[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], x)
	}
	slices.SortFunc(capital, func(a, b int) int { return int(jobs[a].sec - jobs[b].sec) })
	var pk [][]int
	for _, x := range capital {
		if l := len(pk); l > 0 {
			last := &jobs[pk[l-1][len(pk[l-1])-1]]
			if last.treat == jobs[x].treat && last.sec+1 == jobs[x].sec && e.next[last.sec] {
				pk[l-1] = append(pk[l-1], x)
				continue
			}
		}
		pk = append(pk, []int{x})
	}
	minRank := func(g []int) int32 {
		r := int32(math.MaxInt32)
		for _, x := range g {
			if !jobs[x].joined {
				r = min(r, jobs[x].rank)
			}
		}
		return r
	}
	slices.SortStableFunc(pk, func(a, b []int) int { return cmp.Compare(minRank(a), minRank(b)) })
	out := make([]Work, 0, len(groups)+len(pk))
	nr, np := 0, 0
	for _, g := range groups {
		slices.SortFunc(g, func(a, b int) int { return int(jobs[a].sec - jobs[b].sec) })
		var id string
		if jobs[g[0]].kind == jobRoutine {
			nr++
			id = packageID(year, true, nr)
		} else {
			np++
			id = packageID(year, false, np)
		}
		out = append(out, e.packageWork(year, jobs, g, id, 0))
	}
	for r, g := range pk {
		np++
		out = append(out, e.packageWork(year, jobs, g, packageID(year, false, np), r+1))
	}
	return out
}

// packageWork is the Work row of one package (jobs g, sorted by section):
// the evidence of its longest section, its extent, sums and rank.
func (e *engine) packageWork(year int, jobs []job, g []int, id string, rank int) Work {
	ss := &e.sec
	// The evidence is that of the longest section, or for the method's
	// works that of its best-ranked own choice (whose score ranks the package).
	anchor := g[0]
	better := func(x int) bool {
		a, b := &jobs[x], &jobs[anchor]
		if a.kind == jobCapital {
			if a.joined != b.joined {
				return !a.joined
			}
			return a.rank < b.rank
		}
		return ss.lenKm[a.sec] > ss.lenKm[b.sec]
	}
	var km, area, cost, ben, iriKm float64
	for _, x := range g {
		i := jobs[x].sec
		if better(x) {
			anchor = x
		}
		km += float64(ss.lenKm[i])
		area += float64(ss.areaM2[i])
		cost += jobs[x].cost
		ben += jobs[x].benefit
		iriKm += float64(jobs[x].iri) * float64(ss.lenKm[i])
	}
	jb := jobs[anchor]
	jb.rank = int32(rank)
	wk := e.work(year, &jb)
	first, last := int(jobs[g[0]].sec), int(jobs[g[len(g)-1]].sec)
	wk.StaFromM, wk.StaToM = round(float64(ss.staFrom[first]), 1), round(float64(ss.staTo[last]), 1)
	wk.LengthKm, wk.AreaM2, wk.CostRp, wk.Benefit = round(km, 4), round(area, 1), math.Round(cost), round(ben, 3)
	wk.Section = fmt.Sprintf("%s %s–%s", wk.RuasKey, roads.FormatSTA(wk.StaFromM), roads.FormatSTA(wk.StaToM))
	wk.Package, wk.Sections = id, len(g)
	if km > 0 {
		wk.Evidence.IRI = round(iriKm/km, 2)
	}
	switch jb.kind {
	case jobRoutine:
		wk.Routine = true
		wk.Justification = e.justifyRoutine(&wk)
	case jobForced:
		f := e.in.Forced[jb.fidx]
		wk.Forced, wk.ForcedKind, wk.ForcedReason = true, f.Kind, f.Reason
		wk.Justification = e.justifyForced(&wk)
	default:
		wk.Justification = e.justify(&wk, jb.w)
		e.economicEvidence(&jb, &wk) // economic method: RoADS evidence (economic.go)
	}
	return wk
}
