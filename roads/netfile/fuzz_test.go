package netfile

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
)

// Real file snippets, copied unchanged from ../shared/real-data, so the
// seed corpus has them even where that directory is absent.
const (
	jabarSnippet = `NO,KABUPATEN,KECAMATAN,DESA,"NAMA RUAS JALAN DESA","JENIS PERKERASAN","BAIK (meter)","RUSAK RINGAN (meter)","RUSAK SEDANG (meter)","RUSAK BERAT (meter)","TOTAL PANJANG JALAN (meter)","LAT AWAL","LNG AWAL","LAT AKHIR","LNG AKHIR"
1,BANDUNG,ARJASARI,ANCOLMEKAR,"Jln. Cilengkrang-Leuwicariu",Beton,604.0,500.0,,,1104.0,,,,
2,BANDUNG,ARJASARI,ANCOLMEKAR,"Jln. Wargiluyu-Lebakkondang",Beton,725.0,1075.0,,,1800.0,,,-7.099177,107.664095
3,BANDUNG,ARJASARI,ANCOLMEKAR,"Jln. Wargiluyu-Legoknyenang",Beton,200.0,350.0,850.0,130.0,1530.0,-7.088914,107.677127,-7.098379,107.668003
570,PANGANDARAN,PARIGI,PARIGI,,,,,,,0.0,,,,
`
	bojonegoroSnippet = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"stroke":"#c63f3f","stroke-width":2,"stroke-opacity":1,"ruas":"Bojonegoro - Kunci","nomor":1,"wilayah":"kab"},
 "geometry":{"type":"LineString","coordinates":[[111.8795943260193,-7.175550814732717],[111.87530279159547,-7.188090226663873],[111.87308192253114,-7.194423669085432]]}},
{"type":"Feature","properties":{"stroke":"#00ffaa","stroke-width":5,"stroke-opacity":0.6,"ruas":"Jl. Trunojoyo","nomor":5,"wilayah":"Wilayah I"},
 "geometry":{"type":"LineString","coordinates":[[111.88189029693604,-7.146776988149436],[111.8818473815918,-7.152152924163531]]}},
{"type":"Feature","properties":{"stroke":"#00ffaa","stroke-width":5,"stroke-opacity":0.6,"ruas":"Jl. Trunojoyo","nomor":5,"wilayah":"Wilayah I"},
 "geometry":{"type":"LineString","coordinates":[[111.8818473815918,-7.152152924163531],[111.88259840011597,-7.152270023055695]]}}]}`
)

// headLines returns the first n lines of a real-data file, or "".
func headLines(t testing.TB, rel string, n int) string {
	p := realDataPath(rel)
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for i := 0; i < n && sc.Scan(); i++ {
		b.WriteString(sc.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// exercise runs the importer's row checks on a table, without a store, and
// holds it to its promises: every row accounted for, and every accepted
// row passing the register's own rules.
func exercise(t *testing.T, tb *Table) {
	conv, err := newConverter(Options{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	fr := &FileReport{}
	if err := conv.addTable(tb, fr, func() {}); err != nil {
		return // columns unusable: a file-level error, fine
	}
	conv.check()
	conv.report()
	if fr.Imported+fr.Rejected != fr.Rows || fr.Rows != len(tb.Records) {
		t.Fatalf("rows %d, imported %d, rejected %d", fr.Rows, fr.Imported, fr.Rejected)
	}
	b, _ := conv.batch()
	if problems, err := b.Prepare(); err != nil || len(problems) > 0 {
		t.Fatalf("accepted rows fail Batch.Prepare: %v %v", problems, err)
	}
	for _, r := range b.Ruas {
		WKT(r.Geometry)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(jabarSnippet))
	if s := headLines(f, "indonesia/jabar_jalan_desa_kondisi.csv", 60); s != "" {
		f.Add([]byte(s))
	}
	f.Add([]byte("JUDUL\nNo;Kode Ruas;Nama Ruas;Panjang (km);Lebar;Status\n1;001;Jl. A;1,25;6;kota\nJUMLAH;;;1,25;;\n"))
	f.Add([]byte("NO RUAS,NAMA RUAS,PANJANG,BAIK,SEDANG,RUSAK RINGAN,RUSAK BERAT,TANGGAL SURVEI,wkt\n" +
		"001,Jl. A,100,50,50,,,30/06/2025,\"LINESTRING(112.1 -8.1,112.2 -8.1)\"\n002,Jl. B,-5,x,,,,2099-01-01,POINT(1 2)\n"))
	f.Add([]byte("\xef\xbb\xbfNO RUAS\tNAMA RUAS\n\"00\"\"1\"\tJl.\xe9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadCSV(bytes.NewReader(data), ReadOptions{})
		if err != nil {
			return
		}
		exercise(t, tb)
	})
}

func FuzzReadGeoJSON(f *testing.F) {
	f.Add([]byte(bojonegoroSnippet))
	if b, err := os.ReadFile("testdata/network.golden.geojson"); err == nil {
		f.Add(b)
	}
	if b, err := os.ReadFile(realDataPath("indonesia/bojonegoro_ruaskota.geojson")); err == nil && len(b) < 1<<20 {
		f.Add(b)
	}
	f.Add([]byte(`{"type":"Feature","properties":{"NO RUAS":"1","NAMA RUAS":"x","PANJANG":"1.234,5"},"geometry":{"type":"Point","coordinates":[1,2]}}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a\"b":[1,{"c":"}"}]},"geometry":{"type":"MultiLineString","coordinates":[[[1e400,2]]]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadGeoJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		exercise(t, tb)
	})
}

func FuzzReadXLSX(f *testing.F) {
	// A real export (the sample rows of the Bojonegoro snippet's shape)
	// and an office-style sheet.
	r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "001"}, Name: "Jl. Merdeka", Surface: roads.Aspal, LengthM: 100,
		Geometry: orb.LineString{{112.1, -8.1}, {112.2, -8.1}}}
	var buf bytes.Buffer
	if _, err := WriteXLSX(&buf, []ExportRow{{Ruas: r}}, &roads.Network{ReadAt: time.Unix(0, 0)}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	x := excelize.NewFile()
	for i, row := range [][]any{{"DATA"}, {"NO RUAS", "NAMA RUAS", "PANJANG (km)", "KONDISI"}, {nil, nil, nil, "BAIK", "SEDANG"}, {"001", "Jl. A", 1.5, 1, 0.5}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &row)
	}
	buf.Reset()
	x.Write(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04 not really a workbook"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadXLSX(bytes.NewReader(data), ReadOptions{})
		if err != nil {
			return
		}
		exercise(t, tb)
	})
}
