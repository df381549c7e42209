package planner

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestRehabilitasiNotOnRusakBerat: by the SIPD nomenclature rekonstruksi,
// not rehabilitasi, is the works for Rusak Berat. The newest catalogue
// (read here from its file) says so, names its routine-care assumption
// with a version, and a plan's Rusak Berat sections are offered
// rehabilitasi only as a short piece joining a neighbour's package.
func TestRehabilitasiNotOnRusakBerat(t *testing.T) {
	b, err := os.ReadFile("../data/rules/treatments_id2026.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Version    string `json:"version"`
		Treatments []struct {
			Code       string          `json:"code"`
			Classes    []roads.Kondisi `json:"classes"`
			Assumption *struct {
				Version string `json:"version"`
				Note    string `json:"note"`
			} `json:"assumption"`
		} `json:"treatments"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	cat, err := Treatments("")
	if err != nil {
		t.Fatal(err)
	}
	if cat.Version != file.Version {
		t.Fatalf("newest catalogue %s, file %s", cat.Version, file.Version)
	}
	for _, tr := range file.Treatments {
		has := false
		for _, k := range tr.Classes {
			has = has || k == roads.RusakBerat
		}
		switch tr.Code {
		case "rehabilitasi":
			if has {
				t.Errorf("rehabilitasi lists Rusak Berat: %v", tr.Classes)
			}
		case "rekonstruksi":
			if !has {
				t.Errorf("rekonstruksi does not list Rusak Berat: %v", tr.Classes)
			}
		case "rutin":
			if tr.Assumption == nil || tr.Assumption.Version == "" || tr.Assumption.Note == "" {
				t.Errorf("routine care's effect is not a named, versioned assumption: %+v", tr.Assumption)
			}
		}
	}
	e := genEngine(t, 200, 3, DefaultMethod, 1)
	j, _ := cat.treatment("rehabilitasi")
	rb := uint8(roads.RusakBerat.Rank())
	for i := 0; i < e.sec.n; i++ {
		a := e.allowance(i, j, rb, e.start.surf[i])
		long := float64(e.sec.lenKm[i])*1000 >= e.minLen
		if a == allowClass || long && a != allowNone {
			t.Fatalf("section %d (%.0f m, %s): rehabilitasi allowed on Rusak Berat (%d)", i, e.sec.lenKm[i]*1000, roads.Surfaces[e.start.surf[i]], a)
		}
	}
}
