package roads

import "strings"

// normalizeWord lower-cases s, trims it and joins words with underscores,
// so "Rusak  Ringan" and "rusak_ringan" compare equal.
func normalizeWord(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "_", " "))), "_")
}

// BoundText cuts s to at most n characters (whole runes).
func BoundText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
