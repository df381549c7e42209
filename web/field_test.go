package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// rcsUnit is one unit of the RCS form as a test enters it: class codes
// as the form numbers them (0 = none, then the Bina Marga bands upward).
type rcsUnit struct {
	from, to                   float64
	area, width, potholes, rut int
}

// wantSDI is the SDI of a unit by the Bina Marga table in DOMAIN.md §3.1,
// worked out here without the code under test: crack area none/<10/10–30/>30 %
// scores 0/5/20/40; a crack wider than 3 mm (the top width class) doubles
// it; potholes per km (counted over at least 100 m) add 0 (none), 15
// (< 10), 75 (10–50), 225 (> 50); rut none/<1/1–3/>3 cm adds 0/2.5/10/20.
func wantSDI(u rcsUnit) float64 {
	sdi := []float64{0, 5, 20, 40}[u.area]
	if u.width == 3 {
		sdi *= 2
	}
	over := u.to - u.from
	if over < 100 {
		over = 100
	}
	perKM := float64(u.potholes) / over * 1000
	switch {
	case perKM == 0:
	case perKM < 10:
		sdi += 15
	case perKM <= 50:
		sdi += 75
	default:
		sdi += 225
	}
	return sdi + []float64{0, 2.5, 10, 20}[u.rut]
}

// wantClass is the class of an SDI by DOMAIN.md §3.2 (bounds in the better class).
func wantClass(sdi float64) roads.Kondisi {
	switch {
	case sdi <= 50:
		return roads.Baik
	case sdi <= 100:
		return roads.Sedang
	case sdi <= 150:
		return roads.RusakRingan
	}
	return roads.RusakBerat
}

func unitJSON(id string, ruasID int64, date string, known int64, u rcsUnit) map[string]any {
	return map[string]any{"id": id, "ruas_id": ruasID, "date": date, "sta_from_m": u.from, "sta_to_m": u.to, "known_survey_id": known,
		"form": map[string]any{"surface": "aspal", "crack_type": "acak", "crack_area": u.area, "crack_width": u.width, "potholes": u.potholes, "rut": u.rut,
			"drainage": "tersumbat", "lat": -8.1, "lon": 112.18}}
}

func (a *testApp) fieldSync(t *testing.T, device string, units ...map[string]any) []roads.FieldOutcome {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"device": device, "units": units})
	status, body := a.as(roads.RoleProdusen).postJSON(t, "POST", "/api/v1/field/sync", string(b))
	if status != http.StatusOK {
		t.Fatalf("sync: %d %s", status, body)
	}
	var doc fieldSyncDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Results
}

// TestFieldSync: units synced from a phone become draft surveys by the
// engineer with the SDI of the Bina Marga table; the audit names the
// device; a retried sync (same unit ids) stores nothing twice; an invalid
// unit is refused with a message and stores nothing.
func TestFieldSync(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	r := rs[2] // never surveyed, 300 m
	ctx := context.Background()
	units := []rcsUnit{{0, 100, 1, 1, 0, 0}, {100, 200, 2, 3, 1, 2}, {200, 300, 3, 3, 6, 3}}
	var wire []map[string]any
	for i, u := range units {
		wire = append(wire, unitJSON(fmt.Sprintf("unit-0000-%04d", i), r.ID, "2026-11-20", 0, u))
	}
	const device = "phone-aaaa-bbbb"
	res := a.fieldSync(t, device, wire...)
	again := a.fieldSync(t, device, wire...)
	vs, err := a.store.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(units) {
		t.Fatalf("%d surveys after a sync and its retry, want %d", len(vs), len(units))
	}
	for i, u := range units {
		v := vs[i]
		want := wantSDI(u)
		if res[i].State != roads.FieldStored || res[i].SurveyID != v.ID || again[i].SurveyID != v.ID || !again[i].Repeat {
			t.Errorf("unit %d: first %+v, retry %+v, survey %d", i, res[i], again[i], v.ID)
		}
		if v.StaFromM != u.from || v.StaToM != u.to || v.Assessment.SDI == nil || *v.Assessment.SDI != want || v.Kondisi() != wantClass(want) {
			t.Errorf("unit %d: STA %g–%g SDI %v %s, want %g–%g SDI %g %s", i, v.StaFromM, v.StaToM, v.Assessment.SDI, v.Kondisi(), u.from, u.to, want, wantClass(want))
		}
		if v.Verif.State != roads.Draft || v.Source.User != "produsen" || v.Source.Form != "lapangan:"+device {
			t.Errorf("unit %d: %s by %q from %q, want a draft by produsen from lapangan:%s", i, v.Verif.State, v.Source.User, v.Source.Form, device)
		}
		if res[i].SDI == nil || *res[i].SDI != want {
			t.Errorf("unit %d: sync answered SDI %v, want %g", i, res[i].SDI, want)
		}
	}
	audit, err := a.store.Audit(ctx, roads.AuditFilter{RuasID: r.ID, Entity: "survey", Action: "insert"})
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != len(units) || audit[0].Origin != "lapangan:"+device || audit[0].Actor != "produsen" {
		t.Errorf("audit: %d entries, first %+v; want %d naming lapangan:%s", len(audit), audit, len(units), device)
	}

	// A unit with a class out of range, and one on a deleted ruas: refused, nothing stored.
	bad := unitJSON("unit-bad-00001", r.ID, "2026-11-21", 0, rcsUnit{0, 100, 9, 0, 0, 0})
	gone := unitJSON("unit-bad-00002", 999999, "2026-11-21", 0, rcsUnit{0, 100, 0, 0, 0, 0})
	out := a.fieldSync(t, device, bad, gone)
	for _, o := range out {
		if o.State != roads.FieldRefused || len(o.Errors) == 0 || o.Errors[0].Message == "" {
			t.Errorf("bad unit: %+v, want refused with a message", o)
		}
	}
	if vs2, _ := a.store.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID}); len(vs2) != len(units) {
		t.Errorf("%d surveys after refused units, want %d", len(vs2), len(units))
	}
}

// TestFieldConflict: a unit on a stretch that got a newer survey while the
// phone was away is a conflict, not an overwrite; the engineer sees both
// and decides; "server" keeps the register as it is, "mine" stores the
// unit beside the newer survey, which stays untouched.
func TestFieldConflict(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	r := rs[2]
	ctx := context.Background()
	var ruasDoc fieldRuasListDoc
	if st := a.as(roads.RoleProdusen).getJSON(t, "/api/v1/field/ruas", &ruasDoc); st != 200 {
		t.Fatalf("ruas list: %d", st)
	}
	var known int64 = -1
	for _, d := range ruasDoc.Ruas {
		if d.ID == r.ID {
			known = d.KnownSurveyID
		}
	}
	if known != 0 {
		t.Fatalf("known survey id of an unsurveyed ruas: %d", known)
	}
	// Meanwhile the office records a survey of 0–200 on 25/11 (after the phone took the ruas).
	newer := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 200,
		Distress: &roads.Distress{IRI: fp(5)}, Source: roads.Source{Form: "test", User: "kantor"}}
	if err := a.store.AddSurvey(ctx, newer); err != nil {
		t.Fatal(err)
	}
	u1, u2, u3 := rcsUnit{0, 100, 2, 1, 0, 1}, rcsUnit{100, 200, 0, 0, 0, 0}, rcsUnit{200, 300, 1, 0, 0, 0}
	res := a.fieldSync(t, "phone-cccc-dddd",
		unitJSON("unit-conf-0001", r.ID, "2026-11-20", known, u1), // older date, but the phone did not know the survey: conflict
		unitJSON("unit-conf-0002", r.ID, "2026-11-25", known, u2),
		unitJSON("unit-conf-0003", r.ID, "2026-11-20", known, u3)) // no overlap: stored
	if res[0].State != roads.FieldConflict || res[1].State != roads.FieldConflict || res[0].ConflictWith != newer.ID || res[2].State != roads.FieldStored {
		t.Fatalf("outcomes %+v, want conflict, conflict (with %d), stored", res, newer.ID)
	}
	var cs fieldConflictsDoc
	a.as(roads.RoleProdusen).getJSON(t, "/api/v1/field/conflicts", &cs)
	if len(cs.Conflicts) != 2 || cs.Conflicts[0].Server.SurveyID != newer.ID || cs.Conflicts[0].Mine.SDI == nil || *cs.Conflicts[0].Mine.SDI != wantSDI(u1) ||
		cs.Conflicts[0].Server.Kondisi != roads.Sedang || cs.Conflicts[0].Mine.By != "produsen" {
		t.Fatalf("conflicts: %+v", cs)
	}
	st, b := a.as(roads.RoleProdusen).postJSON(t, "POST", "/api/v1/field/conflicts/unit-conf-0001", `{"keep":"mine"}`)
	if st != 200 {
		t.Fatalf("keep mine: %d %s", st, b)
	}
	st, b = a.as(roads.RoleProdusen).postJSON(t, "POST", "/api/v1/field/conflicts/unit-conf-0002", `{"keep":"server"}`)
	if st != 200 {
		t.Fatalf("keep server: %d %s", st, b)
	}
	st, _ = a.as(roads.RoleProdusen).postJSON(t, "POST", "/api/v1/field/conflicts/unit-conf-0002", `{"keep":"mine"}`)
	if st != http.StatusConflict {
		t.Errorf("deciding a decided unit again: %d, want 409", st)
	}
	vs, _ := a.store.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if len(vs) != 3 {
		t.Fatalf("%d surveys, want the newer one, the unit kept (0–100 on 20/11) and the unit without conflict", len(vs))
	}
	for _, v := range vs {
		if v.ID == newer.ID && (v.Distress.IRI == nil || *v.Distress.IRI != 5 || v.Source.User != "kantor") {
			t.Errorf("the newer survey changed: %+v", v)
		}
	}
	a.as(roads.RoleProdusen).getJSON(t, "/api/v1/field/conflicts", &cs)
	if len(cs.Conflicts) != 0 {
		t.Errorf("%d conflicts left after both were decided", len(cs.Conflicts))
	}
}

func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func (a *testApp) postPhoto(t *testing.T, id, unit, filename string, data []byte) (int, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("id", id)
	mw.WriteField("unit", unit)
	mw.WriteField("lat", "-8.1")
	mw.WriteField("lon", "112.18")
	mw.WriteField("taken_at", "2026-11-20T03:04:05Z")
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(data)
	mw.Close()
	return a.as(roads.RoleProdusen).do(t, "POST", "/api/v1/field/photos", mw.FormDataContentType(), &body)
}

// TestFieldPhotos: a photo is stored with its unit once (a retry answers
// 200, not a second photo), its type comes from its bytes (a GIF or a
// text file named .jpg is refused), an oversized one is refused, one of
// an unknown unit is refused; stored photos show on the ruas page and in
// the walidata's queue, and their bytes come back unchanged.
func TestFieldPhotos(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	r := rs[2]
	res := a.fieldSync(t, "phone-eeee-ffff", unitJSON("unit-photo-001", r.ID, "2026-11-20", 0, rcsUnit{0, 100, 1, 1, 1, 1}))
	if res[0].State != roads.FieldStored {
		t.Fatalf("unit: %+v", res[0])
	}
	pic := jpegBytes(t, 320, 240)
	if st, b := a.postPhoto(t, "photo-0000-0001", "unit-photo-001", "a.jpg", pic); st != http.StatusCreated {
		t.Fatalf("photo: %d %s", st, b)
	}
	if st, b := a.postPhoto(t, "photo-0000-0001", "unit-photo-001", "a.jpg", pic); st != http.StatusOK || !strings.Contains(string(b), `"created":false`) {
		t.Errorf("retried photo: %d %s, want 200 created false", st, b)
	}
	var pngBuf, gifBuf bytes.Buffer
	png.Encode(&pngBuf, image.NewRGBA(image.Rect(0, 0, 8, 8)))
	gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 8, 8), []color.Color{color.Black, color.White}), nil)
	if st, b := a.postPhoto(t, "photo-0000-0002", "unit-photo-001", "b.png", pngBuf.Bytes()); st != http.StatusCreated {
		t.Errorf("png: %d %s", st, b)
	}
	// A WebP is known by its RIFF header ("RIFF", size, "WEBPVP8"), whatever the file is called.
	webp := append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 40)...)
	if st, b := a.postPhoto(t, "photo-0000-0004", "unit-photo-001", "c.bin", webp); st != http.StatusCreated || !strings.Contains(string(b), `"content_type":"image/webp"`) {
		t.Errorf("webp: %d %s", st, b)
	}
	for name, data := range map[string][]byte{"gif": gifBuf.Bytes(), "text": []byte("not a picture at all, just words"), "big": append(append([]byte{}, pic...), make([]byte, roads.MaxPhotoBytes)...)} {
		st, b := a.postPhoto(t, "photo-bad-"+name+"-01", "unit-photo-001", "x.jpg", data)
		if st < 400 || st >= 500 || !strings.Contains(string(b), `"message"`) {
			t.Errorf("%s photo: %d %s, want a 4xx with a message", name, st, truncate(string(b), 200))
		}
	}
	if st, _ := a.postPhoto(t, "photo-0000-0003", "unit-nowhere-01", "a.jpg", pic); st != http.StatusNotFound {
		t.Errorf("photo of an unknown unit: %d, want 404", st)
	}
	ps, err := a.store.SurveyPhotos(context.Background(), []int64{res[0].SurveyID})
	if err != nil {
		t.Fatal(err)
	}
	if got := ps[res[0].SurveyID]; len(got) != 3 || got[0].ContentType != "image/jpeg" || got[0].Width != 320 || got[0].Lat == nil || *got[0].Lat != -8.1 {
		t.Fatalf("stored photos: %+v", got)
	}
	st, b := a.as(roads.RoleWalidata).do(t, "GET", "/lapangan/foto/photo-0000-0001", "", nil)
	if st != 200 || !bytes.Equal(b, pic) {
		t.Errorf("photo bytes: %d, %d bytes, want the %d sent", st, len(b), len(pic))
	}
	for _, path := range []string{fmt.Sprintf("/ruas/%d", r.ID), "/verifikasi"} {
		role := roads.RoleProdusen
		if path == "/verifikasi" {
			role = roads.RoleWalidata
		}
		st, b := a.as(role).do(t, "GET", path, "", nil)
		if st != 200 || !strings.Contains(string(b), `src="/lapangan/foto/photo-0000-0001"`) {
			t.Errorf("%s: %d, no photo shown", path, st)
		}
		if path != "/verifikasi" && !strings.Contains(string(b), "Jenis retak: Acak · Saluran samping: Tersumbat") {
			t.Errorf("%s: the RCS items entered on the phone are not shown", path)
		}
	}
}

// TestFieldClasses: every class choice of the phone's form stands for a
// value inside its own band of the rule table, so the class the inspector
// ticks is the band the server scores.
func TestFieldClasses(t *testing.T) {
	for _, v := range roads.RuleVersions() {
		r, err := roads.ConditionRules(v)
		if err != nil {
			t.Fatal(err)
		}
		fc := roads.FieldClassesOf(r)
		for name, c := range map[string]struct {
			classes []roads.FieldClass
			bands   []roads.Band
		}{"crack_area": {fc.CrackArea, r.CrackArea}, "rut": {fc.Rut, r.RutAdd}} {
			if len(c.classes) != len(c.bands) {
				t.Fatalf("%s %s: %d classes for %d bands", v, name, len(c.classes), len(c.bands))
			}
			for i, cl := range c.classes {
				// The band holding the value: the first whose upper bound is above it (or equal, inclusive).
				got := len(c.bands) - 1
				for j, b := range c.bands {
					if b.Upper == nil || cl.Value < *b.Upper || b.Inclusive && cl.Value == *b.Upper {
						got = j
						break
					}
				}
				if got != i {
					t.Errorf("%s %s class %d (value %g) falls in band %d", v, name, i, cl.Value, got)
				}
			}
		}
		top := fc.CrackWidth[len(fc.CrackWidth)-1]
		if !(top.Value > r.WideCrackMM) || fc.CrackWidth[len(fc.CrackWidth)-2].Value > r.WideCrackMM {
			t.Errorf("%s: only the top crack width class may be wider than %g mm: %+v", v, r.WideCrackMM, fc.CrackWidth)
		}
	}
}

// TestFieldInstallable: the page links a manifest that a phone can install
// from (name, start URL and scope /lapangan/, standalone, 192 and 512 px
// PNG icons that answer), and the service worker names the hashed shell
// files it keeps, each of which answers.
func TestFieldInstallable(t *testing.T) {
	a := newTestApp(t)
	st, page := a.as(roads.RoleProdusen).do(t, "GET", fieldPath, "", nil)
	if st != 200 || !strings.Contains(string(page), `<link rel="manifest" href="/lapangan/manifest.webmanifest">`) {
		t.Fatalf("page: %d, no manifest link", st)
	}
	st, b := a.anonymous().do(t, "GET", fieldPath+"manifest.webmanifest", "", nil)
	var m struct {
		Name     string `json:"name"`
		StartURL string `json:"start_url"`
		Scope    string `json:"scope"`
		Display  string `json:"display"`
		Icons    []struct{ Src, Sizes, Type string }
	}
	json.Unmarshal(b, &m)
	if st != 200 || m.Name == "" || m.StartURL != fieldPath || m.Scope != fieldPath || m.Display != "standalone" || len(m.Icons) != 2 {
		t.Fatalf("manifest: %d %s", st, b)
	}
	for _, ic := range m.Icons {
		st, img := a.anonymous().do(t, "GET", ic.Src, "", nil)
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if st != 200 || err != nil || fmt.Sprintf("%dx%d", cfg.Width, cfg.Height) != ic.Sizes {
			t.Errorf("icon %s: %d, %v, %dx%d, want %s", ic.Src, st, err, cfg.Width, cfg.Height, ic.Sizes)
		}
	}
	st, sw := a.anonymous().do(t, "GET", fieldPath+"sw.js", "", nil)
	if st != 200 {
		t.Fatalf("worker: %d", st)
	}
	for _, name := range fieldShell {
		u := staticAssets.url(name)
		if !strings.Contains(string(sw), `"`+u+`"`) || !strings.Contains(u, ".") || u == "/static/"+name {
			t.Errorf("worker does not keep the hashed %s (%s)", name, u)
		}
		if st, _ := a.anonymous().do(t, "GET", u, "", nil); st != 200 {
			t.Errorf("%s: %d", u, st)
		}
	}
}

// TestFieldRedirects: /lapangan (no slash) leads to the page, and a
// reader not signed in is sent to sign in rather than shown the form.
func TestFieldRedirects(t *testing.T) {
	a := newTestApp(t)
	st, _ := a.as(roads.RoleProdusen).do(t, "GET", "/lapangan", "", nil)
	if st != http.StatusMovedPermanently && st != http.StatusTemporaryRedirect {
		t.Errorf("/lapangan: %d, want a redirect to /lapangan/", st)
	}
	st, b := a.anonymous().do(t, "GET", fieldPath, "", nil)
	if st != http.StatusSeeOther && st != http.StatusFound || strings.Contains(string(b), "unit-form") {
		t.Errorf("anonymous %s: %d", fieldPath, st)
	}
	if st, _ := a.as(roads.RoleWalidata).do(t, "GET", fieldPath, "", nil); st != http.StatusForbidden {
		t.Errorf("walidata on the field page: %d, want 403 (produsen enter surveys)", st)
	}
}

// TestFieldOpenAPIResponses: the field API's answers fit the response
// schemas the document derives from the Go types (as TestOpenAPIResponses
// does for the rest of the API).
func TestFieldOpenAPIResponses(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	r := rs[2]
	newer := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), StaFromM: 0, StaToM: 100,
		Distress: &roads.Distress{IRI: fp(5)}, Source: roads.Source{Form: "test", User: "kantor"}}
	if err := a.store.AddSurvey(context.Background(), newer); err != nil {
		t.Fatal(err)
	}
	sync, _ := json.Marshal(map[string]any{"device": "phone-schema-01", "units": []any{
		unitJSON("unit-schema-001", r.ID, "2026-11-20", 0, rcsUnit{0, 100, 1, 1, 1, 1}),
		unitJSON("unit-schema-002", r.ID, "2026-11-20", 0, rcsUnit{100, 200, 1, 1, 1, 1}),
		unitJSON("unit-schema-003", r.ID, "2026-11-20", 0, rcsUnit{200, 300, 7, 1, 1, 1})}})
	doc := openapiDoc()
	check := func(method, path, route string, want int, b []byte, status int) {
		t.Helper()
		if status != want {
			t.Errorf("%s %s: %d %s", method, path, status, truncate(string(b), 300))
			return
		}
		op, _ := doc["paths"].(obj)[route].(obj)[strings.ToLower(method)].(obj)
		resp, _ := op["responses"].(obj)[fmt.Sprint(want)].(obj)
		var schema obj
		for _, m := range resp["content"].(obj) {
			schema = m.(obj)["schema"].(obj)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		for _, p := range checkSchema(doc, schema, v, "$") {
			t.Errorf("%s %s: %s", method, path, p)
		}
	}
	for _, c := range []struct{ method, path, route, body string }{
		{"GET", "/api/v1/field/form", "/api/v1/field/form", ""},
		{"GET", "/api/v1/field/ruas", "/api/v1/field/ruas", ""},
		{"POST", "/api/v1/field/sync", "/api/v1/field/sync", string(sync)},
		{"GET", "/api/v1/field/conflicts", "/api/v1/field/conflicts", ""},
		{"POST", "/api/v1/field/conflicts/unit-schema-001", "/api/v1/field/conflicts/{id}", `{"keep":"server"}`},
	} {
		st, b := a.as(roads.RoleProdusen).postJSON(t, c.method, c.path, c.body)
		check(c.method, c.path, c.route, 200, b, st)
	}
	st, b := a.postPhoto(t, "photo-schema-01", "unit-schema-002", "a.jpg", jpegBytes(t, 64, 48))
	check("POST", "/api/v1/field/photos", "/api/v1/field/photos", 201, b, st)
}
