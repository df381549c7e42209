package web

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// geomEditorScripts draw and edit a centre line on the ruas form and show
// a track's preview: Leaflet, the vendored leaflet-draw plugin, and the
// page's own wiring (no inline script: the content policy forbids it).
var geomEditorScripts = []string{"/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet-draw/leaflet.draw.js", "/static/outlines.js", "/static/ruas_edit.js"}

// geomEditor is what the map editor of one ruas needs.
type geomEditor struct {
	// Bound frames the map: [minLon, minLat, maxLon, maxLat].
	Bound [4]float64
	// Self is the ruas being edited (0 for a new one); its own line is not
	// a neighbour to snap to.
	Self    int64
	SnapM   float64 // ends within this many metres of a neighbour's end join it
	MaxZoom int
	Tiles   string
	// ReadOnly shows the line without the drawing tools (a track's preview).
	ReadOnly bool
}

// geomEditorFor frames the editor on the network (or the office's
// boundary) the way the map page does.
func (s *Server) geomEditorFor(ctx context.Context, l Locale, self int64) geomEditor {
	e := geomEditor{Self: self, SnapM: roads.SnapM, MaxZoom: maxZoom, Tiles: s.tiles}
	p := mapPage{}
	if snap, err := s.snaps.current(ctx); err == nil {
		p = s.mapSettings(l, s.officeOf(ctx), snap, p)
	}
	e.Bound = p.Bound
	return e
}

// snapToNeighbours joins the ends of r's geometry to the ends of other
// ruas within roads.SnapM metres, on the server, so a line saved without
// the browser's snapping (no JavaScript, the API, a track) meets its
// neighbours too. A geometry equal to prev (the stored one, on an edit
// that did not touch the line) is left as it is, so editing a name never
// moves a road.
func (s *Server) snapToNeighbours(ctx context.Context, r *roads.Ruas, prev orb.Geometry) error {
	if r.Geometry == nil || (prev != nil && orb.Equal(r.Geometry, prev)) {
		return nil
	}
	snap, err := s.snaps.current(ctx)
	if err != nil {
		return err
	}
	var ends []orb.Point
	for id, e := range snap.entries {
		if id != r.ID && e.r.Geometry != nil {
			ends = append(ends, roads.Ends(e.r.Geometry)...)
		}
	}
	r.Geometry, _ = roads.SnapEnds(r.Geometry, ends, roads.SnapM)
	return nil
}

// editorView is the geom-editor template's data: the editor, the reader's
// locale, and the CSS selector of the field that holds the GeoJSON.
type editorView struct {
	L      Locale
	E      geomEditor
	Target string
}

func init() {
	funcs["editorOf"] = func(l Locale, e geomEditor, target string) editorView {
		return editorView{L: l, E: e, Target: target}
	}
}

// DrawLocal words leaflet-draw's toolbar and tooltips in the reader's
// language; ruas_edit.js merges it into L.drawLocal (same shape).
func (v editorView) DrawLocal() map[string]any {
	t := v.L.T
	pair := func(key string) map[string]string {
		return map[string]string{"title": t(key + "_title"), "text": t(key)}
	}
	return map[string]any{
		"draw": map[string]any{
			"toolbar": map[string]any{
				"actions": pair("draw.cancel"), "finish": pair("draw.finish"), "undo": pair("draw.undo"),
				"buttons": map[string]string{"polyline": t("draw.polyline")},
			},
			"handlers": map[string]any{"polyline": map[string]any{
				"error":   t("draw.error"),
				"tooltip": map[string]string{"start": t("draw.start"), "cont": t("draw.cont"), "end": t("draw.end")},
			}},
		},
		"edit": map[string]any{
			"toolbar": map[string]any{
				"actions": map[string]any{"save": pair("draw.save"), "cancel": pair("draw.cancel"), "clearAll": pair("draw.clear")},
				"buttons": map[string]string{"edit": t("draw.edit"), "editDisabled": t("draw.edit_none"), "remove": t("draw.remove"), "removeDisabled": t("draw.remove_none")},
			},
			"handlers": map[string]any{
				"edit":   map[string]any{"tooltip": map[string]string{"text": t("draw.edit_tip"), "subtext": t("draw.edit_sub")}},
				"remove": map[string]any{"tooltip": map[string]string{"text": t("draw.remove_tip")}},
			},
		},
	}
}
