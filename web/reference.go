package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// choice is one option of a select list: the code stored and the label shown.
type choice struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// choices are the coded lists the forms and filters offer, in the reader's language.
type choices struct {
	Kecamatan  []choice `json:"kecamatan"`
	Kelurahan  []choice `json:"kelurahan"`
	Status     []choice `json:"status"`
	Fungsi     []choice `json:"fungsi"`
	Surface    []choice `json:"surface"`
	Kondisi    []choice `json:"kondisi"`
	WorksTypes []choice `json:"works_types"`
}

// choicesFor lists the coded options; kecamatan and kelurahan are the
// office's own (none before the office is set).
func choicesFor(l Locale, o roads.Office) choices {
	var ch choices
	for _, w := range o.Kecamatan() {
		ch.Kecamatan = append(ch.Kecamatan, choice{w.Code, w.Name})
	}
	for _, w := range o.Kelurahan() {
		ch.Kelurahan = append(ch.Kelurahan, choice{w.Code, w.Name})
	}
	for _, s := range roads.Statuses {
		ch.Status = append(ch.Status, choice{string(s), l.Status(s)})
	}
	for _, f := range roads.Fungsis {
		ch.Fungsi = append(ch.Fungsi, choice{string(f), l.Fungsi(f)})
	}
	for _, s := range roads.Surfaces {
		ch.Surface = append(ch.Surface, choice{string(s), l.Surface(s)})
	}
	for _, k := range roads.Kondisis {
		ch.Kondisi = append(ch.Kondisi, choice{string(k), l.Kondisi(k)})
	}
	ch.Kondisi = append(ch.Kondisi, choice{"none", l.Kondisi("")})
	for _, w := range roads.WorksTypes {
		ch.WorksTypes = append(ch.WorksTypes, choice{string(w), l.Works(w)})
	}
	return ch
}

// referenceAPI serves the coded lists.
func (s *Server) referenceAPI(c *gin.Context) error {
	c.JSON(http.StatusOK, choicesFor(localeOf(c), s.officeOf(c.Request.Context())))
	return nil
}

// rulesAPI serves a condition rule table (the newest, or ?version=), so
// the survey form computes SDI and class as the server will, from the same
// numbers.
func (s *Server) rulesAPI(c *gin.Context) error {
	r, err := roads.ConditionRules(c.Query("version"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, r)
	return nil
}
