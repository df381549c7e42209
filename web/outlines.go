package web

import (
	"encoding/json"
	"math"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// outlineFeature is one outline of the offline basemap.
// outlinesDoc is the offline basemap's answer.
type outlinesDoc struct {
	Type     string           `json:"type"` // FeatureCollection
	Features []outlineFeature `json:"features"`
}

type outlineFeature struct {
	Type       string            `json:"type"`
	Geometry   *geojson.Geometry `json:"geometry"`
	Properties outlineProps      `json:"properties"`
}

type outlineProps struct {
	Kind  string     `json:"kind"` // office, kecamatan
	Code  string     `json:"code,omitempty"`
	Name  string     `json:"name"`
	Label *orb.Point `json:"label,omitempty"` // where the name is written, [lon, lat]
	Note  string     `json:"note,omitempty"`
}

// outlinesAPI is the offline basemap: the office's boundary and its
// kecamatan (or kelurahan) outlines with a point to write each name at, as
// a GeoJSON FeatureCollection drawn under the roads (an empty collection
// before the office sets either). Under a synthetic network the outlines
// say they are not an official boundary.
func (s *Server) outlinesAPI(c *gin.Context) error {
	ctx := c.Request.Context()
	l := localeOf(c)
	office := s.officeOf(ctx)
	out := []outlineFeature{}
	if office.Boundary != nil {
		out = append(out, outlineFeature{Type: "Feature", Geometry: geojson.NewGeometry(office.Boundary),
			Properties: outlineProps{Kind: "office", Code: office.Region, Name: office.Pemda()}})
	}
	snap, err := s.snaps.current(ctx)
	if err != nil {
		return err
	}
	for _, o := range office.Outlines { // the office's own, loaded from its GIS file
		label := labelPoint(o.Geometry)
		f := outlineFeature{Type: "Feature", Geometry: geojson.NewGeometry(o.Geometry),
			Properties: outlineProps{Kind: o.Level, Code: o.Code, Name: o.Name, Label: &label}}
		if snap.summary.Synthetic > 0 {
			f.Properties.Note = l.T("outline.demo_note")
		}
		out = append(out, f)
	}
	b, err := json.Marshal(outlinesDoc{Type: "FeatureCollection", Features: out})
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "application/geo+json", b)
	return nil
}

// labelPoint is where an outline's name is written: its centroid when that
// lies inside, else the point of a 24 × 24 grid over its bounds that lies
// inside and farthest from the edge (a kecamatan can be crescent-shaped,
// with its centroid in the neighbour). Planar degrees: fine for placing a
// label.
func labelPoint(g orb.Geometry) orb.Point {
	c, _ := planar.CentroidArea(g)
	var polys orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		polys = g
	default:
		return c
	}
	if planar.MultiPolygonContains(polys, c) {
		return c
	}
	b := g.Bound()
	best, bestD := c, -1.0
	const n = 24
	for i := 0; i <= n; i++ {
		for j := 0; j <= n; j++ {
			p := orb.Point{b.Min[0] + (b.Max[0]-b.Min[0])*float64(i)/n, b.Min[1] + (b.Max[1]-b.Min[1])*float64(j)/n}
			if !planar.MultiPolygonContains(polys, p) {
				continue
			}
			d := math.Inf(1)
			for _, poly := range polys {
				for _, ring := range poly {
					d = math.Min(d, planar.DistanceFromSegment(ring[0], ring[0], p))
					for k := 1; k < len(ring); k++ {
						d = math.Min(d, planar.DistanceFromSegment(ring[k-1], ring[k], p))
					}
				}
			}
			if d > bestD {
				best, bestD = p, d
			}
		}
	}
	return best
}
