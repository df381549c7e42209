package csvfile

import (
	"bytes"
	"testing"
)

func TestCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "'-"},
		{"-3.5", "-3.5"},
		{"+62", "+62"},
		{"-1.250,5", "-1.250,5"},
		{"-1e-3", "-1e-3"},
		{"-1e", "'-1e"},
		{"Jl. Merdeka", "Jl. Merdeka"},
		{"3.5", "3.5"},
		{"", ""},
	} {
		if got := Cell(c.in); got != c.want {
			t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
		}
		if back := Unquote(Cell(c.in)); back != c.in {
			t.Errorf("Unquote(Cell(%q)) = %q", c.in, back)
		}
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Comma = ';'
	rec := []string{"=1+1", "-3.5", "x"}
	if err := w.WriteAll([][]string{rec}); err != nil {
		t.Fatal(err)
	}
	if rec[0] != "=1+1" {
		t.Error("Write changed the caller's record")
	}
	if b.String() != "'=1+1;-3.5;x\n" {
		t.Errorf("wrote %q", b.String())
	}
}
