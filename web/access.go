package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// access says who may use a route: anyone (public), or signed-in accounts
// of some roles. Reading the register's working data needs an account;
// the public reads verified data on /publik.
type access struct {
	public bool
	roles  []roads.Role // nil with public false: any signed-in role
	// declared is set by anyone, signedIn and only: the zero access is no
	// rule at all, so a route written without one is refused, not opened
	// to every signed-in account by default.
	declared bool
}

func (a access) allows(acct *roads.Account) bool {
	if !a.declared {
		return false
	}
	if a.public {
		return true
	}
	if acct == nil {
		return false
	}
	if a.roles == nil {
		return true
	}
	for _, r := range a.roles {
		if acct.Role == r {
			return true
		}
	}
	return false
}

var (
	anyone   = access{public: true, declared: true}
	signedIn = access{declared: true}
)

func only(roles ...roads.Role) access { return access{roles: roles, declared: true} }

// The roles of Satu Data Indonesia: produsen enter data, walidata verify
// it, perencana plan and export, admin manages accounts.
var (
	produsen  = only(roads.RoleProdusen)
	walidata  = only(roads.RoleWalidata)
	perencana = only(roads.RolePerencana)
	planners  = only(roads.RolePerencana, roads.RoleAdmin) // adopt a programme
	auditors  = only(roads.RoleAdmin, roads.RoleWalidata)  // the whole audit trail
	admins    = only(roads.RoleAdmin)
)

// Keys under which the middleware leaves the request's account.
const (
	ctxAccount = "ruas.account"
	ctxSession = "ruas.session"
	ctxBearer  = "ruas.bearer"
)

// sessionCookie holds the session secret (the store keeps only its hash).
const sessionCookie = "ruas_sesi"

// accountOf is the signed-in account of a request, or nil.
func accountOf(c *gin.Context) *roads.Account {
	if v, ok := c.Get(ctxAccount); ok {
		return v.(*roads.Account)
	}
	return nil
}

func sessionOf(c *gin.Context) *roads.Session {
	if v, ok := c.Get(ctxSession); ok {
		return v.(*roads.Session)
	}
	return nil
}

// actorName is the account name recorded as Source.User of what a request
// writes; the authorize middleware has made sure there is one.
func actorName(c *gin.Context) string {
	if a := accountOf(c); a != nil {
		return a.Name
	}
	return ""
}

func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

func changesState(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// authenticate finds who is asking: a script by its API token
// (Authorization: Bearer), a browser by its session cookie. A bad token is
// refused at once rather than served as anonymous, so a script with a
// revoked token fails loudly.
func (s *Server) authenticate(c *gin.Context) {
	ctx := c.Request.Context()
	if h := c.GetHeader("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			s.deny(c, http.StatusUnauthorized, "unauthenticated", "err.auth_header")
			return
		}
		a, err := s.store.TokenAccount(ctx, strings.TrimSpace(tok))
		if errors.Is(err, roads.ErrUnauthenticated) {
			s.deny(c, http.StatusUnauthorized, "unauthenticated", "err.token")
			return
		}
		if err != nil {
			s.log.Error("token", "err", err)
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.Set(ctxAccount, a)
		c.Set(ctxBearer, true)
		c.Next()
		return
	}
	if v, err := c.Cookie(sessionCookie); err == nil && v != "" {
		sess, err := s.store.Session(ctx, v)
		switch {
		case err == nil:
			c.Set(ctxAccount, sess.Account)
			c.Set(ctxSession, sess)
		case errors.Is(err, roads.ErrUnauthenticated):
			s.clearSessionCookie(c) // ended or expired: read on as anonymous
		default:
			s.log.Error("session", "err", err)
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
	}
	c.Next()
}

// authorize applies the route's rule: anonymous readers of a signed-in
// page go to the sign-in page (API: 401), signed-in accounts of another
// role get 403, and a state-changing request from a browser session must
// carry the session's CSRF token (form field csrf or header X-CSRF-Token).
func (s *Server) authorize(c *gin.Context) {
	path := c.FullPath()
	if path == "" {
		c.Next() // no such route: the 404 handler answers
		return
	}
	rule, ok := routeAccess[c.Request.Method+" "+path]
	if !ok {
		s.log.Error("route without an access rule", "method", c.Request.Method, "path", path)
		s.deny(c, http.StatusForbidden, "forbidden", "err.forbidden")
		return
	}
	acct := accountOf(c)
	if !rule.allows(acct) {
		if acct == nil {
			if isAPI(c) {
				c.Header("WWW-Authenticate", `Bearer realm="ruas"`)
				s.deny(c, http.StatusUnauthorized, "unauthenticated", "err.signin")
				return
			}
			if path == "/" && c.Request.Method == http.MethodGet {
				c.Redirect(http.StatusSeeOther, "/publik") // the public's front page
				c.Abort()
				return
			}
			c.Redirect(http.StatusSeeOther, "/masuk?next="+url.QueryEscape(c.Request.URL.RequestURI()))
			c.Abort()
			return
		}
		s.deny(c, http.StatusForbidden, "forbidden", "err.role")
		return
	}
	if changesState(c.Request.Method) && !s.csrfOK(c) {
		s.deny(c, http.StatusForbidden, "csrf", "err.csrf")
		return
	}
	c.Next()
}

// csrfOK checks the synchronizer token of a state-changing request. API
// tokens are exempt: a browser never sends an Authorization header on its
// own, so a forged cross-site request cannot carry one. Anonymous forms
// (the sign-in form) use a double-submit cookie instead of a session.
func (s *Server) csrfOK(c *gin.Context) bool {
	if c.GetBool(ctxBearer) {
		return true
	}
	got := c.GetHeader("X-CSRF-Token")
	if got == "" {
		// Bound the body before the form is parsed here: uploads are
		// checked for size by their handler, which would be too late.
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 4*maxUpload)
		got = c.PostForm("csrf")
	}
	want := ""
	if sess := sessionOf(c); sess != nil {
		want = sess.CSRF
	} else if v, err := c.Cookie(anonCSRFCookie); err == nil {
		want = v
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// deny answers a refused request: a JSON error body for the API, the error
// page for a browser.
func (s *Server) deny(c *gin.Context, status int, code, key string) {
	l := localeOf(c)
	body := apiFaultBody{Code: code, Message: l.T(key), Fields: []roads.FieldError{}}
	if isAPI(c) {
		c.AbortWithStatusJSON(status, apiFault{Error: body})
		return
	}
	p := errorPage{Base: s.base(c, l, "")}
	p.Title = l.T("err.title")
	p.Status, p.Fault = status, body
	s.render(c, status, "error", p)
	c.Abort()
}

// secureCookies reports whether cookies must be Secure: when the request
// came over TLS, or the server runs behind a TLS proxy (Options.SecureCookies).
func (s *Server) secureCookies(c *gin.Context) bool { return s.tlsCookies || c.Request.TLS != nil }

func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secureCookies(c), SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSessionCookie(c *gin.Context) { s.setCookie(c, sessionCookie, "", -1) }
