package web

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/paulmach/orb/geojson"

	"github.com/kotablitar/ruas/roads"
)

// ruasDoc is a ruas as the API writes and reads it.
type ruasDoc struct {
	ID            int64             `json:"id"`
	Key           string            `json:"key"`
	Region        string            `json:"region"`
	No            string            `json:"no_ruas"`
	Name          string            `json:"name"`
	Status        string            `json:"status"`
	Fungsi        string            `json:"fungsi"`
	Surface       string            `json:"surface"`
	SurfaceText   string            `json:"surface_text"`
	WidthM        float64           `json:"width_m"`
	LengthM       float64           `json:"length_m"`
	GeomLengthM   float64           `json:"geom_length_m"`
	Geometry      *geojson.Geometry `json:"geometry"`
	KecamatanCode string            `json:"kecamatan_code"`
	Kecamatan     string            `json:"kecamatan"`
	KelurahanCode string            `json:"kelurahan_code"`
	Kelurahan     string            `json:"kelurahan"`
	YearBuilt     int               `json:"year_built"`
	DesignLife    int               `json:"design_life"`
	Notes         string            `json:"notes"`
	Synthetic     bool              `json:"synthetic"`
	Source        roads.Source      `json:"source"`
	Version       int               `json:"version"`
	UpdatedAt     time.Time         `json:"updated_at"`
}

func newRuasDoc(r *roads.Ruas) ruasDoc {
	d := ruasDoc{ID: r.ID, Key: r.Key.String(), Region: r.Key.Region, No: r.Key.No, Name: r.Name, Status: string(r.Status),
		Fungsi: string(r.Fungsi), Surface: string(r.Surface), SurfaceText: r.SurfaceText, WidthM: r.WidthM, LengthM: r.LengthM,
		GeomLengthM: r.GeomLengthM, KecamatanCode: r.KecamatanCode, Kecamatan: r.Kecamatan, KelurahanCode: r.KelurahanCode,
		Kelurahan: r.Kelurahan, YearBuilt: r.YearBuilt, DesignLife: r.DesignLife, Notes: r.Notes,
		Synthetic: roads.IsSynthetic(r), Source: r.Source, Version: r.Version, UpdatedAt: r.UpdatedAt}
	if r.Geometry != nil {
		d.Geometry = geojson.NewGeometry(r.Geometry)
	}
	return d
}

// ruasInput is the body of POST and PUT /api/v1/ruas: the register fields,
// the version the editor read (PUT), and who entered it.
type ruasInput struct {
	Region        string            `json:"region"`
	No            string            `json:"no_ruas"`
	Name          string            `json:"name"`
	Status        string            `json:"status"`
	Fungsi        string            `json:"fungsi"`
	Surface       string            `json:"surface"`
	WidthM        float64           `json:"width_m"`
	LengthM       float64           `json:"length_m"`
	Geometry      *geojson.Geometry `json:"geometry"`
	KecamatanCode string            `json:"kecamatan_code"`
	KelurahanCode string            `json:"kelurahan_code"`
	YearBuilt     int               `json:"year_built"`
	DesignLife    int               `json:"design_life"`
	Notes         string            `json:"notes"`
	Version       int               `json:"version"`
	User          string            `json:"user"`
}

// toRuas checks the coded fields the register would otherwise take as
// free text, and builds the ruas. Place names come from the reference
// table, so the register never holds a code with a mistyped name.
func (in ruasInput) toRuas(l Locale, form string) (*roads.Ruas, error) {
	p := &fieldProblems{l: l}
	region := strings.TrimSpace(in.Region)
	no, ok := ruasNumber(region, in.No)
	if !ok {
		p.add("no_ruas", in.No, "err.no_ruas_region", region)
	}
	r := &roads.Ruas{Key: roads.Key{Region: region, No: no}, Name: in.Name,
		WidthM: in.WidthM, LengthM: in.LengthM, YearBuilt: in.YearBuilt, DesignLife: in.DesignLife, Notes: strings.TrimSpace(in.Notes),
		Version: in.Version, Source: roads.Source{Form: form, User: strings.TrimSpace(in.User)}}
	if in.Status != "" {
		st, err := roads.ParseStatus(in.Status)
		if err != nil {
			p.add("status", in.Status, "fe.status")
		}
		r.Status = st
	}
	f, err := roads.ParseFungsi(in.Fungsi)
	if err != nil {
		p.add("fungsi", in.Fungsi, "fe.fungsi")
	}
	r.Fungsi = f
	r.Surface = roads.Unknown
	if in.Surface != "" {
		sf, err := roads.ParseSurfaceCode(in.Surface)
		if err != nil {
			p.add("surface", in.Surface, "fe.surface")
		}
		r.Surface = sf
	}
	if in.Geometry != nil {
		r.Geometry = in.Geometry.Geometry()
	}
	ref := roads.Ref()
	if code := strings.TrimSpace(in.KecamatanCode); code != "" {
		w, ok := ref.Place(code)
		if !ok || w.Level != "kecamatan" {
			p.add("kecamatan_code", code, "err.kecamatan")
		}
		r.KecamatanCode, r.Kecamatan = code, w.Name
	}
	if code := strings.TrimSpace(in.KelurahanCode); code != "" {
		w, ok := ref.Place(code)
		if !ok || w.Level != "kelurahan" {
			p.add("kelurahan_code", code, "err.kelurahan")
		} else if r.KecamatanCode != "" && !strings.HasPrefix(code, r.KecamatanCode+".") {
			p.add("kelurahan_code", code, "err.kelurahan_outside")
		}
		r.KelurahanCode, r.Kelurahan = code, w.Name
		if r.KecamatanCode == "" && ok {
			if i := strings.LastIndex(code, "."); i > 0 {
				r.KecamatanCode = code[:i]
				if k, ok := ref.Place(r.KecamatanCode); ok {
					r.Kecamatan = k.Name
				}
			}
		}
	}
	if r.Key.Region != "" && r.Key.No != "" {
		if _, err := roads.ParseKey(r.Key.String()); err != nil {
			p.add("no_ruas", r.Key.No, "fe.no_ruas")
		}
	}
	// The register's own checks run too, so all problems show at once.
	probe := *r
	probe.Normalize()
	for _, fe := range probe.Validate() {
		p.errs = append(p.errs, roads.FieldError{Field: fe.Field, Value: fe.Value, Message: l.FieldMessage(fe), Max: fe.Max})
	}
	if len(p.errs) > 0 {
		return nil, worded("ruas "+r.Key.String(), p.errs)
	}
	return r, nil
}

// ruasNumber reads the no_ruas a person typed for a ruas of region. A
// number written with its region ("33.74/901", "3374/901") is the number
// alone ("901"): the region is its own field, and keeping the prefix would
// store the key 33.74/33.74/901. A prefix naming another region is
// refused (ok false): the person meant another register.
func ruasNumber(region, typed string) (no string, ok bool) {
	no = strings.TrimSpace(typed)
	plain := func(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), ".", "") }
	for {
		prefix, rest, found := strings.Cut(no, "/")
		if !found {
			return no, true
		}
		if region == "" || plain(prefix) != plain(region) {
			return no, false
		}
		no = strings.TrimSpace(rest)
	}
}

// ruasFormInput reads the ruas form of the pages into the API's input shape.
func ruasFormInput(l Locale, get func(string) string) (ruasInput, formValues, error) {
	p := &fieldProblems{l: l}
	f := formValues{}
	for _, k := range []string{"region", "no_ruas", "name", "status", "fungsi", "surface", "width_m", "length_m", "geometry",
		"kecamatan_code", "kelurahan_code", "year_built", "design_life", "notes", "version"} {
		f[k] = get(k)
	}
	in := ruasInput{Region: f["region"], No: f["no_ruas"], Name: f["name"], Status: f["status"], Fungsi: f["fungsi"],
		Surface: f["surface"], KecamatanCode: f["kecamatan_code"], KelurahanCode: f["kelurahan_code"], Notes: f["notes"]}
	in.WidthM = p.num("width_m", f["width_m"])
	in.LengthM = p.num("length_m", f["length_m"])
	in.YearBuilt = p.integer("year_built", f["year_built"])
	in.DesignLife = p.integer("design_life", f["design_life"])
	in.Version = p.integer("version", f["version"])
	in.Geometry = p.geometry("geometry", f["geometry"])
	return in, f, p.err()
}

// ruasFormValues fills the form from a stored ruas.
func ruasFormValues(r *roads.Ruas, l Locale) formValues {
	f := formValues{"region": r.Key.Region, "no_ruas": r.Key.No, "name": r.Name, "status": string(r.Status), "fungsi": string(r.Fungsi),
		"surface": string(r.Surface), "kecamatan_code": r.KecamatanCode, "kelurahan_code": r.KelurahanCode, "notes": r.Notes,
		"version": itoa(r.Version)}
	if r.WidthM > 0 {
		f["width_m"] = formatPlain(r.WidthM)
	}
	if r.LengthM > 0 {
		f["length_m"] = formatPlain(r.LengthM)
	}
	if r.YearBuilt > 0 {
		f["year_built"] = itoa(r.YearBuilt)
	}
	if r.DesignLife > 0 {
		f["design_life"] = itoa(r.DesignLife)
	}
	if r.Geometry != nil {
		b, _ := json.Marshal(geojson.NewGeometry(r.Geometry))
		f["geometry"] = string(b)
	}
	return f
}

func formatPlain(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}
