package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// `ruas demo` names its own office, Kota Blitar; a register made by hand
// has none until `ruas init`, and `ruas demo --force` into a register whose
// office someone set keeps that office.
func TestDemoSetsItsOffice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, stderr := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, stdout, stderr := runCLI(t, "init", "--db", db)
	if code != 0 || !strings.Contains(stdout, "Kota Blitar (kode 35.72, kota; kode pemda SIPD 3572)") || !strings.Contains(stdout, "jalan kota") || stderr != "" {
		t.Fatalf("office of the demo: exit %d\n%s%s", code, stdout, stderr)
	}
	other := filepath.Join(t.TempDir(), "own.db")
	if code, _, stderr := runCLI(t, "init", "--db", other, "--region", "35.05"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	if code, _, stderr := runCLI(t, "demo", "--db", other, "--force"); code != 0 {
		t.Fatalf("demo --force: %s", stderr)
	}
	if _, stdout, _ := runCLI(t, "init", "--db", other); !strings.Contains(stdout, "Kabupaten Blitar") || !strings.Contains(stdout, "jalan kabupaten") {
		t.Errorf("demo --force replaced the office someone set:\n%s", stdout)
	}
}

// `ruas init --outlines` loads the office's kecamatan outlines from the
// real Kota Blitar file (names written "KEPANJEN KIDUL", BPS codes) and
// shows them; a Kabupaten Blitar file for the kota is refused whole.
func TestInitOutlines(t *testing.T) {
	db := filepath.Join(t.TempDir(), "o.db")
	kota := realDataFile(t, "indonesia/kota_blitar_kecamatan.geojson")
	if code, _, stderr := runCLI(t, "init", "--db", db, "--region", "35.72", "--outlines", kota); code != 0 {
		t.Fatalf("init --outlines: %s", stderr)
	}
	_, stdout, _ := runCLI(t, "init", "--db", db)
	if !strings.Contains(stdout, "Batas kecamatan    3: Kepanjenkidul, Sukorejo, Sananwetan") {
		t.Errorf("the office does not show its 3 kecamatan outlines:\n%s", stdout)
	}
	kab := realDataFile(t, "indonesia/kab_blitar_kecamatan.geojson")
	code, _, stderr := runCLI(t, "init", "--db", db, "--outlines", kab)
	if code != 1 || !strings.Contains(stderr, "tidak dapat dicocokkan") || !strings.Contains(stderr, "tidak ada yang disimpan") {
		t.Errorf("Kabupaten Blitar's outlines for Kota Blitar: exit %d\n%s", code, stderr)
	}
	if _, stdout, _ := runCLI(t, "init", "--db", db); !strings.Contains(stdout, "Batas kecamatan    3:") {
		t.Errorf("a refused outlines file changed the stored ones:\n%s", stdout)
	}
}
