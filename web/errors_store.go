package web

import (
	"errors"
	"regexp"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// The register (package roads) raises its errors in English: a sentinel
// (ErrConflict, ErrInvalid, ErrNotFound, ErrForbidden) wrapped with the
// record and the fix. English pages show that text as it is. Bahasa pages
// word it through the catalogue: each known sentence of the register has a
// pattern whose groups (keys, names, values) fill the catalogue's
// Indonesian sentence; an unknown sentence gets its sentinel's general
// Indonesian sentence with the register's own words as the detail.

// storeSentence is one sentence the register writes, and its catalogue key.
type storeSentence struct {
	sentinel error
	re       *regexp.Regexp
	key      string
}

// storeSentences are matched in order: a narrower sentence before a wider
// one that also matches it ("ruas id 7 is not retired" before "ruas id 7").
var storeSentences = func() []storeSentence {
	def := []struct {
		sentinel error
		pattern  string
		key      string
	}{
		{roads.ErrConflict, `ruas (\S+) already exists; edit it`, "store.ruas_exists"},
		{roads.ErrConflict, `another ruas already has key (\S+)`, "store.ruas_key_taken"},
		{roads.ErrConflict, `ruas (\S+) is already retired`, "store.ruas_retired_already"},
		{roads.ErrConflict, `ruas (\S+) already has a survey on (\S+) for STA (\S+)–(\S+)`, "store.survey_exists"},
		{roads.ErrConflict, `account "(.*?)" already exists`, "store.account_exists"},
		{roads.ErrNotFound, `ruas (\S+) \(id (\d+)\) was deleted`, "store.ruas_deleted"},
		{roads.ErrNotFound, `ruas id (\d+) is not retired`, "store.ruas_not_retired"},
		{roads.ErrNotFound, `ruas (\S+) is not in the register`, "store.ruas_missing"},
		{roads.ErrNotFound, `ruas id (\d+)$`, "store.ruas_id_missing"},
		{roads.ErrNotFound, `ruas (\S+)$`, "store.ruas_missing"},
		{roads.ErrNotFound, `account "(.*?)"`, "store.account_missing"},
		{roads.ErrNotFound, `plan run (\d+)`, "store.plan_missing"},
		{roads.ErrNotFound, `no plan has been adopted yet`, "store.no_adopted_plan"},
		{roads.ErrNotFound, `no plan has been run yet`, "store.no_plan"},
		{roads.ErrNotFound, `condition rules "(.*?)" \(known: (.*)\)`, "store.rules_unknown"},
		{roads.ErrNotFound, `condition scheme "(.*?)" \(known: \[?(.*?)\]?\)`, "store.scheme_unknown"},
		{roads.ErrNotFound, `no sub-kegiatan for works (\S+) in nomenclature (\S+)`, "store.subkegiatan_missing"},
		{roads.ErrInvalid, `say why the ruas is retired`, "store.retire_reason"},
		{roads.ErrInvalid, `say why the record goes back to its producer`, "store.return_reason"},
		{roads.ErrInvalid, `(crack area|crack width|potholes|rut depth|IRI|PCI) (\S+) .*?is outside (\S+)–(\S+)`, "store.measure_range"},
		{roads.ErrInvalid, `a survey unit needs IRI or all four visual items`, "store.unit_measures"},
		{roads.ErrInvalid, `a survey holds either unit measurements or metres per class`, "store.survey_both"},
		{roads.ErrInvalid, `a survey needs unit measurements`, "store.survey_empty"},
		{roads.ErrInvalid, `ruas key "(.*?)" must be written REGION/NO`, "store.key_form"},
		{roads.ErrInvalid, `condition "(.*?)" is not one of`, "store.kondisi_unknown"},
		{roads.ErrInvalid, `fungsi "(.*?)" is not one of`, "store.fungsi_unknown"},
		{roads.ErrInvalid, `(\w+) "(.*?)" is not one of \[(.*)\]`, "store.code_unknown"},
		{roads.ErrInvalid, `role "(.*?)" must be`, "store.role_unknown"},
		{roads.ErrInvalid, `account name "(.*?)" must be`, "store.account_name"},
		{roads.ErrInvalid, `entity "(.*?)" is not ruas, survey, works or traffic`, "store.entity_unknown"},
		{roads.ErrInvalid, `verification state "(.*?)" must be`, "store.verif_state"},
		{roads.ErrInvalid, `the plan was computed from unverified \(draft\) records`, "store.draft_plan"},
		{roads.ErrInvalid, `a map query needs a bounding box`, "store.map_bbox"},
		{roads.ErrInvalid, `unit length (\S+) m must be > 0`, "store.unit_length"},
		{roads.ErrInvalid, `needs the (?:walidata's )?name|without an author`, "store.actor_missing"},
		{roads.ErrForbidden, `account "(.*?)" is disabled`, "store.account_disabled"},
	}
	out := make([]storeSentence, len(def))
	for i, d := range def {
		out[i] = storeSentence{d.sentinel, regexp.MustCompile(d.pattern), d.key}
	}
	return out
}()

// storeSentinels are the register's sentinels with the catalogue key of
// each one's general sentence.
var storeSentinels = []struct {
	err error
	key string
}{
	{roads.ErrConflict, "store.conflict"},
	{roads.ErrInvalid, "store.invalid"},
	{roads.ErrNotFound, "store.not_found"},
	{roads.ErrForbidden, "store.forbidden"},
}

// storeMessage words an error the register raised in the reader's
// language: in English the register's own text, in Bahasa the catalogue's
// sentence for it.
func storeMessage(err error, l Locale) string {
	text := err.Error()
	if l.Lang == EN {
		return text
	}
	// The register's sentence follows its sentinel's text ("conflict: …").
	var general, detail string
	for _, s := range storeSentinels {
		if errors.Is(err, s.err) {
			general = l.T(s.key)
			var wrapped bool
			if _, detail, wrapped = strings.Cut(text, s.err.Error()+": "); !wrapped && text != s.err.Error() {
				detail = text // an error that is its sentinel without saying so (its own sentence)
			}
			break
		}
	}
	if general == "" {
		return text
	}
	for _, s := range storeSentences {
		if !errors.Is(err, s.sentinel) {
			continue
		}
		if m := s.re.FindStringSubmatch(detail); m != nil {
			args := make([]any, len(m)-1)
			for i, g := range m[1:] {
				args[i] = g
			}
			return l.T(s.key, args...)
		}
	}
	if detail == "" {
		return general
	}
	return general + " (" + l.T("store.detail") + ": " + detail + ")"
}
