package roads

import "strings"

// Marks of synthetic (made-up) records: the demo network and any other
// generated data say so in both places, so nobody takes them for an
// office's official register.
const (
	// SyntheticSource is the Source.File of a synthetic record.
	SyntheticSource = "demo:synthetic"
	// SyntheticNotes starts the Notes of a synthetic ruas.
	SyntheticNotes = "DATA SINTETIS"
)

// IsSynthetic reports whether a ruas is synthetic data: its source is
// SyntheticSource or its Notes start with SyntheticNotes. Every page,
// count, export and report asks this one function.
func IsSynthetic(r *Ruas) bool {
	return r != nil && (r.Source.File == SyntheticSource || strings.HasPrefix(r.Notes, SyntheticNotes))
}
