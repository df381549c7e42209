package publish

import (
	"github.com/go-pdf/fpdf"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
)

// Boundary is an outline the map draws under the roads: the pemda (the
// office's boundary) or a kecamatan.
type Boundary struct {
	Code, Name string
	Kecamatan  bool
	Geometry   orb.Geometry // Polygon or MultiPolygon, WGS84
}

// demoKecamatanFile holds the demo city's kecamatan outlines (coarse,
// shrunk: they place synthetic roads, they are not a boundary map).
const demoKecamatanFile = "demo/kecamatan.geojson"

// boundaries are the outlines the map can draw: the office's boundary when
// it has one, and the kecamatan outlines the register's office has (the
// demo's for the demo city; none otherwise, until an office stores its own).
func (s *Source) boundaries() []Boundary {
	var out []Boundary
	if g := s.Net.Office.Boundary; g != nil {
		out = append(out, Boundary{Code: s.Org.Region, Name: s.Org.Pemda, Geometry: g})
	}
	if os := s.Net.Office.Outlines; len(os) > 0 { // the office's own outlines
		for _, o := range os {
			out = append(out, Boundary{Code: o.Code, Name: o.Name, Kecamatan: o.Level == roads.LevelKecamatan, Geometry: o.Geometry})
		}
		return out
	}
	if !s.Demo {
		return out
	}
	b, err := data.Demo.ReadFile(demoKecamatanFile)
	if err != nil {
		return out
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return out
	}
	for _, f := range fc.Features {
		if f.Properties.MustString("kind", "") != "kecamatan" {
			continue
		}
		switch f.Geometry.(type) {
		case orb.Polygon, orb.MultiPolygon:
			out = append(out, Boundary{Code: f.Properties.MustString("kode", ""), Name: f.Properties.MustString("nama", ""), Kecamatan: true, Geometry: f.Geometry})
		}
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
