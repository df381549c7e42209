package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/track"
)

// trackPage uploads a GPS track for one ruas ("unggah jejak GPS"), shows it
// thinned on a map with its length beside the ruas's stated length, and
// saves it as the ruas's geometry through the ordinary edit path.
type trackPage struct {
	Base
	R      *roads.Ruas
	Errors []roads.FieldError
	// The preview, once a file was read.
	Preview    bool
	FileName   string
	PointsIn   int     // points in the file
	PointsKept int     // after Douglas–Peucker
	ToleranceM float64 // its tolerance, m
	LengthM    float64 // of the thinned track, m (haversine)
	StatedM    float64 // the ruas's stated length, m (0 = unknown)
	DiffPct    float64 // (LengthM − StatedM) / StatedM × 100
	Geometry   string  // the thinned track as GeoJSON, posted back to save
	Version    int     // of the ruas when the preview was made
	Editor     geomEditor
	MaxMB      int
	MaxPoints  int
}

func (s *Server) newTrackPage(c *gin.Context, l Locale) (trackPage, error) {
	r, err := s.ruasParam(c, l)
	if err != nil {
		return trackPage{}, err
	}
	p := trackPage{Base: s.base(c, l, "ruas"), R: r, ToleranceM: track.ToleranceM, StatedM: r.LengthM, Version: r.Version,
		MaxMB: track.MaxBytes >> 20, MaxPoints: track.MaxPoints}
	p.Title = l.T("track.title") + " " + r.Key.String()
	p.Editor = s.geomEditorFor(c.Request.Context(), l, r.ID)
	p.Editor.ReadOnly = true
	p.Scripts = geomEditorScripts
	return p, nil
}

func (s *Server) trackShow(c *gin.Context) error {
	l := localeOf(c)
	p, err := s.newTrackPage(c, l)
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "track", p)
	return nil
}

// trackPreview reads the uploaded file (form field "track"), thins it and
// shows it; nothing is stored yet.
func (s *Server) trackPreview(c *gin.Context) error {
	l := localeOf(c)
	p, err := s.newTrackPage(c, l)
	if err != nil {
		return err
	}
	fail := func(fe roads.FieldError) error {
		p.Errors = []roads.FieldError{fe}
		s.render(c, http.StatusUnprocessableEntity, "track", p)
		return nil
	}
	// Bound the body (a signed-in browser's form was bounded by the CSRF
	// check already; an API token's was not).
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, track.MaxBytes+1<<20)
	fh, err := c.FormFile("track")
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fail(roads.FieldError{Field: "track", Message: l.T("track.too_big", l.Int(track.MaxBytes>>20))})
	}
	if err != nil {
		return fail(roads.FieldError{Field: "track", Message: l.T("track.no_file")})
	}
	p.FileName = fh.Filename
	if fh.Size > track.MaxBytes {
		return fail(roads.FieldError{Field: "track", Value: fh.Filename, Message: l.T("track.too_big", l.Int(track.MaxBytes>>20))})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	ml, err := track.Read(f)
	if err != nil {
		return fail(roads.FieldError{Field: "track", Value: fh.Filename, Message: trackMessage(l, err)})
	}
	thin := track.Simplify(ml, track.ToleranceM)
	for _, ln := range ml {
		p.PointsIn += len(ln)
	}
	for _, ln := range thin {
		p.PointsKept += len(ln)
	}
	var g orb.Geometry = thin
	if len(thin) == 1 {
		g = thin[0]
	}
	p.LengthM = roads.GeodesicLength(g)
	if p.StatedM > 0 {
		p.DiffPct = (p.LengthM - p.StatedM) / p.StatedM * 100
	}
	b, err := json.Marshal(geojson.NewGeometry(g))
	if err != nil {
		return err
	}
	p.Geometry, p.Preview = string(b), true
	s.render(c, http.StatusOK, "track", p)
	return nil
}

// trackSave stores the previewed track (form: geometry, version) as the
// ruas's geometry: the ruas's other fields as they stand, through
// updateRuas, so the version check, the snapping of ends, the audit trail
// and the return to draft all apply as for the edit form.
func (s *Server) trackSave(c *gin.Context) error {
	l := localeOf(c)
	p, err := s.newTrackPage(c, l)
	if err != nil {
		return err
	}
	vals := ruasFormValues(p.R, l)
	vals["geometry"] = c.PostForm("geometry")
	vals["version"] = c.PostForm("version")
	in, _, err := ruasFormInput(l, func(k string) string { return vals[k] })
	in.User = actorName(c)
	if err == nil {
		err = s.updateRuas(c, l, p.R.ID, in)
	}
	if err != nil {
		var ce *roads.ConflictError
		if errors.As(err, &ce) {
			err = badInput(roads.FieldError{Field: "version", Value: vals["version"], Message: l.T("err.stale", ce.Current.Version, in.Version)})
		}
		return s.formFailed(c, l, err, "track", &p, &p.Errors)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=ruas", p.R.ID))
	return nil
}

// trackMessage words a track file problem for the reader.
func trackMessage(l Locale, err error) string {
	var te *track.Error
	if !errors.As(err, &te) {
		return l.T("track.unreadable", err.Error())
	}
	switch te.Code {
	case track.ErrTooBig:
		return l.T("track.too_big", l.Int(track.MaxBytes>>20))
	case track.ErrTooMany:
		return l.T("track.too_many", l.Int(track.MaxPoints))
	case track.ErrCoord:
		n, _ := te.Args[0].(int)
		return l.T("track.coord", l.Int(n), fmt.Sprint(te.Args[1]), fmt.Sprint(te.Args[2]))
	case track.ErrSyntax, track.ErrGeomType:
		return l.T("track."+te.Code, fmt.Sprint(te.Args...))
	}
	return l.T("track." + te.Code)
}

// pctText is a signed percentage for the preview ("+3,2 %").
func pctText(l Locale, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	sign := ""
	if v > 0 {
		sign = "+"
	}
	return sign + l.Num(v, 1) + " %"
}

func init() {
	funcs["signedPct"] = pctText
}
