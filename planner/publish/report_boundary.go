package publish

import (
	"github.com/go-pdf/fpdf"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// Boundary is an outline the map draws under the roads: the pemda (the
// office's boundary) or a kecamatan.
type Boundary struct {
	Code, Name string
	Kecamatan  bool
	Geometry   orb.Geometry // Polygon or MultiPolygon, WGS84
}

// boundaries are the outlines the map can draw: the office's boundary when
// it has one, and the office's kecamatan outlines when it stored them (the
// demo stores its own as any office would).
func (s *Source) boundaries() []Boundary {
	var out []Boundary
	if g := s.Net.Office.Boundary; g != nil {
		out = append(out, Boundary{Code: s.Org.Region, Name: s.Org.Pemda, Geometry: g})
	}
	for _, o := range s.Net.Office.Outlines { // the office's own outlines (the demo's are its office's)
		out = append(out, Boundary{Code: o.Code, Name: o.Name, Kecamatan: o.Level == roads.LevelKecamatan, Geometry: o.Geometry})
	}
	return out
}

// rings returns the rings of a polygonal geometry.
func rings(g orb.Geometry) []orb.Ring {
	switch g := g.(type) {
	case orb.Polygon:
		return g
	case orb.MultiPolygon:
		var out []orb.Ring
		for _, p := range g {
			out = append(out, p...)
		}
		return out
	}
	return nil
}

// drawBoundaries draws the outlines thin and grey, the pemda's solid and
// the kecamatan dashed.
func (d *pdfDoc) drawBoundaries(p projection, bs []Boundary) {
	d.f.SetLineWidth(0.25)
	for _, b := range bs {
		if b.Kecamatan {
			d.f.SetDrawColor(110, 110, 160)
			d.f.SetDashPattern([]float64{1.5, 1}, 0)
		} else {
			d.f.SetDrawColor(90, 90, 90)
			d.f.SetDashPattern(nil, 0)
		}
		for _, r := range rings(b.Geometry) {
			pts := make([]fpdf.PointType, len(r))
			for i, pt := range r {
				pts[i].X, pts[i].Y = p.point(pt)
			}
			d.f.Polygon(pts, "D")
		}
	}
	d.f.SetDashPattern(nil, 0)
}

// labelBoundaries writes each kecamatan's name at its centre, over the roads.
func (d *pdfDoc) labelBoundaries(p projection, bs []Boundary) {
	d.f.SetFont("Helvetica", "BI", 8)
	d.f.SetTextColor(90, 90, 140)
	for _, b := range bs {
		if !b.Kecamatan {
			continue
		}
		c := b.Geometry.Bound().Center()
		x, y := p.point(c)
		label := "Kec. " + b.Name
		d.f.Text(x-d.f.GetStringWidth(d.t(label))/2, y, d.t(label))
	}
	d.f.SetTextColor(0, 0, 0)
}
