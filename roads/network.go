package roads

import (
	"math"
	"time"
)

// Network is a consistent read of the whole register: every ruas with its
// surveys, works and traffic, and a hash that changes whenever any stored
// record does. Plans are computed from a Network and keep its Hash, so an
// export can tell when the data moved on since the plan ran.
type Network struct {
	Ruas    []*Ruas
	Surveys map[int64][]*Survey  // by ruas id, by date then STA
	Works   map[int64][]*Works   // by ruas id, by date
	Traffic map[int64][]*Traffic // by ruas id, by year
	Hash    string
	ReadAt  time.Time
	// VerifiedOnly is set on the network returned by Verified.
	VerifiedOnly bool
	// Office is who the register belongs to (zero when not set yet; see
	// Office.IsSet). It is not part of Hash: naming the office does not
	// make a plan's data stale.
	Office Office
}

// LatestSurvey returns, for a ruas's surveys (sorted by date), those of the
// most recent survey date: the current condition of the link.
func LatestSurvey(surveys []*Survey) []*Survey {
	if len(surveys) == 0 {
		return nil
	}
	last := surveys[len(surveys)-1].Date
	i := len(surveys) - 1
	for i > 0 && surveys[i-1].Date.Equal(last) {
		i--
	}
	return surveys[i:]
}

// Condition is the length per Bina Marga class of a set of surveys, with
// the versions of the rules and mappings that derived them.
type Condition struct {
	Metres   [4]float64 // Kondisis order
	Date     time.Time  // latest survey date
	Versions []string   // rule and mapping versions used
	Mapped   bool       // some metres came through a scheme mapping
	SDI      float64    // length-weighted mean SDI of units that have one; NaN if none
	IRI      float64    // length-weighted mean IRI of units that have one; NaN if none
}

// Total is the surveyed length in metres.
func (c Condition) Total() float64 { return ClassLengthOf(c.Metres).Total() }

// Kemantapan is the share (%) of surveyed length in Baik or Sedang, NaN
// when nothing was surveyed (ClassLength.Kemantapan).
func (c Condition) Kemantapan() float64 { return ClassLengthOf(c.Metres).Kemantapan() }

// Kondisi is the class holding the most length (ties to the worse).
func (c Condition) Kondisi() Kondisi {
	best := -1
	for i, m := range c.Metres {
		if m > 0 && (best < 0 || m >= c.Metres[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return Kondisis[best]
}

// ConditionOf sums surveys into a Condition.
func ConditionOf(surveys []*Survey) Condition {
	var c Condition
	seen := map[string]bool{}
	var sdiW, sdiSum, iriW, iriSum float64
	for _, v := range surveys {
		for i := range c.Metres {
			c.Metres[i] += v.Metres[i]
		}
		if v.Date.After(c.Date) {
			c.Date = v.Date
		}
		ver := v.Assessment.RuleVersion
		if v.MappingVersion != "" {
			ver = v.MappingVersion
			if v.Scheme != SchemeBinaMarga {
				c.Mapped = true
			}
		}
		if ver != "" && !seen[ver] {
			seen[ver] = true
			c.Versions = append(c.Versions, ver)
		}
		if v.Distress != nil {
			l := v.LengthM()
			if v.Assessment.SDI != nil {
				sdiW += l
				sdiSum += l * *v.Assessment.SDI
			}
			if v.Distress.IRI != nil {
				iriW += l
				iriSum += l * *v.Distress.IRI
			}
		}
	}
	c.SDI, c.IRI = math.NaN(), math.NaN()
	if sdiW > 0 {
		c.SDI = sdiSum / sdiW
	}
	if iriW > 0 {
		c.IRI = iriSum / iriW
	}
	return c
}

// Changes counts the register records changed after a moment, from the
// audit trail: records a walidata verified or returned, and records added,
// edited, deleted or retired. A record both edited and verified counts in
// both. It tells a planner what moved since a plan ran.
type Changes struct {
	Verified int // verified or returned by a walidata
	Edited   int // added, edited, deleted or retired
}

// Total is the number of changes of either kind.
func (c Changes) Total() int { return c.Verified + c.Edited }
