package netfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// Mapping describes a file layout the recognised headers do not cover, and
// constants the file does not carry. Example:
//
//	{
//	  "columns": {"Nama Jalan": "name", "No.": "no_ruas", "Pjg (km)": "length_m", "Foto": "-"},
//	  "units": {"length_m": "km"},
//	  "region": "33.74",
//	  "status": "kota",
//	  "fungsi": "lokal",
//	  "surface": "aspal",
//	  "width_m": 4.5,
//	  "scheme": "bm",
//	  "survey_date": "2025-06-30",
//	  "sheet": "Data Ruas",
//	  "header_row": 3
//	}
//
// Column names are matched like headers (case, spaces and punctuation
// ignored). Fields are the codes of AllFields ("-" leaves a column out).
// Units are keyed by field or by column and are "m" or "km". A survey
// year may follow the field ("IRI Thn 23": "iri:2023"): the column then
// gives that year's survey, as a year in the header does. Status, fungsi,
// surface and width_m are constants for rows whose own cell is empty.
type Mapping struct {
	Columns    map[string]Field  `json:"columns"`
	Units      map[string]string `json:"units"`
	Region     string            `json:"region"`
	Kabupaten  string            `json:"kabupaten"`
	Status     roads.Status      `json:"status"`
	Fungsi     roads.Fungsi      `json:"fungsi"`
	Surface    string            `json:"surface"` // surface of rows without one (code or text)
	WidthM     float64           `json:"width_m"` // width (m) of rows without one
	Scheme     string            `json:"scheme"`
	SurveyDate string            `json:"survey_date"` // YYYY-MM-DD
	Sheet      string            `json:"sheet"`
	HeaderRow  int               `json:"header_row"`
	// Decimal is the file's decimal mark ("," or "koma"; "." or "titik")
	// for numbers such as "1.250" the file does not decide itself;
	// Decimals sets it per column.
	Decimal  string            `json:"decimal"`
	Decimals map[string]string `json:"decimals"`

	surveyDate time.Time
}

// LoadMapping reads and checks a mapping file.
func LoadMapping(path string) (*Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("berkas pemetaan %s tidak terbaca: %w", path, err)
	}
	m, err := ParseMapping(b)
	if err != nil {
		return nil, fmt.Errorf("berkas pemetaan %s: %w", path, err)
	}
	return m, nil
}

// ParseMapping reads a mapping from JSON and checks every entry.
func ParseMapping(b []byte) (*Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("JSON tidak sah: %v (kunci yang dikenal: columns, units, region, kabupaten, status, fungsi, surface, width_m, scheme, survey_date, sheet, header_row)", jsonErr(err))
	}
	for col, f := range m.Columns {
		g, y := splitFieldYear(f)
		if !validField(g) {
			return nil, fmt.Errorf("kolom %q dipetakan ke %q yang tidak dikenal; pilih salah satu dari %v", col, f, AllFields())
		}
		if strings.Contains(string(f), ":") && (y == 0 || !datedField(g)) {
			return nil, fmt.Errorf("kolom %q dipetakan ke %q: tahun survei ditulis \"isian:TAHUN\" (mis. \"iri:2024\", \"baik:2023\"), hanya untuk kolom kondisi atau ukuran survei, tahun %d–%d", col, f, minHeaderYear, maxHeaderYear)
		}
	}
	for k, u := range m.Units {
		if u != "m" && u != "km" {
			return nil, fmt.Errorf("satuan %q untuk %q harus \"m\" atau \"km\"", u, k)
		}
	}
	if m.Status != "" {
		s, err := roads.ParseStatus(string(m.Status))
		if err != nil {
			return nil, fmt.Errorf("status %q harus nasional, provinsi, kabupaten, kota atau desa", m.Status)
		}
		m.Status = s
	}
	if m.Fungsi != "" {
		f, err := roads.ParseFungsi(string(m.Fungsi))
		if err != nil {
			return nil, fmt.Errorf("fungsi %q harus arteri, kolektor, lokal atau lingkungan", m.Fungsi)
		}
		m.Fungsi = f
	}
	if m.WidthM < 0 || m.WidthM > 60 {
		return nil, fmt.Errorf("width_m %g harus 0–60 (meter)", m.WidthM)
	}
	if m.Surface != "" {
		if _, ok := roads.Ref().MapSurface(m.Surface); !ok {
			return nil, fmt.Errorf("surface %q tidak dikenal; tulis jenis perkerasan yang dikenal (mis. aspal, beton, kerikil, tanah) atau tambahkan alias di data/ref/surface_alias.csv", m.Surface)
		}
	}
	if m.Scheme != "" {
		if _, err := roads.SchemeOf(m.Scheme); err != nil {
			return nil, fmt.Errorf("skema kondisi %q tidak dikenal; gunakan %q (Bina Marga) atau %q (jalan desa)", m.Scheme, roads.SchemeBinaMarga, roads.SchemeDesa4)
		}
	}
	if m.SurveyDate != "" {
		t, err := time.Parse("2006-01-02", m.SurveyDate)
		if err != nil {
			return nil, fmt.Errorf("survey_date %q harus ditulis YYYY-MM-DD", m.SurveyDate)
		}
		m.surveyDate = t
	}
	if err := m.checkDecimals(); err != nil {
		return nil, err
	}
	if m.HeaderRow < 0 {
		return nil, fmt.Errorf("header_row %d harus 1 atau lebih (0 = cari sendiri)", m.HeaderRow)
	}
	if strings.Contains(m.Region, "/") {
		return nil, fmt.Errorf("region %q tidak boleh memuat '/'", m.Region)
	}
	return &m, nil
}

// field returns the field a mapping gives a column, matched loosely, and
// the survey year the mapping gives it ("iri:2024"; else the year in the
// column's header), or 0.
func (m *Mapping) field(col string) (Field, int, bool) {
	if m == nil {
		return "", 0, false
	}
	h := columnHead(col)
	for c, f := range m.Columns {
		nc := normHeader(c)
		if c == col || nc.name == h.name && nc.year == h.year || nc.name == normHeader(col).name && nc.year == normHeader(col).year {
			g, y := splitFieldYear(f)
			if y == 0 {
				y = h.year
			}
			return g, y, true
		}
	}
	return "", 0, false
}

// splitFieldYear splits a mapping's "field:YEAR" ("iri:2024") in two.
func splitFieldYear(f Field) (Field, int) {
	g, y, ok := strings.Cut(string(f), ":")
	if !ok {
		return f, 0
	}
	return Field(g), headerYear(y)
}

// unit returns the unit a mapping sets for a column or its field.
func (m *Mapping) unit(col string, f Field) string {
	if m == nil {
		return ""
	}
	if u, ok := m.Units[string(f)]; ok {
		return u
	}
	want := normHeader(col).name
	for c, u := range m.Units {
		if c == col || normHeader(c).name == want {
			return u
		}
	}
	return ""
}

// known reports a header cell the mapping names, or a recognised one.
func (m *Mapping) known(cell string) bool {
	if _, _, ok := m.field(cell); ok {
		return true
	}
	return knownHeader(cell)
}

// ReadOptions returns the reader options the mapping implies.
func (m *Mapping) ReadOptions() ReadOptions {
	if m == nil {
		return ReadOptions{}
	}
	return ReadOptions{Sheet: m.Sheet, HeaderRow: m.HeaderRow, Known: m.known}
}
