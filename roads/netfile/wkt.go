package netfile

import (
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// WKT writes a LineString or MultiLineString as WKT with every coordinate
// in full precision (orb's encoder rounds to six significant digits, which
// moves a point by up to ~10 m), so CSV and XLSX exports read back
// exactly. Other geometries and nil give "".
func WKT(g orb.Geometry) string {
	var b strings.Builder
	line := func(ls orb.LineString) {
		b.WriteByte('(')
		for i, p := range ls {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
			b.WriteByte(' ')
			b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
		}
		b.WriteByte(')')
	}
	switch g := g.(type) {
	case orb.LineString:
		b.WriteString("LINESTRING")
		line(g)
	case orb.MultiLineString:
		b.WriteString("MULTILINESTRING(")
		for i, ls := range g {
			if i > 0 {
				b.WriteByte(',')
			}
			line(ls)
		}
		b.WriteByte(')')
	}
	return b.String()
}
