package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // photo sizes
	_ "image/png"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// The field survey (/lapangan/): a page built for a phone, installable as
// a PWA from this server. It keeps the page (service worker), the rule
// table and the office's ruas with their geometry (IndexedDB) so that a
// whole ruas can be walked without signal; units queue on the phone and
// sync here as draft surveys when a network returns (field.js).

// fieldPath is the page and the service worker's scope: a worker served
// at /lapangan/sw.js controls the pages under /lapangan/ only.
const fieldPath = "/lapangan/"

// fieldPage is the phone page.
type fieldPage struct {
	Base
	Groups   []fieldGroup
	Msgs     map[string]string
	Colors   map[roads.Kondisi]string
	Manifest string
}

// fieldGroup is one question of the RCS form: radio choices.
type fieldGroup struct {
	Name    string
	Legend  string
	Options []fieldOption
}

type fieldOption struct {
	Value string
	Label string
}

// fieldJSMessages are the catalogue keys field.js shows.
var fieldJSMessages = []string{"lap.online", "lap.offline", "lap.syncing", "lap.synced", "lap.sync_failed", "lap.signin_again",
	"lap.reload_online", "lap.queue", "lap.no_ruas", "lap.loaded", "lap.distance", "lap.no_gps", "lap.incomplete",
	"lap.unit_saved", "lap.last_unit", "lap.state.draft", "lap.state.queued", "lap.state.stored", "lap.state.conflict",
	"lap.state.refused", "lap.state.discarded", "lap.mine", "lap.server", "lap.keep_mine", "lap.keep_server",
	"lap.photos_waiting", "lap.gps_sta", "lap.unit", "lap.photo", "lap.remove_photo",
	"kondisi.baik", "kondisi.sedang", "kondisi.rusak_ringan", "kondisi.rusak_berat"}

// classLabel words an RCS class choice: "tidak ada", "< 10 %", "10–30 %", "> 30 %".
func classLabel(l Locale, c roads.FieldClass, unit string) string {
	switch {
	case c.None:
		return l.T("rcs.none")
	case c.Open:
		return "> " + l.Num(c.Lower, -1) + " " + unit
	case c.Lower == 0:
		return "< " + l.Num(c.Upper, -1) + " " + unit
	}
	return l.Num(c.Lower, -1) + "–" + l.Num(c.Upper, -1) + " " + unit
}

func (s *Server) fieldShow(c *gin.Context) error {
	l := localeOf(c)
	rules, err := roads.ConditionRules("")
	if err != nil {
		return err
	}
	fc := roads.FieldClassesOf(rules)
	p := fieldPage{Base: s.base(c, l, "field"), Msgs: map[string]string{}, Colors: kondisiColors, Manifest: fieldPath + "manifest.webmanifest"}
	p.Title = l.T("lap.title")
	for _, k := range fieldJSMessages {
		p.Msgs[k] = l.T(k)
	}
	codes := func(item string) fieldGroup {
		g := fieldGroup{Name: item, Legend: l.T("rcs." + item)}
		for _, code := range roads.FieldCodes[item] {
			g.Options = append(g.Options, fieldOption{Value: code, Label: l.T("rcs." + item + "." + code)})
		}
		return g
	}
	classes := func(item string, cs []roads.FieldClass, unit string) fieldGroup {
		g := fieldGroup{Name: item, Legend: l.T("rcs." + item)}
		for _, cl := range cs {
			g.Options = append(g.Options, fieldOption{Value: strconv.Itoa(cl.Code), Label: classLabel(l, cl, unit)})
		}
		return g
	}
	p.Groups = []fieldGroup{codes("surface"), codes("crack_type"), classes("crack_area", fc.CrackArea, "%"), classes("crack_width", fc.CrackWidth, "mm"),
		codes("pothole_size"), classes("rut", fc.Rut, "cm"), classes("patching", fc.Patching, "%"), codes("edge_break"), codes("shoulder"), codes("drainage")}
	b, err := s.renderNamed("field", "field_page", p)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", b)
	return nil
}

// renderNamed executes one named template of a page file, without the layout.
func (s *Server) renderNamed(page, name string, data any) ([]byte, error) {
	t, ok := s.pages[page]
	if !ok {
		return nil, fmt.Errorf("no template %s", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fieldShell are the static files the service worker keeps for offline use.
var fieldShell = []string{"field/field.js", "field/field.css", "field/icon-192.png", "field/icon-512.png"}

// fieldWorker serves the service worker: the shell's hashed URLs and a
// version naming them, then static/field/sw.js. A new release changes the
// version, so phones drop the old cache.
func (s *Server) fieldWorker(c *gin.Context) error {
	src, err := staticFS.ReadFile("static/field/sw.js")
	if err != nil {
		return err
	}
	var urls []string
	for _, n := range fieldShell {
		urls = append(urls, staticAssets.url(n))
	}
	urls = append(urls, fieldPath+"manifest.webmanifest")
	list, _ := json.Marshal(urls)
	h := sha256.Sum256(append(list, src...))
	var b bytes.Buffer
	fmt.Fprintf(&b, "var VERSION = %q, PAGE = %q, SHELL = %s;\n", hex.EncodeToString(h[:6]), fieldPath, list)
	b.Write(src)
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/javascript; charset=utf-8", b.Bytes())
	return nil
}

// fieldManifest is the web app manifest that makes the page installable.
func (s *Server) fieldManifest(c *gin.Context) error {
	l := localeOf(c)
	m := map[string]any{
		"name": l.T("lap.title") + " · " + l.T("app.name"), "short_name": l.T("lap.short"),
		"start_url": fieldPath, "scope": fieldPath, "display": "standalone", "orientation": "portrait",
		"background_color": "#ffffff", "theme_color": "#1d4e89", "lang": string(l.Lang),
		"icons": []map[string]string{
			{"src": staticAssets.url("field/icon-192.png"), "sizes": "192x192", "type": "image/png"},
			{"src": staticAssets.url("field/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
		},
	}
	c.Header("Cache-Control", "no-cache")
	c.Header("Content-Type", "application/manifest+json")
	return json.NewEncoder(c.Writer).Encode(m)
}

// fieldFormDoc is what the phone needs to compute a unit's SDI exactly as
// the server will: the rule table itself and the RCS classes derived from it.
type fieldFormDoc struct {
	Rules   *roads.Rules        `json:"rules"`
	Classes roads.FieldClasses  `json:"classes"`
	Codes   map[string][]string `json:"codes"`
}

func (s *Server) fieldFormAPI(c *gin.Context) error {
	rules, err := roads.ConditionRules("")
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, fieldFormDoc{Rules: rules, Classes: roads.FieldClassesOf(rules), Codes: roads.FieldCodes})
	return nil
}

// fieldRuasDoc is one ruas as the phone keeps it offline.
type fieldRuasDoc struct {
	ID          int64          `json:"id"`
	Key         string         `json:"key"`
	Name        string         `json:"name"`
	Kecamatan   string         `json:"kecamatan"`
	LengthM     float64        `json:"length_m"`      // the length STA runs over (official, else geometry)
	GeomLengthM float64        `json:"geom_length_m"` // of the geometry below
	Lines       [][][2]float64 `json:"lines"`         // lon, lat; one array per part
	// KnownSurveyID is the newest survey id of the ruas now; the phone
	// sends it back with its units (a survey after it is newer).
	KnownSurveyID int64 `json:"known_survey_id"`
}

type fieldRuasListDoc struct {
	Ruas      []fieldRuasDoc `json:"ruas"`
	Kecamatan []choice       `json:"kecamatan"`
	Area      string         `json:"area"`
}

func roundCoord(v float64) float64 { return math.Round(v*1e6) / 1e6 } // ≈ 0.1 m

func (s *Server) fieldRuasAPI(c *gin.Context) error {
	ctx := c.Request.Context()
	area := strings.TrimSpace(c.Query("kecamatan"))
	rs, err := s.store.ListRuas(ctx, roads.RuasFilter{})
	if err != nil {
		return err
	}
	newest, err := s.store.FieldNewestSurveys(ctx)
	if err != nil {
		return err
	}
	out := fieldRuasListDoc{Ruas: []fieldRuasDoc{}, Area: area}
	seen := map[string]bool{}
	for _, r := range rs {
		if r.KecamatanCode != "" && !seen[r.KecamatanCode] {
			seen[r.KecamatanCode] = true
			out.Kecamatan = append(out.Kecamatan, choice{Code: r.KecamatanCode, Label: r.Kecamatan})
		}
		if area != "" && r.KecamatanCode != area {
			continue
		}
		d := fieldRuasDoc{ID: r.ID, Key: r.Key.String(), Name: r.Name, Kecamatan: r.Kecamatan, LengthM: r.Length(), GeomLengthM: r.GeomLengthM,
			KnownSurveyID: newest[r.ID], Lines: [][][2]float64{}}
		var parts []orb.LineString
		switch g := r.Geometry.(type) {
		case orb.LineString:
			parts = []orb.LineString{g}
		case orb.MultiLineString:
			parts = g
		}
		for _, ls := range parts {
			line := make([][2]float64, len(ls))
			for i, p := range ls {
				line[i] = [2]float64{roundCoord(p[0]), roundCoord(p[1])}
			}
			d.Lines = append(d.Lines, line)
		}
		out.Ruas = append(out.Ruas, d)
	}
	sort.Slice(out.Kecamatan, func(i, j int) bool { return out.Kecamatan[i].Code < out.Kecamatan[j].Code })
	c.JSON(http.StatusOK, out)
	return nil
}

// fieldSyncInput is the body of POST /api/v1/field/sync.
type fieldSyncInput struct {
	Device string           `json:"device"`
	Units  []fieldUnitInput `json:"units"`
}

type fieldUnitInput struct {
	ID            string          `json:"id"`
	RuasID        int64           `json:"ruas_id"`
	Date          string          `json:"date"`
	StaFromM      float64         `json:"sta_from_m"`
	StaToM        float64         `json:"sta_to_m"`
	KnownSurveyID int64           `json:"known_survey_id"`
	Form          roads.FieldForm `json:"form"`
	// The phone's own SDI and class, kept for the record; the server derives its own.
	SDI     *float64 `json:"sdi,omitempty"`
	Kondisi string   `json:"kondisi,omitempty"`
}

type fieldSyncDoc struct {
	Results []roads.FieldOutcome `json:"results"`
}

// maxFieldUnits bounds one sync (the phone sends in batches of 50).
const maxFieldUnits = 500

func (s *Server) fieldSyncAPI(c *gin.Context) error {
	l := localeOf(c)
	var in fieldSyncInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	if len(in.Units) > maxFieldUnits {
		return badInput(roads.FieldError{Field: "units", Value: itoa(len(in.Units)), Message: l.T("err.units_many", maxFieldUnits)})
	}
	var units []*roads.FieldUnit
	var pre []roads.FieldOutcome // problems found before the store
	for _, u := range in.Units {
		d, err := time.Parse("2006-01-02", u.Date)
		if err != nil {
			pre = append(pre, roads.FieldOutcome{ClientID: u.ID, State: roads.FieldRefused,
				Errors: []roads.FieldError{{Field: "date", Value: u.Date, Message: l.FieldMessage(roads.FieldError{Field: "date", Message: "write the date as YYYY-MM-DD"})}}})
			continue
		}
		units = append(units, &roads.FieldUnit{ClientID: u.ID, RuasID: u.RuasID, Date: d, StaFromM: u.StaFromM, StaToM: u.StaToM,
			KnownSurveyID: u.KnownSurveyID, Form: u.Form, Device: in.Device, Account: actorName(c)})
	}
	res, err := s.store.SyncField(c.Request.Context(), units)
	if err != nil {
		return err
	}
	res = append(pre, res...)
	for i := range res {
		for j, fe := range res[i].Errors {
			res[i].Errors[j].Message = l.FieldMessage(fe)
		}
	}
	c.JSON(http.StatusOK, fieldSyncDoc{Results: res})
	return nil
}

// fieldPhotoDoc is a stored photo.
type fieldPhotoDoc struct {
	ID          string    `json:"id"`
	Unit        string    `json:"unit"`
	Created     bool      `json:"created"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	Width       int       `json:"width"`
	Height      int       `json:"height"`
	Lat         *float64  `json:"lat,omitempty"`
	Lon         *float64  `json:"lon,omitempty"`
	TakenAt     time.Time `json:"taken_at"`
}

// fieldPhotoAPI stores one photo of a synced unit (multipart: id, unit,
// lat, lon, taken_at, file). Its type is found from its bytes, never from
// what the phone says: JPEG, PNG or WebP, at most roads.MaxPhotoBytes.
func (s *Server) fieldPhotoAPI(c *gin.Context) error {
	l := localeOf(c)
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, roads.MaxPhotoBytes+64<<10)
	f, _, err := c.Request.FormFile("file")
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return worded("photo", []roads.FieldError{{Field: "file", Message: l.T("lap.err.photo_big", roads.MaxPhotoBytes>>20)}})
		}
		return badInput(roads.FieldError{Field: "file", Message: l.T("lap.err.photo_none")})
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, roads.MaxPhotoBytes+1))
	if err != nil {
		return badInput(roads.FieldError{Field: "file", Message: l.T("lap.err.photo_none")})
	}
	if len(data) > roads.MaxPhotoBytes {
		return worded("photo", []roads.FieldError{{Field: "file", Value: itoa(len(data)), Message: l.T("lap.err.photo_big", roads.MaxPhotoBytes>>20)}})
	}
	ct := http.DetectContentType(data)
	p := &roads.FieldPhoto{ClientID: c.PostForm("id"), UnitID: c.PostForm("unit"), ContentType: ct, Data: data, Account: actorName(c)}
	ok := false
	for _, t := range roads.PhotoTypes {
		ok = ok || t == ct
	}
	if !ok {
		return worded("photo", []roads.FieldError{{Field: "file", Value: ct, Message: l.T("lap.err.photo_type")}})
	}
	if ct != "image/webp" { // the standard library reads JPEG and PNG headers only
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return worded("photo", []roads.FieldError{{Field: "file", Value: ct, Message: l.T("lap.err.photo_broken")}})
		}
		p.Width, p.Height = cfg.Width, cfg.Height
	}
	pf := &fieldProblems{l: l}
	p.Lat, p.Lon = pf.optNum("lat", c.PostForm("lat")), pf.optNum("lon", c.PostForm("lon"))
	if v := c.PostForm("taken_at"); v != "" {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			pf.add("taken_at", v, "lap.err.taken_at")
		}
		p.TakenAt = t
	}
	if err := pf.err(); err != nil {
		return err
	}
	created, err := s.store.AddFieldPhoto(c.Request.Context(), p)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, fieldPhotoDoc{ID: p.ClientID, Unit: p.UnitID, Created: created, ContentType: ct, Size: len(data), Width: p.Width, Height: p.Height,
		Lat: p.Lat, Lon: p.Lon, TakenAt: p.TakenAt})
	return nil
}

// fieldPhotoShow answers a photo's bytes (ruas page, verification queue).
func (s *Server) fieldPhotoShow(c *gin.Context) error {
	p, err := s.store.FieldPhotoData(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "private, max-age=86400")
	c.Data(http.StatusOK, p.ContentType, p.Data)
	return nil
}

// fieldSideDoc is one side of a conflict.
type fieldSideDoc struct {
	SurveyID int64         `json:"survey_id,omitempty"`
	Date     string        `json:"date"`
	StaFromM float64       `json:"sta_from_m"`
	StaToM   float64       `json:"sta_to_m"`
	SDI      *float64      `json:"sdi,omitempty"`
	Kondisi  roads.Kondisi `json:"kondisi"`
	By       string        `json:"by"`
	Verif    string        `json:"verif,omitempty"`
}

type fieldConflictDoc struct {
	ID     string       `json:"id"`
	RuasID int64        `json:"ruas_id"`
	Mine   fieldSideDoc `json:"mine"`
	Server fieldSideDoc `json:"server"`
}

type fieldConflictsDoc struct {
	Conflicts []fieldConflictDoc `json:"conflicts"`
}

func sideOf(v *roads.Survey) fieldSideDoc {
	if v == nil {
		return fieldSideDoc{}
	}
	return fieldSideDoc{SurveyID: v.ID, Date: v.Date.Format("2006-01-02"), StaFromM: v.StaFromM, StaToM: v.StaToM, SDI: v.Assessment.SDI,
		Kondisi: v.Assessment.Kondisi, By: v.Source.User, Verif: string(v.Verif.State)}
}

func (s *Server) fieldConflictsAPI(c *gin.Context) error {
	cs, err := s.store.FieldConflicts(c.Request.Context(), actorName(c))
	if err != nil {
		return err
	}
	out := fieldConflictsDoc{Conflicts: []fieldConflictDoc{}}
	for _, x := range cs {
		d := fieldConflictDoc{ID: x.Unit.ClientID, RuasID: x.Unit.RuasID, Mine: sideOf(x.Mine), Server: sideOf(x.Server)}
		d.Mine.By = x.Unit.Account
		out.Conflicts = append(out.Conflicts, d)
	}
	c.JSON(http.StatusOK, out)
	return nil
}

type fieldResolveInput struct {
	Keep string `json:"keep"` // mine or server
}

func (s *Server) fieldResolveAPI(c *gin.Context) error {
	l := localeOf(c)
	var in fieldResolveInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	if in.Keep != "mine" && in.Keep != "server" {
		return badInput(roads.FieldError{Field: "keep", Value: in.Keep, Message: l.T("lap.err.keep")})
	}
	o, err := s.store.ResolveFieldConflict(c.Request.Context(), c.Param("id"), actorName(c), in.Keep == "mine")
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, o)
	return nil
}

// photoRef is a photo as a page links it.
type photoRef struct {
	URL     string
	Label   string
	TakenAt time.Time
}

// surveyPhotoRefs are the photos of the given surveys for a page, by survey id.
func (s *Server) surveyPhotoRefs(c *gin.Context, l Locale, ids []int64) (map[int64][]photoRef, error) {
	ps, err := s.store.SurveyPhotos(c.Request.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := map[int64][]photoRef{}
	for id, list := range ps {
		for i, p := range list {
			lbl := l.T("lap.photo_of", i+1, l.DateTime(p.TakenAt))
			if p.Lat != nil && p.Lon != nil {
				lbl += fmt.Sprintf(" · %.5f, %.5f", *p.Lat, *p.Lon)
			}
			out[id] = append(out[id], photoRef{URL: fieldPath + "foto/" + p.ClientID, Label: lbl, TakenAt: p.TakenAt})
		}
	}
	return out, nil
}

// surveyFieldNotes words the RCS items of field-surveyed units that the
// survey row does not hold (surface, crack type, patching, edge break,
// shoulder, drainage, note), by survey id, for the ruas page.
func (s *Server) surveyFieldNotes(c *gin.Context, l Locale, ids []int64) (map[int64]string, error) {
	forms, err := s.store.FieldForms(c.Request.Context(), ids)
	if err != nil {
		return nil, err
	}
	rules, err := roads.ConditionRules("")
	if err != nil {
		return nil, err
	}
	patching := roads.FieldClassesOf(rules).Patching
	out := map[int64]string{}
	for id, f := range forms {
		var parts []string
		word := func(item, code string) {
			if code != "" {
				parts = append(parts, l.T("rcs."+item)+": "+l.T("rcs."+item+"."+code))
			}
		}
		word("surface", f.Surface)
		word("crack_type", f.CrackType)
		word("pothole_size", f.PotholeSize)
		if f.Patching != nil && *f.Patching >= 0 && *f.Patching < len(patching) {
			parts = append(parts, l.T("rcs.patching")+": "+classLabel(l, patching[*f.Patching], "%"))
		}
		word("edge_break", f.EdgeBreak)
		word("shoulder", f.Shoulder)
		word("drainage", f.Drainage)
		if f.Note != "" {
			parts = append(parts, f.Note)
		}
		out[id] = strings.Join(parts, " · ")
	}
	return out, nil
}
