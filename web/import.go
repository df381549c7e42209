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

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
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

// importProblem is one row-level problem of an uploaded file.
type importProblem struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
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

// importPage shows the upload form, a preview with row-level problems, and
// the commit button.
type importPage struct {
	Base
	Result *importResult
	Errors []roads.FieldError
}

func (s *Server) importShow(c *gin.Context) error {
	l := localeOf(c)
	p := importPage{Base: s.base(c, l, "import")}
	p.Title = l.T("import.title")
	s.render(c, http.StatusOK, "import", p)
	return nil
}

// saveUploads writes the uploaded files to a private temporary directory
// under their own (base) names, as the importer records the file name in
// each record's source.
func saveUploads(l Locale, files []*multipart.FileHeader) (dir string, paths []string, err error) {
	p := &fieldProblems{l: l}
	if len(files) == 0 {
		p.add("file", "", "err.file_missing")
		return "", nil, p.err()
	}
	if len(files) > importLimits.Files {
		p.add("file", fmt.Sprint(len(files)), "err.file_count", importLimits.Files)
		return "", nil, p.err()
	}
	for _, fh := range files {
		ext := strings.ToLower(filepath.Ext(fh.Filename))
		if !contains(importFormats, ext) {
			p.add("file", fh.Filename, "err.file_type")
		}
		if fh.Size > maxUpload {
			p.add("file", fh.Filename, "err.file_size", maxUpload>>20)
		}
	}
	if err := p.err(); err != nil {
		return "", nil, err
	}
	dir, err = os.MkdirTemp("", "ruas-upload-")
	if err != nil {
		return "", nil, err
	}
	for _, fh := range files {
		dst := filepath.Join(dir, filepath.Base(fh.Filename))
		if err := copyUpload(fh, dst); err != nil {
			os.RemoveAll(dir)
			return "", nil, fmt.Errorf("save upload %s: %w", fh.Filename, err)
		}
		paths = append(paths, dst)
	}
	return dir, paths, nil
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
	p := importPage{Base: s.base(c, l, "import")}
	p.Title = l.T("import.title")
	res, err := s.importFiles(c, l, uploadedFiles(c), false)
	if err != nil {
		return s.formFailed(c, l, err, "import", &p, &p.Errors)
	}
	p.Result = res
	s.render(c, http.StatusOK, "import", p)
	return nil
}

func (s *Server) importCommit(c *gin.Context) error {
	l := localeOf(c)
	p := importPage{Base: s.base(c, l, "import")}
	p.Title = l.T("import.title")
	res, err := s.importFiles(c, l, uploadedFiles(c), true)
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

// importAPI previews (default) or commits (?commit=true) uploaded files.
func (s *Server) importAPI(c *gin.Context) error {
	l := localeOf(c)
	commit := c.Query("commit") == "true" || c.Query("commit") == "1"
	res, err := s.importFiles(c, l, uploadedFiles(c), commit)
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

// importFiles reads, checks and (with commit) writes the uploaded files
// with the same rules as `ruas import`: all rows valid → all written; any
// problem → nothing written and every problem listed.
func (s *Server) importFiles(c *gin.Context, l Locale, files []*multipart.FileHeader, commit bool) (*importResult, error) {
	dir, paths, err := saveUploads(l, files)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	return s.importPaths(c.Request.Context(), l, paths, commit, actorName(c))
}
