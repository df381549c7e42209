package reconcile

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestSheetGolden pins the CSV and JSON sheets of the hand-made register
// (reconcile_test.go) against testdata/; -update rewrites them after a
// deliberate change, to be read in the diff.
func TestSheetGolden(t *testing.T) {
	net := testNetwork(t)
	figs, err := Read(strings.NewReader("tahun;kode_wilayah;indikator;nilai;satuan;sumber;tanggal_terbit\n"+
		"2025;33.74;kemantapan_pct;55,17;%;Bappeda RPJMD;28/02/2026\n"+
		"2025;33.74;panjang_jalan_km;4,1;km;BPS\n"+
		"2025;33.74;panjang_mantap_km;1,35;km;Provinsi\n"+
		"2025;33.74;panjang_baik_km;1000;km;SIPD\n"+
		"2025;33.74;panjang_rusak_berat_km;0,9;km;Bappeda\n"+
		"2025;33.74.02;panjang_jalan_km;1,1;km;Kecamatan\n"+
		"2025;33.73;panjang_jalan_km;10;km;Lain\n"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sh := Reconcile(net, figs, Options{File: "lain.csv", Now: time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)})
	for name, write := range map[string]func(*bytes.Buffer) error{
		"sheet.csv":  func(b *bytes.Buffer) error { return sh.WriteCSV(b) },
		"sheet.json": func(b *bytes.Buffer) error { return sh.WriteJSON(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", name)
		if *update {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v; run with -update to write it", err)
		}
		if d := cmp.Diff(string(want), b.String()); d != "" {
			t.Errorf("%s (-want +got):\n%s", name, d)
		}
	}
}
