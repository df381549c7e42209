package publish

import (
	"bytes"
	"testing"
)

// The benchmarks export the demo city's five-year plan (261 ruas, about
// 900 funded works). Report the figures with -benchmem.

// benchExport times write, which builds one export from the demo plan
// into buf, and reports the file's size when it writes one.
func benchExport(b *testing.B, write func(src *Source, buf *bytes.Buffer) error) {
	_, src := demoSource(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := write(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
	if buf.Len() > 0 {
		b.ReportMetric(float64(buf.Len()), "bytes/file")
	}
}

func BenchmarkSIPDXLSX(b *testing.B) {
	benchExport(b, func(src *Source, buf *bytes.Buffer) error {
		u, err := SIPD(src, src.FromYear(), "", "")
		if err != nil {
			return err
		}
		return u.WriteXLSX(buf)
	})
}

func BenchmarkSIPDCSV(b *testing.B) {
	benchExport(b, func(src *Source, buf *bytes.Buffer) error {
		u, err := SIPD(src, src.FromYear(), "", "")
		if err != nil {
			return err
		}
		return u.WriteCSV(buf)
	})
}

func BenchmarkWalidata(b *testing.B) {
	benchExport(b, func(src *Source, buf *bytes.Buffer) error {
		w, err := NewWalidata(src, src.FromYear())
		if err != nil {
			return err
		}
		return w.WriteJSON(buf)
	})
}

// BenchmarkSatuData builds the package in memory (no files written).
func BenchmarkSatuData(b *testing.B) {
	benchExport(b, func(src *Source, _ *bytes.Buffer) error {
		_, err := SatuData(src)
		return err
	})
}

func BenchmarkReportPDF(b *testing.B) {
	benchExport(b, func(src *Source, buf *bytes.Buffer) error {
		rep, err := NewReport(src)
		if err != nil {
			return err
		}
		return rep.WritePDF(buf)
	})
}
