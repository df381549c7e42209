package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/quality"
)

// route is one route of the app, declared once: the router, the access
// rules (routeAccess) and the OpenAPI document are all derived from
// routeTable, so none of them can miss a route the others have.
type route struct {
	method string
	path   string // gin path; API paths start with /api/v1/
	rule   access
	serve  func(*Server, *gin.Context) error // a method expression, e.g. (*Server).mapShow
	api    *apiOp                            // a JSON API route: JSON errors, and its OpenAPI operation
	static bool                              // the embedded static files (GET and HEAD)
}

// apiOp is what the OpenAPI document says of an API route beyond what the
// route itself tells (path parameters, who may call it, 401/403).
type apiOp struct {
	summary string
	params  []obj          // query parameters, and path parameters needing more than "required string/id"
	body    any            // request body: a component name (string) or a schema (obj)
	ok      map[int]string // success statuses and their descriptions; nil is 200 "ok"
	returns any            // success body: a Go value (its type is reflected), a schema (obj), or nil for a file
	media   string         // success content type; "" is application/json
	errors  []int          // error statuses beyond 401/403; nil is 400, 404, 422, 500
}

// pageRoute is a browser route: HTML, redirects or downloads; a returned
// error becomes the error page.
func pageRoute(method, path string, rule access, h func(*Server, *gin.Context) error) route {
	return route{method: method, path: path, rule: rule, serve: h}
}

// apiRoute is a JSON API route under /api/v1; a returned error becomes a
// JSON error body.
func apiRoute(method, path string, rule access, h func(*Server, *gin.Context) error, op apiOp) route {
	return route{method: method, path: path, rule: rule, serve: h, api: &op}
}

const (
	get  = http.MethodGet
	post = http.MethodPost
	put  = http.MethodPut
)

// Query parameters shared by several API routes.
func qp(name, typ, desc string) obj {
	return obj{"name": name, "in": "query", "schema": obj{"type": typ}, "description": desc}
}

var bboxParam = obj{"name": "bbox", "in": "query", "required": true, "schema": obj{"type": "string"}, "description": "minLon,minLat,maxLon,maxLat (WGS84)"}

// Shapes of the answers built as gin.H or by hand, spelt out for the
// document (the handler tests read these fields back).
type (
	surveysDoc struct {
		Surveys []surveyDoc `json:"surveys"`
	}
	planListDoc struct {
		Plans []planRunDoc `json:"plans"`
	}
	planCreatedDoc struct {
		ID        int64           `json:"id"`
		CreatedAt time.Time       `json:"created_at"`
		CreatedBy string          `json:"created_by"`
		Status    string          `json:"status"`
		Basis     basisDoc        `json:"basis"`
		Result    *planner.Result `json:"result"`
	}
	planStoredDoc struct {
		ID           int64           `json:"id"`
		CreatedAt    time.Time       `json:"created_at"`
		CreatedBy    string          `json:"created_by"`
		SnapshotHash string          `json:"snapshot_hash"`
		Status       string          `json:"status"`
		Basis        basisDoc        `json:"basis"`
		Inputs       json.RawMessage `json:"inputs"`
		Result       *planner.Result `json:"result"` // as stored when it ran
	}
	verifiedDoc struct {
		Entity string           `json:"entity"`
		IDs    []int64          `json:"ids"`
		State  roads.VerifState `json:"state"`
	}
	ruasAuditDoc struct {
		RuasID  int64       `json:"ruas_id"`
		Entries []auditView `json:"entries"`
	}
	auditDoc struct {
		Entries []auditView `json:"entries"`
	}
	mapFeature struct {
		Type       string         `json:"type"` // Feature
		ID         int64          `json:"id"`
		Geometry   any            `json:"geometry"`   // GeoJSON LineString or MultiLineString, WGS84
		Properties map[string]any `json:"properties"` // name, key, kondisi, colour, ...
	}
	mapDoc struct {
		Type           string       `json:"type"` // FeatureCollection
		Features       []mapFeature `json:"features"`
		Count          int          `json:"count"`
		HiddenSubpixel int          `json:"hidden_subpixel"`
		Truncated      bool         `json:"truncated"`
	}
)

// routeTable is every route of the app. Adding a route is one line here:
// method, path, who may use it, the handler (and for the API, what the
// document says of it). A route without a rule cannot be written.
func routeTable() []route {
	return []route{
		{method: get, path: "/static/*filepath", rule: anyone, static: true},

		pageRoute(get, "/masuk", anyone, (*Server).loginShow),
		pageRoute(post, "/masuk", anyone, (*Server).loginCreate),
		pageRoute(post, "/keluar", signedIn, (*Server).logout),

		pageRoute(get, "/", signedIn, (*Server).dashboardShow), // the anonymous reader is sent to /publik
		pageRoute(get, "/peta", signedIn, (*Server).mapShow),
		pageRoute(get, "/ruas", signedIn, (*Server).ruasIndex),
		pageRoute(get, "/ruas/baru", produsen, (*Server).ruasNew),
		pageRoute(post, "/ruas/baru", produsen, (*Server).ruasCreate),
		pageRoute(get, "/ruas/:id", signedIn, (*Server).ruasShow),
		pageRoute(get, "/ruas/:id/ubah", produsen, (*Server).ruasEdit),
		pageRoute(post, "/ruas/:id/ubah", produsen, (*Server).ruasUpdate),
		pageRoute(post, "/ruas/:id/pensiun", produsen, (*Server).ruasRetire),
		pageRoute(post, "/ruas/:id/aktifkan", produsen, (*Server).ruasReinstate),
		pageRoute(get, "/ruas/:id/jejak", produsen, (*Server).trackShow), // a GPS track for the ruas's geometry
		pageRoute(post, "/ruas/:id/jejak", produsen, (*Server).trackPreview),
		pageRoute(post, "/ruas/:id/jejak/simpan", produsen, (*Server).trackSave),
		pageRoute(get, "/ruas/:id/survei", produsen, (*Server).surveyNew),
		pageRoute(post, "/ruas/:id/survei", produsen, (*Server).surveyCreate),
		pageRoute(get, "/ruas/:id/penanganan", produsen, (*Server).worksNew),
		pageRoute(post, "/ruas/:id/penanganan", produsen, (*Server).worksCreate),
		pageRoute(get, "/ruas/:id/lalulintas", produsen, (*Server).trafficNew),
		pageRoute(post, "/ruas/:id/lalulintas", produsen, (*Server).trafficCreate),
		pageRoute(get, "/impor", produsen, (*Server).importShow),
		pageRoute(post, "/impor", produsen, (*Server).importPreview),
		pageRoute(post, "/impor/simpan", produsen, (*Server).importCommit),
		pageRoute(get, "/impor/templat/:name", produsen, (*Server).importTemplate),
		pageRoute(get, "/rencana", signedIn, (*Server).planShow),
		pageRoute(post, "/rencana", perencana, (*Server).planCreate),
		pageRoute(get, "/rencana/:id", signedIn, (*Server).planShowRun),
		pageRoute(post, "/rencana/:id/tetapkan", planners, (*Server).planAdopt),
		pageRoute(get, "/rencana/:id/ekspor/:kind", perencana, (*Server).planExportPage), // a stale plan answers a page

		// The field survey on a phone (PWA): the page, its service worker and
		// manifest (no data in either, so anyone may fetch them: a browser
		// updates a worker without credentials), and the photos it synced.
		pageRoute(get, fieldPath, produsen, (*Server).fieldShow),
		pageRoute(get, fieldPath+"sw.js", anyone, (*Server).fieldWorker),
		pageRoute(get, fieldPath+"manifest.webmanifest", anyone, (*Server).fieldManifest),
		pageRoute(get, fieldPath+"foto/:id", signedIn, (*Server).fieldPhotoShow),

		// Governance: accounts, verification, audit trail, data quality.
		pageRoute(get, "/verifikasi", walidata, (*Server).verifyShow),
		pageRoute(post, "/verifikasi", walidata, (*Server).verifyApply),
		pageRoute(get, "/saya/dikembalikan", produsen, (*Server).returnedShow), // the producer's returned records
		pageRoute(get, "/rekonsiliasi", walidata, (*Server).reconcileIndex),    // another office's figures against the register (issue 16)
		pageRoute(post, "/rekonsiliasi", walidata, (*Server).reconcileCreate),
		pageRoute(get, "/rekonsiliasi/templat/:name", walidata, (*Server).reconcileTemplate),
		pageRoute(get, "/rekonsiliasi/:id", walidata, (*Server).reconcileShow),
		pageRoute(post, "/rekonsiliasi/:id/sepakati", walidata, (*Server).reconcileAgree),
		pageRoute(get, "/rekonsiliasi/:id/unduh/:format", walidata, (*Server).reconcileDownload),
		pageRoute(get, "/ruas/:id/riwayat", signedIn, (*Server).auditShow),
		pageRoute(get, "/audit", auditors, (*Server).auditIndex), // the audit viewer with filters
		pageRoute(get, "/audit.csv", auditors, (*Server).auditCSV),
		pageRoute(get, "/kualitas", signedIn, (*Server).qualityShow),
		pageRoute(get, "/admin/kantor", admins, (*Server).officeShow),
		pageRoute(post, "/admin/kantor", admins, (*Server).officeSet),
		pageRoute(get, "/admin/akun", admins, (*Server).accountsShow),
		pageRoute(post, "/admin/akun", admins, (*Server).accountCreate),
		pageRoute(post, "/admin/akun/:name", admins, (*Server).accountUpdate),
		pageRoute(post, "/admin/akun/:name/token", admins, (*Server).accountToken),

		// The public portal: verified data only.
		pageRoute(get, "/publik", anyone, (*Server).publicShow),
		pageRoute(get, "/publik/peta", anyone, (*Server).publicMap),
		pageRoute(get, "/publik/program", anyone, (*Server).publicProgramme),
		pageRoute(get, "/publik/unduh/satudata.zip", anyone, (*Server).publicSatuData),
		pageRoute(get, "/publik/unduh/:format", anyone, (*Server).publicNetwork), // the verified network as GeoJSON or CSV

		// The JSON API.
		apiRoute(get, "/api/v1/openapi.json", anyone, (*Server).openapiShow, apiOp{summary: "This document", ok: map[int]string{200: "OpenAPI 3 document"}, returns: obj{"type": "object"}}),
		apiRoute(get, "/api/v1/reference", anyone, (*Server).referenceAPI, apiOp{summary: "Coded lists: kecamatan, kelurahan, status, fungsi, surface, kondisi, works types",
			ok: map[int]string{200: "lists"}, returns: choices{}}),
		apiRoute(get, "/api/v1/rules/condition", anyone, (*Server).rulesAPI, apiOp{summary: "Condition rule table (SDI scoring, IRI/SDI class bands)",
			params: []obj{qp("version", "string", "rule version; default newest")}, ok: map[int]string{200: "rule table"}, returns: roads.Rules{}}),
		apiRoute(get, "/api/v1/summary", signedIn, (*Server).summaryAPI, apiOp{summary: "Network length, km per condition class and kemantapan by kecamatan, status, fungsi and surface; trend; freshness",
			params: []obj{qp("year", "integer", "condition as of the end of this year; default now")}, ok: map[int]string{200: "summary"}, returns: summaryDoc{}}),
		apiRoute(get, "/api/v1/map", signedIn, (*Server).mapAPI, apiOp{summary: "Ruas in a bounding box as GeoJSON, coloured by latest condition, simplified for the zoom",
			params: []obj{bboxParam, qp("zoom", "integer", "web-map zoom 0–22; geometry simplified to one pixel; default 14"),
				qp("kecamatan", "string", "Kemendagri code or name"), qp("surface", "string", "surface code"),
				qp("kondisi", "string", "comma list of baik, sedang, rusak_ringan, rusak_berat, none")},
			ok: map[int]string{200: "GeoJSON FeatureCollection with count, hidden_subpixel, truncated"}, returns: mapDoc{}, media: "application/geo+json", errors: []int{400}}),
		apiRoute(get, "/api/v1/map/tiles/:z/:x/:y", signedIn, (*Server).tileAPI, apiOp{summary: "A Mapbox vector tile of the map (layer ruas: id, kondisi, and from zoom 14 key and name; layer jaringan where a tile crosses more ruas than it can show apart: the lines of each condition class merged, with n and km); gzip when accepted",
			params: []obj{qp("kecamatan", "string", "Kemendagri code or name"), qp("surface", "string", "surface code"),
				qp("kondisi", "string", "comma list of baik, sedang, rusak_ringan, rusak_berat, none"), qp("programme", "string", "1: the adopted programme's ruas only")},
			ok: map[int]string{200: "Mapbox vector tile (empty body: nothing in the tile)"}, media: "application/vnd.mapbox-vector-tile", errors: []int{400}}),
		apiRoute(get, "/api/v1/map/ruas/:id", signedIn, (*Server).mapRuasAPI, apiOp{summary: "The popup fields of one ruas of the map (what a click on a tile looks up)",
			ok: map[int]string{200: "ruas"}, returns: mapRuasDoc{}, errors: []int{404}}),
		apiRoute(post, "/api/v1/assess", signedIn, (*Server).assessAPI, apiOp{summary: "SDI and class of one unit, nothing stored", // computes, stores nothing
			body: "AssessInput", ok: map[int]string{200: "assessment"}, returns: roads.Assessment{}}),
		apiRoute(get, "/api/v1/ruas", signedIn, (*Server).ruasIndexAPI, apiOp{summary: "Search, sort and page the register",
			params: []obj{qp("q", "string", "text in name or number"), qp("sort", "string", "key, name or length"), qp("desc", "boolean", "descending"),
				qp("page", "integer", "1-based page of 50"), qp("kecamatan", "string", ""), qp("status", "string", ""), qp("surface", "string", "")},
			ok: map[int]string{200: "page of ruas"}, returns: ruasListDoc{}}),
		apiRoute(post, "/api/v1/ruas", produsen, (*Server).ruasCreateAPI, apiOp{summary: "Create a ruas", body: "RuasInput",
			ok: map[int]string{201: "created ruas"}, returns: ruasDoc{}, errors: []int{400, 409, 422}}),
		apiRoute(get, "/api/v1/ruas/:id", signedIn, (*Server).ruasShowAPI, apiOp{summary: "A ruas with surveys, works, traffic, current condition and its evidence",
			ok: map[int]string{200: "ruas detail"}, returns: ruasDetailDoc{}}),
		apiRoute(put, "/api/v1/ruas/:id", produsen, (*Server).ruasUpdateAPI, apiOp{summary: "Edit a ruas; version must be the version read, else 409 with the current row",
			body: "RuasInput", ok: map[int]string{200: "updated ruas"}, returns: ruasDoc{}, errors: []int{400, 404, 409, 422}}),
		apiRoute(get, "/api/v1/ruas/:id/audit", signedIn, (*Server).ruasAuditAPI, apiOp{summary: "Who changed a ruas and its surveys, works and traffic, when, and which fields from what to what",
			ok: map[int]string{200: "entries, newest first"}, returns: ruasAuditDoc{}}),
		apiRoute(post, "/api/v1/ruas/:id/surveys", produsen, (*Server).surveyCreateAPI, apiOp{summary: "Record a survey: one date, 100 m units with raw measurements; all or nothing",
			body: "SurveyInput", ok: map[int]string{201: "stored surveys with SDI and class"}, returns: surveysDoc{}, errors: []int{400, 404, 422}}),
		apiRoute(post, "/api/v1/ruas/:id/works", produsen, (*Server).worksCreateAPI, apiOp{summary: "Record works (penanganan)",
			body: "WorksInput", ok: map[int]string{201: "stored works"}, returns: worksDoc{}, errors: []int{400, 404, 422}}),
		apiRoute(post, "/api/v1/ruas/:id/traffic", produsen, (*Server).trafficCreateAPI, apiOp{summary: "Record an LHR count (replaces the same year)",
			body: "TrafficInput", ok: map[int]string{201: "stored count"}, returns: trafficDoc{}, errors: []int{400, 404, 422}}),
		apiRoute(post, "/api/v1/imports", produsen, (*Server).importAPI, apiOp{
			summary: "Upload CSV/XLSX/GeoJSON network files (at most 4, 64 MiB each, 200,000 rows and 1,000,000 cells in all): preview (answers a token keeping the files 30 minutes), or commit with ?commit=true (atomic), the files uploaded or those of ?token=",
			params: []obj{qp("commit", "boolean", "write when every row is valid"), qp("token", "string", "commit the files of this preview; upload none"),
				qp("region", "string", "region code for the rows (replaces a file's region column; default: the office's)"), qp("survey_date", "string", "YYYY-MM-DD for rows without a survey date"),
				qp("decimal", "string", "koma or titik: the decimal mark of numbers such as 1.250 that a column leaves ambiguous")},
			body: obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": obj{"type": "object",
				"properties": obj{"file": obj{"type": "array", "items": obj{"type": "string", "format": "binary"}}, "map": obj{"type": "string", "format": "binary"},
					"region": obj{"type": "string"}, "survey_date": obj{"type": "string"}, "decimal": obj{"type": "string", "enum": []string{"koma", "titik"}}, "token": obj{"type": "string"}}}}}},
			ok: map[int]string{200: "preview", 201: "committed"}, returns: importResult{}, errors: []int{400, 422}}),
		apiRoute(get, "/api/v1/plans", signedIn, (*Server).planIndexAPI, apiOp{summary: "Stored plan runs, newest first", ok: map[int]string{200: "plan runs"}, returns: planListDoc{}}),
		apiRoute(post, "/api/v1/plans", perencana, (*Server).planCreateAPI, apiOp{summary: "Run and store a plan", body: "PlanInput",
			ok: map[int]string{201: "plan run with result"}, returns: planCreatedDoc{}, errors: []int{400, 500}}),
		apiRoute(get, "/api/v1/plans/:id", signedIn, (*Server).planShowAPI, apiOp{summary: "A stored plan run with inputs and result",
			ok: map[int]string{200: "plan run"}, returns: planStoredDoc{}}),
		apiRoute(get, "/api/v1/plans/:id/download", perencana, (*Server).planDownload, apiOp{summary: "Download a plan's result",
			params: []obj{qp("format", "string", "json, csv (works list) or xlsx")}, ok: map[int]string{200: "file"}, errors: []int{400, 404}}),
		apiRoute(get, "/api/v1/plans/:id/export/:kind", perencana, (*Server).planExport, apiOp{ // SIPD, e-Walidata, report
			summary: "A stored plan's SIPD usulan (kind sipd: xlsx, csv), e-Walidata indicators (walidata: xlsx, csv, json) or planning document (report: pdf)",
			params: []obj{{"name": "kind", "in": "path", "required": true, "schema": obj{"type": "string", "enum": []string{"sipd", "walidata", "report"}}},
				qp("format", "string", "file format; the kind's first format by default"), qp("year", "integer", "plan year (sipd; default the first) or data year (walidata; default the year before the plan)"),
				qp("nomenklatur", "string", "2024 or 2027 (sipd)"), qp("allow_stale", "string", "1 to export a plan whose data changed since it ran (the file is marked)")},
			ok: map[int]string{200: "file"}, errors: []int{400, 404, 409}}),
		apiRoute(post, "/api/v1/plans/:id/adopt", planners, (*Server).planAdoptAPI, apiOp{summary: "Adopt a plan run as the programme shown on the public portal (perencana, admin); only a plan run on verified data only",
			body: obj{"content": obj{"application/json": obj{"schema": obj{"type": "object", "properties": obj{"note": obj{"type": "string"}}}}}},
			ok:   map[int]string{201: "adoption"}, returns: adoptionDoc{}, errors: []int{404, 422}}),
		apiRoute(get, "/api/v1/field/form", signedIn, (*Server).fieldFormAPI, apiOp{summary: "Field survey: the condition rule table and the RCS form's classes derived from it (the phone computes SDI from these)",
			ok: map[int]string{200: "rules and classes"}, returns: fieldFormDoc{}}),
		apiRoute(get, "/api/v1/field/ruas", produsen, (*Server).fieldRuasAPI, apiOp{summary: "Field survey: the office's ruas with geometry and newest survey id, for the phone to keep offline",
			params: []obj{qp("kecamatan", "string", "Kemendagri code of the area; default all")}, ok: map[int]string{200: "ruas"}, returns: fieldRuasListDoc{}}),
		apiRoute(post, "/api/v1/field/sync", produsen, (*Server).fieldSyncAPI, apiOp{summary: "Field survey: sync 100 m units entered on a phone (at most 500); idempotent by each unit's id; each unit becomes a draft survey by the caller, a conflict when the stretch got a newer survey, or is refused with its problems",
			body: "FieldSyncInput", ok: map[int]string{200: "one result per unit"}, returns: fieldSyncDoc{}, errors: []int{400}}),
		apiRoute(post, "/api/v1/field/photos", produsen, (*Server).fieldPhotoAPI, apiOp{summary: "Field survey: one photo of a synced unit (JPEG, PNG or WebP by its bytes, at most 3 MiB); idempotent by its id",
			body: obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": obj{"type": "object", "properties": obj{"id": obj{"type": "string"}, "unit": obj{"type": "string"},
				"lat": obj{"type": "number"}, "lon": obj{"type": "number"}, "taken_at": obj{"type": "string", "format": "date-time"}, "file": obj{"type": "string", "format": "binary"}}}}}},
			ok: map[int]string{201: "stored", 200: "stored before"}, returns: fieldPhotoDoc{}, errors: []int{400, 404, 409, 422}}),
		apiRoute(get, "/api/v1/field/conflicts", produsen, (*Server).fieldConflictsAPI, apiOp{summary: "Field survey: the caller's units that met a newer survey, with both sides",
			ok: map[int]string{200: "conflicts"}, returns: fieldConflictsDoc{}}),
		apiRoute(post, "/api/v1/field/conflicts/:id", produsen, (*Server).fieldResolveAPI, apiOp{summary: "Field survey: resolve a conflict: keep mine (stored beside the newer survey) or the server's",
			body: "FieldResolveInput", ok: map[int]string{200: "outcome"}, returns: roads.FieldOutcome{}, errors: []int{400, 404, 409, 422}}),
		apiRoute(get, "/api/v1/me", signedIn, (*Server).meAPI, apiOp{summary: "The account of the token or session: name, full name, role", ok: map[int]string{200: "account"}, returns: meDoc{}}),
		apiRoute(get, "/api/v1/verification", walidata, (*Server).verifyIndexAPI, apiOp{summary: "The walidata's queue: draft and returned records per entity, with who entered them (walidata)",
			ok: map[int]string{200: "queue"}, returns: verifyIndexDoc{}}),
		apiRoute(post, "/api/v1/verification", walidata, (*Server).verifyAPI, apiOp{summary: "Verify, or return with a reason, records of one entity, all or none (walidata; not one's own edits); a refusal lists each refused id",
			body: "VerifyInput", ok: map[int]string{200: "new state"}, returns: verifiedDoc{}, errors: []int{400, 404, 409, 422}}),
		apiRoute(get, "/api/v1/audit", auditors, (*Server).auditAPI, apiOp{summary: "The audit trail with field-level changes (admin, walidata)",
			params: []obj{qp("entity", "string", "ruas, survey, works, traffic, account, plan_adoption"), qp("entity_id", "integer", ""), qp("ruas_id", "integer", ""),
				qp("action", "string", "insert, update, delete, retire, reinstate, …"), qp("actor", "string", "account name"),
				qp("from", "string", "first day, YYYY-MM-DD (WIB)"), qp("to", "string", "last day, YYYY-MM-DD (WIB), included"),
				qp("limit", "integer", "latest N entries; default 1000")}, ok: map[int]string{200: "entries"}, returns: auditDoc{}}),
		apiRoute(get, "/api/v1/quality", signedIn, (*Server).qualityAPI, apiOp{summary: "Data-quality report per Satu Data principle, dataset and kecamatan, with every finding (scores with nothing checked are -1)",
			ok: map[int]string{200: "report"}, returns: quality.Report{}}),
		apiRoute(get, "/api/v1/publik/summary", anyone, (*Server).publicSummaryAPI, apiOp{summary: "As /api/v1/summary, over walidata-verified records only; no sign-in",
			params: []obj{qp("year", "integer", "condition as of the end of this year; default now")}, ok: map[int]string{200: "summary"}, returns: summaryDoc{}}),
		apiRoute(get, "/api/v1/outlines", anyone, (*Server).outlinesAPI, apiOp{summary: "Offline basemap: the office boundary and, for the synthetic demo network, kecamatan outlines with label points; no sign-in",
			ok: map[int]string{200: "GeoJSON FeatureCollection"}, returns: outlinesDoc{}, media: "application/geo+json"}),
		apiRoute(get, "/api/v1/publik/map", anyone, (*Server).publicMapAPI, apiOp{summary: "As /api/v1/map, over walidata-verified records only; no sign-in",
			params: []obj{bboxParam, qp("zoom", "integer", "web-map zoom 0–22"), qp("kecamatan", "string", ""), qp("surface", "string", ""), qp("kondisi", "string", "")},
			ok:     map[int]string{200: "GeoJSON FeatureCollection"}, returns: mapDoc{}, media: "application/geo+json", errors: []int{400}}),
		apiRoute(get, "/api/v1/publik/map/tiles/:z/:x/:y", anyone, (*Server).publicTileAPI, apiOp{summary: "As /api/v1/map/tiles, over walidata-verified records only; no sign-in",
			params: []obj{qp("kecamatan", "string", ""), qp("surface", "string", ""), qp("kondisi", "string", ""), qp("programme", "string", "1: the adopted programme's ruas only")},
			ok:     map[int]string{200: "Mapbox vector tile"}, media: "application/vnd.mapbox-vector-tile", errors: []int{400}}),
		apiRoute(get, "/api/v1/publik/map/ruas/:id", anyone, (*Server).publicMapRuasAPI, apiOp{summary: "As /api/v1/map/ruas, over walidata-verified records only; no sign-in",
			ok: map[int]string{200: "ruas"}, returns: mapRuasDoc{}, errors: []int{404}}),
	}
}

// routeAccess is the rule of every route, by method and gin path, derived
// from routeTable. A route missing here is refused by authorize (and
// TestRouteRules fails).
var routeAccess = accessTable(routeTable())

func accessTable(rs []route) map[string]access {
	m := map[string]access{}
	for _, r := range rs {
		if !r.rule.declared {
			continue // no rule: authorize refuses it, TestRouteRules names it
		}
		m[r.method+" "+r.path] = r.rule
		if r.static {
			m[http.MethodHead+" "+r.path] = r.rule // gin serves HEAD with the files
		}
	}
	return m
}
