package publish

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// The files of a Satu Data package.
const (
	FileNetworkCSV  = "kondisi_jalan.csv"
	FileNetworkJSON = "kondisi_jalan.geojson"
	FileIndicators  = "indikator_jalan.csv"
	FileMetadata    = "metadata.json"
)

// Package is a Satu Data upload: the network with its condition at the
// plan's baseline (CSV and GeoJSON), the indicators of the baseline year,
// and metadata.json with the CKAN dataset fields and BPS MS-Ind per
// indicator. Files maps each file name to its bytes.
type Package struct {
	Src   *Source
	Year  int // the data year: the plan's baseline
	Files map[string][]byte
	// Lines is the network table, one row per ruas, in register order.
	Lines []NetworkLine
}

// NetworkLine is one ruas with its condition at the baseline.
type NetworkLine struct {
	Ruas      *roads.Ruas
	Condition roads.Condition
	Km        [4]float64 // per class, km rounded to the metre
	UnknownKm float64
}

// SatuData builds the package for the plan's baseline year.
func SatuData(src *Source) (*Package, error) {
	p := &Package{Src: src, Year: src.BaselineYear(), Files: map[string][]byte{}}
	w, err := NewWalidata(src, p.Year)
	if err != nil {
		return nil, err
	}
	for _, r := range src.Net.Ruas {
		// The surveys the indicator rows count: the data year's own.
		c := roads.ConditionOf(planner.LatestUpTo(src.Net.Surveys[r.ID], w.Figures.SurveyYear))
		l := NetworkLine{Ruas: r, Condition: c}
		var known float64
		for i, m := range c.Metres {
			l.Km[i] = round(m/1000, kmDecimals)
			known += m
		}
		if c.Total() == 0 {
			l.UnknownKm = round(r.Length()/1000, kmDecimals)
		} else if d := r.Length() - known; d > 0 {
			l.UnknownKm = round(d/1000, kmDecimals)
		}
		p.Lines = append(p.Lines, l)
	}
	steps := []struct {
		name string
		fn   func() ([]byte, error)
	}{
		{FileNetworkCSV, p.networkCSV},
		{FileNetworkJSON, p.networkGeoJSON},
		{FileIndicators, func() ([]byte, error) {
			var b bytes.Buffer
			err := w.WriteCSV(&b)
			return b.Bytes(), err
		}},
		{FileMetadata, func() ([]byte, error) { return p.metadata(w) }},
	}
	for _, s := range steps {
		b, err := s.fn()
		if err != nil {
			return nil, fmt.Errorf("satu data %s: %w", s.name, err)
		}
		p.Files[s.name] = b
	}
	return p, nil
}

// WriteDir writes the package's files into dir, creating it if needed.
func (p *Package) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for _, name := range []string{FileNetworkCSV, FileNetworkJSON, FileIndicators, FileMetadata} {
		if err := os.WriteFile(filepath.Join(dir, name), p.Files[name], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
	}
	return nil
}

var networkColumns = []string{
	"kode_ruas", "no_ruas", "nama_ruas", "status", "fungsi", "permukaan", "permukaan_walidata", "lebar_m", "panjang_km",
	"kode_kecamatan", "kecamatan", "kode_kelurahan", "kelurahan",
	"km_baik", "km_sedang", "km_rusak_ringan", "km_rusak_berat", "km_belum_disurvei", "kondisi", "kemantapan_persen",
	"tanggal_survei", "versi_aturan", "tahun_data", "rencana_id", "snapshot_hash", "status_data",
}

// values is a line's fields in networkColumns order, as text.
func (p *Package) values(l NetworkLine) []string {
	r, c := l.Ruas, l.Condition
	kondisi, kem, date := "", "", ""
	if c.Total() > 0 {
		kondisi = c.Kondisi().Label()
		kem = plain(c.Kemantapan(), pctDecimals)
		date = c.Date.Format("2006-01-02")
	}
	return []string{
		r.Key.String(), r.Key.No, r.Name, string(r.Status), string(r.Fungsi), string(r.Surface), roads.Ref().Surface(r.Surface).Walidata,
		plain(r.WidthM, 1), plain(round(r.Length()/1000, kmDecimals), kmDecimals),
		r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan,
		plain(l.Km[0], kmDecimals), plain(l.Km[1], kmDecimals), plain(l.Km[2], kmDecimals), plain(l.Km[3], kmDecimals), plain(l.UnknownKm, kmDecimals),
		kondisi, kem, date, strings.Join(c.Versions, ";"), strconv.Itoa(p.Year),
		strconv.FormatInt(p.Src.RunID, 10), p.Src.SnapshotHash, p.Src.DataStatus(),
	}
}

func (p *Package) networkCSV() ([]byte, error) {
	var b bytes.Buffer
	cw := csvfile.NewWriter(&b)
	cw.Write(networkColumns)
	for _, l := range p.Lines {
		cw.Write(p.values(l))
	}
	cw.Flush()
	return b.Bytes(), cw.Error()
}

// networkGeoJSON writes a FeatureCollection whose properties are the CSV
// columns in the same order (numbers as JSON numbers); ruas without a
// geometry keep a null geometry so the two files list the same ruas.
func (p *Package) networkGeoJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\"type\":\"FeatureCollection\",\n\"name\":")
	writeJSON(&b, "kondisi_jalan")
	b.WriteString(",\n\"features\":[")
	numeric := map[string]bool{"lebar_m": true, "panjang_km": true, "km_baik": true, "km_sedang": true, "km_rusak_ringan": true,
		"km_rusak_berat": true, "km_belum_disurvei": true, "kemantapan_persen": true, "tahun_data": true, "rencana_id": true}
	for i, l := range p.Lines {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{\"type\":\"Feature\",\"properties\":{")
		for j, v := range p.values(l) {
			if j > 0 {
				b.WriteByte(',')
			}
			writeJSON(&b, networkColumns[j])
			b.WriteByte(':')
			switch {
			case numeric[networkColumns[j]] && v != "":
				b.WriteString(v)
			case numeric[networkColumns[j]]:
				b.WriteString("null")
			default:
				writeJSON(&b, v)
			}
		}
		b.WriteString("},\"geometry\":")
		if l.Ruas.Geometry == nil {
			b.WriteString("null")
		} else {
			g, err := json.Marshal(geojson.NewGeometry(l.Ruas.Geometry))
			if err != nil {
				return nil, fmt.Errorf("ruas %s: %w", l.Ruas.Key, err)
			}
			b.Write(g)
		}
		b.WriteByte('}')
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

func writeJSON(b *bytes.Buffer, v any) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	b.Truncate(b.Len() - 1) // Encode's newline
}
