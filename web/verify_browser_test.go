package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kotablitar/ruas/roads"
)

// TestBrowserVerifyQueue drives Chromium as a walidata: the own record's
// checkbox is disabled and "select all" leaves it out; a ruas edited after
// the queue opened stops the batch with a message and nothing is saved;
// the queue shown again verifies. Then, after five wrong passwords for the
// walidata from elsewhere, the same browser (a known device) signs in.
func TestBrowserVerifyQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	a := newTestApp(t)
	rs := a.seed(t)
	bg := context.Background()
	own := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "050"}, Name: "Jl. Milik Walidata", Surface: roads.Aspal, LengthM: 200,
		Source: roads.Source{Form: "ruas", User: "walidata"}}
	if err := a.store.CreateRuas(bg, own); err != nil {
		t.Fatal(err)
	}
	base := strings.Replace(a.http.URL, "localhost", "127.0.0.1", 1)
	ctx, cancel := newBrowser(t, &requestLog{})
	defer cancel()
	a.withPassword(t, roads.RoleWalidata, "sandi-walidata-benar")
	signIn(t, ctx, base, "walidata", "sandi-walidata-benar")

	run(t, ctx, chromedp.Navigate(base+"/verifikasi"), chromedp.WaitVisible(chromedp.CSS("#verify-form")))
	ownBox := fmt.Sprintf(`document.querySelector('tr[data-item="ruas:%d"] input[type=checkbox]')`, own.ID)
	if !eval[bool](t, ctx, ownBox+`.disabled`) {
		t.Error("own record's checkbox is enabled")
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`input[data-select-all="ruas"]`)))
	if n := eval[int](t, ctx, `document.querySelectorAll('input[name=item][data-entity=ruas]:checked').length`); n != len(rs) || eval[bool](t, ctx, ownBox+`.checked`) {
		t.Errorf("select all ticked %d ruas (own ticked: %v), want the %d others only", n, eval[bool](t, ctx, ownBox+`.checked`), len(rs))
	}
	// A producer edits a ruas while the walidata looks at the queue.
	r, _ := a.store.RuasByID(bg, rs[1].ID)
	r.Name, r.Source = "Jl. Kenari Raya", roads.Source{Form: "ruas", User: "produsen"}
	if err := a.store.UpdateRuas(bg, r); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS("#verify-selected")), chromedp.WaitVisible(chromedp.CSS("#verify-refused")))
	if msg := text(t, ctx, "#verify-refused"); !strings.Contains(msg, "Jl. Kenari") || !strings.Contains(msg, "berubah setelah Anda membuka antrean") {
		t.Errorf("refusal message %q", msg)
	}
	if !strings.Contains(text(t, ctx, fmt.Sprintf(`tr[data-item="ruas:%d"] td.changes`, rs[1].ID)), "berubah sejak antrean dibuka") {
		t.Error("the changed ruas is not marked in the queue shown again")
	}
	for _, x := range rs {
		if got, _ := a.store.RuasByID(bg, x.ID); got.Verif.State != roads.Draft {
			t.Errorf("ruas %s is %s after the refused batch", x.Key, got.Verif.State)
		}
	}
	// The queue shown again: select all and verify what it now shows.
	run(t, ctx, chromedp.Click(chromedp.CSS(`input[data-select-all="ruas"]`)),
		chromedp.Click(chromedp.CSS("#verify-selected")), chromedp.WaitVisible(chromedp.CSS("#verify-done")))
	for _, x := range rs {
		if got, _ := a.store.RuasByID(bg, x.ID); got.Verif.State != roads.Verified {
			t.Errorf("ruas %s is %s after verifying the queue shown again", x.Key, got.Verif.State)
		}
	}
	if got, _ := a.store.RuasByID(bg, own.ID); got.Verif.State != roads.Draft {
		t.Errorf("own ruas is %s", got.Verif.State)
	}

	// Sign out; five wrong passwords for walidata from other browsers
	// lock the name; this browser, a known device, still signs in.
	run(t, ctx, chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	for i := range 5 {
		if resp := signInPost(t, a, "walidata", "tebakan", "", "", ""); resp.StatusCode != 401 {
			t.Fatalf("guess %d: %d", i, resp.StatusCode)
		}
	}
	if resp := signInPost(t, a, "walidata", "sandi-walidata-benar", "", "", ""); resp.StatusCode != 429 {
		t.Errorf("a new browser with the right password: %d, want 429", resp.StatusCode)
	}
	signIn(t, ctx, base, "walidata", "sandi-walidata-benar")
	if who := text(t, ctx, "#who"); !strings.HasPrefix(who, "walidata") {
		t.Errorf("signed in as %q", who)
	}
}
