package publish

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
)

// FuzzStoredResult feeds arbitrary stored plan results (a run saved by an
// older or newer planner, or a damaged row) through every export: each
// must either refuse with an error or write its file, never panic.
func FuzzStoredResult(f *testing.F) {
	fx := newFixture(f)
	f.Add([]byte(fx.run.Result))
	f.Add([]byte(`{"input":{"from_year":2026},"years":[{"year":2026,"works":[{"year":2026,"ruas_key":"x","works_type":"rutin","length_km":-1}]}]}`))
	f.Add([]byte(`{"years":[{"year":2026},{"year":2026}],"scenarios":[{"years":[]}],"do_nothing":{"years":[{"year":1,"kemantapan_pct":1e308}]}}`))
	f.Add([]byte(`{"years":[]}`))
	f.Fuzz(func(t *testing.T, result []byte) {
		if !json.Valid(result) {
			return
		}
		run := *fx.run
		run.Result = result
		src, err := Load(&run, fx.net, true)
		if err != nil {
			return
		}
		for _, yr := range src.Result.Plan {
			if u, err := SIPD(src, yr.Year, "", ""); err == nil {
				u.WriteCSV(io.Discard)
				u.WriteXLSX(io.Discard)
			}
			if w, err := NewWalidata(src, yr.Year); err == nil {
				w.WriteJSON(io.Discard)
			}
		}
		if p, err := SatuData(src); err == nil {
			_ = p.Files[FileMetadata]
		}
		if rep, err := NewReport(src); err == nil {
			var b bytes.Buffer
			rep.WritePDF(&b)
		}
	})
}
