package planner

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
)

var (
	demoOnce sync.Once
	demoNet  *roads.Network
	demoErr  error
)

// demoNetwork fills the synthetic Kota Blitar demo into a real SQLite file
// once per test binary and reads it back as a Network.
func demoNetwork(t testing.TB) *roads.Network {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := osMkdirTemp()
		if err != nil {
			demoErr = err
			return
		}
		ctx := context.Background()
		s, err := roads.Open(ctx, filepath.Join(dir, "demo.db"))
		if err != nil {
			demoErr = err
			return
		}
		defer s.Close()
		if _, err := demo.Fill(ctx, s, demo.DefaultSeed); err != nil {
			demoErr = err
			return
		}
		demoNet, demoErr = s.Network(ctx)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoNet
}

func TestDemoSmoke(t *testing.T) {
	net := demoNetwork(t)
	t.Logf("demo: %d ruas, hash %s", len(net.Ruas), net.Hash)
	for _, b := range []float64{5e9, 15e9, 40e9} {
		for _, m := range []string{"optimal", "worst-first", "bina-marga", "ahp"} {
			res, err := Run(net, Input{FromYear: 2026, Years: 5, BudgetsRp: []float64{b}, Method: m})
			if err != nil {
				t.Fatal(err)
			}
			var ks []float64
			for _, y := range res.Plan {
				ks = append(ks, y.Kemantapan)
			}
			t.Logf("%s %-12s sections %d km %.1f: %v", FormatRp(b), m, res.Sections, res.NetworkKm, ks)
			if b == 5e9 && m == "optimal" {
				var dn []float64
				for _, y := range res.DoNothing.Years {
					dn = append(dn, y.Kemantapan)
				}
				t.Logf("do nothing %v baseline %.2f", dn, res.Baseline.Kemantapan)
				for _, p := range res.Models {
					t.Logf("model %s %s %s rate %.4f n %d se %.4f r2 %.2f src %s", p.Key, p.Quantity, p.Form, p.Rate, p.N, p.SE, p.R2, p.Source)
				}
			}
		}
	}
}
