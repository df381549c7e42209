package roads

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/kotablitar/ruas/data"
)

// SurfaceInfo is the reference row of a surface class.
type SurfaceInfo struct {
	Code       Surface
	Name       string
	NameEN     string
	Paved      bool
	DesignLife int    // default umur rencana, years (DOMAIN.md §3.4)
	Walidata   string // e-Walidata reporting class: aspal, beton, kerikil, tanah, tidak_terinci
	LifeSource string
}

// SubKegiatan is one sub-activity code of a nomenclature version.
type SubKegiatan struct {
	Version   string // "2024", "2027"
	Code      string // 1.03.10.2.01.0051
	Name      string
	Works     string // works type it funds, or "survei"
	Indicator string
	Unit      string
	Decree    string
}

// Reference holds the reference code tables of data/ref. Region codes
// (Place, PlaceByName, Within) come from the national Kemendagri table,
// read on first use.
type Reference struct {
	Surfaces    []SurfaceInfo
	Aliases     map[string]Surface // normalised free text → class
	SubKegiatan []SubKegiatan
}

var (
	refOnce sync.Once
	ref     *Reference
	refErr  error
)

// Ref returns the embedded reference tables, parsed once.
func Ref() *Reference {
	refOnce.Do(func() { ref, refErr = loadReference() })
	if refErr != nil {
		// The tables are embedded at build time; a broken one is a build defect.
		panic("roads: reference tables: " + refErr.Error())
	}
	return ref
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := data.FS.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		m := make(map[string]string, len(head))
		for i, h := range head {
			m[h] = strings.TrimSpace(rec[i])
		}
		out = append(out, m)
	}
}

func loadReference() (*Reference, error) {
	r := &Reference{Aliases: map[string]Surface{}}
	rows, err := readCSV("ref/surfaces.csv")
	if err != nil {
		return nil, err
	}
	for _, m := range rows {
		life, err := strconv.Atoi(m["umur_rencana_tahun"])
		if err != nil {
			return nil, fmt.Errorf("ref/surfaces.csv: %s: design life: %w", m["kode"], err)
		}
		s := Surface(m["kode"])
		if _, err := ParseSurfaceCode(string(s)); err != nil {
			return nil, fmt.Errorf("ref/surfaces.csv: %w", err)
		}
		r.Surfaces = append(r.Surfaces, SurfaceInfo{Code: s, Name: m["nama"], NameEN: m["name_en"], Paved: m["paved"] == "true",
			DesignLife: life, Walidata: m["kelas_walidata"], LifeSource: m["sumber_umur"]})
		r.Aliases[normalizeSurfaceText(string(s))] = s
	}
	if rows, err = readCSV("ref/surface_alias.csv"); err != nil {
		return nil, err
	}
	for _, m := range rows {
		s := Surface(m["kode"])
		if _, err := ParseSurfaceCode(string(s)); err != nil {
			return nil, fmt.Errorf("ref/surface_alias.csv: alias %q: %w", m["alias"], err)
		}
		r.Aliases[normalizeSurfaceText(m["alias"])] = s
	}
	if rows, err = readCSV("ref/sub_kegiatan.csv"); err != nil {
		return nil, err
	}
	for _, m := range rows {
		r.SubKegiatan = append(r.SubKegiatan, SubKegiatan{Version: m["versi"], Code: m["kode"], Name: m["nama"], Works: m["works_type"],
			Indicator: m["indikator"], Unit: m["satuan"], Decree: m["keputusan"]})
	}
	return r, nil
}

// normalizeSurfaceText folds case, spacing and the separators offices use
// ("Cor/ Latasir", "Aspal - Beton") so aliases match.
func normalizeSurfaceText(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("-", " - ", "/", "/", "\u00a0", " ").Replace(s)
	f := strings.Fields(s)
	out := strings.Join(f, " ")
	out = strings.ReplaceAll(out, " / ", "/")
	out = strings.ReplaceAll(out, "/ ", "/")
	out = strings.ReplaceAll(out, " /", "/")
	return out
}

// MapSurface maps free-text surface names onto a standard class. ok is
// false when the text is empty or not in the alias table; the caller
// reports it and stores Unknown with the original text.
func (r *Reference) MapSurface(text string) (s Surface, ok bool) {
	n := normalizeSurfaceText(text)
	if n == "" {
		return Unknown, false
	}
	if s, ok := r.Aliases[n]; ok {
		return s, true
	}
	return Unknown, false
}

// Surface returns the reference row of a class.
func (r *Reference) Surface(s Surface) SurfaceInfo {
	for _, i := range r.Surfaces {
		if i.Code == s {
			return i
		}
	}
	return SurfaceInfo{Code: s, Name: string(s), DesignLife: 10}
}

// DesignLife is the ruas's umur rencana: its own value or its surface default.
func (r *Ruas) DesignLifeYears() int {
	if r.DesignLife > 0 {
		return r.DesignLife
	}
	return Ref().Surface(r.Surface).DesignLife
}

// SubKegiatanFor returns the sub-kegiatan that funds a works type in a
// nomenclature version.
func (r *Reference) SubKegiatanFor(version string, w WorksType) (SubKegiatan, error) {
	for _, s := range r.SubKegiatan {
		if s.Version == version && s.Works == string(w) {
			return s, nil
		}
	}
	return SubKegiatan{}, fmt.Errorf("%w: no sub-kegiatan for works %s in nomenclature %s (known versions: 2024, 2027)", ErrNotFound, w, version)
}
