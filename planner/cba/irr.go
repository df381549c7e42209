package cba

import "math"

// eirr returns the internal rate of return (fraction per year) of yearly
// net benefits, the first flow undiscounted, or NaN when there is none.
//
// A stream of net benefits can have several rates of return, so which one
// is reported depends on the search. The workbook's is reproduced by
// Newton's method started from 10 % (as Excel's IRR is) on the flows from the
// first non-zero year on, each step halved until it brings the NPV closer to
// zero. Dropping the leading zeros does not change the roots but keeps the
// search on the workbook's root; halving keeps it from jumping to a far root
// or running off towards -100 %. (A solver that picks the root nearest zero
// differs from the workbook, e.g. on RoADS sections 637411_298 and
// 638900_301; plain Newton differs on many sections whose works start
// late.) It gives up, with NaN, where Excel reports #NUM!: a flat stream
// (e.g. all zero, the base case) or no convergence in 20 steps.
func eirr(flows *[Years]float64) float64 {
	const (
		guess    = 0.1
		maxSteps = 20
		tol      = 1e-7 // Excel: "accurate within 0.00001 percent"
		halvings = 30
	)
	first := 0
	for first < len(flows) && flows[first] == 0 {
		first++
	}
	v := flows[first:]
	if len(v) < 2 {
		return math.NaN()
	}
	scale := 0.0
	for _, f := range v {
		scale += math.Abs(f)
	}

	rate := guess
	for range maxSteps {
		f, slope := npvSlope(v, rate)
		if slope == 0 || !finite(f) || !finite(slope) {
			return math.NaN()
		}
		step := f / slope
		next := rate - step
		for k := 0; k < halvings; k++ {
			if next > -1 {
				if g, _ := npvSlope(v, next); math.Abs(g) < math.Abs(f) {
					break
				}
			}
			step /= 2
			next = rate - step
		}
		if !(next > -1) {
			return math.NaN()
		}
		if math.Abs(next-rate) < tol {
			// Newton converges quadratically near a root: a few plain
			// steps make the result exact to rounding.
			for range 3 {
				g, s := npvSlope(v, next)
				if s == 0 || !finite(g/s) || !(next-g/s > -1) {
					break
				}
				next -= g / s
			}
			// A stalled search (no step reduced the NPV) is not a root.
			if g, _ := npvSlope(v, next); math.Abs(g) > 1e-9*scale {
				return math.NaN()
			}
			return next
		}
		rate = next
	}
	return math.NaN()
}

// npvSlope returns Σ f_t·(1+rate)^-t and its derivative in rate.
func npvSlope(flows []float64, rate float64) (npv, slope float64) {
	x := 1 / (1 + rate)
	d := 1.0 // (1+rate)^-t
	for t, f := range flows {
		npv += f * d
		slope -= float64(t) * f * d * x
		d *= x
	}
	return npv, slope
}
