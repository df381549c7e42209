package planner

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// MaxCR is Saaty's limit of acceptable inconsistency.
const MaxCR = 0.10

// AHP weights the criteria of a pairwise comparison matrix by its
// principal eigenvector (Saaty 1980) and checks its consistency: CI =
// (λmax − n)/(n − 1), CR = CI/RI with Saaty's random index RI for n
// (ri[n-1]). A matrix with CR > 0.10, or one that is not positive and
// reciprocal, is refused with an error saying what to change.
func AHP(m AHPMatrix, ri []float64) (AHPResult, error) {
	n := len(m.Criteria)
	if n < 2 || len(m.Pairwise) != n {
		return AHPResult{}, fmt.Errorf("%w: AHP needs at least two criteria and an n×n pairwise matrix (got %d criteria, %d rows)", ErrInvalid, n, len(m.Pairwise))
	}
	a := mat.NewDense(n, n, nil)
	for i, row := range m.Pairwise {
		if len(row) != n {
			return AHPResult{}, fmt.Errorf("%w: AHP pairwise row %d (%s) has %d values; it needs %d", ErrInvalid, i+1, m.Criteria[i], len(row), n)
		}
		for j, v := range row {
			if !(v > 0) || math.IsInf(v, 0) {
				return AHPResult{}, fmt.Errorf("%w: AHP comparison %s vs %s is %g; use a positive value on Saaty's 1–9 scale (or its reciprocal)", ErrInvalid, m.Criteria[i], m.Criteria[j], v)
			}
			a.Set(i, j, v)
		}
	}
	for i := 0; i < n; i++ {
		if math.Abs(a.At(i, i)-1) > 1e-9 {
			return AHPResult{}, fmt.Errorf("%w: AHP diagonal %s vs itself must be 1, not %g", ErrInvalid, m.Criteria[i], a.At(i, i))
		}
		for j := i + 1; j < n; j++ {
			if math.Abs(a.At(i, j)*a.At(j, i)-1) > 0.01 {
				return AHPResult{}, fmt.Errorf("%w: AHP matrix is not reciprocal: %s vs %s is %g but %s vs %s is %g (it must be %.4g)",
					ErrInvalid, m.Criteria[i], m.Criteria[j], a.At(i, j), m.Criteria[j], m.Criteria[i], a.At(j, i), 1/a.At(i, j))
			}
		}
	}
	var eig mat.Eigen
	if ok := eig.Factorize(a, mat.EigenRight); !ok {
		return AHPResult{}, fmt.Errorf("%w: AHP eigen decomposition failed", ErrInvalid)
	}
	vals := eig.Values(nil)
	best := 0
	for i, v := range vals {
		if real(v) > real(vals[best]) {
			best = i
		}
	}
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	w := make([]float64, n)
	var sum float64
	for i := 0; i < n; i++ {
		w[i] = cmplx.Abs(vecs.At(i, best))
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	lmax := real(vals[best])
	res := AHPResult{Criteria: m.Criteria, Weights: w, LambdaMax: lmax}
	if n > 2 {
		res.CI = (lmax - float64(n)) / float64(n-1)
		if n-1 >= len(ri) || ri[n-1] <= 0 {
			return AHPResult{}, fmt.Errorf("%w: no random index RI for %d criteria in the priority table", ErrInvalid, n)
		}
		res.RI = ri[n-1]
		res.CR = res.CI / res.RI
	}
	if res.CR > MaxCR {
		return res, fmt.Errorf("%w: AHP pairwise matrix is inconsistent: consistency ratio CR = %.3f exceeds %.2f (λmax %.3f, RI %.2f); revise the comparisons so that if A beats B and B beats C, A beats C by more",
			ErrInvalid, res.CR, MaxCR, lmax, res.RI)
	}
	return res, nil
}
