package roads

import (
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/kotablitar/ruas/data"
)

// Levels of the Kemendagri region hierarchy. The lowest tier holds both
// kelurahan and desa; the register calls both "kelurahan" (Wilayah.Desa
// tells them apart).
const (
	LevelProvinsi  = "provinsi"
	LevelKabupaten = "kabupaten"
	LevelKota      = "kota"
	LevelKecamatan = "kecamatan"
	LevelKelurahan = "kelurahan"
)

// wilayahFile is the national table: Kepmendagri No 300.2.2-2138 Tahun
// 2025 (via github.com/cahyadsn/wilayah, MIT), gzip-compressed.
const wilayahFile = "ref/wilayah_kepmendagri_2025.csv.gz"

// WilayahSource names the region table for evidence lines and documents.
const WilayahSource = "Kepmendagri No 300.2.2-2138 Tahun 2025 (data/ref/wilayah_kepmendagri_2025.csv.gz)"

// Wilayah is one region code of the Kemendagri reference table.
type Wilayah struct {
	Code  string // Kemendagri, e.g. 33.74.01
	Name  string // as the decree writes it: "Kota Semarang", "Kabupaten Bogor", "Jawa Timur", "Semarang Tengah"
	Level string // provinsi, kabupaten, kota, kecamatan, kelurahan
	Desa  bool   // a desa rather than a kelurahan (lowest tier, code 2xxx)
}

// LevelOfCode tells the level of a Kemendagri code from its shape
// (NN, NN.NN, NN.NN.NN, NN.NN.NN.NNNN); a kabupaten and a kota have the
// same shape, so name decides between them.
func LevelOfCode(code, name string) string {
	switch strings.Count(code, ".") {
	case 0:
		return LevelProvinsi
	case 1:
		if strings.HasPrefix(name, "Kota ") {
			return LevelKota
		}
		return LevelKabupaten
	case 2:
		return LevelKecamatan
	default:
		return LevelKelurahan
	}
}

// ParentCode is the code one level up ("" for a province).
func ParentCode(code string) string {
	if i := strings.LastIndex(code, "."); i > 0 {
		return code[:i]
	}
	return ""
}

// regions is the national table, in code order (the decree's file is;
// loadRegions checks), so a code is found by binary search and the
// regions inside a code are one contiguous run.
type regions struct {
	all []Wilayah

	nameOnce sync.Once
	byName   map[string][]int // level + "|" + folded name → indexes, built on first use
}

var (
	regionsOnce sync.Once
	regionsTab  *regions
	regionsErr  error
)

// wilayah returns the national table, read once on first use (about
// 92,000 rows; forms, imports and checks look codes up in it).
func wilayah() *regions {
	regionsOnce.Do(func() { regionsTab, regionsErr = loadRegions() })
	if regionsErr != nil {
		panic("roads: region table: " + regionsErr.Error())
	}
	return regionsTab
}

func foldName(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "") }

// loadRegions reads the gzip-compressed CSV (kode,nama; a name with a
// comma is quoted) into one string and slices names out of it.
func loadRegions() (*regions, error) {
	f, err := data.FS.Open(wilayahFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", wilayahFile, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", wilayahFile, err)
	}
	text := string(b)
	nl := strings.IndexByte(text, '\n')
	if nl < 0 || strings.TrimSpace(text[:nl]) != "kode,nama" {
		return nil, fmt.Errorf("%s: header must be kode,nama", wilayahFile)
	}
	t := &regions{all: make([]Wilayah, 0, strings.Count(text, "\n"))}
	for line, rest := "", text[nl+1:]; rest != ""; {
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, ""
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		c := strings.IndexByte(line, ',')
		if c <= 0 {
			return nil, fmt.Errorf("%s: line %q is not kode,nama", wilayahFile, line)
		}
		code, name := line[:c], strings.TrimSpace(line[c+1:])
		if len(name) >= 2 && name[0] == '"' && name[len(name)-1] == '"' {
			name = strings.TrimSpace(name[1 : len(name)-1])
		}
		w := Wilayah{Code: code, Name: name, Level: LevelOfCode(code, name)}
		if w.Level == LevelKelurahan {
			w.Desa = strings.HasPrefix(code[strings.LastIndex(code, ".")+1:], "2")
		}
		if n := len(t.all); n > 0 && t.all[n-1].Code >= code {
			return nil, fmt.Errorf("%s: code %s after %s: the file must be in code order", wilayahFile, code, t.all[n-1].Code)
		}
		t.all = append(t.all, w)
	}
	return t, nil
}

// index returns the position of code, or -1.
func (t *regions) index(code string) int {
	i := sort.Search(len(t.all), func(i int) bool { return t.all[i].Code >= code })
	if i < len(t.all) && t.all[i].Code == code {
		return i
	}
	return -1
}

// inside returns the run of regions whose codes start with code + ".".
func (t *regions) inside(code string) []Wilayah {
	p := code + "."
	lo := sort.Search(len(t.all), func(i int) bool { return t.all[i].Code >= p })
	hi := lo + sort.Search(len(t.all)-lo, func(i int) bool { return !strings.HasPrefix(t.all[lo+i].Code, p) })
	return t.all[lo:hi]
}

func (t *regions) names() map[string][]int {
	t.nameOnce.Do(func() {
		t.byName = make(map[string][]int, len(t.all))
		for i, w := range t.all {
			k := w.Level + "|" + foldName(w.Name)
			t.byName[k] = append(t.byName[k], i)
		}
	})
	return t.byName
}

// Place returns the reference row for a Kemendagri code.
func (r *Reference) Place(code string) (Wilayah, bool) {
	t := wilayah()
	if i := t.index(strings.TrimSpace(code)); i >= 0 {
		return t.all[i], true
	}
	return Wilayah{}, false
}

// PlaceByName finds a region by level and name (case and spaces ignored),
// optionally within a parent code; "kabupaten" also finds a kota and the
// reverse, since files name both the same way.
func (r *Reference) PlaceByName(level, name, parent string) (Wilayah, bool) {
	t := wilayah()
	levels := []string{level}
	if level == LevelKabupaten || level == LevelKota {
		levels = []string{LevelKabupaten, LevelKota}
	}
	n := foldName(name)
	if parent != "" {
		for _, w := range t.inside(parent) {
			for _, l := range levels {
				if w.Level == l && foldName(w.Name) == n {
					return w, true
				}
			}
		}
		return Wilayah{}, false
	}
	byName := t.names()
	for _, l := range levels {
		if is := byName[l+"|"+n]; len(is) > 0 {
			return t.all[is[0]], true
		}
	}
	return Wilayah{}, false
}

// Within lists the regions of a level inside code (its kecamatan, or all
// its kelurahan), in code order.
func (r *Reference) Within(code, level string) []Wilayah {
	var out []Wilayah
	for _, w := range wilayah().inside(code) {
		if w.Level == level || level == LevelKabupaten && w.Level == LevelKota {
			out = append(out, w)
		}
	}
	return out
}

// Regions is the size of the national table (for documents and tests).
func (r *Reference) Regions() int { return len(wilayah().all) }
