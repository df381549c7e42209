package netfile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Limits bound what one import reads, so that the memory an import takes
// is bounded by the limits and not by what a file claims to hold: a short
// CSV line costs the reader a row of cells, and a small XLSX may unpack
// into hundreds of megabytes. A file over any limit is refused whole, with
// a message naming the limit, before its rows are kept.
//
// The web serves DefaultLimits as they are; the command line, run by the
// machine's owner on national files, takes CommandLimits.
type Limits struct {
	Files     int   // files in one import
	FileBytes int64 // bytes of one file as stored (CSV, GeoJSON, XLSX)
	// Rows bounds the data rows (features) of one import, over all its
	// files: what an import holds grows with its rows (about 3 KB each
	// on their way into the register).
	Rows      int
	Columns   int // cells of one row (properties of one feature)
	CellBytes int // bytes of one cell's text
	// Cells bounds the filled cells and coordinate points of one import,
	// and the shared strings of each workbook, which the XLSX reader holds
	// all at once.
	Cells int
	// XLSXBytes bounds a workbook's unpacked size: the sum of the
	// uncompressed sizes of its zip entries (the zip reader refuses an
	// entry that inflates past its stated size).
	XLSXBytes int64
}

// DefaultLimits are the web's limits, sized so that any import within
// them holds under 1 GB: 4 files of up to 64 MiB, 200,000 rows and
// 1,000,000 filled cells (and coordinate points) over the import, 256
// cells a row, 64 KiB a cell, and 200 MiB unpacked per workbook. Measured
// peaks at the limits (dry run, every row refused, so every problem kept):
// a workbook of 1,000,000 distinct shared strings 795 MB, 4 CSV files of
// 50,000 rows 650 MB, GeoJSON lines of 1,000,000 points under 400 MB. Real
// registers are far below: the Jawa Barat village table is 3.9 MB, 32,340
// rows.
var DefaultLimits = Limits{
	Files:     4,
	FileBytes: 64 << 20,
	Rows:      200_000,
	Columns:   256,
	CellBytes: 64 << 10,
	Cells:     1_000_000,
	XLSXBytes: 200 << 20,
}

// CommandLimits are the command line's limits: DefaultLimits raised ten
// times in rows, cells and bytes, for national files of 100,000 links and
// more on a machine the operator chose.
var CommandLimits = Limits{
	Files:     1000,
	FileBytes: 1 << 30,
	Rows:      2_000_000,
	Columns:   1024,
	CellBytes: 1 << 20,
	Cells:     40_000_000,
	XLSXBytes: 2 << 30,
}

// ErrTooLarge marks a file (or an import) over one of its Limits.
var ErrTooLarge = errors.New("import limit exceeded")

// orDefault returns l, or DefaultLimits when l is the zero value.
func (l Limits) orDefault() Limits {
	if l == (Limits{}) {
		return DefaultLimits
	}
	return l
}

func tooLarge(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrTooLarge, fmt.Sprintf(format, args...))
}

// usage is what the files read so far in one import hold, counted against
// the import's Rows and Cells.
type usage struct {
	rows, cells int
}

// add counts the rows of a table read into the import (its cells were
// counted as they were read).
func (u *usage) add(t *Table) { u.rows += len(t.Records) }

// guard applies the limits (and the caller's context) to one file as a
// reader walks it.
type guard struct {
	ctx  context.Context
	lim  Limits
	rows int    // data rows of earlier files of the import
	u    *usage // the import's; its cells count this file's as read
}

func (o ReadOptions) guard() *guard {
	ctx := o.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	u := o.used
	if u == nil {
		u = &usage{}
	}
	return &guard{ctx: ctx, lim: o.Limits.orDefault(), rows: u.rows, u: u}
}

// WithContext returns o whose readers stop with ctx's error once ctx is
// done (a client that left, an interrupted command).
func (o ReadOptions) WithContext(ctx context.Context) ReadOptions {
	o.ctx = ctx
	return o
}

// row checks the n-th row (0-based, header rows included) read so far: the
// number of rows, its cells and their sizes, and every 1,024 rows whether
// the context is done.
func (g *guard) row(n int, cells []string) error {
	if n%1024 == 0 {
		if err := g.ctx.Err(); err != nil {
			return err
		}
	}
	// A few rows above the header (titles, units) are allowed beyond Rows.
	if g.rows+n >= g.lim.Rows+headerScanRows {
		return g.tooManyRows()
	}
	if len(cells) > g.lim.Columns {
		return tooLarge("baris %d memuat %s sel, lebih dari batas %s sel per baris; hapus kolom kosong atau tak terpakai", n+1, Thousands(len(cells)), Thousands(g.lim.Columns))
	}
	for j, c := range cells {
		if err := g.cell(n, j, c); err != nil {
			return err
		}
	}
	return nil
}

func (g *guard) tooManyRows() error {
	return tooLarge("impor memuat lebih dari %s baris data (batas per impor, semua berkas); bagi berkas menjadi beberapa impor", Thousands(g.lim.Rows))
}

// room is how many more cells the file may hold.
func (g *guard) room() int { return max(g.lim.Cells-g.u.cells, 0) }

// stop reports whether err ends the whole read: a limit, or the context.
func (g *guard) stop(err error) bool {
	return err != nil && (errors.Is(err, ErrTooLarge) || g.ctx.Err() != nil)
}

// cell checks one cell's size and counts it towards the file's Cells.
func (g *guard) cell(n, col int, c string) error {
	if len(c) > g.lim.CellBytes {
		return tooLarge("baris %d kolom %d berisi %s byte, lebih dari batas %s byte per sel", n+1, col+1, Thousands(len(c)), Thousands(g.lim.CellBytes))
	}
	if c != "" {
		g.u.cells++
		if g.u.cells > g.lim.Cells {
			return tooLarge("impor memuat lebih dari %s sel berisi (batas per impor, semua berkas); bagi berkas menjadi beberapa impor", Thousands(g.lim.Cells))
		}
	}
	return nil
}

// readOptions are the reader options of an import of n files under
// o.Limits, stopping when ctx is done.
func (o Options) readOptions(ctx context.Context, n int) (ReadOptions, error) {
	lim := o.Limits.orDefault()
	if n > lim.Files {
		return ReadOptions{}, tooLarge("%d berkas dalam satu impor, lebih dari batas %d berkas; impor sebagian dulu, lalu sisanya", n, lim.Files)
	}
	ro := o.Mapping.ReadOptions()
	ro.Limits, ro.used = lim, &usage{}
	return ro.WithContext(ctx), nil
}

// readFile reads the file at p whole, refusing one over FileBytes before
// reading it.
func (o ReadOptions) readFile(p string) ([]byte, error) {
	lim := o.Limits.orDefault()
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Size() > lim.FileBytes {
		return nil, tooLarge("%s: berkas %s byte, lebih dari batas %s byte per berkas", path.Base(p), Thousands(int(fi.Size())), Thousands(int(lim.FileBytes)))
	} else if err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	// One buffer of the file's size: io.ReadAll's doubling held up to
	// twice a large file at once.
	buf := bytes.NewBuffer(make([]byte, 0, size+512))
	_, err = buf.ReadFrom(io.LimitReader(f, lim.FileBytes+1))
	b := buf.Bytes()
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > lim.FileBytes {
		return nil, tooLarge("%s: berkas lebih dari batas %s byte per berkas", path.Base(p), Thousands(int(lim.FileBytes)))
	}
	return b, nil
}

// checkXLSX refuses a workbook whose parts would unpack past the limits,
// reading the zip directory and streaming the sheets and shared strings
// through a scanner that keeps no text, before excelize holds any of it:
// the unpacked total (XLSXBytes), one cell's text or one tag (CellBytes),
// and the number of shared strings (Cells).
func (g *guard) checkXLSX(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil // not a zip: excelize says so in its own words
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(g.lim.XLSXBytes) {
			return tooLarge("XLSX terurai lebih dari %s byte (batas impor); simpan ulang hanya lembar yang perlu, atau sebagai CSV", Thousands(int(g.lim.XLSXBytes)))
		}
	}
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if !strings.HasPrefix(name, "xl/worksheets/") && name != "xl/sharedstrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil // excelize reports the broken part
		}
		err = g.scanXML(rc, name == "xl/sharedstrings.xml")
		rc.Close()
		if err != nil {
			if g.stop(err) {
				return fmt.Errorf("%s: %w", path.Base(f.Name), err)
			}
			return nil // a broken stream: excelize reports it
		}
	}
	return nil
}

// scanXML walks XML bytes keeping only counters: the length of the current
// text run (an entity counts as one byte) and of the current tag, and with
// sst the number of <si> items.
func (g *guard) scanXML(r io.Reader, sst bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		inTag, inEntity bool
		text, tag       int
		items           int
		head            []byte // the first bytes of the current tag
		n               int
	)
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		n++
		if n%(1<<20) == 0 {
			if err := g.ctx.Err(); err != nil {
				return err
			}
		}
		switch {
		case inTag:
			if c == '>' {
				inTag = false
				if sst && (string(head) == "si" || string(head) == "si ") {
					items++
					if items > g.lim.Cells {
						return tooLarge("XLSX memuat lebih dari %s teks bersama (batas impor); simpan ulang sebagai CSV", Thousands(g.lim.Cells))
					}
				}
				continue
			}
			tag++
			if len(head) < 3 {
				head = append(head, c)
			}
			if tag > g.lim.CellBytes {
				return tooLarge("XLSX memuat satu tag XML lebih dari %s byte (batas impor)", Thousands(g.lim.CellBytes))
			}
		case c == '<':
			inTag, inEntity, tag, text, head = true, false, 0, 0, head[:0]
		default:
			if inEntity {
				inEntity = c != ';'
				continue
			}
			inEntity = c == '&'
			text++
			if text > g.lim.CellBytes {
				return tooLarge("XLSX memuat satu sel berisi lebih dari %s byte (batas impor per sel)", Thousands(g.lim.CellBytes))
			}
		}
	}
}
