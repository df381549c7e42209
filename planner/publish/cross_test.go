package publish

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// kmTol and rpTol bound the rounding every export applies: km to the
// metre and Rupiah to the whole Rupiah, once per row.
const (
	kmTol = 0.0005
	rpTol = 0.5
)

// TestCrossCheck proves that every export states the plan's own figures:
// km and Rp per sub-kegiatan and year (SIPD CSV and XLSX, the report), and
// kemantapan and km per class per year (e-Walidata CSV and JSON, the
// report, the Satu Data package), each read back from the written bytes.
func TestCrossCheck(t *testing.T) {
	_, src := demoSource(t)
	res := src.Result
	rep, err := NewReport(src)
	if err != nil {
		t.Fatal(err)
	}
	set, err := Settings()
	if err != nil {
		t.Fatal(err)
	}
	if res.Costing == nil {
		t.Fatal("the plan does not state its costing")
	}
	down := func(v float64) float64 { return math.Floor(v/set.RoundingRp+1e-9) * set.RoundingRp }
	for i, yr := range res.Plan {
		t.Run(strconv.Itoa(yr.Year), func(t *testing.T) {
			// The plan's works summed by sub-kegiatan, independently of
			// SIPD(): codes of the table for the TA, each package its own
			// row, routine care one row per kecamatan, every row already
			// at the TA's prices and rounded down, companions a share of
			// the capital rows (rounded down too).
			codes := tableCodes(t, yr.Year)
			type tot struct{ km, rp float64 }
			want := map[string]*tot{}
			routine := map[string]float64{}
			routineKm := map[string]float64{}
			var packages, companions int
			capital := map[string]float64{}
			for _, w := range yr.Works {
				code := codes[string(w.WorksType)]
				if code == "" {
					t.Fatalf("work on %s: the table has no %s code for TA %d", w.RuasKey, w.WorksType, yr.Year)
				}
				if want[code] == nil {
					want[code] = &tot{}
				}
				c := w.CostRp
				if w.Routine {
					routine[code+"|"+w.KecamatanCode] += c
					routineKm[code+"|"+w.KecamatanCode] += w.LengthKm
					continue
				}
				want[code].km += round(w.LengthKm, 3)
				want[code].rp += down(c)
				capital[code] += down(c)
				packages++
			}
			for k, rp := range routine {
				code := strings.SplitN(k, "|", 2)[0]
				want[code].rp += down(rp)
				want[code].km += round(routineKm[k], 3)
			}
			for code, rp := range capital {
				for _, cp := range set.Companions {
					if slices.Contains(cp.Works, string(byCode(t, codes, code))) {
						want[code].rp += down(rp * cp.Pct / 100)
						companions++
					}
				}
			}
			u, err := SIPD(src, yr.Year, "", "")
			if err != nil {
				t.Fatal(err)
			}
			var csvBuf, xlsxBuf bytes.Buffer
			if err := u.WriteCSV(&csvBuf); err != nil {
				t.Fatal(err)
			}
			if err := u.WriteXLSX(&xlsxBuf); err != nil {
				t.Fatal(err)
			}
			// The reader's CSV: ";" separated, decimal comma.
			fromCSV := map[string]*tot{}
			rows := readCSVSemicolon(t, csvBuf.Bytes())
			col := index(rows[0])
			kinds := map[string]int{}
			for _, r := range rows[1:] {
				c := r[col["kode_sub_kegiatan"]]
				if fromCSV[c] == nil {
					fromCSV[c] = &tot{}
				}
				kinds[r[col["jenis_baris"]]]++
				if v := r[col["target"]]; v != "" {
					fromCSV[c].km += num(t, strings.Replace(v, ",", ".", 1))
				}
				rp := num(t, r[col["pagu_rp"]])
				if math.Mod(rp, set.RoundingRp) != 0 {
					t.Errorf("CSV row %s: pagu %.0f is not a multiple of Rp %.0f", r[col["nama_paket"]], rp, set.RoundingRp)
				}
				fromCSV[c].rp += rp
			}
			if kinds[RowPaket] != packages || kinds[RowRutin] != len(routine) || kinds[RowPendamping] != companions {
				t.Errorf("CSV rows %v, want %d packages, %d routine kecamatan lines, %d companion lines", kinds, packages, len(routine), companions)
			}
			fromXLSX := map[string]*tot{}
			var reconRp float64
			var reconLines int
			for _, r := range readXLSX(t, xlsxBuf.Bytes())[SheetUsulan] {
				label := cellAt(r, colUsulanLabel)
				if len(r) > colUsulanRp-1 && strings.HasPrefix(label, "Jumlah 1.") {
					code := strings.TrimPrefix(label, "Jumlah ")
					fromXLSX[code] = &tot{num(t, cellAt(r, colUsulanKm)), num(t, cellAt(r, colUsulanRp))}
				}
				for _, l := range u.Reconciliation() {
					if label == l.Label && l.Label != "Jumlah usulan" {
						reconRp += num(t, cellAt(r, colUsulanRp))
						reconLines++
					}
				}
			}
			var sumRp float64
			for code, w := range want {
				for name, got := range map[string]*tot{"CSV": fromCSV[code], "XLSX": fromXLSX[code]} {
					if got == nil {
						t.Errorf("%s: no block for sub-kegiatan %s", name, code)
						continue
					}
					if math.Abs(got.km-w.km) > kmTol || math.Abs(got.rp-w.rp) > rpTol {
						t.Errorf("%s %s: %.3f km Rp %.0f, want %.3f km Rp %.0f", name, code, got.km, got.rp, w.km, w.rp)
					}
				}
				sumRp += w.rp
			}
			if len(fromCSV) != len(want) || len(fromXLSX) != len(want) {
				t.Errorf("blocks: CSV %d, XLSX %d, plan %d sub-kegiatan", len(fromCSV), len(fromXLSX), len(want))
			}
			// The plan's spending (TA prices, companions reserved) less the
			// stated rounding down is the usulan total, in the workbook too;
			// it never exceeds the year's budget, and the rounding is less
			// than one step per row.
			if math.Abs(u.Rp-sumRp) > rpTol || reconLines != 2 || math.Abs(reconRp-u.Rp) > 0.01 || u.Reconciliation()[0].Rp != yr.SpentRp {
				t.Errorf("usulan Rp %.0f, independent Rp %.0f, workbook reconciliation %d lines Rp %.2f, plan spent Rp %.2f", u.Rp, sumRp, reconLines, reconRp, yr.SpentRp)
			}
			if rows := float64(kinds[RowPaket] + kinds[RowRutin] + kinds[RowPendamping]); u.Rp > yr.BudgetRp || u.Rp > yr.SpentRp ||
				yr.SpentRp-u.Rp >= rows*set.RoundingRp+1 || u.RoundingRp != u.Rp-yr.SpentRp {
				t.Errorf("usulan Rp %.0f, plan spent Rp %.0f, budget Rp %.0f, rounding Rp %.0f over %.0f rows", u.Rp, yr.SpentRp, yr.BudgetRp, u.RoundingRp, rows)
			}
			// Packages are never shorter than the minimum unless their whole
			// ruas is; routine care covers every km mantap at the end of the
			// year before (known from the plan for every year but the first).
			var routineKmSIPD float64
			for _, g := range u.Groups {
				for _, r := range g.Rows {
					switch r.Kind {
					case RowPaket:
						if ru := src.Ruas(r.RuasKey); r.Km*1000 < res.Input.MinLengthM-0.5 && (ru == nil || ru.Length() >= res.Input.MinLengthM) {
							t.Errorf("package %s is %.0f m, below the minimum %.0f m on a longer ruas", r.Name(), r.Km*1000, res.Input.MinLengthM)
						}
					case RowRutin:
						routineKmSIPD += r.Km
					}
				}
			}
			if i > 0 {
				prev := res.Plan[i-1].Km
				if m := prev.Baik + prev.Sedang; math.Abs(routineKmSIPD-m) > 0.01 {
					t.Errorf("routine rows cover %.3f km, mantap at the end of %d: %.3f km", routineKmSIPD, yr.Year-1, m)
				}
			}
			// The report's summary row and sub-kegiatan blocks are the same usulan.
			ry := rep.Years[i]
			if ry.Year != yr.Year || ry.UsulanRp != u.Rp || ry.Km != u.Km || ry.Kemantapan != yr.Kemantapan {
				t.Errorf("report year %+v, usulan Rp %.0f %.3f km, plan kemantapan %.4f", ry, u.Rp, u.Km, yr.Kemantapan)
			}
			checkWalidata(t, src, yr.Year, yr.Km, yr.Kemantapan)
		})
	}
	// The baseline year: the plan's baseline when it counts no later
	// survey, else the register's surveys up to that year only.
	if res.Baseline.Year <= src.BaselineYear() {
		checkWalidata(t, src, src.BaselineYear(), res.Baseline.Km, float64(res.Baseline.Kemantapan))
	} else {
		b := planner.BreakdownScope(src.Net, src.BaselineYear(), []roads.Status{src.Net.Office.Authority})
		checkWalidata(t, src, src.BaselineYear(), b.Km, float64(b.Kemantapan))
	}
	for _, s := range rep.Series {
		if !s.Plan {
			continue
		}
		for j, y := range s.Years {
			want := float64(res.Baseline.Kemantapan)
			if j > 0 {
				want = res.Plan[j-1].Kemantapan
			}
			if s.Values[j] != want {
				t.Errorf("report chart %d: %.4f %%, plan %.4f %%", y, s.Values[j], want)
			}
		}
	}
	checkSatuData(t, src)
	checkReportText(t, rep)
}

// checkWalidata reads a year's e-Walidata rows back from CSV and JSON and
// compares them with the plan's km per class and kemantapan.
func checkWalidata(t *testing.T, src *Source, year int, km planner.ClassKm, kem float64) {
	t.Helper()
	w, err := NewWalidata(src, year)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"kemantapan": kem, "kondisi:baik": km.Baik, "kondisi:sedang": km.Sedang,
		"kondisi:rusak_ringan": km.RusakRingan, "kondisi:rusak_berat": km.RusakBerat}
	code := map[string]string{}
	for _, r := range w.Rows {
		code[r.Indicator.Code] = r.Indicator.Measure
	}
	var c, j bytes.Buffer
	if err := w.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	rows := readCSV(t, c.Bytes())
	col := index(rows[0])
	for _, r := range rows[1:] {
		got["csv "+code[r[col["kode_indikator"]]]] = num(t, r[col["nilai"]])
	}
	var doc struct {
		Rows []struct {
			Kode  string  `json:"kode_indikator"`
			Nilai float64 `json:"nilai"`
		} `json:"data"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Rows {
		got["json "+code[r.Kode]] = r.Nilai
	}
	for m, v := range want {
		for _, f := range []string{"csv", "json"} {
			if g := got[f+" "+m]; g != round(v, 2) {
				t.Errorf("e-Walidata %d %s %s = %.2f, plan %.4f", year, f, m, g, v)
			}
		}
	}
}

// checkSatuData compares the package's network table with the plan's
// baseline and its indicator file and MS-Ind values with e-Walidata.
func checkSatuData(t *testing.T, src *Source) {
	t.Helper()
	p, err := SatuData(src)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, p.Files[FileNetworkCSV])
	col := index(rows[0])
	var sum [4]float64
	for _, r := range rows[1:] {
		for i, c := range []string{"km_baik", "km_sedang", "km_rusak_ringan", "km_rusak_berat"} {
			sum[i] += num(t, r[col[c]])
		}
	}
	b := src.Result.Baseline.Km
	n := float64(len(rows) - 1)
	for i, want := range []float64{b.Baik, b.Sedang, b.RusakRingan, b.RusakBerat} {
		if math.Abs(sum[i]-want) > kmTol*n {
			t.Errorf("Satu Data network class %d: %.3f km, plan baseline %.4f km", i, sum[i], want)
		}
	}
	var geo struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(p.Files[FileNetworkJSON], &geo); err != nil {
		t.Fatal(err)
	}
	if len(geo.Features) != len(rows)-1 {
		t.Errorf("GeoJSON has %d features, CSV %d rows", len(geo.Features), len(rows)-1)
	}
	w, err := NewWalidata(src, p.Year)
	if err != nil {
		t.Fatal(err)
	}
	var wb bytes.Buffer
	if err := w.WriteCSV(&wb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(wb.Bytes(), p.Files[FileIndicators]) {
		t.Error("the package's indicator file differs from `ruas export walidata` of the same year")
	}
	var meta Metadata
	if err := json.Unmarshal(p.Files[FileMetadata], &meta); err != nil {
		t.Fatal(err)
	}
	if len(meta.MSInd) != len(w.Rows) {
		t.Fatalf("metadata has %d MS-Ind entries, %d indicators", len(meta.MSInd), len(w.Rows))
	}
	for i, m := range meta.MSInd {
		if m.Kode != w.Rows[i].Indicator.Code || m.Nilai != w.Rows[i].Value || m.Tahun != p.Year {
			t.Errorf("MS-Ind %s = %.2f (%d), e-Walidata %s = %.2f", m.Kode, m.Nilai, m.Tahun, w.Rows[i].Indicator.Code, w.Rows[i].Value)
		}
	}
}

// checkReportText finds the per-year figures in the PDF's text.
func checkReportText(t *testing.T, rep *Report) {
	t.Helper()
	var b bytes.Buffer
	if err := rep.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes(), 0)
	for _, y := range rep.Years {
		for _, want := range []string{grouped(y.UsulanRp, 0), pct(y.Kemantapan), km3(y.Km)} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF does not show %s for %d", want, y.Year)
			}
		}
	}
	for _, u := range rep.Usulan {
		for _, g := range u.Groups {
			if !strings.Contains(text, grouped(g.Rp, 0)) {
				t.Errorf("the PDF does not show Rp %s of %s in %d", grouped(g.Rp, 0), g.SubKegiatan.Code, u.Year)
			}
		}
	}
}

// TestXLSXLibreOffice converts the workbooks with LibreOffice and checks
// that every number it reads equals the number excelize reads.
func TestXLSXLibreOffice(t *testing.T) {
	soffice := tool(t, "soffice", "libreoffice-calc")
	_, src := demoSource(t)
	dir := t.TempDir()
	u, err := SIPD(src, src.FromYear(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWalidata(src, src.FromYear())
	if err != nil {
		t.Fatal(err)
	}
	books := map[string]func(*bytes.Buffer) error{
		"sipd":     func(b *bytes.Buffer) error { return u.WriteXLSX(b) },
		"walidata": func(b *bytes.Buffer) error { return w.WriteXLSX(b) },
	}
	cells := map[string]map[string][][]string{}
	var paths []string
	for name, write := range books {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		cells[name] = readXLSX(t, b.Bytes())
	}
	// Raw values (token 9 false), UTF-8, every sheet to its own file (token 12 -1).
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
	out := filepath.Join(dir, "csv")
	cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"),
		"--headless", "--convert-to", filter, "--outdir", out}, paths...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for name, sheets := range cells {
		for sheet, rows := range sheets {
			path := filepath.Join(out, name+"-"+sheet+".csv")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("LibreOffice wrote no CSV for sheet %q of %s: %v", sheet, name, err)
			}
			lo := readCSV(t, b)
			numbers := 0
			for i, r := range rows {
				for j, v := range r {
					x, err := strconv.ParseFloat(v, 64)
					if err != nil {
						continue
					}
					numbers++
					if i >= len(lo) || j >= len(lo[i]) {
						t.Errorf("%s %s: LibreOffice has no cell %s", name, sheet, cellName(i, j))
						continue
					}
					y, err := strconv.ParseFloat(lo[i][j], 64)
					if err != nil || math.Abs(x-y) > 1e-9*math.Max(1, math.Abs(x)) {
						t.Errorf("%s %s %s: excelize %q, LibreOffice %q", name, sheet, cellName(i, j), v, lo[i][j])
					}
				}
			}
			if numbers == 0 {
				t.Errorf("%s %s: no numbers compared", name, sheet)
			}
		}
	}
}

func cellName(row, col int) string { return fmt.Sprintf("R%dC%d", row+1, col+1) }

// cellAt returns column col (1-based) of a row, or "".
func cellAt(r []string, col int) string {
	if col-1 < len(r) {
		return r[col-1]
	}
	return ""
}

func index(head []string) map[string]int {
	m := map[string]int{}
	for i, h := range head {
		m[h] = i
	}
	return m
}

// byCode is the works type of a code in a TA's table codes.
func byCode(t *testing.T, codes map[string]string, code string) string {
	t.Helper()
	for wt, c := range codes {
		if c == code {
			return wt
		}
	}
	t.Fatalf("code %s not in the table", code)
	return ""
}

func readCSVSemicolon(t testing.TB, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
