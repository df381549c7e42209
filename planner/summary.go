package planner

import (
	"sort"

	"github.com/kotablitar/ruas/roads"
)

// Summary is the condition of a network in a year: km per Bina Marga class
// and kemantapan, in total and broken down by kecamatan, status, fungsi
// and surface. Each ruas counts with its latest survey dated in or before
// the year; the metres per class are the survey's own (derived by the rule
// versions listed), never re-derived here.
type Summary struct {
	Year       int           `json:"year"`
	Ruas       int           `json:"ruas"`
	Km         ClassKm       `json:"km_per_class"`
	Kemantapan roads.Percent `json:"kemantapan_pct"` // of surveyed length (surveyed-only share); NaN (null) with none
	// KemantapanNetworkPct is Baik+Sedang over the network length
	// (NetworkKm, surveyed or not): the RPJMD/Renstra indicator, with
	// unsurveyed length its own class.
	KemantapanNetworkPct roads.Percent `json:"kemantapan_network_pct"`
	// Scope is the set of statuses counted (empty: the whole register);
	// OutOfScope the ruas and km left out.
	Scope      []roads.Status `json:"scope,omitempty"`
	OutOfScope OutOfScope     `json:"out_of_scope"`
	// NetworkKm is the register length of all ruas; UnsurveyedKm the part
	// of it with no survey in or before the year (not in Km).
	NetworkKm    float64  `json:"network_km"`
	UnsurveyedKm float64  `json:"unsurveyed_km"`
	RuleVersions []string `json:"rule_versions"`
	// MappedKm is the surveyed length whose class came through a scheme
	// mapping (e.g. village grading), kept visible because it is converted.
	MappedKm    float64 `json:"mapped_km"`
	ByKecamatan []Group `json:"by_kecamatan"`
	ByStatus    []Group `json:"by_status"`
	ByFungsi    []Group `json:"by_fungsi"`
	BySurface   []Group `json:"by_surface"`
}

// Group is the condition of one part of the network.
type Group struct {
	Key        string        `json:"key"` // code: kecamatan code, status, fungsi or surface
	Label      string        `json:"label"`
	Ruas       int           `json:"ruas"`
	Km         ClassKm       `json:"km_per_class"`
	Kemantapan roads.Percent `json:"kemantapan_pct"`
	// KemantapanNetworkPct: as in Summary, over the group's network length.
	KemantapanNetworkPct roads.Percent `json:"kemantapan_network_pct"`
	NetworkKm            float64       `json:"network_km"`
	UnsurveyedKm         float64       `json:"unsurveyed_km"`
}

// LatestUpTo returns the surveys of a ruas's latest survey date in or
// before year (surveys sorted by date, as roads.Network holds them).
func LatestUpTo(surveys []*roads.Survey, year int) []*roads.Survey {
	n := sort.Search(len(surveys), func(i int) bool { return surveys[i].Date.Year() > year })
	return roads.LatestSurvey(surveys[:n])
}

// Breakdown summarises the network's condition in a year (see Summary).
func Breakdown(net *roads.Network, year int) Summary { return BreakdownScope(net, year, nil) }

// BreakdownScope is Breakdown over the ruas whose status is in scope
// (empty: all); the others are counted in OutOfScope only.
func BreakdownScope(net *roads.Network, year int, scope []roads.Status) Summary {
	s := Summary{Year: year, Scope: scope}
	groups := [4]map[string]*Group{{}, {}, {}, {}}
	versions := map[string]bool{}
	for _, r := range net.Ruas {
		if !inScope(scope, r.Status) {
			s.OutOfScope.Ruas++
			s.OutOfScope.Km += r.Length() / 1000
			continue
		}
		c := roads.ConditionOf(LatestUpTo(net.Surveys[r.ID], year))
		km := classKmOf(c.Metres)
		lenKm := r.Length() / 1000
		unsurveyed := lenKm - km.Total()
		if unsurveyed < 0 || c.Total() == 0 && lenKm == 0 {
			unsurveyed = 0
		}
		if c.Total() == 0 {
			unsurveyed = lenKm
		}
		s.Ruas++
		s.NetworkKm += lenKm
		s.UnsurveyedKm += unsurveyed
		addKm(&s.Km, km)
		if c.Mapped {
			s.MappedKm += km.Total()
		}
		for _, v := range c.Versions {
			versions[v] = true
		}
		kec := r.KecamatanCode
		kecLabel := r.Kecamatan
		if kec == "" {
			kec, kecLabel = "", "Tidak terinci"
		}
		if kecLabel == "" {
			if w, ok := roads.Ref().Place(kec); ok {
				kecLabel = w.Name
			}
		}
		keys := [4][2]string{
			{kec, kecLabel},
			{string(r.Status), statusLabel(r.Status)},
			{string(r.Fungsi), fungsiLabel(r.Fungsi)},
			{string(r.Surface), roads.Ref().Surface(r.Surface).Name},
		}
		for i, k := range keys {
			g := groups[i][k[0]]
			if g == nil {
				g = &Group{Key: k[0], Label: k[1]}
				groups[i][k[0]] = g
			}
			g.Ruas++
			addKm(&g.Km, km)
			g.NetworkKm += lenKm
			g.UnsurveyedKm += unsurveyed
		}
	}
	s.Kemantapan = roads.Percent(s.Km.Kemantapan())
	s.KemantapanNetworkPct = roads.Percent(networkKemantapan(s.Km, s.UnsurveyedKm))
	s.OutOfScope.Km = round(s.OutOfScope.Km, 3)
	for v := range versions {
		s.RuleVersions = append(s.RuleVersions, v)
	}
	sort.Strings(s.RuleVersions)
	out := [4]*[]Group{&s.ByKecamatan, &s.ByStatus, &s.ByFungsi, &s.BySurface}
	for i, m := range groups {
		for _, g := range m {
			g.Kemantapan = roads.Percent(g.Km.Kemantapan())
			g.KemantapanNetworkPct = roads.Percent(networkKemantapan(g.Km, g.UnsurveyedKm))
			*out[i] = append(*out[i], *g)
		}
		sort.Slice(*out[i], func(a, b int) bool { return (*out[i])[a].Key < (*out[i])[b].Key })
	}
	return s
}

// networkKemantapan is Baik+Sedang over the classified plus unsurveyed
// length, in percent (NaN when empty).
func networkKemantapan(km ClassKm, unsurveyedKm float64) float64 {
	return km.KemantapanOf(km.Total() + unsurveyedKm)
}

func addKm(dst *ClassKm, km ClassKm) { *dst = dst.Plus(km) }

func statusLabel(s roads.Status) string {
	if s == "" {
		return "Tidak terinci"
	}
	return "Jalan " + string(s)
}

func fungsiLabel(f roads.Fungsi) string {
	if f == roads.FungsiBelum {
		return "Tidak terinci"
	}
	b := []byte(f)
	b[0] -= 'a' - 'A'
	return string(b)
}
