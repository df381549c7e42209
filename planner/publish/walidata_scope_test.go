package publish

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestWalidataSurveysUpToYear: the baseline year's figures never count a
// survey dated after the year, even when the plan's baseline did (a plan
// from 2026 may read early 2026 surveys).
func TestWalidataSurveysUpToYear(t *testing.T) {
	f := newFixture(t)
	src := f.load(t)
	// The plan's baseline read a 2026 survey of Gg. Baru (300 m, never
	// surveyed up to 2025): all of it Baik, nothing unsurveyed.
	b := &src.Result.Baseline
	b.Year = 2026
	b.Km.Baik += 0.3
	b.UnsurveyedKm = 0
	w, err := NewWalidata(src, 2025)
	if err != nil {
		t.Fatal(err)
	}
	// Up to 2025 Gg. Baru (300 m) has no survey, nor 400 of Jl. Sawah's
	// 500 m (its survey covers 0–100 m): 0,7 km unknown.
	if got := value(t, w, "kondisi:tidak_diketahui"); math.Abs(got-0.7) > 1e-9 {
		t.Errorf("2025 unknown length %.2f km, want 0.70 (Gg. Baru's survey is of 2026)", got)
	}
	if w.Figures.SurveyYear != 2025 {
		t.Errorf("2025 figures rest on surveys up to %d", w.Figures.SurveyYear)
	}
}

// TestWalidataKewenangan: a national road in a city's register is left out
// of the city's figures and named apart; realisasi years carry the
// condition per kecamatan, which adds up to the figures.
func TestWalidataKewenangan(t *testing.T) {
	f := newFixture(t)
	net := *f.net
	nas := &roads.Ruas{ID: 9001, Key: roads.Key{Region: "35.72", No: "N01"}, Name: "Jl. Nasional", Status: roads.Nasional, Surface: roads.Aspal,
		WidthM: 7, LengthM: 2000, KecamatanCode: "35.72.01", Kecamatan: "Kepanjenkidul"}
	net.Ruas = append(append([]*roads.Ruas{}, net.Ruas...), nas)
	net.Surveys = map[int64][]*roads.Survey{}
	for k, v := range f.net.Surveys {
		net.Surveys[k] = v
	}
	net.Surveys[nas.ID] = []*roads.Survey{{Ruas: nas.Key, Date: day("2024-05-01"), StaToM: 2000, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{2000, 0, 0, 0}}}
	src, err := Load(f.run, &net, false)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWalidata(src, 2024)
	if err != nil {
		t.Fatal(err)
	}
	// The four city ruas: 1200 + 800 + 500 + 300 m.
	if got := value(t, w, "panjang"); math.Abs(got-2.8) > 1e-9 {
		t.Errorf("2024 panjang %.2f km, want 2.80 (the national road's 2 km left out)", got)
	}
	// 2024: only Jl. Merdeka surveyed, 800 m Baik and 400 m Sedang.
	if got := value(t, w, "kondisi:baik"); math.Abs(got-0.8) > 1e-9 {
		t.Errorf("2024 Baik %.2f km, want 0.80", got)
	}
	var doc struct {
		Kewenangan string            `json:"kewenangan"`
		Kecamatan  []kecamatanRecord `json:"per_kecamatan"`
	}
	var buf bytes.Buffer
	if err := w.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Kewenangan != "jalan kota (di luar kewenangan, tidak dihitung: 1 ruas, 2,00 km)" {
		t.Errorf("kewenangan %q", doc.Kewenangan)
	}
	var sum, baik float64
	for _, k := range doc.Kecamatan {
		sum += k.Panjang
		baik += k.Baik
		if k.Kode == "35.72.02" && (k.Panjang != 1.2 || k.Baik != 0.8 || k.Sedang != 0.4) {
			t.Errorf("Sukorejo %+v, want Jl. Merdeka's 1,2 km: 0,8 Baik 0,4 Sedang", k)
		}
	}
	if len(doc.Kecamatan) != 3 || math.Abs(sum-2.8) > 1e-9 || math.Abs(baik-0.8) > 1e-9 {
		t.Errorf("per kecamatan %+v: %d kecamatan, %.2f km, %.2f km Baik; want 3, 2.80, 0.80", doc.Kecamatan, len(doc.Kecamatan), sum, baik)
	}
	// A forecast year has no kecamatan figures.
	w27, err := NewWalidata(src, 2027)
	if err != nil {
		t.Fatal(err)
	}
	if len(w27.kecamatan()) != 0 {
		t.Errorf("a plan year carries kecamatan figures it cannot know")
	}
}

// TestWalidataBaselineFallback: when the verified register has no survey
// up to the year before the plan, that year states the plan's baseline and
// says which later survey year it rests on.
func TestWalidataBaselineFallback(t *testing.T) {
	f := newFixture(t)
	net := *f.net
	net.Surveys = map[int64][]*roads.Survey{} // nothing verified yet
	src, err := Load(f.run, &net, false)
	if err != nil {
		t.Fatal(err)
	}
	src.Result.Baseline.Year = 2026
	w, err := NewWalidata(src, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := value(t, w, "kondisi:baik"), round(src.Result.Baseline.Km.Baik, 2); got != want {
		t.Errorf("Baik %.2f, the plan's baseline %.2f", got, want)
	}
	if k := w.Keterangan(); k != "realisasi: survei kondisi terakhir setiap ruas s.d. tahun 2026" {
		t.Errorf("keterangan %q does not name the survey year the figures rest on", k)
	}
	if _, err := NewWalidata(src, 2024); err == nil {
		t.Errorf("2024 has no verified survey and is not the plan's baseline year: want an error")
	}
}
