package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// Plan statuses as pages, the API and exports write them.
const (
	statusDraft    = "draf"
	statusVerified = "terverifikasi"
)

// basisStatus is "draf" for a plan that read unverified records (or whose
// basis was not recorded), "terverifikasi" for one that read verified records only.
func basisStatus(b roads.PlanBasis) string {
	if b.Draft() {
		return statusDraft
	}
	return statusVerified
}

// RunDraft reports whether a listed run read unverified records (a run
// with no recorded basis counts as a draft).
func (p planPage) RunDraft(id int64) bool {
	b, ok := p.Bases[id]
	return !ok || b.Draft()
}

// basisDoc is a plan's data basis in the API.
type basisDoc struct {
	VerifiedOnly bool `json:"verified_only"`
	// Pending is how many unverified records the plan read; -1 = not recorded.
	Pending int  `json:"pending"`
	Draft   bool `json:"draft"`
}

func newBasisDoc(b roads.PlanBasis) basisDoc {
	return basisDoc{VerifiedOnly: b.VerifiedOnly, Pending: b.Pending, Draft: b.Draft()}
}

// adoptError rewords the store's refusal of a draft plan for the reader.
func adoptError(l Locale, err error) error {
	if errors.Is(err, roads.ErrDraftPlan) {
		return &roads.ValidationError{Record: "plan", Fields: []roads.FieldError{{Field: "plan", Message: l.T("plan.adopt_draft")}}}
	}
	return err
}

// planAdopt makes a plan run the adopted programme, which the public
// portal shows. Only a run on verified data only can be adopted.
func (s *Server) planAdopt(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	if _, err := s.store.AdoptPlan(c.Request.Context(), id, actorName(c), c.PostForm("note")); err != nil {
		return adoptError(l, err)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rencana/%d?saved=adopted", id))
	return nil
}

// adoptionDoc is an adoption in the API.
type adoptionDoc struct {
	PlanID int64  `json:"plan_id"`
	By     string `json:"adopted_by"`
	At     string `json:"adopted_at"`
	Note   string `json:"note"`
}

func (s *Server) planAdoptAPI(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	var in struct {
		Note string `json:"note"`
	}
	if c.Request.ContentLength != 0 {
		if err := decodeJSON(c, l, &in); err != nil {
			return err
		}
	}
	a, err := s.store.AdoptPlan(c.Request.Context(), id, actorName(c), in.Note)
	if err != nil {
		return adoptError(l, err)
	}
	c.JSON(http.StatusCreated, adoptionDoc{PlanID: a.PlanID, By: a.By, At: a.At.Format("2006-01-02T15:04:05Z07:00"), Note: a.Note})
	return nil
}
