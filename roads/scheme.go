package roads

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/kotablitar/ruas/data"
)

// Scheme is a condition grading scheme and its explicit, versioned mapping
// onto the Bina Marga classes. Office files grade condition on other
// scales (village data: Baik, Rusak Ringan, Rusak Sedang, Rusak Berat) in
// which the same words name different classes; figures are converted only
// through such a table, and every converted figure names its version.
type Scheme struct {
	Version       string             `json:"version"`
	Code          string             `json:"scheme"`
	Name          string             `json:"name"`
	Classes       []string           `json:"classes"` // codes, best to worst
	Labels        []string           `json:"labels"`
	ToBinaMarga   map[string]Kondisi `json:"to_bina_marga"`
	Justification string             `json:"justification"`
}

// Scheme codes known to the register.
const (
	SchemeBinaMarga = "bm"
	SchemeDesa4     = "desa4"
)

var (
	schemesOnce sync.Once
	schemesAll  map[string]*Scheme
	schemesErr  error
)

func loadSchemes() {
	schemesAll = map[string]*Scheme{}
	paths, err := fs.Glob(data.FS, "rules/scheme_*.json")
	if err != nil {
		schemesErr = err
		return
	}
	for _, p := range paths {
		b, err := data.FS.ReadFile(p)
		if err != nil {
			schemesErr = err
			return
		}
		var s Scheme
		if err := json.Unmarshal(b, &s); err != nil {
			schemesErr = fmt.Errorf("%s: %w", p, err)
			return
		}
		if len(s.Classes) != 4 || len(s.Labels) != 4 {
			schemesErr = fmt.Errorf("%s: a scheme has four classes with four labels", p)
			return
		}
		for _, c := range s.Classes {
			if s.ToBinaMarga[c].Rank() < 0 {
				schemesErr = fmt.Errorf("%s: class %q has no Bina Marga class", p, c)
				return
			}
		}
		schemesAll[s.Code] = &s
	}
}

// SchemeOf returns the current mapping table of a scheme code.
func SchemeOf(code string) (*Scheme, error) {
	schemesOnce.Do(loadSchemes)
	if schemesErr != nil {
		return nil, schemesErr
	}
	s, ok := schemesAll[code]
	if !ok {
		var known []string
		for c := range schemesAll {
			known = append(known, c)
		}
		sort.Strings(known)
		return nil, fmt.Errorf("%w: condition scheme %q (known: %v)", ErrNotFound, code, known)
	}
	return s, nil
}

// Convert maps metres per class of this scheme (in Classes order) onto
// metres per Bina Marga class (in Kondisis order).
func (s *Scheme) Convert(parts [4]float64) [4]float64 {
	var out [4]float64
	for i, c := range s.Classes {
		out[s.ToBinaMarga[c].Rank()] += parts[i]
	}
	return out
}
