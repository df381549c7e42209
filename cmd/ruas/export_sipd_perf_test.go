package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestExportSIPDSameAsFullRead: `ruas export sipd` decodes only the plan
// year and the next and reads the register without surveys and geometry;
// its files must be the bytes the full path makes (the whole network, the
// whole result, publish.Load) for every plan year and every format, with
// contracted packages among the rows. (That the lighter read keeps the
// register's works, where a contract's sumber dana comes from, is
// TestNetworkNoSurveys in the store.)
func TestExportSIPDSameAsFullRead(t *testing.T) {
	ctx := context.Background()
	db := plannedDemo(t)
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	run, err := st.PlanRunByID(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	net, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	full, err := publish.Load(run, net.Verified(), false)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	contracted := false
	for year := full.FromYear(); year <= full.LastYear(); year++ {
		u, err := publish.SIPD(full, year, "", "")
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range u.Groups {
			for _, r := range g.Rows {
				contracted = contracted || r.Committed
			}
		}
		for _, f := range []struct {
			ext   string
			flags []string
			write func(*bytes.Buffer) error
		}{
			{".xlsx", nil, func(b *bytes.Buffer) error { return u.WriteXLSX(b) }},
			{".csv", nil, func(b *bytes.Buffer) error { return u.WriteCSV(b) }},
			{".csv", []string{"--csv-machine"}, func(b *bytes.Buffer) error { return u.WriteCSVMachine(b) }},
		} {
			var want bytes.Buffer
			if err := f.write(&want); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, strconv.Itoa(year)+f.ext)
			args := append([]string{"export", "sipd", "--db", db, "--plan-year", strconv.Itoa(year), "--out", out}, f.flags...)
			if code, _, stderr := runCLI(t, args...); code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("%v: %d bytes, the full path makes %d different ones", args, len(got), want.Len())
			}
		}
	}
	if !contracted {
		t.Error("no contracted package in the demo plan")
	}
}
