package netfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// ReadGeoJSON reads a FeatureCollection (or a single Feature): each
// feature is a row, its properties the columns (in first-seen order) and
// its geometry kept as given. A feature whose geometry is not a LineString
// or MultiLineString keeps the reason in Record.GeomErr.
//
// The document is checked with encoding/json and then walked by hand:
// decoding 100,000 features through reflection took longer than writing
// them to the register.
func ReadGeoJSON(r io.Reader) (*Table, error) {
	return readGeoJSON(r, ReadOptions{}.guard())
}

// readGeoJSON is ReadGeoJSON within gd's limits: features, properties and
// their sizes, and coordinates (each point counts as a cell).
func readGeoJSON(r io.Reader, gd *guard) (*Table, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	if !json.Valid(b) {
		var v struct{}
		err := json.Unmarshal(b, &v)
		if err == nil {
			err = errors.New("JSON tidak sah")
		}
		return nil, fmt.Errorf("%w: bukan GeoJSON yang sah (%v); periksa berkas dengan penampil GeoJSON", ErrFormat, jsonErr(err))
	}
	doc, err := objectFields(b)
	if err != nil {
		return nil, fmt.Errorf("%w: GeoJSON harus berupa objek FeatureCollection (%v)", ErrFormat, err)
	}
	var features [][]byte
	switch typ := propText(doc.get("type")); typ {
	case "FeatureCollection":
		if features, err = arrayItemsMax(doc.get("features"), max(gd.lim.Rows-gd.rows, 0)); errors.Is(err, errTooMany) {
			return nil, gd.tooManyRows()
		} else if err != nil {
			return nil, fmt.Errorf("%w: features: %v", ErrFormat, err)
		}
	case "Feature":
		features = [][]byte{b}
	default:
		return nil, fmt.Errorf("%w: GeoJSON bertipe %q; berkas jaringan harus FeatureCollection berisi ruas (LineString)", ErrFormat, typ)
	}
	t := &Table{Format: "geojson", Comma: ','}
	index := map[string]int{}
	for i, raw := range features {
		if i%1024 == 0 {
			if err := gd.ctx.Err(); err != nil {
				return nil, err
			}
		}
		f, err := objectFields(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: fitur %d: %v", ErrFormat, i+1, err)
		}
		rec := Record{Row: i + 1}
		props, err := objectFields(f.get("properties"))
		if err != nil {
			return nil, fmt.Errorf("%w: fitur %d: properties: %v", ErrFormat, i+1, err)
		}
		for k, key := range props.keys {
			j, ok := index[key]
			if !ok {
				j = len(t.Columns)
				index[key] = j
				t.Columns = append(t.Columns, key)
			}
			for len(rec.Values) <= j {
				rec.Values = append(rec.Values, "")
			}
			rec.Values[j] = propText(props.vals[k])
			rec.markNumeric(j, props.vals[k])
			if err := gd.cell(i, j, rec.Values[j]); err != nil {
				return nil, err
			}
		}
		if len(t.Columns) > gd.lim.Columns {
			return nil, tooLarge("berkas memuat lebih dari %s properti berbeda (batas impor per baris)", Thousands(gd.lim.Columns))
		}
		rec.Geometry, rec.GeomErr = featureGeometry(f.get("geometry"), gd)
		if gd.u.cells > gd.lim.Cells {
			return nil, tooLarge("impor memuat lebih dari %s sel dan titik koordinat (batas per impor, semua berkas); bagi berkas menjadi beberapa impor", Thousands(gd.lim.Cells))
		}
		t.Records = append(t.Records, rec)
	}
	for i := range t.Records {
		t.Records[i].Values = fit(t.Records[i].Values, len(t.Columns))
	}
	return t, nil
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v di byte %d", se, se.Offset)
	}
	return err.Error()
}

// featureGeometry decodes a feature's geometry; only lines are kept.
// LineString and MultiLineString coordinates are read directly; anything
// else goes through orb's decoder for its type name.
func featureGeometry(raw []byte, gd *guard) (orb.Geometry, string) {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 || string(s) == "null" {
		return nil, ""
	}
	g, err := objectFields(s)
	if err != nil {
		return nil, fmt.Sprintf("geometri tidak terbaca: %v", err)
	}
	switch typ := propText(g.get("type")); typ {
	case "LineString":
		ls, err := parseLine(g.get("coordinates"), gd)
		if err != nil {
			return nil, fmt.Sprintf("koordinat LineString tidak terbaca: %v", err)
		}
		return ls, ""
	case "MultiLineString":
		items, err := arrayItemsMax(g.get("coordinates"), gd.room())
		if errors.Is(err, errTooMany) {
			gd.u.cells = gd.lim.Cells + 1 // the caller refuses the file
		}
		if err != nil {
			return nil, fmt.Sprintf("koordinat MultiLineString tidak terbaca: %v", err)
		}
		gd.u.cells += len(items)
		mls := make(orb.MultiLineString, 0, len(items))
		for _, it := range items {
			ls, err := parseLine(it, gd)
			if err != nil {
				return nil, fmt.Sprintf("koordinat MultiLineString tidak terbaca: %v", err)
			}
			mls = append(mls, ls)
		}
		return mls, ""
	default:
		gg, err := geojson.UnmarshalGeometry(s)
		if err != nil {
			return nil, fmt.Sprintf("geometri tidak terbaca: %v", err)
		}
		if gg.Geometry() == nil {
			return nil, ""
		}
		return nil, fmt.Sprintf("geometri bertipe %s; ruas perlu LineString atau MultiLineString (impor dengan --no-geometry untuk menyimpan isiannya tanpa geometri)", gg.Geometry().GeoJSONType())
	}
}

// parseLine reads [[x, y], [x, y, z], …]; a third ordinate is dropped.
// Its points count towards gd's cells.
func parseLine(raw []byte, gd *guard) (orb.LineString, error) {
	pts, err := arrayItemsMax(raw, gd.room())
	if errors.Is(err, errTooMany) {
		gd.u.cells = gd.lim.Cells + 1 // the caller refuses the file
	}
	if err != nil {
		return nil, err
	}
	gd.u.cells += len(pts)
	ls := make(orb.LineString, 0, len(pts))
	for _, p := range pts {
		xs, err := arrayItems(p)
		if err != nil {
			return nil, err
		}
		if len(xs) < 2 {
			return nil, fmt.Errorf("titik %s perlu bujur dan lintang", p)
		}
		var pt orb.Point
		for k := 0; k < 2; k++ {
			v, err := strconv.ParseFloat(string(xs[k]), 64)
			if err != nil {
				return nil, fmt.Errorf("%q bukan angka", xs[k])
			}
			pt[k] = v
		}
		ls = append(ls, pt)
	}
	return ls, nil
}

// fields is a JSON object's members in file order, values raw.
type fields struct {
	keys []string
	vals [][]byte
}

func (f fields) get(key string) []byte {
	for i, k := range f.keys {
		if k == key {
			return f.vals[i]
		}
	}
	return nil
}

// objectFields splits a JSON object into its members ("null" or nothing
// gives none).
func objectFields(raw []byte) (fields, error) {
	var f fields
	s := bytes.TrimSpace(raw)
	if len(s) == 0 || string(s) == "null" {
		return f, nil
	}
	if s[0] != '{' {
		return f, fmt.Errorf("bukan objek")
	}
	i := skipSpace(s, 1)
	if i < len(s) && s[i] == '}' {
		return f, nil
	}
	for {
		if i >= len(s) || s[i] != '"' {
			return f, fmt.Errorf("nama anggota tidak terbaca di byte %d", i)
		}
		end, err := valueEnd(s, i)
		if err != nil {
			return f, err
		}
		key := unquote(s[i:end])
		i = skipSpace(s, end)
		if i >= len(s) || s[i] != ':' {
			return f, fmt.Errorf("':' tidak ada setelah %q", key)
		}
		i = skipSpace(s, i+1)
		if end, err = valueEnd(s, i); err != nil {
			return f, fmt.Errorf("%q: %v", key, err)
		}
		f.keys = append(f.keys, key)
		f.vals = append(f.vals, s[i:end])
		i = skipSpace(s, end)
		if i < len(s) && s[i] == ',' {
			i = skipSpace(s, i+1)
			continue
		}
		if i < len(s) && s[i] == '}' {
			return f, nil
		}
		return f, fmt.Errorf("',' atau '}' tidak ada setelah %q", key)
	}
}

// arrayItems splits a JSON array into its raw elements.
func arrayItems(raw []byte) ([][]byte, error) {
	return arrayItemsMax(raw, -1)
}

// errTooMany: an array holds more items than the caller allows.
var errTooMany = errors.New("terlalu banyak unsur (batas impor)")

// arrayItemsMax is arrayItems refusing more than max items (max < 0: any
// number), before keeping them.
func arrayItemsMax(raw []byte, max int) ([][]byte, error) {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 || s[0] != '[' {
		return nil, fmt.Errorf("bukan larik")
	}
	var out [][]byte
	i := skipSpace(s, 1)
	if i < len(s) && s[i] == ']' {
		return out, nil
	}
	for {
		end, err := valueEnd(s, i)
		if err != nil {
			return nil, err
		}
		if max >= 0 && len(out) >= max {
			return nil, errTooMany
		}
		out = append(out, s[i:end])
		i = skipSpace(s, end)
		if i < len(s) && s[i] == ',' {
			i = skipSpace(s, i+1)
			continue
		}
		if i < len(s) && s[i] == ']' {
			return out, nil
		}
		return nil, fmt.Errorf("',' atau ']' tidak ada di byte %d", i)
	}
}

// unquote returns a JSON string's text.
func unquote(s []byte) string {
	if len(s) >= 2 && bytes.IndexByte(s, '\\') < 0 {
		return string(s[1 : len(s)-1])
	}
	var str string
	if json.Unmarshal(s, &str) != nil {
		return string(s)
	}
	return str
}

func skipSpace(s []byte, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at s[i]
// (the object was already checked as JSON by the feature decoder, so this
// only has to find the value's end).
func valueEnd(s []byte, i int) (int, error) {
	if i >= len(s) {
		return 0, fmt.Errorf("nilai tidak ada")
	}
	switch s[i] {
	case '"':
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '"':
				return j + 1, nil
			}
		}
		return 0, fmt.Errorf("teks tidak ditutup")
	case '{', '[':
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '"':
				e, err := valueEnd(s, j)
				if err != nil {
					return 0, err
				}
				j = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, fmt.Errorf("objek atau larik tidak ditutup")
	}
	j := i
	for j < len(s) && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' {
		j++
	}
	if j == i {
		return 0, fmt.Errorf("nilai kosong")
	}
	return j, nil
}

func propText(v []byte) string {
	s := bytes.TrimSpace(v)
	switch {
	case len(s) == 0 || string(s) == "null":
		return ""
	case s[0] == '"':
		return strings.TrimSpace(unquote(s))
	case s[0] == '{' || s[0] == '[':
		var buf bytes.Buffer
		if json.Compact(&buf, s) == nil {
			return buf.String()
		}
	}
	return string(s)
}
