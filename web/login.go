package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// anonCSRFCookie carries the double-submit CSRF token of the sign-in form,
// which has no session yet to hold one.
const anonCSRFCookie = "ruas_csrf"

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

// safeNext keeps a redirect after sign-in on this site: a path, not
// "//host" or a full URL.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.HasPrefix(next, "/masuk") {
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
func (s *Server) loginCreate(c *gin.Context) error {
	l := localeOf(c)
	name := c.PostForm("name")
	p := loginPage{Base: s.base(c, l, "login"), Name: name, Next: safeNext(c.PostForm("next"))}
	ctx := c.Request.Context()
	a, err := s.store.Login(ctx, name, c.PostForm("password"), c.RemoteIP(), s.loginPolicy)
	var le *roads.LimitError
	switch {
	case errors.As(err, &le):
		secs := int(math.Ceil(le.RetryAfter.Seconds()))
		c.Header("Retry-After", fmt.Sprint(secs))
		key := map[string]string{"name": "login.limited_name", "ip": "login.limited_ip"}[le.By]
		p.Message = l.T(key, secs)
		return s.renderLogin(c, l, http.StatusTooManyRequests, p)
	case errors.Is(err, roads.ErrUnauthenticated):
		p.Message = l.T("login.wrong")
		return s.renderLogin(c, l, http.StatusUnauthorized, p)
	case err != nil:
		return err
	}
	secret, _, err := s.store.CreateSession(ctx, a.ID, 0)
	if err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, secret, int(roads.SessionTTL.Seconds()))
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
