package planner

import (
	"math"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// independentKemantapan sums, for every ruas, the metres per class of the
// surveys on its latest date in or before year, without planner code.
func independentKemantapan(net *roads.Network, year int) (mantapM, totalM float64) {
	for _, r := range net.Ruas {
		var last string
		for _, v := range net.Surveys[r.ID] {
			if v.Date.Year() <= year && v.Date.Format("2006-01-02") > last {
				last = v.Date.Format("2006-01-02")
			}
		}
		for _, v := range net.Surveys[r.ID] {
			if v.Date.Format("2006-01-02") != last {
				continue
			}
			for k, m := range v.Metres {
				totalM += m
				if roads.Kondisis[k].Mantap() {
					mantapM += m
				}
			}
		}
	}
	return mantapM, totalM
}

func TestBreakdownKemantapanEqualsIndependentSum(t *testing.T) {
	cases := []struct {
		name string
		net  func(t *testing.T) *roads.Network
		year int
	}{
		{"generated, latest year", func(t *testing.T) *roads.Network { return genNetwork(t, 3, 40, []int{2022, 2024}, 0.08) }, 2024},
		{"generated, earlier year", func(t *testing.T) *roads.Network { return genNetwork(t, 3, 40, []int{2022, 2024}, 0.08) }, 2023},
		{"demo city", func(t *testing.T) *roads.Network { return demoNetwork(t) }, demoFrom - 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := c.net(t)
			s := Breakdown(net, c.year)
			mantap, total := independentKemantapan(net, c.year)
			if total == 0 {
				t.Fatal("no surveyed length: the case tests nothing")
			}
			want := mantap / total * 100
			if math.Abs(float64(s.Kemantapan)-want) > 1e-9 {
				t.Errorf("kemantapan %.6f %%, independent sum %.6f %%", s.Kemantapan, want)
			}
			if math.Abs(s.Km.Total()*1000-total) > 1e-6 {
				t.Errorf("surveyed %.3f km, independent %.3f km", s.Km.Total(), total/1000)
			}
			for name, gs := range map[string][]Group{"kecamatan": s.ByKecamatan, "status": s.ByStatus, "fungsi": s.ByFungsi, "surface": s.BySurface} {
				var sum ClassKm
				var n int
				for _, g := range gs {
					addKm(&sum, g.Km)
					n += g.Ruas
				}
				if math.Abs(sum.Total()-s.Km.Total()) > 1e-9 || math.Abs(sum.Kemantapan()-float64(s.Kemantapan)) > 1e-9 || n != s.Ruas {
					t.Errorf("groups by %s add up to %.3f km, %.4f %%, %d ruas; total %.3f km, %.4f %%, %d ruas", name, sum.Total(), sum.Kemantapan(), n, s.Km.Total(), s.Kemantapan, s.Ruas)
				}
			}
		})
	}
}

func TestBreakdownYearPicksLatestSurveyUpToIt(t *testing.T) {
	net := genNetwork(t, 5, 10, []int{2021, 2023}, 0.2)
	early, late := Breakdown(net, 2021), Breakdown(net, 2023)
	if early.Kemantapan <= late.Kemantapan {
		t.Errorf("with a fast deterioration (m = 0.2) kemantapan should fall from 2021 (%.1f %%) to 2023 (%.1f %%)", early.Kemantapan, late.Kemantapan)
	}
	if none := Breakdown(net, 2019); none.Km.Total() != 0 || none.UnsurveyedKm != none.NetworkKm {
		t.Errorf("before any survey: %+v km surveyed, %.2f of %.2f km unsurveyed", none.Km, none.UnsurveyedKm, none.NetworkKm)
	}
}
