package planner

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

func param(t *testing.T, c Calibration, key, q string) ModelParam {
	t.Helper()
	for _, p := range c.Params {
		if p.Key == key && p.Quantity == q {
			return p
		}
	}
	t.Fatalf("no %s parameter for %s in %+v", q, key, c.Params)
	return ModelParam{}
}

func TestCalibrateRecoversKnownRate(t *testing.T) {
	det, err := DeteriorationTable("")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		m    float64
	}{
		{"slow", 0.04},
		{"fast", 0.12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := genNetwork(t, 21, 50, []int{2020, 2022, 2024}, c.m)
			cal := Calibrate(net, 2024, det, true)
			p := param(t, cal, "aspal", "iri")
			if p.Source != "fitted" || p.N < det.MinSamples {
				t.Fatalf("aspal IRI not fitted: %+v", p)
			}
			// Noise is 3 % a survey; the cap at 16 m/km bends a few series.
			if math.Abs(p.Rate-c.m) > 4*p.SE+0.005 {
				t.Errorf("fitted m = %.4f (SE %.4f), hidden m = %.4f", p.Rate, p.SE, c.m)
			}
			if !(p.SE > 0) || !(p.RMSE > 0) {
				t.Errorf("fit without standard error or RMSE: %+v", p)
			}
			un := param(t, cal, "kerikil", "iri")
			if un.Form != FormLinear || un.Source == "fitted" && math.Abs(un.Rate-1.5) > 4*un.SE+0.05 {
				t.Errorf("gravel: %+v, hidden linear rate 1.5 m/km a year", un)
			}
		})
	}
}

func TestCalibrateFallsBackWhenTooFew(t *testing.T) {
	det, _ := DeteriorationTable("")
	net := genNetwork(t, 4, 2, []int{2023, 2024}, 0.08) // two short ruas: few intervals
	cal := Calibrate(net, 2024, det, true)
	for _, p := range cal.Params {
		if p.N >= det.MinSamples {
			continue
		}
		if p.Source != "default" || p.Rate != p.Default || !strings.Contains(p.Note, "fewer than") {
			t.Errorf("%s %s with n = %d: %+v, want the default with a note", p.Key, p.Quantity, p.N, p)
		}
	}
	off := Calibrate(genNetwork(t, 21, 50, []int{2020, 2022, 2024}, 0.2), 2024, det, false)
	if p := param(t, off, "aspal", "iri"); p.Source != "default" || p.Rate != 0.07 {
		t.Errorf("calibration off: %+v, want the table default 0.07", p)
	}
}

func TestCalibrateExcludesIntervalsWithWorks(t *testing.T) {
	det, _ := DeteriorationTable("")
	net := genNetwork(t, 21, 50, []int{2020, 2022, 2024}, 0.08)
	before := param(t, Calibrate(net, 2024, det, true), "aspal", "iri")
	// An overlay in 2021 on every unit of the first asphalt ruas, whose
	// 2022 surveys are then set to a fresh overlay's roughness and its 2024
	// surveys to that roughness two years on at the hidden rate.
	var r *roads.Ruas
	for _, x := range net.Ruas {
		if x.Surface == roads.Aspal && len(net.Surveys[x.ID]) > 10 && net.Surveys[x.ID][0].Distress != nil {
			r = x
			break
		}
	}
	net.Works[r.ID] = []*roads.Works{{RuasID: r.ID, Ruas: r.Key, Date: time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC), Type: roads.Berkala, StaFromM: 0, StaToM: r.LengthM}}
	fresh, later := 3.2, 3.2*1.08*1.08
	for _, v := range net.Surveys[r.ID] {
		switch v.Date.Year() {
		case 2022:
			v.Distress.IRI = &fresh
		case 2024:
			v.Distress.IRI = &later
		}
	}
	cal := Calibrate(net, 2024, det, true)
	after := param(t, cal, "aspal", "iri")
	units := int(r.LengthM / 100)
	if cal.Skipped.WithWorks != units {
		t.Errorf("skipped %d intervals with works, want %d (one per unit)", cal.Skipped.WithWorks, units)
	}
	if after.N != before.N-units {
		t.Errorf("n = %d after the works, want %d - %d", after.N, before.N, units)
	}
	if math.Abs(after.Rate-before.Rate) > 2*before.SE {
		t.Errorf("the reset units moved the fit from %.4f to %.4f: they were not excluded", before.Rate, after.Rate)
	}
}
