package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// obj is a JSON object of the OpenAPI document.
type obj = map[string]any

// openapiPaths lists every API route with its method; the test checks it
// against the router so the document cannot drift from the code.
func openapiDoc() obj {
	errRef := obj{"$ref": "#/components/responses/Error"}
	idParam := obj{"name": "id", "in": "path", "required": true, "schema": obj{"type": "integer", "minimum": 1}, "description": "store id of the ruas or plan run"}
	q := func(name, typ, desc string) obj {
		return obj{"name": name, "in": "query", "schema": obj{"type": typ}, "description": desc}
	}
	jsonBody := func(ref string) obj {
		return obj{"required": true, "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/" + ref}}}}
	}
	ok := func(desc string) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": obj{"type": "object"}}}}
	}
	std := func(okCode, desc string) obj {
		return obj{okCode: ok(desc), "400": errRef, "404": errRef, "422": errRef, "500": errRef}
	}
	num := obj{"type": "number"}
	nnum := obj{"type": []string{"number", "null"}}
	str := obj{"type": "string"}
	integer := obj{"type": "integer"}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "ruas API", "version": "1",
			"description": "Road register, condition, planning. Lengths in metres, money in Rupiah, IRI in m/km. Text in Indonesian; add ?lang=en for English messages. " +
				"Every call needs an account (Authorization: Bearer TOKEN) except the reference lists, the rule table, this document and /api/v1/publik/*; each role may call what its work needs (produsen enter data, walidata verify, perencana plan and export, admin manage accounts). " +
				"A \"user\" field in a request body is ignored: the signed-in account is recorded as the author."},
		"security": []obj{{"token": []string{}}},
		"paths": obj{
			"/api/v1/summary": obj{"get": obj{"summary": "Network length, km per condition class and kemantapan by kecamatan, status, fungsi and surface; trend; freshness",
				"parameters": []obj{q("year", "integer", "condition as of the end of this year; default now")}, "responses": std("200", "summary")}},
			"/api/v1/map": obj{"get": obj{"summary": "Ruas in a bounding box as GeoJSON, coloured by latest condition, simplified for the zoom",
				"parameters": []obj{
					{"name": "bbox", "in": "query", "required": true, "schema": str, "description": "minLon,minLat,maxLon,maxLat (WGS84)"},
					q("zoom", "integer", "web-map zoom 0–22; geometry simplified to one pixel; default 14"),
					q("kecamatan", "string", "Kemendagri code or name"), q("surface", "string", "surface code"),
					q("kondisi", "string", "comma list of baik, sedang, rusak_ringan, rusak_berat, none")},
				"responses": obj{"200": obj{"description": "GeoJSON FeatureCollection with count, hidden_subpixel, truncated",
					"content": obj{"application/geo+json": obj{"schema": obj{"type": "object"}}}}, "400": errRef}}},
			"/api/v1/reference":       obj{"get": obj{"summary": "Coded lists: kecamatan, kelurahan, status, fungsi, surface, kondisi, works types", "security": []obj{}, "responses": std("200", "lists")}},
			"/api/v1/rules/condition": obj{"get": obj{"summary": "Condition rule table (SDI scoring, IRI/SDI class bands)", "security": []obj{}, "parameters": []obj{q("version", "string", "rule version; default newest")}, "responses": std("200", "rule table")}},
			"/api/v1/assess":          obj{"post": obj{"summary": "SDI and class of one unit, nothing stored", "requestBody": jsonBody("Unit"), "responses": std("200", "assessment")}},
			"/api/v1/ruas": obj{
				"get": obj{"summary": "Search, sort and page the register", "parameters": []obj{q("q", "string", "text in name or number"),
					q("sort", "string", "key, name or length"), q("desc", "boolean", "descending"), q("page", "integer", "1-based page of 50"),
					q("kecamatan", "string", ""), q("status", "string", ""), q("surface", "string", "")}, "responses": std("200", "page of ruas")},
				"post": obj{"summary": "Create a ruas", "requestBody": jsonBody("RuasInput"), "responses": obj{"201": ok("created ruas"), "400": errRef, "409": errRef, "422": errRef}}},
			"/api/v1/ruas/{id}": obj{
				"get": obj{"summary": "A ruas with surveys, works, traffic, current condition and its evidence", "parameters": []obj{idParam}, "responses": std("200", "ruas detail")},
				"put": obj{"summary": "Edit a ruas; version must be the version read, else 409 with the current row", "parameters": []obj{idParam},
					"requestBody": jsonBody("RuasInput"), "responses": obj{"200": ok("updated ruas"), "400": errRef, "404": errRef, "409": errRef, "422": errRef}}},
			"/api/v1/ruas/{id}/surveys": obj{"post": obj{"summary": "Record a survey: one date, 100 m units with raw measurements; all or nothing",
				"parameters": []obj{idParam}, "requestBody": jsonBody("SurveyInput"), "responses": obj{"201": ok("stored surveys with SDI and class"), "400": errRef, "404": errRef, "422": errRef}}},
			"/api/v1/ruas/{id}/works": obj{"post": obj{"summary": "Record works (penanganan)", "parameters": []obj{idParam},
				"requestBody": jsonBody("WorksInput"), "responses": obj{"201": ok("stored works"), "400": errRef, "404": errRef, "422": errRef}}},
			"/api/v1/ruas/{id}/traffic": obj{"post": obj{"summary": "Record an LHR count (replaces the same year)", "parameters": []obj{idParam},
				"requestBody": jsonBody("TrafficInput"), "responses": obj{"201": ok("stored count"), "400": errRef, "404": errRef, "422": errRef}}},
			"/api/v1/imports": obj{"post": obj{"summary": "Upload CSV/XLSX/GeoJSON network files (at most 4, 64 MiB each, 200,000 rows and 1,000,000 cells in all): preview (answers a token keeping the files 30 minutes), or commit with ?commit=true (atomic), the files uploaded or those of ?token=",
				"parameters": []obj{q("commit", "boolean", "write when every row is valid"), q("token", "string", "commit the files of this preview; upload none"),
					q("region", "string", "region code for rows without a region column (default: the register's)"), q("survey_date", "string", "YYYY-MM-DD for rows without a survey date")},
				"requestBody": obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": obj{"type": "object",
					"properties": obj{"file": obj{"type": "array", "items": obj{"type": "string", "format": "binary"}}, "map": obj{"type": "string", "format": "binary"},
						"region": obj{"type": "string"}, "survey_date": obj{"type": "string"}, "token": obj{"type": "string"}}}}}},
				"responses": obj{"200": ok("preview"), "201": ok("committed"), "400": errRef, "422": errRef}}},
			"/api/v1/plans": obj{
				"get":  obj{"summary": "Stored plan runs, newest first", "responses": std("200", "plan runs")},
				"post": obj{"summary": "Run and store a plan", "requestBody": jsonBody("PlanInput"), "responses": obj{"201": ok("plan run with result"), "400": errRef, "500": errRef}}},
			"/api/v1/plans/{id}": obj{"get": obj{"summary": "A stored plan run with inputs and result", "parameters": []obj{idParam}, "responses": std("200", "plan run")}},
			"/api/v1/plans/{id}/download": obj{"get": obj{"summary": "Download a plan's result", "parameters": []obj{idParam, q("format", "string", "json, csv (works list) or xlsx")},
				"responses": obj{"200": obj{"description": "file"}, "400": errRef, "404": errRef}}},
			"/api/v1/plans/{id}/export/{kind}": obj{"get": obj{"summary": "A stored plan's SIPD usulan (kind sipd: xlsx, csv), e-Walidata indicators (walidata: xlsx, csv, json) or planning document (report: pdf)",
				"parameters": []obj{idParam, {"name": "kind", "in": "path", "required": true, "schema": obj{"type": "string", "enum": []string{"sipd", "walidata", "report"}}},
					q("format", "string", "file format; the kind's first format by default"), q("year", "integer", "plan year (sipd; default the first) or data year (walidata; default the year before the plan)"),
					q("nomenklatur", "string", "2024 or 2027 (sipd)"), q("allow_stale", "string", "1 to export a plan whose data changed since it ran (the file is marked)")},
				"responses": obj{"200": obj{"description": "file"}, "400": errRef, "404": errRef, "409": errRef}}},
			"/api/v1/openapi.json": obj{"get": obj{"summary": "This document", "security": []obj{}, "responses": std("200", "OpenAPI 3 document")}},
			"/api/v1/me":           obj{"get": obj{"summary": "The account of the token or session: name, full name, role", "responses": std("200", "account")}},
			"/api/v1/plans/{id}/adopt": obj{"post": obj{"summary": "Adopt a plan run as the programme shown on the public portal (perencana, admin); only a plan run on verified data only",
				"parameters": []obj{idParam}, "requestBody": obj{"content": obj{"application/json": obj{"schema": obj{"type": "object", "properties": obj{"note": str}}}}},
				"responses": obj{"201": ok("adoption"), "401": errRef, "403": errRef, "404": errRef, "422": errRef}}},
			"/api/v1/verification": obj{
				"get": obj{"summary": "The walidata's queue: draft and returned records per entity, with who entered them (walidata)", "responses": std("200", "queue")},
				"post": obj{"summary": "Verify, or return with a reason, records of one entity, all or none (walidata; not one's own edits); a refusal lists each refused id",
					"requestBody": jsonBody("VerifyInput"), "responses": obj{"200": ok("new state"), "400": errRef, "403": errRef, "404": errRef, "409": errRef, "422": errRef}}},
			"/api/v1/audit": obj{"get": obj{"summary": "The audit trail with field-level changes (admin, walidata)", "parameters": []obj{q("entity", "string", "ruas, survey, works, traffic, account, plan_adoption"),
				q("entity_id", "integer", ""), q("ruas_id", "integer", ""), q("limit", "integer", "latest N entries; default 1000")}, "responses": std("200", "entries")}},
			"/api/v1/ruas/{id}/audit": obj{"get": obj{"summary": "Who changed a ruas and its surveys, works and traffic, when, and which fields from what to what",
				"parameters": []obj{idParam}, "responses": std("200", "entries, newest first")}},
			"/api/v1/quality": obj{"get": obj{"summary": "Data-quality report per Satu Data principle, dataset and kecamatan, with every finding (scores with nothing checked are -1)", "responses": std("200", "report")}},
			"/api/v1/publik/summary": obj{"get": obj{"summary": "As /api/v1/summary, over walidata-verified records only; no sign-in", "security": []obj{},
				"parameters": []obj{q("year", "integer", "condition as of the end of this year; default now")}, "responses": std("200", "summary")}},
			"/api/v1/outlines": obj{"get": obj{"summary": "Offline basemap: the office boundary and, for the synthetic demo network, kecamatan outlines with label points; no sign-in", "security": []obj{}, "responses": obj{"200": obj{"description": "GeoJSON FeatureCollection", "content": obj{"application/geo+json": obj{"schema": obj{"type": "object"}}}}}}},
			"/api/v1/publik/map": obj{"get": obj{"summary": "As /api/v1/map, over walidata-verified records only; no sign-in", "security": []obj{},
				"parameters": []obj{{"name": "bbox", "in": "query", "required": true, "schema": str, "description": "minLon,minLat,maxLon,maxLat (WGS84)"},
					q("zoom", "integer", "web-map zoom 0–22"), q("kecamatan", "string", ""), q("surface", "string", ""), q("kondisi", "string", "")},
				"responses": obj{"200": obj{"description": "GeoJSON FeatureCollection", "content": obj{"application/geo+json": obj{"schema": obj{"type": "object"}}}}, "400": errRef}}},
		},
		"components": obj{
			"securitySchemes": obj{"token": obj{"type": "http", "scheme": "bearer",
				"description": "An API token from `ruas user token --name NAME` (or the admin's account page): acts as that account, with its role. Browsers use the session cookie of /masuk instead, and send the session's CSRF token (X-CSRF-Token) with every POST and PUT."}},
			"responses": obj{"Error": obj{"description": "error", "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}},
			"schemas": obj{
				"Error": obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": obj{"type": "object",
					"required": []string{"code", "message", "fields"},
					"properties": obj{"code": obj{"type": "string", "enum": []string{"bad_request", "invalid", "conflict", "not_found", "unauthenticated", "forbidden", "csrf", "too_many_requests", "internal"}},
						"message": str, "fields": obj{"type": "array", "items": obj{"type": "object", "properties": obj{"field": str, "value": str, "message": str}}},
						"current": obj{"type": "object", "description": "the row as it now stands (409 on a stale edit)"}}}}},
				"RuasInput": obj{"type": "object", "required": []string{"region", "no_ruas", "name"}, "properties": obj{
					"region": str, "no_ruas": str, "name": str, "status": str, "fungsi": str, "surface": str, "width_m": num, "length_m": num,
					"geometry":       obj{"type": "object", "description": "GeoJSON LineString or MultiLineString, WGS84"},
					"kecamatan_code": str, "kelurahan_code": str, "year_built": integer, "design_life": integer, "notes": str,
					"version": obj{"type": "integer", "description": "row version read (PUT)"}, "user": str}},
				"Unit": obj{"type": "object", "properties": obj{"sta_from_m": num, "sta_to_m": num, "crack_area_pct": nnum, "crack_width_mm": nnum,
					"potholes": obj{"type": []string{"number", "null"}, "description": "count in the unit"}, "rut_cm": nnum, "iri": nnum, "pci": nnum, "length_m": num}},
				"SurveyInput": obj{"type": "object", "required": []string{"date", "units"}, "properties": obj{"date": obj{"type": "string", "format": "date"},
					"user": str, "units": obj{"type": "array", "items": obj{"$ref": "#/components/schemas/Unit"}}}},
				"WorksInput": obj{"type": "object", "required": []string{"date", "type"}, "properties": obj{"date": obj{"type": "string", "format": "date"},
					"type": str, "sta_from_m": num, "sta_to_m": num, "quantity": num, "unit": str, "cost_rp": num, "funding": str, "sub_kegiatan": str,
					"nomen_version": str, "contract_ref": str, "committed": obj{"type": "boolean"}, "user": str}},
				"TrafficInput": obj{"type": "object", "required": []string{"year", "lhr"}, "properties": obj{"year": integer, "lhr": num,
					"by_class": obj{"type": "object", "additionalProperties": num}, "user": str}},
				"VerifyInput": obj{"type": "object", "required": []string{"entity", "ids", "action"}, "properties": obj{
					"entity": obj{"type": "string", "enum": []string{"ruas", "survey", "works", "traffic"}}, "ids": obj{"type": "array", "items": integer},
					"revisions": obj{"type": "array", "items": integer, "description": "one per id, from GET /api/v1/verification; a record changed since is refused (409) and nothing is applied"},
					"action":    obj{"type": "string", "enum": []string{"verify", "return"}}, "reason": obj{"type": "string", "description": "required to return"}}},
				"PlanInput": obj{"type": "object", "required": []string{"from_year", "years", "budgets_rp"}, "properties": obj{"from_year": integer, "years": integer,
					"budgets_rp": obj{"type": "array", "items": num}, "method": str, "nomenclature": str,
					"scenarios_rp": obj{"type": "array", "items": num},
					"target":       obj{"type": "object", "properties": obj{"kemantapan_pct": num, "year": integer}}, "user": str,
					"verified_only": obj{"type": "boolean", "description": "plan on walidata-verified records only (adoptable); else every record, and the plan is a draft (\"draf\")"}}},
			},
		},
	}
}

func (s *Server) openapiShow(c *gin.Context) error {
	c.JSON(http.StatusOK, openapiDoc())
	return nil
}
