package publish

import (
	"bytes"
	"testing"
)

// The benchmarks export the demo city's five-year plan (261 ruas, about
// 900 funded works). Report the figures with -benchmem.

func BenchmarkSIPDXLSX(b *testing.B) {
	_, src := demoSource(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		u, err := SIPD(src, src.FromYear(), "", "")
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := u.WriteXLSX(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/file")
}

func BenchmarkSIPDCSV(b *testing.B) {
	_, src := demoSource(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		u, err := SIPD(src, src.FromYear(), "", "")
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := u.WriteCSV(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWalidata(b *testing.B) {
	_, src := demoSource(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		w, err := NewWalidata(src, src.FromYear())
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := w.WriteJSON(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSatuData(b *testing.B) {
	_, src := demoSource(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SatuData(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReportPDF(b *testing.B) {
	_, src := demoSource(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		rep, err := NewReport(src)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := rep.WritePDF(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/file")
}
