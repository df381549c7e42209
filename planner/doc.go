// Package planner turns a road register into evidence for planners:
// network condition (km per class, kemantapan), deterioration forecasts
// calibrated on the city's own surveys, a versioned treatment and cost
// catalogue, ranking methods and a budget-constrained multi-year programme
// with scenarios and a minimum-budget search.
//
// The package is pure: values in, values out, no database and no HTTP. It
// reads plain types of package roads and the versioned tables embedded from
// data/rules (treatments_*.json, deterioration_*.json, priority_*.json,
// with roads' condition_*.json). For the same register snapshot
// (roads.Network.Hash) and the same Input, Run returns the same Result,
// byte for byte once encoded; Rerun checks a stored plan that way.
//
// API:
//
//	Breakdown(net, year) Summary               km per class and kemantapan by kecamatan, status, fungsi, surface
//	BreakdownScope(net, year, scope) Summary   the same over the statuses in the office's authority
//	ConditionAsOf(net, year) NetworkCondition  the office's network: kemantapan of its length, other roads apart, drafts counted
//	Run(net, Input) (*Result, error)           programme, do-nothing, scenarios, minimum budget
//	RunWithProgress(net, Input, Progress)      Run, reporting its steps
//	Rerun(net, inputs, stored) (*Result, bool, error)  re-compute a stored plan and compare
//	Sections(net, Input) ([]SectionState, error)       sections with remaining life both ways
//	Calibrate(net, year, *Deterioration, fit) Calibration  deterioration parameters with n, SE, R², RMSE
//	Treatments, DeteriorationTable, PriorityTable      the versioned tables
//	AHP(AHPMatrix, RI) (AHPResult, error)      eigenvector weights, consistency ratio
//	Methods() []MethodInfo                     ranking methods: optimal, worst-first, bina-marga, ahp, economic
//
// Time: a survey of year S describes the end of S; sections are projected
// to the end of Input.FromYear-1, then each plan year is routine care of
// the network mantap at the end of the year before (funded first), one year
// of deterioration, the recorded (committed) and forced works of that year,
// and the method's choice, as work packages, within the budget left. Units: lengths in km (STA in m),
// areas in m², money in Rupiah, IRI in m/km, kemantapan in percent.
//
// README.md in this directory documents the section rule, the models and
// their sources, the benefit, each ranking method and the benchmark figures.
package planner
