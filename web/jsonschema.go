package web

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"time"
)

// schemaSet derives JSON Schemas (OpenAPI 3.1 dialect) from Go types by
// reflection, following encoding/json's rules: json tags name fields, "-"
// hides one, embedded structs are flattened, pointers, slices and maps may
// be null, fields
// without omitempty are required. Named struct types become components
// (#/components/schemas/Name) so a type described once is referenced
// everywhere and recursive types terminate. A type with its own MarshalJSON
// needs an entry in overrides (the shape it encodes as); without one it is
// described as any value, never as a guess.
type schemaSet struct {
	defs      obj
	names     map[reflect.Type]string
	overrides map[reflect.Type]any // the value whose shape a custom encoder writes
}

func newSchemaSet(overrides map[reflect.Type]any) *schemaSet {
	return &schemaSet{defs: obj{}, names: map[reflect.Type]string{}, overrides: overrides}
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	rawType       = reflect.TypeFor[json.RawMessage]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
	badNameChars  = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
)

// of is the schema of the value v's type (v may be a nil pointer of it).
func (ss *schemaSet) of(v any) obj { return ss.schema(reflect.TypeOf(v)) }

func (ss *schemaSet) schema(t reflect.Type) obj {
	if t == nil {
		return obj{}
	}
	if v, ok := ss.overrides[t]; ok {
		return ss.schema(reflect.TypeOf(v))
	}
	switch t {
	case timeType:
		return obj{"type": "string", "format": "date-time"}
	case rawType:
		return obj{"description": "JSON as stored"}
	}
	if t.Kind() != reflect.Pointer && (t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType)) {
		return obj{"description": "encoded by " + t.String() + ".MarshalJSON"}
	}
	switch t.Kind() {
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return obj{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return obj{"type": "number"}
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Pointer:
		return nullable(ss.schema(t.Elem()))
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return obj{"type": "string", "contentEncoding": "base64"}
		}
		if t.Kind() == reflect.Array {
			return obj{"type": "array", "items": ss.schema(t.Elem()), "minItems": t.Len(), "maxItems": t.Len()}
		}
		return obj{"type": []string{"array", "null"}, "items": ss.schema(t.Elem())} // a nil slice is null
	case reflect.Map:
		return obj{"type": []string{"object", "null"}, "additionalProperties": ss.schema(t.Elem())} // a nil map is null
	case reflect.Interface:
		return obj{}
	case reflect.Struct:
		if t.Name() == "" {
			return ss.object(t)
		}
		name := ss.nameOf(t)
		if _, done := ss.defs[name]; !done {
			ss.defs[name] = obj{} // placeholder: a recursive reference ends here
			ss.defs[name] = ss.object(t)
		}
		return obj{"$ref": "#/components/schemas/" + name}
	}
	return obj{"description": "not encodable as JSON"}
}

// nullable lets a schema also be null (a Go pointer).
func nullable(s obj) obj {
	if typ, ok := s["type"].(string); ok && len(s) == 1 {
		return obj{"type": []string{typ, "null"}}
	}
	if len(s) == 0 {
		return s // any value includes null
	}
	return obj{"anyOf": []obj{s, {"type": "null"}}}
}

// nameOf names a struct's component: the type's name for this package's
// types (capitalised), package.Name for others; another type of the same
// name gets its package path spelt out.
func (ss *schemaSet) nameOf(t reflect.Type) string {
	if n, ok := ss.names[t]; ok {
		return n
	}
	name := t.Name()
	pkg := t.PkgPath()
	if strings.HasSuffix(pkg, "/web") {
		name = strings.ToUpper(name[:1]) + name[1:]
	} else {
		name = pkg[strings.LastIndex(pkg, "/")+1:] + "." + name
	}
	name = strings.Trim(badNameChars.ReplaceAllString(name, "_"), "_")
	for other, n := range ss.names {
		if n == name && other != t {
			name = strings.Trim(badNameChars.ReplaceAllString(pkg+"."+t.Name(), "_"), "_")
			break
		}
	}
	ss.names[t] = name
	return name
}

// object describes a struct's JSON object.
func (ss *schemaSet) object(t reflect.Type) obj {
	props := obj{}
	var required []string
	ss.fields(t, props, &required, map[string]bool{})
	out := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// fields adds t's encoded fields; an outer field hides an embedded one of
// the same name, as encoding/json does.
func (ss *schemaSet) fields(t reflect.Type, props obj, required *[]string, seen map[string]bool) {
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, ft)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		s := ss.schema(ft)
		if strings.Contains(","+opts+",", ",string,") {
			s = obj{"type": "string"}
		}
		props[name] = s
		if !strings.Contains(","+opts+",", ",omitempty,") && !strings.Contains(","+opts+",", ",omitzero,") {
			*required = append(*required, name)
		}
	}
	for _, e := range embedded {
		ss.fields(e, props, required, seen)
	}
}
