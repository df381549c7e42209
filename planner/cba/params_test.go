package cba_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner/cba"
)

func TestRoADSDefaults(t *testing.T) {
	p := cba.RoADSDefaults()
	if p.Name != "RoADS CBA defaults" || p.Version != "1.00" {
		t.Errorf("name %q version %q", p.Name, p.Version)
	}
	if want := "World Bank RoADS CBA v1.00 (2019), via vnopenroads/roads-cba-py, MIT"; p.Source != want {
		t.Errorf("source %q, want %q", p.Source, want)
	}
	if p.DiscountRate != 0.12 || p.EconomicFactor != 0.91 || p.RoadClasses() != 10 || len(p.Works) != 25 {
		t.Errorf("discount %g, economic factor %g, %d road classes, %d works", p.DiscountRate, p.EconomicFactor, p.RoadClasses(), len(p.Works))
	}
	// Each call gives an independent copy.
	p.Works[0].UnitCost[0] = 1
	if q := cba.RoADSDefaults(); q.Works[0].UnitCost[0] != 132 {
		t.Errorf("RoADSDefaults shares its tables between calls")
	}
}

// TestParseParamsInvalid breaks one table at a time and expects an error
// that names it.
func TestParseParamsInvalid(t *testing.T) {
	tests := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"unknown field", func(m map[string]any) { m["discount"] = 0.1 }, "unknown field"},
		{"negative discount", func(m map[string]any) { m["discount_rate"] = -2.0 }, "discount_rate"},
		{"missing vehicles", func(m map[string]any) { delete(m, "vehicles") }, "vehicles"},
		{"shares off", func(m map[string]any) { level(m, 0)["shares"] = []float64{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0} }, "shares add up to 2"},
		{"repair of no work", func(m map[string]any) { work(m, 2)["repair"] = 99.0 }, "repair 99"},
		{"missing choice", func(m map[string]any) { m["work_choices"] = m["work_choices"].([]any)[1:] }, "work_choices"},
		{"short speed table", func(m map[string]any) { m["speed"] = m["speed"].([]any)[1:] }, "speed"},
		{"bad deterioration model", func(m map[string]any) {
			m["surfaces"].([]any)[1].(map[string]any)["deterioration"].(map[string]any)["model"] = 7.0
		}, "deterioration model 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := defaultsMap(t)
			tt.edit(m)
			data, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			_, err = cba.ParseParams(data)
			if !errors.Is(err, cba.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseParams: %v, want ErrInvalid naming %q", err, tt.want)
			}
		})
	}
}

func TestAnalyseUnvalidatedParams(t *testing.T) {
	if _, err := cba.Analyse(blitar(t), &cba.Params{}); !errors.Is(err, cba.ErrInvalid) {
		t.Errorf("Analyse with an empty parameter set: %v, want ErrInvalid", err)
	}
	p := cba.RoADSDefaults()
	p.DiscountRate = math.NaN()
	if err := p.Validate(); err == nil {
		t.Fatal("Validate accepted a NaN discount rate")
	}
	if _, err := cba.Analyse(blitar(t), p); !errors.Is(err, cba.ErrInvalid) {
		t.Errorf("Analyse with a parameter set that failed validation: %v, want ErrInvalid", err)
	}
}

// TestCityParams shows that a city's own money unit works: multiplying
// every cost by the exchange rate multiplies every money result by it and
// leaves the choice and the EIRR alone.
func TestCityParams(t *testing.T) {
	const rate = 15000 // Rupiah per US$
	p := cba.RoADSDefaults()
	p.Name, p.Version, p.Currency = "Kota Blitar", "2026", "IDR"
	for i := range p.Vehicles {
		p.Vehicles[i].TimeValue *= rate
	}
	for i := range p.Surfaces {
		scale(p.Surfaces[i].RecurrentCost, rate)
	}
	for i := range p.Works {
		scale(p.Works[i].UnitCost, rate)
	}
	for _, row := range p.VOC {
		for _, c := range row {
			scale(c.A, rate)
			scale(c.B, rate)
			scale(c.C, rate)
			scale(c.D, rate)
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	s := blitar(t)
	usd, err := cba.Analyse(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	idr, err := cba.Analyse(s, p)
	if err != nil {
		t.Fatal(err)
	}
	if idr.WorkCode != usd.WorkCode || idr.WorkYear != usd.WorkYear || idr.ParamSet != "Kota Blitar 2026" {
		t.Errorf("IDR chose %s year %d (%s), USD %s year %d", idr.WorkCode, idr.WorkYear, idr.ParamSet, usd.WorkCode, usd.WorkYear)
	}
	for _, c := range []struct {
		name     string
		usd, idr float64
	}{{"NPV", usd.NPV, idr.NPV}, {"WorkCost", usd.WorkCost, idr.WorkCost}, {"NetBenefits[5]", usd.NetBenefits[5], idr.NetBenefits[5]}} {
		if math.Abs(c.idr-c.usd*rate) > 1e-9*math.Abs(c.idr) {
			t.Errorf("%s: IDR %g, want %g × %d", c.name, c.idr, c.usd, rate)
		}
	}
	if math.Abs(idr.EIRR-usd.EIRR) > 1e-9 || idr.NPVCost-usd.NPVCost > 1e-9 {
		t.Errorf("EIRR %g vs %g, NPV/cost %g vs %g: should not depend on the currency", idr.EIRR, usd.EIRR, idr.NPVCost, usd.NPVCost)
	}

	// A lower discount rate raises the NPV of a work that pays back later.
	p.DiscountRate = 0.06
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	low, err := cba.Analyse(s, p)
	if err != nil {
		t.Fatal(err)
	}
	if low.NPV <= idr.NPV {
		t.Errorf("NPV at 6 %% = %g, not above NPV at 12 %% = %g", low.NPV, idr.NPV)
	}
}

// TestUpgradeAndHDM4 exercises the parts of the model the default choice
// table does not use: an upgrade that changes surface, width and lane class,
// and the HDM-4 roughness equation.
func TestUpgradeAndHDM4(t *testing.T) {
	p := cba.RoADSDefaults()
	upgrade := 23 // Upgrade to Surface Treatment
	for i := range p.WorkChoices {
		if c := &p.WorkChoices[i]; c.Surface == cba.Gravel {
			c.Second = upgrade
		}
	}
	st := &p.Surfaces[cba.SurfaceTreatment-1].Deterioration
	st.Model = cba.HDM4Simplified
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	s := blitar(t)
	s.Surface, s.Width, s.Condition = cba.Gravel, 4, 3
	res, err := cba.Analyse(s, p)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, o := range res.Options() {
		if o.WorkCode == "U-S" && o.WorkYear == 1 {
			found = true
			// 500 per m² over the upgraded 7 m width.
			if want := 500 * 1.85 * 7.0 / 1000; math.Abs(o.WorkCost-want) > 1e-9 {
				t.Errorf("upgrade cost %g, want %g", o.WorkCost, want)
			}
		}
	}
	if !found {
		t.Fatalf("upgrade not evaluated: %+v", res.Options())
	}
	if res.WorkCode != "U-S" {
		t.Fatalf("chose %s, want the upgrade on this busy gravel road", res.WorkCode)
	}
	y := res.WorkYear - 1
	if res.IRI[y] != 2.6 {
		t.Errorf("IRI after the upgrade %g, want 2.6", res.IRI[y])
	}
	if !(res.IRI[y+1] > res.IRI[y]) || res.IRI[y+1] > 3 {
		t.Errorf("HDM-4 roughness growth from %g to %g", res.IRI[y], res.IRI[y+1])
	}
	for i, v := range res.NetBenefits {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("NetBenefits[%d] = %g", i, v)
		}
	}
}

func scale(v []float64, k float64) {
	for i := range v {
		v[i] *= k
	}
}

func defaultsMap(t *testing.T) map[string]any {
	t.Helper()
	data, err := json.Marshal(cba.RoADSDefaults())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func level(m map[string]any, i int) map[string]any {
	return m["traffic_levels"].([]any)[i].(map[string]any)
}

func work(m map[string]any, i int) map[string]any {
	return m["works"].([]any)[i].(map[string]any)
}
