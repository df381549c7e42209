// Package web is the browser app and JSON API of ruas: a gin server with
// server-rendered pages (dashboard, map, ruas register, data entry,
// import, planning), embedded templates and vendored static assets, and a
// JSON API under /api/v1 described by an OpenAPI document. It talks to
// roads (the register) and planner only; no page fetches anything from
// outside the server.
package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options are the server's dependencies and settings.
type Options struct {
	Store Register
	// Watch opens the register's change watch, e.g.
	// WatchOf(store.Watch); the server closes it on Close.
	Watch func(ctx context.Context) (Watch, error)
	// Tiles is a basemap tile URL template ({z}/{x}/{y}); empty means no
	// basemap, so the map works without internet.
	Tiles string
	// Log receives request and error logs; nil discards them.
	Log *slog.Logger
	// Now is the clock for "surveyed in the last 12 months"; nil is time.Now.
	Now func() time.Time
	// SecureCookies marks the session cookie Secure on every response; set
	// it when a TLS proxy sits in front of plain HTTP. Over direct TLS the
	// cookie is Secure anyway.
	SecureCookies bool
	// LoginPolicy bounds failed sign-ins; nil is roads.DefaultLoginPolicy.
	LoginPolicy *roads.LoginPolicy
	// TrustedProxies are the addresses or CIDR ranges of reverse proxies
	// whose X-Forwarded-For header names the client. Empty: the header is
	// ignored and the client is the connection's peer, so that nobody can
	// pick the address the sign-in limits count against.
	TrustedProxies []string
}

// Server is the web app. Create it with New; it is an http.Handler.
type Server struct {
	store  Register
	tiles  string
	log    *slog.Logger
	now    func() time.Time
	snaps  *snapshots
	pages  map[string]*template.Template
	engine *gin.Engine
	csp    string
	// public is the snapshot of verified records only, for /publik.
	public      *snapshots
	loginPolicy roads.LoginPolicy
	tlsCookies  bool
	officeC     officeCache
	officesC    officesCache // the register's other offices (access_scope.go)
	imports     *importStash // uploads kept between preview and commit
}

// New builds the server: parses every template (so a broken one fails
// here, not on a reader's request) and registers the routes.
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Store == nil || o.Watch == nil {
		return nil, fmt.Errorf("%w: web server needs a store and its change watch", roads.ErrInvalid)
	}
	if o.Tiles != "" {
		if err := CheckTiles(o.Tiles); err != nil {
			return nil, err
		}
	}
	s := &Server{store: &scopedRegister{o.Store}, tiles: o.Tiles, log: o.Log, now: o.Now, tlsCookies: o.SecureCookies, loginPolicy: roads.DefaultLoginPolicy}
	if o.LoginPolicy != nil {
		s.loginPolicy = *o.LoginPolicy
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	watch, err := o.Watch(ctx)
	if err != nil {
		return nil, err
	}
	s.snaps = &snapshots{store: s.store, watch: watch, now: s.now}
	s.imports = newImportStash(s.now)
	s.public = &snapshots{store: s.store, watch: watch, now: s.now, verifiedOnly: true}
	if s.pages, err = parsePages(); err != nil {
		watch.Close()
		return nil, err
	}
	s.csp = contentPolicy(o.Tiles)
	gin.SetMode(gin.ReleaseMode)
	s.engine = gin.New()
	// gin trusts every peer's X-Forwarded-For unless told otherwise.
	s.engine.RemoteIPHeaders = []string{"X-Forwarded-For"}
	if err := s.engine.SetTrustedProxies(o.TrustedProxies); err != nil {
		watch.Close()
		return nil, fmt.Errorf("%w: trusted proxy: %v; give addresses or CIDR ranges, e.g. 10.0.0.1 or 10.0.0.0/8", roads.ErrInvalid, err)
	}
	s.engine.Use(s.recoverPanic, s.logRequest, s.secure, s.authenticate, s.scopeRequest, s.boundAnonymous, s.authorize)
	s.routes()
	return s, nil
}

// Close releases what New opened (not the store, which the caller owns).
func (s *Server) Close() error {
	s.imports.close()
	return s.snaps.watch.Close()
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// routes registers every route of routeTable.
func (s *Server) routes() {
	e := s.engine
	for _, r := range routeTable() {
		switch {
		case r.static:
			// Content-hashed names, long cache lifetimes and ETags (static_assets.go).
			e.GET(r.path, staticAssets.serve)
			e.HEAD(r.path, staticAssets.serve)
		case r.api != nil:
			e.Handle(r.method, r.path, s.api(s.bind(r.serve)))
		default:
			e.Handle(r.method, r.path, s.page(s.bind(r.serve)))
		}
	}

	e.NoRoute(func(c *gin.Context) {
		err := fmt.Errorf("%w: no page at %s", roads.ErrNotFound, c.Request.URL.Path)
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			s.api(func(*gin.Context) error { return err })(c)
			return
		}
		s.page(func(*gin.Context) error { return err })(c)
	})
}

// bind makes a handler of a method expression for this server.
func (s *Server) bind(h func(*Server, *gin.Context) error) handlerFunc {
	return func(c *gin.Context) error { return h(s, c) }
}

// recoverPanic turns a panicking handler into a 500 instead of a dropped connection.
func (s *Server) recoverPanic(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic", "path", c.Request.URL.Path, "panic", r)
			c.AbortWithStatus(http.StatusInternalServerError)
		}
	}()
	c.Next()
}

// logRequest logs one line per request: method, path, status, duration (ms).
func (s *Server) logRequest(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.log.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
		"ms", float64(time.Since(start).Microseconds())/1000)
}

// secure sets the content policy: pages may load only from this server
// (and the basemap tile host when one is configured), so nothing is
// fetched from the internet behind the reader's back; no other site may
// frame a page (clickjacking: frame-ancestors, and X-Frame-Options for
// older browsers); a response is never sniffed into another type; and
// other sites are not told which page linked to them.
func (s *Server) secure(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	c.Next()
}

// maxAnonymousBody bounds the body of a request from someone not signed in
// (the sign-in form is the only one the access rules let through): a name
// and a password fit many times over.
const maxAnonymousBody = 16 << 10 // bytes

// boundAnonymous caps what a visitor without a session or token may send,
// before any middleware or handler parses the body: 413 when the declared
// length is over the bound, and a body cut there when it is not declared.
func (s *Server) boundAnonymous(c *gin.Context) {
	if accountOf(c) != nil || !changesState(c.Request.Method) {
		c.Next()
		return
	}
	if c.Request.ContentLength > maxAnonymousBody {
		s.deny(c, http.StatusRequestEntityTooLarge, "too_large", "err.anon_body")
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxAnonymousBody)
	c.Next()
}

func contentPolicy(tiles string) string {
	img := "'self' data: blob:"
	if tiles != "" {
		if u, err := url.Parse(strings.NewReplacer("{s}", "a", "{z}", "0", "{x}", "0", "{y}", "0").Replace(tiles)); err == nil {
			host := u.Host
			if strings.Contains(tiles, "{s}") {
				host = "*." + strings.SplitN(host, ".", 2)[len(strings.SplitN(host, ".", 2))-1]
			}
			img += " " + u.Scheme + "://" + host
		}
	}
	return "default-src 'self'; img-src " + img + "; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
}

// CheckTiles accepts an http(s) tile URL template with {z}, {x} and {y}.
func CheckTiles(t string) error {
	u, err := url.Parse(t)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		!strings.Contains(t, "{z}") || !strings.Contains(t, "{x}") || !strings.Contains(t, "{y}") {
		return fmt.Errorf("%w: tile URL %q must be an http(s) template with {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png", roads.ErrInvalid, t)
	}
	return nil
}

// parsePages parses the layout with each page template once, at start-up.
func parsePages() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || base == "parts" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web template %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// render executes a page into a buffer first, so a template error gives a
// clean 500 rather than half a page.
func (s *Server) render(c *gin.Context, status int, name string, data any) {
	b, err := s.renderBytes(name, data)
	if err != nil {
		s.log.Error("render", "page", name, "err", err)
		c.String(http.StatusInternalServerError, "page %s failed", name)
		return
	}
	c.Data(status, "text/html; charset=utf-8", b)
}

func (s *Server) renderBytes(name string, data any) ([]byte, error) {
	t, ok := s.pages[name]
	if !ok {
		return nil, fmt.Errorf("no template %s", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// paramID reads the numeric :id of a route.
func paramID(c *gin.Context, l Locale) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badInput(roads.FieldError{Field: "id", Value: c.Param("id"), Message: l.T("err.id")})
	}
	return id, nil
}

func itoa(i int) string { return strconv.Itoa(i) }
