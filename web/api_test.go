package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// faultBody is the error body every failing API call returns.
type faultBody struct {
	Error struct {
		Code    string             `json:"code"`
		Message string             `json:"message"`
		Fields  []roads.FieldError `json:"fields"`
		Current *ruasDoc           `json:"current"`
	} `json:"error"`
}

// TestAPIBadInput sends bad input to every endpoint: each answers 4xx with
// the error body, a field-level message naming the field at fault, and
// nothing is stored (the register's snapshot hash does not move).
func TestAPIBadInput(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	id := rs[0].ID
	ruas := func(extra string) string {
		return `{"region":"35.72","no_ruas":"010","name":"Jl. Baru","surface":"aspal","length_m":500` + extra + `}`
	}
	cases := []struct {
		name, method, path, body string
		status                   int
		field                    string
	}{
		{"map without bbox", "GET", "/api/v1/map", "", 400, "bbox"},
		{"map bbox of three numbers", "GET", "/api/v1/map?bbox=1,2,3", "", 400, "bbox"},
		{"map bbox reversed", "GET", "/api/v1/map?bbox=112.2,-8.0,112.1,-8.2", "", 400, "bbox"},
		{"map zoom out of range", "GET", "/api/v1/map?bbox=112.1,-8.2,112.2,-8.0&zoom=-1", "", 400, "zoom"},
		{"map unknown surface", "GET", "/api/v1/map?bbox=112.1,-8.2,112.2,-8.0&surface=emas", "", 400, "surface"},
		{"map unknown kondisi", "GET", "/api/v1/map?bbox=112.1,-8.2,112.2,-8.0&kondisi=hancur", "", 400, "kondisi"},
		{"summary bad year", "GET", "/api/v1/summary?year=dua", "", 400, "year"},
		{"rules unknown version", "GET", "/api/v1/rules/condition?version=nope", "", 404, ""},
		{"list bad sort", "GET", "/api/v1/ruas?sort=warna", "", 400, "sort"},
		{"list bad page", "GET", "/api/v1/ruas?page=0", "", 400, "page"},
		{"list bad status", "GET", "/api/v1/ruas?status=pribadi", "", 400, "status"},
		{"ruas bad id", "GET", "/api/v1/ruas/abc", "", 400, "id"},
		{"ruas missing", "GET", "/api/v1/ruas/9999", "", 404, ""},
		{"create empty body", "POST", "/api/v1/ruas", "", 400, "body"},
		{"create malformed", "POST", "/api/v1/ruas", `{"name":`, 400, "body"},
		{"create width as text", "POST", "/api/v1/ruas", `{"region":"35.72","no_ruas":"010","name":"x","width_m":"lebar"}`, 400, "width_m"},
		{"create unknown field", "POST", "/api/v1/ruas", ruas(`,"warna":"merah"`), 400, "warna"},
		{"create no name", "POST", "/api/v1/ruas", `{"region":"35.72","no_ruas":"010","length_m":500}`, 422, "name"},
		{"create negative width", "POST", "/api/v1/ruas", ruas(`,"width_m":-2`), 422, "width_m"},
		{"create bad surface", "POST", "/api/v1/ruas", `{"region":"35.72","no_ruas":"010","name":"x","surface":"emas","length_m":5}`, 422, "surface"},
		{"create unknown kecamatan", "POST", "/api/v1/ruas", ruas(`,"kecamatan_code":"35.72.09"`), 422, "kecamatan_code"},
		{"create kelurahan outside", "POST", "/api/v1/ruas", ruas(`,"kecamatan_code":"35.72.01","kelurahan_code":"35.72.02.1001"`), 422, "kelurahan_code"},
		{"create geometry point", "POST", "/api/v1/ruas", ruas(`,"geometry":{"type":"Point","coordinates":[112.1,-8.1]}`), 422, "geometry"},
		{"create duplicate key", "POST", "/api/v1/ruas", `{"region":"35.72","no_ruas":"001","name":"Dup","surface":"aspal","length_m":5}`, 409, "key"},
		{"update without version", "PUT", fmt.Sprintf("/api/v1/ruas/%d", id), `{"region":"35.72","no_ruas":"001","name":"x","surface":"aspal","length_m":5}`, 400, "version"},
		{"update stale version", "PUT", fmt.Sprintf("/api/v1/ruas/%d", id), `{"region":"35.72","no_ruas":"001","name":"Stale","surface":"aspal","length_m":5,"version":7}`, 409, "version"},
		{"update invalid", "PUT", fmt.Sprintf("/api/v1/ruas/%d", id), `{"region":"35.72","no_ruas":"001","name":"","surface":"aspal","length_m":5,"version":1}`, 422, "name"},
		{"update missing ruas", "PUT", "/api/v1/ruas/9999", `{"region":"35.72","no_ruas":"001","name":"x","surface":"aspal","length_m":5,"version":1}`, 404, ""},
		{"survey no units", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[]}`, 422, "units"},
		{"survey bad date", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"5 Jan","units":[{"sta_from_m":0,"sta_to_m":100,"iri":3}]}`, 422, "date"},
		{"survey future date", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2999-01-05","units":[{"sta_from_m":0,"sta_to_m":100,"iri":3}]}`, 422, "date"},
		{"survey crack over 100", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":0,"sta_to_m":100,"crack_area_pct":120,"crack_width_mm":1,"potholes":0,"rut_cm":0}]}`, 422, "units.0.crack_area_pct"},
		{"survey incomplete visual", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":0,"sta_to_m":100,"crack_area_pct":5}]}`, 422, "units.0.distress"},
		{"survey nothing measured", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":0,"sta_to_m":100}]}`, 422, "units.0.distress"},
		{"survey reversed sta", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":100,"sta_to_m":0,"iri":3}]}`, 422, "units.0.sta"},
		{"survey beyond ruas", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":900,"sta_to_m":1000,"iri":3}]}`, 422, "units.0.sta_to_m"},
		{"survey second unit bad, first good", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":0,"sta_to_m":100,"iri":3},{"sta_from_m":100,"sta_to_m":200,"iri":45}]}`, 422, "units.1.iri"},
		{"survey repeats stored", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-06-01","units":[{"sta_from_m":0,"sta_to_m":100,"iri":3}]}`, 422, "units.0.sta"},
		{"survey iri as text", "POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":0,"sta_to_m":100,"iri":"tiga"}]}`, 400, "units.iri"},
		{"survey unknown ruas", "POST", "/api/v1/ruas/9999/surveys", `{"date":"2026-01-05","units":[{"sta_from_m":0,"sta_to_m":100,"iri":3}]}`, 404, ""},
		{"works bad type", "POST", fmt.Sprintf("/api/v1/ruas/%d/works", id), `{"date":"2026-01-05","type":"cat ulang","cost_rp":1}`, 422, "type"},
		{"works negative cost", "POST", fmt.Sprintf("/api/v1/ruas/%d/works", id), `{"date":"2026-01-05","type":"berkala","cost_rp":-5}`, 422, "cost_rp"},
		{"works code without version", "POST", fmt.Sprintf("/api/v1/ruas/%d/works", id), `{"date":"2026-01-05","type":"berkala","sub_kegiatan":"1.03.10.2.01.0034"}`, 422, "nomen_version"},
		{"works no date", "POST", fmt.Sprintf("/api/v1/ruas/%d/works", id), `{"type":"berkala"}`, 422, "date"},
		{"traffic no lhr", "POST", fmt.Sprintf("/api/v1/ruas/%d/traffic", id), `{"year":2025}`, 422, "lhr"},
		{"traffic absurd lhr", "POST", fmt.Sprintf("/api/v1/ruas/%d/traffic", id), `{"year":2025,"lhr":9000000}`, 422, "lhr"},
		{"traffic bad year", "POST", fmt.Sprintf("/api/v1/ruas/%d/traffic", id), `{"year":1800,"lhr":100}`, 422, "year"},
		{"assess nothing", "POST", "/api/v1/assess", `{}`, 422, "units.0.distress"},
		{"assess out of range", "POST", "/api/v1/assess", `{"iri":99}`, 422, "units.0.iri"},
		{"plan no budget", "POST", "/api/v1/plans", `{"from_year":2027,"years":5}`, 400, "budgets_rp"},
		{"plan wrong budget count", "POST", "/api/v1/plans", `{"from_year":2027,"years":5,"budgets_rp":[1,2]}`, 400, "budgets_rp"},
		{"plan negative budget", "POST", "/api/v1/plans", `{"from_year":2027,"years":2,"budgets_rp":[-1]}`, 400, "budgets_rp"},
		{"plan unknown method", "POST", "/api/v1/plans", `{"from_year":2027,"years":2,"budgets_rp":[1e9],"method":"undian"}`, 400, "method"},
		{"plan target outside horizon", "POST", "/api/v1/plans", `{"from_year":2027,"years":2,"budgets_rp":[1e9],"target":{"kemantapan_pct":80,"year":2040}}`, 400, "target_year"},
		{"plan bad year", "POST", "/api/v1/plans", `{"from_year":27,"years":2,"budgets_rp":[1e9]}`, 400, "from_year"},
		{"plan missing", "GET", "/api/v1/plans/9999", "", 404, ""},
		{"plan download bad format", "GET", "/api/v1/plans/1/download?format=pdf", "", 400, "format"},
		{"no such api", "GET", "/api/v1/nothing", "", 404, ""},
	}
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, err := a.store.SnapshotHash(ctx)
			if err != nil {
				t.Fatal(err)
			}
			status, b := a.postJSON(t, tc.method, tc.path, tc.body)
			if status != tc.status {
				t.Fatalf("%s %s: status %d, want %d; body %s", tc.method, tc.path, status, tc.status, truncate(string(b), 400))
			}
			var f faultBody
			if err := json.Unmarshal(b, &f); err != nil || f.Error.Code == "" || f.Error.Message == "" || f.Error.Fields == nil {
				t.Fatalf("error body %s: %v", truncate(string(b), 400), err)
			}
			if tc.field != "" {
				found := false
				for _, fe := range f.Error.Fields {
					if fe.Field == tc.field && fe.Message != "" {
						found = true
					}
				}
				if !found {
					t.Errorf("no message for field %q in %+v", tc.field, f.Error.Fields)
				}
			}
			after, err := a.store.SnapshotHash(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if after != before {
				t.Errorf("register changed by a refused request (hash %s → %s)", before, after)
			}
		})
	}
}

// TestAPIMessagesInLanguage: field messages are Indonesian by default and
// English with ?lang=en.
func TestAPIMessagesInLanguage(t *testing.T) {
	a := newTestApp(t)
	for _, tc := range []struct{ lang, want string }{{"", "Lebar harus"}, {"?lang=en", "width must be"}} {
		status, b := a.postJSON(t, "POST", "/api/v1/ruas"+tc.lang, `{"region":"35.72","no_ruas":"010","name":"x","surface":"aspal","length_m":5,"width_m":-1}`)
		if status != 422 || !strings.Contains(string(b), tc.want) {
			t.Errorf("lang %q: %d %s, want a message with %q", tc.lang, status, b, tc.want)
		}
	}
}

// TestAPIRuasLifecycle creates, reads, edits and stale-edits a ruas, then
// records a survey, works and traffic, and reads them back with the evidence.
func TestAPIRuasLifecycle(t *testing.T) {
	a := newTestApp(t)
	status, b := a.postJSON(t, "POST", "/api/v1/ruas", `{"region":"35.72","no_ruas":"010","name":"Jl. Mawar","status":"kota","fungsi":"lokal",
		"surface":"aspal","width_m":5.5,"length_m":250,"kecamatan_code":"35.72.02","kelurahan_code":"35.72.02.1003","user":"sari",
		"geometry":{"type":"LineString","coordinates":[[112.16,-8.1],[112.162,-8.1]]}}`)
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, b)
	}
	var r ruasDoc
	json.Unmarshal(b, &r)
	// The body's "user" is ignored: the token's account is recorded.
	if r.Version != 1 || r.Kecamatan != "Sukorejo" || r.Kelurahan == "" || r.Source.User != "produsen" || r.Source.Form != "api" || r.GeomLengthM < 200 {
		t.Errorf("created %+v", r)
	}
	path := fmt.Sprintf("/api/v1/ruas/%d", r.ID)
	status, b = a.postJSON(t, "PUT", path, `{"region":"35.72","no_ruas":"010","name":"Jl. Mawar Raya","surface":"aspal","length_m":250,"version":1,"user":"budi"}`)
	if status != 200 {
		t.Fatalf("update: %d %s", status, b)
	}
	// A second editor still holds version 1: refused, with the row as it now stands.
	status, b = a.postJSON(t, "PUT", path, `{"region":"35.72","no_ruas":"010","name":"Jl. Lama","surface":"aspal","length_m":250,"version":1,"user":"ani"}`)
	var f faultBody
	json.Unmarshal(b, &f)
	if status != http.StatusConflict || f.Error.Current == nil || f.Error.Current.Name != "Jl. Mawar Raya" || f.Error.Current.Version != 2 {
		t.Fatalf("stale update: %d %s", status, b)
	}
	status, b = a.postJSON(t, "POST", path+"/surveys", `{"date":"2026-02-01","user":"budi","units":[
		{"sta_from_m":0,"sta_to_m":100,"crack_area_pct":5,"crack_width_mm":4,"potholes":1,"rut_cm":2},
		{"sta_from_m":100,"sta_to_m":200,"iri":13}]}`)
	if status != http.StatusCreated {
		t.Fatalf("survey: %d %s", status, b)
	}
	var sv struct{ Surveys []surveyDoc }
	json.Unmarshal(b, &sv)
	if len(sv.Surveys) != 2 || sv.Surveys[0].Assessment.SDI == nil || *sv.Surveys[0].Assessment.SDI != 95 || sv.Surveys[0].Assessment.Kondisi != roads.Sedang ||
		sv.Surveys[1].Assessment.Kondisi != roads.RusakBerat {
		t.Errorf("survey derived %+v", sv.Surveys)
	}
	if status, b = a.postJSON(t, "POST", path+"/works", `{"date":"2025-08-01","type":"berkala","cost_rp":125000000,"funding":"APBD","sub_kegiatan":"1.03.10.2.01.0034","nomen_version":"2024"}`); status != 201 {
		t.Fatalf("works: %d %s", status, b)
	}
	if status, b = a.postJSON(t, "POST", path+"/traffic", `{"year":2025,"lhr":1500}`); status != 201 {
		t.Fatalf("traffic: %d %s", status, b)
	}
	var d ruasDetailDoc
	if status := a.getJSON(t, path, &d); status != 200 {
		t.Fatalf("detail: %d", status)
	}
	if d.Condition == nil || d.Condition.Kondisi != string(roads.RusakBerat) || len(d.Condition.SurveyIDs) != 2 || len(d.Condition.Versions) == 0 ||
		len(d.Works) != 1 || d.Works[0].CostRp != 125e6 || len(d.Traffic) != 1 || d.Ruas.Version != 2 {
		t.Errorf("detail %+v", d)
	}
	if len(d.Surveys[0].Assessment.Steps) < 4 {
		t.Errorf("evidence steps %v", d.Surveys[0].Assessment.Steps)
	}
	if !d.Projection.Available || len(d.Projection.Chart.X) != projectionYears+1 || d.Projection.YearsToRusakRingan != 0 || len(d.Projection.Models) == 0 {
		t.Errorf("projection of a ruas already Rusak Berat in part: %+v", d.Projection)
	}
	var list ruasListDoc
	a.getJSON(t, "/api/v1/ruas?q=Mawar", &list)
	if list.Total != 1 || list.Items[0].Kondisi != string(roads.RusakBerat) {
		t.Errorf("search %+v", list)
	}
}

// TestAPIReadEndpoints covers the read-only endpoints on the seeded register.
func TestAPIReadEndpoints(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	var ref choices
	if a.getJSON(t, "/api/v1/reference", &ref); len(ref.Kecamatan) != 3 || len(ref.Surface) != len(roads.Surfaces) {
		t.Errorf("reference %+v", ref)
	}
	var rules roads.Rules
	if a.getJSON(t, "/api/v1/rules/condition", &rules); rules.Version == "" || len(rules.SDIClass) == 0 {
		t.Errorf("rules %+v", rules)
	}
	var as roads.Assessment
	if st := a.getJSONPost(t, "/api/v1/assess", `{"crack_area_pct":5,"crack_width_mm":4,"potholes":1,"rut_cm":2}`, &as); st != 200 || as.Kondisi != roads.Sedang || *as.SDI != 95 {
		t.Errorf("assess %d %+v", st, as)
	}
	var list ruasListDoc
	a.getJSON(t, "/api/v1/ruas?sort=name&desc=1", &list)
	if list.Total != 3 || list.Items[0].Name != "Jl. Merdeka" || list.Items[2].Name != "Jl. Anggrek" {
		t.Errorf("sorted list %+v", list.Items)
	}
	a.getJSON(t, "/api/v1/ruas?kecamatan=35.72.02", &list)
	if list.Total != 1 || list.Items[0].Key != "35.72/002" {
		t.Errorf("filtered list %+v", list.Items)
	}
	var doc map[string]any
	if a.getJSON(t, "/api/v1/openapi.json", &doc); doc["openapi"] != "3.1.0" {
		t.Errorf("openapi %v", doc["openapi"])
	}
	// 002 is Sedang (IRI 6): the planner projects it into Rusak Ringan later, not now.
	var d ruasDetailDoc
	a.getJSON(t, fmt.Sprintf("/api/v1/ruas/%d", rs[1].ID), &d)
	if p := d.Projection; !p.Available || p.YearsToRusakRingan < 1 || *p.Chart.Series[0][0] < 6 || *p.Chart.Series[0][5] <= *p.Chart.Series[0][0] {
		t.Errorf("projection of 002: %+v", p)
	}
	a.getJSON(t, fmt.Sprintf("/api/v1/ruas/%d", rs[2].ID), &d)
	if d.Projection.Available || d.Projection.Note == "" {
		t.Errorf("projection of an unsurveyed ruas: %+v", d.Projection)
	}
}

func (a *testApp) getJSONPost(t testing.TB, path, body string, v any) int {
	t.Helper()
	status, b := a.postJSON(t, "POST", path, body)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("POST %s: %d %s", path, status, b)
	}
	return status
}

// TestAPIImportRefusesBadUploads: uploads the importer cannot take are
// refused field by field before anything is read.
func TestAPIImportRefusesBadUploads(t *testing.T) {
	a := newTestApp(t)
	for _, tc := range []struct {
		name  string
		files map[string]string
	}{
		{"no file", nil},
		{"wrong type", map[string]string{"jalan.pdf": "%PDF-1.4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			for n, content := range tc.files {
				w, _ := mw.CreateFormFile("file", n)
				w.Write([]byte(content))
			}
			mw.Close()
			status, b := a.do(t, "POST", "/api/v1/imports?commit=true", mw.FormDataContentType(), &buf)
			var f faultBody
			json.Unmarshal(b, &f)
			if status != 400 || len(f.Error.Fields) == 0 || f.Error.Fields[0].Field != "file" {
				t.Errorf("%d %s", status, b)
			}
			if n, _ := a.store.CountRuas(context.Background(), roads.RuasFilter{}); n != 0 {
				t.Errorf("%d ruas stored", n)
			}
		})
	}
}
