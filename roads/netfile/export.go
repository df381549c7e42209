package netfile

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// Columns are the columns of an exported network, in order: the register
// fields of the ruas (read back by the importer), then its latest condition
// (figures, ignored on import except survey_date, date_basis, scheme and
// part1–4, which recreate a link-level survey). CSV and XLSX add "wkt".
var Columns = []string{
	"region", "no_ruas", "name", "status", "fungsi", "surface", "surface_text", "width_m", "length_m", "geom_length_m",
	"kabupaten", "kecamatan_code", "kecamatan", "kelurahan_code", "kelurahan", "year_built", "design_life", "notes",
	"kondisi", "km_baik", "km_sedang", "km_rusak_ringan", "km_rusak_berat", "kemantapan_pct",
	"survey_date", "date_basis", "rule_versions", "mapped", "scheme", "part1", "part2", "part3", "part4",
}

// ExportRow is one ruas with its latest condition.
type ExportRow struct {
	Ruas *roads.Ruas
	// Surveys are the surveys of the latest survey date (roads.LatestSurvey).
	Surveys []*roads.Survey
	Cond    roads.Condition
}

// Rows pairs every ruas of the network with its latest condition.
func Rows(n *roads.Network) []ExportRow {
	out := make([]ExportRow, 0, len(n.Ruas))
	for _, r := range n.Ruas {
		latest := roads.LatestSurvey(n.Surveys[r.ID])
		out = append(out, ExportRow{Ruas: r, Surveys: latest, Cond: roads.ConditionOf(latest)})
	}
	return out
}

// values returns the row's cells in Columns order: string, float64, int,
// bool or nil (unknown).
func (x ExportRow) values() []any {
	r, c := x.Ruas, x.Cond
	optF := func(v float64) any {
		if v == 0 {
			return nil
		}
		return v
	}
	optI := func(v int) any {
		if v == 0 {
			return nil
		}
		return v
	}
	vals := []any{r.Key.Region, r.Key.No, r.Name, string(r.Status), string(r.Fungsi), string(r.Surface), r.SurfaceText,
		optF(r.WidthM), optF(r.LengthM), optF(round(r.GeomLengthM, 2)),
		r.Kabupaten, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan, optI(r.YearBuilt), optI(r.DesignLife), r.Notes}
	if len(x.Surveys) == 0 {
		return append(vals, make([]any, len(Columns)-len(vals))...)
	}
	var kem any
	if k := c.Kemantapan(); !math.IsNaN(k) {
		kem = round(k, 2)
	}
	basis := x.Surveys[0].DateBasis
	for _, v := range x.Surveys {
		if v.DateBasis == roads.DateFromImport {
			basis = roads.DateFromImport
		}
	}
	vals = append(vals, string(c.Kondisi()), round(c.Metres[0]/1000, 6), round(c.Metres[1]/1000, 6), round(c.Metres[2]/1000, 6),
		round(c.Metres[3]/1000, 6), kem, c.Date.Format("2006-01-02"), basis, strings.Join(c.Versions, ","), c.Mapped)
	// A single link-level record is exported raw, so that it can be
	// imported again as the same survey; unit surveys are summed only.
	if len(x.Surveys) == 1 && x.Surveys[0].Scheme != "" {
		v := x.Surveys[0]
		return append(vals, v.Scheme, v.Parts[0], v.Parts[1], v.Parts[2], v.Parts[3])
	}
	return append(vals, nil, nil, nil, nil, nil)
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// WriteGeoJSON writes the rows as a FeatureCollection, one feature a line,
// with properties in Columns order.
func WriteGeoJSON(w io.Writer, rows []ExportRow) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, x := range rows {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n{\"type\":\"Feature\",\"properties\":{")
		for j, v := range x.values() {
			if j > 0 {
				bw.WriteByte(',')
			}
			k, _ := json.Marshal(Columns[j])
			bw.Write(k)
			bw.WriteByte(':')
			b, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("ruas %s: %s: %w", x.Ruas.Key, Columns[j], err)
			}
			bw.Write(b)
		}
		bw.WriteString(`},"geometry":`)
		if x.Ruas.Geometry == nil {
			bw.WriteString("null")
		} else {
			b, err := geojson.NewGeometry(x.Ruas.Geometry).MarshalJSON()
			if err != nil {
				return fmt.Errorf("ruas %s: geometry: %w", x.Ruas.Key, err)
			}
			bw.Write(b)
		}
		bw.WriteByte('}')
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// WriteCSV writes the rows as CSV (comma, UTF-8) with the geometry as WKT
// in a last "wkt" column.
func WriteCSV(w io.Writer, rows []ExportRow) error {
	cw := csvfile.NewWriter(w)
	cw.Write(append(append([]string(nil), Columns...), "wkt"))
	rec := make([]string, len(Columns)+1)
	for _, x := range rows {
		for j, v := range x.values() {
			rec[j] = cellText(v)
		}
		rec[len(Columns)] = WKT(x.Ruas.Geometry)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ExportResult says what an export wrote.
type ExportResult struct {
	Ruas int
	// GeometryLeftOut counts XLSX rows whose WKT was longer than a cell holds.
	GeometryLeftOut int
}

// Export writes the network to path; the extension picks the format
// (.geojson/.json, .csv, .xlsx). The file is written beside the target and
// renamed into place, so a failed export never leaves half a file.
func Export(path string, n *roads.Network) (ExportResult, error) {
	rows := Rows(n)
	res := ExportResult{Ruas: len(rows)}
	ext := strings.ToLower(filepath.Ext(path))
	var write func(io.Writer) error
	switch ext {
	case ".geojson", ".json":
		write = func(w io.Writer) error { return WriteGeoJSON(w, rows) }
	case ".csv":
		write = func(w io.Writer) error { return WriteCSV(w, rows) }
	case ".xlsx":
		write = func(w io.Writer) error {
			var err error
			res.GeometryLeftOut, err = WriteXLSX(w, rows, n)
			return err
		}
	default:
		return res, fmt.Errorf("jenis berkas %q tidak dikenal untuk ekspor jaringan; gunakan .geojson, .csv atau .xlsx", ext)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return res, fmt.Errorf("tidak dapat menulis di folder %s (%v); pilih --out di folder yang dapat ditulisi", filepath.Dir(path), err)
	}
	// CreateTemp makes the file private; an export is meant to be shared.
	tmp.Chmod(0o644)
	if err := write(tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return res, fmt.Errorf("menulis %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return res, fmt.Errorf("menulis %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return res, fmt.Errorf("menyimpan %s: %w", path, err)
	}
	return res, nil
}
