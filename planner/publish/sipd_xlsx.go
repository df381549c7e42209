package publish

import (
	"fmt"
	"io"
	"strconv"
)

// SIPD sheet names and the columns of the Usulan sheet. The layout follows
// the order a planner fills the SIPD usulan form: sub-kegiatan, lokasi,
// indikator and target, pagu, tahun, sumber dana, keterangan.
const (
	SheetUsulan = "Usulan"
	SheetRekap  = "Rekap Sub Kegiatan"
)

var usulanHead = []string{
	"No", "No Ruas", "Nama Ruas", "STA", "Kelurahan", "Kecamatan", "Lokasi",
	"Indikator Kinerja", "Target Volume", "Satuan", "Pagu Indikatif (Rp)", "Tahun", "Sumber Dana",
	"Kondisi", "Tanggal Survei", "Peringkat", "Penanganan", "Justifikasi",
}

// Usulan sheet columns (1-based) that carry the figures checked against the plan.
const (
	colUsulanLabel = 3 // block titles and "Jumlah" labels
	colUsulanKm    = 9
	colUsulanRp    = 11
)

// WriteXLSX writes the usulan as a workbook: a header block (kodepemda,
// OPD, plan id, snapshot hash, nomenclature version), one block per
// sub-kegiatan with a subtotal row, a grand total, and a summary sheet of
// one row per sub-kegiatan (the figures SIPD asks at sub-kegiatan level).
func (u *Usulan) WriteXLSX(w io.Writer) error {
	title := fmt.Sprintf("USULAN SUB KEGIATAN PENYELENGGARAAN JALAN TAHUN %d", u.Year)
	b, err := newBook(u.Src, title, SheetUsulan)
	if err != nil {
		return err
	}
	b.labelCols = colUsulanLabel // A–C: No, No Ruas, Nama Ruas
	b.header(u.Src, title, u.frame())
	b.put(anySlice(usulanHead)...)
	b.styleRow(b.row-1, 1, len(usulanHead), b.st.head)
	last := len(usulanHead)
	for _, g := range u.Groups {
		b.putAt(1, "Sub Kegiatan")
		b.merge(1, 2)
		b.putAt(colUsulanLabel, g.SubKegiatan.Code, g.SubKegiatan.Name)
		b.merge(colUsulanLabel+1, colUsulanLabel+4)
		b.style(1, last, b.st.group)
		b.row++
		for _, r := range g.Rows {
			b.put(r.No, r.RuasNo, r.RuasName, r.Sta, r.Kelurahan, r.Kecamatan, r.Lokasi(),
				g.SubKegiatan.Indicator, r.Km, g.SubKegiatan.Unit, r.Rp, u.Year, r.Funds,
				r.Kondisi, r.SurveyDate, r.Rank, r.Treatment, r.Justification)
			b.styleRow(b.row-1, colUsulanKm, colUsulanKm, b.st.km)
			b.styleRow(b.row-1, colUsulanRp, colUsulanRp, b.st.rp)
		}
		b.putAt(colUsulanLabel, "Jumlah "+g.SubKegiatan.Code)
		b.putAt(colUsulanKm, g.Km, g.SubKegiatan.Unit, g.Rp)
		b.style(1, last, b.st.total)
		b.style(colUsulanKm, colUsulanKm, b.st.kmBold)
		b.style(colUsulanRp, colUsulanRp, b.st.rpBold)
		b.row += 2
	}
	b.putAt(colUsulanLabel, "JUMLAH SELURUHNYA")
	b.putAt(colUsulanKm, u.Km, "KM", u.Rp)
	b.style(1, last, b.st.total)
	b.style(colUsulanKm, colUsulanKm, b.st.kmBold)
	b.style(colUsulanRp, colUsulanRp, b.st.rpBold)
	b.widths(5, 8, 28, 13, 14, 15, 48, 40, 11, 7, 17, 7, 12, 13, 12, 10, 24, 80)

	b.addSheet(SheetRekap)
	b.labelCols = 1
	b.header(u.Src, title, u.frame())
	b.put("Kode Sub Kegiatan", "Nama Sub Kegiatan", "Indikator Kinerja", "Target Volume", "Satuan", "Pagu Indikatif (Rp)", "Jumlah Lokasi", "Sumber Dana")
	b.styleRow(b.row-1, 1, 8, b.st.head)
	for _, g := range u.Groups {
		b.put(g.SubKegiatan.Code, g.SubKegiatan.Name, g.SubKegiatan.Indicator, g.Km, g.SubKegiatan.Unit, g.Rp, len(g.Rows), fundsOf(g))
		b.styleRow(b.row-1, 4, 4, b.st.km)
		b.styleRow(b.row-1, 6, 6, b.st.rp)
	}
	b.put("JUMLAH", nil, nil, u.Km, "KM", u.Rp, u.locations())
	b.styleRow(b.row-1, 1, 8, b.st.total)
	b.styleRow(b.row-1, 4, 4, b.st.kmBold)
	b.styleRow(b.row-1, 6, 6, b.st.rpBold)
	b.widths(26, 32, 48, 14, 8, 20, 14, 16)
	return b.write(w)
}

// frame is the SIPD hierarchy and nomenclature lines of the header block.
func (u *Usulan) frame() [][2]string {
	return [][2]string{
		{"Tahun Anggaran", strconv.Itoa(u.Year)},
		{"Urusan", Urusan},
		{"Program", Program},
		{"Kegiatan", Kegiatan},
		{"Versi Nomenklatur", u.Nomenclature + " (" + u.Decree + ")"},
		{"Total Target Volume (KM)", plain(u.Km, kmDecimals)},
		{"Total Pagu Indikatif (Rp)", plain(u.Rp, 0)},
	}
}

func (u *Usulan) locations() int {
	n := 0
	for _, g := range u.Groups {
		n += len(g.Rows)
	}
	return n
}

// fundsOf lists the distinct sumber dana of a group's rows, in row order.
func fundsOf(g UsulanGroup) string {
	seen := map[string]bool{}
	out := ""
	for _, r := range g.Rows {
		if !seen[r.Funds] {
			seen[r.Funds] = true
			if out != "" {
				out += ", "
			}
			out += r.Funds
		}
	}
	return out
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
