package netfile

import (
	"context"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestReimportNeverBlanks: a condition file that carries only number,
// name and length, imported after the full inventory, adds its survey and
// leaves the width, surface, status, places and geometry the inventory
// stored; the audit trail shows no field going blank.
func TestReimportNeverBlanks(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	full := writeFile(t, dir, "ruas.csv", "NO RUAS;NAMA RUAS;PANJANG;LEBAR;JENIS PERKERASAN;STATUS;KECAMATAN;LAT AWAL;LNG AWAL;LAT AKHIR;LNG AKHIR\n"+
		"001;Jl. Merdeka;1200;6;Aspal;kota;Sukorejo;-8.0950;112.1600;-8.0950;112.1709\n")
	if _, err := Import(ctx, st, []string{full}, Options{Region: "35.72"}); err != nil {
		t.Fatal(err)
	}
	before, err := st.Ruas(ctx, roads.Key{Region: "35.72", No: "001"})
	if err != nil {
		t.Fatal(err)
	}
	cond := writeFile(t, dir, "kondisi.csv", "NO RUAS;NAMA RUAS;PANJANG;BAIK;SEDANG;RUSAK RINGAN;RUSAK BERAT\n001;Jl. Merdeka;1200;600;300;300;0\n")
	if _, err := Import(ctx, st, []string{cond}, Options{Region: "35.72", SurveyDate: before.Source.At}); err != nil {
		t.Fatal(err)
	}
	after, err := st.Ruas(ctx, before.Key)
	if err != nil {
		t.Fatal(err)
	}
	if after.WidthM != 6 || after.Surface != roads.Aspal || after.Status != roads.Kota || after.Kecamatan != "Sukorejo" || after.Geometry == nil {
		t.Errorf("the condition file blanked stored fields: width %g, surface %q, status %q, kecamatan %q, geometry %v",
			after.WidthM, after.Surface, after.Status, after.Kecamatan, after.Geometry != nil)
	}
	if after.Version != before.Version {
		t.Errorf("ruas version %d → %d: a file that adds a survey changed the ruas row", before.Version, after.Version)
	}
	net, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(net.Surveys[after.ID]); n != 1 {
		t.Errorf("%d surveys after the condition file, want 1", n)
	}
}
