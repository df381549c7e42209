package reconcile

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// The hand-made register of these tests: Kota Semarang (33.74), kewenangan
// kota, two kecamatan. Each ruas has IRI per 100 m unit by survey year,
// or village grades in metres; the test's own arithmetic below (not the
// package) gives every expected figure.
type tRuas struct {
	no      string
	status  roads.Status
	kec     string
	lengthM float64
	units   map[int][]float64  // year → IRI of each 100 m unit
	desa    map[int][4]float64 // year → metres Baik, Rusak Ringan, Rusak Sedang, Rusak Berat (village scale)
}

const (
	k1 = "33.74.01"
	k2 = "33.74.02"
)

var tRegister = []tRuas{
	{no: "001", status: roads.Kota, kec: k1, lengthM: 1000, units: map[int][]float64{
		2024: {2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
		2025: {2, 2, 2, 2, 2, 2, 2, 2, 14, 14}}},
	{no: "002", status: roads.Kota, kec: k1, lengthM: 800, units: map[int][]float64{
		2024: {2, 2, 6, 6, 6, 6, 10, 10},
		2025: {6, 6, 10, 10, 10, 10, 14, 2}}},
	{no: "003", status: roads.Kota, kec: k2, lengthM: 600, desa: map[int][4]float64{2025: {100, 300, 150, 50}}},
	{no: "004", status: roads.Kota, kec: k2, lengthM: 500},
	{no: "005", status: roads.Provinsi, kec: k1, lengthM: 1200, units: map[int][]float64{2025: {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}}},
}

// classOfIRI is the Bina Marga IRI band (README: Baik ≤ 4, Sedang ≤ 8,
// Rusak Ringan ≤ 12, Rusak Berat above), 0–3.
func classOfIRI(iri float64) int {
	switch {
	case iri <= 4:
		return 0
	case iri <= 8:
		return 1
	case iri <= 12:
		return 2
	}
	return 3
}

// tCond is the test's own condition of the register: metres per class
// (Baik, Sedang, Rusak Ringan, Rusak Berat), surveyed and network metres.
type tCond struct {
	m                 [4]float64
	surveyed, network float64
}

func (c tCond) mantap() float64 { return c.m[0] + c.m[1] }

// tOptions are the ways the test computes the register.
type tOptions struct {
	allStatus bool // every authority, not kota only
	byWord    bool // village Rusak Ringan as Rusak Ringan, Rusak Sedang as Sedang
	linkAvg   bool // one class per ruas from its mean IRI
	kec       string
}

// tCompute is the independent computation: for each ruas the latest
// survey year up to year.
func tCompute(year int, o tOptions) tCond {
	var c tCond
	for _, r := range tRegister {
		if !o.allStatus && r.status != roads.Kota || o.kec != "" && r.kec != o.kec {
			continue
		}
		c.network += r.lengthM
		latest := 0
		for y := range r.units {
			if y <= year && y > latest {
				latest = y
			}
		}
		for y := range r.desa {
			if y <= year && y > latest {
				latest = y
			}
		}
		if iris, ok := r.units[latest]; ok {
			if o.linkAvg {
				sum := 0.0
				for _, v := range iris {
					sum += v
				}
				c.m[classOfIRI(sum/float64(len(iris)))] += 100 * float64(len(iris))
			} else {
				for _, v := range iris {
					c.m[classOfIRI(v)] += 100
				}
			}
			c.surveyed += 100 * float64(len(iris))
		}
		if d, ok := r.desa[latest]; ok {
			// The mapping table desa4-bm.1 (README): Baik → Baik, Rusak
			// Ringan → Sedang, Rusak Sedang → Rusak Ringan, Rusak Berat.
			to := [4]int{0, 1, 2, 3}
			if o.byWord {
				to = [4]int{0, 2, 1, 3}
			}
			for i, v := range d {
				c.m[to[i]] += v
				c.surveyed += v
			}
		}
	}
	return c
}

// testNetwork builds tRegister as a roads.Network, classes derived by the
// register's own rules.
func testNetwork(t testing.TB) *roads.Network {
	t.Helper()
	o, errs := roads.NewOffice(roads.OfficeInput{Region: "33.74"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rules, err := roads.ConditionRules("")
	if err != nil {
		t.Fatal(err)
	}
	net := &roads.Network{Office: o, Surveys: map[int64][]*roads.Survey{}, Works: map[int64][]*roads.Works{}, Traffic: map[int64][]*roads.Traffic{},
		ReadAt: time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC), Hash: "testhash"}
	for i, tr := range tRegister {
		r := &roads.Ruas{ID: int64(i + 1), Key: roads.Key{Region: "33.74", No: tr.no}, Name: "Jalan " + tr.no, Status: tr.status,
			KecamatanCode: tr.kec, LengthM: tr.lengthM}
		net.Ruas = append(net.Ruas, r)
		for _, y := range []int{2023, 2024, 2025} {
			date := time.Date(y, 6, 15, 0, 0, 0, 0, time.UTC)
			for u, iri := range tr.units[y] {
				iri := iri
				s := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, StaFromM: float64(u) * 100, StaToM: float64(u+1) * 100, Distress: &roads.Distress{IRI: &iri}}
				if err := s.Derive(rules); err != nil {
					t.Fatal(err)
				}
				net.Surveys[r.ID] = append(net.Surveys[r.ID], s)
			}
			if d, ok := tr.desa[y]; ok {
				s := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, StaToM: tr.lengthM, Scheme: roads.SchemeDesa4, Parts: d}
				if err := s.Derive(rules); err != nil {
					t.Fatal(err)
				}
				net.Surveys[r.ID] = append(net.Surveys[r.ID], s)
			}
		}
	}
	return net
}

// idNum writes v with dec decimals and a decimal comma, as an office's
// table would: 55,17.
func idNum(v float64, dec int) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', dec, 64), ".", ",", 1)
}

// TestReconcileFindsEachDefinition: a table made from the register by
// each wrong definition is explained by that definition; a figure no
// definition gives is unexplained; a right figure agrees.
func TestReconcileFindsEachDefinition(t *testing.T) {
	net := testNetwork(t)
	const y = 2025
	reg := tCompute(y, tOptions{})
	// The test's figures must be what the package sees: check the
	// register's own value once, independently.
	if reg.network != 2900 || reg.mantap() != 1500 || reg.surveyed != 2400 {
		t.Fatalf("test register: network %g, mantap %g, surveyed %g m", reg.network, reg.mantap(), reg.surveyed)
	}
	kem := func(c tCond, denom float64) float64 { return c.mantap() / denom * 100 }
	cases := []struct {
		name     string
		row      string // tahun;kode_wilayah;indikator;nilai;satuan;sumber
		want     Status
		reason   []Reason // any of these
		register float64
	}{
		{"another year", fmt.Sprintf("%d;33.74;kemantapan_pct;%s;%%;Bappeda RPJMD", y, idNum(kem(tCompute(y-1, tOptions{}), tCompute(y-1, tOptions{}).network), 2)),
			Explained, []Reason{ReasonYear}, kem(reg, reg.network)},
		{"surveyed-only denominator", fmt.Sprintf("%d;33.74;kemantapan_pct;%s;%%;BPS", y, idNum(kem(reg, reg.surveyed), 1)),
			Explained, []Reason{ReasonSurveyed}, kem(reg, reg.network)},
		{"all-authority length", fmt.Sprintf("%d;33.74;panjang_jalan_km;%s;km;BPS", y, idNum(tCompute(y, tOptions{allStatus: true}).network/1000, 2)),
			Explained, []Reason{ReasonAuthority}, reg.network / 1000},
		{"village grades read as Bina Marga", fmt.Sprintf("%d;33.74;panjang_mantap_km;%s;km;Provinsi", y, idNum(tCompute(y, tOptions{byWord: true}).mantap()/1000, 2)),
			Explained, []Reason{ReasonVillage}, reg.mantap() / 1000},
		{"link averages", fmt.Sprintf("%d;33.74;panjang_mantap_km;%s;km;SIPD %d", y, idNum(tCompute(y, tOptions{linkAvg: true}).mantap()/1000, 2), y),
			Explained, []Reason{ReasonLinkIRI, ReasonLinkAverage}, reg.mantap() / 1000},
		{"metres as km", fmt.Sprintf("%d;33.74;panjang_baik_km;%s;km;Bappeda", y, idNum(reg.m[0], 0)),
			Explained, []Reason{ReasonMetres}, reg.m[0] / 1000},
		{"another year with the surveyed-only denominator", fmt.Sprintf("%d;33.74;kemantapan_pct;%s;%%;BPS", y, idNum(kem(tCompute(y-1, tOptions{}), tCompute(y-1, tOptions{}).surveyed), 2)),
			Explained, []Reason{ReasonYear}, kem(reg, reg.network)},
		{"unexplained", fmt.Sprintf("%d;33.74;kemantapan_pct;70,00;%%;Bappeda", y),
			Unexplained, nil, kem(reg, reg.network)},
		{"agrees", fmt.Sprintf("%d;33.74;panjang_jalan_km;%s;km;BPS", y, idNum(reg.network/1000, 1)),
			Agrees, nil, reg.network / 1000},
		{"kecamatan agrees", fmt.Sprintf("%d;33.74.02;panjang_rusak_ringan_km;%s;km;Kecamatan", y, idNum(tCompute(y, tOptions{kec: k2}).m[2]/1000, 3)),
			Agrees, nil, tCompute(y, tOptions{kec: k2}).m[2] / 1000},
		{"metres in the unit column", fmt.Sprintf("%d;33.74;panjang_belum_disurvei_km;%s;m;BPS", y, idNum(reg.network-reg.surveyed, 0)),
			Agrees, nil, (reg.network - reg.surveyed) / 1000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			figs, err := Read(strings.NewReader("tahun;kode_wilayah;indikator;nilai;satuan;sumber\n"+tc.row+"\n"), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			sh := Reconcile(net, figs, Options{File: "lain.csv"})
			if len(sh.Lines) != 1 {
				t.Fatalf("%d lines", len(sh.Lines))
			}
			l := sh.Lines[0]
			if math.Abs(float64(l.Register)-tc.register) > 1e-9 {
				t.Errorf("register value %v, want %v", l.Register, tc.register)
			}
			if l.Status != tc.want {
				t.Fatalf("status %s (%s), want %s; tested %+v", l.Status, l.ReasonText(), tc.want, l.Tested)
			}
			if tc.want != Explained {
				if l.Reason != nil {
					t.Errorf("reason %s on a %s line", l.Reason.Reason, l.Status)
				}
				if tc.want == Unexplained && math.Abs(float64(l.UnexplainedRest)-(figs[0].Value-tc.register)) > 1e-9 {
					t.Errorf("unexplained rest %v, want the whole difference %v", l.UnexplainedRest, figs[0].Value-tc.register)
				}
				return
			}
			found := false
			for _, r := range tc.reason {
				found = found || l.Reason.Reason == r
			}
			if !found {
				t.Errorf("reason %s (%s), want %v", l.Reason.Reason, l.Reason.Describe(), tc.reason)
			}
			if strings.HasPrefix(tc.name, "another year") && l.Reason.Year != y-1 {
				t.Errorf("year read %d, want %d", l.Reason.Year, y-1)
			}
			wantAnd := Reason("")
			if tc.name == "another year with the surveyed-only denominator" {
				wantAnd = ReasonSurveyed
			}
			if l.Reason.And != wantAnd {
				t.Errorf("second reason %q, want %q", l.Reason.And, wantAnd)
			}
			// The explained part and the rest add up to the difference,
			// and the rest is within the figure's rounding.
			if d := float64(l.ExplainedPart+l.UnexplainedRest) - float64(l.Difference); math.Abs(d) > 1e-9 {
				t.Errorf("explained %v + rest %v ≠ difference %v", l.ExplainedPart, l.UnexplainedRest, l.Difference)
			}
			if math.Abs(float64(l.UnexplainedRest)) > figs[0].Tolerance() {
				t.Errorf("rest %v beyond the rounding %v", l.UnexplainedRest, figs[0].Tolerance())
			}
		})
	}
}

// TestReconcileRegionOutside: a figure of another region is not computed
// and says why; --year keeps one year.
func TestReconcileRegionOutside(t *testing.T) {
	net := testNetwork(t)
	figs, err := Read(strings.NewReader("tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.73;panjang_jalan_km;10;km;X\n2024;33.74;panjang_jalan_km;2,9;km;X\n"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sh := Reconcile(net, figs, Options{})
	if sh.Lines[0].Status != NotComputed || !strings.Contains(sh.Lines[0].Note, "di luar wilayah kantor") {
		t.Errorf("outside region: %s %q", sh.Lines[0].Status, sh.Lines[0].Note)
	}
	sh = Reconcile(net, figs, Options{Year: 2024})
	if len(sh.Lines) != 1 || sh.Skipped != 1 || sh.Lines[0].Status != Agrees {
		t.Errorf("year 2024: %d lines, %d skipped", len(sh.Lines), sh.Skipped)
	}
}

// TestAgree: the register's figure by default; the other's only with the
// definition that explains it.
func TestAgree(t *testing.T) {
	net := testNetwork(t)
	figs, err := Read(strings.NewReader("tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.74;kemantapan_pct;62,5;%;BPS\n2025;33.74;panjang_jalan_km;99;km;BPS\n"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sh := Reconcile(net, figs, Options{})
	sh.settle()
	want := 1500.0 / 2900 * 100
	if math.Abs(float64(sh.Lines[0].Agreed.Value)-want) > 1e-9 || sh.Lines[0].Agreed.Choice != ChooseRegister {
		t.Errorf("default agreement %+v, want the register's %v", sh.Lines[0].Agreed, want)
	}
	if err := sh.Agree(0, ChooseOther); err != nil || sh.Lines[0].Agreed.Value != 62.5 || !strings.Contains(sh.Lines[0].Agreed.Definition, "disurvei") {
		t.Errorf("agree other: %v %+v", err, sh.Lines[0].Agreed)
	}
	if err := sh.Agree(1, ChooseOther); err == nil {
		t.Error("an unexplained figure was agreed with no definition")
	}
}
