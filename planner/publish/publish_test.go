package publish

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

func TestLoadStale(t *testing.T) {
	f := newFixture(t)
	if _, err := Load(f.run, f.net, false); err != nil {
		t.Fatalf("fresh plan: %v", err)
	}
	// The register after ruas 35.72/002 was widened to 6 m (TestFixtureStates).
	now := fixtureNet(t, stateEdited)
	if now.Hash == f.run.SnapshotHash {
		t.Fatal("an edit did not change the snapshot hash; the test cannot see staleness")
	}
	_, err := Load(f.run, now, false)
	if !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "--allow-stale") || !strings.Contains(err.Error(), f.run.SnapshotHash) {
		t.Fatalf("stale plan without --allow-stale: err = %v, want ErrStale naming the old hash and --allow-stale", err)
	}
	src, err := Load(f.run, now, true)
	if err != nil {
		t.Fatal(err)
	}
	if !src.Stale {
		t.Fatal("Source.Stale = false for an edited register")
	}
	u, err := SIPD(src, 2026, "", "")
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWalidata(src, 2026)
	if err != nil {
		t.Fatal(err)
	}
	p, err := SatuData(src)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := NewReport(src)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]func(*bytes.Buffer) error{
		"sipd.csv":      func(b *bytes.Buffer) error { return u.WriteCSV(b) },
		"walidata.csv":  func(b *bytes.Buffer) error { return w.WriteCSV(b) },
		"walidata.json": func(b *bytes.Buffer) error { return w.WriteJSON(b) },
		"metadata.json": func(b *bytes.Buffer) error { _, err := b.Write(p.Files[FileMetadata]); return err },
		"network.csv":   func(b *bytes.Buffer) error { _, err := b.Write(p.Files[FileNetworkCSV]); return err },
	}
	for name, write := range outputs {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), StaleMark) {
			t.Errorf("%s of a stale plan does not say %q", name, StaleMark)
		}
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"sipd.xlsx":     func(b *bytes.Buffer) error { return u.WriteXLSX(b) },
		"walidata.xlsx": func(b *bytes.Buffer) error { return w.WriteXLSX(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(flatten(readXLSX(t, b.Bytes())), "\n"), StaleMark) {
			t.Errorf("%s of a stale plan does not say %q", name, StaleMark)
		}
	}
	var pdf bytes.Buffer
	if err := rep.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf.Bytes(), 0); !strings.Contains(text, StaleMark) {
		t.Errorf("the PDF of a stale plan does not say %q", StaleMark)
	}
}

// tableCodes reads data/ref/sub_kegiatan.csv from disk, on its own, and
// returns works type → code of the rows whose ta_dari–ta_sampai covers ta.
func tableCodes(t *testing.T, ta int) map[string]string {
	t.Helper()
	out := map[string]string{}
	for wt, r := range tableRows(t, ta) {
		out[wt] = r["kode"]
	}
	return out
}

// tableRows is tableCodes with every column of the row, by works type.
func tableRows(t *testing.T, ta int) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "data", "ref", "sub_kegiatan.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := index(recs[0])
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		from, err := strconv.Atoi(r[col["ta_dari"]])
		if err != nil {
			t.Fatalf("ta_dari %q", r[col["ta_dari"]])
		}
		to := 9999
		if s := r[col["ta_sampai"]]; s != "" {
			to, _ = strconv.Atoi(s)
		}
		if from <= ta && ta <= to {
			if old, ok := out[r[col["works_type"]]]; ok && old["kode"] != r[col["kode"]] {
				t.Fatalf("table gives two codes for %s in TA %d: %s and %s", r[col["works_type"]], ta, old["kode"], r[col["kode"]])
			}
			m := map[string]string{}
			for name, i := range col {
				m[name] = r[i]
			}
			out[r[col["works_type"]]] = m
		}
	}
	return out
}

// TestSIPDCodesByTA: a TA 2026 and a TA 2027 usulan carry, for each works
// type, the code the table's rows give for that TA (read from the file
// here), not the plan's nomenclature switch; a forced version still works.
func TestSIPDCodesByTA(t *testing.T) {
	f := newFixture(t)
	src := f.load(t)
	for _, year := range []int{2026, 2027} {
		want := tableCodes(t, year)
		yr, _ := src.PlanYear(year)
		u, err := SIPD(src, year, "", "")
		if err != nil {
			t.Fatal(err)
		}
		types := map[string]bool{}
		for _, w := range yr.Works {
			types[string(w.WorksType)] = true
		}
		got := map[string]string{}
		for _, g := range u.Groups {
			got[g.SubKegiatan.Works] = g.SubKegiatan.Code
		}
		for wt := range types {
			if got[wt] == "" || got[wt] != want[wt] {
				t.Errorf("TA %d, %s: code %q, table gives %q", year, wt, got[wt], want[wt])
			}
		}
		// Each block names the decree the table's row gives, marked when
		// the row is not confirmed, and the row says where it comes from.
		rows := tableRows(t, year)
		var csvOut bytes.Buffer
		if err := u.WriteCSV(&csvOut); err != nil {
			t.Fatal(err)
		}
		for _, g := range u.Groups {
			r := rows[g.SubKegiatan.Works]
			decree := r["keputusan"]
			if r["status"] == "verify" {
				decree += " (perlu verifikasi)"
			}
			if got := u.decreeText(g.SubKegiatan); got != decree || g.SubKegiatan.Indicator != r["indikator"] {
				t.Errorf("TA %d %s: decree %q indicator %q, table %q %q", year, g.SubKegiatan.Code, got, g.SubKegiatan.Indicator, decree, r["indikator"])
			}
			if !strings.Contains(csvOut.String(), ";"+g.SubKegiatan.Code+";") || !strings.Contains(csvOut.String(), decree) {
				t.Errorf("TA %d: the CSV does not carry %s with %q", year, g.SubKegiatan.Code, decree)
			}
			num := strings.TrimPrefix(strings.SplitN(r["keputusan"], "/", 2)[0], "Kepmendagri ")
			if !strings.Contains(r["sumber"], num) {
				t.Errorf("TA %d %s: the table's source %q does not name the decree %s", year, g.SubKegiatan.Code, r["sumber"], num)
			}
		}
	}
	// TA 2026 and TA 2027 both fall under the 3406/2024 list.
	if a, b := tableCodes(t, 2026)["rutin"], tableCodes(t, 2027)["rutin"]; a != "1.03.10.2.01.0051" || b != a {
		t.Errorf("routine code TA 2026 %s, TA 2027 %s; the table gives 1.03.10.2.01.0051 from TA 2025", a, b)
	}
	// TA 2024 is the 1317/2023 list in the table; CodesFor agrees.
	want := tableCodes(t, 2024)
	codes, err := CodesFor(2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		if want[c.Works] != c.Code {
			t.Errorf("TA 2024 %s: %s, table %s", c.Works, c.Code, want[c.Works])
		}
	}
	if _, err := CodesFor(2019); err == nil || !strings.Contains(err.Error(), "TA 2019") {
		t.Errorf("TA 2019: err = %v, want one naming the TA", err)
	}
	u, err := SIPD(src, 2026, "2024", "")
	if err != nil {
		t.Fatal(err)
	}
	if u.Groups[0].SubKegiatan.Code != "1.03.10.2.01.0046" {
		t.Errorf("forced nomenclature 2024: first code %s", u.Groups[0].SubKegiatan.Code)
	}
	if _, err := SIPD(src, 2026, "2019", ""); err == nil || !strings.Contains(err.Error(), "tahun anggaran") {
		t.Errorf("unknown nomenclature: err = %v", err)
	}
	if _, err := SIPD(src, 2030, "", ""); err == nil || !strings.Contains(err.Error(), "mencakup 2026–2027") {
		t.Errorf("year outside the plan: err = %v", err)
	}
}

// TestSIPDPagu, on a plan stored before the planner counted tahun
// anggaran money (the fixture's Result has no Costing; TestCrossCheck has
// the costed demo plan): pagu escalate from the cost table's price year to
// the TA (contracts keep their value), round up to the setting, companions are
// their percentage of the physical capital pagu, the sumber dana comes
// from the list, prakiraan maju is next year's usulan, and the
// reconciliation lines add up to the total. Expected figures are computed
// here from the settings file read on its own.
func TestSIPDPagu(t *testing.T) {
	f := newFixture(t)
	src := f.load(t)
	if src.Result.Costing != nil {
		t.Fatal("the fixture plan should be an older plan without costing")
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "rules", "usulan_id2026.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Rounding   float64 `json:"rounding_rp"`
		Funds      string  `json:"default_funds"`
		Esc        float64 `json:"escalation_pct_per_year"`
		Companions []struct {
			Pct   float64  `json:"pct"`
			Works []string `json:"works"`
		} `json:"companions"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	cat, err := planner.Treatments(src.Result.Input.Tables.Treatments)
	if err != nil {
		t.Fatal(err)
	}
	up := func(v float64) float64 { return math.Ceil(v/set.Rounding-1e-9) * set.Rounding }
	total := map[int]float64{}
	for _, year := range []int{2027, 2026} {
		yr, _ := src.PlanYear(year)
		u, err := SIPD(src, year, "", "")
		if err != nil {
			t.Fatal(err)
		}
		factor := math.Pow(1+set.Esc/100, float64(year-cat.PriceYear))
		var want float64
		for _, w := range yr.Works {
			c := w.CostRp
			if !w.Committed {
				c *= factor
			}
			want += up(c) // one work per sub-kegiatan and kecamatan in the fixture
		}
		var comp float64
		for _, w := range yr.Works {
			if w.WorksType == roads.Rutin {
				continue
			}
			c := w.CostRp
			if !w.Committed {
				c *= factor
			}
			for _, cp := range set.Companions {
				if slices.Contains(cp.Works, string(w.WorksType)) {
					comp += up(up(c) * cp.Pct / 100)
				}
			}
		}
		want += comp
		if math.Abs(u.Rp-want) > 0.01 {
			t.Errorf("TA %d: usulan Rp %.0f, want %.0f (factor %.4f)", year, u.Rp, want, factor)
		}
		if math.Abs(u.CompanionRp-comp) > 0.01 {
			t.Errorf("TA %d: companions Rp %.0f, want %.0f", year, u.CompanionRp, comp)
		}
		var recon float64
		lines := u.Reconciliation()
		for _, l := range lines[:len(lines)-1] {
			recon += l.Rp
		}
		if lines[0].Rp != yr.SpentRp || math.Abs(recon-u.Rp) > 0.01 || lines[len(lines)-1].Rp != u.Rp {
			t.Errorf("TA %d: reconciliation %+v does not add up to Rp %.0f from plan %.2f", year, lines, u.Rp, yr.SpentRp)
		}
		for _, g := range u.Groups {
			for _, r := range g.Rows {
				if math.Mod(r.Rp, set.Rounding) != 0 {
					t.Errorf("TA %d %s: pagu %.2f not a multiple of %.0f", year, r.Name(), r.Rp, set.Rounding)
				}
				if want := set.Funds; !r.Committed && r.Funds != want {
					t.Errorf("TA %d %s: sumber dana %q, want the setting's %q", year, r.Name(), r.Funds, want)
				}
				if r.Committed && r.Funds != "DAK" {
					t.Errorf("TA %d: the contracted works keeps its contract's DAK, got %q", year, r.Funds)
				}
			}
		}
		total[year] = u.Rp
		if year == 2026 && u.NextRp != total[2027] {
			t.Errorf("prakiraan maju of TA 2026 = %.0f, TA 2027 usulan %.0f", u.NextRp, total[2027])
		}
		if year == 2027 && !math.IsNaN(u.NextRp) {
			t.Errorf("the last plan year has no next year, prakiraan maju %.0f", u.NextRp)
		}
	}
	if _, err := SIPD(src, 2026, "", "APBD"); err == nil || !strings.Contains(err.Error(), "DAU") {
		t.Errorf("sumber dana APBD: err = %v, want the list", err)
	}
}

func TestWalidataYears(t *testing.T) {
	f := newFixture(t)
	src := f.load(t)
	for _, tc := range []struct {
		name       string
		year       int
		basis      string
		kemantapan float64
		wantErr    string
	}{
		{name: "plan year", year: 2027, basis: Proyeksi, kemantapan: src.Result.Plan[1].Kemantapan},
		{name: "first plan year", year: 2026, basis: Proyeksi, kemantapan: src.Result.Plan[0].Kemantapan},
		{name: "baseline", year: 2025, basis: Realisasi, kemantapan: float64(src.Result.Baseline.Kemantapan)},
		// 2024: only ruas 001 was surveyed, 800 m Baik and 400 m Sedang.
		{name: "earlier survey year", year: 2024, basis: Realisasi, kemantapan: 100},
		{name: "before any survey", year: 2020, wantErr: "tidak memiliki survei kondisi pada atau sebelum 2020"},
		{name: "after the plan", year: 2028, wantErr: "berakhir pada 2027"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := NewWalidata(src, tc.year)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if w.Figures.Basis != tc.basis {
				t.Errorf("basis %q, want %q", w.Figures.Basis, tc.basis)
			}
			got := value(t, w, "kemantapan")
			if got != round(tc.kemantapan, 2) {
				t.Errorf("kemantapan %.2f, want %.2f", got, tc.kemantapan)
			}
			// The condition classes and the unknown part add up to the network.
			sum := value(t, w, "kondisi:baik") + value(t, w, "kondisi:sedang") + value(t, w, "kondisi:rusak_ringan") +
				value(t, w, "kondisi:rusak_berat") + value(t, w, "kondisi:tidak_diketahui")
			if math.Abs(sum-value(t, w, "panjang")) > 0.03 {
				t.Errorf("classes + unknown = %.2f km, network %.2f km", sum, value(t, w, "panjang"))
			}
			var surf float64
			for _, c := range walidataSurfaces {
				surf += value(t, w, "permukaan:"+c)
			}
			if math.Abs(surf-value(t, w, "panjang")) > 0.03 {
				t.Errorf("surfaces add up to %.2f km, network %.2f km", surf, value(t, w, "panjang"))
			}
		})
	}
	w, err := NewWalidata(src, 2025)
	if err != nil {
		t.Fatal(err)
	}
	// Fixture: 2.8 km; aspal 1.2, beton 0.8, tanah 0.5, kerikil 0.3.
	for m, want := range map[string]float64{"panjang": 2.8, "permukaan:aspal": 1.2, "permukaan:beton": 0.8, "permukaan:tanah": 0.5,
		"permukaan:kerikil": 0.3, "permukaan:tidak_terinci": 0, "kondisi:rusak_berat": 0.7, "kondisi:tidak_diketahui": 0.7} {
		if got := value(t, w, m); got != want {
			t.Errorf("%s = %.2f, want %.2f", m, got, want)
		}
	}
	var b bytes.Buffer
	if err := w.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Verifikasi string `json:"status_verifikasi"`
		Rows       []struct {
			Produsen   string  `json:"produsen_data"`
			Verifikasi string  `json:"status_verifikasi"`
			Nilai      float64 `json:"nilai"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Verifikasi != VerifikasiBelum || len(doc.Rows) != len(w.Rows) || doc.Rows[0].Produsen != "Dinas PUPR Kota Blitar" || doc.Rows[0].Verifikasi != VerifikasiBelum {
		t.Errorf("JSON header/rows: %+v", doc)
	}
}

// value returns an indicator's value from the rows, by measure.
func value(t testing.TB, w *Walidata, measure string) float64 {
	t.Helper()
	for _, r := range w.Rows {
		if r.Indicator.Measure == measure {
			return r.Value
		}
	}
	t.Fatalf("no indicator measures %q", measure)
	return 0
}

func TestWalidataVerified(t *testing.T) {
	f := newFixture(t)
	// The register after the walidata verified every ruas, survey and
	// works record (TestFixtureStates).
	net := fixtureNet(t, stateVerified)
	// Verification changes the snapshot; export the plan knowingly.
	src, err := Load(f.run, net, true)
	if err != nil {
		t.Fatal(err)
	}
	if src.Pending() != 0 || src.Verifikasi() != VerifikasiSudah {
		t.Errorf("after verifying everything: pending %d, status %q", src.Pending(), src.Verifikasi())
	}
}

func TestReproducible(t *testing.T) {
	f := newFixture(t)
	render := func() map[string][]byte {
		src := f.load(t)
		out := map[string][]byte{}
		u, err := SIPD(src, 2026, "", "")
		if err != nil {
			t.Fatal(err)
		}
		w, err := NewWalidata(src, 2026)
		if err != nil {
			t.Fatal(err)
		}
		p, err := SatuData(src)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := NewReport(src)
		if err != nil {
			t.Fatal(err)
		}
		for name, fn := range map[string]func(*bytes.Buffer) error{
			"sipd.csv": func(b *bytes.Buffer) error { return u.WriteCSV(b) }, "sipd.xlsx": func(b *bytes.Buffer) error { return u.WriteXLSX(b) },
			"walidata.csv": func(b *bytes.Buffer) error { return w.WriteCSV(b) }, "walidata.json": func(b *bytes.Buffer) error { return w.WriteJSON(b) },
			"walidata.xlsx": func(b *bytes.Buffer) error { return w.WriteXLSX(b) }, "report.pdf": func(b *bytes.Buffer) error { return rep.WritePDF(b) },
		} {
			var b bytes.Buffer
			if err := fn(&b); err != nil {
				t.Fatal(err)
			}
			out[name] = b.Bytes()
		}
		for name, b := range p.Files {
			out[name] = b
		}
		return out
	}
	a, b := render(), render()
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two exports of the same plan", name)
		}
	}
}

// readXLSX returns every sheet's cells as text.
func readXLSX(t testing.TB, b []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out[s] = rows
	}
	return out
}

func flatten(sheets map[string][][]string) []string {
	var out []string
	for _, rows := range sheets {
		for _, r := range rows {
			out = append(out, strings.Join(r, "\t"))
		}
	}
	return out
}

func readCSV(t testing.TB, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func num(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

var _ = planner.Breakdown
