package planner

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/kotablitar/ruas/roads"
)

// DefaultYears is the default horizon: the Renstra period.
const DefaultYears = 5

// Normalize fills defaults and checks an Input (Check); Run calls it.
// Zero Years, Method, Nomenclature, MinLengthM and MinPackageRp take
// their defaults; budgets given as one value are repeated for every year.
func (in *Input) Normalize() error {
	if in.Years == 0 {
		in.Years = DefaultYears
	}
	if err := in.Check(); err != nil {
		return err
	}
	if len(in.BudgetsRp) == 1 {
		b := in.BudgetsRp[0]
		in.BudgetsRp = make([]float64, in.Years)
		for i := range in.BudgetsRp {
			in.BudgetsRp[i] = b
		}
	}
	if in.Method == "" {
		in.Method = DefaultMethod
	}
	if in.Nomenclature == "" {
		in.Nomenclature = "2024"
		if in.FromYear >= 2027 {
			in.Nomenclature = "2027"
		}
	}
	if in.MinLengthM == 0 {
		in.MinLengthM = DefaultMinLengthM
	}
	if in.MinPackageRp == 0 {
		in.MinPackageRp = DefaultMinPackageRp
	}
	return nil
}

// Run computes a plan for a network: the programme under in.BudgetsRp
// with in.Method, the do-nothing scenario, each extra budget scenario,
// and, if asked, the minimum annual budget that reaches the target.
func Run(net *roads.Network, in Input) (*Result, error) { return RunWithProgress(net, in, nil) }

// Progress is told, after each step of a run, how many steps are done of
// an estimated total and what was done; the CLI shows it on a terminal.
type Progress func(done, total int, step string)

// RunWithProgress is Run reporting its steps to progress (which may be nil).
func RunWithProgress(net *roads.Network, in Input, progress Progress) (*Result, error) {
	if net == nil {
		return nil, fmt.Errorf("%w: no network", ErrInvalid)
	}
	in.BudgetsRp = append([]float64(nil), in.BudgetsRp...)
	if err := in.Normalize(); err != nil {
		return nil, err
	}
	horizon := in.Years
	if in.Target != nil {
		horizon = max(horizon, in.Target.Year-in.FromYear+1)
	}
	ein := in
	ein.Years = horizon // so the works recorded up to the target year are loaded
	e, err := newEngine(net, &ein)
	if err != nil {
		return nil, err
	}
	in.Tables = ein.Tables
	e.in.Years = in.Years
	total := 2 + len(in.ScenariosRp)
	if in.Target != nil {
		total += 20 // a typical bisection
	}
	done := 0
	step := func(s string) {
		done++
		if progress != nil {
			progress(done, max(total, done), s)
		}
	}
	step(fmt.Sprintf("%d seksi dari %d ruas", e.sec.n, len(net.Ruas)))
	base := BreakdownScope(net, in.FromYear, in.Scope)
	res := &Result{Input: in, SnapshotHash: net.Hash, SectionRule: SectionRule, Sections: e.sec.n,
		Baseline: base, Models: e.cal.Params, Method: e.method.info, AHPWeights: e.ahp,
		Benefit: e.cat.Benefit.Definition, RoutineAssumption: e.routineAssumption(), Packages: PackageRule,
		Scope: in.Scope, OutOfScope: base.OutOfScope, UnsurveyedKm: round(base.UnsurveyedKm, 3), Skill: e.cal.Skill,
		Costing: &CostBasis{PriceYear: e.priceYear, EscalationPct: e.usulan.EscalationPct, Settings: e.usulan.Version,
			CompanionShare: round(e.capShare, 6), Rule: CostingRule}}
	if res.Scope == nil {
		res.Scope = []roads.Status{}
	}
	e.unsurveyedKm = base.UnsurveyedKm
	for i := 0; i < e.sec.n; i++ {
		res.NetworkKm += float64(e.sec.lenKm[i])
	}
	res.NetworkKm = round(res.NetworkKm, 3)
	res.Notes = append(res.Notes, e.handNotes()...)
	plan := e.simulate(in.BudgetsRp, false, true)
	step("program " + e.method.info.Name)
	for _, y := range plan {
		res.Plan = append(res.Plan, YearResult{Year: y.year, BudgetRp: y.budget, SpentRp: math.Round(y.spent), CommittedRp: math.Round(y.committed),
			Works: e.packageWorks(y.year, y.jobs), Km: roundKm(y.km), Kemantapan: round(y.km.Kemantapan(), 2), Backlog: roundBacklog(y.backlog),
			Routine: roundRoutine(y.routineBy), RoutineRp: math.Round(y.routineRp), RoutineKm: round(y.routineKm, 3),
			RoutineShortfallRp: math.Round(y.routineShort), ForcedRp: math.Round(y.forced),
			CompanionRp: math.Round(y.companion), PriceFactor: round(e.price(y.year), 6),
			RepairLoss:           RepairLoss{Sections: y.loss.Sections, Benefit: round(y.loss.Benefit, 3), CostRp: math.Round(y.loss.CostRp)},
			KemantapanNetworkPct: round(networkKemantapan(y.km, e.unsurveyedKm), 2), UnsurveyedKm: round(e.unsurveyedKm, 3)})
		if y.routineShort > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("Tahun %d: pagu %s di bawah biaya pemeliharaan rutin seluruh jalan mantap (%s); kurang %s, tidak ada pekerjaan modal.",
				y.year, FormatRp(y.budget), FormatRp(y.routineRp+y.routineShort), FormatRp(y.routineShort)))
		} else if y.spent > y.budget+0.5 {
			// Only routine care, recorded and forced works (with their
			// companion lines) are paid over the budget: capital packages
			// are chosen within what is left.
			res.Notes = append(res.Notes, fmt.Sprintf("Tahun %d: pemeliharaan rutin (%s), pekerjaan terkontrak (%s) dan wajib (%s) dengan perencanaan dan pengawasannya (%s) melebihi pagu (%s); tidak ada usulan baru.",
				y.year, FormatRp(y.routineRp), FormatRp(y.committed), FormatRp(y.forced), FormatRp(y.companion), FormatRp(y.budget)))
		}
		if y.loss.Sections > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("Tahun %d: %d seksi pilihan metode tidak dapat dijadikan paket (terlalu pendek atau terlalu kecil) dan ditunda: manfaat %s, biaya %s.",
				y.year, y.loss.Sections, FormatID(y.loss.Benefit, 1), FormatRp(y.loss.CostRp)))
		}
	}
	zeros := make([]float64, in.Years)
	res.DoNothing = scenarioOf("Tanpa penanganan", zeros, e.simulate(zeros, true, false), e.unsurveyedKm)
	step("tanpa penanganan")
	res.Scenarios = append(res.Scenarios, scenarioOf("Rencana", in.BudgetsRp, plan, e.unsurveyedKm))
	for _, b := range in.ScenariosRp {
		bs := constant(b, in.Years)
		res.Scenarios = append(res.Scenarios, scenarioOf(FormatRp(b)+"/tahun", bs, e.simulate(bs, false, false), e.unsurveyedKm))
		step("skenario " + FormatRp(b))
	}
	if in.Target != nil {
		res.MinBudget = e.minBudget(*in.Target, step)
	}
	if s := e.cal.Skipped; s.WithWorks+s.Unrecorded+s.Short > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("Kalibrasi: %d interval survei dengan pekerjaan di antaranya, %d terlalu pendek, %d dengan penurunan besar tanpa catatan pekerjaan tidak dipakai.",
			s.WithWorks, s.Short, s.Unrecorded))
	}
	if res.OutOfScope.Ruas > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d ruas (%s km) di luar kewenangan %v tetap di register tetapi tidak direncanakan atau dihitung.", res.OutOfScope.Ruas, FormatID(res.OutOfScope.Km, 2), in.Scope))
	}
	if res.Baseline.UnsurveyedKm >= 0.005 {
		res.Notes = append(res.Notes, fmt.Sprintf("%s km ruas belum pernah disurvei sampai %d dan tidak masuk rencana.", FormatID(res.Baseline.UnsurveyedKm, 2), in.FromYear))
	}
	return res, nil
}

func constant(b float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = b
	}
	return out
}

func scenarioOf(name string, budgets []float64, ys []simYear, unsurveyedKm float64) Scenario {
	s := Scenario{Name: name, BudgetsRp: budgets}
	for _, y := range ys {
		s.Years = append(s.Years, ScenarioYear{Year: y.year, SpentRp: math.Round(y.spent), Km: roundKm(y.km),
			Kemantapan: round(y.km.Kemantapan(), 2), Backlog: roundBacklog(y.backlog),
			KemantapanNetworkPct: round(networkKemantapan(y.km, unsurveyedKm), 2), RoutineRp: math.Round(y.routineRp), CompanionRp: math.Round(y.companion)})
	}
	return s
}

func roundRoutine(ls []RoutineLine) []RoutineLine {
	out := make([]RoutineLine, len(ls))
	for x, l := range ls {
		out[x] = RoutineLine{Surface: l.Surface, Km: round(l.Km, 3), UnitCostRp: l.UnitCostRp, CostRp: math.Round(l.CostRp)}
	}
	return out
}

func roundKm(c ClassKm) ClassKm {
	return ClassKm{Baik: round(c.Baik, 3), Sedang: round(c.Sedang, 3), RusakRingan: round(c.RusakRingan, 3), RusakBerat: round(c.RusakBerat, 3)}
}

func roundBacklog(b Backlog) Backlog {
	return Backlog{Sections: b.Sections, LengthKm: round(b.LengthKm, 3), CostRp: math.Round(b.CostRp)}
}

// kemantapanAt is the kemantapan (%) at the end of the target year under a
// constant annual budget.
func (e *engine) kemantapanAt(budget float64, years int) float64 {
	ys := e.simulate(constant(budget, years), false, false)
	return ys[years-1].km.Kemantapan()
}

// Minimum-budget search grain and verification window: the answer is a
// multiple of MinBudgetStepRp; it and the MinBudgetWindow steps above it
// all reach the target, and the step below does not.
const (
	MinBudgetStepRp = 1e6
	MinBudgetWindow = 10
	// minBudgetScan bounds the probes spent looking above the bisection's
	// answer for a budget whose window holds.
	minBudgetScan = 80
)

// minBudget finds the smallest constant annual budget (to Rp 1 juta) whose
// plan reaches t.Pct kemantapan at the end of t.Year. Kemantapan rises
// with the budget overall but not step by step: at the Rp 1 juta grain a
// little more money can change the package choice and end a tenth of a
// point lower. So bisection finds a budget that reaches the target with
// the step below falling short, and the answer is then verified: it and
// each of the MinBudgetWindow steps above it must reach the target too;
// where one does not, the search moves past it and verifies again. The
// probes, the step below and the verified window are reported.
func (e *engine) minBudget(t Target, step func(string)) *MinBudget {
	years := t.Year - e.in.FromYear + 1
	mb := &MinBudget{Target: t, StepRp: MinBudgetStepRp, Window: MinBudgetWindow}
	seen := map[float64]float64{}
	probe := func(b float64) float64 {
		if k, ok := seen[b]; ok {
			return k
		}
		k := e.kemantapanAt(b, years)
		seen[b] = k
		mb.Probes = append(mb.Probes, Probe{AnnualRp: b, Kemantapan: round(k, 3)})
		step(fmt.Sprintf("anggaran minimum: %s → %s %%", FormatRp(b), FormatID(k, 2)))
		return k
	}
	meets := func(k float64) bool { return k >= t.Pct-1e-9 }
	if k := probe(0); meets(k) {
		mb.Feasible, mb.Achieved = true, round(k, 2)
		mb.Note = "target tercapai tanpa anggaran pekerjaan baru"
		return mb
	}
	const g = MinBudgetStepRp
	// Start from the cost of giving every section its class-matrix
	// treatment once: enough in most networks, doubled if not.
	hi := math.Ceil(max(e.fixAllCost(), g)/g) * g
	start := hi
	for !meets(probe(hi)) {
		if hi > start*16 {
			mb.Note = fmt.Sprintf("target %s %% pada %d tidak tercapai bahkan dengan %s per tahun", FormatID(t.Pct, 1), t.Year, FormatRp(hi))
			return mb
		}
		hi *= 2
	}
	lo := 0.0
	for hi-lo > g {
		mid := math.Round((lo+hi)/2/g) * g
		if mid <= lo || mid >= hi {
			break
		}
		if meets(probe(mid)) {
			hi = mid
		} else {
			lo = mid
		}
	}
	// Verify the window above hi; past a step that falls short, the next
	// step that reaches the target is the new candidate.
	cand, verified, limit := hi, false, len(mb.Probes)+minBudgetScan
	for len(mb.Probes) < limit {
		bad := 0
		for x := 1; x <= MinBudgetWindow; x++ {
			if !meets(probe(cand + float64(x)*g)) {
				bad = x
				break
			}
		}
		if bad == 0 {
			verified = true
			break
		}
		cand += float64(bad+1) * g
		for !meets(probe(cand)) && len(mb.Probes) < limit {
			cand += g
		}
	}
	k := probe(cand)
	mb.AnnualRp, mb.Feasible, mb.Achieved = cand, meets(k), round(k, 2)
	mb.BelowPct = round(probe(cand-g), 3)
	switch {
	case !verified:
		mb.Window = 0
		mb.Note = fmt.Sprintf("kemantapan tidak naik teratur dengan anggaran pada kelipatan %s: %s mencapai %s %%, tetapi anggaran sedikit di atasnya belum tentu (lihat probes)",
			FormatRp(g), FormatRp(cand), FormatID(k, 2))
	case cand > hi:
		mb.Note = fmt.Sprintf("kemantapan tidak naik teratur dengan anggaran pada kelipatan %s: %s sudah mencapai target tetapi ada anggaran sedikit di atasnya yang tidak; %s dan %d langkah di atasnya semuanya mencapai target",
			FormatRp(g), FormatRp(hi), FormatRp(cand), MinBudgetWindow)
	}
	return mb
}

// fixAllCost is the cost of the class-matrix treatment of every section
// at the start of the plan.
func (e *engine) fixAllCost() float64 {
	var sum float64
	st := &e.start
	for i := 0; i < e.sec.n; i++ {
		k := e.cls.class(st.iri[i], st.sdi[i], e.sec.basis[i]&(basisIRI|basisSDI))
		if j := e.standard(k, st.surf[i]); j >= 0 {
			sum += e.cost(j, i, st.surf[i], e.in.FromYear)
		}
	}
	return sum
}

// Rerun re-computes a stored plan from its stored inputs (Result.Input as
// JSON) on a network, and reports whether the result is identical to the
// stored one (byte for byte as JSON). A different SnapshotHash means the
// register changed since the plan ran, so a difference is expected.
func Rerun(net *roads.Network, inputs, stored []byte) (res *Result, same bool, err error) {
	var in Input
	if err := json.Unmarshal(inputs, &in); err != nil {
		return nil, false, fmt.Errorf("%w: stored plan inputs are not readable: %v", ErrInvalid, err)
	}
	res, err = Run(net, in)
	if err != nil {
		return nil, false, err
	}
	b, err := json.Marshal(res)
	if err != nil {
		return nil, false, err
	}
	return res, string(b) == string(stored), nil
}
