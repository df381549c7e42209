package netfile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// FileReport says what an import did with one file.
type FileReport struct {
	File     string    `json:"file"` // the path as given
	Rows     int       `json:"rows"` // data rows (totals rows excluded)
	Imported int       `json:"imported"`
	Rejected int       `json:"rejected"`
	Errors   []Problem `json:"errors"`
	Warnings []Problem `json:"warnings"`
	// RejectsFile is where the rejected rows were written (--skip-invalid).
	RejectsFile string `json:"-"`
	// Name is the file's base name, as problems are reported.
	Name string `json:"-"`
}

// Report is the result of an import: one FileReport per file, and what
// was written to the register (zero when nothing was).
type Report struct {
	Files   []*FileReport    `json:"files"`
	Applied roads.ApplyStats `json:"-"`
	Written bool             `json:"-"`
	// ImportDated counts surveys dated with the import date for want of a
	// survey date (roads.DateFromImport).
	ImportDated int `json:"-"`
}

// Register is what Import needs of a road register: the stored ruas
// lengths (segment rows are checked against them), the surveys an earlier
// import dated (an undated file imported again keeps those dates), and one
// transaction that upserts a batch.
type Register interface {
	RuasLengths(ctx context.Context) (map[roads.Key]float64, error)
	ImportDatedSurveys(ctx context.Context) (map[roads.Key][]*roads.Survey, error)
	Apply(ctx context.Context, b *roads.Batch, progress func(done, total int)) (roads.ApplyStats, error)
}

// ErrRowsInvalid: some rows are invalid and SkipInvalid was not set, so
// nothing was written. The report lists every problem.
var ErrRowsInvalid = errors.New("invalid rows")

// Import reads the files, checks every row, and — unless a row is invalid
// and opt.SkipInvalid is not set, or opt.DryRun is set — writes all files'
// records to st in one transaction (Register.Apply: upsert by key, so
// importing the same files again changes nothing). With SkipInvalid the
// rejected rows of each file are written to NAME.rejects.csv beside it.
// st may be nil for a dry run.
func Import(ctx context.Context, st Register, paths []string, opt Options) (*Report, error) {
	rep := &Report{}
	conv, err := newConverter(opt)
	if err != nil {
		return nil, err
	}
	progress := func(stage string, done, total int) {
		if opt.Progress != nil {
			opt.Progress(stage, done, total)
		}
	}
	ro, err := opt.readOptions(ctx, len(paths))
	if err != nil {
		return nil, err
	}
	var tables []*Table
	unreadable := 0
	for i, p := range paths {
		fr := &FileReport{File: p, Name: filepath.Base(p), Errors: []Problem{}, Warnings: []Problem{}}
		rep.Files = append(rep.Files, fr)
		t, err := Read(p, ro)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			fr.Errors = append(fr.Errors, Problem{Category: CatFile, Message: strings.TrimPrefix(err.Error(), fr.Name+": ")})
			unreadable++
			tables = append(tables, nil)
			continue
		}
		ro.used.add(t)
		tables = append(tables, t)
		progress("read", i+1, len(paths))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	total, done := 0, 0
	for _, t := range tables {
		if t != nil {
			total += len(t.Records)
		}
	}
	tick := func() {
		done++
		if done%5000 == 0 || done == total {
			progress("check", done, total)
		}
	}
	for i, t := range tables {
		if t == nil {
			continue
		}
		fr := rep.Files[i]
		if err := conv.addTable(t, fr, tick); err != nil {
			fr.Errors = append(fr.Errors, Problem{Category: CatFile, Message: err.Error()})
			fr.Rows = len(t.Records)
			unreadable++
		}
	}
	if st != nil && conv.hasSegments() {
		if conv.stored, err = st.RuasLengths(ctx); err != nil {
			return rep, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	conv.check()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rejected := conv.report()
	if unreadable > 0 {
		return rep, fmt.Errorf("%w: %d berkas tidak dapat dibaca", ErrFormat, unreadable)
	}
	if rejected > 0 && !opt.SkipInvalid {
		return rep, ErrRowsInvalid
	}
	b, dated := conv.batch()
	rep.ImportDated = len(dated)
	if opt.DryRun {
		return rep, nil
	}
	if st == nil {
		return rep, errors.New("netfile: Import needs a store unless DryRun is set")
	}
	if err := reuseImportDates(ctx, st, dated); err != nil {
		return rep, err
	}
	if problems, err := b.Prepare(); err != nil {
		return rep, err
	} else if len(problems) > 0 {
		// Every rule Prepare applies was applied row by row before.
		for k, e := range problems {
			return rep, fmt.Errorf("netfile: %s passed the row checks but not Batch.Prepare: %w", k, e)
		}
	}
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	if opt.SkipInvalid {
		for _, fs := range conv.files {
			if fs.rep.Rejected == 0 {
				continue
			}
			tmp, final, err := writeRejects(fs)
			if err != nil {
				cleanup()
				return rep, err
			}
			temps = append(temps, tmp)
			fs.rep.RejectsFile = final
		}
	}
	// The batch holds all the write needs: the files' cells and row
	// checks (40 % of the heap at 100,000 ruas) go before it runs, and a
	// collection now sets the heap's next goal from what is left rather
	// than from the checks' peak (the write's garbage would otherwise
	// grow the heap to twice that peak: 590 MB instead of 440 MB).
	conv.release()
	if len(b.Ruas)+len(b.Surveys) >= bulkRows {
		debug.FreeOSMemory()
	}
	stats, err := st.Apply(ctx, b, func(done, total int) { progress("write", done, total) })
	if err != nil {
		cleanup()
		for _, fs := range conv.files {
			fs.rep.RejectsFile = ""
		}
		return rep, fmt.Errorf("menulis ke register: %w", err)
	}
	rep.Applied, rep.Written = stats, true
	for _, fs := range conv.files {
		if fs.rep.RejectsFile != "" {
			if err := os.Rename(fs.rep.RejectsFile+".tmp", fs.rep.RejectsFile); err != nil {
				return rep, fmt.Errorf("register sudah ditulis, tetapi berkas baris ditolak %s gagal disimpan: %w", fs.rep.RejectsFile, err)
			}
		}
	}
	return rep, nil
}

// report fills each file's counts and problem lists; it returns the number
// of rejected rows over all files.
func (c *converter) report() int {
	rejected := 0
	for _, fs := range c.files {
		fr := fs.rep
		fr.Rows = len(fs.rows)
		fr.Warnings = append(fr.Warnings, fs.t.Skipped...)
		if len(fs.l.unknown) > 0 {
			fr.Warnings = append(fr.Warnings, Problem{Column: strings.Join(fs.l.unknown, ", "), Category: CatColumnsIgnored,
				Message: "kolom tidak dikenal, tidak diimpor; petakan lewat berkas --map bila isinya diperlukan"})
		}
		if len(fs.l.unused) > 0 {
			fr.Warnings = append(fr.Warnings, Problem{Column: strings.Join(fs.l.unused, ", "), Category: CatMappingUnused,
				Message: "kolom di berkas pemetaan tidak ada di berkas ini; periksa ejaannya"})
		}
		if fs.defaulted > 0 {
			fr.Warnings = append(fr.Warnings, Problem{Value: fs.defRegion, Category: CatRegionDefault, Count: fs.defaulted,
				Message: "berkas tidak menyebut kode wilayah; nomor ruas dianggap bernomor di dalam berkas ini dan wilayahnya diisi nama berkas. Beri --region KODE (mis. 33.74) atau kolom KODE WILAYAH"})
		}
		l := fs.l
		if fs.geomIgnored > 0 {
			fr.Warnings = append(fr.Warnings, Problem{Category: CatGeometryIgnored, Count: fs.geomIgnored,
				Message: "geometri diabaikan (--no-geometry): ruas diimpor dengan isiannya saja, tanpa garis"})
		}
		if fs.t.Format != "geojson" && !l.has(FWKT) && !l.hasCoordinates() && len(fs.rows) > 0 && !l.segment() && !c.opt.NoGeometry {
			fr.Warnings = append(fr.Warnings, Problem{Category: CatNoCoordinates, Count: len(fs.rows),
				Message: "berkas tanpa kolom koordinat (LAT/LNG AWAL/AKHIR) atau WKT; semua ruas diimpor tanpa geometri"})
		}
		for _, k := range fs.aggOrder {
			fr.Warnings = append(fr.Warnings, *fs.agg[k])
		}
		for _, rr := range fs.rows {
			fr.Warnings = append(fr.Warnings, rr.warns...)
			if len(rr.errs) > 0 {
				fr.Rejected++
				fr.Errors = append(fr.Errors, rr.errs...)
			} else {
				fr.Imported++
			}
		}
		rejected += fr.Rejected
	}
	return rejected
}

// hasSegments reports whether some file is a segment file.
func (c *converter) hasSegments() bool {
	for _, fs := range c.files {
		if fs.l.segment() {
			return true
		}
	}
	return false
}

// reuseImportDates gives an undated survey the date of an earlier import
// of the same observation (same ruas, scheme, parts, measurements and
// STA range), so that importing an undated file again on a later day
// changes nothing.
func reuseImportDates(ctx context.Context, st Register, rows []*rowSurvey) error {
	if len(rows) == 0 {
		return nil
	}
	prev, err := st.ImportDatedSurveys(ctx)
	if err != nil {
		return err
	}
	for _, rs := range rows {
		v := rs.v
		cands := prev[v.Ruas]
		for i := len(cands) - 1; i >= 0; i-- {
			p := cands[i]
			if p.Scheme == v.Scheme && p.Parts == v.Parts && p.StaFromM == v.StaFromM && p.StaToM == v.StaToM && sameMeasures(p, v) {
				v.Date = p.Date
				break
			}
		}
	}
	return nil
}

// sameMeasures compares the unit measurements of two surveys.
func sameMeasures(a, b *roads.Survey) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	da, db := a.Distress, b.Distress
	if da == nil || db == nil {
		return a.Scheme != "" && b.Scheme != ""
	}
	return eq(da.IRI, db.IRI) && eq(da.PCI, db.PCI) && eq(da.CrackAreaPct, db.CrackAreaPct) && eq(da.CrackWidthMM, db.CrackWidthMM) &&
		eq(da.Potholes, db.Potholes) && eq(da.RutCM, db.RutCM) && eq(a.SDIGiven, b.SDIGiven)
}

// bulkRows is the batch size from which Import collects garbage before
// writing.
const bulkRows = 10_000

// release drops the files' tables and row results once the batch and
// the report are made; only the reports stay.
func (c *converter) release() {
	for _, fs := range c.files {
		fs.t, fs.rows, fs.agg = nil, nil, nil
	}
}

// RejectsPath is where the rejected rows of the file at path are written:
// beside it, NAME.rejects.csv.
func RejectsPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".rejects.csv"
}

// writeRejects writes a file's rejected rows to a temporary file beside the
// rejects path (renamed once the register is written): the original
// columns (GeoJSON: the properties and the geometry as WKT), then the row
// number, the categories and the reasons.
func writeRejects(fs *fileState) (tmp, final string, err error) {
	final = RejectsPath(fs.rep.File)
	tmp = final + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return "", "", fmt.Errorf("berkas baris ditolak %s tidak dapat dibuat (%v); salin berkas masukan ke folder yang dapat ditulisi lalu ulangi", final, err)
	}
	w := csvfile.NewWriter(f)
	head := append([]string(nil), fs.t.Columns...)
	geo := fs.t.Format == "geojson"
	if geo {
		head = append(head, "wkt")
	}
	extra := []string{"row", "category", "reason"}
	for i, x := range extra {
		for _, h := range head {
			if strings.EqualFold(h, x) {
				extra[i] = "import_" + x
			}
		}
	}
	w.Write(append(head, extra...))
	for _, rr := range fs.rows {
		if len(rr.errs) == 0 {
			continue
		}
		rec := append([]string(nil), rr.rec.Values...)
		if geo {
			rec = append(rec, WKT(rr.rec.Geometry))
		}
		var cats, reasons []string
		for _, e := range rr.errs {
			if !containsString(cats, e.Category) {
				cats = append(cats, e.Category)
			}
			reasons = append(reasons, e.Text(fs.t.File))
		}
		w.Write(append(rec, fmt.Sprint(rr.rec.Row), strings.Join(cats, ","), strings.Join(reasons, " | ")))
	}
	w.Flush()
	if err := errors.Join(w.Error(), f.Close()); err != nil {
		os.Remove(tmp)
		return "", "", fmt.Errorf("menulis %s: %w", final, err)
	}
	return tmp, final, nil
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
