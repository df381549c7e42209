package netfile

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// layout is what a table's columns mean: the columns of each field (in
// column order, the first non-empty value wins), their units, and the
// condition scheme of named condition columns.
type layout struct {
	cols colset
	// dated holds the columns whose header (or mapping) names a survey
	// year, per year ("IRI 2024", "BAIK_2023"): one survey per year.
	dated    map[int]colset
	years    []int     // the years of dated, ascending
	segKnown int       // 0 not yet known, 1 a segment file, 2 not (segment)
	sets     []yearSet // cols and each year's columns, made once (colsets)
	unit     []string  // per column: "m", "km" or ""
	unknown  []string  // columns neither recognised nor mapped
	unused   []string  // mapping-file columns the file does not have
	// scheme of the named condition columns (BAIK, RUSAK SEDANG, …) and the
	// part each one fills; nil when the file has none.
	scheme  *roads.Scheme
	partIdx map[Field]int
	// desaName: the name column says "… JALAN DESA", so rows are village roads.
	desaName bool
}

var condFields = []Field{FBaik, FSedang, FRusakRingan, FRusakSedang, FRusakBerat}

// measureFields are the unit measurements a survey row may give.
var measureFields = []Field{FIRI, FSDI, FPCI, FCrackArea, FCrackWidth, FPotholes, FRut}

// datedField reports a field a column may hold for one survey year.
func datedField(f Field) bool {
	return slices.Contains(condFields, f) || slices.Contains(measureFields, f)
}

// colset is the columns of each field, in column order.
type colset map[Field][]int

func (cs colset) has(f Field) bool { return len(cs[f]) > 0 }

// value returns the first non-empty value of f in rec, and its column.
func (cs colset) value(rec *Record, f Field) (string, int) {
	cols := cs[f]
	for _, j := range cols {
		if v := rec.Value(j); !isEmpty(v) {
			return v, j
		}
	}
	if len(cols) > 0 {
		return "", cols[0]
	}
	return "", -1
}

// lengthFields are converted from km to m when their column is in km.
var lengthFields = map[Field]bool{FLength: true, FWidth: true, FBaik: true, FSedang: true, FRusakRingan: true,
	FRusakSedang: true, FRusakBerat: true, FPart1: true, FPart2: true, FPart3: true, FPart4: true}

// newLayout reads a table's columns. An error means the file as a whole
// cannot be imported (a condition column the scheme has no class for).
func newLayout(t *Table, m *Mapping) (*layout, error) {
	l := &layout{cols: colset{}, dated: map[int]colset{}, unit: make([]string, len(t.Columns)), partIdx: map[Field]int{}}
	for j, col := range t.Columns {
		h := columnHead(col)
		f, year, ok := m.field(col)
		if !ok {
			f, ok = aliases[h.name]
			year = h.year
		}
		if !ok {
			if !ignored[h.name] {
				l.unknown = append(l.unknown, col)
			}
			continue
		}
		if f == FIgnore {
			continue
		}
		if year != 0 && datedField(f) {
			cs := l.dated[year]
			if cs == nil {
				cs = colset{}
				l.dated[year] = cs
				l.years = append(l.years, year)
			}
			cs[f] = append(cs[f], j)
		} else {
			l.cols[f] = append(l.cols[f], j)
		}
		l.unit[j] = h.unit
		if u := m.unit(col, f); u != "" {
			l.unit[j] = u
		}
		if f == FName && strings.Contains(h.name, "desa") {
			l.desaName = true
		}
	}
	if m != nil {
		for c := range m.Columns {
			found := false
			for _, col := range t.Columns {
				found = found || c == col || normHeader(c).name == columnHead(col).name || normHeader(c).name == normHeader(col).name
			}
			if !found {
				l.unused = append(l.unused, c)
			}
		}
		sort.Strings(l.unused)
	}
	sort.Ints(l.years)
	var present []Field
	for _, f := range condFields {
		if l.has(f) || slices.ContainsFunc(l.years, func(y int) bool { return l.dated[y].has(f) }) {
			present = append(present, f)
		}
	}
	if len(present) == 0 {
		return l, nil
	}
	code := roads.SchemeBinaMarga
	if l.has(FRusakSedang) {
		code = roads.SchemeDesa4
	}
	if m != nil && m.Scheme != "" {
		code = m.Scheme
	}
	sc, err := roads.SchemeOf(code)
	if err != nil {
		return nil, err
	}
	l.scheme = sc
	for _, f := range present {
		i := slices.Index(sc.Classes, string(f))
		if i < 0 {
			j := -1
			if l.has(f) {
				j = l.cols[f][0]
			} else {
				for _, y := range l.years {
					if l.dated[y].has(f) {
						j = l.dated[y][f][0]
						break
					}
				}
			}
			return nil, fmt.Errorf("kolom %q (%s) tidak punya kelas dalam skema kondisi %s (%s); ubah \"scheme\" di berkas pemetaan atau petakan kolom itu ke \"-\"",
				t.Columns[j], f, sc.Code, strings.Join(sc.Labels, ", "))
		}
		l.partIdx[f] = i
	}
	return l, nil
}

func (l *layout) has(f Field) bool { return l.cols.has(f) }

// segment reports a file of survey units: rows cut by STA or km ranges
// that refer to ruas of the register (see segment.go). Inventories may give
// each link's kilometre posts (KM AWAL/AKHIR) beside its name and length,
// so range columns make a segment file only with unit measurements (IRI,
// SDI, PCI, distress) or without a road-name column.
func (l *layout) segment() bool {
	if l.segKnown == 0 {
		l.segKnown = 2
		if l.isSegment() {
			l.segKnown = 1
		}
	}
	return l.segKnown == 1
}

func (l *layout) isSegment() bool {
	if !(l.has(FStaFrom) || l.has(FStaTo) || l.has(FKmFrom) || l.has(FKmTo)) {
		return false
	}
	for _, s := range l.colsets() {
		for _, f := range measureFields {
			if s.cs.has(f) {
				return true
			}
		}
	}
	return !l.has(FName)
}

// hasCoordinates reports whether the table has end-point columns.
func (l *layout) hasCoordinates() bool {
	return l.has(FLatStart) || l.has(FLngStart) || l.has(FLatEnd) || l.has(FLngEnd)
}

// value returns the first non-empty value of f in rec, and its column.
func (l *layout) value(rec *Record, f Field) (string, int) { return l.cols.value(rec, f) }

// collapse trims s and joins its words with single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
