package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// inlineHandler matches an HTML event-handler attribute (onclick=,
// onchange=, …) and inlineScript a <script> element without a src: the
// content policy (script-src 'self') blocks both, so a control wired that
// way silently does nothing in the browser.
var (
	inlineHandler = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	scriptTag     = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	jsURL         = regexp.MustCompile(`(?i)(href|src|action|formaction)\s*=\s*["']?\s*javascript:`)
)

// TestTemplatesHaveNoInlineScript fails when any template carries an
// inline event handler, an inline script or a javascript: URL: behaviour
// belongs in the embedded static JS, wired with addEventListener.
func TestTemplatesHaveNoInlineScript(t *testing.T) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(templateFS, n)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, m := range inlineHandler.FindAllString(src, -1) {
			t.Errorf("%s: inline event handler in %q", n, truncate(m, 120))
		}
		for _, m := range scriptTag.FindAllStringSubmatch(src, -1) {
			if !strings.Contains(strings.ToLower(m[1]), "src=") || strings.TrimSpace(m[2]) != "" {
				t.Errorf("%s: inline script %q", n, truncate(m[0], 120))
			}
		}
		for _, m := range jsURL.FindAllString(src, -1) {
			t.Errorf("%s: javascript: URL %q", n, m)
		}
	}
}

// TestInlinePatterns: the patterns catch what they must and pass what is allowed.
func TestInlinePatterns(t *testing.T) {
	for _, bad := range []string{`<select name="x" onchange="this.form.submit()">`, `<a href="#" ONCLICK='x()'>`, `<form onsubmit = "return f()">`} {
		if !inlineHandler.MatchString(bad) {
			t.Errorf("not caught: %s", bad)
		}
	}
	for _, ok := range []string{`<select name="x" data-autosubmit>`, `<input name="one">`, `<p>click on="this"</p>`} {
		if inlineHandler.MatchString(ok) {
			t.Errorf("flagged: %s", ok)
		}
	}
	if m := scriptTag.FindStringSubmatch(`<script>alert(1)</script>`); m == nil || strings.Contains(m[1], "src=") {
		t.Error("inline script not caught")
	}
}
