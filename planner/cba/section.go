package cba

import (
	"encoding/json"
	"fmt"
	"math"
)

// Surface is the RoADS surface type code.
type Surface int

// Surface types of the RoADS workbook.
const (
	CementConcrete Surface = 1 + iota
	AsphaltConcrete
	SurfaceTreatment
	Gravel
	Earth
	Macadam
	Cobblestone
)

// Terrain is the RoADS terrain class; it selects unit costs, vehicle
// operating costs and speeds.
type Terrain int

// Terrain classes.
const (
	Flat Terrain = 1 + iota
	Hilly
	Mountainous
)

// Section is one road section as the model needs it. A zero value means
// "not known" wherever a default exists.
//
// Required: Length; Surface (or RoadType); Width or Lanes; Condition or
// Roughness; TrafficLevel or traffic counts (AADT by class and/or AADTTotal);
// RoadClass, Terrain, Temperature, Moisture and GrowthScenario.
// Filled from the parameter set when zero: Lanes from Width, Width from Lanes,
// Condition from Roughness, Roughness and PavementAge from Condition, the
// traffic split from TrafficLevel, TrafficLevel from AADTTotal,
// StructuralNumber from TrafficLevel (bound and concrete surfaces).
type Section struct {
	ID string // the section's identifier, carried into the Result

	Length      float64 // km, > 0
	Lanes       int     // lane class 1–7 (RoADS: 1 = one lane … 7)
	Width       float64 // carriageway width, m
	RoadClass   int     // RoADS road class, 1..Params.RoadClasses()
	Terrain     Terrain // 1 flat, 2 hilly, 3 mountainous
	Temperature int     // climate class 1 tropical … 5 temperate freezing
	Moisture    int     // climate class 1 arid … 5 per-humid
	RoadType    int     // 1 paved, 2 unpaved; only used when Surface is 0
	Surface     Surface // surface type, see the Surface constants

	Condition        int     // condition class 1 very good … 5 very poor
	Roughness        float64 // IRI, m/km
	PavementAge      int     // years since the surface was laid or resealed
	StructuralNumber float64 // modified structural number SNC of the pavement

	TrafficLevel   int     // RoADS traffic band 1–15
	GrowthScenario int     // RoADS growth scenario 1–5
	AADT           Traffic // vehicles/day by class in year 1
	AADTTotal      float64 // vehicles/day, all classes, in year 1
}

// Traffic is a count per vehicle class, in the order of Params.Vehicles.
type Traffic [NumVehicles]float64

// sectionJSON is the JSON shape of a section: the field names of the RoADS
// workbook's section sheet as exported by vnopenroads/roads-cba-py.
type sectionJSON struct {
	ID               string  `json:"orma_way_id"`
	Length           float64 `json:"length"`
	Lanes            int     `json:"lanes"`
	Width            float64 `json:"width"`
	RoadClass        int     `json:"road_class"`
	Terrain          Terrain `json:"terrain"`
	Temperature      int     `json:"temperature"`
	Moisture         int     `json:"moisture"`
	RoadType         int     `json:"road_type"`
	Surface          Surface `json:"surface_type"`
	Condition        int     `json:"condition_class"`
	Roughness        float64 `json:"roughness"`
	TrafficLevel     int     `json:"traffic_level"`
	GrowthScenario   int     `json:"traffic_growth"`
	StructuralNumber float64 `json:"structural_no"`
	PavementAge      int     `json:"pavement_age"`
	Motorcycle       float64 `json:"aadt_motorcyle"` // sic, as in the workbook export
	SmallCar         float64 `json:"aadt_carsmall"`
	MediumCar        float64 `json:"aadt_carmedium"`
	Delivery         float64 `json:"aadt_delivery"`
	FourWheel        float64 `json:"aadt_4wheel"`
	SmallTruck       float64 `json:"aadt_smalltruck"`
	MediumTruck      float64 `json:"aadt_mediumtruck"`
	LargeTruck       float64 `json:"aadt_largetruck"`
	Articulated      float64 `json:"aadt_articulatedtruck"`
	SmallBus         float64 `json:"aadt_smallbus"`
	MediumBus        float64 `json:"aadt_mediumbus"`
	LargeBus         float64 `json:"aadt_largebus"`
	Total            float64 `json:"aadt_total"`
}

// ParseSection reads a section from the RoADS JSON export format (the
// fields of tests/example_data/section_*.json in roads-cba-py; null means
// not known). It checks the syntax only; Analyse checks the values.
func ParseSection(data []byte) (Section, error) {
	var s Section
	if err := json.Unmarshal(data, &s); err != nil {
		return Section{}, fmt.Errorf("%w: section JSON: %v", ErrInvalid, err)
	}
	return s, nil
}

// UnmarshalJSON reads the RoADS JSON export format; see ParseSection.
func (s *Section) UnmarshalJSON(data []byte) error {
	var j sectionJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*s = Section{
		ID: j.ID, Length: j.Length, Lanes: j.Lanes, Width: j.Width, RoadClass: j.RoadClass,
		Terrain: j.Terrain, Temperature: j.Temperature, Moisture: j.Moisture, RoadType: j.RoadType,
		Surface: j.Surface, Condition: j.Condition, Roughness: j.Roughness, PavementAge: j.PavementAge,
		StructuralNumber: j.StructuralNumber, TrafficLevel: j.TrafficLevel, GrowthScenario: j.GrowthScenario,
		AADT: Traffic{j.Motorcycle, j.SmallCar, j.MediumCar, j.Delivery, j.FourWheel, j.SmallTruck,
			j.MediumTruck, j.LargeTruck, j.Articulated, j.SmallBus, j.MediumBus, j.LargeBus},
		AADTTotal: j.Total,
	}
	return nil
}

// maxRoughness bounds a section's IRI (m/km): the workbook's condition
// bands end there.
const maxRoughness = 500

// prepared is a section with every default filled in and every code
// checked against the parameter set.
type prepared struct {
	length      float64
	lanes       int
	width       float64
	roadClass   int
	terrain     int
	m           float64 // climate coefficient for the section's climate
	surface     Surface
	condition   int
	roughness   float64
	age         int
	snc         float64
	level       int
	growth      int
	aadt        Traffic
	total       float64
	choice      *WorkChoice
	initialLoad float64 // load lanes of the section's lane class
}

// invalid formats a section error naming the field, its value and the fix.
func invalid(s *Section, field string, value any, fix string) error {
	id := s.ID
	if id == "" {
		id = "(no id)"
	}
	return fmt.Errorf("%w: section %s: %s %v: %s", ErrInvalid, id, field, value, fix)
}

// prepare checks a section and fills its defaults the way the workbook does.
func (p *Params) prepare(s *Section) (prepared, error) {
	var r prepared
	if !finite(s.Length) || s.Length <= 0 {
		return r, invalid(s, "Length", s.Length, "give the section length in km (> 0)")
	}
	r.length = s.Length

	// Surface, from the road type when missing.
	switch {
	case s.Surface != 0:
		if !p.knownSurface(s.Surface) {
			return r, invalid(s, "Surface", int(s.Surface), fmt.Sprintf("use a surface code 1..%d", len(p.Surfaces)))
		}
		r.surface = s.Surface
	case s.RoadType >= 1 && s.RoadType <= len(p.RoadTypes):
		r.surface = p.RoadTypes[s.RoadType-1].DefaultSurface
	default:
		return r, invalid(s, "Surface", int(s.Surface), fmt.Sprintf("give a surface code 1..%d or a road type 1..%d", len(p.Surfaces), len(p.RoadTypes)))
	}
	sp := &p.Surfaces[r.surface-1]

	// Width and lane class, each from the other.
	maxWidth := p.LaneClasses[len(p.LaneClasses)-1].MaxWidth
	if !finite(s.Width) || s.Width < 0 || s.Width >= maxWidth {
		return r, invalid(s, "Width", s.Width, fmt.Sprintf("give the carriageway width in m (0 to below %g, 0 = from Lanes)", maxWidth))
	}
	if s.Lanes < 0 || s.Lanes > len(p.LaneClasses) {
		return r, invalid(s, "Lanes", s.Lanes, fmt.Sprintf("use a lane class 1..%d (0 = from Width)", len(p.LaneClasses)))
	}
	r.lanes, r.width = s.Lanes, s.Width
	if r.lanes == 0 && r.width == 0 {
		return r, invalid(s, "Width", s.Width, "give the width or the lane class")
	}
	if r.width == 0 {
		r.width = p.LaneClasses[r.lanes-1].Width
	}
	if r.lanes == 0 {
		for _, l := range p.LaneClasses {
			if r.width >= l.MinWidth && r.width < l.MaxWidth {
				r.lanes = l.Lanes
				break
			}
		}
		if r.lanes == 0 {
			return r, invalid(s, "Width", s.Width, "is in no lane class's width band; give the lane class")
		}
	}
	r.initialLoad = p.LaneClasses[r.lanes-1].LoadLanes

	if s.RoadClass < 1 || s.RoadClass > p.roadClass {
		return r, invalid(s, "RoadClass", s.RoadClass, fmt.Sprintf("use a road class 1..%d", p.roadClass))
	}
	r.roadClass = s.RoadClass
	if s.Terrain < Flat || s.Terrain > Mountainous {
		return r, invalid(s, "Terrain", int(s.Terrain), "use 1 flat, 2 hilly or 3 mountainous")
	}
	r.terrain = int(s.Terrain)
	if s.Temperature < 1 || s.Temperature > len(p.ClimateM) {
		return r, invalid(s, "Temperature", s.Temperature, fmt.Sprintf("use a temperature class 1..%d", len(p.ClimateM)))
	}
	if s.Moisture < 1 || s.Moisture > len(p.ClimateM[0]) {
		return r, invalid(s, "Moisture", s.Moisture, fmt.Sprintf("use a moisture class 1..%d", len(p.ClimateM[0])))
	}
	r.m = p.ClimateM[s.Temperature-1][s.Moisture-1]

	// Roughness and condition, each from the other.
	if !finite(s.Roughness) || s.Roughness < 0 || s.Roughness >= maxRoughness {
		return r, invalid(s, "Roughness", s.Roughness, fmt.Sprintf("give IRI in m/km (0 to below %d, 0 = from Condition)", maxRoughness))
	}
	if s.Condition < 0 || s.Condition > NumConditions {
		return r, invalid(s, "Condition", s.Condition, "use a condition class 1..5 (0 = from Roughness)")
	}
	r.condition, r.roughness = s.Condition, s.Roughness
	if r.condition == 0 && r.roughness == 0 {
		return r, invalid(s, "Condition", s.Condition, "give the condition class or the roughness")
	}
	if r.condition == 0 {
		r.condition = sp.conditionOf(r.roughness)
	}
	if r.roughness == 0 {
		r.roughness = sp.Roughness[r.condition-1]
	}
	if s.PavementAge < 0 {
		return r, invalid(s, "PavementAge", s.PavementAge, "give the age in years (>= 0, 0 = typical for the condition)")
	}
	r.age = s.PavementAge
	if r.age == 0 {
		r.age = sp.PavementAge[r.condition-1]
	}

	if err := p.prepareTraffic(s, &r); err != nil {
		return r, err
	}

	if !finite(s.StructuralNumber) || s.StructuralNumber < 0 {
		return r, invalid(s, "StructuralNumber", s.StructuralNumber, "give SNC >= 0 (0 = from the traffic level)")
	}
	r.snc = s.StructuralNumber
	if r.snc == 0 && sp.DefaultStructuralNumber {
		r.snc = p.TrafficLevels[r.level-1].StructuralNumber[r.condition-1]
	}
	r.choice = p.choice(r.surface, r.roadClass, r.condition)
	return r, nil
}

// prepareTraffic fills the year-1 traffic by vehicle class. Counts by class
// win; a total alone is split by its traffic level's shares; a level alone
// stands for its typical AADT.
func (p *Params) prepareTraffic(s *Section, r *prepared) error {
	if s.GrowthScenario < 1 || s.GrowthScenario > len(p.GrowthScenarios) {
		return invalid(s, "GrowthScenario", s.GrowthScenario, fmt.Sprintf("use a growth scenario 1..%d", len(p.GrowthScenarios)))
	}
	r.growth = s.GrowthScenario
	if s.TrafficLevel < 0 || s.TrafficLevel > len(p.TrafficLevels) {
		return invalid(s, "TrafficLevel", s.TrafficLevel, fmt.Sprintf("use a traffic level 1..%d (0 = from AADT)", len(p.TrafficLevels)))
	}
	if !finite(s.AADTTotal) || s.AADTTotal < 0 {
		return invalid(s, "AADTTotal", s.AADTTotal, "give vehicles per day (>= 0, 0 = from the counts or the traffic level)")
	}
	sum := 0.0
	for i, v := range s.AADT {
		if !finite(v) || v < 0 {
			return invalid(s, "AADT["+p.Vehicles[i].Name+"]", v, "give vehicles per day (>= 0)")
		}
		sum += v
	}
	r.level = s.TrafficLevel
	switch {
	case sum > 0:
		if s.AADTTotal > 0 && math.Abs(sum-s.AADTTotal) > 1e-6*s.AADTTotal {
			return invalid(s, "AADTTotal", s.AADTTotal, fmt.Sprintf("differs from the sum of the class counts (%g); make them agree or leave it 0", sum))
		}
		r.aadt, r.total = s.AADT, sum
	case s.AADTTotal > 0 || r.level > 0:
		r.total = s.AADTTotal
		if r.level == 0 {
			r.level = p.levelOf(r.total)
		}
		if r.total == 0 {
			r.total = p.TrafficLevels[r.level-1].AADT
		}
		for i, share := range p.TrafficLevels[r.level-1].Shares {
			r.aadt[i] = share * r.total
		}
	default:
		return invalid(s, "TrafficLevel", s.TrafficLevel, "give the traffic level or the traffic counts (AADT)")
	}
	if r.level == 0 {
		r.level = p.levelOf(r.total)
	}
	return nil
}

// levelOf returns the traffic level whose AADT band holds aadt; traffic
// above the last band counts as the last level.
func (p *Params) levelOf(aadt float64) int {
	for _, l := range p.TrafficLevels {
		if aadt >= l.MinAADT && aadt < l.MaxAADT {
			return l.Level
		}
	}
	return len(p.TrafficLevels)
}
