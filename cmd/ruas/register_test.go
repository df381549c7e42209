package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

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
