package shared

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	wd, err := os.Getwd() // <module>/data/shared
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(wd, "..", "..", "..", "shared")
	if got := Dir(); got != want {
		t.Errorf("Dir() = %s, want %s", got, want)
	}
}
