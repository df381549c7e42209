package publish

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// LoadYears is Load for an export that reads only some plan years (the
// SIPD usulan reads its year and the next): the other years of the stored
// result are scanned but not decoded, and keep only their Year, so that
// FromYear, LastYear and PlanYear's messages stay the same. A 10-year plan
// on a million sections spends most of its decoding on works lists the
// export never reads. PlanYear refuses a year that was not decoded.
func LoadYears(run *roads.PlanRun, net *roads.Network, allowStale bool, years ...int) (*Source, error) {
	if run == nil || net == nil {
		return nil, fmt.Errorf("publish: a plan run and the register are both needed")
	}
	d, err := DecodeYears(run, years...)
	if err != nil {
		return nil, err
	}
	return d.Pair(net, allowStale)
}

// Decoded is a stored plan run decoded by DecodeYears, not yet paired with
// the register. It does not hold the stored result's bytes: a caller can
// let them go before it reads the register.
type Decoded struct {
	run  roads.PlanRun // without Result
	res  *planner.Result
	keep map[int]bool
}

// DecodeYears decodes a stored plan run as LoadYears does.
func DecodeYears(run *roads.PlanRun, years ...int) (*Decoded, error) {
	if run == nil {
		return nil, fmt.Errorf("publish: a plan run is needed")
	}
	keep := map[int]bool{}
	for _, y := range years {
		keep[y] = true
	}
	res, err := decodeYears(run.Result, keep)
	if err != nil {
		return nil, fmt.Errorf("rencana #%d: hasil yang tersimpan tidak dapat dibaca (%v); jalankan `ruas plan` lagi", run.ID, err)
	}
	d := &Decoded{run: *run, res: res, keep: keep}
	d.run.Result = nil
	return d, nil
}

// Pair makes the Source of the decoded run and the register, as Load does.
func (d *Decoded) Pair(net *roads.Network, allowStale bool) (*Source, error) {
	if net == nil {
		return nil, fmt.Errorf("publish: the register is needed")
	}
	s, err := loadDecoded(&d.run, d.res, net, allowStale)
	if err != nil {
		return nil, err
	}
	s.decoded = d.keep
	return s, nil
}

// decodeYears decodes a stored result, the works of the plan years in keep
// only. The years array is cut into its elements by a plain bracket scan
// (splitTop), without the JSON decoder's validation of the years it skips:
// scanning all of a million-section result three times cost more than the
// decoding it saved. When the scan does not find the shape Result is
// written in, the whole result is decoded as Load does.
func decodeYears(b []byte, keep map[int]bool) (*planner.Result, error) {
	rest, years, ok := splitTop(b, "years")
	if !ok {
		var res planner.Result
		err := json.Unmarshal(b, &res)
		return &res, err
	}
	var res planner.Result
	if err := json.Unmarshal(rest, &res); err != nil {
		return nil, err
	}
	res.Plan = nil
	if years == nil {
		return &res, nil
	}
	res.Plan = make([]planner.YearResult, 0, len(years))
	for _, raw := range years {
		var yr planner.YearResult
		year, ok := leadingYear(raw)
		if !ok || keep[year] {
			if err := json.Unmarshal(raw, &yr); err != nil {
				return nil, err
			}
		} else {
			yr.Year = year
		}
		res.Plan = append(res.Plan, yr)
	}
	return &res, nil
}

// splitTop cuts the JSON object b into the object without its key (rest)
// and the elements of that key's array value. ok is false when b is not
// an object, the key is missing or repeated, or its value is not an array
// or null (years is nil then). Strings are skipped with their escapes;
// nothing else is validated here (json.Unmarshal of rest and of each
// decoded element does that).
func splitTop(b []byte, key string) (rest []byte, elems [][]byte, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, nil, false
	}
	i++
	found := false
	rest = make([]byte, 0, 4096)
	rest = append(rest, '{')
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, nil, false
		}
		if b[i] == '}' {
			break
		}
		if b[i] == ',' {
			i++
			continue
		}
		kStart := i
		kEnd, good := skipValue(b, i)
		if !good || b[kStart] != '"' {
			return nil, nil, false
		}
		i = skipSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return nil, nil, false
		}
		vStart := skipSpace(b, i+1)
		vEnd, good := skipValue(b, vStart)
		if !good {
			return nil, nil, false
		}
		i = vEnd
		if string(b[kStart:kEnd]) == `"`+key+`"` {
			if found {
				return nil, nil, false
			}
			found = true
			if string(b[vStart:vEnd]) == "null" {
				continue
			}
			if elems, good = splitArray(b[vStart:vEnd]); !good {
				return nil, nil, false
			}
			continue
		}
		if len(rest) > 1 {
			rest = append(rest, ',')
		}
		rest = append(rest, b[kStart:vEnd]...)
	}
	if !found || skipSpace(b, i+1) != len(b) {
		return nil, nil, false
	}
	return append(rest, '}'), elems, true
}

// splitArray returns the elements of the JSON array a.
func splitArray(a []byte) ([][]byte, bool) {
	if len(a) < 2 || a[0] != '[' {
		return nil, false
	}
	out := [][]byte{}
	i := 1
	for {
		i = skipSpace(a, i)
		if i >= len(a) {
			return nil, false
		}
		switch a[i] {
		case ']':
			return out, i == len(a)-1
		case ',':
			i++
			continue
		}
		end, ok := skipValue(a, i)
		if !ok {
			return nil, false
		}
		out = append(out, a[i:end])
		i = end
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at b[i].
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				end, ok := skipString(b, i)
				if !ok {
					return i, false
				}
				i = end
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, true
				}
			}
			i++
		}
		return i, false
	}
	start := i
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i, i > start
}

// skipString returns the end of the JSON string starting at b[i] (a quote).
func skipString(b []byte, i int) (int, bool) {
	i++
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return len(b), false
		}
		i += j
		// The quote ends the string unless an odd number of backslashes
		// escapes it.
		n := 0
		for k := i - 1; k >= 0 && b[k] == '\\'; k-- {
			n++
		}
		i++
		if n%2 == 0 {
			return i, true
		}
	}
}

// leadingYear reads the "year" of a plan year object when it is the first
// key, as YearResult is written; ok is false otherwise (then the caller
// decodes the whole object).
func leadingYear(raw []byte) (year int, ok bool) {
	const prefix = `{"year":`
	if !bytes.HasPrefix(raw, []byte(prefix)) {
		return 0, false
	}
	i := len(prefix)
	start := i
	for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
		year = year*10 + int(raw[i]-'0')
		i++
	}
	if i == start || i-start > 6 || i >= len(raw) || (raw[i] != ',' && raw[i] != '}') {
		return 0, false
	}
	return year, true
}
