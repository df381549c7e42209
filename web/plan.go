package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

// methodChoices are the ranking methods with labels in the reader's
// language: the catalogue's where it has one, else the planner's own.
func methodChoices(l Locale) []choice {
	var out []choice
	for _, m := range planner.Methods() {
		label := m.Label
		if _, ok := catalogue["method."+m.Name]; ok {
			label = l.T("method." + m.Name)
		}
		out = append(out, choice{m.Name, label})
	}
	return out
}

// planInput is the body of POST /api/v1/plans: the planner's Input and
// whether to read verified records only. User is ignored: the signed-in
// account is recorded as who ran it.
type planInput struct {
	planner.Input
	User string `json:"user"`
	// VerifiedOnly plans on the walidata's verified records only; such a
	// plan can be adopted as the programme. Otherwise every record is read
	// and the plan is a draft ("draf").
	VerifiedOnly bool `json:"verified_only"`
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// runPlan computes a plan on the register as it stands (its verified
// records only, with verifiedOnly) and stores the run with its basis: how
// many unverified records it read, which makes it a draft.
func (s *Server) runPlan(ctx context.Context, l Locale, in planner.Input, user string, verifiedOnly bool) (*roads.PlanRun, *planner.Result, error) {
	if err := checkPlanInput(l, in); err != nil {
		return nil, nil, err
	}
	net, err := s.store.Network(ctx)
	if err != nil {
		return nil, nil, err
	}
	if verifiedOnly {
		net = net.Verified()
		if len(net.Ruas) == 0 {
			return nil, nil, badInput(roads.FieldError{Field: "verified_only", Message: l.T("err.nothing_verified")})
		}
	}
	res, err := planner.Run(net, in)
	if errors.Is(err, planner.ErrInvalid) {
		return nil, nil, badInput(roads.FieldError{Field: "input", Message: err.Error()})
	}
	if err != nil {
		return nil, nil, fmt.Errorf("plan: %w", err)
	}
	inputs, err := json.Marshal(res.Input)
	if err != nil {
		return nil, nil, err
	}
	result, err := json.Marshal(res)
	if err != nil {
		return nil, nil, err
	}
	run := &roads.PlanRun{CreatedBy: strings.TrimSpace(user), Method: res.Input.Method, FromYear: res.Input.FromYear, Years: res.Input.Years,
		SnapshotHash: res.SnapshotHash, Inputs: inputs, Result: result}
	if run.SnapshotHash == "" {
		run.SnapshotHash = net.Hash
	}
	if err := s.store.SavePlanRun(ctx, run); err != nil {
		return nil, nil, err
	}
	if err := s.store.SetPlanBasis(ctx, roads.PlanBasis{PlanID: run.ID, VerifiedOnly: verifiedOnly, Pending: net.Unverified()}); err != nil {
		return nil, nil, err
	}
	return run, res, nil
}

// planPage is the planning form, the stored runs, and one run's results.
type planPage struct {
	Base
	Form    formValues
	Errors  []roads.FieldError
	Methods []choice
	Runs    []*roads.PlanRun
	Run     *roads.PlanRun
	Result  *planner.Result
	Chart   chartData // kemantapan per year per scenario, with do-nothing
	// Years shows each plan year's capital packages and routine care apart.
	Years []planYearView
	// Bases says of each run whether it read drafts; Basis is the shown run's.
	Bases map[int64]roads.PlanBasis
	Basis roads.PlanBasis
	// Adopted is the programme in force, if any.
	Adopted *roads.Adoption
	// Synthetic: the register holds synthetic demo data, so plans run on it are too.
	Synthetic bool
	// Stale is set when the register changed after the shown run was
	// computed (its snapshot hash differs); Changes says what changed.
	Stale *planStale
}

// planStale is what the plan page and a refused export say about a plan
// whose data moved on: how many records were verified or edited since it
// ran, and the inputs to run it again.
type planStale struct {
	Run     *roads.PlanRun
	Changes roads.Changes
	// Form holds the run's inputs for "hitung ulang" (re-run).
	Form formValues
	// Kind and Format name the refused export on the stale page ("" on the plan page).
	Kind, Format string
}

// Mark is the banner a file downloaded anyway carries.
func (*planStale) Mark() string { return publish.StaleMark }

// staleOf compares a run's snapshot with the register as it stands and,
// when they differ, counts the changes made since the run.
func (s *Server) staleOf(ctx context.Context, l Locale, run *roads.PlanRun, in planner.Input, verifiedOnly bool) (*planStale, error) {
	hash, err := s.store.SnapshotHash(ctx)
	if err != nil {
		return nil, err
	}
	if hash == run.SnapshotHash {
		return nil, nil
	}
	ch, err := s.store.ChangesSince(ctx, run.CreatedAt)
	if err != nil {
		return nil, err
	}
	f := planFormValues(l, in)
	if verifiedOnly {
		f["verified_only"] = "1"
	}
	return &planStale{Run: run, Changes: ch, Form: f}, nil
}

// planFormInput reads the planning form. Budgets are written as a person
// writes Rupiah ("5.000.000.000"); several values are separated by ";".
func planFormInput(l Locale, get func(string) string) (planInput, formValues, error) {
	p := &fieldProblems{l: l}
	f := formValues{}
	for _, k := range []string{"from_year", "years", "budgets_rp", "scenarios_rp", "method", "nomenclature", "target_pct", "target_year", "verified_only"} {
		f[k] = get(k)
	}
	in := planInput{VerifiedOnly: f["verified_only"] != ""}
	in.FromYear = p.integer("from_year", f["from_year"])
	in.Years = p.integer("years", f["years"])
	in.Method, in.Nomenclature = f["method"], f["nomenclature"]
	in.BudgetsRp = p.list("budgets_rp", f["budgets_rp"])
	in.ScenariosRp = p.list("scenarios_rp", f["scenarios_rp"])
	if f["target_pct"] != "" || f["target_year"] != "" {
		in.Target = &planner.Target{Pct: p.num("target_pct", f["target_pct"]), Year: p.integer("target_year", f["target_year"])}
	}
	return in, f, p.err()
}

// list reads amounts of Rupiah separated by ";" or new lines, each as
// the CLI's --budget reads one (locale.ParseRupiah): "25.000.000.000",
// "25M", "2,5M", "250jt".
func (p *fieldProblems) list(field, s string) []float64 {
	var out []float64
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		v, err := p.l.parseRupiah(part)
		if err != nil {
			p.add(field, part, "err.rupiah")
			continue
		}
		out = append(out, v)
	}
	return out
}

func (s *Server) planPageBase(c *gin.Context, l Locale) (planPage, error) {
	p := planPage{Base: s.base(c, l, "plan"), Methods: methodChoices(l)}
	p.Title = l.T("plan.title")
	runs, err := s.store.PlanRuns(c.Request.Context())
	if err != nil {
		return p, err
	}
	p.Runs = runs
	if p.Bases, err = s.store.PlanBases(c.Request.Context()); err != nil {
		return p, err
	}
	if p.Adopted, err = s.store.AdoptedPlan(c.Request.Context()); err != nil && !errors.Is(err, roads.ErrNotFound) {
		return p, err
	}
	snap, err := s.snaps.current(c.Request.Context())
	if err != nil {
		return p, err
	}
	p.Synthetic = snap.summary.Synthetic > 0
	p.Scripts = []string{"/static/vendor/uplot/uPlot.iife.min.js", "/static/chart.js"}
	return p, nil
}

func (s *Server) planShow(c *gin.Context) error {
	l := localeOf(c)
	p, err := s.planPageBase(c, l)
	if err != nil {
		return err
	}
	y := s.now().Year() + 1
	p.Form = formValues{"from_year": itoa(y), "years": "5", "budgets_rp": "10.000.000.000", "method": "optimal", "nomenclature": "2024"}
	if l.Lang == EN {
		p.Form["budgets_rp"] = "10,000,000,000"
	}
	s.render(c, http.StatusOK, "plan", p)
	return nil
}

func (s *Server) planCreate(c *gin.Context) error {
	l := localeOf(c)
	p, err := s.planPageBase(c, l)
	if err != nil {
		return err
	}
	in, form, err := planFormInput(l, c.PostForm)
	p.Form = form
	var run *roads.PlanRun
	if err == nil {
		run, _, err = s.runPlan(c.Request.Context(), l, in.Input, actorName(c), in.VerifiedOnly)
	}
	if err != nil {
		return s.formFailed(c, l, err, "plan", &p, &p.Errors)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rencana/%d", run.ID))
	return nil
}

func (s *Server) planShowRun(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	p, err := s.planPageBase(c, l)
	if err != nil {
		return err
	}
	run, res, err := s.planRun(c.Request.Context(), id)
	if err != nil {
		return err
	}
	p.Run, p.Result = run, res
	p.Form = planFormValues(l, res.Input)
	if p.Basis, err = s.store.PlanBasisOf(c.Request.Context(), run.ID); err != nil {
		return err
	}
	if p.Basis.VerifiedOnly {
		p.Form["verified_only"] = "1"
	}
	p.Chart = scenarioChart(l, res)
	p.Years = planYears(res)
	if p.Stale, err = s.staleOf(c.Request.Context(), l, run, res.Input, p.Basis.VerifiedOnly); err != nil {
		return err
	}
	s.render(c, http.StatusOK, "plan", p)
	return nil
}

func planFormValues(l Locale, in planner.Input) formValues {
	join := func(vs []float64) string {
		var parts []string
		for _, v := range vs {
			parts = append(parts, l.Num(v, 0))
		}
		return strings.Join(parts, "; ")
	}
	f := formValues{"from_year": itoa(in.FromYear), "years": itoa(in.Years), "budgets_rp": join(in.BudgetsRp), "scenarios_rp": join(in.ScenariosRp),
		"method": in.Method, "nomenclature": in.Nomenclature}
	if in.Target != nil {
		f["target_pct"], f["target_year"] = strconv.FormatFloat(in.Target.Pct, 'f', -1, 64), itoa(in.Target.Year)
	}
	return f
}

// planRun reads a stored run and its result.
func (s *Server) planRun(ctx context.Context, id int64) (*roads.PlanRun, *planner.Result, error) {
	run, err := s.store.PlanRunByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	var res planner.Result
	if err := json.Unmarshal(run.Result, &res); err != nil {
		return nil, nil, fmt.Errorf("plan run %d: stored result unreadable: %w", id, err)
	}
	return run, &res, nil
}

// scenarioChart plots kemantapan per year for the plan, each scenario and do-nothing.
func scenarioChart(l Locale, res *planner.Result) chartData {
	ch := chartData{XLabel: l.T("col.year"), YLabel: l.T("dash.kemantapan") + " (%)"}
	palette := []string{"#1a9850", "#4575b4", "#984ea3", "#ff7f00", "#a65628", "#f781bf"}
	for _, y := range res.Plan {
		ch.X = append(ch.X, float64(y.Year))
	}
	add := func(label, color string, ys []planner.ScenarioYear) {
		series := make([]*float64, len(ch.X))
		for _, sy := range ys {
			for i, x := range ch.X {
				if int(x) == sy.Year {
					v := sy.Kemantapan
					series[i] = &v
				}
			}
		}
		ch.Labels, ch.Colors, ch.Series = append(ch.Labels, label), append(ch.Colors, color), append(ch.Series, series)
	}
	for i, sc := range res.Scenarios {
		label := sc.Name
		if len(sc.BudgetsRp) > 0 {
			label = l.Rp(sc.BudgetsRp[0]) + l.T("plan.per_year")
		}
		add(label, palette[i%len(palette)], sc.Years)
	}
	add(l.T("plan.do_nothing"), "#d73027", res.DoNothing.Years)
	return ch
}

func (s *Server) planCreateAPI(c *gin.Context) error {
	l := localeOf(c)
	var in planInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	run, res, err := s.runPlan(c.Request.Context(), l, in.Input, actorName(c), in.VerifiedOnly)
	if err != nil {
		return err
	}
	basis, err := s.store.PlanBasisOf(c.Request.Context(), run.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"id": run.ID, "created_at": run.CreatedAt, "created_by": run.CreatedBy, "status": basisStatus(basis),
		"basis": newBasisDoc(basis), "result": res})
	return nil
}

// planRunDoc is a stored run without its result, for the list.
type planRunDoc struct {
	ID           int64           `json:"id"`
	CreatedAt    string          `json:"created_at"`
	CreatedBy    string          `json:"created_by"`
	Method       string          `json:"method"`
	FromYear     int             `json:"from_year"`
	Years        int             `json:"years"`
	SnapshotHash string          `json:"snapshot_hash"`
	Inputs       json.RawMessage `json:"inputs"`
}

func (s *Server) planIndexAPI(c *gin.Context) error {
	runs, err := s.store.PlanRuns(c.Request.Context())
	if err != nil {
		return err
	}
	out := []planRunDoc{}
	for _, r := range runs {
		out = append(out, planRunDoc{ID: r.ID, CreatedAt: r.CreatedAt.Format("2006-01-02T15:04:05Z07:00"), CreatedBy: r.CreatedBy, Method: r.Method,
			FromYear: r.FromYear, Years: r.Years, SnapshotHash: r.SnapshotHash, Inputs: r.Inputs})
	}
	c.JSON(http.StatusOK, gin.H{"plans": out})
	return nil
}

func (s *Server) planShowAPI(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	run, err := s.store.PlanRunByID(c.Request.Context(), id)
	if err != nil {
		return err
	}
	basis, err := s.store.PlanBasisOf(c.Request.Context(), run.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"id": run.ID, "created_at": run.CreatedAt, "created_by": run.CreatedBy, "snapshot_hash": run.SnapshotHash,
		"status": basisStatus(basis), "basis": newBasisDoc(basis), "inputs": run.Inputs, "result": run.Result})
	return nil
}

// planYearView is a plan year as the result page shows it: routine care
// of the mantap network as its own lines (by surface), then one row per
// capital work package. Routine km are a year's, never summed across years.
type planYearView struct {
	planner.YearResult
	Packages  []planner.Work
	CapitalKm float64
	CapitalRp float64
}

func planYears(res *planner.Result) []planYearView {
	out := make([]planYearView, 0, len(res.Plan))
	for _, yr := range res.Plan {
		v := planYearView{YearResult: yr}
		for _, w := range yr.Works {
			if w.Routine || w.WorksType == roads.Rutin {
				continue
			}
			v.Packages = append(v.Packages, w)
			v.CapitalKm += w.LengthKm
			v.CapitalRp += w.CostRp
		}
		out = append(out, v)
	}
	return out
}
