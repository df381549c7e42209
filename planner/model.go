package planner

import "github.com/kotablitar/ruas/roads"

// ModelParam is one deterioration parameter as used by a plan: fitted to
// the register's survey history or the table default, with its evidence.
type ModelParam struct {
	Key      string        `json:"key"` // "aspal" or "aspal/lhr_tinggi"
	Surface  roads.Surface `json:"surface"`
	Band     string        `json:"traffic_band,omitempty"`
	Quantity string        `json:"quantity"` // "iri" (m/km) or "sdi"
	// Form is "exponential": x(t+1) = x(t)·(1+Rate), or "linear":
	// x(t+1) = x(t) + Rate (Rate in units per year).
	Form    string  `json:"form"`
	Rate    float64 `json:"rate"`
	Default float64 `json:"default"` // the table's value
	Cap     float64 `json:"cap"`
	Source  string  `json:"source"` // "fitted" or "default"
	N       int     `json:"n"`      // between-survey intervals used by the fit
	SE      float64 `json:"se"`     // standard error of Rate
	R2      float64 `json:"r2"`     // of the predicted vs observed change over each interval
	RMSE    float64 `json:"rmse"`   // of the predicted end value, in the quantity's unit
	Note    string  `json:"note,omitempty"`
	// Shrinkage: Rate = WeightData × Fitted + (1 − WeightData) × Prior,
	// with WeightData = (1/SEFit²) / (1/SEFit² + 1/PriorSE²). Fitted is the
	// least-squares rate constrained to ≥ 0 and SEFit its standard error;
	// Prior is the table default (or, for a traffic band, its surface's
	// estimate) and PriorSE its uncertainty. SE is then the combined one.
	Fitted     float64 `json:"fitted_rate"`
	SEFit      float64 `json:"fitted_se"`
	Prior      float64 `json:"prior_rate"`
	PriorSE    float64 `json:"prior_se"`
	WeightData float64 `json:"weight_data"`
}

// AHPMatrix is a pairwise comparison matrix on Saaty's 1–9 scale:
// Pairwise[i][j] says how much more important criterion i is than j.
type AHPMatrix struct {
	Criteria []string    `json:"criteria"`
	Pairwise [][]float64 `json:"pairwise"`
}

// AHPResult is the principal-eigenvector weighting of an AHPMatrix and its
// consistency (Saaty): CI = (λmax − n)/(n − 1), CR = CI/RI.
type AHPResult struct {
	Criteria  []string  `json:"criteria"`
	Weights   []float64 `json:"weights"`
	LambdaMax float64   `json:"lambda_max"`
	CI        float64   `json:"ci"`
	RI        float64   `json:"ri"`
	CR        float64   `json:"cr"`
	Source    string    `json:"source"`
}

// FamilySkill is the out-of-sample skill of one family's model
// (surface × traffic band): the family's intervals split by section,
// fitted on one part and scored on the other, against carrying the last
// value forward.
type FamilySkill struct {
	Key       string  `json:"key"`
	Quantity  string  `json:"quantity"` // "iri" or "sdi"
	NTrain    int     `json:"n_train"`
	NTest     int     `json:"n_test"`
	RMSE      float64 `json:"rmse"`       // model, held-out end values
	RMSENaive float64 `json:"rmse_naive"` // last value carried forward
	// RMSEUsed is the held-out RMSE of the rate the plan uses: RMSE, or
	// RMSENaive where the family showed no skill and its rate was set to 0.
	RMSEUsed float64 `json:"rmse_used"`
	// Z is how many standard errors the model's held-out squared error is
	// below the naive one's (paired over the held-out intervals): the
	// rate is kept only where Z ≥ MinSkillZ, i.e. its skill over carrying
	// the last value forward is more than chance.
	Z    float64 `json:"skill_z"`
	Note string  `json:"note,omitempty"`
}
