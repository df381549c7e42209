package netfile

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkImportJabar measures a whole import of the Jawa Barat village
// file (read, check every row, write the valid ones into an empty register
// in one transaction): rows/s counts every data row of the file.
func BenchmarkImportJabar(b *testing.B) {
	src := realData(b, "indonesia/jabar_jalan_desa_kondisi.csv")
	ctx := context.Background()
	var rows int
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		p := copyTo(b, src, dir)
		st := openStore(b, dir)
		b.StartTimer()
		rep, err := Import(ctx, st, []string{p}, Options{SkipInvalid: true, Region: "32"})
		if err != nil {
			b.Fatal(err)
		}
		rows = rep.Files[0].Rows
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkImportGeoJSON100k imports 100,000 generated ruas with
// condition (200,000 records) into an empty register.
func BenchmarkImportGeoJSON100k(b *testing.B) {
	const n = 100_000
	src := writeGeneratedGeoJSON(b, b.TempDir(), n)
	ctx := context.Background()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		st := openStore(b, dir)
		b.StartTimer()
		rep, err := Import(ctx, st, []string{src}, Options{Region: "35.72", Limits: CommandLimits}) // a national file: the command line's limits
		if err != nil {
			b.Fatal(err)
		}
		if rep.Files[0].Imported != n {
			b.Fatalf("imported %d of %d", rep.Files[0].Imported, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkNetworkRead100k reads the whole 100,000-ruas register (with one
// survey each) through Store.Network.
func BenchmarkNetworkRead100k(b *testing.B) {
	const n = 100_000
	dir := b.TempDir()
	src := writeGeneratedGeoJSON(b, dir, n)
	st := openStore(b, dir)
	ctx := context.Background()
	if _, err := Import(ctx, st, []string{src}, Options{Region: "35.72", Limits: CommandLimits}); err != nil {
		b.Fatal(err)
	}
	os.Remove(filepath.Join(dir, filepath.Base(src)))
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		net, err := st.Network(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(net.Ruas) != n {
			b.Fatalf("read %d ruas, want %d", len(net.Ruas), n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "ruas/s")
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
