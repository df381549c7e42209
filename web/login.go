package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// Sign-in security, in one place:
//
//   - Limits (roads.DefaultLoginPolicy): 5 failures a minute per account
//     name and 5 per client address, counted over attempts from browsers
//     that are not a known device of the account; 5 a minute per known
//     device. Each attempt is counted and recorded before its password is
//     compared, in one write transaction, so parallel guesses cannot race
//     past the limit (sqlitestore.Store.SignIn).
//   - Known devices: a successful sign-in sets deviceCookie, a random token
//     whose SHA-256 the register keeps for 90 days after its last use. A
//     browser presenting it for that account is limited per device only,
//     so guesses at a name from elsewhere (many addresses, or one shared
//     proxy address) lock out new browsers, never the owner's own.
//   - The client address is the connection's peer; X-Forwarded-For counts
//     only from a proxy named with --trusted-proxy (Options.TrustedProxies).
//   - Anonymous request bodies are capped at 16 KB and a typed name at 64
//     characters before anything is stored or shown (boundAnonymous).
//   - next= after sign-in is a local path only (safeNext).

// anonCSRFCookie carries the double-submit CSRF token of the sign-in form,
// which has no session yet to hold one.
const anonCSRFCookie = "ruas_csrf"

// deviceCookie holds the browser's known-device token: given at a
// successful sign-in, it lets this browser sign in as that account while
// others' guesses have locked the name (see sqlitestore.Store.SignIn).
const deviceCookie = "ruas_device"

// loginPage is the sign-in form.
type loginPage struct {
	Base
	Name    string
	Next    string
	Message string // why the last attempt failed, in the reader's language
	// NoAccounts: the register has no account yet; the page says how to make the first.
	NoAccounts bool
}

// homeOf is where each role starts after signing in.
func homeOf(r roads.Role) string {
	switch r {
	case roads.RoleWalidata:
		return "/verifikasi"
	case roads.RolePerencana:
		return "/rencana"
	case roads.RoleAdmin:
		return "/admin/akun"
	}
	return "/ruas"
}

// safeNext keeps a redirect after sign-in on this site: a local path that
// starts with one '/', never "//host", "/\\host" or a full URL. Browsers
// drop tabs and line breaks from a URL and read a backslash as '/', so
// "/\t/evil.example" would become "//evil.example": any control
// character, space or backslash refuses the whole value.
func safeNext(next string) string {
	if len(next) > 2048 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/masuk") {
		return ""
	}
	for _, r := range next {
		if r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}

func (s *Server) loginShow(c *gin.Context) error {
	l := localeOf(c)
	p := loginPage{Base: s.base(c, l, "login"), Next: safeNext(c.Query("next"))}
	return s.renderLogin(c, l, http.StatusOK, p)
}

// renderLogin renders the form with the browser's double-submit token,
// made on its first visit (kept, so two open tabs both work).
func (s *Server) renderLogin(c *gin.Context, l Locale, status int, p loginPage) error {
	p.Title = l.T("login.title")
	if v, err := c.Cookie(anonCSRFCookie); err == nil && len(v) >= 20 {
		p.CSRF = v
	} else {
		p.CSRF = rand.Text()
	}
	s.setCookie(c, anonCSRFCookie, p.CSRF, 3600)
	accounts, err := s.store.Accounts(c.Request.Context())
	if err != nil {
		return err
	}
	p.NoAccounts = len(accounts) == 0
	s.render(c, status, "login", p)
	return nil
}

// loginCreate checks a name and password under the store's sign-in
// limits (5 failures a minute per name and per address), then starts a
// session: a new secret in an HttpOnly, SameSite=Lax cookie (Secure over
// TLS) and a new CSRF token.
//
// The client's address is the connection's peer, or the forwarded one
// when the peer is a trusted proxy (Options.TrustedProxies). A name longer
// than any account name is cut before it is counted, stored or shown.
func (s *Server) loginCreate(c *gin.Context) error {
	l := localeOf(c)
	name := c.PostForm("name")
	if utf8.RuneCountInString(name) > roads.MaxLoginName {
		name = string([]rune(name)[:roads.MaxLoginName])
	}
	p := loginPage{Base: s.base(c, l, "login"), Name: name, Next: safeNext(c.PostForm("next"))}
	ctx := c.Request.Context()
	device, _ := c.Cookie(deviceCookie)
	in, err := s.store.SignIn(ctx, roads.SignInAttempt{Name: name, Password: c.PostForm("password"), IP: c.ClientIP(), Device: device}, s.loginPolicy)
	var le *roads.LimitError
	switch {
	case errors.As(err, &le):
		secs := int(math.Ceil(le.RetryAfter.Seconds()))
		c.Header("Retry-After", fmt.Sprint(secs))
		key := map[string]string{"name": "login.limited_name", "ip": "login.limited_ip", "device": "login.limited_device"}[le.By]
		p.Message = l.T(key, secs)
		return s.renderLogin(c, l, http.StatusTooManyRequests, p)
	case errors.Is(err, roads.ErrUnauthenticated):
		p.Message = l.T("login.wrong")
		return s.renderLogin(c, l, http.StatusUnauthorized, p)
	case err != nil:
		return err
	}
	a := in.Account
	secret, _, err := s.store.CreateSession(ctx, a.ID, 0)
	if err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, secret, int(roads.SessionTTL.Seconds()))
	s.setCookie(c, deviceCookie, in.Device, int(roads.KnownDeviceTTL.Seconds()))
	s.setCookie(c, anonCSRFCookie, "", -1)
	next := p.Next
	if next == "" {
		next = homeOf(a.Role)
	}
	c.Redirect(http.StatusSeeOther, next)
	return nil
}

// logout ends the session in the store (so a copied cookie is dead too).
func (s *Server) logout(c *gin.Context) error {
	if v, err := c.Cookie(sessionCookie); err == nil && v != "" {
		if err := s.store.EndSession(c.Request.Context(), v); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c)
	c.Redirect(http.StatusSeeOther, "/masuk")
	return nil
}

// meDoc is GET /api/v1/me: who the token or session is.
type meDoc struct {
	Name     string `json:"name"`
	FullName string `json:"full_name"`
	Role     string `json:"role"`
}

func (s *Server) meAPI(c *gin.Context) error {
	a := accountOf(c)
	c.JSON(http.StatusOK, meDoc{Name: a.Name, FullName: a.FullName, Role: string(a.Role)})
	return nil
}
