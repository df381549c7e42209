package web

import (
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// obj is a JSON object of the OpenAPI document.
type obj = map[string]any

// openapiDoc is the OpenAPI document of the API routes of routeTable:
// paths, parameters, who may call each (security, x-roles, 401/403), and
// response schemas reflected from the Go types the handlers encode.
func openapiDoc() obj {
	ss := newSchemaSet(schemaOverrides)
	paths := obj{}
	for _, r := range routeTable() {
		if r.api == nil {
			continue
		}
		p := ginParam.ReplaceAllString(r.path, "{$1}")
		ops, _ := paths[p].(obj)
		if ops == nil {
			ops = obj{}
			paths[p] = ops
		}
		ops[strings.ToLower(r.method)] = openapiOp(r, ss)
	}
	schemas := obj{}
	for k, v := range ss.defs {
		schemas[k] = v
	}
	for k, v := range requestSchemas(ss) {
		schemas[k] = v
	}
	str := obj{"type": "string"}
	schemas["Error"] = obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": obj{"type": "object",
		"required": []string{"code", "message", "fields"},
		"properties": obj{"code": obj{"type": "string", "enum": []string{"bad_request", "invalid", "conflict", "not_found", "unauthenticated", "forbidden", "csrf", "too_many_requests", "internal"}},
			"message": str, "fields": obj{"type": "array", "items": obj{"type": "object", "properties": obj{"field": str, "value": str, "message": str}}},
			"current": obj{"type": "object", "description": "the row as it now stands (409 on a stale edit)"}}}}}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "ruas API", "version": "1",
			"description": "Road register, condition, planning. Lengths in metres, money in Rupiah, IRI in m/km. Text in Indonesian; add ?lang=en for English messages. " +
				"Every call needs an account (Authorization: Bearer TOKEN) except the reference lists, the rule table, this document and /api/v1/publik/*; each role may call what its work needs (produsen enter data, walidata verify, perencana plan and export, admin manage accounts); x-roles lists the roles of a call open to some roles only. " +
				"A \"user\" field in a request body is ignored: the signed-in account is recorded as the author."},
		"security": []obj{{"token": []string{}}},
		"paths":    paths,
		"components": obj{
			"securitySchemes": obj{"token": obj{"type": "http", "scheme": "bearer",
				"description": "An API token from `ruas user token --name NAME` (or the admin's account page): acts as that account, with its role. Browsers use the session cookie of /masuk instead, and send the session's CSRF token (X-CSRF-Token) with every POST and PUT."}},
			"responses": obj{"Error": obj{"description": "error", "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}},
			"schemas":   schemas,
		},
	}
}

var ginParam = regexp.MustCompile(`[:*](\w+)`)

// schemaOverrides are the shapes of types that encode themselves.
var schemaOverrides = map[reflect.Type]any{
	reflect.TypeFor[planner.ConditionGroup](): conditionGroupJSON{},
	reflect.TypeFor[roads.Percent]():          (*float64)(nil), // NaN is written null
}

// conditionGroupJSON is what planner.ConditionGroup.MarshalJSON writes.
type conditionGroupJSON struct {
	plainConditionGroup
	Kemantapan         roads.Percent `json:"kemantapan_pct"`
	KemantapanSurveyed roads.Percent `json:"kemantapan_surveyed_pct"`
}

type plainConditionGroup planner.ConditionGroup

// openapiOp is the operation of one API route.
func openapiOp(r route, ss *schemaSet) obj {
	op := r.api
	errRef := obj{"$ref": "#/components/responses/Error"}
	out := obj{"summary": op.summary}
	// Who may call it comes from the route's rule.
	errs := op.errors
	if errs == nil {
		errs = []int{400, 404, 422, 500}
	}
	if r.rule.public {
		out["security"] = []obj{}
	} else {
		errs = append(errs, http.StatusUnauthorized)
		if r.rule.roles != nil || changesState(r.method) {
			errs = append(errs, http.StatusForbidden) // another role, or a session without its CSRF token
		}
		if r.rule.roles != nil {
			var names []string
			for _, role := range r.rule.roles {
				names = append(names, string(role))
			}
			out["x-roles"] = names
		}
	}
	// Path parameters from the path; explicit ones replace them in place.
	var params []obj
	for _, m := range ginParam.FindAllStringSubmatch(r.path, -1) {
		if m[1] == "id" {
			params = append(params, obj{"name": "id", "in": "path", "required": true, "schema": obj{"type": "integer", "minimum": 1}, "description": "store id of the ruas or plan run"})
		} else {
			params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": obj{"type": "string"}})
		}
	}
next:
	for _, p := range op.params {
		for i, q := range params {
			if q["name"] == p["name"] && q["in"] == p["in"] {
				params[i] = p
				continue next
			}
		}
		params = append(params, p)
	}
	if len(params) > 0 {
		out["parameters"] = params
	}
	switch b := op.body.(type) {
	case string:
		out["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/" + b}}}}
	case obj:
		out["requestBody"] = b
	}
	responses := obj{}
	ok := op.ok
	if ok == nil {
		ok = map[int]string{http.StatusOK: "ok"}
	}
	for status, desc := range ok {
		resp := obj{"description": desc}
		if op.returns != nil {
			schema, isObj := op.returns.(obj)
			if !isObj {
				schema = ss.of(op.returns)
			}
			media := op.media
			if media == "" {
				media = "application/json"
			}
			resp["content"] = obj{media: obj{"schema": schema}}
		}
		responses[strconv.Itoa(status)] = resp
	}
	for _, status := range errs {
		responses[strconv.Itoa(status)] = errRef
	}
	out["responses"] = responses
	return out
}

// requestTypes are the Go types the handlers decode each request body
// into (decodeJSON refuses any other field).
var requestTypes = map[string]any{"RuasInput": ruasInput{}, "SurveyInput": surveyInput{}, "Unit": unitInput{},
	"WorksInput": worksInput{}, "TrafficInput": trafficInput{}, "VerifyInput": verifyInput{}, "PlanInput": planInput{}, "AssessInput": assessInput{},
	"FieldSyncInput": fieldSyncInput{}, "FieldUnitInput": fieldUnitInput{}, "FieldResolveInput": fieldResolveInput{}}

// requestSchemas are the request bodies: every field of the Go type the
// handler decodes (reflected), with the hand-written annotations on top
// (which fields are required, what they mean). TestRequestSchemas checks
// that no annotation names a field the type does not have.
func requestSchemas(ss *schemaSet) obj {
	out := obj{}
	for name, hand := range requestAnnotations() {
		h := hand.(obj)
		reflected := ss.object(reflect.TypeOf(requestTypes[name]))
		props := reflected["properties"].(obj)
		for k, v := range h["properties"].(obj) {
			props[k] = v
		}
		s := obj{"type": "object", "properties": props}
		if req, ok := h["required"]; ok {
			s["required"] = req
		}
		out[name] = s
	}
	return out
}

// requestAnnotations are the hand-written parts of the request schemas.
func requestAnnotations() obj {
	num := obj{"type": "number"}
	nnum := obj{"type": []string{"number", "null"}}
	str := obj{"type": "string"}
	integer := obj{"type": "integer"}
	return obj{
		"RuasInput": obj{"type": "object", "required": []string{"region", "no_ruas", "name"}, "properties": obj{
			"region": str, "no_ruas": str, "name": str, "status": str, "fungsi": str, "surface": str, "width_m": num, "length_m": num,
			"geometry":       obj{"type": "object", "description": "GeoJSON LineString or MultiLineString, WGS84"},
			"kecamatan_code": str, "kelurahan_code": str, "year_built": integer, "design_life": integer, "notes": str,
			"version": obj{"type": "integer", "description": "row version read (PUT)"}, "user": str}},
		"Unit": obj{"type": "object", "properties": obj{"sta_from_m": num, "sta_to_m": num, "crack_area_pct": nnum, "crack_width_mm": nnum,
			"potholes": obj{"type": []string{"number", "null"}, "description": "count in the unit"}, "rut_cm": nnum, "iri": nnum, "pci": nnum}},
		"AssessInput": obj{"type": "object", "properties": obj{"length_m": obj{"type": "number", "description": "unit length, m; default 100"}, "crack_area_pct": nnum, "crack_width_mm": nnum,
			"potholes": obj{"type": []string{"number", "null"}, "description": "count in the unit"}, "rut_cm": nnum, "iri": nnum}},
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
		"FieldSyncInput": obj{"type": "object", "required": []string{"device", "units"}, "properties": obj{
			"device": obj{"type": "string", "description": "the phone's own id, 8–64 letters, digits or '-'; the audit names it"},
			"units":  obj{"type": "array", "maxItems": maxFieldUnits, "items": obj{"$ref": "#/components/schemas/FieldUnitInput"}}}},
		"FieldUnitInput": obj{"type": "object", "required": []string{"id", "ruas_id", "date", "sta_from_m", "sta_to_m", "form"}, "properties": obj{
			"id":              obj{"type": "string", "description": "made by the phone, 8–64 letters, digits or '-'; a unit sent again with it is not stored twice"},
			"date":            obj{"type": "string", "format": "date"},
			"known_survey_id": obj{"type": "integer", "description": "known_survey_id of the ruas from GET /api/v1/field/ruas when the phone took it; a survey of the stretch stored after it, dated on or after the unit, makes the unit a conflict"},
			"form":            obj{"type": "object", "description": "the RCS form: class codes of GET /api/v1/field/form (crack_area, crack_width, rut, patching), potholes (count), descriptive codes, lat/lon"}}},
		"FieldResolveInput": obj{"type": "object", "required": []string{"keep"}, "properties": obj{"keep": obj{"type": "string", "enum": []string{"mine", "server"}}}},
		"PlanInput": obj{"type": "object", "required": []string{"from_year", "years", "budgets_rp"}, "properties": obj{"from_year": integer, "years": integer,
			"budgets_rp": obj{"type": "array", "items": num}, "method": str, "nomenclature": str,
			"scenarios_rp": obj{"type": "array", "items": num},
			"target":       obj{"type": "object", "properties": obj{"kemantapan_pct": num, "year": integer}}, "user": str,
			"verified_only": obj{"type": "boolean", "description": "plan on walidata-verified records only (adoptable); else every record, and the plan is a draft (\"draf\")"}}},
	}
}

func (s *Server) openapiShow(c *gin.Context) error {
	c.JSON(http.StatusOK, openapiDoc())
	return nil
}
