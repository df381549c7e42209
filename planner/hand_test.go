package planner

import (
	"math"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestForcedAndExcluded: a Musrenbang reconstruction of a whole ruas
// (catalogue cost) and a contracted overlay at a stated price are carried
// in their year, flagged with their kind and reason and paid before the
// method's choice; an excluded ruas gets no capital work in its years;
// the budget still holds.
func TestForcedAndExcluded(t *testing.T) {
	net := genNetwork(t, 5, 40, []int{2022, 2024}, 0.08)
	in := Input{FromYear: 2025, Years: 3, BudgetsRp: []float64{15e9}}
	free, err := Run(net, in)
	if err != nil {
		t.Fatal(err)
	}
	// The excluded ruas: the first one the free plan treats in 2026.
	var excluded string
	for _, w := range free.Plan[1].Works {
		if !w.Routine {
			excluded = w.RuasKey
			break
		}
	}
	var forced, contracted *roads.Ruas
	for _, r := range net.Ruas {
		if r.Surface != roads.Aspal || len(net.Surveys[r.ID]) == 0 || net.Surveys[r.ID][0].Distress == nil || r.Key.String() == excluded {
			continue
		}
		if forced == nil {
			forced = r
		} else if contracted == nil {
			contracted = r
		}
	}
	in.Forced = []Forced{
		{Ruas: forced.Key.String(), Year: 2026, Treatment: "rekonstruksi", Kind: "musrenbang", Reason: "Usulan Musrenbang Kelurahan Uji 2025"},
		{Ruas: contracted.Key.String(), StaFromM: 0, StaToM: 200, Year: 2025, Treatment: "berkala", Kind: "kontrak", Reason: "Kontrak 01/2025", CostRp: 123_456_000},
	}
	in.Exclusions = []Exclusion{{Ruas: excluded, FromYear: 2026, ToYear: 2027, Reason: "jaringan air minum akan digali"}}
	res, err := Run(net, in)
	if err != nil {
		t.Fatal(err)
	}
	// Catalogue: rekonstruksi aspal Rp 800.000/m² at 2025 prices, raised to 2026.
	_, esc := usulanShares(t)
	wantRecon := forced.WidthM * forced.LengthM * 800000 * (1 + esc/100)
	check := func(y YearResult, r *roads.Ruas, cost float64, kind, reason string) {
		t.Helper()
		var got float64
		for _, w := range y.Works {
			if w.Forced && w.RuasKey == r.Key.String() {
				got += w.CostRp
				if w.ForcedKind != kind || w.ForcedReason != reason || w.Rank != 0 || !strings.Contains(w.Justification, reason) {
					t.Errorf("%d: forced row %+v", y.Year, w)
				}
			} else if !w.Routine && w.RuasKey == r.Key.String() && w.StaFromM < 200 {
				t.Errorf("%d: %s also got %s at %s", y.Year, r.Key, w.Treatment, w.Section)
			}
		}
		if math.Abs(got-cost) > 2 || math.Abs(y.ForcedRp-cost) > 2 {
			t.Errorf("%d: forced %s costs %s (year's forced %s), want %s", y.Year, r.Key, FormatRp(got), FormatRp(y.ForcedRp), FormatRp(cost))
		}
	}
	check(res.Plan[0], contracted, 123_456_000, "kontrak", "Kontrak 01/2025")
	check(res.Plan[1], forced, wantRecon, "musrenbang", "Usulan Musrenbang Kelurahan Uji 2025")
	for _, y := range res.Plan {
		if y.SpentRp > y.BudgetRp {
			t.Errorf("%d: spent %s over %s", y.Year, FormatRp(y.SpentRp), FormatRp(y.BudgetRp))
		}
		for _, w := range y.Works {
			if y.Year >= 2026 && w.RuasKey == excluded && !w.Routine {
				t.Errorf("%d: excluded ruas %s got %s", y.Year, excluded, w.Treatment)
			}
		}
	}
	if !strings.Contains(strings.Join(res.Notes, " "), "jaringan air minum akan digali") {
		t.Errorf("the exclusion's reason is not in the notes: %v", res.Notes)
	}
	bad := []struct {
		name string
		f    Forced
		want string
	}{
		{"no reason", Forced{Ruas: forced.Key.String(), Year: 2026, Treatment: "berkala", Kind: "pokir"}, "no reason"},
		{"unknown ruas", Forced{Ruas: "35.72/999", Year: 2026, Treatment: "berkala", Kind: "pokir", Reason: "x"}, "not in the register"},
		{"kind", Forced{Ruas: forced.Key.String(), Year: 2026, Treatment: "berkala", Kind: "lobi", Reason: "x"}, "kind"},
		{"routine", Forced{Ruas: forced.Key.String(), Year: 2026, Treatment: "rutin", Kind: "pokir", Reason: "x"}, "already funded"},
		{"year", Forced{Ruas: forced.Key.String(), Year: 2030, Treatment: "berkala", Kind: "pokir", Reason: "x"}, "outside the plan"},
	}
	for _, c := range bad {
		_, err := Run(net, Input{FromYear: 2025, Years: 3, BudgetsRp: []float64{6e9}, Forced: []Forced{c.f}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

// TestScopeAndNetworkKemantapan: with provincial roads in the register
// and some city roads never surveyed, a plan scoped to jalan kota plans
// only city roads, reports the rest apart, and its kemantapan over the
// network length (unsurveyed length its own class) equals a count made
// here from the surveys and the register lengths.
func TestScopeAndNetworkKemantapan(t *testing.T) {
	net := genNetwork(t, 13, 40, []int{2022, 2024}, 0.08)
	var outRuas int
	var outKm float64
	for k, r := range net.Ruas {
		switch k % 5 {
		case 1:
			r.Status = roads.Provinsi
			outRuas++
			outKm += r.Length() / 1000
		case 3:
			delete(net.Surveys, r.ID) // never surveyed
		}
	}
	var mantap, classified, unsurveyed, network float64
	for _, r := range net.Ruas {
		if r.Status != roads.Kota {
			continue
		}
		network += r.Length() / 1000
		var m [4]float64
		for _, v := range roads.LatestSurvey(net.Surveys[r.ID]) {
			for c := range m {
				m[c] += v.Metres[c]
			}
		}
		s := (m[0] + m[1] + m[2] + m[3]) / 1000
		mantap += (m[0] + m[1]) / 1000
		classified += s
		unsurveyed += math.Max(r.Length()/1000-s, 0)
	}
	res, err := Run(net, Input{FromYear: 2025, Years: 2, BudgetsRp: []float64{3e9}, Scope: []roads.Status{roads.Kota}})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Baseline
	want := mantap / (classified + unsurveyed) * 100
	t.Logf("network %.3f km: classified %.3f, unsurveyed %.3f; kemantapan %.2f %% of the network, %.2f %% of the surveyed length", network, classified, unsurveyed, want, mantap/classified*100)
	if math.Abs(float64(b.KemantapanNetworkPct)-want) > 1e-6 || math.Abs(float64(b.Kemantapan)-mantap/classified*100) > 1e-6 {
		t.Errorf("baseline kemantapan %.4f %% of the network (want %.4f), %.4f %% surveyed (want %.4f)", b.KemantapanNetworkPct, want, b.Kemantapan, mantap/classified*100)
	}
	if math.Abs(b.NetworkKm-network) > 1e-6 || math.Abs(res.UnsurveyedKm-unsurveyed) > 1e-3 {
		t.Errorf("network %.3f km (want %.3f), unsurveyed %.3f km (want %.3f)", b.NetworkKm, network, res.UnsurveyedKm, unsurveyed)
	}
	if res.OutOfScope.Ruas != outRuas || math.Abs(res.OutOfScope.Km-outKm) > 1e-3 {
		t.Errorf("out of scope %+v, want %d ruas %.3f km", res.OutOfScope, outRuas, outKm)
	}
	status := map[string]roads.Status{}
	for _, r := range net.Ruas {
		status[r.Key.String()] = r.Status
	}
	for _, y := range res.Plan {
		for _, w := range y.Works {
			if status[w.RuasKey] != roads.Kota {
				t.Errorf("%d: %s planned on jalan %s outside the scope", y.Year, w.Section, status[w.RuasKey])
			}
		}
		km := y.Km
		want := (km.Baik + km.Sedang) / (km.Total() + unsurveyed) * 100
		if math.Abs(y.KemantapanNetworkPct-want) > 0.01 {
			t.Errorf("%d: kemantapan of the network %.2f %%, want %.2f %%", y.Year, y.KemantapanNetworkPct, want)
		}
	}
	if _, err := Run(net, Input{FromYear: 2025, BudgetsRp: []float64{1}, Scope: []roads.Status{"kelurahan"}}); err == nil || !strings.Contains(err.Error(), "scope status") {
		t.Errorf("unknown scope status: err = %v", err)
	}
}
