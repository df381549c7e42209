package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/kotablitar/ruas/data"
)

// demoOutlines are the kecamatan outlines shipped for the synthetic demo
// network (data/demo/kecamatan.geojson): coarse and shrunk, so they are
// drawn only under a network that is itself synthetic, never as a
// boundary map of real roads.
var demoOutlines = sync.OnceValues(func() ([]*geojson.Feature, error) {
	b, err := data.Demo.ReadFile("demo/kecamatan.geojson")
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, err
	}
	var out []*geojson.Feature
	for _, f := range fc.Features {
		if f.Properties.MustString("kind", "") == "kecamatan" {
			out = append(out, f)
		}
	}
	return out, nil
})

// outlineFeature is one outline of the offline basemap.
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

// outlinesAPI is the offline basemap: the office's boundary and the
// register's kecamatan outlines with a point to write each name at, as a
// GeoJSON FeatureCollection drawn under the roads. The register keeps
// per-kecamatan outlines only for the synthetic demo network; otherwise
// the office boundary is all there is (an empty collection before the
// office sets one).
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
	if snap.summary.Synthetic > 0 && office.Region != "" {
		fs, err := demoOutlines()
		if err != nil {
			return err
		}
		for _, f := range fs {
			code := f.Properties.MustString("kode", "")
			if !strings.HasPrefix(code, office.Region+".") {
				continue
			}
			label, _ := planar.CentroidArea(f.Geometry)
			out = append(out, outlineFeature{Type: "Feature", Geometry: geojson.NewGeometry(f.Geometry),
				Properties: outlineProps{Kind: "kecamatan", Code: code, Name: f.Properties.MustString("nama", ""), Label: &label,
					Note: l.T("outline.demo_note")}})
		}
	}
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": out})
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "application/geo+json", b)
	return nil
}
