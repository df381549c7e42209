package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// checkboxOf finds the checkbox value the queue page offers for a ruas.
func checkboxOf(t *testing.T, page string, id int64) string {
	t.Helper()
	m := regexp.MustCompile(`name="item" value="(ruas:` + fmt.Sprint(id) + `@\d+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no checkbox with a revision for ruas %d", id)
	}
	return m[1]
}

// TestVerifyVersionRace: a walidata opens the queue, a producer edits a
// ruas, and the walidata verifies what they saw: the batch is refused
// (409), the ruas stays a draft, and the page shows the edit field by
// field with a new revision; verifying that verifies it.
func TestVerifyVersionRace(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	wali := a.session(t, roads.RoleWalidata)
	_, page := wali.get("/verifikasi")
	seen := checkboxOf(t, page, rs[0].ID)
	other := checkboxOf(t, page, rs[1].ID)

	r, _ := a.store.RuasByID(ctx, rs[0].ID)
	r.Name, r.WidthM, r.Source = "Jl. Merdeka Timur", 7.5, roads.Source{Form: "ruas", User: "produsen"}
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	status, page := wali.form("/verifikasi", url.Values{"item": {seen, other}, "action": {"verify"}})
	if status != 409 || !strings.Contains(page, "berubah setelah Anda membuka antrean") || !strings.Contains(page, "Jl. Merdeka Timur") {
		t.Fatalf("verifying the revision read before the edit: %d, message shown: %v", status, strings.Contains(page, "berubah setelah Anda membuka antrean"))
	}
	for _, id := range []int64{rs[0].ID, rs[1].ID} {
		if got, _ := a.store.RuasByID(ctx, id); got.Verif.State != roads.Draft {
			t.Errorf("ruas %d is %s after a refused batch", id, got.Verif.State)
		}
	}
	fresh := checkboxOf(t, page, rs[0].ID)
	if fresh == seen {
		t.Fatalf("the page offers the old revision %s again", seen)
	}
	if status, body := wali.form("/verifikasi", url.Values{"item": {fresh, other}, "action": {"verify"}}); status != 303 {
		t.Fatalf("verifying the revision shown: %d %s", status, truncate(body, 300))
	}
	if got, _ := a.store.RuasByID(ctx, rs[0].ID); got.Verif.State != roads.Verified || got.Name != "Jl. Merdeka Timur" {
		t.Errorf("after verifying the shown revision: %s %q", got.Verif.State, got.Name)
	}

	// Edited after verification: the queue lists the change field by field.
	r, _ = a.store.RuasByID(ctx, rs[0].ID)
	r.WidthM, r.Source = 9, roads.Source{Form: "ruas", User: "produsen"}
	if err := a.store.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	_, page = wali.get("/verifikasi")
	if !strings.Contains(html.UnescapeString(page), "<b>Lebar (m)</b>: 7.5 → 9.0") {
		t.Errorf("queue does not show the width change 7.5 → 9 field by field")
	}
	if strings.Contains(page, "<b>verif") || strings.Contains(page, "<b>source_user") {
		t.Error("queue lists verification or source bookkeeping as changes")
	}
}

// TestVerifyMixedBatch: the walidata's own record has a disabled checkbox
// with the reason; a crafted batch holding it is refused whole, naming it,
// and the other record of the batch stays a draft.
func TestVerifyMixedBatch(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	own := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "050"}, Name: "Jl. Milik Walidata", Surface: roads.Aspal, LengthM: 200,
		Source: roads.Source{Form: "ruas", User: "walidata"}}
	if err := a.store.CreateRuas(ctx, own); err != nil {
		t.Fatal(err)
	}
	wali := a.session(t, roads.RoleWalidata)
	_, page := wali.get("/verifikasi")
	row := regexp.MustCompile(`(?s)<tr[^>]*data-item="ruas:` + fmt.Sprint(own.ID) + `".*?</tr>`).FindString(page)
	if !strings.Contains(row, "disabled") || strings.Contains(row, `name="item"`) || !strings.Contains(row, "catatan Anda sendiri") {
		t.Errorf("own record's row: %q; want a disabled checkbox with the reason", row)
	}
	ok := checkboxOf(t, page, rs[0].ID)
	status, page := wali.form("/verifikasi", url.Values{"item": {ok, fmt.Sprintf("ruas:%d", own.ID)}, "action": {"verify"}})
	refusal := regexp.MustCompile(`<li>ruas 35\.72/050 Jl\. Milik Walidata: [^<]*— dimasukkan atau terakhir diubah oleh Anda sendiri`)
	if status != 403 || !refusal.MatchString(page) || !strings.Contains(page, "Tidak ada yang disimpan") {
		t.Errorf("mixed batch: %d, refusal naming the own record shown: %v", status, refusal.MatchString(page))
	}
	if got, _ := a.store.RuasByID(ctx, rs[0].ID); got.Verif.State != roads.Draft {
		t.Errorf("the other record of a refused batch is %s", got.Verif.State)
	}
	// The API answers the same, naming the id.
	wa := a.as(roads.RoleWalidata)
	status, body := wa.postJSON(t, "POST", "/api/v1/verification", fmt.Sprintf(`{"entity":"ruas","ids":[%d,%d],"action":"verify"}`, rs[0].ID, own.ID))
	if status != 403 || !strings.Contains(string(body), fmt.Sprintf(`"value":"%d"`, own.ID)) {
		t.Errorf("API mixed batch: %d %s", status, body)
	}
	if got, _ := a.store.RuasByID(ctx, rs[0].ID); got.Verif.State != roads.Draft {
		t.Errorf("API: the other record of a refused batch is %s", got.Verif.State)
	}
}
