package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// TestAuditViewerFilters counts the rows /audit shows (over all its
// pages) and /audit.csv writes for each filter, against a count made
// here from the whole unfiltered trail with Go predicates.
func TestAuditViewerFilters(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	// Changes by two people: 55 surveys of 003 by "uji2", an edit of 001 by "produsen".
	for i := range 55 {
		v := &roads.Survey{RuasID: rs[2].ID, Ruas: rs[2].Key, Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), StaFromM: float64(i * 10), StaToM: float64(i*10 + 10),
			Distress: &roads.Distress{IRI: fp(4)}, Source: roads.Source{Form: "test", User: "uji2"}}
		if err := a.store.AddSurvey(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	r, _ := a.store.RuasByID(ctx, rs[0].ID)
	r.Name, r.Source = "Jl. Merdeka Raya", roads.Source{Form: "ruas", User: "produsen"}
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	all, err := a.store.Audit(ctx, roads.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	day := func(e roads.AuditEntry) string { return e.At.In(locale.WIB).Format("2006-01-02") }
	today := day(all[len(all)-1])
	yesterday := all[len(all)-1].At.In(locale.WIB).AddDate(0, 0, -1).Format("2006-01-02")
	for _, tc := range []struct {
		name  string
		query url.Values
		keep  func(e roads.AuditEntry) bool
	}{
		{"all", url.Values{}, func(roads.AuditEntry) bool { return true }},
		{"entity survey", url.Values{"entitas": {"survey"}}, func(e roads.AuditEntry) bool { return e.Entity == "survey" }},
		{"action update", url.Values{"aksi": {"update"}}, func(e roads.AuditEntry) bool { return e.Action == "update" }},
		{"actor uji2", url.Values{"oleh": {"uji2"}}, func(e roads.AuditEntry) bool { return e.Actor == "uji2" }},
		{"ruas 001", url.Values{"ruas": {"35.72/001"}}, func(e roads.AuditEntry) bool { return e.RuasID == rs[0].ID }},
		{"ruas 003 surveys by uji2", url.Values{"ruas": {"35.72/003"}, "entitas": {"survey"}, "oleh": {"uji2"}},
			func(e roads.AuditEntry) bool {
				return e.RuasID == rs[2].ID && e.Entity == "survey" && e.Actor == "uji2"
			}},
		{"from today", url.Values{"dari": {today}}, func(e roads.AuditEntry) bool { return day(e) >= today }},
		{"until yesterday", url.Values{"sampai": {yesterday}}, func(e roads.AuditEntry) bool { return day(e) <= yesterday }},
		{"today only", url.Values{"dari": {today}, "sampai": {today}}, func(e roads.AuditEntry) bool { return day(e) == today }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := 0
			var newest int64
			for _, e := range all {
				if tc.keep(e) {
					want++
					newest = max(newest, e.ID)
				}
			}
			if tc.name == "all" && want < 60 {
				t.Fatalf("only %d audit rows: the paging is not exercised", want)
			}
			// The page: the total, and the rows over every page.
			rows, page, total := 0, 1, -1
			var first int64
			for {
				q := url.Values{}
				for k, v := range tc.query {
					q[k] = v
				}
				q.Set("page", fmt.Sprint(page))
				code, body := a.as(roads.RoleWalidata).do(t, "GET", "/audit?"+q.Encode(), "", nil)
				if code != 200 {
					t.Fatalf("GET /audit?%s: %d %s", q.Encode(), code, body)
				}
				m := regexp.MustCompile(`data-total="(\d+)"`).FindSubmatch(body)
				if m == nil {
					t.Fatal("no total on the page")
				}
				fmt.Sscan(string(m[1]), &total)
				ids := regexp.MustCompile(`<tr class="audit-\w+" data-id="(\d+)"`).FindAllSubmatch(body, -1)
				if page == 1 && len(ids) > 0 {
					fmt.Sscan(string(ids[0][1]), &first)
				}
				if len(ids) > auditPageSize {
					t.Fatalf("page %d has %d rows", page, len(ids))
				}
				rows += len(ids)
				if !strings.Contains(string(body), `id="audit-next"`) {
					break
				}
				page++
			}
			if total != want || rows != want {
				t.Errorf("page says %d, shows %d rows over %d page(s); the trail has %d", total, rows, page, want)
			}
			if want > 0 && first != newest {
				t.Errorf("first row is entry %d, want the newest, %d", first, newest)
			}
			// The CSV of the same filter.
			code, body := a.as(roads.RoleAdmin).do(t, "GET", "/audit.csv?"+tc.query.Encode(), "", nil)
			if code != 200 {
				t.Fatalf("CSV: %d", code)
			}
			recs, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs)-1 != want {
				t.Errorf("CSV has %d rows, want %d", len(recs)-1, want)
			}
		})
	}
	// The diff is labelled: the renamed ruas shows its name field before → after.
	_, body := a.as(roads.RoleWalidata).do(t, "GET", "/audit?aksi=update&entitas=ruas", "", nil)
	if !regexp.MustCompile(`(?s)<td class="before">Jl\. Merdeka</td><td>→</td><td class="after">Jl\. Merdeka Raya</td>`).Match(body) {
		t.Error("the name change is not shown before → after")
	}
	// Bad filters are words, not a 500; a produsen may not read the trail.
	for _, q := range []string{"entitas=jalan", "aksi=x", "ruas=35.72/999", "dari=kemarin", "dari=2026-02-02&sampai=2026-02-01"} {
		if code, body := a.as(roads.RoleWalidata).do(t, "GET", "/audit?"+q, "", nil); code != 422 || !strings.Contains(string(body), `class="errors`) && !strings.Contains(string(body), "role=\"alert\"") {
			t.Errorf("/audit?%s: %d", q, code)
		}
	}
	if code, _ := a.as(roads.RoleProdusen).do(t, "GET", "/audit", "", nil); code != 403 {
		t.Errorf("produsen reads /audit: %d", code)
	}
}

// TestAuditAPIFilters: /api/v1/audit takes the viewer's filters under
// English names and returns exactly the entries a Go predicate keeps from
// the whole trail.
func TestAuditAPIFilters(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	r, _ := a.store.RuasByID(ctx, rs[0].ID)
	r.Name, r.Source = "Jl. Merdeka Raya", roads.Source{Form: "ruas", User: "produsen"}
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	all, err := a.store.Audit(ctx, roads.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	day := func(e roads.AuditEntry) string { return e.At.In(locale.WIB).Format("2006-01-02") }
	today := day(all[len(all)-1])
	for _, tc := range []struct {
		query string
		keep  func(e roads.AuditEntry) bool
	}{
		{"action=update", func(e roads.AuditEntry) bool { return e.Action == "update" }},
		{"actor=produsen", func(e roads.AuditEntry) bool { return e.Actor == "produsen" }},
		{"from=" + today + "&to=" + today + "&entity=ruas", func(e roads.AuditEntry) bool { return day(e) == today && e.Entity == "ruas" }},
	} {
		want := 0
		for _, e := range all {
			if tc.keep(e) {
				want++
			}
		}
		var doc auditDoc
		if status := a.as(roads.RoleWalidata).getJSON(t, "/api/v1/audit?"+tc.query, &doc); status != 200 {
			t.Fatalf("%s: %d", tc.query, status)
		}
		if len(doc.Entries) != want || want == 0 {
			t.Errorf("%s: %d entries, want %d (counted from the whole trail)", tc.query, len(doc.Entries), want)
		}
	}
	var doc auditDoc
	if status := a.as(roads.RoleWalidata).getJSON(t, "/api/v1/audit?action=hapus", &doc); status != 422 && status != 400 {
		t.Errorf("an unknown action: %d, want a refusal", status)
	}
}
