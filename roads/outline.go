package roads

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Outline is the area of one kecamatan (or kelurahan/desa) of the office,
// named by its Kemendagri code: the maps' offline basemap and the planning
// document's map draw it with its name.
type Outline struct {
	Code     string // Kemendagri code, e.g. 33.74.01
	Name     string // name in the region table
	Level    string // LevelKecamatan or LevelKelurahan (a kelurahan or desa)
	Geometry orb.Geometry
	Source   string // the file it came from
}

// MaxOutlinesBytes bounds an outlines file (a kabupaten's desa outlines
// from BIG are a few MB; the bound stops a mistaken national layer).
const MaxOutlinesBytes = 32 << 20

// Properties that name an outline in offices' GIS files: a Kemendagri code
// first, else a name matched within the office's region.
var (
	outlineCodeProps = []string{"kode", "kode_kemendagri", "kdepum", "kode_wilayah", "code"}
	outlineNameProps = []string{"kecamatan", "nama_kecamatan", "wadmkc", "kelurahan", "desa", "namobj", "nama", "name"}
)

// ParseOutlines reads a GeoJSON FeatureCollection of (Multi)Polygons and
// names each feature by the region table: a property holding a Kemendagri
// code inside the office's region, else a name property matched (case and
// spaces ignored: "KEPANJEN KIDUL" is Kepanjenkidul) among the office's
// kecamatan, then its kelurahan/desa. A feature it cannot place is a
// problem (feature number and why), never dropped silently.
func ParseOutlines(b []byte, office Office, source string) ([]Outline, []string) {
	if !office.IsSet() {
		return nil, []string{"register belum punya kantor; atur kantornya dulu (ruas init --region KODE)"}
	}
	if len(b) > MaxOutlinesBytes {
		return nil, []string{fmt.Sprintf("berkas batas kecamatan %d MB melebihi batas %d MB", len(b)>>20, MaxOutlinesBytes>>20)}
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil || fc.Type != "FeatureCollection" {
		return nil, []string{fmt.Sprintf("bukan GeoJSON FeatureCollection yang terbaca (%v); simpan sebagai GeoJSON WGS84 (EPSG:4326)", err)}
	}
	ref := Ref()
	var out []Outline
	var problems []string
	seen := map[string]int{}
	for n, f := range fc.Features {
		switch g := f.Geometry.(type) {
		case orb.Polygon, orb.MultiPolygon:
			bb := g.Bound()
			if bb.Min[0] < 94 || bb.Max[0] > 142 || bb.Min[1] < -12 || bb.Max[1] > 7 {
				problems = append(problems, fmt.Sprintf("fitur %d: di luar Indonesia; pastikan koordinatnya bujur/lintang WGS84, bukan UTM", n+1))
				continue
			}
		default:
			problems = append(problems, fmt.Sprintf("fitur %d: geometri harus Polygon atau MultiPolygon", n+1))
			continue
		}
		w, ok := placeOutline(ref, f.Properties, office.Region)
		if !ok {
			problems = append(problems, fmt.Sprintf("fitur %d: tidak dapat dicocokkan dengan kecamatan atau kelurahan/desa %s (sifat %s); beri sifat \"kode\" berisi kode Kemendagri",
				n+1, office.Pemda(), describeProps(f.Properties)))
			continue
		}
		if prev, dup := seen[w.Code]; dup {
			problems = append(problems, fmt.Sprintf("fitur %d: %s %s sudah ada di fitur %d", n+1, w.Code, w.Name, prev))
			continue
		}
		seen[w.Code] = n + 1
		out = append(out, Outline{Code: w.Code, Name: w.Name, Level: w.Level, Geometry: f.Geometry, Source: source})
	}
	if len(out) == 0 && len(problems) == 0 {
		problems = append(problems, "berkas tidak memuat poligon")
	}
	return out, problems
}

// placeOutline finds the region a feature's properties name, inside region.
func placeOutline(ref *Reference, props geojson.Properties, region string) (Wilayah, bool) {
	for _, k := range outlineCodeProps {
		if v := strings.TrimSpace(propString(props, k)); v != "" {
			if w, ok := ref.Place(v); ok && strings.HasPrefix(w.Code, region+".") {
				return w, true
			}
		}
	}
	for _, k := range outlineNameProps {
		v := strings.TrimSpace(propString(props, k))
		if v == "" {
			continue
		}
		for _, lvl := range []string{LevelKecamatan, LevelKelurahan} {
			if w, ok := ref.PlaceByName(lvl, v, region); ok {
				return w, true
			}
		}
	}
	return Wilayah{}, false
}

// propString reads a property by name, case ignored.
func propString(props geojson.Properties, key string) string {
	for k, v := range props {
		if strings.EqualFold(k, key) {
			if s, ok := v.(string); ok {
				return s
			}
			return fmt.Sprint(v)
		}
	}
	return ""
}

func describeProps(props geojson.Properties) string {
	var parts []string
	for _, k := range append(append([]string{}, outlineCodeProps...), outlineNameProps...) {
		if v := propString(props, k); v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	if len(parts) == 0 {
		return "tanpa kode atau nama"
	}
	return strings.Join(parts, ", ")
}
