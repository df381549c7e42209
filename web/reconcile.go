package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner/reconcile"
	"github.com/kotablitar/ruas/roads"
)

// The walidata's reconciliation pages (issue 16): upload another office's
// published figures, see each difference explained against the verified
// register, agree the figures with a Forum Satu Data and store the sheet;
// the public portal shows the agreed figures beside its own.

// reconcileListPage lists the stored sheets and takes a new file.
type reconcileListPage struct {
	Base
	Sheets []roads.Reconciliation
	Form   formValues
	Errors []roads.FieldError
}

// reconcileSheetPage shows one stored sheet, with the agreement form while
// it is a draft.
type reconcileSheetPage struct {
	Base
	Rec   roads.Reconciliation
	Sheet *reconcile.Sheet
	// Counts are the lines per outcome: agree, explained, unexplained,
	// not computed.
	Counts [4]int
	Errors []roads.FieldError
	Saved  bool
	// Stale: the register moved on since the sheet was computed.
	Stale bool
}

func (s *Server) reconcileIndex(c *gin.Context) error {
	l := localeOf(c)
	p := reconcileListPage{Base: s.base(c, l, "reconcile"), Form: formValues{}}
	p.Title = l.T("rec.title")
	var err error
	if p.Sheets, err = s.store.Reconciliations(c.Request.Context(), false); err != nil {
		return err
	}
	s.render(c, http.StatusOK, "reconcile", p)
	return nil
}

// reconcileCreate reads the uploaded file, reconciles it with the
// verified register and stores the sheet as a draft.
func (s *Server) reconcileCreate(c *gin.Context) error {
	l := localeOf(c)
	ctx := c.Request.Context()
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, reconcile.DefaultLimits.Bytes+1<<20)
	form := formValues{"year": strings.TrimSpace(c.PostForm("year"))}
	failed := func(fes ...roads.FieldError) error {
		p := reconcileListPage{Base: s.base(c, l, "reconcile"), Form: form}
		p.Title = l.T("rec.title")
		var err error
		if p.Sheets, err = s.store.Reconciliations(ctx, false); err != nil {
			return err
		}
		return s.formFailed(c, l, badInput(fes...), "reconcile", &p, &p.Errors)
	}
	year := 0
	if form["year"] != "" {
		y, err := strconv.Atoi(form["year"])
		if err != nil || y < 1950 || y > 2200 {
			return failed(roads.FieldError{Field: "year", Value: form["year"], Message: l.T("rec.err_year")})
		}
		year = y
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return failed(roads.FieldError{Field: "file", Message: l.T("rec.err_nofile")})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	figs, err := reconcile.Read(f, reconcile.DefaultLimits)
	f.Close()
	if err != nil {
		var rows reconcile.RowErrors
		if errors.As(err, &rows) {
			fes := make([]roads.FieldError, 0, len(rows))
			for _, r := range rows {
				fes = append(fes, roads.FieldError{Field: "file", Value: r.Value, Message: r.Error()})
			}
			return failed(fes...)
		}
		if errors.Is(err, reconcile.ErrFormat) {
			return failed(roads.FieldError{Field: "file", Value: fh.Filename, Message: err.Error()})
		}
		return err
	}
	snap, err := s.public.current(ctx)
	if err != nil {
		return err
	}
	sh := reconcile.Reconcile(snap.network, figs, reconcile.Options{Year: year, File: fh.Filename, Now: s.now()})
	if len(sh.Lines) == 0 {
		return failed(roads.FieldError{Field: "year", Value: form["year"], Message: l.T("rec.err_noyear", year, sh.Skipped)})
	}
	var b bytes.Buffer
	if err := sh.WriteJSON(&b); err != nil {
		return err
	}
	rec := &roads.Reconciliation{Year: year, File: limitText(fh.Filename, roads.MaxNameLen), Sources: limitText(strings.Join(sh.Sources, "; "), roads.MaxNotesLen),
		RegisterHash: sh.RegisterHash, Sheet: b.Bytes()}
	if err := s.store.AddReconciliation(ctx, rec, actorName(c)); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rekonsiliasi/%d", rec.ID))
	return nil
}

// limitText cuts s to at most n bytes on a rune boundary.
func limitText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// storedSheet reads a stored sheet and its parsed content.
func (s *Server) storedSheet(c *gin.Context, l Locale) (roads.Reconciliation, *reconcile.Sheet, error) {
	id, err := paramID(c, l)
	if err != nil {
		return roads.Reconciliation{}, nil, err
	}
	rec, err := s.store.Reconciliation(c.Request.Context(), id)
	if err != nil {
		return rec, nil, err
	}
	var sh reconcile.Sheet
	if err := json.Unmarshal(rec.Sheet, &sh); err != nil {
		return rec, nil, fmt.Errorf("reconciliation sheet %d: stored JSON: %w", id, err)
	}
	return rec, &sh, nil
}

func (s *Server) reconcileSheetData(c *gin.Context, l Locale, rec roads.Reconciliation, sh *reconcile.Sheet) (reconcileSheetPage, error) {
	p := reconcileSheetPage{Base: s.base(c, l, "reconcile"), Rec: rec, Sheet: sh}
	n := sh.Counts()
	p.Counts = [4]int{n[reconcile.Agrees], n[reconcile.Explained], n[reconcile.Unexplained], n[reconcile.NotComputed]}
	p.Title = l.T("rec.sheet_title", rec.ID)
	snap, err := s.public.current(c.Request.Context())
	if err != nil {
		return p, err
	}
	p.Stale = rec.Status == roads.ReconciliationDraft && snap.network.Hash != rec.RegisterHash
	return p, nil
}

func (s *Server) reconcileShow(c *gin.Context) error {
	l := localeOf(c)
	rec, sh, err := s.storedSheet(c, l)
	if err != nil {
		return err
	}
	p, err := s.reconcileSheetData(c, l, rec, sh)
	if err != nil {
		return err
	}
	p.Saved = c.Query("saved") == "1"
	s.render(c, http.StatusOK, "reconcile_sheet", p)
	return nil
}

// reconcileAgree records the forum's agreement: for each line the
// register's figure (the default) or the other office's with the
// definition that explains it, and the forum's note.
func (s *Server) reconcileAgree(c *gin.Context) error {
	l := localeOf(c)
	rec, sh, err := s.storedSheet(c, l)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(c.PostForm("note"))
	var fes []roads.FieldError
	if note == "" {
		fes = append(fes, roads.FieldError{Field: "note", Message: l.T("rec.err_note")})
	}
	if len(note) > roads.MaxNotesLen {
		fes = append(fes, roads.FieldError{Field: "note", Message: l.T("fe.too_long", l.Int(roads.MaxNotesLen))})
	}
	for i := range sh.Lines {
		choice := reconcile.Choice(c.PostForm(fmt.Sprintf("choice_%d", i)))
		if err := sh.Agree(i, choice); err != nil {
			fes = append(fes, roads.FieldError{Field: fmt.Sprintf("choice_%d", i), Value: string(choice), Message: err.Error()})
		}
	}
	if len(fes) > 0 {
		p, err := s.reconcileSheetData(c, l, rec, sh)
		if err != nil {
			return err
		}
		return s.formFailed(c, l, badInput(fes...), "reconcile_sheet", &p, &p.Errors)
	}
	var b bytes.Buffer
	if err := sh.WriteJSON(&b); err != nil {
		return err
	}
	if err := s.store.AgreeReconciliation(c.Request.Context(), rec.ID, b.Bytes(), note, actorName(c)); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rekonsiliasi/%d?saved=1", rec.ID))
	return nil
}

// reconcileDownload sends a stored sheet as XLSX (to sign), CSV or JSON.
func (s *Server) reconcileDownload(c *gin.Context) error {
	l := localeOf(c)
	rec, sh, err := s.storedSheet(c, l)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	format := c.Param("format")
	var media string
	switch format {
	case "xlsx":
		err, media = sh.WriteXLSX(&b), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "csv":
		err, media = sh.WriteCSV(&b), "text/csv; charset=utf-8"
	case "json":
		err, media = sh.WriteJSON(&b), "application/json"
	default:
		return badInput(roads.FieldError{Field: "format", Value: format, Message: l.T("rec.err_format")})
	}
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="rekonsiliasi-%d.%s"`, rec.ID, format))
	c.Data(http.StatusOK, media, b.Bytes())
	return nil
}

// reconcileTemplate sends the long format's template (angka.csv or
// angka.xlsx) for the office's region and last year.
func (s *Server) reconcileTemplate(c *gin.Context) error {
	region := s.officeOf(c.Request.Context()).Region
	year := s.now().Year() - 1
	var b bytes.Buffer
	var media string
	var err error
	switch c.Param("name") {
	case "angka.csv":
		err, media = reconcile.TemplateCSV(&b, region, year), "text/csv; charset=utf-8"
	case "angka.xlsx":
		err, media = reconcile.TemplateXLSX(&b, region, year), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	default:
		return fmt.Errorf("%w: templat %q", roads.ErrNotFound, c.Param("name"))
	}
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="templat-`+c.Param("name")+`"`)
	c.Data(http.StatusOK, media, b.Bytes())
	return nil
}

// agreedNote is an agreed figure the public portal shows beside its own:
// a sentence with the figure, its definition, and the other office's
// figure with the reason for the difference.
type agreedNote struct {
	Label string // the indicator's name
	Text  string
	Title string // who agreed and when, with the forum's note
}

// publicAgreed returns, by indicator, the newest agreed figures of the
// office's whole region, for the public portal.
func (s *Server) publicAgreed(ctx context.Context, l Locale) map[string]*agreedNote {
	region := s.officeOf(ctx).Region
	recs, err := s.store.Reconciliations(ctx, true)
	if err != nil {
		s.log.Error("agreed reconciliations", "err", err)
		return nil
	}
	out := map[string]*agreedNote{}
	for _, rec := range recs { // newest first: the first figure of an indicator wins
		var sh reconcile.Sheet
		if json.Unmarshal(rec.Sheet, &sh) != nil {
			continue
		}
		for _, ln := range sh.Lines {
			ind := string(ln.Figure.Indicator)
			if _, seen := out[ind]; seen || ln.Figure.Region != region || math.IsNaN(float64(ln.Agreed.Value)) {
				continue
			}
			unit := " " + ln.Figure.Indicator.Unit()
			agreed := l.Num(float64(ln.Agreed.Value), max(ln.Figure.Decimals, 2)) + unit
			other := l.Num(ln.Figure.Value, ln.Figure.Decimals) + unit
			var text string
			if ln.Agreed.Choice == reconcile.ChooseOther {
				text = l.T("public.agreed_theirs", ln.Figure.Year, agreed, ln.Figure.Source, ln.Agreed.Definition)
			} else {
				text = l.T("public.agreed_register", ln.Figure.Year, agreed, ln.Figure.Source, other, ln.ReasonText())
			}
			out[ind] = &agreedNote{Label: ln.Figure.Indicator.Label(), Text: text,
				Title: rec.AgreedBy + ", " + l.Date(rec.AgreedAt) + ": " + rec.Note}
		}
	}
	return out
}
