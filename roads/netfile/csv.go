package netfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kotablitar/ruas/roads/csvfile"
)

// ReadCSV reads a CSV network file: UTF-8 (BOM allowed), UTF-16 with a
// BOM, or else Windows-1252 (what Excel saves as "CSV" on an Indonesian or
// English Windows), delimited by , ; tab or | (whichever splits the top
// lines most). The encoding found is kept in Table.Encoding.
func ReadCSV(r io.Reader, opt ReadOptions) (*Table, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	b, enc, err := decodeText(b)
	if err != nil {
		return nil, err
	}
	comma := sniffDelimiter(b)
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	var g grid
	gd := opt.guard()
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%w: CSV rusak di baris %d: %v; simpan ulang berkas sebagai CSV dari spreadsheet", ErrFormat, pe.StartLine, pe.Err)
			}
			return nil, err
		}
		if err := gd.row(len(g.rows), rec); err != nil {
			return nil, err
		}
		for i := range rec {
			rec[i] = csvfile.Unquote(rec[i]) // a cell the product neutralised on export
		}
		line, _ := cr.FieldPos(0)
		g.rows = append(g.rows, rec)
		g.lines = append(g.lines, line)
	}
	if len(g.rows) == 0 {
		return nil, fmt.Errorf("%w: berkas CSV kosong", ErrFormat)
	}
	t, err := tableFromGrid(g, "csv", opt)
	if err != nil {
		return nil, err
	}
	t.Comma = comma
	t.Encoding = enc
	return t, nil
}

// sniffDelimiter picks the delimiter that splits the top lines into the
// most fields (outside quotes); ',' wins ties.
func sniffDelimiter(b []byte) rune {
	cands := []rune{',', ';', '\t', '|'}
	best, bestN := ',', 0
	lines := strings.SplitN(string(b[:min(len(b), 64<<10)]), "\n", headerScanRows+1)
	for _, c := range cands {
		most := 0
		for _, l := range lines[:min(len(lines), headerScanRows)] {
			n, quoted := 0, false
			for _, r := range l {
				switch {
				case r == '"':
					quoted = !quoted
				case r == c && !quoted:
					n++
				}
			}
			most = max(most, n)
		}
		if most > bestN {
			best, bestN = c, most
		}
	}
	return best
}
