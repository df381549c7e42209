package roads

import "fmt"

// Kondisi is a Bina Marga condition class. The order of the constants is
// the order of severity (Baik best); Rank gives it as a number.
type Kondisi string

// The Bina Marga condition classes (DOMAIN.md §3.2).
const (
	Baik        Kondisi = "baik"
	Sedang      Kondisi = "sedang"
	RusakRingan Kondisi = "rusak_ringan"
	RusakBerat  Kondisi = "rusak_berat"
)

// Kondisis lists the classes from best to worst.
var Kondisis = []Kondisi{Baik, Sedang, RusakRingan, RusakBerat}

// Rank is 0 for Baik up to 3 for Rusak Berat, and -1 for an unknown class.
func (k Kondisi) Rank() int {
	for i, c := range Kondisis {
		if c == k {
			return i
		}
	}
	return -1
}

// Mantap reports whether the class counts towards kemantapan (Baik or Sedang).
func (k Kondisi) Mantap() bool { return k == Baik || k == Sedang }

// Label is the Indonesian name used in reports and on screen.
func (k Kondisi) Label() string {
	switch k {
	case Baik:
		return "Baik"
	case Sedang:
		return "Sedang"
	case RusakRingan:
		return "Rusak Ringan"
	case RusakBerat:
		return "Rusak Berat"
	}
	return string(k)
}

// Worse returns the more severe of two classes; an empty class yields the other.
func Worse(a, b Kondisi) Kondisi {
	if a.Rank() < 0 {
		return b
	}
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// ParseKondisi accepts the code or the Indonesian label in any case.
func ParseKondisi(s string) (Kondisi, error) {
	n := normalizeWord(s)
	for _, k := range Kondisis {
		if n == string(k) {
			return k, nil
		}
	}
	return "", fmt.Errorf("%w: condition %q is not one of Baik, Sedang, Rusak Ringan, Rusak Berat", ErrInvalid, s)
}

// Surface is a standard pavement class (jenis perkerasan). Free-text
// surface names from office files are mapped onto these through the alias
// table in data/ref/surface_alias.csv.
type Surface string

// The surface classes (DOMAIN.md §2). Unknown is "tidak terinci": the file
// gave no surface or one the alias table could not place.
const (
	Aspal   Surface = "aspal"
	Lapen   Surface = "lapen"
	Beton   Surface = "beton"
	Paving  Surface = "paving"
	Kerikil Surface = "kerikil"
	Tanah   Surface = "tanah"
	Lainnya Surface = "lainnya"
	Unknown Surface = "tidak_terinci"
)

// Surfaces lists the classes in reporting order.
var Surfaces = []Surface{Aspal, Lapen, Beton, Paving, Kerikil, Tanah, Lainnya, Unknown}

// Paved reports whether the surface is a bound pavement (the SDI/IRI rules
// and the overlay treatments apply).
func (s Surface) Paved() bool {
	switch s {
	case Aspal, Lapen, Beton, Paving:
		return true
	}
	return false
}

// Status is the road's administrative status (UU 2/2022).
type Status string

// Road statuses.
const (
	Nasional  Status = "nasional"
	Provinsi  Status = "provinsi"
	Kabupaten Status = "kabupaten"
	Kota      Status = "kota"
	Desa      Status = "desa"
)

// Statuses lists the statuses from highest to lowest authority.
var Statuses = []Status{Nasional, Provinsi, Kabupaten, Kota, Desa}

// Fungsi is the road's function class.
type Fungsi string

// Road functions; a city network is mostly sekunder.
const (
	Arteri      Fungsi = "arteri"
	Kolektor    Fungsi = "kolektor"
	Lokal       Fungsi = "lokal"
	Lingkungan  Fungsi = "lingkungan"
	FungsiBelum Fungsi = "" // not stated
)

// Fungsis lists the functions from highest to lowest order.
var Fungsis = []Fungsi{Arteri, Kolektor, Lokal, Lingkungan}

func parseEnum[T ~string](field, s string, all []T) (T, error) {
	n := normalizeWord(s)
	for _, v := range all {
		if n == string(v) {
			return v, nil
		}
	}
	var zero T
	return zero, fmt.Errorf("%w: %s %q is not one of %v", ErrInvalid, field, s, all)
}

// ParseStatus accepts a status code in any case.
func ParseStatus(s string) (Status, error) { return parseEnum("status", s, Statuses) }

// ParseFungsi accepts a function code in any case; "arteri sekunder" and
// similar are read by their first word. Empty means not stated.
func ParseFungsi(s string) (Fungsi, error) {
	n := normalizeWord(s)
	if n == "" {
		return FungsiBelum, nil
	}
	for _, f := range Fungsis {
		if n == string(f) || len(n) > len(f) && n[:len(f)+1] == string(f)+"_" {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w: fungsi %q is not one of arteri, kolektor, lokal, lingkungan", ErrInvalid, s)
}

// ParseSurfaceCode accepts a standard surface code (not free text; see
// Reference.MapSurface for that).
func ParseSurfaceCode(s string) (Surface, error) { return parseEnum("surface", s, Surfaces) }

// WorksType is a penanganan (works) type.
type WorksType string

// Works types (DOMAIN.md §3.3).
const (
	Rutin        WorksType = "rutin"
	Berkala      WorksType = "berkala"
	Rehabilitasi WorksType = "rehabilitasi"
	Rekonstruksi WorksType = "rekonstruksi"
	Peningkatan  WorksType = "peningkatan" // pembangunan/peningkatan struktur
	Pelebaran    WorksType = "pelebaran"
)

// WorksTypes lists the works types from lightest to heaviest.
var WorksTypes = []WorksType{Rutin, Berkala, Rehabilitasi, Rekonstruksi, Peningkatan, Pelebaran}

// ParseWorksType accepts a works type code in any case.
func ParseWorksType(s string) (WorksType, error) { return parseEnum("works type", s, WorksTypes) }

// Label is the Indonesian name of the works type.
func (w WorksType) Label() string {
	switch w {
	case Rutin:
		return "Pemeliharaan Rutin"
	case Berkala:
		return "Pemeliharaan Berkala"
	case Rehabilitasi:
		return "Rehabilitasi"
	case Rekonstruksi:
		return "Rekonstruksi"
	case Peningkatan:
		return "Pembangunan/Peningkatan"
	case Pelebaran:
		return "Pelebaran"
	}
	return string(w)
}
