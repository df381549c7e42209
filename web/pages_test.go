package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

func (a *testApp) postForm(t *testing.T, path string, v url.Values) (int, string) {
	t.Helper()
	status, b := a.do(t, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	return status, string(b)
}

// TestPages: every page renders for a seeded register, in both languages.
func TestPages(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	id := rs[0].ID
	for _, path := range []string{"/", "/?year=2025", "/peta", "/ruas", "/ruas?q=Kenari&sort=length&desc=1", "/ruas/baru",
		fmt.Sprintf("/ruas/%d", id), fmt.Sprintf("/ruas/%d/ubah", id), fmt.Sprintf("/ruas/%d/survei", id),
		fmt.Sprintf("/ruas/%d/penanganan", id), fmt.Sprintf("/ruas/%d/lalulintas", id), "/impor", "/rencana"} {
		for _, lang := range []string{"id", "en"} {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			status, b := a.do(t, "GET", path+sep+"lang="+lang, "", nil)
			if status != 200 || !bytes.Contains(b, []byte(`<html lang="`+lang+`">`)) {
				t.Errorf("GET %s (%s): %d", path, lang, status)
			}
		}
	}
	for _, tc := range []struct{ path string }{{"/ruas/abc"}, {"/ruas/999"}, {"/tidak-ada"}} {
		status, b := a.do(t, "GET", tc.path, "", nil)
		if status < 400 || !bytes.Contains(b, []byte(`id="error-message"`)) {
			t.Errorf("GET %s: %d, want an error page", tc.path, status)
		}
	}
}

// TestWorksAndTrafficForms: the forms refuse bad input beside the field,
// store nothing, and store good input with the officer's name.
func TestWorksAndTrafficForms(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	works := fmt.Sprintf("/ruas/%d/penanganan", rs[0].ID)
	status, body := a.postForm(t, works, url.Values{"date": {"2025-09-01"}, "type": {"cat"}, "sta_from_m": {"0"}, "sta_to_m": {"300"}, "cost_rp": {"-1"}})
	if status != 422 || !strings.Contains(body, "Pilih jenis penanganan") || !strings.Contains(body, "Biaya tidak boleh negatif") {
		t.Errorf("bad works: %d", status)
	}
	if ws, _ := a.store.WorksOf(ctx, rs[0].ID); len(ws) != 0 {
		t.Fatalf("%d works stored from a refused form", len(ws))
	}
	status, _ = a.postForm(t, works, url.Values{"date": {"2025-09-01"}, "type": {"berkala"}, "sta_from_m": {"0+000"}, "sta_to_m": {"0+300"},
		"cost_rp": {"1.250.000.000"}, "sub_kegiatan": {"1.03.10.2.01.0034"}, "nomen_version": {"2024"}, "user": {"Sari"}})
	ws, _ := a.store.WorksOf(ctx, rs[0].ID)
	if status != 303 || len(ws) != 1 || ws[0].CostRp != 1.25e9 || ws[0].StaToM != 300 || ws[0].Source.User != "produsen" {
		t.Errorf("works: %d %+v", status, ws)
	}
	traffic := fmt.Sprintf("/ruas/%d/lalulintas", rs[0].ID)
	status, body = a.postForm(t, traffic, url.Values{"year": {"2025"}, "lhr": {"banyak"}})
	if status != 422 || !strings.Contains(body, "Bukan angka") {
		t.Errorf("bad traffic: %d", status)
	}
	status, _ = a.postForm(t, traffic, url.Values{"year": {"2025"}, "lhr": {"1.500"}})
	ts, _ := a.store.TrafficOf(ctx, rs[0].ID)
	if status != 303 || len(ts) != 1 || ts[0].LHR != 1500 {
		t.Errorf("traffic: %d %+v", status, ts)
	}
}

// TestPlanAPIAndDownloads runs a plan through the API and reads its three
// downloads back: the JSON result, the CSV works list and the XLSX workbook.
func TestPlanAPIAndDownloads(t *testing.T) {
	a := newTestApp(t)
	a.seed(t)
	status, b := a.postJSON(t, "POST", "/api/v1/plans", `{"from_year":2027,"years":3,"budgets_rp":[300000000],"scenarios_rp":[0,1000000000],
		"target":{"kemantapan_pct":90,"year":2029},"user":"perencana"}`)
	if status != 201 {
		t.Fatalf("plan: %d %s", status, truncate(string(b), 400))
	}
	var created struct {
		ID     int64
		Result struct {
			Years []struct {
				Year  int
				Works []json.RawMessage
			}
			DoNothing struct{ Years []json.RawMessage } `json:"do_nothing"`
			Scenarios []json.RawMessage
		}
	}
	json.Unmarshal(b, &created)
	if created.ID == 0 || len(created.Result.Years) != 3 || len(created.Result.DoNothing.Years) != 3 || len(created.Result.Scenarios) < 2 {
		t.Fatalf("plan result %+v", created)
	}
	works := 0
	for _, y := range created.Result.Years {
		works += len(y.Works)
	}
	var list struct{ Plans []planRunDoc }
	a.getJSON(t, "/api/v1/plans", &list)
	if len(list.Plans) != 1 || list.Plans[0].CreatedBy != "perencana" || list.Plans[0].FromYear != 2027 {
		t.Errorf("plans %+v", list.Plans)
	}
	dl := fmt.Sprintf("/api/v1/plans/%d/download?format=", created.ID)
	status, b = a.do(t, "GET", dl+"json", "", nil)
	if status != 200 || !json.Valid(b) {
		t.Errorf("json download: %d", status)
	}
	status, b = a.do(t, "GET", dl+"csv", "", nil)
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if status != 200 || err != nil || len(rows) != works+1 || strings.Join(rows[0], ",") != strings.Join(publish.WorksHeader, ",") {
		t.Errorf("csv download: %d, %d rows for %d works, %v", status, len(rows), works, err)
	}
	status, b = a.do(t, "GET", dl+"xlsx", "", nil)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if status != 200 || err != nil {
		t.Fatalf("xlsx download: %d %v", status, err)
	}
	defer f.Close()
	// The same workbook as `ruas plan --out F.xlsx`: the summary has a row
	// per year of do-nothing and of each scenario (the plan, and two more).
	sum, _ := f.GetRows("Ringkasan")
	if got := f.GetSheetList(); strings.Join(got, ",") != "Pekerjaan,Ringkasan,Model kerusakan,Masukan" || len(sum) != 1+3*(1+len(created.Result.Scenarios)) {
		t.Errorf("xlsx sheets %v, summary rows %d", got, len(sum))
	}
	// The page of the stored run shows the programme and the scenario chart.
	status, b = a.do(t, "GET", fmt.Sprintf("/rencana/%d", created.ID), "", nil)
	if status != 200 || !bytes.Contains(b, []byte(`id="programme"`)) || !bytes.Contains(b, []byte(`id="scenario-chart"`)) {
		t.Errorf("plan page: %d", status)
	}
}

// TestPlanFormRefusesBadInput: the planning form names the field at fault.
func TestPlanFormRefusesBadInput(t *testing.T) {
	a := newTestApp(t)
	status, body := a.postForm(t, "/rencana", url.Values{"from_year": {"2027"}, "years": {"5"}, "budgets_rp": {"1.000;2.000"}, "method": {"optimal"}})
	if status != 422 || !strings.Contains(body, "tepat 5 nilai") {
		t.Errorf("%d", status)
	}
	if runs, _ := a.store.PlanRuns(context.Background()); len(runs) != 0 {
		t.Errorf("%d plans stored", len(runs))
	}
}

// TestSurveyFormKeepsRows: a refused survey form comes back with what the
// officer typed and the message on the right row.
func TestSurveyFormKeepsRows(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	v := url.Values{"date": {"2026-10-01"}, "user": {"Budi"},
		"units.0.sta_from_m": {"0"}, "units.0.sta_to_m": {"100"}, "units.0.iri": {"4,5"},
		"units.1.sta_from_m": {"100"}, "units.1.sta_to_m": {"200"},
		"units.2.sta_from_m": {"200"}, "units.2.sta_to_m": {"300"}, "units.2.crack_area_pct": {"150"}, "units.2.crack_width_mm": {"1"}, "units.2.potholes": {"0"}, "units.2.rut_cm": {"0"}}
	path := fmt.Sprintf("/ruas/%d/survei", rs[2].ID)
	status, body := a.postForm(t, path, v)
	if status != 422 || !strings.Contains(body, `value="4,5"`) || !strings.Contains(body, "Luas retak harus 0–100 %") {
		t.Fatalf("%d", status)
	}
	i := strings.Index(body, `name="units.2.crack_area_pct"`)
	if i < 0 || !strings.Contains(body[i:i+300], "Luas retak harus") {
		t.Errorf("the message is not beside row 2's crack area")
	}
	delete(v, "units.2.crack_area_pct")
	delete(v, "units.2.crack_width_mm")
	delete(v, "units.2.potholes")
	delete(v, "units.2.rut_cm")
	if status, _ = a.postForm(t, path, v); status != 303 {
		t.Fatalf("good survey: %d", status)
	}
	vs, _ := a.store.Surveys(context.Background(), roads.SurveyFilter{RuasID: rs[2].ID})
	if len(vs) != 1 || vs[0].Assessment.Kondisi != roads.Sedang || vs[0].Source.User != "produsen" || vs[0].Source.Form != "survey" {
		t.Errorf("stored %+v", vs)
	}
}
