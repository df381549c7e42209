package publish

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// SIPD sheet names and the columns of the Usulan sheet. The layout follows
// the order a planner fills the SIPD usulan form: sub-kegiatan, lokasi,
// indikator and target, pagu, tahun, sumber dana, keterangan.
const (
	SheetUsulan = "Usulan"
	SheetRekap  = "Rekap Sub Kegiatan"
)

var usulanHead = []string{
	"No", "Kode Paket", "Nama Paket", "No Ruas", "STA", "Kode Kecamatan", "Kecamatan", "Kode Kelurahan", "Kelurahan", "Lokasi",
	"Indikator Keluaran", "Target", "Satuan", "Pagu (Rp)", "Prakiraan Maju n+1 (Rp)", "Tahun Anggaran", "Sumber Dana",
	"Kondisi", "Tanggal Survei", "Peringkat", "Penanganan", "Justifikasi",
}

// Usulan sheet columns (1-based) that carry the figures checked against the plan.
const (
	colUsulanLabel = 3 // block titles and "Jumlah" labels
	colUsulanKm    = 12
	colUsulanRp    = 14
	colUsulanNext  = 15
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
			var target, unit any
			if r.Kind != RowPendamping {
				target, unit = r.Km, g.SubKegiatan.Unit
			}
			b.put(r.No, r.Package, r.Name(), r.RuasNo, r.Sta, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan, r.Lokasi(),
				g.SubKegiatan.Indicator, target, unit, r.Rp, numOrNil(r.NextRp), u.Year, r.Funds,
				r.Kondisi, r.SurveyDate, r.Rank, r.Treatment, r.Justification)
			b.styleRow(b.row-1, colUsulanKm, colUsulanKm, b.st.km)
			b.styleRow(b.row-1, colUsulanRp, colUsulanNext, b.st.rp)
		}
		b.putAt(colUsulanLabel, "Jumlah "+g.SubKegiatan.Code)
		b.putAt(colUsulanKm, g.Km, g.SubKegiatan.Unit, g.Rp, numOrNil(g.NextRp))
		b.style(1, last, b.st.total)
		b.style(colUsulanKm, colUsulanKm, b.st.kmBold)
		b.style(colUsulanRp, colUsulanNext, b.st.rpBold)
		b.row += 2
	}
	b.putAt(colUsulanLabel, "JUMLAH SELURUHNYA")
	b.putAt(colUsulanKm, u.Km, "KM", u.Rp, numOrNil(u.NextRp))
	b.style(1, last, b.st.total)
	b.style(colUsulanKm, colUsulanKm, b.st.kmBold)
	b.style(colUsulanRp, colUsulanNext, b.st.rpBold)
	b.row += 2
	// The reconciliation with the plan, each difference on its own line.
	for _, l := range u.Reconciliation() {
		b.putAt(colUsulanLabel, l.Label)
		b.putAt(colUsulanRp, l.Rp)
		b.style(colUsulanRp, colUsulanRp, b.st.rp)
		b.row++
	}
	b.widths(5, 10, 48, 8, 13, 11, 15, 14, 20, 48, 40, 10, 7, 17, 17, 8, 12, 13, 12, 10, 24, 80)

	b.addSheet(SheetRekap)
	b.labelCols = 1
	b.header(u.Src, title, u.frame())
	b.put("Kode Sub Kegiatan", "Nama Sub Kegiatan", "Indikator Keluaran", "Target", "Satuan", "Pagu (Rp)", "Prakiraan Maju n+1 (Rp)", "Jumlah Baris", "Sumber Dana", "Keputusan")
	b.styleRow(b.row-1, 1, 10, b.st.head)
	for _, g := range u.Groups {
		b.put(g.SubKegiatan.Code, g.SubKegiatan.Name, g.SubKegiatan.Indicator, g.Km, g.SubKegiatan.Unit, g.Rp, numOrNil(g.NextRp), len(g.Rows), fundsOf(g), u.decreeText(g.SubKegiatan))
		b.styleRow(b.row-1, 4, 4, b.st.km)
		b.styleRow(b.row-1, 6, 7, b.st.rp)
	}
	b.put("JUMLAH", nil, nil, u.Km, "KM", u.Rp, numOrNil(u.NextRp), u.locations())
	b.styleRow(b.row-1, 1, 10, b.st.total)
	b.styleRow(b.row-1, 4, 4, b.st.kmBold)
	b.styleRow(b.row-1, 6, 7, b.st.rpBold)
	b.widths(26, 32, 48, 14, 8, 20, 20, 14, 16, 40)
	return b.write(w)
}

// frame is the SIPD hierarchy and nomenclature lines of the header block.
func (u *Usulan) frame() [][2]string {
	return [][2]string{
		{"Tahun Anggaran", strconv.Itoa(u.Year)},
		{"Urusan", Urusan},
		{"Program", Program},
		{"Kegiatan", Kegiatan},
		{"Kode OPD", u.Src.Org.OPDCode},
		{"Kode Sub Kegiatan", "menurut TA " + strconv.Itoa(u.Year) + ": " + u.decreeLine()},
		{"Sumber Dana (bawaan)", u.Funds.Code + " " + u.Funds.Name},
		{"Setelan Usulan", u.settingsLine()},
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

func numOrNil(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// ReconLine is one line of an usulan's reconciliation with its plan.
type ReconLine struct {
	Label string
	Rp    float64
}

// Reconciliation states how the usulan's total follows from the plan's
// spending of the year: escalation, rounding and companion lines each as
// their own line, so the totals of the plan and the usulan can be checked.
func (u *Usulan) Reconciliation() []ReconLine {
	if u.Costed {
		return []ReconLine{
			{fmt.Sprintf("Belanja rencana %d pada harga TA %d (harga satuan tahun %d × %s; pekerjaan berkontrak senilai kontraknya), termasuk cadangan perencanaan teknis dan pengawasan %s",
				u.Year, u.Year, u.PriceYear, Number(u.Escalation, 4), rupiah(u.ReserveRp)), u.PlanRp},
			{fmt.Sprintf("Pembulatan pagu ke bawah per baris (kelipatan Rp %s), agar usulan tidak melebihi pagu", grouped(u.Settings.RoundingRp, 0)), u.RoundingRp},
			{"Jumlah usulan", u.Rp},
		}
	}
	return []ReconLine{
		{fmt.Sprintf("Belanja rencana %d (harga satuan tahun %d)", u.Year, u.PriceYear), u.PlanRp},
		{fmt.Sprintf("Eskalasi harga %s %% per tahun ke TA %d (faktor %s; pekerjaan berkontrak tidak)", Number(u.Settings.EscalationPct, 1), u.Year, Number(u.Escalation, 4)), u.EscalationRp},
		{fmt.Sprintf("Pembulatan pagu ke atas per baris (kelipatan Rp %s)", grouped(u.Settings.RoundingRp, 0)), u.RoundingRp},
		{"Perencanaan teknis dan pengawasan", u.AddedRp},
		{"Jumlah usulan", u.Rp},
	}
}

// decreeLine names the decree(s) of the codes used.
func (u *Usulan) decreeLine() string {
	seen := map[string]bool{}
	var out []string
	for _, g := range u.Groups {
		if d := u.decreeText(g.SubKegiatan); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return u.Decree
	}
	return strings.Join(out, "; ")
}

func (u *Usulan) settingsLine() string {
	if u.Costed {
		return fmt.Sprintf("%s: pembulatan ke bawah Rp %s, eskalasi %s %%/tahun dari harga %d (faktor TA %d: %s), dihitung dalam rencana", u.Settings.Version,
			grouped(u.Settings.RoundingRp, 0), Number(u.Settings.EscalationPct, 1), u.PriceYear, u.Year, Number(u.Escalation, 4))
	}
	return fmt.Sprintf("%s: pembulatan Rp %s, eskalasi %s %%/tahun dari harga %d (faktor %s)", u.Settings.Version, grouped(u.Settings.RoundingRp, 0),
		Number(u.Settings.EscalationPct, 1), u.PriceYear, Number(u.Escalation, 4))
}
