package planner

import (
	"fmt"
	"math"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// The limits of a plan input: one place, so the CLI, the web form and the
// API refuse exactly the same plans.
const (
	MinFromYear   = 2000  // earliest first plan year
	MaxFromYear   = 2100  // latest first plan year
	MaxYears      = 50    // longest horizon, years (and how far past the first year a target may lie)
	MaxMinLengthM = 10000 // largest minimum work length, m
)

// The years a condition (Breakdown, ConditionAsOf) may be asked for.
const (
	MinConditionYear = 1950
	MaxConditionYear = 2200
)

// CheckConditionYear refuses a year no condition can be asked for, as an
// *InputError on field "year" (code range, with the limits).
func CheckConditionYear(year int) error {
	if year < MinConditionYear || year > MaxConditionYear {
		return &InputError{Problems: []InputProblem{{Field: "year", Code: CodeRange, Value: fmt.Sprint(year), Args: []any{MinConditionYear, MaxConditionYear}}}}
	}
	return nil
}

// Codes of an InputProblem: what is wrong, whatever the field.
const (
	CodeMissing  = "missing"  // the field is needed and was not given
	CodeRange    = "range"    // a number outside its limits (Args: lowest, highest)
	CodeCount    = "count"    // a list of the wrong length (Args: the length wanted)
	CodeNegative = "negative" // an amount below zero, or not a number
	CodeUnknown  = "unknown"  // a name not in its list (Args: the names known, comma-separated)
)

// InputProblem is one reason a plan input is refused. Field is the input
// field (the JSON names of Input; target_pct and target_year for Target),
// Code what is wrong, Value the value refused as text, and Args what a
// message needs to say how to fix it. Callers word it: the planner names
// no flag and no form.
type InputProblem struct {
	Field string
	Code  string
	Value string
	Args  []any
}

// InputError is every problem of a plan input; it wraps ErrInvalid.
type InputError struct{ Problems []InputProblem }

func (e *InputError) Error() string {
	var parts []string
	for _, p := range e.Problems {
		parts = append(parts, p.String())
	}
	return "plan input: " + strings.Join(parts, "; ")
}

// String words the problem in English, for library callers and logs.
func (p InputProblem) String() string {
	a := func(i int) any {
		if i < len(p.Args) {
			return p.Args[i]
		}
		return ""
	}
	switch p.Field + " " + p.Code {
	case "from_year missing":
		return fmt.Sprintf("first plan year not given; give a year %v–%v, e.g. 2027", a(0), a(1))
	case "from_year range":
		return fmt.Sprintf("first plan year %s must be %v–%v", p.Value, a(0), a(1))
	case "years range":
		return fmt.Sprintf("horizon of %s years must be %v–%v", p.Value, a(0), a(1))
	case "budgets_rp missing":
		return "no budget given; give one amount for every year or one per year"
	case "budgets_rp count":
		return fmt.Sprintf("%s budgets given for a %v-year plan; give one amount for every year or exactly %v", p.Value, a(0), a(0))
	case "budgets_rp negative", "scenarios_rp negative":
		return fmt.Sprintf("budget %s Rp must be a number ≥ 0", p.Value)
	case "method unknown":
		return fmt.Sprintf("method %q is not known; use %v", p.Value, a(0))
	case "nomenclature unknown":
		return fmt.Sprintf("nomenclature %q must be 2024 or 2027", p.Value)
	case "target_pct range":
		return fmt.Sprintf("target kemantapan %s %% must be above 0 and at most 100", p.Value)
	case "target_year range":
		return fmt.Sprintf("target year %s must be %v–%v", p.Value, a(0), a(1))
	case "min_length_m range":
		return fmt.Sprintf("minimum work length %s m must be above 0 and at most %v", p.Value, a(1))
	case "min_package_rp negative":
		return fmt.Sprintf("minimum package %s Rp must be above 0", p.Value)
	case "scope unknown":
		return fmt.Sprintf("scope status %q is not known; use %v", p.Value, a(0))
	}
	return fmt.Sprintf("%s: %s %s %v", p.Field, p.Code, p.Value, p.Args)
}

func (e *InputError) Unwrap() error { return ErrInvalid }

// Check lists what is wrong with a plan input as a person gave it (zero
// values of the optional fields mean their defaults; Years and BudgetsRp
// must be given). It returns nil or an *InputError with every problem.
func (in Input) Check() error {
	var ps []InputProblem
	add := func(field, code, value string, args ...any) {
		ps = append(ps, InputProblem{Field: field, Code: code, Value: value, Args: args})
	}
	switch {
	case in.FromYear == 0:
		add("from_year", CodeMissing, "", MinFromYear, MaxFromYear)
	case in.FromYear < MinFromYear || in.FromYear > MaxFromYear:
		add("from_year", CodeRange, fmt.Sprint(in.FromYear), MinFromYear, MaxFromYear)
	}
	if in.Years < 1 || in.Years > MaxYears {
		add("years", CodeRange, fmt.Sprint(in.Years), 1, MaxYears)
	}
	if len(in.BudgetsRp) == 0 {
		add("budgets_rp", CodeMissing, "")
	} else if len(in.BudgetsRp) != 1 && len(in.BudgetsRp) != in.Years {
		add("budgets_rp", CodeCount, fmt.Sprint(len(in.BudgetsRp)), in.Years)
	}
	for _, list := range []struct {
		field   string
		amounts []float64
	}{{"budgets_rp", in.BudgetsRp}, {"scenarios_rp", in.ScenariosRp}} {
		for _, b := range list.amounts {
			if math.IsNaN(b) || math.IsInf(b, 0) || b < 0 {
				add(list.field, CodeNegative, fmt.Sprint(b))
			}
		}
	}
	if in.Method != "" {
		var names []string
		known := false
		for _, m := range Methods() {
			names = append(names, m.Name)
			known = known || m.Name == in.Method
		}
		if !known {
			add("method", CodeUnknown, in.Method, strings.Join(names, ", "))
		}
	}
	if in.Nomenclature != "" && in.Nomenclature != "2024" && in.Nomenclature != "2027" {
		add("nomenclature", CodeUnknown, in.Nomenclature, "2024, 2027")
	}
	if t := in.Target; t != nil {
		if !(t.Pct > 0 && t.Pct <= 100) {
			add("target_pct", CodeRange, fmt.Sprint(t.Pct), 0, 100)
		}
		// Within the horizon: a target past it would need budgets for
		// years the input does not give.
		if t.Year < in.FromYear || t.Year > in.FromYear+in.Years-1 {
			add("target_year", CodeRange, fmt.Sprint(t.Year), in.FromYear, in.FromYear+in.Years-1)
		}
	}
	if in.MinLengthM != 0 && !(in.MinLengthM > 0 && in.MinLengthM <= MaxMinLengthM) {
		add("min_length_m", CodeRange, fmt.Sprint(in.MinLengthM), 0, MaxMinLengthM)
	}
	if in.MinPackageRp != 0 && !(in.MinPackageRp > 0 && !math.IsInf(in.MinPackageRp, 0)) {
		add("min_package_rp", CodeNegative, fmt.Sprint(in.MinPackageRp))
	}
	for _, s := range in.Scope {
		switch s {
		case roads.Nasional, roads.Provinsi, roads.Kabupaten, roads.Kota, roads.Desa:
		default:
			add("scope", CodeUnknown, string(s), "nasional, provinsi, kabupaten, kota, desa")
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &InputError{Problems: ps}
}
