package web

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

// planDownload sends a stored plan's result as JSON, CSV (the works list)
// or XLSX (works, summary per scenario, models, inputs): the same files as
// `ruas plan --out`.
func (s *Server) planDownload(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	format := c.DefaultQuery("format", "json")
	if format != "json" && format != "csv" && format != "xlsx" {
		return badInput(roads.FieldError{Field: "format", Value: format, Message: l.T("err.format")})
	}
	run, res, err := s.planRun(c.Request.Context(), id)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("rencana-%d-%d", run.ID, res.Input.FromYear)
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	switch format {
	case "json":
		c.Data(http.StatusOK, "application/json", run.Result)
	case "csv":
		b, err := publish.PlanWorksCSV(res)
		if err != nil {
			return err
		}
		c.Data(http.StatusOK, "text/csv; charset=utf-8", b)
	case "xlsx":
		b, err := publish.PlanXLSX(res)
		if err != nil {
			return err
		}
		c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
	}
	return nil
}
