package publish

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// golden compares got with testdata/golden/name, or rewrites it with -update.
// Text files are compared with a line diff; binary files byte for byte,
// and on a mismatch the new file is kept beside the test's temp dir.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run `go test ./planner/publish -run TestGolden -update` to create it", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if strings.HasSuffix(name, ".pdf") {
		keep := filepath.Join(t.TempDir(), filepath.Base(name))
		os.WriteFile(keep, got, 0o644)
		t.Errorf("%s differs from the golden file (%d bytes, want %d); compare `pdftotext -layout` of both, then refresh with -update if the change is intended", name, len(got), len(want))
		return
	}
	t.Errorf("%s differs from the golden file (-want +got):\n%s", name, cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")))
}

// xlsxDump writes a workbook as reviewable text: its document properties,
// then every sheet's rows with raw cell values separated by tabs.
func xlsxDump(t *testing.T, b []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	var out bytes.Buffer
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "title: %s\nsubject: %s\ncreator: %s\ncreated: %s\nmodified: %s\n", p.Title, p.Subject, p.Creator, p.Created, p.Modified)
	for _, s := range f.GetSheetList() {
		fmt.Fprintf(&out, "\n== %s ==\n", s)
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			fmt.Fprintf(&out, "%d\t%s\n", i+1, strings.Join(r, "\t"))
		}
	}
	return out.Bytes()
}

// TestGolden renders every export of the demo city's plan and compares it
// with the golden files. Refresh them with -update after an intended change.
func TestGolden(t *testing.T) {
	src := goldenSource(t)
	year := src.FromYear()
	render := func(fn func(io.Writer) error) []byte {
		t.Helper()
		var b bytes.Buffer
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	t.Run("sipd", func(t *testing.T) {
		u, err := SIPD(src, year, "", "")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "sipd_2027.csv", render(u.WriteCSV))
		golden(t, "sipd_2027.xlsx.txt", xlsxDump(t, render(u.WriteXLSX)))
		u27, err := SIPD(src, year, "2027", "")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "sipd_2027_nomenklatur2027.csv", render(u27.WriteCSV))
	})
	t.Run("walidata", func(t *testing.T) {
		for _, y := range []int{src.BaselineYear(), year} {
			w, err := NewWalidata(src, y)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, fmt.Sprintf("walidata_%d.csv", y), render(w.WriteCSV))
			golden(t, fmt.Sprintf("walidata_%d.json", y), render(w.WriteJSON))
			golden(t, fmt.Sprintf("walidata_%d.xlsx.txt", y), xlsxDump(t, render(w.WriteXLSX)))
		}
	})
	t.Run("satudata", func(t *testing.T) {
		p, err := SatuData(src)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range p.Files {
			golden(t, "satudata/"+name, b)
		}
	})
	t.Run("report", func(t *testing.T) {
		rep, err := NewReport(src)
		if err != nil {
			t.Fatal(err)
		}
		pdf := render(rep.WritePDF)
		var outline bytes.Buffer
		for _, s := range rep.Sections {
			fmt.Fprintf(&outline, "%s\tpage %d\t%d page(s)\tlandscape %v\n", s.Title, s.FirstPage, s.Pages, s.Landscape)
		}
		golden(t, "report_outline.txt", outline.Bytes())
		golden(t, "report.pdf", pdf)
	})
}

// goldenHash stands in for the demo register's snapshot hash in golden
// files: the real hash covers each record's recording time, so it differs
// every time the demo is filled, while everything else is seeded.
const goldenHash = "90142e4a5c1d0000"

// goldenSource is the demo plan's Source with the snapshot hash fixed.
func goldenSource(t *testing.T) *Source {
	t.Helper()
	city, _ := demoSource(t)
	net := *city.net
	net.Hash = goldenHash
	run := *city.run
	run.SnapshotHash = goldenHash
	src, err := Load(&run, &net, false)
	if err != nil {
		t.Fatal(err)
	}
	return src
}
