package roads

import (
	"fmt"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Office is who a register belongs to: the pemda (by its Kemendagri code),
// the OPD that keeps the roads, and the road status it is responsible for
// (kewenangan). Every export, page, check and default reads it; a register
// has one office, set with `ruas init` or the admin's page.
type Office struct {
	Region  string // Kemendagri code of the pemda: a provinsi (35), kabupaten or kota (33.74)
	Name    string // the region's name in the reference table: "Kota Semarang", "Kabupaten Bogor", "Jawa Timur"
	Level   string // LevelProvinsi, LevelKabupaten or LevelKota
	OPD     string // the office's full name: "Dinas Pekerjaan Umum dan Penataan Ruang Kota Semarang"
	OPDCode string // the OPD's SIPD code (kode unit), optional
	// Authority is the ruas status the office maintains: kota for a kota,
	// kabupaten for a kabupaten, provinsi for a province. Plans,
	// kemantapan and "panjang jalan" cover roads of this status.
	Authority Status
	// Boundary is the pemda's outline (Polygon or MultiPolygon, WGS84), or
	// nil; imports check coordinates against it when it is set.
	Boundary orb.Geometry
	// Outlines are its kecamatan (and kelurahan) areas, as loaded from the
	// office's own GIS file; none until loaded.
	Outlines []Outline
	SetBy    string
	SetAt    time.Time
	// Assumed is set when the office was filled in by migration 006 for a
	// register made before offices existed (the office the previous
	// release served); it clears when someone confirms the office.
	Assumed bool
}

// IsSet reports whether the register has an office.
func (o Office) IsSet() bool { return o.Region != "" }

// Kodepemda is the SIPD code of the pemda: the Kemendagri code without dots (3374).
func (o Office) Kodepemda() string { return strings.ReplaceAll(o.Region, ".", "") }

// Pemda is the government's name as documents write it: "Kota Semarang",
// "Kabupaten Bogor", "Provinsi Jawa Timur".
func (o Office) Pemda() string {
	if o.Level == LevelProvinsi && !strings.HasPrefix(o.Name, "Provinsi ") {
		return "Provinsi " + o.Name
	}
	return o.Name
}

// OPDShort is the OPD's name with "Pekerjaan Umum dan Penataan Ruang"
// shortened to PUPR, as letterheads and tables write it.
func (o Office) OPDShort() string {
	return strings.Replace(o.OPD, "Pekerjaan Umum dan Penataan Ruang", "PUPR", 1)
}

// AuthorityLabel is "jalan kota", "jalan kabupaten", … for titles.
func (o Office) AuthorityLabel() string { return "jalan " + string(o.Authority) }

// Covers reports whether a Kemendagri code (a kecamatan, a kelurahan, a
// ruas's region) lies within the office's region.
func (o Office) Covers(code string) bool {
	return o.Region != "" && (code == o.Region || strings.HasPrefix(code, o.Region+"."))
}

// Kecamatan lists the kecamatan of the office's region, in code order.
func (o Office) Kecamatan() []Wilayah {
	if o.Region == "" {
		return nil
	}
	return Ref().Within(o.Region, LevelKecamatan)
}

// Kelurahan lists the kelurahan and desa of the office's region, in code order.
func (o Office) Kelurahan() []Wilayah {
	if o.Region == "" {
		return nil
	}
	return Ref().Within(o.Region, LevelKelurahan)
}

// Authorities lists the kewenangan an office may hold.
var Authorities = []Status{Nasional, Provinsi, Kabupaten, Kota}

// DefaultAuthority is the road status a pemda of a level maintains (UU
// 2/2022): a kota its kota roads, a kabupaten its kabupaten roads, a
// province its provincial roads.
func DefaultAuthority(level string) Status {
	switch level {
	case LevelProvinsi:
		return Provinsi
	case LevelKabupaten:
		return Kabupaten
	case LevelKota:
		return Kota
	}
	return ""
}

// DefaultOPD is the usual name of the roads office of a pemda.
func DefaultOPD(pemda string) string { return "Dinas Pekerjaan Umum dan Penataan Ruang " + pemda }

// OfficeInput is what `ruas init` and the admin's page give; empty
// fields take their default from the region.
type OfficeInput struct {
	Region    string
	OPD       string
	OPDCode   string
	Authority string
	// Boundary is GeoJSON text: a geometry, a Feature or a FeatureCollection
	// of (Multi)Polygons; empty for none.
	Boundary []byte
}

// NewOffice checks an input against the region table and returns the
// office it names, or every problem (field, value, fix) in Indonesian.
func NewOffice(in OfficeInput) (Office, []FieldError) {
	var errs []FieldError
	add := func(field, value, msg string) {
		errs = append(errs, FieldError{Field: field, Value: value, Message: msg})
	}
	var o Office
	code := strings.TrimSpace(in.Region)
	w, ok := Ref().Place(code)
	switch {
	case code == "":
		add("region", "", "kode wilayah wajib diisi: kode Kemendagri provinsi, kabupaten atau kota, mis. 33.74 (Kota Semarang) atau 32.01 (Kabupaten Bogor)")
	case !ok:
		add("region", code, "kode wilayah tidak ada di tabel Kepmendagri 2025; tulis dengan titik, mis. 33.74 untuk Kota Semarang atau 35 untuk Provinsi Jawa Timur")
	case w.Level == LevelKecamatan || w.Level == LevelKelurahan:
		add("region", code, fmt.Sprintf("%s adalah %s %s; kantor dinas milik provinsi, kabupaten atau kota: pakai kode %s", code, w.Level, w.Name, pemdaCode(code)))
	default:
		o.Region, o.Name, o.Level = w.Code, w.Name, w.Level
	}
	o.OPD = strings.Join(strings.Fields(in.OPD), " ")
	if o.OPD == "" && o.Region != "" {
		o.OPD = DefaultOPD(o.Pemda())
	}
	o.OPDCode = strings.TrimSpace(in.OPDCode)
	if strings.ContainsAny(o.OPDCode, " \t;,") {
		add("opd_code", o.OPDCode, "kode OPD tidak boleh memuat spasi, koma atau titik koma; tulis seperti di SIPD, mis. 1.03.0.00.0.00.01.0000")
	}
	switch a := strings.ToLower(strings.TrimSpace(in.Authority)); a {
	case "":
		o.Authority = DefaultAuthority(o.Level)
	case "nasional", "provinsi", "kabupaten", "kota":
		o.Authority = Status(a)
	default:
		add("kewenangan", in.Authority, "kewenangan harus kota, kabupaten, provinsi atau nasional")
	}
	if len(strings.TrimSpace(string(in.Boundary))) > 0 {
		g, err := ParseBoundary(in.Boundary)
		if err != nil {
			add("boundary", "", err.Error())
		}
		o.Boundary = g
	}
	return o, errs
}

// pemdaCode cuts a kecamatan or kelurahan code to its kabupaten/kota.
func pemdaCode(code string) string {
	p := strings.Split(code, ".")
	if len(p) >= 2 {
		return p[0] + "." + p[1]
	}
	return code
}

// ParseBoundary reads a boundary from GeoJSON: a Polygon or MultiPolygon
// geometry, or a Feature or FeatureCollection of them (merged into one
// MultiPolygon). Coordinates must be longitude/latitude inside Indonesia.
func ParseBoundary(b []byte) (orb.Geometry, error) {
	var polys orb.MultiPolygon
	addGeom := func(g orb.Geometry) error {
		switch g := g.(type) {
		case orb.Polygon:
			polys = append(polys, g)
		case orb.MultiPolygon:
			polys = append(polys, g...)
		case nil:
			return fmt.Errorf("batas wilayah tanpa geometri")
		default:
			return fmt.Errorf("batas wilayah harus Polygon atau MultiPolygon, bukan %s", g.GeoJSONType())
		}
		return nil
	}
	if fc, err := geojson.UnmarshalFeatureCollection(b); err == nil && fc.Type == "FeatureCollection" {
		for _, f := range fc.Features {
			if err := addGeom(f.Geometry); err != nil {
				return nil, err
			}
		}
	} else if f, err := geojson.UnmarshalFeature(b); err == nil && f.Type == "Feature" {
		if err := addGeom(f.Geometry); err != nil {
			return nil, err
		}
	} else if g, err := geojson.UnmarshalGeometry(b); err == nil {
		if err := addGeom(g.Geometry()); err != nil {
			return nil, err
		}
	} else {
		return nil, fmt.Errorf("batas wilayah bukan GeoJSON yang terbaca (%v); simpan sebagai GeoJSON WGS84 (EPSG:4326)", err)
	}
	if len(polys) == 0 {
		return nil, fmt.Errorf("batas wilayah tidak memuat poligon")
	}
	bb := polys.Bound()
	if bb.Min[0] < 94 || bb.Max[0] > 142 || bb.Min[1] < -12 || bb.Max[1] > 7 {
		return nil, fmt.Errorf("batas wilayah di luar Indonesia (bujur %.3f–%.3f, lintang %.3f–%.3f); pastikan koordinatnya bujur/lintang WGS84, bukan UTM",
			bb.Min[0], bb.Max[0], bb.Min[1], bb.Max[1])
	}
	if len(polys) == 1 {
		return polys[0], nil
	}
	return polys, nil
}
