// Command gen writes a generated road network as GeoJSON for the
// end-to-end benchmarks in bench/run.sh: N ruas (LineStrings of 12 points,
// 0.2–2 km long) with a surveyed length per condition class, so that
// `ruas plan` cuts each ruas into up to four sections (about 3.9 a ruas).
//
//	go run ./bench/gen -n 100000 -o links.geojson
//
// The output depends only on -n and -seed, so two runs give the same file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
)

func main() {
	n := flag.Int("n", 100_000, "number of ruas")
	out := flag.String("o", "", "output `FILE` (default stdout)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := write(bw, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

var (
	surfaces  = []string{"Aspal", "Hotmix", "Beton", "Paving", "Lapen", "Tanah"}
	functions = []string{"lokal", "lingkungan", "kolektor"}
	districts = []string{"Utara", "Selatan", "Timur", "Barat", "Tengah", "Pesisir", "Gunung", "Lembah"}
)

// write writes n features. Ruas lie in a 1.2° × 0.9° box (a province), so
// every ruas is within the importer's distance check of the others.
func write(w *bufio.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, uint64(n)))
	w.WriteString(`{"type":"FeatureCollection","features":[`)
	var buf []byte
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		total := float64(200 + rng.IntN(1800))
		// Metres per class: each of the four classes present, so a ruas
		// gives four sections unless a draw comes out 0.
		parts := [4]float64{}
		left := total
		for k := range 3 {
			v := float64(rng.IntN(int(left*0.6) + 1))
			parts[k], left = v, left-v
		}
		parts[3] = left
		rng.Shuffle(4, func(a, b int) { parts[a], parts[b] = parts[b], parts[a] })
		lon, lat := 109.8+rng.Float64()*1.2, -7.4+rng.Float64()*0.9
		step := total / 11 / 111_000 // degrees per vertex, roughly the written length
		buf = buf[:0]
		buf = fmt.Appendf(buf, "\n"+`{"type":"Feature","properties":{"NO RUAS":"%06d","NAMA RUAS":"Jl. Sintetis %d","STATUS":"kabupaten","FUNGSI":"%s",`+
			`"KECAMATAN":"%s","PANJANG (m)":%g,"LEBAR (m)":%g,"JENIS PERKERASAN":"%s","BAIK":%g,"SEDANG":%g,"RUSAK RINGAN":%g,"RUSAK BERAT":%g,`+
			`"TANGGAL SURVEI":"2025-06-30"},"geometry":{"type":"LineString","coordinates":[`,
			i+1, i+1, functions[rng.IntN(len(functions))], districts[rng.IntN(len(districts))], total, float64(3+rng.IntN(5)),
			surfaces[rng.IntN(len(surfaces))], parts[0], parts[1], parts[2], parts[3])
		dir := rng.Float64()*2 - 1
		for k := range 12 {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = strconv.AppendFloat(buf, lon, 'f', 6, 64)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, lat, 'f', 6, 64)
			buf = append(buf, ']')
			lon += step * (0.7 + 0.3*rng.Float64())
			lat += step * (dir + 0.2*(rng.Float64()-0.5))
		}
		buf = append(buf, "]}}"...)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	_, err := w.WriteString("\n]}\n")
	return err
}
