package netfile

import (
	"fmt"
	"strings"

	"github.com/kotablitar/ruas/roads/locale"
)

// Problem is one finding about a file: an error refuses its row, a warning
// does not. Row is the data row (0 for the whole file); Count > 1 when a
// warning stands for several rows with the same value (an unmapped surface).
type Problem struct {
	Row      int    `json:"row"`
	Column   string `json:"column"`
	Value    string `json:"value"`
	Message  string `json:"message"`
	Category string `json:"category"`
	Count    int    `json:"count,omitempty"`
	Line     int    `json:"-"` // CSV line or sheet row, for messages
}

// Categories of problems, so that reports and tests can count them.
const (
	// Errors: the row is refused.
	CatFile              = "file_unreadable"     // the file cannot be read at all
	CatValue             = "value_invalid"       // a cell that is not a number, date or code
	CatKeyMissing        = "key_missing"         // no ruas number and no road name
	CatNameMissing       = "name_missing"        // no road name
	CatTotalMissing      = "total_missing"       // no usable length
	CatTotalImplausible  = "total_implausible"   // longer than a ruas of its status can be
	CatPartsSum          = "parts_sum"           // condition metres do not add up to the total
	CatDuplicate         = "duplicate_key"       // the key of an earlier row
	CatOutside           = "coordinates_outside" // a point outside Indonesia or far from its kabupaten
	CatGeometry          = "geometry_invalid"    // not a line, or a broken one
	CatRecord            = "record_invalid"      // any other rule of the register
	CatRuasUnknown       = "ruas_unknown"        // a segment row names a ruas neither stored nor imported
	CatOverlap           = "sta_overlap"         // a segment overlaps another of the same ruas and date
	CatMeasureIncomplete = "measure_incomplete"  // (error) no IRI, SDI or complete SDI items; (warning) items incomplete
	// Warnings: the row is imported.
	CatNoCoordinates    = "no_coordinates"     // imported without geometry
	CatSurfaceUnmapped  = "surface_unmapped"   // stored as tidak_terinci with the text kept
	CatSurfaceMissing   = "surface_missing"    // stored as tidak_terinci
	CatPlaceUnknown     = "place_unknown"      // a kecamatan or kelurahan name not in the reference table
	CatRegionDefault    = "region_default"     // no region given; the file name stands in
	CatColumnsIgnored   = "columns_ignored"    // columns the importer does not use
	CatMappingUnused    = "mapping_unused"     // mapping-file columns not in the file
	CatPiecesMerged     = "pieces_merged"      // GeoJSON pieces of one ruas joined
	CatTotalsRow        = "totals_row"         // a JUMLAH/TOTAL row skipped
	CatLanesAveraged    = "lanes_averaged"     // lanes of one STA range averaged into one unit
	CatMeasureDropped   = "measure_dropped"    // IRI/SDI of a row that also gives metres per class, not stored
	CatFar              = "coordinates_far"    // a point 100–250 km from the rest of its kabupaten: imported, check it
	CatLengthMismatch   = "length_mismatch"    // drawn length over 2× or under ½ the stated length
	CatOutline          = "closed_line"        // a closed ring passed off as a centre line
	CatGeometryIgnored  = "geometry_ignored"   // --no-geometry: geometry left out
	CatRuasFieldsDiffer = "ruas_fields_differ" // a later year's row of a ruas gives other register fields
	CatSTABeyond        = "sta_beyond_length"  // a segment ends past the ruas's length
)

// where writes the place of a problem for people: "jabar.csv baris 12
// (baris berkas 13), kolom "TOTAL PANJANG JALAN (meter)", nilai "0"".
func (p Problem) where(file string) string {
	var b strings.Builder
	b.WriteString(file)
	if p.Row > 0 {
		fmt.Fprintf(&b, " baris %d", p.Row)
		if p.Line > 0 && p.Line != p.Row {
			fmt.Fprintf(&b, " (baris %d di berkas)", p.Line)
		}
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", kolom %q", p.Column)
	}
	if p.Value != "" {
		v := p.Value
		if len(v) > 80 {
			v = v[:77] + "…"
		}
		fmt.Fprintf(&b, ", nilai %q", v)
	}
	return b.String()
}

// Text writes the problem in one line for a person: where, what, the fix,
// and the category in brackets.
func (p Problem) Text(file string) string {
	s := p.where(file) + ": " + p.Message
	if p.Count > 1 {
		s += fmt.Sprintf(" (%s baris)", Thousands(p.Count))
	}
	return s + " [" + p.Category + "]"
}

// Thousands writes n with Indonesian thousands dots: 32340 → "32.340".
func Thousands(n int) string { return locale.ID.Int(n) }
