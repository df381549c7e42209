package web

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestRouteTable: each method and path is declared once, API routes (and
// only they) sit under /api/v1/ with a document entry, and every route
// names a handler.
func TestRouteTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range routeTable() {
		key := r.method + " " + r.path
		if seen[key] {
			t.Errorf("%s declared twice", key)
		}
		seen[key] = true
		if (r.api != nil) != strings.HasPrefix(r.path, "/api/v1/") {
			t.Errorf("%s: api operation %v, but the path says otherwise", key, r.api != nil)
		}
		if !r.rule.declared {
			t.Errorf("%s has no access rule", key)
		}
		if r.serve == nil && !r.static {
			t.Errorf("%s has no handler", key)
		}
		if r.api != nil && r.api.summary == "" {
			t.Errorf("%s has no summary", key)
		}
	}
}

// TestOpenAPIResponses: what each API route answers a real request with
// fits the response schema the document derives from the Go types: every
// required field present, every value of the declared type. A field
// renamed, a nil slice written as null, or a type changed in a handler
// without the document following fails here.
func TestOpenAPIResponses(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	id := rs[0].ID
	doc := openapiDoc()
	var plan struct {
		ID int64 `json:"id"`
	}
	calls := []struct {
		method, path, body string
		route              string // OpenAPI path
		status             int
	}{
		{"POST", "/api/v1/plans", `{"from_year":2027,"years":2,"budgets_rp":[1e9,1e9]}`, "/api/v1/plans", 201},
		{"GET", "/api/v1/openapi.json", "", "/api/v1/openapi.json", 200},
		{"GET", "/api/v1/reference", "", "/api/v1/reference", 200},
		{"GET", "/api/v1/rules/condition", "", "/api/v1/rules/condition", 200},
		{"GET", "/api/v1/summary", "", "/api/v1/summary", 200},
		{"GET", "/api/v1/publik/summary", "", "/api/v1/publik/summary", 200},
		{"GET", "/api/v1/map?bbox=112,-8.2,112.3,-8", "", "/api/v1/map", 200},
		{"GET", "/api/v1/publik/map?bbox=112,-8.2,112.3,-8", "", "/api/v1/publik/map", 200},
		{"POST", "/api/v1/assess", `{"iri":4.5}`, "/api/v1/assess", 200},
		{"GET", "/api/v1/ruas", "", "/api/v1/ruas", 200},
		{"POST", "/api/v1/ruas", `{"region":"35.72","no_ruas":"010","name":"Jl. Baru","length_m":200}`, "/api/v1/ruas", 201},
		{"GET", fmt.Sprintf("/api/v1/ruas/%d", id), "", "/api/v1/ruas/{id}", 200},
		{"GET", fmt.Sprintf("/api/v1/ruas/%d", rs[2].ID), "", "/api/v1/ruas/{id}", 200},
		{"POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", id), `{"date":"2026-01-05","units":[{"sta_from_m":0,"sta_to_m":100,"iri":3}]}`, "/api/v1/ruas/{id}/surveys", 201},
		{"POST", fmt.Sprintf("/api/v1/ruas/%d/works", id), `{"date":"2026-01-05","type":"berkala","cost_rp":1000000}`, "/api/v1/ruas/{id}/works", 201},
		{"POST", fmt.Sprintf("/api/v1/ruas/%d/traffic", id), `{"year":2025,"lhr":1200}`, "/api/v1/ruas/{id}/traffic", 201},
		{"GET", fmt.Sprintf("/api/v1/ruas/%d/audit", id), "", "/api/v1/ruas/{id}/audit", 200},
		{"GET", "/api/v1/plans", "", "/api/v1/plans", 200},
		{"GET", "/api/v1/plans/{plan}", "", "/api/v1/plans/{id}", 200},
		{"GET", "/api/v1/me", "", "/api/v1/me", 200},
		{"GET", "/api/v1/verification", "", "/api/v1/verification", 200},
		{"GET", "/api/v1/audit", "", "/api/v1/audit", 200},
		{"GET", "/api/v1/quality", "", "/api/v1/quality", 200},
	}
	for _, tc := range calls {
		path := strings.ReplaceAll(tc.path, "{plan}", fmt.Sprint(plan.ID))
		status, b := a.postJSON(t, tc.method, path, tc.body)
		if status != tc.status {
			t.Errorf("%s %s: %d %s", tc.method, path, status, truncate(string(b), 300))
			continue
		}
		if tc.route == "/api/v1/plans" && tc.method == "POST" {
			json.Unmarshal(b, &plan)
		}
		op, _ := doc["paths"].(obj)[tc.route].(obj)[strings.ToLower(tc.method)].(obj)
		resp, _ := op["responses"].(obj)[fmt.Sprint(tc.status)].(obj)
		var schema obj
		for _, m := range resp["content"].(obj) {
			schema = m.(obj)["schema"].(obj)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s %s: %v", tc.method, path, err)
		}
		for _, p := range checkSchema(doc, schema, v, "$") {
			t.Errorf("%s %s: %s", tc.method, path, p)
		}
	}
}

// checkSchema lists where v breaks schema: the subset of JSON Schema the
// document uses ($ref, type, properties, required, items, min/maxItems,
// additionalProperties, anyOf, enum).
func checkSchema(doc, schema obj, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		def, ok := doc["components"].(obj)["schemas"].(obj)[name].(obj)
		if !ok {
			return []string{at + ": no schema " + name}
		}
		return checkSchema(doc, def, v, at)
	}
	if alts, ok := schema["anyOf"].([]obj); ok {
		var all []string
		for _, alt := range alts {
			p := checkSchema(doc, alt, v, at)
			if len(p) == 0 {
				return nil
			}
			all = append(all, p...)
		}
		return []string{at + ": fits no alternative: " + strings.Join(all, "; ")}
	}
	var types []string
	switch typ := schema["type"].(type) {
	case string:
		types = []string{typ}
	case []string:
		types = typ
	}
	if len(types) > 0 {
		fits := false
		for _, typ := range types {
			fits = fits || jsonType(v, typ)
		}
		if !fits {
			return []string{fmt.Sprintf("%s: %s, want %v", at, truncate(fmt.Sprint(v), 60), types)}
		}
	}
	var out []string
	if s, ok := v.(string); ok && schema["format"] == "date-time" && !dateTime.MatchString(s) {
		out = append(out, fmt.Sprintf("%s: %q is not a date-time", at, s))
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(obj)
		req, _ := schema["required"].([]string)
		for _, k := range req {
			if _, ok := x[k]; !ok {
				out = append(out, at+": missing required "+k)
			}
		}
		for k, fv := range x {
			if ps, ok := props[k].(obj); ok {
				out = append(out, checkSchema(doc, ps, fv, at+"."+k)...)
			} else if ap, ok := schema["additionalProperties"].(obj); ok {
				out = append(out, checkSchema(doc, ap, fv, at+"."+k)...)
			} else if props != nil {
				out = append(out, at+": field "+k+" not in the schema")
			}
		}
	case []any:
		if n, ok := schema["minItems"].(int); ok && len(x) < n {
			out = append(out, fmt.Sprintf("%s: %d items, want at least %d", at, len(x), n))
		}
		if n, ok := schema["maxItems"].(int); ok && len(x) > n {
			out = append(out, fmt.Sprintf("%s: %d items, want at most %d", at, len(x), n))
		}
		if is, ok := schema["items"].(obj); ok {
			for i, e := range x {
				out = append(out, checkSchema(doc, is, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	if enum, ok := schema["enum"].([]string); ok {
		s, _ := v.(string)
		found := false
		for _, e := range enum {
			found = found || e == s
		}
		if !found {
			out = append(out, fmt.Sprintf("%s: %v not in %v", at, v, enum))
		}
	}
	return out
}

var dateTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)

func jsonType(v any, typ string) bool {
	switch typ {
	case "null":
		return v == nil
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

// TestRouteWithoutRule: a route declared without an access rule (the
// zero access) is refused to everyone, signed in or not, and left out of
// routeAccess, so TestRouteRules names it.
func TestRouteWithoutRule(t *testing.T) {
	var none access
	for _, r := range append(roads.Roles, "") {
		var acct *roads.Account
		if r != "" {
			acct = &roads.Account{Role: r}
		}
		if none.allows(acct) {
			t.Errorf("no rule allows %q", r)
		}
	}
	m := accessTable([]route{{method: get, path: "/tanpa-aturan"}, pageRoute(get, "/dengan", signedIn, nil)})
	if _, ok := m["GET /tanpa-aturan"]; ok || len(m) != 1 {
		t.Errorf("access table %v", m)
	}
}

// TestRequestSchemas: the request bodies the document describes are the
// Go types the handlers decode: no annotation names a field the type does
// not have (decodeJSON would refuse it), every field of the type is in
// the schema, and every body a route names is described.
func TestRequestSchemas(t *testing.T) {
	doc := openapiDoc()
	schemas := doc["components"].(obj)["schemas"].(obj)
	for name, hand := range requestAnnotations() {
		typ, ok := requestTypes[name]
		if !ok {
			t.Errorf("%s: no Go type", name)
			continue
		}
		ss := newSchemaSet(schemaOverrides)
		fields := ss.object(reflect.TypeOf(typ))["properties"].(obj)
		for k := range hand.(obj)["properties"].(obj) {
			if _, ok := fields[k]; !ok {
				t.Errorf("%s: the document names %q, which %T does not decode", name, k, typ)
			}
		}
		got := schemas[name].(obj)["properties"].(obj)
		for k := range fields {
			if _, ok := got[k]; !ok {
				t.Errorf("%s: field %q of %T missing from the document", name, k, typ)
			}
		}
	}
	for _, r := range routeTable() {
		if r.api == nil {
			continue
		}
		if name, ok := r.api.body.(string); ok {
			if _, ok := schemas[name]; !ok {
				t.Errorf("%s %s: body %s not described", r.method, r.path, name)
			}
		}
	}
}
