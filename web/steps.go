package web

import (
	"regexp"
	"strings"
)

// The register derives a survey unit's class in steps it writes in
// English and stores with the survey (roads.Assessment.Steps), so that a
// stored derivation never changes. stepWords says each step pattern the
// way a Bahasa Indonesia reader writes it; a step no pattern knows is
// shown as stored.
var stepWords = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`^SDI1 = (\S+) \(crack area (\S+) %\)$`), "SDI1 = $1 (luas retak $2 %)"},
	{regexp.MustCompile(`^SDI2 = (\S+) \(crack width (\S+) mm > (\S+) mm doubles SDI1\)$`), "SDI2 = $1 (lebar retak $2 mm > $3 mm: SDI1 dikali dua)"},
	{regexp.MustCompile(`^SDI2 = (\S+) \(crack width (\S+) mm ≤ (\S+) mm\)$`), "SDI2 = $1 (lebar retak $2 mm ≤ $3 mm)"},
	{regexp.MustCompile(`^SDI3 = (\S+) \((\S+) potholes in (\S+) m = (\S+) per km\)$`), "SDI3 = $1 ($2 lubang dalam $3 m = $4 per km)"},
	{regexp.MustCompile(`^SDI = (\S+) \(rut depth (\S+) cm\)$`), "SDI = $1 (kedalaman alur $2 cm)"},
	{regexp.MustCompile(`^IRI (\S+) m/km → (.+)$`), "IRI $1 m/km → $2"},
	{regexp.MustCompile(`^SDI (\S+) → (.+?); class is the worse of IRI and SDI: (.+)$`), "SDI $1 → $2; kelas adalah yang lebih buruk dari IRI dan SDI: $3"},
	{regexp.MustCompile(`^SDI (\S+) → (.+?) \(no IRI measured: class from SDI alone\)$`), "SDI $1 → $2 (IRI tidak diukur: kelas dari SDI saja)"},
	{regexp.MustCompile(`^no complete visual survey: class from IRI alone$`), "survei visual tidak lengkap: kelas dari IRI saja"},
}

// decimalPoint finds a decimal point between digits (2.5), which Bahasa
// Indonesia writes as a comma (2,5).
var decimalPoint = regexp.MustCompile(`(\d)\.(\d)`)

// Step writes one stored derivation step in the reader's language.
func (l Locale) Step(s string) string {
	if l.Lang == EN {
		return s
	}
	for _, w := range stepWords {
		if w.re.MatchString(s) {
			out := w.re.ReplaceAllString(s, w.id)
			return decimalPoint.ReplaceAllString(out, "$1,$2")
		}
	}
	return s
}

// Steps writes a derivation in the reader's language.
func (l Locale) Steps(steps []string) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = l.Step(s)
	}
	return out
}

// stepsEnglish reports whether a step still reads in English after Step:
// the test uses it to catch a new step the patterns do not know.
func stepsEnglish(s string) bool {
	for _, w := range []string{"crack", "potholes", "rut depth", "class is", "no IRI", "alone", "doubles"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
