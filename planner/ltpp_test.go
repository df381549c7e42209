package planner

import (
	"encoding/csv"
	"gonum.org/v1/gonum/stat"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/kotablitar/ruas/data/shared"
)

// realData finds a file of the shared real-data set.
func realData(t testing.TB, rel string) string { return shared.RealData(t, rel) }

type ltppRow struct {
	section string
	interval
}

// readLTPP reads the LTPP GPS asphalt roughness histories: for each visit
// with a previous one under the same construction number, the section
// (state code + SHRP_ID: SHRP_IDs repeat across states), PREV_IRI,
// MEAN_IRI and YEARS_SINCE_PREV.
func readLTPP(t *testing.T) []ltppRow {
	f, err := os.Open(realData(t, "pavement_condition/ltpp_gps_iri/flexible_iri_clean.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var out []ltppRow
	for _, r := range recs[1:] {
		prev, err1 := strconv.ParseFloat(r[col["PREV_IRI"]], 64)
		cur, err2 := strconv.ParseFloat(r[col["MEAN_IRI"]], 64)
		dt, err3 := strconv.ParseFloat(r[col["YEARS_SINCE_PREV"]], 64)
		if err1 != nil || err2 != nil || err3 != nil || prev <= 0 || dt <= 0 {
			continue // first visit of a construction: no interval
		}
		out = append(out, ltppRow{r[col["STATE_CODE"]] + "-" + r[col["SHRP_ID"]], interval{v1: prev, v2: cur, dt: dt}})
	}
	return out
}

// TestFitBeatsNaiveOnLTPP fits the exponential roughness model on 70 % of
// the LTPP sections (split by section with a fixed seed, never by row) as
// Calibrate does (least squares constrained to m ≥ 0, combined with the
// table's asphalt default by precision) and predicts MEAN_IRI from
// PREV_IRI and YEARS_SINCE_PREV on the other 30 %: the model must beat
// carrying the last value forward.
func TestFitBeatsNaiveOnLTPP(t *testing.T) {
	rows := readLTPP(t)
	var ids []string
	for _, r := range rows {
		if !slices.Contains(ids, r.section) {
			ids = append(ids, r.section)
		}
	}
	slices.Sort(ids)
	rand.New(rand.NewPCG(2026, 3572)).Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	train := map[string]bool{}
	for _, id := range ids[:len(ids)*7/10] {
		train[id] = true
	}
	var fitOn []interval
	var test []interval
	for _, r := range rows {
		if train[r.section] {
			fitOn = append(fitOn, r.interval)
		} else {
			test = append(test, r.interval)
		}
	}
	det, err := DeteriorationTable("")
	if err != nil {
		t.Fatal(err)
	}
	def, _ := det.rate("aspal")
	f := fitRate(FormExponential, fitOn)
	rate, se, w := shrink(f.Rate, f.SE, def.IRIRate, det.PriorRelSE*def.IRIRate)
	t.Logf("shrinkage: fit %.4f ± %.4f, default %.3f ± %.3f (table %s): weight %.3f on the data → m = %.4f ± %.4f",
		f.Rate, f.SE, def.IRIRate, det.PriorRelSE*def.IRIRate, det.Version, w, rate, se)
	var seM, seN, aeM, aeN float64
	var gains []float64
	for _, o := range test {
		p := predict(FormExponential, rate, o.v1, o.dt)
		gains = append(gains, (o.v2-o.v1)*(o.v2-o.v1)-(o.v2-p)*(o.v2-p))
		seM += (o.v2 - p) * (o.v2 - p)
		aeM += math.Abs(o.v2 - p)
		seN += (o.v2 - o.v1) * (o.v2 - o.v1)
		aeN += math.Abs(o.v2 - o.v1)
	}
	n := float64(len(test))
	rmseM, rmseN, maeM, maeN := math.Sqrt(seM/n), math.Sqrt(seN/n), aeM/n, aeN/n
	t.Logf("LTPP: %d sections (%d train), %d train and %d test intervals; least-squares m = %.4f/yr (SE %.4f, R² %.3f), used m = %.4f",
		len(ids), len(train), len(fitOn), len(test), f.Rate, f.SE, f.R2, rate)
	t.Logf("held-out MEAN_IRI: model RMSE %.5f MAE %.5f m/km; last value carried forward RMSE %.5f MAE %.5f m/km", rmseM, maeM, rmseN, maeN)
	// The skill guard's evidence (MinSkillZ): the paired gain in squared
	// error over carrying forward, in standard errors.
	mg, sg := stat.MeanStdDev(gains, nil)
	z := mg / (sg / math.Sqrt(float64(len(gains))))
	t.Logf("skill guard: fitted rate %.2f SE above 0, held-out gain over carrying forward %.2f SE (a rate is kept when either reaches %g)", f.Rate/f.SE, z, float64(MinSkillZ))
	if !(f.Rate > 0) {
		t.Errorf("fitted rate %.4f: roughness should grow", f.Rate)
	}
	// The skill guard keeps LTPP's rate on the fit's evidence, since
	// the held-out gain alone is within chance.
	if fz := f.Rate / f.SE; fz < MinSkillZ && z < MinSkillZ {
		t.Errorf("the LTPP rate is %.2f SE above 0 and beats carrying forward by %.2f SE: the skill guard would carry LTPP forward", fz, z)
	}
	if rmseM >= rmseN || maeM >= maeN {
		t.Errorf("fitted model (RMSE %.4f, MAE %.4f) does not beat the naive baseline (RMSE %.4f, MAE %.4f)", rmseM, maeM, rmseN, maeN)
	}
}
