package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// Static files are served under names that carry a hash of their content
// (app.css → app.3f2a9c1b.css), computed at start-up from the embedded
// files. Pages link the hashed names (the template func "asset"), so a
// browser may keep a file for a year without asking: a new release
// changes the content, hence the name, hence the URL. Unhashed names (a
// stylesheet's own relative url(images/…), an old page) still answer,
// with an ETag a browser revalidates on every use (304 when unchanged).

// assetHashLen is how many hex digits of the SHA-256 a hashed name
// carries: 8 (32 bits) tell releases of one file apart.
const assetHashLen = 8

// immutable is the caching of a hashed name: a year, never revalidated.
const immutable = "public, max-age=31536000, immutable"

// asset is one static file.
type asset struct {
	name   string // its path under static/: "vendor/leaflet/leaflet.js"
	hashed string // the path with the hash: "vendor/leaflet/leaflet.1a2b3c4d.js"
	etag   string // a strong validator: the quoted full SHA-256
	body   []byte
}

// assetSet is every static file, by plain and by hashed path.
type assetSet struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

// newAssetSet reads every file of fsys and names it by its content.
func newAssetSet(fsys fs.FS) (*assetSet, error) {
	set := &assetSet{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:])
		a := &asset{name: p, hashed: hashedName(p, h[:assetHashLen]), etag: `"` + h + `"`, body: b}
		set.byName[p], set.byHashed[a.hashed] = a, a
		return nil
	})
	return set, err
}

// hashedName puts the hash before the last extension: "a/b.min.js" →
// "a/b.min.1a2b3c4d.js"; a name without one ends with it.
func hashedName(p, hash string) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hash + ext
}

// url is the hashed URL of a static file, given as "app.js" or
// "/static/app.js"; a file that does not exist keeps its plain URL (and
// answers 404), so a wrong name shows up as a missing file, not a blank.
func (s *assetSet) url(name string) string {
	name = strings.TrimPrefix(name, "/static/")
	if a, ok := s.byName[name]; ok {
		return "/static/" + a.hashed
	}
	return "/static/" + name
}

// staticAssets are the embedded static files, named at start-up.
var staticAssets = func() *assetSet {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(fmt.Sprintf("web: static files: %v", err))
	}
	set, err := newAssetSet(sub)
	if err != nil {
		panic(fmt.Sprintf("web: static files: %v", err))
	}
	return set
}()

// serve answers GET and HEAD /static/*filepath: a hashed name cached for
// a year, a plain name revalidated; both with an ETag (304 on a match).
func (s *assetSet) serve(c *gin.Context) {
	p := strings.TrimPrefix(c.Param("filepath"), "/")
	a, hashed := s.byHashed[p]
	if !hashed {
		a = s.byName[p]
	}
	if a == nil {
		c.Status(http.StatusNotFound)
		return
	}
	h := c.Writer.Header()
	h.Set("ETag", a.etag)
	if hashed {
		h.Set("Cache-Control", immutable)
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	// ServeContent answers If-None-Match against the ETag (304), ranges
	// and HEAD, and sets Content-Type from the name.
	http.ServeContent(c.Writer, c.Request, a.name, time.Time{}, bytes.NewReader(a.body))
}
