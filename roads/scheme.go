package roads

import (
	"errors"
	"fmt"

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

// schemes are the embedded mapping tables, by scheme code.
var schemes = data.Tables[Scheme]{Spec: data.Spec{Kind: "condition scheme", Pattern: "rules/scheme_*.json", Key: "scheme",
	Required: []string{"classes", "labels", "to_bina_marga"}}, Check: (*Scheme).validate}

func (s *Scheme) validate() error {
	if len(s.Classes) != 4 || len(s.Labels) != 4 {
		return fmt.Errorf("a scheme has four classes with four labels")
	}
	for _, c := range s.Classes {
		if s.ToBinaMarga[c].Rank() < 0 {
			return fmt.Errorf("class %q has no Bina Marga class", c)
		}
	}
	return nil
}

// SchemeOf returns the current mapping table of a scheme code.
func SchemeOf(code string) (*Scheme, error) {
	if code == "" {
		return nil, fmt.Errorf("%w: no condition scheme named", ErrNotFound)
	}
	s, err := schemes.Get(code)
	if errors.Is(err, data.ErrUnknown) {
		return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return s, err
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
