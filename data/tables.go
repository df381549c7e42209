package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// ErrTable is the error of an embedded table that cannot be used: not
// JSON, without its version or a required field, or refused by its
// kind's own checks.
var ErrTable = errors.New("bad table")

// ErrUnknown is the error of a version (or key) no embedded table has.
var ErrUnknown = errors.New("unknown table")

// Spec says where the tables of one kind are and what each must hold.
type Spec struct {
	Kind     string   // what the tables are, for messages: "condition rules"
	Pattern  string   // the embedded files, e.g. "rules/condition_*.json"
	Key      string   // the top-level field a table is looked up by; "" is "version"
	Required []string // top-level fields every table must have, besides version and Key
	Strict   bool     // a field the Go type does not know is an error (a misspelt setting)
}

// Meta is what every table says of itself: the version every table
// carries, the key it is looked up by, and the year it applies from
// (valid_from; 0 without one).
type Meta struct {
	File      string
	Version   string
	Key       string
	ValidFrom int
}

// Decode reads one table of the kind: the version (a non-empty string),
// the key and every required field must be there and not null; then the
// whole file is decoded into a T. name says where the bytes came from.
func Decode[T any](s Spec, name string, b []byte) (*T, Meta, error) {
	meta := Meta{File: name}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, meta, fmt.Errorf("%w: %s: %s is not a JSON object: %v", ErrTable, name, s.Kind, err)
	}
	str := func(field string) (string, error) {
		raw, ok := top[field]
		var v string
		if !ok || json.Unmarshal(raw, &v) != nil || strings.TrimSpace(v) == "" {
			return "", fmt.Errorf("%w: %s: %s table: no %s (field %q must be a non-empty text naming the table)", ErrTable, name, s.Kind, field, field)
		}
		return v, nil
	}
	var err error
	if meta.Version, err = str("version"); err != nil {
		return nil, meta, err
	}
	meta.Key = meta.Version
	if s.Key != "" && s.Key != "version" {
		if meta.Key, err = str(s.Key); err != nil {
			return nil, meta, err
		}
	}
	var missing []string
	for _, f := range s.Required {
		if raw, ok := top[f]; !ok || string(bytes.TrimSpace(raw)) == "null" {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, meta, fmt.Errorf("%w: %s: %s %s lacks %s; every %s table needs version, %s", ErrTable, name, s.Kind, meta.Version,
			strings.Join(missing, ", "), s.Kind, strings.Join(s.Required, ", "))
	}
	if raw, ok := top["valid_from"]; ok {
		if err := json.Unmarshal(raw, &meta.ValidFrom); err != nil {
			return nil, meta, fmt.Errorf("%w: %s: %s %s: valid_from must be a year: %v", ErrTable, name, s.Kind, meta.Version, err)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if s.Strict {
		dec.DisallowUnknownFields()
	}
	t := new(T)
	if err := dec.Decode(t); err != nil {
		return nil, meta, fmt.Errorf("%w: %s: %s %s: %v", ErrTable, name, s.Kind, meta.Version, err)
	}
	return t, meta, nil
}

// Tables are the embedded tables of one kind, read and checked once, on
// first use. Check is the kind's own check of a decoded table.
type Tables[T any] struct {
	Spec
	Check func(*T) error

	once  sync.Once
	all   map[string]*T
	metas map[string]Meta
	err   error
}

func (ts *Tables[T]) load() {
	ts.all, ts.metas = map[string]*T{}, map[string]Meta{}
	paths, err := fs.Glob(FS, ts.Pattern)
	if err != nil {
		ts.err = err
		return
	}
	for _, p := range paths {
		b, err := FS.ReadFile(p)
		if err != nil {
			ts.err = err
			return
		}
		t, m, err := Decode[T](ts.Spec, p, b)
		if err != nil {
			ts.err = err
			return
		}
		if ts.Check != nil {
			if err := ts.Check(t); err != nil {
				ts.err = fmt.Errorf("%w: %s: %s %s: %v", ErrTable, p, ts.Kind, m.Version, err)
				return
			}
		}
		if other, dup := ts.metas[m.Key]; dup {
			ts.err = fmt.Errorf("%w: %s and %s are both %s %q", ErrTable, other.File, p, ts.Kind, m.Key)
			return
		}
		ts.all[m.Key], ts.metas[m.Key] = t, m
	}
	if len(ts.all) == 0 {
		ts.err = fmt.Errorf("%w: no %s table embedded (%s)", ErrTable, ts.Kind, ts.Pattern)
	}
}

// Keys lists the keys (versions, unless Spec.Key says otherwise) of the
// embedded tables, sorted.
func (ts *Tables[T]) Keys() ([]string, error) {
	ts.once.Do(ts.load)
	if ts.err != nil {
		return nil, ts.err
	}
	keys := make([]string, 0, len(ts.all))
	for k := range ts.all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, nil
}

// Get returns the table of a key, or with "" the newest: the highest
// valid_from, then the highest version.
func (ts *Tables[T]) Get(key string) (*T, error) {
	ts.once.Do(ts.load)
	if ts.err != nil {
		return nil, ts.err
	}
	if key != "" {
		t, ok := ts.all[key]
		if !ok {
			keys, _ := ts.Keys()
			what := "versions"
			if ts.Key != "" && ts.Key != "version" {
				what = ts.Key + "s"
			}
			return nil, fmt.Errorf("%w: %s %q is not embedded; known %s: %s", ErrUnknown, ts.Kind, key, what, strings.Join(keys, ", "))
		}
		return t, nil
	}
	var best Meta
	found := false
	for _, m := range ts.metas {
		if !found || m.ValidFrom > best.ValidFrom || m.ValidFrom == best.ValidFrom && m.Version > best.Version {
			best, found = m, true
		}
	}
	return ts.all[best.Key], nil
}
