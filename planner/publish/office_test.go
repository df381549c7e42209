package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every export names the register's office: a Kabupaten Bogor register
// publishes kodepemda 3201, its Dinas and "jalan kabupaten", and its
// e-Walidata, SIPD and Satu Data files say nothing of Kota Blitar (the
// fixture's ruas keep their 35.72 numbers, which appear only as keys).
func TestExportsNameTheOffice(t *testing.T) {
	f := newFixture(t)
	// The register after SetOffice(Kabupaten Bogor, OPD code
	// 1.03.0.00.0.00.01.0000): see TestFixtureStates.
	net := fixtureNet(t, stateBogor)
	src, err := Load(f.run, net, false)
	if err != nil {
		t.Fatalf("office change made the plan stale or failed: %v", err)
	}
	if src.Org.Kodepemda != "3201" || src.Org.Pemda != "Kabupaten Bogor" || src.Org.OPDShort != "Dinas PUPR Kabupaten Bogor" || src.Org.Jalan() != "jalan kabupaten" {
		t.Fatalf("org %+v", src.Org)
	}
	w, err := NewWalidata(src, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var wj, wx bytes.Buffer
	if err := w.WriteJSON(&wj); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteXLSX(&wx); err != nil {
		t.Fatal(err)
	}
	u, err := SIPD(src, src.FromYear(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	var sc bytes.Buffer
	if err := u.WriteCSV(&sc); err != nil {
		t.Fatal(err)
	}
	pkg, err := SatuData(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := pkg.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile(filepath.Join(dir, FileMetadata))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"walidata.json": wj.String(), "sipd.csv": sc.String(), "metadata": string(meta)} {
		for _, bad := range []string{"Kota Blitar", "3572", "jalan kota", "Jalan kota", "pemerintah kota"} { // a fixture kelurahan is named Blitar
			if strings.Contains(text, bad) {
				t.Errorf("%s says %q on a Kabupaten Bogor register", name, bad)
			}
		}
	}
	for name, c := range map[string]struct{ text, want string }{
		"walidata kodepemda": {wj.String(), `"kodepemda": "3201"`},
		"walidata indikator": {wj.String(), "Panjang jalan kabupaten"},
		"walidata produsen":  {wj.String(), "Dinas PUPR Kabupaten Bogor"},
		"sipd":               {sc.String(), "3201;1.03.0.00.0.00.01.0000;Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Bogor"},
		"ckan slug":          {string(meta), "kondisi-jalan-kabupaten-3201"},
		"ms-ind konsep":      {string(meta), "Ruas jalan kabupaten adalah jalan umum yang menjadi kewenangan Pemerintah Kabupaten Bogor"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s: %q missing", name, c.want)
		}
	}
}
