package planner

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// method is a ranking method: how one year's works are chosen among the
// sections not already treated by recorded works, within the budget left.
// Methods are a table (name → method) so that another, e.g. an economic
// NPV/cost ranking from planner/cba, is added in its own file with
// registerMethod.
type method struct {
	info MethodInfo
	// choose sets y.ch.pick (treatment per section, -1 none), y.score (the
	// method's priority of each picked job) and y.order (funding order).
	choose func(e *engine, st *state, y *yearCtx, budget float64)
	// packaged: choose already gives packages (else they are repaired).
	packaged bool
}

var methods = map[string]*method{}

func registerMethod(m *method) { methods[m.info.Name] = m }

func methodNames() string {
	var ns []string
	for n := range methods {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return strings.Join(ns, ", ")
}

// Methods describes the ranking methods, by name.
func Methods() []MethodInfo {
	var out []MethodInfo
	for _, m := range methods {
		out = append(out, m.info)
	}
	slices.SortFunc(out, func(a, b MethodInfo) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// Default method.
const DefaultMethod = "optimal"

func init() {
	registerMethod(&method{info: MethodInfo{Name: "optimal", Label: "Optimasi manfaat/biaya (knapsack pilihan ganda)", Budgeted: true,
		Source: "multiple-choice knapsack by incremental benefit/cost (Sinha & Zoltners 1979) with an exact core (Pisinger 1995); benefit as in the treatment catalogue"},
		choose: choosePackages, packaged: true})
	registerMethod(&method{info: MethodInfo{Name: "worst-first", Label: "Terburuk lebih dahulu", Budgeted: false,
		Source: "common practice: sections in order of condition class then IRI, worst first, each with its class-matrix treatment (DOMAIN.md §3.3), funded in that order while the budget lasts"},
		choose: chooseByScore(scoreWorstFirst)})
	registerMethod(&method{info: MethodInfo{Name: "bina-marga", Label: "Urutan prioritas Bina Marga (UP = 17 − (kelas LHR + nilai kondisi))", Budgeted: false,
		Source: "Bina Marga, Tata Cara Penyusunan Program Pemeliharaan Jalan Kota No. 018/T/BNKT/1990 (priority table)"},
		choose: chooseByScore(scoreBinaMarga)})
	registerMethod(&method{info: MethodInfo{Name: "ahp", Label: "Multi-kriteria dengan bobot AHP", Budgeted: false,
		Source: "Saaty (1980) Analytic Hierarchy Process: weights from the principal eigenvector of the pairwise matrix in the priority table, CR ≤ 0.10"},
		choose: chooseAHP})
}

// yearCtx is one year's working data of a simulation.
type yearCtx struct {
	year  int
	cls   []uint8 // class before works
	busy  []bool  // treated this year by recorded works
	ch    *choices
	score []float64
	order []int32
	allow []uint8     // [i*k+j]: allowance of treatment j on section i (packages.go)
	spare []spareCand // candidates a score method could not fund, in its order
	// joined marks sections added to a package only to make it long or
	// large enough (repairPackages): not the method's own choice.
	joined []bool
	pch    *choices // the package knapsack, reused from year to year
	pscr   pkgScratch
}

// sortByScore orders sections by descending score, ties by section index.
func sortByScore(ids []int32, score []float64) {
	slices.SortFunc(ids, func(a, b int32) int {
		switch sa, sb := score[a], score[b]; {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return int(a - b)
	})
}

// scorer gives one section its single candidate treatment and priority
// (higher first); ok false leaves the section out this year.
type scorer func(e *engine, st *state, y *yearCtx, i int) (j int, score float64, ok bool)

// chooseByScore funds sections in descending score, each with its one
// treatment, skipping those that no longer fit the budget.
func chooseByScore(f scorer) func(e *engine, st *state, y *yearCtx, budget float64) {
	return func(e *engine, st *state, y *yearCtx, budget float64) {
		ch := y.ch
		k := ch.k
		cand := y.order[:0]
		for i := 0; i < ch.n; i++ {
			ch.pick[i] = -1
			clear(ch.cost[i*k : (i+1)*k])
			if y.busy[i] {
				continue
			}
			j, sc, ok := f(e, st, y, i)
			if !ok || j < 0 || e.tr[j].perKm {
				continue
			}
			s := st.surf[i]
			dn := e.curve(e.modelOf(st, i), st.iri[i], st.sdi[i], 1, e.sec.basis[i]&(basisIRI|basisSDI))
			ch.cost[i*k+j] = e.cost(j, i, s, y.year)
			ch.benefit[i*k+j] = e.benefit(st, i, j, dn)
			ch.pick[i] = int8(j) // candidate, confirmed below
			y.score[i] = sc
			cand = append(cand, int32(i))
		}
		fund(y, cand, budget)
	}
}

// fund takes candidates (each with its one option in y.ch.pick) in
// descending score and funds those that still fit the budget.
func fund(y *yearCtx, cand []int32, budget float64) {
	ch := y.ch
	sortByScore(cand, y.score)
	left := budget
	funded := cand[:0]
	y.spare = y.spare[:0]
	for _, i := range cand {
		x := int(i)*ch.k + int(ch.pick[i])
		if c := ch.cost[x]; c <= left {
			left -= c
			funded = append(funded, i)
		} else {
			y.spare = append(y.spare, spareCand{sec: i, j: ch.pick[i], score: y.score[i]})
			ch.pick[i] = -1
		}
	}
	y.order = funded
}

// scoreWorstFirst: class first (Rusak Berat highest), then IRI.
func scoreWorstFirst(e *engine, st *state, y *yearCtx, i int) (int, float64, bool) {
	j := e.standard(y.cls[i], st.surf[i])
	return j, float64(y.cls[i])*100 + float64(st.iri[i]), true
}

// UP returns the Bina Marga urutan prioritas of a section: 17 − (kelas LHR
// + nilai kondisi jalan), with the condition value from IRI through the
// table's documented conversion.
func (p *Priority) UP(lhr, iri float64) (up, lhrClass, condValue int) {
	lhrClass = stepOf(p.LHRClass, lhr).Class
	condValue = stepOf(p.FromIRI, iri).Value
	return 17 - (lhrClass + condValue), lhrClass, condValue
}

// programme is the works type the guideline assigns to a UP value.
func (p *Priority) programme(up int) roads.WorksType {
	for _, b := range p.Programme {
		if b.UPMax == nil || up <= *b.UPMax {
			return b.Works
		}
	}
	return roads.Rutin
}

// scoreBinaMarga ranks by UP ascending (score = −UP, ties by IRI) and
// takes the guideline's programme type where it applies to the section.
func scoreBinaMarga(e *engine, st *state, y *yearCtx, i int) (int, float64, bool) {
	up, _, _ := e.pri.UP(float64(e.sec.lhr[i]), float64(st.iri[i]))
	k, s := y.cls[i], st.surf[i]
	j := e.standard(k, s)
	if w := e.pri.programme(up); w != roads.Peningkatan {
		for jj, c := range e.tr {
			if c.t.WorksType == w && c.applies[k]&(1<<s) != 0 {
				j = jj
				break
			}
		}
	}
	return j, -float64(up) + float64(st.iri[i])/100, true
}

var ahpCriteria = []string{"kondisi", "lalu_lintas", "fungsi", "biaya_efektif"}

func knownCriterion(c string) bool { return slices.Contains(ahpCriteria, c) }

// chooseAHP scores each section by the AHP-weighted sum of its criteria,
// each scaled to 0–1 by its largest value among this year's candidates:
// kondisi = class rank + min(IRI/16, 1); lalu_lintas = ln(1+LHR); fungsi
// from the priority table; biaya_efektif = benefit per Rp of the section's
// class-matrix treatment. The treatment is the class-matrix one.
func chooseAHP(e *engine, st *state, y *yearCtx, budget float64) {
	ch := y.ch
	k := ch.k
	nc := len(e.ahp.Criteria)
	raw := make([]float64, 0, ch.n*nc)
	cand := y.order[:0]
	maxes := make([]float64, nc)
	for i := 0; i < ch.n; i++ {
		ch.pick[i] = -1
		clear(ch.cost[i*k : (i+1)*k])
		if y.busy[i] {
			continue
		}
		kk, s := y.cls[i], st.surf[i]
		j := e.standard(kk, s)
		if j < 0 || e.tr[j].perKm {
			continue
		}
		dn := e.curve(e.modelOf(st, i), st.iri[i], st.sdi[i], 1, e.sec.basis[i]&(basisIRI|basisSDI))
		x := i*k + j
		ch.cost[x] = e.cost(j, i, s, y.year)
		ch.benefit[x] = e.benefit(st, i, j, dn)
		ch.pick[i] = int8(j)
		for ci, c := range e.ahp.Criteria {
			var v float64
			switch c {
			case "kondisi":
				v = float64(kk) + math.Min(float64(st.iri[i])/16, 1)
			case "lalu_lintas":
				v = math.Log1p(float64(e.sec.lhr[i]))
			case "fungsi":
				if e.net != nil && e.sec.ruas[i] >= 0 {
					v = e.pri.AHP.FungsiScore[e.net.Ruas[e.sec.ruas[i]].Fungsi]
				}
			case "biaya_efektif":
				v = math.Max(ch.benefit[x]/ch.cost[x], 0)
			}
			raw = append(raw, v)
			maxes[ci] = math.Max(maxes[ci], v)
		}
		cand = append(cand, int32(i))
	}
	for ci := range cand {
		i := cand[ci]
		var sc float64
		for c := 0; c < nc; c++ {
			if maxes[c] > 0 {
				sc += e.ahp.Weights[c] * raw[ci*nc+c] / maxes[c]
			}
		}
		y.score[i] = sc
	}
	fund(y, cand, budget)
}
