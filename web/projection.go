package web

// projection is the deterioration forecast of one ruas and its remaining
// service life. The planner computes both; until it exports a per-ruas
// forecast, the ruas page shows the survey history only and this stays
// marked as not yet available.
type projection struct {
	Available bool      `json:"available"`
	Note      string    `json:"note"`
	Chart     chartData `json:"chart"`
	// RemainingYears is the remaining service life in years; nil when unknown.
	RemainingYears *float64 `json:"remaining_years"`
	Model          string   `json:"model,omitempty"`
}

// projectionOf is the one place that asks the planner for a ruas's
// forecast (planner work in progress: no per-ruas projection is exported yet).
func (s *Server) projectionOf(d *ruasDetailData, l Locale) projection {
	return projection{Note: l.T("ruas.projection_pending"), Chart: chartData{X: []float64{}, Series: [][]*float64{}}}
}
