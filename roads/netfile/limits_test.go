package netfile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
)

// TestImportRefusesRowsOverLimit: a CSV of short rows one past the default
// row limit (the form of the 6-million-row file that took the server to
// 12.5 GB) is refused whole, with a message naming the limit, and nothing
// is written.
func TestImportRefusesRowsOverLimit(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "banyak.csv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "NO RUAS,NAMA RUAS,PANJANG")
	rows := DefaultLimits.Rows + headerScanRows + 1
	for i := 0; i < rows; i++ {
		fmt.Fprintf(w, "%d,J%d,1\n", i+1, i)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, dir)
	rep, err := Import(ctx, st, []string{p}, Options{Region: "35.72"})
	if err == nil {
		t.Fatal("an import over the row limit was accepted")
	}
	msgs := ""
	for _, e := range rep.Files[0].Errors {
		msgs += e.Message + "\n"
	}
	if !strings.Contains(msgs, "200.000 baris") || !strings.Contains(msgs, "batas") {
		t.Errorf("problems do not name the limit of 200.000 rows:\n%s", msgs)
	}
	if n, _ := st.CountRuas(ctx, roads.RuasFilter{}); n != 0 {
		t.Errorf("%d ruas written by a refused import", n)
	}
	// The same file passes under the command line's limits.
	if _, err := Read(p, ReadOptions{Limits: CommandLimits}); err != nil {
		t.Errorf("command-line limits: %v", err)
	}
}

// TestReadRefusesOversizedCells: one cell, one row too wide, too many
// files, too many features or points: each refused, naming its limit.
func TestReadRefusesOversizedCells(t *testing.T) {
	lim := DefaultLimits
	lim.CellBytes, lim.Columns, lim.Rows, lim.Cells = 1000, 10, 5, 40
	dir := t.TempDir()
	cases := []struct {
		name, file, body, want string
	}{
		{"cell", "sel.csv", "NO RUAS,NAMA RUAS\n1," + strings.Repeat("x", 1001) + "\n", "1.000 byte per sel"},
		{"columns", "lebar.csv", "NO RUAS,NAMA RUAS" + strings.Repeat(",a", 10) + "\n", "10 sel per baris"},
		{"cells", "sel-banyak.csv", "NO RUAS,NAMA RUAS,PANJANG,LEBAR,TAHUN\n" + strings.Repeat("1,a,2,3,4\n", 9), "40 sel berisi"},
		{"rows", "baris.csv", "NO RUAS\n" + strings.Repeat("1\n", 5+headerScanRows), "5 baris data"},
		{"features", "fitur.geojson", `{"type":"FeatureCollection","features":[` + strings.Repeat(`{"type":"Feature","properties":{},"geometry":null},`, 5) + `{}]}`, "5 baris data"},
		{"points", "titik.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NO RUAS":"1"},"geometry":{"type":"LineString","coordinates":[` +
			strings.Repeat("[112.1,-8.1],", 40) + `[112.1,-8.1]]}}]}`, "titik koordinat"},
		{"property", "prop.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAMA":"` + strings.Repeat("x", 1001) + `"},"geometry":null}]}`, "1.000 byte per sel"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, c.file, c.body)
			_, err := Read(p, ReadOptions{Limits: lim})
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want ErrTooLarge naming %q", err, c.want)
			}
		})
	}
	t.Run("import", func(t *testing.T) {
		// Three files of 2 rows pass one by one; together over 5 rows
		// they are refused: the limit holds over the import.
		var ps []string
		for i := 0; i < 3; i++ {
			ps = append(ps, writeFile(t, dir, fmt.Sprintf("b%d.csv", i), fmt.Sprintf("NO RUAS,NAMA RUAS\n%d1,a\n%d2,b\n", i, i)))
		}
		l := lim
		l.Rows = 5 - headerScanRows // the slack for title rows is counted too
		rep, err := Import(context.Background(), nil, ps, Options{Region: "35.72", DryRun: true, Limits: l})
		if err == nil || rep.Files[2].Errors[0].Message == "" || !strings.Contains(rep.Files[2].Errors[0].Message, "batas per impor") {
			t.Errorf("err = %v, report %+v; want the third file refused for the import's rows", err, rep)
		}
	})
	t.Run("files", func(t *testing.T) {
		p := writeFile(t, dir, "satu.csv", "NO RUAS,NAMA RUAS\n1,a\n")
		_, err := Import(context.Background(), nil, []string{p, p, p, p, p}, Options{Region: "35.72", DryRun: true})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "batas 4 berkas") {
			t.Errorf("err = %v, want the limit of 4 files", err)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		p := writeFile(t, dir, "besar.csv", "NO RUAS,NAMA RUAS\n1,"+strings.Repeat("x", 2000)+"\n")
		_, err := Read(p, ReadOptions{Limits: Limits{FileBytes: 1000, Rows: 10, Columns: 10, CellBytes: 1 << 20, Cells: 100, Files: 1, XLSXBytes: 1}})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1.000 byte per berkas") {
			t.Errorf("err = %v, want the limit of 1.000 bytes per file", err)
		}
	})
}

// xlsxWithSharedString writes a valid workbook (header NO RUAS, NAMA RUAS;
// one row whose name is a shared string) and then replaces its shared
// strings part by one string of n bytes, streamed into the zip so the test
// never holds it.
func xlsxWithSharedString(t *testing.T, n int) []byte {
	t.Helper()
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"NO RUAS", "NAMA RUAS"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"001", "Jl. Kecil"})
	var src bytes.Buffer
	if err := x.Write(&src); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(src.Bytes()), int64(src.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if f.Name != "xl/sharedStrings.xml" {
			rc, _ := f.Open()
			io.Copy(w, rc)
			rc.Close()
			continue
		}
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>NO RUAS</t></si><si><t>NAMA RUAS</t></si><si><t>001</t></si><si><t>`)
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for left := n; left > 0; left -= len(chunk) {
			w.Write(chunk[:min(len(chunk), left)])
		}
		fmt.Fprint(w, `</t></si></sst>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestXLSXBombRefusedWithoutAllocating: a small workbook whose one cell
// unpacks to 150 MB (under the 200 MB total, over 64 KiB a cell) is refused
// by the cell limit, and reading it allocates a small fraction of the
// cell: the check streams the part and keeps no text.
func TestXLSXBombRefusedWithoutAllocating(t *testing.T) {
	const cell = 150 << 20
	b := xlsxWithSharedString(t, cell)
	if len(b) > 2<<20 {
		t.Fatalf("test workbook is %d bytes; it should be small", len(b))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ReadXLSX(bytes.NewReader(b), ReadOptions{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "65.536 byte") {
		t.Errorf("err = %v, want ErrTooLarge naming 65.536 bytes per cell", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > cell/10 {
		t.Errorf("reading the workbook allocated %d MB for a %d MB cell; the check must not hold the cell", alloc>>20, cell>>20)
	}

	// Over the unpacked total: refused from the zip directory alone.
	lim := DefaultLimits
	lim.XLSXBytes = 10 << 20
	_, err = ReadXLSX(bytes.NewReader(xlsxWithSharedString(t, 20<<20)), ReadOptions{Limits: lim})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "10.485.760 byte") {
		t.Errorf("err = %v, want ErrTooLarge naming the unpacked limit", err)
	}

	// A small cell still reads.
	tb, err := ReadXLSX(bytes.NewReader(xlsxWithSharedString(t, 100)), ReadOptions{})
	if err != nil || len(tb.Records) != 1 || len(tb.Records[0].Values[1]) != 100 {
		t.Fatalf("small workbook: %v %+v", err, tb)
	}
}

// TestImportStopsWhenCancelled: a context cancelled while files are read
// (a client that left) stops the import before the rows are checked, and
// one cancelled during the write leaves the register as it was.
func TestImportStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	src := writeGeneratedGeoJSON(t, dir, 3000)
	st := openStore(t, dir)
	for _, stage := range []string{"read", "write"} {
		t.Run(stage, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var heard []string
			opt := Options{Region: "35.72", Progress: func(s string, done, total int) {
				heard = append(heard, s)
				if s == stage {
					cancel()
				}
			}}
			_, err := Import(ctx, st, []string{src}, opt)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			for _, s := range heard {
				if stage == "read" && s != "read" {
					t.Errorf("stage %q ran after the context was cancelled in %q", s, stage)
				}
			}
			if n, _ := st.CountRuas(context.Background(), roads.RuasFilter{}); n != 0 {
				t.Errorf("%d ruas written by a cancelled import", n)
			}
		})
	}
	// A context done before the read stops the reader itself.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(src, ReadOptions{}.WithContext(ctx)); !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a done context: %v", err)
	}
}
