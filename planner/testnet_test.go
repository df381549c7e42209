package planner

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// genNetwork builds a small synthetic network in memory (the planner is
// pure, so no store is needed): nRuas ruas in the three Kota Blitar
// kecamatan with 100 m unit surveys in each of years (the last is the
// current condition), deteriorating at a known asphalt rate m, some ruas
// surveyed only as metres per class, some unpaved, and traffic counts.
func genNetwork(t testing.TB, seed uint64, nRuas int, years []int, m float64) *roads.Network {
	t.Helper()
	rules, err := roads.ConditionRules("")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, 99))
	net := &roads.Network{Surveys: map[int64][]*roads.Survey{}, Works: map[int64][]*roads.Works{}, Traffic: map[int64][]*roads.Traffic{},
		Hash: fmt.Sprintf("gen-%d-%d", seed, nRuas)}
	kec := []struct{ code, name string }{{"35.72.01", "Kepanjenkidul"}, {"35.72.02", "Sukorejo"}, {"35.72.03", "Sananwetan"}}
	fungsi := []roads.Fungsi{roads.Arteri, roads.Kolektor, roads.Lokal, roads.Lokal, roads.Lingkungan, roads.Lingkungan}
	for k := 0; k < nRuas; k++ {
		surf := roads.Aspal
		switch x := r.IntN(20); {
		case x == 0:
			surf = roads.Beton
		case x == 1:
			surf = roads.Kerikil
		case x == 2:
			surf = roads.Lapen
		}
		kc := kec[k%3]
		ru := &roads.Ruas{ID: int64(k + 1), Key: roads.Key{Region: "35.72", No: fmt.Sprintf("%03d", k+1)}, Name: fmt.Sprintf("Jl. Uji %d", k+1),
			Status: roads.Kota, Fungsi: fungsi[r.IntN(len(fungsi))], Surface: surf, WidthM: 4 + float64(r.IntN(5)),
			LengthM: float64(3+r.IntN(20)) * 100, KecamatanCode: kc.code, Kecamatan: kc.name, YearBuilt: 1995 + r.IntN(25)}
		net.Ruas = append(net.Ruas, ru)
		if r.IntN(2) == 0 {
			net.Traffic[ru.ID] = []*roads.Traffic{{RuasID: ru.ID, Ruas: ru.Key, Year: years[0], LHR: float64(200 + r.IntN(15000))}}
		}
		if k%7 == 6 {
			// Office data: metres per class only, in the latest year.
			parts := [4]float64{}
			left := ru.LengthM
			for c := 0; c < 3; c++ {
				p := math.Floor(left * r.Float64() / 100 * 100)
				parts[c] = p
				left -= p
			}
			parts[3] = left
			v := &roads.Survey{RuasID: ru.ID, Ruas: ru.Key, Date: time.Date(years[len(years)-1], 6, 1, 0, 0, 0, 0, time.UTC),
				StaFromM: 0, StaToM: ru.LengthM, Scheme: roads.SchemeBinaMarga, Parts: parts}
			if err := v.Derive(rules); err != nil {
				t.Fatal(err)
			}
			net.Surveys[ru.ID] = append(net.Surveys[ru.ID], v)
			continue
		}
		units := int(ru.LengthM / 100)
		iri := make([]float64, units)
		crack := make([]float64, units)
		for u := range iri {
			iri[u] = 2.5 + r.Float64()*8
			if r.IntN(8) == 0 {
				iri[u] = 10 + r.Float64()*5
			}
			crack[u] = r.Float64() * 15
		}
		unpaved := !surf.Paved()
		for yi, y := range years {
			if yi > 0 {
				dt := float64(y - years[yi-1])
				for u := range iri {
					if unpaved {
						iri[u] += 1.5 * dt
					} else {
						iri[u] *= math.Pow(1+m, dt)
					}
					iri[u] = math.Min(iri[u], 16)
					crack[u] = math.Min(crack[u]+4*dt, 60)
				}
			}
			for u := range iri {
				noisy := math.Min(iri[u]*math.Exp(r.NormFloat64()*0.03), 29)
				d := &roads.Distress{IRI: &noisy}
				if !unpaved {
					ca, cw, ph, rut := crack[u], 1+r.Float64()*4, float64(r.IntN(3)), r.Float64()*2
					d.CrackAreaPct, d.CrackWidthMM, d.Potholes, d.RutCM = &ca, &cw, &ph, &rut
				}
				v := &roads.Survey{RuasID: ru.ID, Ruas: ru.Key, Date: time.Date(y, 7, 1, 0, 0, 0, 0, time.UTC),
					StaFromM: float64(u * 100), StaToM: float64(u*100 + 100), Distress: d}
				if err := v.Derive(rules); err != nil {
					t.Fatal(err)
				}
				net.Surveys[ru.ID] = append(net.Surveys[ru.ID], v)
			}
		}
	}
	return net
}
