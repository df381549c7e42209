package roads

import "strings"

// normalizeWord lower-cases s, trims it and joins words with underscores,
// so "Rusak  Ringan" and "rusak_ringan" compare equal.
func normalizeWord(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "_", " "))), "_")
}
