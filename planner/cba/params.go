package cba

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Fixed dimensions of the RoADS model. They shape the workbook's tables, so
// they are code, not data.
const (
	// Years is the analysis period in years; year 1 is the first year.
	Years = 20
	// NumVehicles is the number of RoADS vehicle classes, in this order:
	// motorcycle, small car, medium car, delivery vehicle, four-wheel drive,
	// small truck, medium truck, large truck, articulated truck, small bus,
	// medium bus, large bus.
	NumVehicles = 12
	// NumConditions is the number of condition classes: 1 very good, 2 good,
	// 3 fair, 4 poor, 5 very poor.
	NumConditions = 5
	// NumTerrains is the number of terrain classes (see [Terrain]).
	NumTerrains = 3
	// StartYears is how many start years (1..StartYears) are evaluated for
	// each candidate work.
	StartYears = 6
	// MaxAlternatives is the base plus two candidate works × StartYears.
	MaxAlternatives = 1 + 2*StartYears
)

//go:embed roads_defaults.json
var roadsDefaultsJSON []byte

// RoADSDefaults returns a fresh copy of the workbook's default parameter set
// (World Bank RoADS CBA v1.00 (2019), via vnopenroads/roads-cba-py, MIT;
// money in US$). The caller owns it and may change it; call Validate after
// changing it.
func RoADSDefaults() *Params {
	p, err := ParseParams(roadsDefaultsJSON)
	if err != nil {
		// The embedded file is checked by the package tests.
		panic("cba: embedded RoADS defaults are broken: " + err.Error())
	}
	return p
}

// defaults is the shared default set used when Analyse is given nil Params.
// It is never handed out, so nobody can change it.
var defaults = sync.OnceValue(RoADSDefaults)

// ParseParams reads a parameter set in the JSON format of the embedded
// roads_defaults.json and validates it. Unknown fields are an error, so a
// misspelt table is not silently ignored.
func ParseParams(data []byte) (*Params, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Params
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w: parameter set: %v", ErrInvalid, err)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// Params is a complete, named set of model parameters. Tables indexed by a
// code (vehicle class, surface, lane class, work number, ...) are in code
// order starting at 1; Validate checks that.
type Params struct {
	Name     string `json:"name"`
	Version  string `json:"version"`
	Source   string `json:"source"`   // attribution of the figures
	Currency string `json:"currency"` // money unit of every cost in the set

	DiscountRate   float64 `json:"discount_rate"`   // fraction per year, e.g. 0.12
	EconomicFactor float64 `json:"economic_factor"` // economic / financial cost of works

	Vehicles        []Vehicle        `json:"vehicles"`         // NumVehicles classes
	GrowthScenarios []GrowthScenario `json:"growth_scenarios"` // by Section.GrowthScenario
	TrafficLevels   []TrafficLevel   `json:"traffic_levels"`   // by Section.TrafficLevel
	LaneClasses     []LaneClass      `json:"lane_classes"`     // by Section.Lanes
	RoadTypes       []RoadType       `json:"road_types"`       // by Section.RoadType
	Surfaces        []SurfaceParams  `json:"surfaces"`         // by Section.Surface

	// RecurrentConditionFactors scales recurrent maintenance cost by the
	// condition class of the year (NumConditions values).
	RecurrentConditionFactors []float64 `json:"recurrent_condition_factors"`
	// ClimateM is the HDM-4 environmental coefficient m (fraction of IRI
	// growth per year) by temperature class (rows) and moisture class.
	ClimateM [][]float64 `json:"climate_m"`

	Works       []Work       `json:"works"`        // numbered road works
	WorkChoices []WorkChoice `json:"work_choices"` // surface × road class × condition

	// VOC is the vehicle operating cost per vehicle-km as a cubic in IRI,
	// by lane class then terrain.
	VOC [][]Cubic `json:"voc"`
	// Speed is the free speed in km/h as a cubic in IRI, by lane class then
	// terrain.
	Speed [][]Cubic `json:"speed"`

	valid     bool
	label     string // Name and Version, for results
	roadClass int    // number of road classes in WorkChoices
	choiceAt  []int  // index into WorkChoices by surface, road class, condition
	timeVehs  []int  // vehicles whose travel time has a value
	truckVehs []int  // vehicles counted as trucks
}

// Vehicle is one vehicle class of the fleet.
type Vehicle struct {
	Name       string  `json:"name"`
	ESA        float64 `json:"esa"`        // equivalent standard axles per vehicle
	Passengers float64 `json:"passengers"` // occupants whose time is valued
	TimeValue  float64 `json:"time_value"` // money per passenger-hour
	Truck      bool    `json:"truck"`      // counted in the truck share
}

// GrowthScenario is an annual traffic growth rate per vehicle class.
type GrowthScenario struct {
	Scenario int       `json:"scenario"`
	Percent  []float64 `json:"percent"` // % per year, NumVehicles values
}

// TrafficLevel is a traffic band: the AADT assumed when only the level is
// known, how it splits by vehicle class, and the structural number assumed
// for a paved road carrying it.
type TrafficLevel struct {
	Level   int     `json:"level"`
	AADT    float64 `json:"aadt"`     // vehicles/day assumed for the level
	MinAADT float64 `json:"min_aadt"` // band of AADT that maps to the level,
	MaxAADT float64 `json:"max_aadt"` // [min, max)
	// Shares is the fraction of AADT per vehicle class (sums to 1).
	Shares []float64 `json:"shares"`
	// StructuralNumber is the SNC assumed by condition class.
	StructuralNumber []float64 `json:"structural_number"`
}

// LaneClass is a lane class: its typical width, the width band that maps to
// it, and the number of lanes that share the axle loads.
type LaneClass struct {
	Lanes     int     `json:"lanes"`
	Width     float64 `json:"width"`      // m, assumed when only lanes are known
	LoadLanes float64 `json:"load_lanes"` // lanes over which ESA are spread
	MinWidth  float64 `json:"min_width"`  // m, band [min, max) that maps
	MaxWidth  float64 `json:"max_width"`  // to this class
}

// RoadType is the coarse paved/unpaved type, used only to pick a surface
// when a section has none.
type RoadType struct {
	RoadType       int     `json:"road_type"`
	Name           string  `json:"name"`
	DefaultSurface Surface `json:"default_surface"`
}

// SurfaceParams holds everything that depends on the surface type.
type SurfaceParams struct {
	Surface Surface `json:"surface"`
	Name    string  `json:"name"`
	// Roughness is the typical IRI (m/km) of each condition class.
	Roughness []float64 `json:"roughness"`
	// PavementAge is the typical age in years of each condition class.
	PavementAge []int `json:"pavement_age"`
	// ConditionMaxIRI are the upper IRI bounds (exclusive) of condition
	// classes 1..4; anything rougher is class 5.
	ConditionMaxIRI []float64 `json:"condition_max_iri"`
	// MaxIRI caps roughness growth (m/km).
	MaxIRI float64 `json:"max_iri"`
	// DefaultStructuralNumber says whether a missing SNC is taken from the
	// traffic level (bound or concrete pavements).
	DefaultStructuralNumber bool `json:"default_structural_number"`
	// RecurrentCost is routine maintenance per km per year by lane class.
	RecurrentCost []float64     `json:"recurrent_cost"`
	Deterioration Deterioration `json:"deterioration"`
}

// DeteriorationModel selects how roughness grows from one year to the next.
type DeteriorationModel int

const (
	// FixedRate grows IRI by Rate each year.
	FixedRate DeteriorationModel = 1
	// HDM4Simplified is the simplified HDM-4 roughness equation driven by
	// age, structural number, ESA and the climate coefficient m.
	HDM4Simplified DeteriorationModel = 2
	// ClimateRate grows IRI by the climate coefficient m each year.
	ClimateRate DeteriorationModel = 3
)

// Deterioration is a surface's roughness progression. Kgp, Kgm, A0, A1 and
// A2 are the calibration factors and coefficients of the HDM-4 equation.
type Deterioration struct {
	Model DeteriorationModel `json:"model"`
	Rate  float64            `json:"rate"` // fraction per year, FixedRate only
	Kgp   float64            `json:"kgp"`
	Kgm   float64            `json:"kgm"`
	A0    float64            `json:"a0"`
	A1    float64            `json:"a1"`
	A2    float64            `json:"a2"`
}

// Work is a road work. Upgrades (Lanes > 0) change lane class, width and
// surface; overlays (ThicknessMM > 0) add to the structural number;
// reconstructions (SNC > 0) reset it.
type Work struct {
	No    int    `json:"no"`
	Code  string `json:"code"`
	Name  string `json:"name"`
	Class string `json:"class"` // Periodic, Rehabilitation or Upgrade
	// UnitCost is the financial cost per m² of carriageway by terrain.
	UnitCost []float64 `json:"unit_cost"`
	// IRI is the roughness (m/km) right after the work.
	IRI         float64 `json:"iri"`
	Lanes       int     `json:"lanes"` // lane class after an upgrade, else 0
	Width       float64 `json:"width"` // m after an upgrade
	Surface     Surface `json:"surface"`
	ThicknessMM float64 `json:"thickness_mm"` // overlay thickness, mm
	Strength    float64 `json:"strength"`     // layer coefficient per inch
	SNC         float64 `json:"snc"`          // structural number after the work
	// Repair is the work number that follows this one every RepairPeriod
	// years (up to four times within the period).
	Repair       int `json:"repair"`
	RepairPeriod int `json:"repair_period"`
}

// WorkChoice says which works are evaluated for a section of a given
// surface, road class and condition. BaseWork in BaseYear is the base
// alternative; First and Second are the candidate works (0 = none), each
// tried in start years 1..StartYears. CostFactor scales capital costs.
type WorkChoice struct {
	Surface    Surface `json:"surface"`
	RoadClass  int     `json:"road_class"`
	Condition  int     `json:"condition"`
	BaseYear   int     `json:"base_year"`
	BaseWork   int     `json:"base_work"`
	First      int     `json:"first"`
	Second     int     `json:"second"`
	CostFactor float64 `json:"cost_factor"`
}

// Cubic holds, per vehicle class, the coefficients of A + B·IRI + C·IRI² +
// D·IRI³ (NumVehicles values each).
type Cubic struct {
	A []float64 `json:"a"`
	B []float64 `json:"b"`
	C []float64 `json:"c"`
	D []float64 `json:"d"`
}

// RoadClasses is the number of road classes the parameter set covers
// (valid after Validate).
func (p *Params) RoadClasses() int { return p.roadClass }

// choice returns the work choice for a surface, road class and condition,
// all already checked to be in range.
func (p *Params) choice(s Surface, roadClass, condition int) *WorkChoice {
	i := ((int(s)-1)*p.roadClass+roadClass-1)*NumConditions + condition - 1
	return &p.WorkChoices[p.choiceAt[i]]
}
