package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
	"github.com/kotablitar/ruas/roads/netfile"
)

// importLimits bound a web import: the importer's defaults, as they are
// (the command line may raise them, the web does not).
var importLimits = netfile.DefaultLimits

// maxUpload bounds one uploaded network file (bytes); the Jawa Barat
// village table is 4 MB.
var maxUpload = importLimits.FileBytes

// maxImportBody bounds one import request: every file at its limit, and
// room for the form's other fields and multipart headers.
var maxImportBody = int64(importLimits.Files)*importLimits.FileBytes + 1<<20

// importFormats are the file types the importer reads.
var importFormats = []string{".csv", ".xlsx", ".geojson", ".json"}

// importProblem is one row-level problem of an uploaded file. Category
// is the importer's code for its kind (roads/netfile Cat*); Summary words
// that kind in the reader's language; Message is the importer's detail,
// in Indonesian (the values and fixes it names come from the file).
type importProblem struct {
	Row      int    `json:"row"`
	Column   string `json:"column"`
	Value    string `json:"value"`
	Category string `json:"category"`
	Summary  string `json:"summary"`
	Message  string `json:"message"`
}

// importFile is the preview (or result) of one uploaded file.
type importFile struct {
	File     string          `json:"file"`
	Rows     int             `json:"rows"`
	Imported int             `json:"imported"`
	Rejected int             `json:"rejected"`
	Errors   []importProblem `json:"errors"`
	Warnings []importProblem `json:"warnings"`
}

// importResult is what the import page and POST /api/v1/imports return,
// in the shape of `ruas import --json`.
type importResult struct {
	Files     []importFile `json:"files"`
	Committed bool         `json:"committed"`
	Token     string       `json:"token,omitempty"` // names the uploaded files to commit after a preview
}

// importOptions are the choices the CLI's flags give `ruas import`:
// the region of rows without a region column (--region), the survey date
// of rows without one (--survey-date) and a column mapping (--map).
type importOptions struct {
	Region string // typed: the region of every numbered row (--region)
	// DefaultRegion numbers rows that name no region when none is typed:
	// the office's region, or on a register without an office the region
	// most of its ruas carry.
	DefaultRegion string
	SurveyDate    string // YYYY-MM-DD as typed; "" = none
	date          time.Time
	// Decimal is the decimal mark chosen for numbers the file leaves
	// ambiguous (--decimal): "koma", "titik" or "" (decide per column).
	Decimal string
	dec     locale.Decimal
	mapping *netfile.Mapping
	MapName string // the mapping file's name, shown back
}

// importDecimals are the choices of the decimal-mark select ("" first:
// decided by the file).
var importDecimals = []string{"", "koma", "titik"}

// maxMappingBytes bounds an uploaded mapping file: a few hundred bytes in
// practice.
const maxMappingBytes = 1 << 20

// importPage shows the upload form with its options and the template
// files, a preview with row-level problems, and the commit button, which
// commits the previewed files (kept under Result.Token).
type importPage struct {
	Base
	Result    *importResult
	Errors    []roads.FieldError
	Options   importOptions
	Templates []string
	Decimals  []string
}

func (s *Server) newImportPage(c *gin.Context, l Locale) importPage {
	p := importPage{Base: s.base(c, l, "import"), Templates: importTemplateNames(), Decimals: importDecimals}
	p.Title = l.T("import.title")
	p.Options.DefaultRegion = s.defaultRegion(c)
	return p
}

func (s *Server) importShow(c *gin.Context) error {
	l := localeOf(c)
	p := s.newImportPage(c, l)
	s.render(c, http.StatusOK, "import", p)
	return nil
}

// defaultRegion is the region of rows that name none: the office's
// region, or on a register without an office the region most of its ruas
// carry. "" on an empty register without an office.
func (s *Server) defaultRegion(c *gin.Context) string {
	if o := s.officeOf(c.Request.Context()); o.IsSet() {
		return o.Region
	}
	snap, err := s.snaps.current(c.Request.Context())
	if err != nil || snap.network == nil {
		return ""
	}
	count := map[string]int{}
	best := ""
	for _, r := range snap.network.Ruas {
		count[r.Key.Region]++
		if n := count[r.Key.Region]; n > count[best] || (n == count[best] && r.Key.Region < best) {
			best = r.Key.Region
		}
	}
	return best
}

// readImportOptions reads the options from the form (or the API's query):
// region (default: the register's), survey_date and a mapping file "map".
func (s *Server) readImportOptions(c *gin.Context, l Locale) (importOptions, error) {
	p := &fieldProblems{l: l}
	field := func(name string) string {
		if v := strings.TrimSpace(c.PostForm(name)); v != "" {
			return v
		}
		return strings.TrimSpace(c.Query(name))
	}
	o := importOptions{Region: field("region"), SurveyDate: field("survey_date"), Decimal: field("decimal")}
	if o.Region == "" {
		o.DefaultRegion = s.defaultRegion(c)
	}
	// An empty region (an empty register) is refused only for a file
	// without a region column (importPaths), never filled with a file name.
	if strings.Contains(o.Region, "/") {
		p.add("region", o.Region, "err.import_region_slash")
	}
	var err error
	if o.dec, err = locale.ParseDecimal(o.Decimal); err != nil {
		p.add("decimal", o.Decimal, "err.import_decimal")
	}
	if o.SurveyDate != "" {
		o.date = p.date("survey_date", o.SurveyDate)
	}
	if fh, err := c.FormFile("map"); err == nil && fh != nil {
		o.MapName = filepath.Base(fh.Filename)
		if fh.Size > maxMappingBytes {
			p.add("map", o.MapName, "err.file_size", maxMappingBytes>>20)
		} else if b, err := readUpload(fh); err != nil {
			p.add("map", o.MapName, "err.import_map", err.Error())
		} else if o.mapping, err = netfile.ParseMapping(b); err != nil {
			p.add("map", o.MapName, "err.import_map", err.Error())
		}
	}
	return o, p.err()
}

func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxMappingBytes))
}

// saveUploads writes the uploaded files to a private temporary directory
// under their own (base) names, as the importer records the file name in
// each record's source. It returns their total size.
func saveUploads(l Locale, files []*multipart.FileHeader) (dir string, paths []string, size int64, err error) {
	p := &fieldProblems{l: l}
	if len(files) == 0 {
		p.add("file", "", "err.file_missing")
		return "", nil, 0, p.err()
	}
	if len(files) > importLimits.Files {
		p.add("file", fmt.Sprint(len(files)), "err.file_count", importLimits.Files)
		return "", nil, 0, p.err()
	}
	for _, fh := range files {
		ext := strings.ToLower(filepath.Ext(fh.Filename))
		if !contains(importFormats, ext) {
			p.add("file", fh.Filename, "err.file_type")
		}
		if fh.Size > maxUpload {
			p.add("file", fh.Filename, "err.file_size", maxUpload>>20)
		}
		size += fh.Size
	}
	if err := p.err(); err != nil {
		return "", nil, 0, err
	}
	dir, err = os.MkdirTemp("", "ruas-upload-")
	if err != nil {
		return "", nil, 0, err
	}
	for _, fh := range files {
		dst := filepath.Join(dir, filepath.Base(fh.Filename))
		if err := copyUpload(fh, dst); err != nil {
			os.RemoveAll(dir)
			return "", nil, 0, fmt.Errorf("save upload %s: %w", fh.Filename, err)
		}
		paths = append(paths, dst)
	}
	return dir, paths, size, nil
}

func copyUpload(fh *multipart.FileHeader, dst string) error {
	src, err := fh.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// uploadedFiles parses the multipart body within maxImportBody.
func uploadedFiles(c *gin.Context) []*multipart.FileHeader {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxImportBody)
	form, err := c.MultipartForm()
	if err != nil || form == nil {
		return nil
	}
	return form.File["file"]
}

func (s *Server) importPreview(c *gin.Context) error {
	l := localeOf(c)
	p := s.newImportPage(c, l)
	res, opt, err := s.importRequest(c, l, false)
	p.Options = opt
	if err != nil {
		return s.formFailed(c, l, err, "import", &p, &p.Errors)
	}
	p.Result = res
	s.render(c, http.StatusOK, "import", p)
	return nil
}

func (s *Server) importCommit(c *gin.Context) error {
	l := localeOf(c)
	p := s.newImportPage(c, l)
	res, opt, err := s.importRequest(c, l, true)
	p.Options = opt
	if err != nil {
		var ir *importRefused
		if errors.As(err, &ir) {
			// The per-file report says it better than a list of fields.
			p.Result = ir.res
			p.Errors = []roads.FieldError{{Field: "file", Message: l.T("import.refused")}}
			s.render(c, http.StatusUnprocessableEntity, "import", p)
			return nil
		}
		return s.formFailed(c, l, err, "import", &p, &p.Errors)
	}
	p.Result = res
	s.render(c, http.StatusOK, "import", p)
	return nil
}

// importAPI previews (default) or commits (?commit=true) uploaded files;
// a preview answers a token, and a commit with ?token= (or a form field
// token) and no files commits the previewed files.
func (s *Server) importAPI(c *gin.Context) error {
	l := localeOf(c)
	commit := c.Query("commit") == "true" || c.Query("commit") == "1"
	res, _, err := s.importRequest(c, l, commit)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if commit && res.Committed {
		status = http.StatusCreated
	}
	c.JSON(status, res)
	return nil
}

// importRequest runs one import request: with a token and no files, the
// files (and options) kept by that preview; otherwise the uploaded files
// with the request's options, kept for a commit when this is a preview.
// The rules are those of `ruas import`: all rows valid → all written; any
// problem → nothing written and every problem listed.
func (s *Server) importRequest(c *gin.Context, l Locale, commit bool) (*importResult, importOptions, error) {
	files := uploadedFiles(c)
	token := c.PostForm("token")
	if token == "" {
		token = c.Query("token")
	}
	user := actorName(c)
	ctx := c.Request.Context()
	if token != "" && len(files) == 0 {
		e, ok := s.imports.get(token, user)
		if !ok {
			p := &fieldProblems{l: l}
			p.add("file", "", "err.import_expired")
			return nil, importOptions{}, p.err()
		}
		res, err := s.importPaths(ctx, l, e.paths, commit, user, e.opt)
		if res != nil {
			res.Token = token
		}
		if commit && err == nil && res.Committed {
			s.imports.drop(token)
			res.Token = ""
		}
		return res, e.opt, err
	}
	opt, err := s.readImportOptions(c, l)
	if err != nil {
		return nil, opt, err
	}
	dir, paths, size, err := saveUploads(l, files)
	if err != nil {
		return nil, opt, err
	}
	res, err := s.importPaths(ctx, l, paths, commit, user, opt)
	if !commit && err == nil && res != nil {
		res.Token = s.imports.put(&stashed{user: user, dir: dir, paths: paths, opt: opt, bytes: size})
		return res, opt, nil
	}
	os.RemoveAll(dir)
	return res, opt, err
}
