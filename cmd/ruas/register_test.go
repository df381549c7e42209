package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestOpenRegisterRefusesPostgres: a postgres:// register is refused with
// a plain message that hides the URL's password, and nothing is created.
func TestOpenRegisterRefusesPostgres(t *testing.T) {
	for _, dsn := range []string{"postgres://ruas:rahasia@db.example:5432/ruas", "postgresql://ruas:rahasia@db.example/ruas"} {
		_, err := openRegister(context.Background(), dsn)
		if !errors.Is(err, roads.ErrInvalid) || !strings.Contains(err.Error(), "not built yet") {
			t.Errorf("%s: error %v, want ErrInvalid saying not built yet", dsn, err)
		}
		if err != nil && strings.Contains(err.Error(), "rahasia") {
			t.Errorf("%s: error shows the password: %v", dsn, err)
		}
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"quality", "--db", "postgres://ruas:rahasia@db.example/ruas"}, &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }})
	if err == nil || !strings.Contains(err.Error(), "not built yet") {
		t.Errorf("ruas quality --db postgres://…: error %v, want not built yet", err)
	}
}

// TestOpenRegisterSQLite: a file path opens a SQLite register that reads
// back what it stores.
func TestOpenRegisterSQLite(t *testing.T) {
	ctx := context.Background()
	reg, err := openRegister(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: "001"}, Name: "Jl. Uji", Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal, WidthM: 5, LengthM: 100}
	if err := reg.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := reg.Ruas(ctx, r.Key)
	if err != nil || got.Name != "Jl. Uji" {
		t.Fatalf("read back %+v, %v", got, err)
	}
	w, err := reg.OpenWatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
}
