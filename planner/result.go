package planner

import (
	"math"

	"github.com/kotablitar/ruas/roads"
)

// Input is everything a plan is computed from, apart from the register
// itself (whose state is pinned by Result.SnapshotHash). A stored Input
// re-runs to the identical Result; see Rerun.
type Input struct {
	FromYear int `json:"from_year"` // first plan year (budget year, TA)
	Years    int `json:"years"`     // horizon; default 5, the Renstra period
	// BudgetsRp is the budget of each plan year in Rupiah: one value means
	// every year, otherwise exactly Years values.
	BudgetsRp []float64 `json:"budgets_rp"`
	// Method names the ranking method (see Methods); default "optimal".
	Method string `json:"method"`
	// Nomenclature is the sub-kegiatan code list the works list quotes
	// first ("2024" or "2027"); both are always given in Work.SubKegiatan.
	Nomenclature string `json:"nomenclature"`
	// ScenariosRp are extra constant annual budget levels shown side by
	// side with the plan (do-nothing is always shown).
	ScenariosRp []float64 `json:"scenarios_rp,omitempty"`
	// Target asks for the minimum constant annual budget that reaches a
	// kemantapan by a year.
	Target *Target `json:"target,omitempty"`
	// Tables names the version of every rule and cost table used; empty
	// fields mean the newest, and Result.Input holds the resolved names.
	Tables TableVersions `json:"tables"`
	// Calibrate fits deterioration rates to the register's own survey
	// history (falling back to the table's defaults where data are too few).
	// Default true; set NoCalibrate to use the table defaults only.
	NoCalibrate bool `json:"no_calibrate,omitempty"`
	// AHP gives the pairwise comparison matrix of the "ahp" method; nil
	// uses the matrix of the priority table.
	AHP *AHPMatrix `json:"ahp,omitempty"`
	// MinLengthM is the shortest capital work (paket) in metres: shorter
	// pieces join a neighbour's treatment or wait, unless the whole ruas
	// is shorter. 0 means DefaultMinLengthM.
	MinLengthM float64 `json:"min_length_m"`
	// MinPackageRp is the smallest capital work package in Rupiah; 0 means
	// DefaultMinPackageRp.
	MinPackageRp float64 `json:"min_package_rp"`
	// Forced are works the plan must carry (Musrenbang, pokir DPRD,
	// already contracted), each with a reason; paid after routine care,
	// before the method's choice.
	Forced []Forced `json:"forced,omitempty"`
	// Exclusions are stretches the method must not treat, each with a reason.
	Exclusions []Exclusion `json:"exclusions,omitempty"`
	// Scope is the set of ruas statuses in the office's authority
	// (kewenangan): only those are planned and counted. Empty means all.
	Scope []roads.Status `json:"scope,omitempty"`
}

// Defaults of the package rules (settings an office may change).
const (
	DefaultMinLengthM   = 100
	DefaultMinPackageRp = 50_000_000
)

// Forced is a work the planner's hand puts in the programme.
type Forced struct {
	Ruas      string  `json:"ruas"` // roads.Key.String(), e.g. 33.74/001
	StaFromM  float64 `json:"sta_from_m"`
	StaToM    float64 `json:"sta_to_m"` // 0 = to the end of the ruas
	Year      int     `json:"year"`
	Treatment string  `json:"treatment"` // catalogue code
	// Kind is musrenbang, pokir (pokok pikiran DPRD) or kontrak.
	Kind   string  `json:"kind"`
	Reason string  `json:"reason"`
	CostRp float64 `json:"cost_rp,omitempty"` // 0 = catalogue cost
}

// Exclusion keeps a stretch out of the method's choice.
type Exclusion struct {
	Ruas     string  `json:"ruas"`
	StaFromM float64 `json:"sta_from_m"`
	StaToM   float64 `json:"sta_to_m"`  // 0 = to the end of the ruas
	FromYear int     `json:"from_year"` // 0 = every plan year
	ToYear   int     `json:"to_year"`   // 0 = to the end of the plan
	Reason   string  `json:"reason"`
}

// ForcedKinds are the accepted Forced.Kind values.
var ForcedKinds = []string{"musrenbang", "pokir", "kontrak"}

// Target is a kemantapan goal: Pct percent by the end of Year.
type Target struct {
	Pct  float64 `json:"kemantapan_pct"`
	Year int     `json:"year"`
}

// TableVersions names the versions of the rule and cost tables a plan used.
type TableVersions struct {
	Condition     string `json:"condition"`          // roads.ConditionRules
	Treatments    string `json:"treatments"`         // data/rules/treatments_*.json
	Deterioration string `json:"deterioration"`      // data/rules/deterioration_*.json
	Priority      string `json:"priority"`           // data/rules/priority_*.json (UP and AHP tables)
	Economic      string `json:"economic,omitempty"` // data/rules/economic_*.json, with --method economic
	// Usulan names the usulan settings (data/rules/usulan_*.json) whose
	// escalation and companion shares the plan's money is counted with;
	// empty in plans made before the planner counted them.
	Usulan string `json:"usulan,omitempty"`
}

// Result is a computed plan: JSON-serialisable, deterministic for a given
// register snapshot and Input, and carrying the evidence of every number.
type Result struct {
	Input        Input  `json:"input"` // as resolved: defaults filled, table versions named
	SnapshotHash string `json:"snapshot_hash"`
	// SectionRule says how ruas were cut into sections (see sections.go).
	SectionRule string  `json:"section_rule"`
	Sections    int     `json:"sections"`
	NetworkKm   float64 `json:"network_km"`
	// Baseline is the network condition the plan starts from: the latest
	// survey of each ruas dated in or before FromYear (Breakdown(net,
	// FromYear)), the same surveys the sections are built from; a survey
	// early in the first plan year is the freshest evidence there is.
	Baseline Summary      `json:"baseline"`
	Plan     []YearResult `json:"years"`
	// DoNothing is the network with no works at all (always shown).
	DoNothing Scenario `json:"do_nothing"`
	// Scenarios are the plan's budget and each Input.ScenariosRp level,
	// with the same method, side by side.
	Scenarios []Scenario `json:"scenarios"`
	MinBudget *MinBudget `json:"min_budget,omitempty"`
	// Models are the deterioration parameters used, fitted or default.
	Models []ModelParam `json:"models"`
	// Method describes the ranking method used and its source.
	Method MethodInfo `json:"method"`
	// AHPWeights are the criteria weights when the method is "ahp".
	AHPWeights *AHPResult `json:"ahp_weights,omitempty"`
	Benefit    string     `json:"benefit_definition"`
	Notes      []string   `json:"notes,omitempty"`
	// RoutineAssumption is the routine-care effect the plan assumed.
	RoutineAssumption *RoutineAssumption `json:"routine_assumption,omitempty"`
	// Packages states the package rules used (see packages.go).
	Packages string `json:"package_rule"`
	// Scope is the authority planned and counted; OutOfScope the rest of
	// the register, reported apart.
	Scope      []roads.Status `json:"scope"`
	OutOfScope OutOfScope     `json:"out_of_scope"`
	// UnsurveyedKm is the length in scope with no survey: not planned, and
	// its own class in KemantapanNetworkPct.
	UnsurveyedKm float64 `json:"unsurveyed_km"`
	// Calibration reports the shrinkage weights and out-of-sample skill of
	// the deterioration fit (see Calibrate).
	Skill []FamilySkill `json:"calibration_skill,omitempty"`
	// Costing states how the plan's money is counted (costing.go).
	Costing *CostBasis `json:"costing,omitempty"`
}

// RoutineAssumption is the routine-care effect used by a plan.
type RoutineAssumption struct {
	Name       string  `json:"name"`
	Version    string  `json:"version"`
	RateFactor float64 `json:"rate_factor"`
	Note       string  `json:"note"`
}

// OutOfScope is the register outside the plan's authority.
type OutOfScope struct {
	Ruas int     `json:"ruas"`
	Km   float64 `json:"km"`
}

// RoutineLine is one year's routine care of one surface: the mantap
// length in scope and its cost.
type RoutineLine struct {
	Surface    roads.Surface `json:"surface"`
	Km         float64       `json:"km"`
	UnitCostRp float64       `json:"unit_cost_rp"` // per km a year
	CostRp     float64       `json:"cost_rp"`
}

// YearResult is one plan year: the works funded and the network after them.
type YearResult struct {
	Year        int     `json:"year"`
	BudgetRp    float64 `json:"budget_rp"`
	SpentRp     float64 `json:"spent_rp"`
	CommittedRp float64 `json:"committed_rp"` // part of SpentRp on committed (contracted) works
	Works       []Work  `json:"works"`
	// Km and Kemantapan are the network condition at the end of the year:
	// a year of deterioration, then this year's works (see doc.go, "Time").
	Km         ClassKm `json:"km_per_class"`
	Kemantapan float64 `json:"kemantapan_pct"`
	Backlog    Backlog `json:"backlog"`
	// Routine is the year's routine care by surface, funded before any
	// capital work; RoutineRp and RoutineKm its totals. RoutineShortfallRp
	// is the part of the routine cost the budget could not cover (0 when
	// covered); a note says so.
	Routine            []RoutineLine `json:"routine"`
	RoutineRp          float64       `json:"routine_rp"`
	RoutineKm          float64       `json:"routine_km"`
	RoutineShortfallRp float64       `json:"routine_shortfall_rp"`
	// ForcedRp is the part of SpentRp on forced works (Input.Forced).
	ForcedRp float64 `json:"forced_rp"`
	// CompanionRp is the part of SpentRp reserved for the companion lines
	// (perencanaan teknis, pengawasan) of the year's capital works, and
	// PriceFactor the factor of the year's prices over the treatment
	// table's price year (Result.Costing): every cost of the year
	// includes it, so SpentRp is tahun anggaran money.
	CompanionRp float64 `json:"companion_rp"`
	PriceFactor float64 `json:"price_factor"`
	// RepairLoss is the benefit and cost of the method's section choices
	// dropped because they could not be made into packages.
	RepairLoss RepairLoss `json:"package_repair_loss"`
	// KemantapanNetworkPct divides Baik+Sedang by the network length in
	// scope, unsurveyed length counting as its own (not mantap) class;
	// Kemantapan is the surveyed-only share.
	KemantapanNetworkPct float64 `json:"kemantapan_network_pct"`
	UnsurveyedKm         float64 `json:"unsurveyed_km"`
}

// RepairLoss is what turning a method's section choice into packages cost.
type RepairLoss struct {
	Sections int     `json:"sections"`
	Benefit  float64 `json:"benefit"`
	CostRp   float64 `json:"cost_rp"`
}

// Backlog is the work the network needs (a section in Rusak Ringan or
// Rusak Berat, or unpaved, whose class-matrix treatment was not funded)
// after the year's programme.
type Backlog struct {
	Sections int     `json:"sections"`
	LengthKm float64 `json:"length_km"`
	CostRp   float64 `json:"cost_rp"`
}

// Work is one funded job in the programme.
type Work struct {
	Year           int             `json:"year"`
	Rank           int             `json:"rank"` // 1 = first funded in its year
	Section        string          `json:"section"`
	RuasKey        string          `json:"ruas_key"` // roads.Key.String(), e.g. 33.74/001
	RuasName       string          `json:"ruas_name"`
	StaFromM       float64         `json:"sta_from_m"`
	StaToM         float64         `json:"sta_to_m"`
	KecamatanCode  string          `json:"kecamatan_code"`
	Kecamatan      string          `json:"kecamatan"`
	KelurahanCode  string          `json:"kelurahan_code"`
	Kelurahan      string          `json:"kelurahan"`
	Treatment      string          `json:"treatment"` // catalogue code
	TreatmentLabel string          `json:"treatment_label"`
	WorksType      roads.WorksType `json:"works_type"`
	// SubKegiatan gives the funding sub-activity in Input.Nomenclature
	// first, then in the other known nomenclature.
	SubKegiatan []SubKegiatanRef `json:"sub_kegiatan"`
	LengthKm    float64          `json:"length_km"`
	AreaM2      float64          `json:"area_m2"`
	CostRp      float64          `json:"cost_rp"`
	Benefit     float64          `json:"benefit"` // see Result.Benefit for the unit
	Committed   bool             `json:"committed"`
	// Package is the work package (paket) id, e.g. "2027-P003"; a package
	// is adjacent sections of one ruas with one treatment in one year,
	// StaFromM–StaToM; Sections counts them. Routine care is one row per
	// ruas ("2027-R…", Routine true).
	Package  string `json:"package"`
	Sections int    `json:"sections"`
	Routine  bool   `json:"routine,omitempty"`
	// Forced marks a work put in by the planner's hand (Input.Forced):
	// ForcedKind musrenbang, pokir or kontrak, with its reason.
	Forced       bool     `json:"forced,omitempty"`
	ForcedKind   string   `json:"forced_kind,omitempty"`
	ForcedReason string   `json:"forced_reason,omitempty"`
	Evidence     Evidence `json:"evidence"`
	// Justification is one Indonesian sentence a planner can paste into a
	// usulan: condition, survey date, rank.
	Justification string `json:"justification"`
}

// SubKegiatanRef is a sub-kegiatan code in one nomenclature version.
type SubKegiatanRef struct {
	Nomenclature string `json:"nomenclature"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	Indicator    string `json:"indicator"`
	Unit         string `json:"unit"`
}

// Evidence is what a funded job rests on.
type Evidence struct {
	SurveyDate  string        `json:"survey_date"`            // YYYY-MM-DD of the latest survey; "" if none
	SurveyBasis string        `json:"survey_basis"`           // "units" (100 m surveys) or "parts" (metres per class)
	SurveyedIRI *float64      `json:"surveyed_iri,omitempty"` // m/km at the survey
	SurveyedSDI *float64      `json:"surveyed_sdi,omitempty"`
	IRI         float64       `json:"iri"` // m/km predicted at the start of the works year
	SDI         *float64      `json:"sdi,omitempty"`
	Kondisi     roads.Kondisi `json:"kondisi"` // class at the start of the works year
	RuleVersion string        `json:"rule_version"`
	AgeYears    int           `json:"age_years"` // since built or last structural works; -1 unknown
	// RemainingLifeYears is design life minus age (negative: past its
	// design life); nil when the age is unknown.
	RemainingLifeYears *int `json:"remaining_life_years,omitempty"`
	// YearsToRusakRingan is how many years of do-nothing deterioration
	// (the section's model) until it reaches Rusak Ringan or worse: 0 when
	// already there, MaxLifeYears when not within that.
	YearsToRusakRingan int      `json:"years_to_rusak_ringan"`
	Model              ModelRef `json:"model"`
	TreatmentVersion   string   `json:"treatment_version"`
	// Priority is the method's score of this job (benefit/cost for the
	// optimiser, UP for Bina Marga, AHP score, IRI for worst-first).
	Priority float64 `json:"priority"`
	// Economic is the RoADS analysis, for the "economic" method only (economic.go).
	Economic *EconomicEvidence `json:"economic,omitempty"`
}

// ModelRef names the deterioration parameter a section used.
type ModelRef struct {
	Key    string  `json:"key"` // e.g. "aspal" or "aspal/lhr_tinggi"
	Form   string  `json:"form"`
	Rate   float64 `json:"rate"`
	Source string  `json:"source"` // "fitted" or "default"
	N      int     `json:"n"`
	SE     float64 `json:"se"`
}

// Scenario is one budget level over the horizon.
type Scenario struct {
	Name      string         `json:"name"`
	BudgetsRp []float64      `json:"budgets_rp"`
	Years     []ScenarioYear `json:"years"`
}

// ScenarioYear is the network at the end of one year of a scenario.
type ScenarioYear struct {
	Year       int     `json:"year"`
	SpentRp    float64 `json:"spent_rp"`
	Km         ClassKm `json:"km_per_class"`
	Kemantapan float64 `json:"kemantapan_pct"`
	Backlog    Backlog `json:"backlog"`
	// KemantapanNetworkPct: see YearResult.
	KemantapanNetworkPct float64 `json:"kemantapan_network_pct"`
	RoutineRp            float64 `json:"routine_rp"`
	CompanionRp          float64 `json:"companion_rp"` // part of SpentRp: see YearResult
}

// MinBudget is the answer to "what constant annual budget reaches the
// target kemantapan by the target year?".
type MinBudget struct {
	Target   Target  `json:"target"`
	AnnualRp float64 `json:"annual_rp"` // 0 when not feasible
	Feasible bool    `json:"feasible"`
	Achieved float64 `json:"achieved_pct"` // kemantapan at the target year with AnnualRp
	// StepRp is the search grain; AnnualRp and each of the Window steps
	// above it reach the target, and AnnualRp − StepRp reaches BelowPct
	// (below the target, unless the window search was cut short).
	StepRp   float64 `json:"step_rp,omitempty"`
	Window   int     `json:"verified_steps_above,omitempty"`
	BelowPct float64 `json:"below_pct,omitempty"`
	// Probes are the budgets tried by the search with the kemantapan each reached.
	Probes []Probe `json:"probes"`
	Note   string  `json:"note,omitempty"`
}

// Probe is one evaluation of the budget search.
type Probe struct {
	AnnualRp   float64 `json:"annual_rp"`
	Kemantapan float64 `json:"kemantapan_pct"`
}

// MethodInfo describes a ranking method.
type MethodInfo struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Budgeted bool   `json:"budget_aware"`
	Source   string `json:"source"`
}

// ClassKm is a length in km per Bina Marga condition class: the one
// class-length value of the register (roads.ClassLength), whose
// Kemantapan is NaN when nothing is classified.
type ClassKm = roads.ClassLength

func classKmOf(m [4]float64) ClassKm { return roads.ClassLengthOf(m).Scaled(0.001) }

// round rounds x to d decimals so that JSON stays readable and stable.
func round(x float64, d int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}
