package reconcile

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// The register read in the ways other offices read it: per region, per
// year, and with the surveys read by another variant (village grades by
// their words, one class per ruas from link averages).

// variant is a way of reading the register.
type variant int

const (
	plain   variant = iota // the register as it is
	village                // village grades read by their words
	linkIRI                // one class per ruas from average IRI
	linkAll                // one class per ruas from average IRI and SDI
)

type viewKey struct {
	region string
	year   int
	v      variant
}

// calc computes and caches the register's condition per region, year and
// variant.
type calc struct {
	net   *roads.Network
	views map[viewKey]planner.NetworkCondition
	nets  map[string]*roads.Network // by region
}

// region returns the part of the register in a region: the whole of it
// for the office's region, the ruas of a kecamatan for a kecamatan code.
func (c *calc) region(code string) (*roads.Network, string) {
	if n, ok := c.nets[code]; ok {
		return n, ""
	}
	o := c.net.Office
	parts := strings.Count(code, ".") + 1
	switch {
	case o.Region != "" && code == o.Region, o.Region == "" && parts <= 2:
		c.nets[code] = c.net
		return c.net, ""
	case o.Region != "" && !o.Covers(code):
		return nil, fmt.Sprintf("wilayah %s di luar wilayah kantor (%s %s)", code, o.Region, o.Pemda())
	case parts != 3:
		return nil, fmt.Sprintf("wilayah %s: register menghitung per kabupaten/kota dan per kecamatan, bukan tingkat ini", code)
	}
	sub := *c.net
	sub.Ruas = nil
	for _, r := range c.net.Ruas {
		if r.KecamatanCode == code {
			sub.Ruas = append(sub.Ruas, r)
		}
	}
	if len(sub.Ruas) == 0 {
		return nil, fmt.Sprintf("tidak ada ruas di register dengan kecamatan %s", code)
	}
	c.nets[code] = &sub
	return &sub, ""
}

// view is the register's condition in a region at the end of a year,
// read by a variant.
func (c *calc) view(region string, year int, v variant) (planner.NetworkCondition, bool) {
	k := viewKey{region, year, v}
	if nc, ok := c.views[k]; ok {
		return nc, true
	}
	n, msg := c.region(region)
	if msg != "" || planner.CheckConditionYear(year) != nil {
		return planner.NetworkCondition{}, false
	}
	switch v {
	case village:
		n = villageByWord(n)
	case linkIRI, linkAll:
		n = linkAverage(n, year, v == linkAll)
	}
	if n == nil {
		return planner.NetworkCondition{}, false
	}
	nc := planner.ConditionAsOf(n, year)
	c.views[k] = nc
	return nc, true
}

// villageByWord is net with every link-level survey of a scheme other
// than Bina Marga's converted by the words of its classes ("rusak_ringan"
// as Rusak Ringan, "rusak_sedang" as Sedang) instead of its mapping table;
// nil when no survey needs it.
func villageByWord(net *roads.Network) *roads.Network {
	out := *net
	out.Surveys = make(map[int64][]*roads.Survey, len(net.Surveys))
	changed := false
	for id, vs := range net.Surveys {
		cp, copied := vs, false
		for i, v := range vs {
			if v.Scheme == "" || v.Scheme == roads.SchemeBinaMarga {
				continue
			}
			sc, err := roads.SchemeOf(v.Scheme)
			if err != nil {
				continue
			}
			var m [4]float64
			for k, code := range sc.Classes {
				m[byWord(code)] += v.Parts[k]
			}
			if m == v.Metres {
				continue
			}
			if !copied {
				cp, copied = append([]*roads.Survey(nil), vs...), true
			}
			x := *v
			x.Metres = m
			cp[i] = &x
			changed = true
		}
		out.Surveys[id] = cp
	}
	if !changed {
		return nil
	}
	return &out
}

// byWord is the Bina Marga rank a class code names by its words: the
// code itself when it is a Bina Marga class, else without "rusak_"
// ("rusak_sedang" → Sedang); Rusak Berat when nothing matches.
func byWord(code string) int {
	if r := roads.Kondisi(code).Rank(); r >= 0 {
		return r
	}
	if r := roads.Kondisi(strings.TrimPrefix(code, "rusak_")).Rank(); r >= 0 {
		return r
	}
	return roads.RusakBerat.Rank()
}

// linkAverage is net with each ruas's latest unit survey by year replaced
// by one record holding its whole length in the class of its
// length-weighted average IRI (and, with sdi, average SDI: the worse of
// both), as a link-level file would grade it; nil when no ruas has unit
// surveys.
func linkAverage(net *roads.Network, year int, sdi bool) *roads.Network {
	out := *net
	out.Surveys = make(map[int64][]*roads.Survey, len(net.Surveys))
	changed := false
	for id, vs := range net.Surveys {
		out.Surveys[id] = vs
		n := sort.Search(len(vs), func(i int) bool { return vs[i].Date.Year() > year })
		latest := planner.LatestUpTo(vs, year)
		var units []*roads.Survey
		for _, v := range latest {
			if v.Distress != nil {
				units = append(units, v)
			}
		}
		if len(units) == 0 || len(units) != len(latest) {
			continue
		}
		rules, err := roads.ConditionRules(units[0].Assessment.RuleVersion)
		if err != nil {
			continue
		}
		cond := roads.ConditionOf(units)
		var k roads.Kondisi
		if !math.IsNaN(cond.IRI) {
			k = rules.ClassOfIRI(cond.IRI)
		}
		if sdi && !math.IsNaN(cond.SDI) {
			k = roads.Worse(k, rules.ClassOfSDI(cond.SDI))
		}
		if k == "" {
			continue
		}
		one := *units[0]
		one.Distress = nil
		one.StaFromM, one.StaToM = units[0].StaFromM, units[len(units)-1].StaToM
		one.Metres = [4]float64{}
		one.Metres[k.Rank()] = cond.Total()
		cp := make([]*roads.Survey, 0, len(vs)-len(units)+1)
		cp = append(cp, vs[:n-len(units)]...)
		cp = append(cp, &one)
		cp = append(cp, vs[n:]...)
		out.Surveys[id] = cp
		changed = true
	}
	if !changed {
		return nil
	}
	return &out
}
