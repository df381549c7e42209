// Package cba is the economic analysis of a road section: the cost-benefit
// model of the World Bank's RoADS CBA workbook (v1.00, 2019), reproduced in
// Go and checked against the workbook's own outputs.
//
// For one section the model fills missing attributes with the workbook's
// typical values, grows traffic over a 20-year period, and compares up to 13
// alternatives: the "base" (routine maintenance until the base work falls due)
// and two candidate works, each started in any of years 1–6. For every
// alternative and year it rolls roughness (IRI) forward, applies works and
// their repairs, and costs the agency (capital, repair, recurrent) and the road
// users (vehicle operation and travel time, both functions of IRI). Net
// benefits against the base are discounted to an NPV; the alternative with
// the highest NPV is chosen, and its EIRR is computed the way Excel's IRR does.
//
// Every number of the model is data: a [Params] set, by default
// [RoADSDefaults] (World Bank RoADS CBA v1.00 (2019), via
// vnopenroads/roads-cba-py, MIT). A city loads its own set with
// [ParseParams], e.g. costs in Rupiah and its own fleet and discount rate.
//
// Units: lengths in km, widths in m, roughness as IRI in m/km, traffic as
// AADT in vehicles per day. Money is in the currency of the parameter set:
// unit costs per m², recurrent costs per km per year, vehicle operating costs
// per vehicle-km, time values per passenger-hour; every money result is in
// millions of that currency.
package cba

import "errors"

// ErrInvalid marks input the model cannot use: a section or parameter set
// with a missing, out-of-range or inconsistent field. Errors wrap it with the
// field, its value and what to do.
var ErrInvalid = errors.New("cba: invalid input")
