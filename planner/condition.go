package planner

import (
	"encoding/json"
	"math"

	"github.com/kotablitar/ruas/roads"
)

// NetworkCondition is the register's condition as of the end of a year:
// what the dashboard and `ruas condition` show, from this one function.
// Each ruas counts with its latest survey dated in or before the year
// (Breakdown); kemantapan divides by the network length of the office's
// authority (kewenangan), with unsurveyed length its own class, and the
// share of the surveyed length alone is given beside it, labelled.
// Drafts (records a walidata has not verified) are included and counted.
type NetworkCondition struct {
	Year int `json:"year"`
	// Authority is the ruas status the office maintains; "" when the
	// register has no office, and then Scope is the whole register.
	Authority roads.Status `json:"kewenangan"`
	// Scope is the network of the office's authority; Others the ruas of
	// any other status (kept in the register, reported apart); Total both.
	Scope  ConditionGroup `json:"kewenangan_network"`
	Others ConditionGroup `json:"other_roads"`
	Total  ConditionGroup `json:"total"`
	// The breakdowns cover the whole register, as the dashboard shows it.
	ByKecamatan  []ConditionGroup `json:"by_kecamatan"`
	ByStatus     []ConditionGroup `json:"by_status"`
	ByFungsi     []ConditionGroup `json:"by_fungsi"`
	BySurface    []ConditionGroup `json:"by_surface"`
	RuleVersions []string         `json:"rule_versions"`
	MappedKm     float64          `json:"mapped_km"`
}

// ConditionGroup is the condition of one part of the network, km.
type ConditionGroup struct {
	Key          string  `json:"key"`
	Label        string  `json:"label"`
	Ruas         int     `json:"ruas"`
	NetworkKm    float64 `json:"network_km"`
	Km           ClassKm `json:"km_per_class"`
	SurveyedKm   float64 `json:"surveyed_km"`
	UnsurveyedKm float64 `json:"unsurveyed_km"`
	// Drafts: ruas records, and the survey records counted (the latest
	// survey of each ruas by the year) with the km they carry, that a
	// walidata has not verified. They are included in the figures.
	DraftRuas     int     `json:"draft_ruas"`
	DraftSurveys  int     `json:"draft_surveys"`
	DraftSurveyKm float64 `json:"draft_survey_km"`
}

// Kemantapan is (Baik + Sedang) / network length × 100: the RPJMD/Renstra
// indicator; NaN for an empty group.
func (g ConditionGroup) Kemantapan() float64 { return g.Km.KemantapanOf(g.NetworkKm) }

// KemantapanSurveyed is (Baik + Sedang) / surveyed length × 100: the share
// of what was surveyed; NaN when nothing was.
func (g ConditionGroup) KemantapanSurveyed() float64 { return g.Km.KemantapanOf(g.SurveyedKm) }

// Share is the share (%) of the network length in class i (0–3 in
// roads.Kondisis order, 4 = unsurveyed).
func (g ConditionGroup) Share(i int) float64 {
	if g.NetworkKm <= 0 {
		return math.NaN()
	}
	if i == 4 {
		return g.UnsurveyedKm / g.NetworkKm * 100
	}
	return g.Km.Of(roads.Kondisis[i]) / g.NetworkKm * 100
}

// MarshalJSON adds the derived shares (null when undefined).
func (g ConditionGroup) MarshalJSON() ([]byte, error) {
	type plain ConditionGroup
	return json.Marshal(struct {
		plain
		Kemantapan         roads.Percent `json:"kemantapan_pct"`
		KemantapanSurveyed roads.Percent `json:"kemantapan_surveyed_pct"`
	}{plain(g), roads.Percent(g.Kemantapan()), roads.Percent(g.KemantapanSurveyed())})
}

// ConditionAsOf computes the NetworkCondition of net at the end of year
// for the office's authority (net.Office; the whole register without one).
func ConditionAsOf(net *roads.Network, year int) NetworkCondition {
	authority := net.Office.Authority
	all := Breakdown(net, year)
	out := NetworkCondition{Year: year, Authority: authority, RuleVersions: all.RuleVersions, MappedKm: all.MappedKm}
	if out.RuleVersions == nil {
		out.RuleVersions = []string{}
	}
	in, other := *net, *net
	in.Ruas, other.Ruas = nil, nil
	for _, r := range net.Ruas {
		if authority == "" || r.Status == authority {
			in.Ruas = append(in.Ruas, r)
		} else {
			other.Ruas = append(other.Ruas, r)
		}
	}
	out.Total = groupOf("total", "", all.Ruas, all.NetworkKm, all.Km, all.UnsurveyedKm)
	scope := all // the common case: every ruas is the office's
	if len(other.Ruas) > 0 {
		scope = Breakdown(&in, year)
	}
	out.Scope = groupOf(string(authority), "", scope.Ruas, scope.NetworkKm, scope.Km, scope.UnsurveyedKm)
	others := Breakdown(&other, year)
	out.Others = groupOf("other", "", others.Ruas, others.NetworkKm, others.Km, others.UnsurveyedKm)
	for _, x := range []struct {
		n *roads.Network
		g *ConditionGroup
	}{{net, &out.Total}, {&in, &out.Scope}, {&other, &out.Others}} {
		x.g.DraftRuas, x.g.DraftSurveys, x.g.DraftSurveyKm = drafts(x.n, year)
	}
	conv := func(gs []Group) []ConditionGroup {
		res := make([]ConditionGroup, 0, len(gs))
		for _, g := range gs {
			res = append(res, groupOf(g.Key, g.Label, g.Ruas, g.NetworkKm, g.Km, g.UnsurveyedKm))
		}
		return res
	}
	out.ByKecamatan, out.ByStatus, out.ByFungsi, out.BySurface = conv(all.ByKecamatan), conv(all.ByStatus), conv(all.ByFungsi), conv(all.BySurface)
	return out
}

func groupOf(key, label string, ruas int, networkKm float64, km ClassKm, unsurveyed float64) ConditionGroup {
	return ConditionGroup{Key: key, Label: label, Ruas: ruas, NetworkKm: networkKm, Km: km, SurveyedKm: km.Total(), UnsurveyedKm: unsurveyed}
}

// drafts counts the unverified ruas records of net and the unverified
// survey records among those its figures for year rest on.
func drafts(net *roads.Network, year int) (ruas, surveys int, km float64) {
	for _, r := range net.Ruas {
		if r.Verif.State != roads.Verified {
			ruas++
		}
		for _, v := range LatestUpTo(net.Surveys[r.ID], year) {
			if v.Verif.State != roads.Verified {
				surveys++
				km += roads.ConditionOf([]*roads.Survey{v}).Total() / 1000
			}
		}
	}
	return ruas, surveys, km
}
