package web

import (
	"crypto/rand"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// accountsPage is the administrator's list of accounts: create, change
// role, disable, reset password, make an API token. A new password or
// token is shown once, on the page that made it.
type accountsPage struct {
	Base
	Accounts []*roads.Account
	Tokens   map[string]int // live API tokens per account
	Attempts []roads.LoginAttempt
	Roles    []roads.Role
	Form     formValues
	Errors   []roads.FieldError
	// Secret is a generated password or a new token, shown this once.
	Secret     string
	SecretKind string // "password" or "token"
	SecretFor  string
	Saved      string
}

func (s *Server) accountsData(c *gin.Context, l Locale) (accountsPage, error) {
	p := accountsPage{Base: s.base(c, l, "accounts"), Roles: roads.Roles, Tokens: map[string]int{}, Form: formValues{"role": string(roads.RoleProdusen)}}
	p.Title = l.T("accounts.title")
	ctx := c.Request.Context()
	var err error
	if p.Accounts, err = s.store.Accounts(ctx); err != nil {
		return p, err
	}
	tokens, err := s.store.Tokens(ctx, "")
	if err != nil {
		return p, err
	}
	for _, t := range tokens {
		if !t.Revoked {
			p.Tokens[t.Account]++
		}
	}
	if p.Attempts, err = s.store.LoginAttempts(ctx, 20); err != nil {
		return p, err
	}
	return p, nil
}

func (s *Server) accountsShow(c *gin.Context) error {
	l := localeOf(c)
	p, err := s.accountsData(c, l)
	if err != nil {
		return err
	}
	p.Saved = c.Query("saved")
	s.render(c, http.StatusOK, "accounts", p)
	return nil
}

// accountFieldError turns the store's refusal of account input into a
// message beside the field, in the reader's language.
func accountFieldError(l Locale, err error) error {
	var pe *roads.PasswordError
	var ve *roads.ValidationError
	switch {
	case errors.Is(err, roads.ErrConflict):
		return badInput(roads.FieldError{Field: "name", Message: l.T("accounts.taken")})
	case errors.As(err, &pe):
		msg := l.T("password." + string(pe.Reason))
		if pe.Reason == roads.PasswordShort {
			msg = l.T("password.short", roads.MinPasswordLen)
		}
		return badInput(roads.FieldError{Field: "password", Message: msg})
	case errors.As(err, &ve):
		return err // full name or label too long: worded per field
	case errors.Is(err, roads.ErrInvalid) && strings.Contains(err.Error(), "role"):
		return badInput(roads.FieldError{Field: "role", Message: l.T("accounts.bad_role")})
	case errors.Is(err, roads.ErrInvalid):
		return badInput(roads.FieldError{Field: "name", Message: l.T("accounts.bad_name")})
	}
	return err
}

// accountCreate makes an account; with no password typed, one is
// generated and shown once.
func (s *Server) accountCreate(c *gin.Context) error {
	l := localeOf(c)
	f := formValues{"name": c.PostForm("name"), "full_name": c.PostForm("full_name"), "role": c.PostForm("role")}
	pw := c.PostForm("password")
	generated := pw == ""
	if generated {
		pw = rand.Text()[:16]
	}
	a := &roads.Account{Name: f["name"], FullName: f["full_name"], Role: roads.Role(f["role"])}
	err := s.store.AddAccount(c.Request.Context(), a, pw, actorName(c))
	p, perr := s.accountsData(c, l)
	if perr != nil {
		return perr
	}
	if err != nil {
		p.Form = f
		return s.formFailed(c, l, accountFieldError(l, err), "accounts", &p, &p.Errors)
	}
	p.Saved = "created"
	if generated {
		p.Secret, p.SecretKind, p.SecretFor = pw, "password", a.Name
	}
	s.render(c, http.StatusCreated, "accounts", p)
	return nil
}

// accountUpdate changes one account: op is role (with role), disable,
// enable or password (a new generated password, shown once). An admin
// cannot disable or demote themselves, so the register keeps an admin.
func (s *Server) accountUpdate(c *gin.Context) error {
	l := localeOf(c)
	name := roads.NormalizeAccountName(c.Param("name"))
	op := c.PostForm("op")
	var u roads.AccountUpdate
	var pw string
	self := name == actorName(c)
	switch op {
	case "role":
		r := roads.Role(c.PostForm("role"))
		if self && r != roads.RoleAdmin {
			return badInput(roads.FieldError{Field: "role", Value: string(r), Message: l.T("accounts.self")})
		}
		u.Role = &r
	case "disable", "enable":
		if self && op == "disable" {
			return badInput(roads.FieldError{Field: "op", Value: op, Message: l.T("accounts.self")})
		}
		d := op == "disable"
		u.Disabled = &d
	case "password":
		pw = rand.Text()[:16]
		u.Password = &pw
	default:
		return badInput(roads.FieldError{Field: "op", Value: op, Message: l.T("accounts.bad_op")})
	}
	if _, err := s.store.UpdateAccount(c.Request.Context(), name, u, actorName(c)); err != nil {
		return accountFieldError(l, err)
	}
	if pw == "" {
		c.Redirect(http.StatusSeeOther, "/admin/akun?saved="+op)
		return nil
	}
	p, err := s.accountsData(c, l)
	if err != nil {
		return err
	}
	p.Saved, p.Secret, p.SecretKind, p.SecretFor = op, pw, "password", name
	s.render(c, http.StatusOK, "accounts", p)
	return nil
}

// accountToken makes an API token for a script acting as the account and
// shows it once; only its hash is kept.
func (s *Server) accountToken(c *gin.Context) error {
	l := localeOf(c)
	name := roads.NormalizeAccountName(c.Param("name"))
	tok, _, err := s.store.CreateToken(c.Request.Context(), name, c.PostForm("label"))
	if err != nil {
		return err
	}
	p, err := s.accountsData(c, l)
	if err != nil {
		return err
	}
	p.Saved, p.Secret, p.SecretKind, p.SecretFor = "token", tok, "token", name
	s.render(c, http.StatusOK, "accounts", p)
	return nil
}
