// Package planner turns a road register into evidence: network condition
// (km per class, kemantapan), deterioration forecasts calibrated on the
// city's own surveys, a treatment and cost catalogue, ranking methods and a
// budget-constrained multi-year programme with scenarios and a minimum-
// budget search.
//
// The package is pure: values in, values out, no database and no HTTP.
// It reads plain types of package roads and the versioned tables embedded
// from data/rules. For the same register snapshot (roads.Network.Hash) and
// the same Input, Run returns the same Result, byte for byte once encoded.
//
// API (work in progress; the types in result.go are stable):
//
//	Breakdown(net, year) Summary      condition by kecamatan, status, fungsi, surface
//	Run(net, Input) (*Result, error)  the programme, scenarios, do-nothing, min budget
package planner
