package netfile

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNormHeader(t *testing.T) {
	tests := []struct {
		in   string
		want head
	}{
		{"TOTAL PANJANG JALAN (meter)", head{"totalpanjangjalan", "m", 0}},
		{"Panjang (Km)", head{"panjang", "km", 0}},
		{"panjang_km", head{"panjang", "km", 0}},
		{"length_m", head{"length", "m", 0}},
		{"geom_length_m", head{"geomlength", "m", 0}},
		{"NO. RUAS", head{"noruas", "", 0}},
		{"no_ruas", head{"noruas", "", 0}},
		{"KELURAHAN/DESA", head{"kelurahandesa", "", 0}},
		{"\ufeffNO", head{"no", "", 0}},
		{"LAT AWAL", head{"latawal", "", 0}},
		{"km_baik", head{"kmbaik", "", 0}},
		{"Lebar [m]", head{"lebar", "m", 0}},
		{"Biaya (Rp)", head{"biaya", "", 0}},
		{"IRI 2023", head{"iri", "", 2023}},
		{"IRI_2024", head{"iri", "", 2024}},
		{"BAIK_2024", head{"baik", "", 2024}},
		{"KONDISI BAIK 2023 (m)", head{"kondisibaik", "m", 2023}},
		{"MNTP 2025", head{"mntp", "", 2025}},
		{"iri2025", head{"iri", "", 2025}},
		{"STA AWAL", head{"staawal", "", 0}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := normHeader(tt.in); got != tt.want {
				t.Errorf("normHeader(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestHeaderFields(t *testing.T) {
	tests := []struct {
		col  string
		want Field
	}{
		{"NO RUAS", FNo}, {"NOMOR", FNo}, {"NO_RUAS", FNo},
		{"NAMA RUAS", FName}, {"NAMA RUAS JALAN DESA", FName}, {"RUAS", FName}, {"ruas", FName},
		{"PANJANG", FLength}, {"TOTAL PANJANG JALAN (meter)", FLength}, {"LEBAR", FWidth},
		{"JENIS PERKERASAN", FSurface}, {"BAIK (meter)", FBaik}, {"SEDANG", FSedang},
		{"RUSAK RINGAN (meter)", FRusakRingan}, {"RUSAK SEDANG (meter)", FRusakSedang}, {"RUSAK BERAT", FRusakBerat},
		{"KECAMATAN", FKecamatan}, {"KELURAHAN/DESA", FKelurahan}, {"DESA", FKelurahan}, {"KABUPATEN", FKabupaten},
		{"STATUS", FStatus}, {"FUNGSI", FFungsi}, {"LAT AWAL", FLatStart}, {"LNG AWAL", FLngStart},
		{"LAT AKHIR", FLatEnd}, {"LNG AKHIR", FLngEnd}, {"KONDISI (km) / BAIK", FBaik},
	}
	for _, c := range Columns {
		if strings.HasPrefix(c, "km_") || strings.HasPrefix(c, "m_") || c == "kondisi" || c == "kemantapan_pct" ||
			c == "rule_versions" || c == "mapped" || c == "geom_length_m" {
			continue
		}
		tests = append(tests, struct {
			col  string
			want Field
		}{c, Field(c)})
	}
	for _, tt := range tests {
		t.Run(tt.col, func(t *testing.T) {
			got, ok := aliases[columnHead(tt.col).name]
			if !ok || got != tt.want {
				t.Errorf("column %q → %q (known %v), want %q", tt.col, got, ok, tt.want)
			}
		})
	}
	// The exporter's derived figures must never be read as input.
	for _, c := range []string{"km_baik", "km_rusak_berat", "kondisi", "kemantapan_pct", "geom_length_m", "mapped", "rule_versions", "NO"} {
		if f, ok := aliases[columnHead(c).name]; ok {
			t.Errorf("derived column %q is read as %q", c, f)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		comma rune
		want  float64
		ok    bool
		err   bool
	}{
		{"plain", "604.0", ',', 604, true, false},
		{"integer", "1104", ',', 1104, true, false},
		{"empty", "", ',', 0, false, false},
		{"dash", "-", ',', 0, false, false},
		{"indonesian", "1.234,5", ',', 1234.5, true, false},
		{"english", "1,234.5", ',', 1234.5, true, false},
		{"decimal comma in semicolon file", "12,5", ';', 12.5, true, false},
		{"lone comma before three digits is ambiguous alone", "1,234", ',', 0, false, true},
		{"decimal comma, not three digits", "1,25", ',', 1.25, true, false},
		{"indonesian thousands", "1.234.567", ';', 1234567, true, false},
		{"lone dot before three digits is ambiguous alone", "1.234", ';', 0, false, true},
		{"spaces", " 1 250 ", ';', 1250, true, false},
		{"negative", "-7.088914", ',', -7.088914, true, false},
		{"exponent", "1e3", ',', 1000, true, false},
		{"text", "dua", ',', 0, false, true},
		{"nan", "NaN", ',', 0, false, true},
		{"inf", "Inf", ',', 0, false, true},
		{"hex", "0x10", ',', 0, false, true},
		{"unit suffix", "12 m", ',', 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := parseNumber(tt.in, tt.comma)
			if (err != nil) != tt.err || ok != tt.ok || got != tt.want {
				t.Errorf("parseNumber(%q, %q) = %v, %v, %v; want %v, %v, err %v", tt.in, tt.comma, got, ok, err, tt.want, tt.ok, tt.err)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in     string
		format string
		want   time.Time
		err    bool
	}{
		{"2024-06-30", "csv", day(2024, 6, 30), false},
		{"2024-06-30T00:00:00Z", "csv", day(2024, 6, 30), false},
		{"30/06/2024", "csv", day(2024, 6, 30), false},
		{"3/6/2024", "csv", day(2024, 6, 3), false},
		{"30-06-2024", "csv", day(2024, 6, 30), false},
		{"30 Juni 2024", "csv", day(2024, 6, 30), false},
		{"1 Agustus 2023", "csv", day(2023, 8, 1), false},
		{"45473", "xlsx", day(2024, 6, 30), false},
		{"45473", "csv", time.Time{}, true},
		{"31/02/2024", "csv", time.Time{}, true},
		{"kemarin", "csv", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in+" "+tt.format, func(t *testing.T) {
			got, err := parseDate(tt.in, tt.format)
			if (err != nil) != tt.err || !got.Equal(tt.want) {
				t.Errorf("parseDate(%q) = %v, %v; want %v, err %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestTableFromGrid(t *testing.T) {
	rows := [][]string{
		{"DATA RUAS JALAN KOTA BLITAR TAHUN 2025"},
		{""},
		{"NO", "NO RUAS", "NAMA RUAS", "PANJANG (km)", "KONDISI (km)", "", "", ""},
		{"", "", "", "", "BAIK", "SEDANG", "RUSAK RINGAN", "RUSAK BERAT"},
		{"1", "2", "3", "4", "5", "6", "7", "8"},
		{"1", "001", "Jl. Merdeka", "1,2", "1", "0,2", "", ""},
		{"", "", "", "", "", "", "", ""},
		{"2", "002", "Jl. Mawar", "0,5", "0,5", "", "", "", "catatan lepas"},
		{"JUMLAH", "", "", "1,7", "1,5", "0,2", "", ""},
	}
	g := grid{rows: rows}
	for i := range rows {
		g.lines = append(g.lines, i+1)
	}
	tb, err := tableFromGrid(g, "xlsx", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"NO", "NO RUAS", "NAMA RUAS", "PANJANG (km)", "KONDISI (km) / BAIK", "KONDISI (km) / SEDANG",
		"KONDISI (km) / RUSAK RINGAN", "KONDISI (km) / RUSAK BERAT", "kolom 9"}
	if diff := cmp.Diff(wantCols, tb.Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if len(tb.Records) != 2 {
		t.Fatalf("records %d, want 2 (blank, column-number and totals rows skipped)", len(tb.Records))
	}
	if r := tb.Records[0]; r.Row != 1 || r.Line != 6 || r.Values[2] != "Jl. Merdeka" {
		t.Errorf("first record %+v", r)
	}
	if r := tb.Records[1]; r.Row != 3 || r.Line != 8 || r.Values[8] != "catatan lepas" {
		t.Errorf("second record %+v: a cell right of the header must be kept", r)
	}
	if len(tb.Skipped) != 1 || tb.Skipped[0].Category != CatTotalsRow {
		t.Errorf("skipped %+v, want the JUMLAH row", tb.Skipped)
	}
	l, err := newLayout(tb, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.scheme == nil || l.scheme.Code != "bm" || l.unit[4] != "km" || l.unit[3] != "km" {
		t.Errorf("layout: scheme %v units %v; want Bina Marga and km from the group header", l.scheme, l.unit)
	}
}

func TestNoHeader(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("a,b,c\n1,2,3\n"), ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "--map") {
		t.Errorf("err = %v, want a no-header error pointing at --map", err)
	}
}
