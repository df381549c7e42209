package publish

import (
	"fmt"
	"math"

	"github.com/go-pdf/fpdf"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// rgb is a drawing colour.
type rgb struct{ r, g, b int }

// classColour is the map colour of each condition class (Kondisis order),
// the usual green–yellow–orange–red of condition maps; unknownColour is
// for ruas with no survey.
var (
	classColour   = [4]rgb{{26, 150, 65}, {230, 190, 0}, {245, 121, 0}, {204, 0, 0}}
	unknownColour = rgb{160, 160, 160}
)

// metresPerDegLat is the length of a degree of latitude, m (mean; the map
// needs no better than this).
const metresPerDegLat = 111_320.0

// projection maps WGS84 lon/lat to page mm: equirectangular around the
// network's mean latitude, scaled to fit a box and centred in it.
type projection struct {
	lon0, lat0, kx float64 // kx = cos(mean latitude)
	scale          float64 // mm per degree of latitude
	x0, y0         float64 // page position of (lon0, lat0)
}

func newProjection(b orb.Bound, x, y, w, h float64) projection {
	mid := (b.Min[1] + b.Max[1]) / 2
	p := projection{lon0: (b.Min[0] + b.Max[0]) / 2, lat0: mid, kx: math.Cos(mid * math.Pi / 180)}
	dx, dy := (b.Max[0]-b.Min[0])*p.kx, b.Max[1]-b.Min[1]
	if dx <= 0 && dy <= 0 {
		dx, dy = 0.01, 0.01
	}
	p.scale = math.Min(w/math.Max(dx, 1e-9), h/math.Max(dy, 1e-9))
	p.x0, p.y0 = x+w/2, y+h/2
	return p
}

func (p projection) point(pt orb.Point) (float64, float64) {
	return p.x0 + (pt[0]-p.lon0)*p.kx*p.scale, p.y0 - (pt[1]-p.lat0)*p.scale
}

// lines returns the LineStrings of a ruas geometry.
func lines(g orb.Geometry) []orb.LineString {
	switch g := g.(type) {
	case orb.LineString:
		return []orb.LineString{g}
	case orb.MultiLineString:
		return g
	}
	return nil
}

func (r *Report) drawMap(d *pdfDoc) {
	src := r.Src
	d.section(SecMap, fmt.Sprintf("Kondisi dominan setiap ruas menurut survei terakhir s.d. %d (kondisi awal rencana); proyeksi WGS84 equirectangular.", src.baselineSurveyYear()), false)
	var bound orb.Bound
	first := true
	type drawn struct {
		ruas  *roads.Ruas
		class int // Kondisis rank, -1 unknown
	}
	// The office's boundary frames the map when it has one, so a ruas
	// drawn far outside it (a slip of digit) cannot shrink the city to a
	// dot; such ruas are left off the map and counted under it.
	office := src.Net.Office.Boundary
	var frame orb.Bound
	if office != nil {
		frame = office.Bound().Pad(0.005)
	}
	var items []drawn
	outside := 0
	for _, ru := range src.Net.Ruas {
		if ru.Geometry == nil {
			continue
		}
		if office != nil && !frame.Intersects(ru.Geometry.Bound()) {
			outside++
			continue
		}
		if first {
			bound, first = ru.Geometry.Bound(), false
		} else {
			bound = bound.Union(ru.Geometry.Bound())
		}
		items = append(items, drawn{ru, src.Condition(ru).Kondisi().Rank()})
	}
	bs := src.boundaries()
	for _, b := range bs {
		if first {
			bound, first = b.Geometry.Bound(), false
		} else {
			bound = bound.Union(b.Geometry.Bound())
		}
	}
	if office != nil {
		bound = office.Bound()
	}
	boxX, boxY, boxW, boxH := pageMargin, tableTop, d.width(), 170.0
	d.f.SetDrawColor(120, 120, 120)
	d.f.SetLineWidth(0.3)
	d.f.Rect(boxX, boxY, boxW, boxH, "D")
	if len(items) == 0 {
		d.f.SetXY(boxX, boxY+boxH/2)
		d.para("Belum ada ruas dengan geometri; peta tidak dapat digambar.", fontBody, "I")
	} else {
		p := newProjection(bound, boxX+6, boxY+6, boxW-12, boxH-12)
		d.drawBoundaries(p, bs)
		d.f.SetLineCapStyle("round")
		d.f.SetLineJoinStyle("round")
		// Draw the better classes first so damaged roads stay visible on top.
		for class := -1; class < 4; class++ {
			c := unknownColour
			if class >= 0 {
				c = classColour[class]
			}
			d.f.SetDrawColor(c.r, c.g, c.b)
			for _, it := range items {
				if it.class != class {
					continue
				}
				d.f.SetLineWidth(lineWidth(it.ruas.Fungsi))
				for _, l := range lines(it.ruas.Geometry) {
					pts := make([]fpdf.PointType, len(l))
					for i, pt := range l {
						pts[i].X, pts[i].Y = p.point(pt)
					}
					for i := 1; i < len(pts); i++ {
						d.f.Line(pts[i-1].X, pts[i-1].Y, pts[i].X, pts[i].Y)
					}
				}
			}
		}
		d.labelBoundaries(p, bs)
		d.drawScale(p, boxX+4, boxY+boxH-6)
		d.drawNorth(boxX+boxW-10, boxY+6)
	}
	d.legend(r, boxY+boxH+4)
	if outside > 0 {
		d.para(fmt.Sprintf("%d ruas bergeometri di luar batas wilayah %s tidak digambar; periksa geometrinya (laporan kualitas data).", outside, src.Org.Pemda), fontTable, "I")
	}
}

// lineWidth is the stroke of a ruas on the map by function, mm.
func lineWidth(f roads.Fungsi) float64 {
	switch f {
	case roads.Arteri:
		return 1.0
	case roads.Kolektor:
		return 0.75
	}
	return 0.5
}

// drawScale draws a scale bar of a round length no longer than 40 mm.
func (d *pdfDoc) drawScale(p projection, x, y float64) {
	mmPerKm := p.scale * 1000 / metresPerDegLat
	lengthKm := 0.1
	for _, k := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500} {
		if k*mmPerKm <= 40 {
			lengthKm = k
		}
	}
	w := lengthKm * mmPerKm
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetFillColor(0, 0, 0)
	d.f.SetLineWidth(0.3)
	d.f.Rect(x, y-1.5, w/2, 1.5, "FD")
	d.f.SetFillColor(255, 255, 255)
	d.f.Rect(x+w/2, y-1.5, w/2, 1.5, "FD")
	d.f.SetFont("Helvetica", "", 7)
	d.f.Text(x, y+3, "0")
	d.f.Text(x+w-2, y+3, d.t(grouped(lengthKm, decimalsOf(lengthKm))+" km"))
}

func decimalsOf(v float64) int {
	if v < 1 {
		return 1
	}
	return 0
}

// drawNorth draws a north arrow ("U", utara) at (x, y).
func (d *pdfDoc) drawNorth(x, y float64) {
	d.f.SetFillColor(0, 0, 0)
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetLineWidth(0.2)
	d.f.Polygon([]fpdf.PointType{{X: x, Y: y}, {X: x - 2.5, Y: y + 7}, {X: x, Y: y + 5.5}, {X: x + 2.5, Y: y + 7}}, "FD")
	d.f.SetFont("Helvetica", "B", 8)
	d.f.Text(x-1.2, y+11, "U")
}

// legend lists each class with its colour, km and share at the baseline:
// the plan's baseline figures, the same as the e-Walidata rows of that year.
func (d *pdfDoc) legend(r *Report, y float64) {
	b := r.Baseline
	d.f.SetXY(pageMargin, y)
	d.f.SetFont("Helvetica", "B", fontBody)
	d.f.CellFormat(d.width(), 5, d.t(fmt.Sprintf("Legenda — kondisi %d (km; %% dari panjang yang kondisinya diketahui)", b.Year)), "", 1, "L", false, 0, "")
	d.f.SetFont("Helvetica", "", fontBody)
	total := b.Km.Total()
	entry := func(c rgb, label string, kmv float64, share string) {
		d.f.SetX(pageMargin)
		d.f.SetFillColor(c.r, c.g, c.b)
		d.f.Rect(pageMargin, d.f.GetY()+1.5, 8, 2.5, "F")
		d.f.SetX(pageMargin + 10)
		d.f.CellFormat(40, 5.5, d.t(label), "", 0, "L", false, 0, "")
		d.f.CellFormat(30, 5.5, d.t(km2(kmv)+" km"), "", 0, "R", false, 0, "")
		d.f.CellFormat(25, 5.5, d.t(share), "", 1, "R", false, 0, "")
	}
	for i, k := range roads.Kondisis {
		v := b.Km.Of(k)
		share := ""
		if total > 0 {
			share = pct(v/total*100) + " %"
		}
		entry(classColour[i], k.Label(), v, share)
	}
	entry(unknownColour, "Belum disurvei", b.UnknownKm, "")
	d.f.SetX(pageMargin)
	d.f.SetFont("Helvetica", "B", fontBody)
	d.f.CellFormat(d.width(), 6, d.t(fmt.Sprintf("Kemantapan %d: %s %%   ·   garis tebal: arteri, sedang: kolektor, tipis: lokal/lingkungan", b.Year, pct(b.Kemantapan))), "", 1, "L", false, 0, "")
	for _, bd := range r.Src.boundaries() {
		if bd.Kecamatan {
			note := "Garis putus-putus: batas kecamatan"
			if r.Src.Demo {
				note += " (garis kasar untuk data demo, bukan peta batas resmi)"
			}
			d.para(note+".", 8, "I")
			break
		}
	}
}
