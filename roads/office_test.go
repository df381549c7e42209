package roads

import (
	"bufio"
	"compress/gzip"
	"os"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/data/shared"
)

func TestNewOffice(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        OfficeInput
		wantErr   string // field with a problem, or ""
		pemda     string
		authority Status
	}{
		{"kota", OfficeInput{Region: "33.74"}, "", "Kota Semarang", Kota},
		{"kabupaten", OfficeInput{Region: " 32.01 "}, "", "Kabupaten Bogor", Kabupaten},
		{"provinsi", OfficeInput{Region: "35"}, "", "Provinsi Jawa Timur", Provinsi},
		{"kabupaten with provincial roads", OfficeInput{Region: "32.01", Authority: "Provinsi"}, "", "Kabupaten Bogor", Provinsi},
		{"kecamatan refused", OfficeInput{Region: "35.72.01"}, "region", "", ""},
		{"unknown code", OfficeInput{Region: "99.99"}, "region", "", ""},
		{"missing code", OfficeInput{}, "region", "", ""},
		{"bad kewenangan", OfficeInput{Region: "33.74", Authority: "desa"}, "kewenangan", "", ""},
		{"boundary not a polygon", OfficeInput{Region: "33.74", Boundary: []byte(`{"type":"LineString","coordinates":[[110.4,-7],[110.5,-7]]}`)}, "boundary", "", ""},
		{"boundary in UTM", OfficeInput{Region: "33.74", Boundary: []byte(`{"type":"Polygon","coordinates":[[[430000,9220000],[431000,9220000],[431000,9221000],[430000,9220000]]]}`)}, "boundary", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, errs := NewOffice(tc.in)
			if tc.wantErr != "" {
				if len(errs) == 0 || errs[0].Field != tc.wantErr || errs[0].Message == "" {
					t.Fatalf("errors %v, want one on %s", errs, tc.wantErr)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if o.Pemda() != tc.pemda || o.Authority != tc.authority || o.OPD != "Dinas Pekerjaan Umum dan Penataan Ruang "+tc.pemda {
				t.Errorf("office %+v (pemda %q), want %s with kewenangan %s", o, o.Pemda(), tc.pemda, tc.authority)
			}
		})
	}
}

// The embedded region table is the shared Kepmendagri 2025 file, row for
// row, and answers lookups by code, name and parent.
func TestRegionTableIsTheDecree(t *testing.T) {
	f, err := os.Open(shared.RealData(t, "indonesia/wilayah_kepmendagri_2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	rows, provinces, pemda := 0, 0, 0
	for sc.Scan() {
		line := sc.Text()
		i := strings.IndexByte(line, ',')
		code, name := line[:i], strings.TrimSpace(strings.Trim(line[i+1:], `"`)) // the source pads a few names
		w, ok := Ref().Place(code)
		if !ok || w.Name != name {
			t.Fatalf("%s %q: embedded table has %+v (%v)", code, name, w, ok)
		}
		rows++
		switch strings.Count(code, ".") {
		case 0:
			provinces++
		case 1:
			pemda++
		}
	}
	if rows != 91599 || provinces != 38 || pemda != 514 || Ref().Regions() != rows {
		t.Errorf("%d rows (%d provinces, %d kabupaten/kota), embedded %d; the decree has 91,599 (38, 514)", rows, provinces, pemda, Ref().Regions())
	}
	// Kota Blitar: 3 kecamatan, 21 kelurahan (7 each), none a desa.
	kec := Ref().Within("35.72", LevelKecamatan)
	kel := Ref().Within("35.72", LevelKelurahan)
	if len(kec) != 3 || len(kel) != 21 || kel[0].Desa {
		t.Errorf("35.72: %d kecamatan, %d kelurahan (first %+v)", len(kec), len(kel), kel[0])
	}
	if w, ok := Ref().PlaceByName(LevelKelurahan, "tanjung sari", "35.72.02"); !ok || w.Code != "35.72.02.1007" {
		t.Errorf("PlaceByName Tanjungsari in 35.72.02 = %+v, %v", w, ok)
	}
	if w, ok := Ref().PlaceByName(LevelKabupaten, "KOTA BLITAR", ""); !ok || w.Code != "35.72" || w.Level != LevelKota {
		t.Errorf("PlaceByName Kota Blitar = %+v, %v", w, ok)
	}
}

// The embedded file is gzip of the CSV (so it stays small in the binary).
func TestRegionFileIsGzip(t *testing.T) {
	f, err := os.Open("../data/" + wilayahFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	if _, err := gzip.NewReader(f); err != nil {
		t.Fatal(err)
	}
	if st.Size() > 700_000 {
		t.Errorf("%s is %d bytes; keep the embedded table under 700 kB", wilayahFile, st.Size())
	}
}

// BenchmarkRegionTable reads the embedded national table (the one-off cost
// of the first region lookup in a process).
func BenchmarkRegionTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadRegions(); err != nil {
			b.Fatal(err)
		}
	}
}
