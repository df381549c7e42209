package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/netfile"
	"github.com/kotablitar/ruas/roads/sqlitestore"

	"github.com/kotablitar/ruas/data/shared"
)

// realDataFile finds a file of the shared real-data set.
func realDataFile(t *testing.T, rel string) string { return shared.RealData(t, rel) }

func copyFile(t *testing.T, src, dir string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func countRuas(t *testing.T, db string) int {
	t.Helper()
	st, err := sqlitestore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountRuas(context.Background(), roads.RuasFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	good := filepath.Join(dir, "ok.csv")
	os.WriteFile(good, []byte("NO RUAS,NAMA RUAS,PANJANG\n001,Jl. A,100\n"), 0o644)
	badMap := filepath.Join(dir, "map.json")
	os.WriteFile(badMap, []byte(`{"columns":{"A":"nama"}}`), 0o644)
	checkExits(t, []exitCase{
		{"help", []string{"import", "-h"}, 0, "Usage: ruas import"},
		{"no file", []string{"import", "--db", db}, 2, "tidak ada berkas"},
		{"bad date", []string{"import", "--db", db, "--survey-date", "30/06/2025", good}, 2, "YYYY-MM-DD"},
		{"slash in region", []string{"import", "--db", db, "--region", "35/72", good}, 2, "'/'"},
		{"unknown flag", []string{"import", "--nope", good}, 2, "flag provided but not defined"},
		{"missing file", []string{"import", "--db", db, filepath.Join(dir, "nope.csv")}, 1, "tidak dapat dibaca"},
		{"bad mapping", []string{"import", "--db", db, "--map", badMap, good}, 1, "tidak dikenal"},
		{"flags after the file", []string{"import", good, "--db", db, "--region", "35.72", "--dry-run"}, 0, ""},
	}, outputOf)
	if _, err := os.Stat(db); err == nil && countRuas(t, db) != 0 {
		t.Error("a usage error or dry run wrote to the register")
	}
}

// TestImportJabarAtomic: the Jawa Barat file without --skip-invalid is
// refused through run() with exit 1, every problem on stderr, and nothing
// written.
func TestImportJabarAtomic(t *testing.T) {
	dir := t.TempDir()
	src := copyFile(t, realDataFile(t, "indonesia/jabar_jalan_desa_kondisi.csv"), dir)
	db := filepath.Join(dir, "ruas.db")
	code, stdout, stderr := runCLI(t, "import", "--db", db, src)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	// The same file through the library, for the list of problems.
	rep, _ := netfile.Import(context.Background(), nil, []string{src}, netfile.Options{DryRun: true})
	errs := rep.Files[0].Errors
	if len(errs) < 2000 {
		t.Fatalf("only %d problems found", len(errs))
	}
	lines := strings.Count(stderr, "\ngalat: ") + strings.Count(stderr[:min(len(stderr), 7)], "galat: ")
	if lines != len(errs) {
		t.Errorf("%d problem lines on stderr, want %d (every problem listed)", lines, len(errs))
	}
	for _, e := range []netfile.Problem{errs[0], errs[len(errs)/2], errs[len(errs)-1]} {
		if !strings.Contains(stderr, e.Text(rep.Files[0].Name)) {
			t.Errorf("stderr lacks %q", e.Text(rep.Files[0].Name))
		}
	}
	last := strings.TrimSpace(stderr[strings.LastIndex(strings.TrimSpace(stderr), "\n")+1:])
	if !strings.HasPrefix(last, "ruas: impor dibatalkan dan tidak ada yang ditulis") || !strings.Contains(last, "--skip-invalid") {
		t.Errorf("last line %q, want the one-sentence refusal pointing at --skip-invalid", last)
	}
	if !strings.Contains(stdout, "32.340 baris") {
		t.Errorf("summary %q", stdout)
	}
	if n := countRuas(t, db); n != 0 {
		t.Errorf("%d ruas written by a refused import", n)
	}
	if _, err := os.Stat(netfile.RejectsPath(src)); !os.IsNotExist(err) {
		t.Error("a refused import wrote a rejects file")
	}
	if strings.Contains(stderr, "\r") {
		t.Error("progress written although stderr is not a terminal")
	}
}

// TestImportJSON checks the --json shape: exactly {"files":[{file, rows,
// imported, rejected, errors:[{row, column, value, message, …}], …}]}.
func TestImportJSON(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ruas.csv")
	os.WriteFile(p, []byte("NO RUAS;NAMA RUAS;PANJANG;LEBAR\n001;Jl. A;100;5\n002;Jl. B;200;lebar\n"), 0o644)
	db := filepath.Join(dir, "ruas.db")
	code, stdout, stderr := runCLI(t, "import", "--db", db, "--region", "35.72", "--json", "--skip-invalid", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr %q with --json", stderr)
	}
	var doc map[string][]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc) != 1 || len(doc["files"]) != 1 {
		t.Fatalf("stdout %q is not {\"files\":[…]} (%v)", stdout, err)
	}
	f := doc["files"][0]
	for _, k := range []string{"file", "rows", "imported", "rejected", "errors"} {
		if _, ok := f[k]; !ok {
			t.Errorf("file entry lacks %q: %s", k, stdout)
		}
	}
	var errs []map[string]any
	json.Unmarshal(f["errors"], &errs)
	want := map[string]any{"row": 2.0, "column": "LEBAR", "value": "lebar", "category": "value_invalid"}
	if len(errs) != 1 {
		t.Fatalf("errors %v", errs)
	}
	for k, v := range want {
		if errs[0][k] != v {
			t.Errorf("error %s = %v, want %v", k, errs[0][k], v)
		}
	}
	if m, _ := errs[0]["message"].(string); m == "" {
		t.Error("error without message")
	}
	if string(f["rows"]) != "2" || string(f["imported"]) != "1" || string(f["rejected"]) != "1" {
		t.Errorf("counts %s %s %s", f["rows"], f["imported"], f["rejected"])
	}
	if countRuas(t, db) != 1 {
		t.Error("the valid row was not written")
	}
	if _, err := os.Stat(filepath.Join(dir, "ruas.rejects.csv")); err != nil {
		t.Errorf("rejects file: %v", err)
	}
}

// TestImportProgress: progress goes to stderr on a terminal, and never
// with --json.
func TestImportProgress(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ruas.csv")
	writeBigCSV(t, p, 20)
	for _, tc := range []struct {
		json bool
		want bool
	}{{false, true}, {true, false}} {
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, tty: true}
		args := []string{"import", "--db", filepath.Join(t.TempDir(), "ruas.db"), "--region", "35.72", p}
		if tc.json {
			args = append(args, "--json")
		}
		if err := run(context.Background(), args, e); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(errb.String(), "\rmenulis 40/40"); got != tc.want {
			t.Errorf("--json %v on a terminal: progress shown %v, want %v (stderr %q)", tc.json, got, tc.want, errb.String())
		}
	}
}

func TestExportNetworkCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	p := filepath.Join(dir, "ruas.csv")
	os.WriteFile(p, []byte("NO RUAS,NAMA RUAS,PANJANG,BAIK,SEDANG,RUSAK RINGAN,RUSAK BERAT,LAT AWAL,LNG AWAL,LAT AKHIR,LNG AKHIR\n"+
		"001,Jl. A,100,60,40,,,-8.1,112.16,-8.1,112.17\n002,Jl. B,200,,,200,,,,,\n"), 0o644)
	if code, _, stderr := runCLI(t, "import", "--db", db, "--region", "35.72", "--survey-date", "2025-06-30", p); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	for _, ext := range []string{".geojson", ".csv", ".xlsx"} {
		out := filepath.Join(dir, "jaringan"+ext)
		code, stdout, stderr := runCLI(t, "export", "network", "--db", db, "--out", out)
		if code != 0 || !strings.Contains(stdout, "2 ruas") {
			t.Fatalf("%s: exit %d %q %q", ext, code, stdout, stderr)
		}
		// What was written reads back into an empty register.
		db2 := filepath.Join(t.TempDir(), "ruas.db")
		if code, _, stderr := runCLI(t, "import", "--db", db2, out); code != 0 || countRuas(t, db2) != 2 {
			t.Errorf("%s: re-import exit %d: %s", ext, code, stderr)
		}
	}
	checkExits(t, []exitCase{
		{"no kind", []string{"export"}, 2, "jenis ekspor"},
		{"unknown kind", []string{"export", "peta"}, 2, "tidak dikenal"},
		{"no out", []string{"export", "network", "--db", db}, 2, "--out"},
		{"bad extension", []string{"export", "network", "--db", db, "--out", filepath.Join(dir, "x.shp")}, 2, ".geojson"},
		{"no register", []string{"export", "network", "--db", filepath.Join(dir, "none.db"), "--out", filepath.Join(dir, "x.csv")}, 1, "tidak ada"},
		{"unwritable folder", []string{"export", "network", "--db", db, "--out", filepath.Join(dir, "no", "such", "x.csv")}, 1, "--out"},
		{"help", []string{"export", "network", "-h"}, 0, "Usage: ruas export network"},
	}, outputOf)
	if _, err := os.Stat(filepath.Join(dir, "none.db")); !os.IsNotExist(err) {
		t.Error("export created a register that did not exist")
	}
}

// registerState is everything a test can compare about a register file.
func registerState(t *testing.T, db string) (string, []*roads.Ruas, int) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	surveys := 0
	for _, vs := range n.Surveys {
		surveys += len(vs)
	}
	sort.Slice(n.Ruas, func(i, j int) bool { return n.Ruas[i].ID < n.Ruas[j].ID })
	return n.Hash, n.Ruas, surveys
}

// writeBigCSV writes n ruas with condition and end points; the first
// `updates` keys repeat those of the small file with other values.
func writeBigCSV(t *testing.T, path string, n int) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("NO RUAS,NAMA RUAS,PANJANG,LEBAR,JENIS PERKERASAN,BAIK,SEDANG,RUSAK RINGAN,RUSAK BERAT,LAT AWAL,LNG AWAL,LAT AKHIR,LNG AKHIR\n")
	for i := 0; i < n; i++ {
		lat, lon := -8.05-float64(i%300)*0.0003, 112.12+float64(i/300)*0.0003
		fmt.Fprintf(&b, "%05d,Jl. Besar %d,500,%d,Aspal,300,100,100,0,%.5f,%.5f,%.5f,%.5f\n", i+1, i, 4+i%4, lat, lon, lat-0.002, lon+0.003)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportKilled kills a `ruas import` with SIGKILL in the middle of its
// write transaction and checks that the register is exactly as it was
// before and passes SQLite's integrity check. The import runs through
// run() in a child process: this test binary, re-executed.
func TestImportKilled(t *testing.T) {
	if os.Getenv("RUAS_KILL_CHILD") != "" {
		killChild()
		return
	}
	if testing.Short() {
		t.Skip("starts a large import in a child process")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	small := filepath.Join(dir, "small.csv")
	writeBigCSV(t, small, 50)
	if code, _, stderr := runCLI(t, "import", "--db", db, "--region", "35.72", "--survey-date", "2025-01-01", small); code != 0 {
		t.Fatalf("first import: %s", stderr)
	}
	hash, before, surveys := registerState(t, db)

	big := filepath.Join(dir, "big.csv")
	writeBigCSV(t, big, 40_000)
	marker := filepath.Join(dir, "writing")
	var childOut bytes.Buffer
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportKilled$", "-test.v")
	cmd.Env = append(os.Environ(), "RUAS_KILL_CHILD=1", "RUAS_KILL_DB="+db, "RUAS_KILL_FILE="+big, "RUAS_KILL_MARKER="+marker)
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Wait for the child to be half-way through writing (it then stops
	// in its progress hook and waits to be killed).
	for {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("child exited before it was killed (%v):\n%s", err, childOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	wal, _ := os.Stat(db + "-wal")
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	// Half of 80,000 records is far more than SQLite's page cache holds,
	// so the transaction has spilled pages to the WAL by now: the kill
	// hits data on disk, not only in memory.
	if wal != nil {
		t.Logf("killed with %d bytes of uncommitted frames in the WAL", wal.Size())
	}

	hash2, after, surveys2 := registerState(t, db)
	if hash2 != hash || surveys2 != surveys {
		t.Errorf("after the kill: hash %s, %d surveys; before: %s, %d", hash2, surveys2, hash, surveys)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("register changed by a killed import (-before +after):\n%s", diff)
	}
	if err := sqlitestore.CheckIntegrity(context.Background(), db); err != nil {
		t.Errorf("PRAGMA integrity_check after the kill: %v", err)
	}
}

// killChild is the child side of TestImportKilled: it imports the big file
// and, half-way through the write, drops a marker and waits to be killed.
func killChild() {
	marker := os.Getenv("RUAS_KILL_MARKER")
	importHook = func(done, total int) {
		if done >= total/2 {
			os.WriteFile(marker, nil, 0o644)
			time.Sleep(time.Hour)
		}
	}
	e := &env{stdout: io.Discard, stderr: os.Stderr, getenv: func(string) string { return "" }}
	err := run(context.Background(), []string{"import", "--db", os.Getenv("RUAS_KILL_DB"), "--region", "35.72", os.Getenv("RUAS_KILL_FILE")}, e)
	fmt.Fprintln(os.Stderr, "child finished without being killed:", err)
	os.Exit(3)
}
