package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// ruasListDoc is a page of the register.
type ruasListDoc struct {
	Total   int            `json:"total"`
	Page    int            `json:"page"`
	PerPage int            `json:"per_page"`
	Items   []ruasListItem `json:"items"`
}

type ruasListItem struct {
	ID         int64      `json:"id"`
	Key        string     `json:"key"`
	Name       string     `json:"name"`
	Kecamatan  string     `json:"kecamatan"`
	Status     string     `json:"status"`
	Surface    string     `json:"surface"`
	LengthM    float64    `json:"length_m"`
	Kondisi    string     `json:"kondisi"`
	SurveyDate *time.Time `json:"survey_date"`
	Synthetic  bool       `json:"synthetic"`
	Version    int        `json:"version"`
}

func (s *Server) ruasIndexAPI(c *gin.Context) error {
	l := localeOf(c)
	_, page, total, list, snap, err := s.ruasListing(c, l)
	if err != nil {
		return err
	}
	out := ruasListDoc{Total: total, Page: page, PerPage: pageSize, Items: []ruasListItem{}}
	for _, r := range list {
		lc := snap.latest[r.ID]
		it := ruasListItem{ID: r.ID, Key: r.Key.String(), Name: r.Name, Kecamatan: r.Kecamatan, Status: string(r.Status),
			Surface: string(r.Surface), LengthM: r.Length(), Kondisi: string(lc.Kondisi), Synthetic: synthetic(r), Version: r.Version}
		if !lc.Date.IsZero() {
			d := lc.Date
			it.SurveyDate = &d
		}
		out.Items = append(out.Items, it)
	}
	c.JSON(http.StatusOK, out)
	return nil
}

func (s *Server) ruasCreateAPI(c *gin.Context) error {
	l := localeOf(c)
	var in ruasInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	in.User = actorName(c) // the signed-in account, whatever the body says
	r, err := in.toRuas(l, "api")
	if err != nil {
		return err
	}
	if err := s.snapToNeighbours(c.Request.Context(), r, nil); err != nil {
		return err
	}
	if err := s.store.CreateRuas(c.Request.Context(), r); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, newRuasDoc(r))
	return nil
}

func (s *Server) ruasUpdateAPI(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	var in ruasInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	in.User = actorName(c) // the signed-in account, whatever the body says
	if err := s.updateRuas(c, l, id, in); err != nil {
		return err
	}
	r, err := s.store.RuasByID(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, newRuasDoc(r))
	return nil
}

// ruasDetailDoc is a ruas with its history and the evidence behind its class.
type ruasDetailDoc struct {
	Ruas       ruasDoc       `json:"ruas"`
	Condition  *conditionDoc `json:"condition"`
	Surveys    []surveyDoc   `json:"surveys"`
	Works      []worksDoc    `json:"works"`
	Traffic    []trafficDoc  `json:"traffic"`
	Projection projection    `json:"projection"`
}

// conditionDoc is the current class of a ruas and what it rests on.
type conditionDoc struct {
	Kondisi       string     `json:"kondisi"`
	Date          time.Time  `json:"date"`
	Metres        [4]float64 `json:"metres"`
	KemantapanPct *float64   `json:"kemantapan_pct"`
	SDI           *float64   `json:"sdi"`
	IRI           *float64   `json:"iri"`
	Versions      []string   `json:"versions"`
	Mapped        bool       `json:"mapped"`
	SurveyIDs     []int64    `json:"survey_ids"`
}

func (s *Server) ruasShowAPI(c *gin.Context) error {
	l := localeOf(c)
	d, err := s.ruasDetail(c, l)
	if err != nil {
		return err
	}
	out := ruasDetailDoc{Ruas: newRuasDoc(d.ruas), Surveys: []surveyDoc{}, Works: []worksDoc{}, Traffic: []trafficDoc{}, Projection: s.projectionOf(c.Request.Context(), d, l)}
	if latest := roads.LatestSurvey(d.surveys); len(latest) > 0 {
		cond := roads.ConditionOf(latest)
		cd := &conditionDoc{Kondisi: string(cond.Kondisi()), Date: cond.Date, Metres: cond.Metres, KemantapanPct: finite(cond.Kemantapan()),
			SDI: finite(cond.SDI), IRI: finite(cond.IRI), Versions: cond.Versions, Mapped: cond.Mapped}
		for _, v := range latest {
			cd.SurveyIDs = append(cd.SurveyIDs, v.ID)
		}
		out.Condition = cd
	}
	for _, v := range d.surveys {
		out.Surveys = append(out.Surveys, newSurveyDoc(v))
	}
	for _, w := range d.works {
		out.Works = append(out.Works, newWorksDoc(w))
	}
	for _, t := range d.traffic {
		out.Traffic = append(out.Traffic, newTrafficDoc(t))
	}
	c.JSON(http.StatusOK, out)
	return nil
}
