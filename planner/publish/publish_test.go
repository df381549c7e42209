package publish

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

func TestLoadStale(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if _, err := Load(f.run, f.net, false); err != nil {
		t.Fatalf("fresh plan: %v", err)
	}
	r, err := f.store.Ruas(ctx, roads.Key{Region: "35.72", No: "002"})
	if err != nil {
		t.Fatal(err)
	}
	r.WidthM = 6
	if err := f.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	now, err := f.store.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if now.Hash == f.run.SnapshotHash {
		t.Fatal("an edit did not change the snapshot hash; the test cannot see staleness")
	}
	_, err = Load(f.run, now, false)
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

func TestSIPD(t *testing.T) {
	f := newFixture(t)
	src := f.load(t)
	for _, tc := range []struct {
		name, nomen string
		year        int
		codes       []string // sub-kegiatan blocks in order
		rows        []int    // locations per block
		wantErr     string
	}{
		{name: "plan nomenclature", year: 2026, codes: []string{"1.03.10.2.01.0046", "1.03.10.2.01.0034", "1.03.10.2.01.0033"}, rows: []int{1, 1, 1}},
		{name: "2027 codes", nomen: "2027", year: 2026, codes: []string{"1.03.10.2.01.0051", "1.03.10.2.01.0056", "1.03.10.2.01.0059"}, rows: []int{1, 1, 1}},
		{name: "second year", year: 2027, codes: []string{"1.03.10.2.01.0046", "1.03.10.2.01.0034", "1.03.10.2.01.0032"}, rows: []int{1, 1, 1}},
		{name: "unknown nomenclature", nomen: "2019", year: 2026, wantErr: "pakai 2024 atau 2027"},
		{name: "year outside the plan", year: 2030, wantErr: "mencakup 2026–2027"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := SIPD(src, tc.year, tc.nomen, "")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			var rows []int
			for _, g := range u.Groups {
				codes = append(codes, g.SubKegiatan.Code)
				rows = append(rows, len(g.Rows))
			}
			if strings.Join(codes, " ") != strings.Join(tc.codes, " ") || !equalInts(rows, tc.rows) {
				t.Errorf("blocks %v with %v rows, want %v with %v", codes, rows, tc.codes, tc.rows)
			}
			yr, _ := src.PlanYear(tc.year)
			if math.Abs(u.Rp-yr.SpentRp) > float64(len(yr.Works)) {
				t.Errorf("usulan total Rp %.0f, plan spent %.2f", u.Rp, yr.SpentRp)
			}
		})
	}
	u, err := SIPD(src, 2027, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var funds []string
	for _, g := range u.Groups {
		for _, r := range g.Rows {
			funds = append(funds, r.RuasNo+":"+r.Funds)
		}
	}
	if got, want := strings.Join(funds, " "), "001:APBD 001:DAK 003:APBD"; got != want {
		t.Errorf("sumber dana per row = %q, want %q (the committed works keeps its contract's DAK)", got, want)
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
	ctx := context.Background()
	f := newFixture(t)
	ids := map[roads.Entity][]int64{}
	for _, r := range f.net.Ruas {
		ids[roads.EntityRuas] = append(ids[roads.EntityRuas], r.ID)
		for _, v := range f.net.Surveys[r.ID] {
			ids[roads.EntitySurvey] = append(ids[roads.EntitySurvey], v.ID)
		}
		for _, w := range f.net.Works[r.ID] {
			ids[roads.EntityWorks] = append(ids[roads.EntityWorks], w.ID)
		}
	}
	for e, list := range ids {
		if err := f.store.Verify(ctx, e, list, "walidata"); err != nil {
			t.Fatal(err)
		}
	}
	net, err := f.store.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
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

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var _ = planner.Breakdown
