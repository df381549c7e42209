package cba

import (
	"math"
	"testing"
)

func TestEIRR(t *testing.T) {
	tests := []struct {
		name  string
		flows []float64
		want  float64
	}{
		{"one year", []float64{-100, 110}, 0.10},
		{"two years", []float64{-100, 0, 121}, 0.10},
		{"late start", []float64{0, 0, 0, -100, 0, 121}, 0.10},
		{"annuity", []float64{-100, 30, 30, 30, 30, 30}, 0.15238237116630671},
		{"all zero", nil, math.NaN()},
		{"all gain", []float64{10, 10, 10}, math.NaN()},
		{"all loss", []float64{-10, -10, -10}, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var flows [Years]float64
			copy(flows[:], tt.flows)
			got := eirr(&flows)
			if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12) {
				t.Errorf("eirr(%v) = %v, want %v", tt.flows, got, tt.want)
			}
			if !math.IsNaN(got) {
				if npv, _ := npvSlope(flows[:], got); math.Abs(npv) > 1e-9 {
					t.Errorf("NPV at the rate %g is %g, want 0", got, npv)
				}
			}
		})
	}
}

// TestEIRRWorkbookRoot checks a stream with two rates, -26 % and +58 %
// (RoADS section 637411_298): the workbook reports +58 %.
func TestEIRRWorkbookRoot(t *testing.T) {
	flows := [Years]float64{0, 0, 0, 0, 0, -0.06081582556352513, 0.030134577939828988, 0.03415198912160605,
		0.03927985619000596, 0.15561578452349417, -0.02745406760346414, -0.03373908070637413, -0.0393517545218581}
	if got, want := eirr(&flows), 0.5835442765853824; math.Abs(got-want) > 1e-9 {
		t.Errorf("eirr = %v, want the workbook's %v", got, want)
	}
}
