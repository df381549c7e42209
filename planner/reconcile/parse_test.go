package reconcile

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadFormats(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		value []float64
		dec   []int
	}{
		{"semicolon, decimal comma", "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.74;kemantapan_pct;84,52;%;BPS\n2025;3374;panjang_jalan_km;1.234,5;km;BPS\n",
			[]float64{84.52, 1234.5}, []int{2, 1}},
		{"comma, decimal dot", "Tahun,Kode Wilayah,Indikator,Nilai,Satuan,Sumber\n2025,33.74,kemantapan_pct,84.5,%,BPS\n2025,33.74.01,panjang_jalan_km,1250.75,km,BPS\n",
			[]float64{84.5, 1250.75}, []int{1, 2}},
		{"ambiguous decided by the column", "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.74;panjang_jalan_km;1.250;m;BPS\n2025;33.74;panjang_baik_km;980;m;BPS\n",
			[]float64{1.25, 0.98}, []int{3, 3}},
		{"BOM, CRLF, blank rows, extra column", "\ufefftahun;kode_wilayah;indikator;nilai;satuan;sumber;catatan\r\n\r\n2025;33.74;kemantapan_pct;78;persen;LKPJ;x\r\n",
			[]float64{78}, []int{0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			figs, err := Read(strings.NewReader(tc.text), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if len(figs) != len(tc.value) {
				t.Fatalf("%d figures, want %d", len(figs), len(tc.value))
			}
			for i, f := range figs {
				if d := f.Value - tc.value[i]; d > 1e-12 || d < -1e-12 || f.Decimals != tc.dec[i] {
					t.Errorf("figure %d: %g with %d decimals, want %g with %d", i, f.Value, f.Decimals, tc.value[i], tc.dec[i])
				}
			}
		})
	}
}

func TestReadRowErrors(t *testing.T) {
	text := "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n" +
		"25;33.74;kemantapan_pct;84,5;%;BPS\n" + // line 2: year
		"2025;3374010;kemantapan_pct;84,5;%;BPS\n" + // line 3: BPS code
		"2025;33.74;kemantapan;84,5;%;BPS\n" + // line 4: indicator
		"2025;33.74;kemantapan_pct;84,5;km;BPS\n" + // line 5: unit
		"2025;33.74;panjang_jalan_km;dua;km;BPS\n" + // line 6: value
		"2025;33.74;kemantapan_pct;120;%;BPS\n" + // line 7: over 100
		"2025;33.74;panjang_jalan_km;12;km;BPS\n" +
		"2025;33.74;panjang_jalan_km;13;km;BPS\n" // line 9: duplicate of 8
	_, err := Read(strings.NewReader(text), DefaultLimits)
	var es RowErrors
	if !errors.As(err, &es) || !errors.Is(err, ErrFormat) {
		t.Fatalf("err %v, want RowErrors", err)
	}
	want := map[int]string{2: "tahun", 3: "kode_wilayah", 4: "indikator", 5: "satuan", 6: "nilai", 7: "nilai", 9: "indikator"}
	got := map[int]string{}
	for _, e := range es {
		got[e.Line] = e.Column
		if e.Message == "" {
			t.Errorf("line %d: no message", e.Line)
		}
	}
	for line, col := range want {
		if got[line] != col {
			t.Errorf("line %d: column %q refused, want %q (all: %v)", line, got[line], col, es)
		}
	}
	if len(es) != len(want) {
		t.Errorf("%d errors, want %d: %v", len(es), len(want), es)
	}
	if !strings.Contains(err.Error(), "kode BPS") {
		t.Errorf("message does not name the BPS code: %v", err)
	}
}

// TestReadPublished: the optional publication date is read in either
// form, and a wrong one is refused with its row.
func TestReadPublished(t *testing.T) {
	figs, err := Read(strings.NewReader("tahun;kode_wilayah;indikator;nilai;satuan;sumber;Tanggal Terbit\n"+
		"2025;33.74;kemantapan_pct;84,5;%;BPS;2026-02-28\n2025;33.74;panjang_jalan_km;12;km;BPS;01/03/2026\n2025;33.74;panjang_baik_km;2;km;BPS;\n"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-02-28", "2026-03-01", "0001-01-01"}
	for i, f := range figs {
		if got := f.Published.Format("2006-01-02"); got != want[i] {
			t.Errorf("row %d: published %s, want %s", i+2, got, want[i])
		}
	}
	_, err = Read(strings.NewReader("tahun;kode_wilayah;indikator;nilai;satuan;sumber;tanggal_terbit\n2025;33.74;kemantapan_pct;84,5;%;BPS;28 Feb\n"), DefaultLimits)
	var es RowErrors
	if !errors.As(err, &es) || len(es) != 1 || es[0].Column != DateColumn || es[0].Line != 2 {
		t.Errorf("bad date: %v", err)
	}
}

func TestReadRefusesWholeFile(t *testing.T) {
	for name, text := range map[string]string{
		"no header":       "2025;33.74;kemantapan_pct;84,5;%;BPS\n",
		"missing column":  "tahun;kode_wilayah;indikator;nilai;sumber\n2025;33.74;kemantapan_pct;84,5;BPS\n",
		"empty":           "",
		"header only":     "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n",
		"not utf-8":       "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.74;kemantapan_pct;84,5;%;\xff\xfe\n",
		"broken quote":    "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.74;kemantapan_pct;\"84,5;%;BPS\n",
		"not an xlsx zip": "PK\x03\x04garbage",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(text), DefaultLimits); !errors.Is(err, ErrFormat) {
				t.Errorf("err %v, want ErrFormat", err)
			}
		})
	}
	lim := DefaultLimits
	lim.Bytes = 100
	big := "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n" + strings.Repeat("2025;33.74;kemantapan_pct;84,5;%;BPS\n", 10)
	if _, err := Read(strings.NewReader(big), lim); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "KiB") {
		t.Errorf("over the byte limit: %v", err)
	}
	lim = DefaultLimits
	lim.Rows = 3
	if _, err := Read(strings.NewReader(big), lim); !errors.Is(err, ErrFormat) {
		t.Errorf("over the row limit: %v", err)
	}
}

// TestReadXLSX: a workbook laid out as the template, numbers stored as
// numbers and as text, reads as the CSV does; the template itself reads.
func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Tahun", "Kode_Wilayah", "Indikator", "Nilai", "Satuan", "Sumber"},
		{2025, "33.74", "kemantapan_pct", 84.52, "%", "BPS"},
		{2025, "33.74", "panjang_jalan_km", "1.234,5", "km", "BPS"},
		{2025, "33.74", "panjang_baik_km", 1.125, "km", "BPS"}, // a number, never re-read as 1125
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	figs, err := Read(&buf, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{84.52, 1234.5, 1.125}
	for i, fg := range figs {
		if fg.Value != want[i] {
			t.Errorf("row %d: %g, want %g", i+2, fg.Value, want[i])
		}
	}
	if figs[0].Decimals != 2 || figs[2].Decimals != 3 {
		t.Errorf("decimals %d, %d; want 2, 3", figs[0].Decimals, figs[2].Decimals)
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"csv":  func(b *bytes.Buffer) error { return TemplateCSV(b, "33.74", 2025) },
		"xlsx": func(b *bytes.Buffer) error { return TemplateXLSX(b, "33.74", 2025) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		figs, err := Read(&b, DefaultLimits)
		if err != nil || len(figs) != 2 || figs[1].Value != 78.52 || figs[1].Region != "33.74" {
			t.Errorf("template %s: %v %+v", name, err, figs)
		}
	}
}

// FuzzRead: any bytes end in figures or an error, never a panic; every
// figure read is in range.
func FuzzRead(f *testing.F) {
	f.Add([]byte("tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.74;kemantapan_pct;84,52;%;BPS\n"))
	f.Add([]byte("tahun,kode_wilayah,indikator,nilai,satuan,sumber\n2025,3374,panjang_jalan_km,\"1.250,5\",m,BPS\n"))
	f.Add([]byte("tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;33.74.01;panjang_baik_km;1.250;km;x\n2025;33.74;panjang_sedang_km;1,250;km;x\n"))
	var b bytes.Buffer
	TemplateXLSX(&b, "33.74", 2025)
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		figs, err := Read(bytes.NewReader(data), Limits{Bytes: 1 << 16, Rows: 200, CellBytes: 512, XLSXBytes: 1 << 20})
		if err != nil {
			return
		}
		for _, fg := range figs {
			if !fg.Indicator.Known() || fg.Value < 0 || fg.Indicator.Percent() && fg.Value > 100 || fg.Year < 1950 || fg.Year > 2200 || fg.Decimals < 0 {
				t.Fatalf("figure out of range: %+v", fg)
			}
		}
	})
}
