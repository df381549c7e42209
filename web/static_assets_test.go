package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gin-gonic/gin"
)

// sum8 is the first 8 hex digits of a SHA-256, computed here apart from
// the server's code.
func sum8(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])[:8]
}

// TestAssetNameFollowsContent: a static file's URL carries the hash of
// its content, so changing the content changes the URL.
func TestAssetNameFollowsContent(t *testing.T) {
	for _, body := range []string{"console.log(1)\n", "console.log(2)\n"} {
		set, err := newAssetSet(fstest.MapFS{
			"app.js":                {Data: []byte(body)},
			"vendor/x/lib.min.css":  {Data: []byte("a{}" + body)},
			"vendor/x/images/i.png": {Data: []byte("png")},
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := set.url("app.js"), "/static/app."+sum8([]byte(body))+".js"; got != want {
			t.Errorf("content %q: url %s, want %s", body, got, want)
		}
		if got, want := set.url("/static/vendor/x/lib.min.css"), "/static/vendor/x/lib.min."+sum8([]byte("a{}"+body))+".css"; got != want {
			t.Errorf("url %s, want %s", got, want)
		}
	}
	// The embedded files: the URL of app.js names the file on disk.
	b, err := os.ReadFile(filepath.Join("static", "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := staticAssets.url("app.js"), "/static/app."+sum8(b)+".js"; got != want {
		t.Errorf("embedded app.js: %s, want %s", got, want)
	}
}

var staticRef = regexp.MustCompile(`(?:src|href)="(/static/[^"]*)"`)

// hashedURL is a static URL whose last name carries 8 hex digits before
// its extension.
var hashedURL = regexp.MustCompile(`^/static/(?:[^/]+/)*[^/]+\.[0-9a-f]{8}\.[a-z0-9]+$`)

// TestStaticAssetsCached: pages link only hashed static URLs; each answers
// with a year's immutable caching and an ETag, and 304 when the browser
// sends that ETag back; a plain name is revalidated (no-cache) and 304s
// too. No template writes a static URL by hand.
func TestStaticAssetsCached(t *testing.T) {
	a := newTestApp(t)
	a.seed(t)
	urls := map[string]bool{}
	for _, page := range []string{"/", "/peta", "/ruas", "/publik", "/publik/peta"} {
		status, body := a.getPage(t, page)
		if status != 200 {
			t.Fatalf("%s: %d", page, status)
		}
		for _, m := range staticRef.FindAllStringSubmatch(body, -1) {
			urls[m[1]] = true
		}
	}
	// app.css and app.js on every page; leaflet on the maps; uPlot on the dashboard.
	for _, want := range []string{"app.css", "app.js", "leaflet.js", "leaflet.css", "uPlot.iife.min", "chart.js", "map.js"} {
		found := false
		for u := range urls {
			found = found || strings.Contains(u, strings.TrimSuffix(strings.TrimSuffix(want, ".js"), ".css"))
		}
		if !found {
			t.Errorf("no page links %s (links: %v)", want, urls)
		}
	}
	get := func(u, etag string) *http.Response {
		req, _ := http.NewRequest("GET", a.http.URL+u, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for u := range urls {
		if !hashedURL.MatchString(u) {
			t.Errorf("page links an unhashed static URL %s", u)
			continue
		}
		r := get(u, "")
		if r.StatusCode != 200 || r.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || r.Header.Get("ETag") == "" {
			t.Errorf("%s: %d, Cache-Control %q, ETag %q", u, r.StatusCode, r.Header.Get("Cache-Control"), r.Header.Get("ETag"))
			continue
		}
		if r2 := get(u, r.Header.Get("ETag")); r2.StatusCode != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d, want 304", u, r2.StatusCode)
		}
	}
	// A plain name (a stylesheet's relative image) is revalidated.
	r := get("/static/vendor/leaflet/images/layers.png", "")
	if r.StatusCode != 200 || r.Header.Get("Cache-Control") != "no-cache" || r.Header.Get("ETag") == "" {
		t.Fatalf("plain name: %d, Cache-Control %q, ETag %q", r.StatusCode, r.Header.Get("Cache-Control"), r.Header.Get("ETag"))
	}
	png, _ := os.ReadFile(filepath.Join("static", "vendor", "leaflet", "images", "layers.png"))
	if etag := r.Header.Get("ETag"); !strings.HasPrefix(etag, `"`+sum8(png)) {
		t.Errorf("ETag %s is not the content's hash %s…", etag, sum8(png))
	}
	if r2 := get("/static/vendor/leaflet/images/layers.png", r.Header.Get("ETag")); r2.StatusCode != http.StatusNotModified {
		t.Errorf("plain name with its ETag: %d, want 304", r2.StatusCode)
	}
	if r := get("/static/app.00000000.js", ""); r.StatusCode != 404 {
		t.Errorf("a stale hash: %d, want 404", r.StatusCode)
	}
	// No template writes a static URL itself.
	files, _ := filepath.Glob(filepath.Join("templates", "*.html"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, m := range staticRef.FindAllStringSubmatch(string(b), -1) {
			t.Errorf("%s links %s by hand; use {{asset %q}}", f, m[1], strings.TrimPrefix(m[1], "/static/"))
		}
	}
}

// BenchmarkStaticAssets measures naming the embedded files at start-up
// (read and hash every file) and answering a revalidation with 304.
func BenchmarkStaticAssets(b *testing.B) {
	sub, _ := fs.Sub(staticFS, "static")
	b.Run("start-up", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := newAssetSet(sub); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("304", func(b *testing.B) {
		gin.SetMode(gin.ReleaseMode)
		e := gin.New()
		e.GET("/static/*filepath", staticAssets.serve)
		u := staticAssets.url("vendor/leaflet/leaflet.js")
		etag := staticAssets.byName["vendor/leaflet/leaflet.js"].etag
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest("GET", u, nil)
			req.Header.Set("If-None-Match", etag)
			w := httptest.NewRecorder()
			e.ServeHTTP(w, req)
			if w.Code != http.StatusNotModified {
				b.Fatalf("%d", w.Code)
			}
		}
	})
}
