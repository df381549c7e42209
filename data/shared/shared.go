// Package shared finds the project's shared folder for tests: ../shared
// beside the module root, which holds the real third-party data
// (real-data/) and the outside yardsticks (oracles/) that tests read but
// the product never ships. A missing file skips the test, except when the
// environment variable CI is set, where it fails: CI must run every test.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// ModuleRoot returns the directory holding go.mod, found upwards from the
// working directory, or "" when there is none.
func ModuleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Dir returns the shared folder, ../shared beside the module root, or ""
// when there is no module root.
func Dir() string {
	root := ModuleRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(root, "..", "shared")
}

// File returns the path of rel under the shared folder, skipping tb when
// it is missing (failing when CI is set).
func File(tb testing.TB, rel string) string {
	tb.Helper()
	d := Dir()
	p := filepath.Join(d, filepath.FromSlash(rel))
	if _, err := os.Stat(p); d == "" || err != nil {
		msg := "shared file " + rel + " is missing; it lives in ../shared beside the module root"
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return p
}

// RealData returns the path of a file of the real-data set, e.g.
// RealData(t, "indonesia/jabar_jalan_desa_kondisi.csv").
func RealData(tb testing.TB, rel string) string {
	tb.Helper()
	return File(tb, "real-data/"+rel)
}
