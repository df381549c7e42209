package web

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// TestEmptyNetworkKemantapan: every holder of lengths per class agrees on
// an empty network: no kemantapan (NaN; null in JSON), where they used to
// say 0 or NaN. With one 500 m ruas never surveyed the share of the
// surveyed length is still undefined, while the network indicator is 0 %
// (0 of 0.5 km known mantap; unsurveyed length counts as neither).
func TestEmptyNetworkKemantapan(t *testing.T) {
	net := &roads.Network{Surveys: map[int64][]*roads.Survey{}}
	net.Ruas = []*roads.Ruas{{ID: 1, Key: roads.Key{Region: "35.72", No: "001"}, Status: roads.Kota, LengthM: 500}}
	for _, n := range []*roads.Network{{Surveys: map[int64][]*roads.Survey{}}, net} {
		s := planner.Breakdown(n, 2026)
		nc := planner.ConditionAsOf(n, 2026)
		b := breakdownOf(nc.Total)
		network := map[string]float64{
			"planner.Summary.KemantapanNetworkPct": float64(s.KemantapanNetworkPct),
			"planner.ConditionGroup.Kemantapan":    nc.Total.Kemantapan(),
		}
		for name, v := range network {
			if len(n.Ruas) == 0 && !math.IsNaN(v) || len(n.Ruas) == 1 && v != 0 {
				t.Errorf("%d ruas: %s = %v, want NaN for no network, 0 for an unsurveyed one", len(n.Ruas), name, v)
			}
		}
		for name, v := range map[string]float64{
			"planner.Summary.Kemantapan":      float64(s.Kemantapan),
			"planner.ClassKm.Kemantapan":      s.Km.Kemantapan(),
			"planner.ConditionGroup.Surveyed": nc.Total.KemantapanSurveyed(),
			"web.Breakdown.Kemantapan":        b.Kemantapan(),
			"roads.Condition.Kemantapan":      roads.ConditionOf(nil).Kemantapan(),
		} {
			if !math.IsNaN(v) {
				t.Errorf("%d ruas: %s = %v, want NaN (no kemantapan)", len(n.Ruas), name, v)
			}
		}
		for name, v := range map[string]any{"summary": s, "condition": nc, "breakdown": newBreakdownDoc(b)} {
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(n.Ruas) == 0 && !strings.Contains(string(out), `"kemantapan_pct":null`) {
				t.Errorf("%s: %s, want kemantapan_pct null", name, out)
			}
		}
	}
}
