package web

import (
	"encoding/json"
	"html/template"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// Base is what every page template gets: the reader's locale, the page
// title, the active menu entry, the link that switches language, and the
// signed-in account (nil for the public) with the CSRF token its forms send.
type Base struct {
	L         Locale
	Title     string
	Nav       string
	SwitchURL string // this page in the other language
	User      string // the signed-in account's name, recorded on what it writes
	Account   *roads.Account
	CSRF      string // the session's synchronizer token (every POST form carries it)
	Scripts   []string
	// Office is who the register belongs to (zero before it is set):
	// the app's name, the footer and the office notice read it.
	Office roads.Office
}

// AppName is the app's name with the pemda it serves.
func (b Base) AppName() string {
	if b.Office.IsSet() {
		return b.L.T("app.name") + " · " + b.Office.Pemda()
	}
	return b.L.T("app.name")
}

// Footer names the office that keeps the data.
func (b Base) Footer() string {
	if b.Office.IsSet() {
		return b.Office.OPDShort() + " · " + b.L.T("app.footer")
	}
	return b.L.T("app.footer")
}

// Can reports whether the signed-in account may use a route ("POST
// /ruas/baru"): pages show only the actions the reader's role allows.
func (b Base) Can(route string) bool {
	rule, ok := routeAccess[route]
	return ok && rule.allows(b.Account)
}

func (s *Server) base(c *gin.Context, l Locale, nav string) Base {
	u := *c.Request.URL
	q := u.Query()
	q.Set("lang", string(l.Other()))
	u.RawQuery = q.Encode()
	b := Base{L: l, Nav: nav, SwitchURL: u.RequestURI(), Office: s.officeOf(c.Request.Context())}
	if a := accountOf(c); a != nil {
		b.Account, b.User = a, a.Name
	}
	if sess := sessionOf(c); sess != nil {
		b.CSRF = sess.CSRF
	}
	return b
}

// errorPage shows a failure in plain words.
type errorPage struct {
	Base
	Status int
	Fault  apiFaultBody
}

// kondisiColors are the Bina Marga map colours: Baik green, Sedang
// yellow, Rusak Ringan orange, Rusak Berat red, no data grey.
var kondisiColors = map[roads.Kondisi]string{
	roads.Baik: "#1a9850", roads.Sedang: "#f2c400", roads.RusakRingan: "#f46d43", roads.RusakBerat: "#d73027", "": "#9e9e9e",
}

// errorsView is a form's problem list with the reader's locale.
type errorsView struct {
	L      Locale
	Errors []roads.FieldError
}

// unitLabels are the catalogue keys of the survey unit columns' headings.
var unitLabels = map[string]string{"sta_from_m": "survey.sta_from", "sta_to_m": "survey.sta_to", "crack_area_pct": "survey.crack_area",
	"crack_width_mm": "survey.crack_width", "potholes": "survey.potholes", "rut_cm": "survey.rut"}

// funcs are the few helpers templates need beyond the page structs' methods.
var funcs = template.FuncMap{
	"color": func(k roads.Kondisi) string { return kondisiColors[k] },
	"classColor": func(i int) string {
		if i >= 0 && i < len(roads.Kondisis) {
			return kondisiColors[roads.Kondisis[i]]
		}
		return kondisiColors[""]
	},
	"kondisis": func() []roads.Kondisi { return roads.Kondisis },
	"json": func(v any) (template.JS, error) {
		b, err := json.Marshal(v)
		return template.JS(b), err
	},
	// asset is the content-hashed URL of a static file ("app.js" or
	// "/static/app.js"): pages link no plain static URL.
	"asset": func(name string) string { return staticAssets.url(name) },
	"sta":   roads.FormatSTA,
	"add":   func(a, b int) int { return a + b },
	"fieldErr": func(errs []roads.FieldError, field string) []roads.FieldError {
		var out []roads.FieldError
		for _, e := range errs {
			if e.Field == field || strings.HasPrefix(e.Field, field+".") {
				out = append(out, e)
			}
		}
		return out
	},
	"bd": func(p dashboardPage, kind string, rows []Breakdown) breakdownView {
		return breakdownView{P: p, Kind: kind, Rows: rows}
	},
	"kondisiOf": func(code string) roads.Kondisi {
		if code == "none" {
			return ""
		}
		return roads.Kondisi(code)
	},
	"deref":      func(p *float64) float64 { return *p },
	"deref_int":  func(p *int) int { return *p },
	"neg":        func(i int) int { return -i },
	"unitFields": func() []string { return unitFields },
	// errs pairs a form's problems with the reader's locale, so the list
	// names each field by its label.
	"errs": func(l Locale, e []roads.FieldError) errorsView { return errorsView{L: l, Errors: e} },
	// unitLabel is a unit column's heading, repeated beside each input in
	// the stacked layout of narrow screens.
	"unitLabel": func(l Locale, f string) string {
		if k, ok := unitLabels[f]; ok {
			return l.T(k)
		}
		return "IRI (m/km)"
	},
	"kondisiLabels": func(l Locale) map[string]string {
		m := map[string]string{"": l.Kondisi("")}
		for _, k := range roads.Kondisis {
			m[string(k)] = l.Kondisi(k)
		}
		return m
	},
	"kondisiColorMap": func() map[string]string {
		m := map[string]string{}
		for k, c := range kondisiColors {
			m[string(k)] = c
		}
		return m
	},
	"seq": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	},
}

// breakdownView is one breakdown table of the dashboard.
type breakdownView struct {
	P    dashboardPage
	Kind string
	Rows []Breakdown
}
