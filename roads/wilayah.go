package roads

import (
	"compress/gzip"
	"encoding/csv"
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

// regions is the national table with its indexes.
type regions struct {
	all      []Wilayah
	byCode   map[string]int
	children map[string][]int // parent code → indexes in code order
	byName   map[string][]int // level + "|" + folded name → indexes
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
	r := csv.NewReader(zr)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil || len(head) < 2 || head[0] != "kode" || head[1] != "nama" {
		return nil, fmt.Errorf("%s: header must be kode,nama (%v)", wilayahFile, err)
	}
	t := &regions{byCode: make(map[string]int, 92000), children: map[string][]int{}, byName: make(map[string][]int, 92000)}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", wilayahFile, err)
		}
		code, name := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		w := Wilayah{Code: code, Name: name, Level: LevelOfCode(code, name)}
		if w.Level == LevelKelurahan {
			w.Desa = strings.HasPrefix(code[strings.LastIndex(code, ".")+1:], "2")
		}
		i := len(t.all)
		t.all = append(t.all, w)
		t.byCode[code] = i
		p := ParentCode(code)
		t.children[p] = append(t.children[p], i)
		k := w.Level + "|" + foldName(name)
		t.byName[k] = append(t.byName[k], i)
	}
	for _, ch := range t.children {
		sort.Slice(ch, func(a, b int) bool { return t.all[ch[a]].Code < t.all[ch[b]].Code })
	}
	return t, nil
}

// Place returns the reference row for a Kemendagri code.
func (r *Reference) Place(code string) (Wilayah, bool) {
	t := wilayah()
	if i, ok := t.byCode[strings.TrimSpace(code)]; ok {
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
	for _, l := range levels {
		for _, i := range t.byName[l+"|"+n] {
			if w := t.all[i]; parent == "" || w.Code == parent || strings.HasPrefix(w.Code, parent+".") {
				return w, true
			}
		}
	}
	return Wilayah{}, false
}

// Within lists the regions of a level inside code (its kecamatan, or all
// its kelurahan), in code order.
func (r *Reference) Within(code, level string) []Wilayah {
	t := wilayah()
	var out []Wilayah
	var walk func(p string)
	walk = func(p string) {
		for _, i := range t.children[p] {
			w := t.all[i]
			if w.Level == level || level == LevelKabupaten && w.Level == LevelKota {
				out = append(out, w)
				continue
			}
			walk(w.Code)
		}
	}
	walk(code)
	return out
}

// Regions is the size of the national table (for documents and tests).
func (r *Reference) Regions() int { return len(wilayah().all) }
