package web

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/netfile"
)

// importPaths runs the register's importer (roads/netfile, the engine of
// `ruas import`) on saved uploads: a preview is a dry run; a commit writes
// every file in one transaction only when every row is valid. A refused
// commit is a 422 whose fields name each problem's file, row and column.
func (s *Server) importPaths(ctx context.Context, l Locale, paths []string, commit bool, user string, opt importOptions) (*importResult, error) {
	nopt := netfile.Options{DryRun: !commit, User: user, Limits: importLimits, Region: opt.Region, DefaultRegion: opt.DefaultRegion,
		SurveyDate: opt.date, Mapping: opt.mapping, Decimal: opt.dec,
		// The office's outline checks coordinates, as in `ruas import`.
		Boundary: s.officeOf(ctx).Boundary}
	if opt.Region == "" && opt.DefaultRegion == "" {
		// With no region (an empty register, none typed) the importer
		// would key rows of a file without a region column with the
		// file's name; on the web the user names the region instead, so
		// such files are found by a dry run before anything is written.
		dry := nopt
		dry.DryRun = true
		rep, _ := netfile.Import(ctx, nil, paths, dry)
		if rep != nil && regionDefaulted(rep) {
			p := &fieldProblems{l: l}
			p.add("region", "", "err.import_region")
			return nil, p.err()
		}
	}
	rep, err := netfile.Import(ctx, s.store, paths, nopt)
	if rep == nil {
		return nil, err
	}
	res := &importResult{Committed: commit && err == nil && rep.Written}
	for _, fr := range rep.Files {
		f := importFile{File: fr.Name, Rows: fr.Rows, Imported: fr.Imported, Rejected: fr.Rejected,
			Errors: problems(l, fr.Errors), Warnings: problems(l, fr.Warnings)}
		res.Files = append(res.Files, f)
	}
	switch {
	case err == nil:
		return res, nil
	case errors.Is(err, netfile.ErrRowsInvalid) || errors.Is(err, netfile.ErrFormat):
		if !commit {
			return res, nil // a preview shows the problems; nothing was to be written
		}
		ve := &roads.ValidationError{Record: "import"}
		for _, f := range res.Files {
			for _, p := range f.Errors {
				ve.Fields = append(ve.Fields, roads.FieldError{Field: fmt.Sprintf("%s:%d:%s", f.File, p.Row, p.Column), Value: p.Value, Message: p.Worded(l)})
			}
		}
		if len(ve.Fields) == 0 {
			ve.Fields = []roads.FieldError{{Field: "file", Message: err.Error()}}
		}
		return res, &importRefused{res: res, ve: ve}
	}
	return nil, err
}

// regionDefaulted reports whether a file's rows were keyed with its name.
func regionDefaulted(rep *netfile.Report) bool {
	for _, fr := range rep.Files {
		for _, w := range fr.Warnings {
			if w.Category == netfile.CatRegionDefault {
				return true
			}
		}
	}
	return false
}

// importRefused is a commit refused for invalid rows: the error body lists
// every problem, and the page shows the per-file report.
type importRefused struct {
	res *importResult
	ve  *roads.ValidationError
}

func (e *importRefused) Error() string { return e.ve.Error() }

// Unwrap lets classify treat it as the field-level ValidationError it carries.
func (e *importRefused) Unwrap() error { return e.ve }

// maxShownProblems bounds the problems of one file a page or API answer
// lists: the counts say how many rows were refused, and a list of a
// hundred thousand lines helps nobody (`ruas import --json` lists all).
const maxShownProblems = 1000

func problems(l Locale, ps []netfile.Problem) []importProblem {
	out := make([]importProblem, 0, min(len(ps), maxShownProblems+1))
	for i, p := range ps {
		if i == maxShownProblems {
			more := l.T("import.more", l.Int(len(ps)-i))
			out = append(out, importProblem{Category: "more", Summary: more, Message: more})
			break
		}
		msg := p.Message
		if p.Category == netfile.CatFile && strings.Contains(msg, "--decimal") {
			// The importer names the command line's choice; here it is a select.
			msg += " " + l.T("import.decimal_hint")
		}
		if p.Count > 1 {
			msg = fmt.Sprintf("%s (×%s)", msg, l.Int(p.Count))
		}
		out = append(out, importProblem{Row: p.Row, Column: p.Column, Value: p.Value, Category: p.Category,
			Summary: importCategory(l, p.Category), Message: msg})
	}
	return out
}

// importCategory words a problem's kind in the reader's language; a kind
// the catalogue does not know yet is named by its code.
func importCategory(l Locale, cat string) string {
	if s := l.T("import.cat." + cat); s != "import.cat."+cat {
		return s
	}
	return cat
}

// Worded is the problem as a page shows it: in Indonesian the importer's
// own sentence; in English the kind in English, then the Indonesian detail.
func (p importProblem) Worded(l Locale) string {
	if l.Lang == EN && p.Summary != "" && p.Summary != p.Message {
		return p.Summary + " (" + l.T("import.detail_id") + ": " + p.Message + ")"
	}
	return p.Message
}
