package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestRolePolicy pins who may do what (Satu Data roles): produsen enter
// data but do not verify, walidata verify but do not edit, perencana plan
// and export, admin manage accounts, the public reads /publik only.
func TestRolePolicy(t *testing.T) {
	roles := map[string]roads.Role{"admin": roads.RoleAdmin, "produsen": roads.RoleProdusen, "walidata": roads.RoleWalidata, "perencana": roads.RolePerencana, "publik": ""}
	for _, tc := range []struct {
		route string
		may   string // the roles allowed, space-separated
	}{
		{"POST /ruas/baru", "produsen"},
		{"PUT /api/v1/ruas/:id", "produsen"},
		{"POST /api/v1/ruas/:id/surveys", "produsen"},
		{"POST /api/v1/imports", "produsen"},
		{"POST /impor/simpan", "produsen"},
		{"POST /verifikasi", "walidata"},
		{"POST /api/v1/verification", "walidata"},
		{"POST /rencana", "perencana"},
		{"POST /api/v1/plans", "perencana"},
		{"GET /api/v1/plans/:id/export/:kind", "perencana"},
		{"POST /rencana/:id/tetapkan", "admin perencana"},
		{"POST /admin/akun", "admin"},
		{"GET /audit.csv", "admin walidata"},
		{"GET /ruas/:id", "admin produsen walidata perencana"},
		{"GET /publik", "admin produsen walidata perencana publik"},
		{"GET /api/v1/publik/map", "admin produsen walidata perencana publik"},
	} {
		t.Run(tc.route, func(t *testing.T) {
			rule, ok := routeAccess[tc.route]
			if !ok {
				t.Fatalf("no rule for %s", tc.route)
			}
			var got []string
			for _, name := range []string{"admin", "produsen", "walidata", "perencana", "publik"} {
				var acct *roads.Account
				if roles[name] != "" {
					acct = &roads.Account{Role: roles[name]}
				}
				if rule.allows(acct) {
					got = append(got, name)
				}
			}
			if strings.Join(got, " ") != tc.may {
				t.Errorf("%s allowed for %q, want %q", tc.route, strings.Join(got, " "), tc.may)
			}
		})
	}
}

// session is a signed-in browser for a test: its client and CSRF token.
type session struct {
	t      *testing.T
	a      *testApp
	client *http.Client
	csrf   string
}

func (a *testApp) session(t *testing.T, r roads.Role) *session {
	c, csrf := a.browserSession(t, r, "rahasia-"+string(r))
	return &session{t: t, a: a, client: c, csrf: csrf}
}

func (s *session) post(path, contentType string, body io.Reader) (int, string) {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.a.http.URL+path, body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-CSRF-Token", s.csrf)
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (s *session) form(path string, v url.Values) (int, string) {
	s.t.Helper()
	v.Set("csrf", s.csrf)
	return s.post(path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
}

func (s *session) get(path string) (int, string) {
	s.t.Helper()
	resp, err := s.client.Get(s.a.http.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// csvUpload is a multipart body holding one small network file.
func csvUpload(name, content string) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", name)
	w.Write([]byte(content))
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// TestAuditEveryMutationPath changes data through every path — each form,
// each API call, the import page and API, verification, plan adoption and
// account administration — and finds, for each, an audit entry naming the
// signed-in account that made it: the browser's session ("produsen") or a
// script's token (a second producer, "skrip").
func TestAuditEveryMutationPath(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if err := a.store.AddAccount(ctx, &roads.Account{Name: "skrip", Role: roads.RoleProdusen}, "", "test"); err != nil {
		t.Fatal(err)
	}
	skrip, _, err := a.store.CreateToken(ctx, "skrip", "")
	if err != nil {
		t.Fatal(err)
	}
	api := func(method, path, contentType string, body io.Reader) (int, string) {
		req, _ := http.NewRequest(method, a.http.URL+path, body)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Authorization", "Bearer "+skrip)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	browser := a.session(t, roads.RoleProdusen)

	type step struct {
		name   string
		do     func() (int, string)
		want   int
		entity string
		action string
		actor  string
	}
	var formID, apiID int64
	ruasID := func(key string) int64 {
		r, err := a.store.Ruas(ctx, roads.Key{Region: "35.72", No: key})
		if err != nil {
			t.Fatalf("ruas %s: %v", key, err)
		}
		return r.ID
	}
	steps := []step{
		{"form: new ruas", func() (int, string) {
			return browser.form("/ruas/baru", url.Values{"region": {"35.72"}, "no_ruas": {"101"}, "name": {"Jl. Form"}, "surface": {"aspal"}, "length_m": {"300"}})
		}, 303, "ruas", "insert", "produsen"},
		{"api: new ruas", func() (int, string) {
			return api("POST", "/api/v1/ruas", "application/json", strings.NewReader(`{"region":"35.72","no_ruas":"102","name":"Jl. API","surface":"aspal","length_m":300,"user":"menyamar"}`))
		}, 201, "ruas", "insert", "skrip"},
		{"form: edit ruas", func() (int, string) {
			formID, apiID = ruasID("101"), ruasID("102")
			return browser.form(fmt.Sprintf("/ruas/%d/ubah", formID), url.Values{"region": {"35.72"}, "no_ruas": {"101"}, "name": {"Jl. Form Baru"}, "surface": {"aspal"}, "length_m": {"300"}, "version": {"1"}})
		}, 303, "ruas", "update", "produsen"},
		{"api: edit ruas", func() (int, string) {
			return api("PUT", fmt.Sprintf("/api/v1/ruas/%d", apiID), "application/json", strings.NewReader(`{"region":"35.72","no_ruas":"102","name":"Jl. API Baru","surface":"aspal","length_m":300,"version":1}`))
		}, 200, "ruas", "update", "skrip"},
		{"form: survey", func() (int, string) {
			return browser.form(fmt.Sprintf("/ruas/%d/survei", formID), url.Values{"date": {"2026-03-01"}, "units.0.sta_from_m": {"0"}, "units.0.sta_to_m": {"100"}, "units.0.iri": {"5"}})
		}, 303, "survey", "insert", "produsen"},
		{"api: survey", func() (int, string) {
			return api("POST", fmt.Sprintf("/api/v1/ruas/%d/surveys", apiID), "application/json", strings.NewReader(`{"date":"2026-03-01","units":[{"sta_from_m":0,"sta_to_m":100,"iri":5}]}`))
		}, 201, "survey", "insert", "skrip"},
		{"form: works", func() (int, string) {
			return browser.form(fmt.Sprintf("/ruas/%d/penanganan", formID), url.Values{"date": {"2025-09-01"}, "type": {"berkala"}, "sta_from_m": {"0"}, "sta_to_m": {"300"}, "cost_rp": {"1000000"}})
		}, 303, "works", "insert", "produsen"},
		{"api: works", func() (int, string) {
			return api("POST", fmt.Sprintf("/api/v1/ruas/%d/works", apiID), "application/json", strings.NewReader(`{"date":"2025-09-01","type":"berkala","cost_rp":1000000}`))
		}, 201, "works", "insert", "skrip"},
		{"form: traffic", func() (int, string) {
			return browser.form(fmt.Sprintf("/ruas/%d/lalulintas", formID), url.Values{"year": {"2025"}, "lhr": {"1200"}})
		}, 303, "traffic", "insert", "produsen"},
		{"api: traffic", func() (int, string) {
			return api("POST", fmt.Sprintf("/api/v1/ruas/%d/traffic", apiID), "application/json", strings.NewReader(`{"year":2025,"lhr":1300}`))
		}, 201, "traffic", "insert", "skrip"},
		{"import page: commit", func() (int, string) {
			body, ct := csvUpload("halaman.csv", "KODE WILAYAH,NO RUAS,NAMA RUAS,PANJANG\n35.72,103,Jl. Impor Halaman,250\n")
			return browser.post("/impor/simpan", ct, body)
		}, 200, "ruas", "insert", "produsen"},
		{"import API: commit", func() (int, string) {
			body, ct := csvUpload("skrip.csv", "KODE WILAYAH,NO RUAS,NAMA RUAS,PANJANG\n35.72,104,Jl. Impor Skrip,250\n")
			return api("POST", "/api/v1/imports?commit=true", ct, body)
		}, 201, "ruas", "insert", "skrip"},
	}
	for _, st := range steps {
		before, _ := a.store.Audit(ctx, roads.AuditFilter{})
		status, body := st.do()
		if status != st.want {
			t.Fatalf("%s: %d, want %d: %s", st.name, status, st.want, truncate(body, 400))
		}
		after, _ := a.store.Audit(ctx, roads.AuditFilter{})
		found := false
		for _, e := range after[len(before):] {
			if e.Entity == st.entity && e.Action == st.action && e.Actor == st.actor {
				found = true
			}
			if e.Actor != st.actor {
				t.Errorf("%s: audit entry %d names %q, want %q", st.name, e.ID, e.Actor, st.actor)
			}
		}
		if !found {
			t.Errorf("%s: no %s %s audit entry by %s among %d new entries", st.name, st.action, st.entity, st.actor, len(after)-len(before))
		}
	}

	// The walidata's verification and return, the planner's adoption and
	// the admin's account changes are audited under their names too.
	wali := a.session(t, roads.RoleWalidata)
	if status, body := wali.form("/verifikasi", url.Values{"item": {fmt.Sprintf("ruas:%d", formID)}, "action": {"verify"}}); status != 303 {
		t.Fatalf("verify: %d %s", status, truncate(body, 300))
	}
	status, body := a.as(roads.RoleWalidata).postJSON(t, "POST", "/api/v1/verification", fmt.Sprintf(`{"entity":"ruas","ids":[%d],"action":"return","reason":"panjang SK belum cocok"}`, apiID))
	if status != 200 {
		t.Fatalf("return: %d %s", status, body)
	}
	admin := a.session(t, roads.RoleAdmin)
	if status, body := admin.form("/admin/akun", url.Values{"name": {"citra"}, "role": {"produsen"}, "password": {"rahasia-citra"}}); status != 201 {
		t.Fatalf("create account: %d %s", status, truncate(body, 300))
	}
	if status, _ := admin.form("/admin/akun/citra", url.Values{"op": {"disable"}}); status != 303 {
		t.Fatalf("disable account: %d", status)
	}
	for _, tc := range []struct {
		entity string
		id     int64
		origin string
		actor  string
	}{
		{"ruas", formID, "verifikasi:verified", "walidata"},
		{"ruas", apiID, "verifikasi:returned", "walidata"},
		{"account", 0, "account", "admin"},
	} {
		entries, _ := a.store.Audit(ctx, roads.AuditFilter{Entity: tc.entity, EntityID: tc.id})
		found := false
		for _, e := range entries {
			found = found || e.Origin == tc.origin && e.Actor == tc.actor
		}
		if !found {
			t.Errorf("no %s audit entry %q by %s", tc.entity, tc.origin, tc.actor)
		}
	}

	// The ruas page shows its trail with the field-level change; the full
	// trail downloads as CSV for an auditor, and not for a producer.
	_, page := browser.get(fmt.Sprintf("/ruas/%d", formID))
	if !strings.Contains(page, `id="audit"`) || !strings.Contains(page, "Jl. Form Baru") || !strings.Contains(page, `class="before">Jl. Form<`) {
		t.Errorf("ruas page lacks the audit trail with the name change")
	}
	var doc struct{ Entries []auditView }
	a.getJSON(t, fmt.Sprintf("/api/v1/ruas/%d/audit", formID), &doc)
	if len(doc.Entries) < 6 || doc.Entries[0].Actor != "walidata" {
		t.Errorf("ruas audit API: %d entries, newest by %q", len(doc.Entries), doc.Entries[0].Actor)
	}
	if status, body := wali.get("/audit.csv"); status != 200 || !strings.HasPrefix(body, "id,at,action,entity") || !strings.Contains(body, "skrip") {
		t.Errorf("audit CSV for the walidata: %d", status)
	}
	if status, _ := browser.get("/audit.csv"); status != 403 {
		t.Errorf("audit CSV for a producer: %d, want 403", status)
	}

	// An edit of the verified ruas (form) and of the returned one (API)
	// names its editor: it used to name nobody (the edit empties verif_by).
	for _, st := range []step{
		{"form: edit verified ruas", func() (int, string) {
			r, _ := a.store.Ruas(ctx, roads.Key{Region: "35.72", No: "101"})
			return browser.form(fmt.Sprintf("/ruas/%d/ubah", formID), url.Values{"region": {"35.72"}, "no_ruas": {"101"}, "name": {"Jl. Form Sesudah Verifikasi"}, "surface": {"aspal"}, "length_m": {"300"}, "version": {fmt.Sprint(r.Version)}})
		}, 303, "ruas", "update", "produsen"},
		{"api: edit returned ruas", func() (int, string) {
			r, _ := a.store.Ruas(ctx, roads.Key{Region: "35.72", No: "102"})
			return api("PUT", fmt.Sprintf("/api/v1/ruas/%d", apiID), "application/json", strings.NewReader(fmt.Sprintf(`{"region":"35.72","no_ruas":"102","name":"Jl. API Sesudah Dikembalikan","surface":"aspal","length_m":300,"version":%d}`, r.Version)))
		}, 200, "ruas", "update", "skrip"},
	} {
		before, _ := a.store.Audit(ctx, roads.AuditFilter{})
		if status, body := st.do(); status != st.want {
			t.Fatalf("%s: %d, want %d: %s", st.name, status, st.want, truncate(body, 400))
		}
		after, _ := a.store.Audit(ctx, roads.AuditFilter{})
		if len(after) == len(before) {
			t.Errorf("%s: no audit entry", st.name)
		}
		for _, e := range after[len(before):] {
			if e.Entity != st.entity || e.Action != st.action || e.Actor != st.actor {
				t.Errorf("%s: audit entry %d is %s %s by %q, want %s %s by %q", st.name, e.ID, e.Action, e.Entity, e.Actor, st.action, st.entity, st.actor)
			}
		}
	}
}

// TestDiffJSON: the audit page's field-level difference.
func TestDiffJSON(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after string
		want          string
	}{
		{"update", `{"name":"A","width_m":6,"version":1,"notes":""}`, `{"name":"B","width_m":6.5,"version":2,"notes":""}`, "name:A>B width_m:6>6.5"},
		{"insert leaves out empty fields", ``, `{"name":"A","notes":"","width_m":0,"year_built":null}`, "name:>A width_m:>0"},
		{"delete", `{"name":"A","lhr":1200}`, ``, "lhr:1200> name:A>"},
		{"nothing changed but bookkeeping", `{"name":"A","updated_at":"x","version":1}`, `{"name":"A","updated_at":"y","version":2}`, ""},
		{"large numbers stay exact", `{"cost_rp":1250000000}`, `{"cost_rp":1250000001}`, "cost_rp:1250000000>1250000001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, c := range diffJSON(json.RawMessage(tc.before), json.RawMessage(tc.after)) {
				got = append(got, c.Field+":"+c.Before+">"+c.After)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("diff = %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

// TestVerificationAndPublic: drafts are in the walidata's queue and not on
// the public portal; once verified they are published; a return needs a
// reason; nobody verifies their own edit; a plan on drafts says "draf" and
// cannot be adopted, a verified-only plan can, and the public sees it with
// the open-data package.
func TestVerificationAndPublic(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t) // three ruas and their surveys, all drafts, by "uji"
	ctx := context.Background()
	pub := a.anonymous()
	var sum summaryDoc
	if status := pub.getJSON(t, "/api/v1/publik/summary", &sum); status != 200 || sum.Total.Ruas != 0 {
		t.Fatalf("public summary before verification: %d, %d ruas; want none", status, sum.Total.Ruas)
	}
	wali := a.session(t, roads.RoleWalidata)
	status, page := wali.get("/verifikasi")
	if status != 200 || strings.Count(page, `name="item"`) != 3+3 || !strings.Contains(page, "Jl. Kenari") {
		t.Fatalf("queue: %d, %d items; want 3 ruas and 3 surveys", status, strings.Count(page, `name="item"`))
	}
	if status, body := wali.form("/verifikasi", url.Values{"item": {fmt.Sprintf("ruas:%d", rs[2].ID)}, "action": {"return"}}); status != 422 || !strings.Contains(body, "alasan") {
		t.Errorf("return without a reason: %d", status)
	}
	// Verify 001 and 002 with all their surveys, in one batch.
	n, _ := a.store.Network(ctx)
	items := url.Values{"action": {"verify"}}
	for _, r := range rs[:2] {
		items.Add("item", fmt.Sprintf("ruas:%d", r.ID))
		var ids []string
		for _, v := range n.Surveys[r.ID] {
			ids = append(ids, fmt.Sprint(v.ID))
		}
		items.Add("item", "survey:"+strings.Join(ids, ","))
	}
	if status, body := wali.form("/verifikasi", items); status != 303 {
		t.Fatalf("verify batch: %d %s", status, truncate(body, 300))
	}
	if status, body := wali.form("/verifikasi", url.Values{"item": {fmt.Sprintf("ruas:%d", rs[2].ID)}, "action": {"return"}, "reason": {"geometri belum ada"}}); status != 303 {
		t.Fatalf("return: %d %s", status, truncate(body, 300))
	}
	r3, _ := a.store.RuasByID(ctx, rs[2].ID)
	if r3.Verif.State != roads.Returned || r3.Verif.Note != "geometri belum ada" || r3.Verif.By != "walidata" {
		t.Errorf("returned ruas: %+v", r3.Verif)
	}
	// The ruas page shows the state.
	if _, page := wali.get(fmt.Sprintf("/ruas/%d", rs[2].ID)); !strings.Contains(page, "dikembalikan") || !strings.Contains(page, "geometri belum ada") {
		t.Error("ruas page lacks the returned badge and reason")
	}
	if status := pub.getJSON(t, "/api/v1/publik/summary", &sum); status != 200 || sum.Total.Ruas != 2 {
		t.Errorf("public summary after verification: %d ruas, want 2", sum.Total.Ruas)
	}
	var fc struct{ Count int }
	pub.getJSON(t, "/api/v1/publik/map?bbox=112.1,-8.2,112.3,-8.0", &fc)
	if fc.Count != 2 {
		t.Errorf("public map: %d ruas, want the 2 verified", fc.Count)
	}
	if status, page := pub.do(t, "GET", "/publik", "", nil); status != 200 || !bytes.Contains(page, []byte("Dinas PUPR Kota Blitar")) || !bytes.Contains(page, []byte("Hanya data yang telah diverifikasi walidata")) {
		t.Errorf("public page: %d", status)
	}

	// Nobody verifies their own edit: a producer made walidata keeps their name on what they entered.
	if err := a.store.AddAccount(ctx, &roads.Account{Name: "uji", Role: roads.RoleWalidata}, "", "test"); err != nil {
		t.Fatal(err)
	}
	tok, _, _ := a.store.CreateToken(ctx, "uji", "")
	req, _ := http.NewRequest("POST", a.http.URL+"/api/v1/verification", strings.NewReader(fmt.Sprintf(`{"entity":"survey","ids":[%d],"action":"verify"}`, n.Surveys[rs[0].ID][0].ID)))
	req.Header.Set("Authorization", "Bearer "+tok)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 403 {
		t.Errorf("self-verification: %v %v, want 403", resp.StatusCode, err)
	}

	// Plans: on every record → draft, not adoptable; on verified records → adoptable and public.
	plan := func(verifiedOnly bool) (int64, string) {
		status, b := a.postJSON(t, "POST", "/api/v1/plans", fmt.Sprintf(`{"from_year":2027,"years":2,"budgets_rp":[100000000],"verified_only":%v}`, verifiedOnly))
		var out struct {
			ID     int64
			Status string
		}
		json.Unmarshal(b, &out)
		if status != 201 {
			t.Fatalf("plan: %d %s", status, truncate(string(b), 300))
		}
		return out.ID, out.Status
	}
	draftID, st := plan(false)
	if st != "draf" {
		t.Errorf("plan on drafts: status %q, want draf", st)
	}
	perencana := a.session(t, roads.RolePerencana)
	if _, page := perencana.get(fmt.Sprintf("/rencana/%d", draftID)); !strings.Contains(page, "DRAF") || strings.Contains(page, `id="adopt-form"`) {
		t.Error("draft plan page lacks the DRAF mark or offers adoption")
	}
	if status, _ := a.postJSON(t, "POST", fmt.Sprintf("/api/v1/plans/%d/adopt", draftID), `{}`); status != 422 {
		t.Errorf("adopting a draft plan: %d, want 422", status)
	}
	verifiedID, st := plan(true)
	if st != "terverifikasi" {
		t.Errorf("verified-only plan: status %q", st)
	}
	if status, body := perencana.form(fmt.Sprintf("/rencana/%d/tetapkan", verifiedID), url.Values{"note": {"RKPD 2027"}}); status != 303 {
		t.Fatalf("adopt: %d %s", status, truncate(body, 300))
	}
	if status, page := pub.do(t, "GET", "/publik/program", "", nil); status != 200 || !bytes.Contains(page, []byte("Ditetapkan oleh perencana")) || !bytes.Contains(page, []byte(`id="programme"`)) {
		t.Errorf("public programme: %d", status)
	}
	status, zb := pub.do(t, "GET", "/publik/unduh/satudata.zip", "", nil)
	if status != 200 {
		t.Fatalf("satu data package: %d %s", status, truncate(string(zb), 200))
	}
	zr, err := zip.NewReader(bytes.NewReader(zb), int64(len(zb)))
	if err != nil || len(zr.File) != 4 {
		t.Fatalf("package: %v, %d files", err, len(zr.File))
	}
	for _, f := range zr.File {
		if f.Name != "kondisi_jalan.csv" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		if lines := strings.Count(strings.TrimSpace(string(b)), "\n"); lines != 2 || strings.Contains(string(b), "Jl. Anggrek") {
			t.Errorf("published network has %d rows (want the 2 verified ruas, not the returned 003)", lines)
		}
	}
}

// TestQualityPage: the report per principle and kecamatan, each finding
// linked to the record to fix.
func TestQualityPage(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	status, b := a.do(t, "GET", "/kualitas", "", nil)
	if status != 200 || !bytes.Contains(b, []byte(`id="principles"`)) || !bytes.Contains(b, []byte(`id="quality-kecamatan"`)) {
		t.Fatalf("quality page: %d", status)
	}
	// 003 has never been surveyed: a completeness finding linked to its page.
	if !bytes.Contains(b, []byte(fmt.Sprintf(`href="/ruas/%d"`, rs[2].ID))) {
		t.Error("no finding links to the unsurveyed ruas 003")
	}
	var rep struct {
		Findings []struct {
			RuasID int64 `json:"ruas_id"`
		}
	}
	if status := a.getJSON(t, "/api/v1/quality", &rep); status != 200 || len(rep.Findings) == 0 {
		t.Errorf("quality API: %d, %d findings", status, len(rep.Findings))
	}
}

// TestGovernancePages: the sign-in, queue, quality, accounts, history and
// public pages render in both languages, for their readers.
func TestGovernancePages(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	for _, tc := range []struct {
		path string
		as   *testApp
		want string // an element id the page must hold
	}{
		{"/masuk", a.anonymous(), `id="login-form"`},
		{"/verifikasi", a, `id="verify-form"`},
		{"/kualitas", a, `id="principles"`},
		{"/admin/akun", a, `id="accounts"`},
		{fmt.Sprintf("/ruas/%d/riwayat", rs[0].ID), a, `id="audit"`},
		{"/publik", a.anonymous(), `id="public-meta"`},
		{"/publik/peta", a.anonymous(), `data-api="/api/v1/publik/map"`},
		{"/publik/program", a.anonymous(), `id="no-programme"`},
		{"/rencana", a.as(roads.RoleWalidata), `id="plan-form"`}, // a walidata reads plans but has no form to run one
	} {
		for _, lang := range []string{"id", "en"} {
			status, b := tc.as.do(t, "GET", tc.path+"?lang="+lang, "", nil)
			if status != 200 || !bytes.Contains(b, []byte(`<html lang="`+lang+`">`)) {
				t.Errorf("GET %s (%s): %d", tc.path, lang, status)
				continue
			}
			has := bytes.Contains(b, []byte(tc.want))
			if tc.path == "/rencana" {
				has = !has
			}
			if !has {
				t.Errorf("GET %s (%s): %s expected", tc.path, lang, tc.want)
			}
		}
	}
	// The public's layout offers sign-in, not the working pages.
	_, b := a.anonymous().do(t, "GET", "/publik", "", nil)
	if !bytes.Contains(b, []byte(`id="login-link"`)) || bytes.Contains(b, []byte(`href="/impor"`)) {
		t.Error("public layout shows the working menu")
	}
}

// TestAccountsPage: an admin makes an account (its generated password
// shown once works for signing in), makes it a token (shown once, acts
// with the account's current role), changes its role, refuses a taken name
// and their own demotion, and disabling the account kills its token.
func TestAccountsPage(t *testing.T) {
	a := newTestApp(t)
	admin := a.session(t, roads.RoleAdmin)
	secret := func(page string) string {
		_, rest, ok := strings.Cut(page, `<code id="secret-value">`)
		v, _, _ := strings.Cut(rest, "</code>")
		if !ok || v == "" {
			t.Fatalf("no secret shown on the page")
		}
		return v
	}
	status, page := admin.form("/admin/akun", url.Values{"name": {"Dewi"}, "full_name": {"Dewi Lestari"}, "role": {"walidata"}})
	if status != 201 {
		t.Fatalf("create: %d %s", status, truncate(page, 300))
	}
	pw := secret(page)
	jar := newJar()
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := c.Get(a.http.URL + "/masuk")
	resp.Body.Close()
	resp, err := c.PostForm(a.http.URL+"/masuk", url.Values{"name": {"dewi"}, "password": {pw}, "csrf": {jar.value(anonCSRFCookie)}})
	if err != nil || resp.StatusCode != 303 || resp.Header.Get("Location") != "/verifikasi" {
		t.Fatalf("sign in with the generated password: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()

	_, page = admin.form("/admin/akun/dewi/token", url.Values{"label": {"skrip"}})
	tok := secret(page)
	me := func() (int, meDoc) {
		req, _ := http.NewRequest("GET", a.http.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var d meDoc
		json.NewDecoder(resp.Body).Decode(&d)
		return resp.StatusCode, d
	}
	if status, d := me(); status != 200 || d.Name != "dewi" || d.Role != "walidata" || d.FullName != "Dewi Lestari" {
		t.Errorf("token acts as %+v (%d)", d, status)
	}
	if status, _ := admin.form("/admin/akun/dewi", url.Values{"op": {"role"}, "role": {"perencana"}}); status != 303 {
		t.Errorf("change role: %d", status)
	}
	if _, d := me(); d.Role != "perencana" {
		t.Errorf("after the role change the token acts as %q", d.Role)
	}
	if status, body := admin.form("/admin/akun", url.Values{"name": {"dewi"}, "role": {"produsen"}}); status != 422 || !strings.Contains(body, "sudah dipakai") {
		t.Errorf("taken name: %d", status)
	}
	if status, _ := admin.form("/admin/akun/admin", url.Values{"op": {"disable"}}); status != 400 {
		t.Errorf("admin disabling themselves: %d, want 400", status)
	}
	if status, _ := admin.form("/admin/akun/dewi", url.Values{"op": {"disable"}}); status != 303 {
		t.Errorf("disable: %d", status)
	}
	if status, _ := me(); status != 401 {
		t.Errorf("token of a disabled account: %d, want 401", status)
	}
}
