package publish

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// referencePlanWorkbook is the plan workbook as the cell-by-cell API
// writes it (how PlanXLSX was written before it streamed): the reference
// the streamed workbook is compared with, value by value.
func referencePlanWorkbook(t *testing.T, res *planner.Result) *excelize.File {
	t.Helper()
	x := excelize.NewFile()
	sheet := func(name string, header []string, rows [][]string) {
		if name == "Pekerjaan" {
			x.SetSheetName("Sheet1", name)
		} else {
			x.NewSheet(name)
		}
		for r, row := range append([][]string{header}, rows...) {
			vals := make([]any, len(row))
			for c, v := range row {
				if n, err := strconv.ParseFloat(v, 64); err == nil && r > 0 && !strings.HasPrefix(header[c], "kode") && header[c] != "nomenklatur" {
					vals[c] = n
				} else {
					vals[c] = v
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(name, cell, &vals); err != nil {
				t.Fatal(err)
			}
		}
	}
	var works [][]string
	for _, y := range res.Plan {
		for _, w := range y.Works {
			works = append(works, worksRecord(w))
		}
	}
	sheet("Pekerjaan", WorksHeader, works)
	sheet("Ringkasan", summaryHeader, summaryRows(res))
	return x
}

// isNumber: a cell without a type, or typed n, holds a number; the text
// cells are typed (shared or inline strings: the two writers differ there).
func isNumber(t excelize.CellType) bool {
	return t == excelize.CellTypeUnset || t == excelize.CellTypeNumber
}

// TestPlanXLSXStreamSameValues: the streamed plan workbook holds the same
// values, of the same cell types, as the workbook written cell by cell,
// on the demo city's plan; the CSV written as a stream is the bytes
// csvfile gives for the same records.
func TestPlanXLSXStreamSameValues(t *testing.T) {
	_, src := demoSource(t)
	res := src.Result
	b, err := PlanXLSX(res)
	if err != nil {
		t.Fatal(err)
	}
	got, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want := referencePlanWorkbook(t, res)
	if sheets := got.GetSheetList(); len(sheets) != 4 || sheets[0] != "Pekerjaan" {
		t.Errorf("sheets %v, want Pekerjaan, Ringkasan, Model kerusakan, Masukan", sheets)
	}
	numbers := 0
	for _, name := range []string{"Pekerjaan", "Ringkasan"} {
		g, err := got.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		w, _ := want.GetRows(name, excelize.Options{RawCellValue: true})
		if len(g) != len(w) || len(g) < 2 {
			t.Fatalf("%s: %d rows, want %d (and more than the header)", name, len(g), len(w))
		}
		for r := range w {
			if strings.Join(g[r], "\t") != strings.Join(w[r], "\t") {
				t.Fatalf("%s row %d:\n got %q\nwant %q", name, r+1, g[r], w[r])
			}
			for c := range w[r] {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				gt, _ := got.GetCellType(name, cell)
				wt, _ := want.GetCellType(name, cell)
				if isNumber(gt) {
					numbers++
				}
				if isNumber(gt) != isNumber(wt) {
					t.Fatalf("%s %s: a number in one workbook, text in the other (%v / %v)", name, cell, gt, wt)
				}
			}
		}
	}
	if numbers == 0 {
		t.Error("no number cell in the streamed workbook: figures written as text")
	}

	var stream bytes.Buffer
	if err := WritePlanWorksCSV(&stream, res); err != nil {
		t.Fatal(err)
	}
	var ref bytes.Buffer
	cw := csvfile.NewWriter(&ref)
	cw.Write(WorksHeader)
	n := 0
	for _, y := range res.Plan {
		for _, w := range y.Works {
			cw.Write(worksRecord(w))
			n++
		}
	}
	cw.Flush()
	if n == 0 || !bytes.Equal(stream.Bytes(), ref.Bytes()) {
		t.Errorf("streamed works CSV (%d bytes) differs from the records written at once (%d bytes, %d works)", stream.Len(), ref.Len(), n)
	}
}
