package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

func init() {
	commands["condition"] = command{summary: "km per kelas kondisi, kemantapan, panjang disurvei dan total per akhir tahun", run: runCondition}
}

const conditionHelp = `
Kondisi jaringan jalan per akhir tahun: km per kelas Bina Marga (Baik,
Sedang, Rusak Ringan, Rusak Berat) dan yang belum disurvei, kemantapan,
panjang disurvei dan panjang total. Setiap ruas dihitung dengan survei
terakhirnya pada atau sebelum tahun itu.

Kemantapan = (km Baik + km Sedang) / panjang jaringan kewenangan kantor
(ruas berstatus kewenangan dari ` + "`ruas init`" + `) × 100; panjang yang belum
disurvei adalah kelasnya sendiri. Kemantapan dari panjang yang disurvei saja
ditampilkan di sampingnya dengan labelnya. Jalan lain di register dilaporkan
terpisah. Data draf (belum diverifikasi walidata) ikut dihitung dan
jumlahnya disebut. Angka ini sama dengan angka halaman Ringkasan.`

// conditionBy are the breakdowns --by offers.
var conditionBy = []string{"kecamatan", "status", "fungsi", "surface"}

func runCondition(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "condition", "condition [--year Y] [--by kecamatan|status|fungsi|surface] [--json] [--db PATH]", conditionHelp)
	year := fs.Int("year", time.Now().Year(), "keadaan per akhir tahun `Y` (bawaan: tahun ini)")
	by := fs.String("by", "", "rinci per kecamatan, status, fungsi atau surface (jenis perkerasan)")
	asJSON := fs.Bool("json", false, "cetak sebagai JSON (km; persen null bila tidak terdefinisi)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("condition tidak menerima argumen %q; lihat `ruas condition -h`", fs.Arg(0))}
	}
	if err := planner.CheckConditionYear(*year); err != nil {
		return usageError{fmt.Sprintf("--year %d di luar %d–%d; tulis tahun empat angka, mis. --year 2026", *year, planner.MinConditionYear, planner.MaxConditionYear)}
	}
	*by = strings.ToLower(strings.TrimSpace(*by))
	if *by != "" && !contains(conditionBy, *by) {
		return usageError{fmt.Sprintf("--by %q tidak dikenal; pilih %s", *by, strings.Join(conditionBy, ", "))}
	}
	s, err := openRegister(ctx, *db)
	if err != nil {
		return fmt.Errorf("basis data %s tidak dapat dibuka: %w; periksa path --db dan izin berkasnya", redactDSN(*db), err)
	}
	defer s.Close()
	net, err := s.Network(ctx)
	if err != nil {
		return err
	}
	if !*asJSON {
		officeNotice(e.stderr, net.Office)
	}
	nc := planner.ConditionAsOf(net, *year)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(nc)
	}
	return printCondition(e, net.Office, nc, *by)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func printCondition(e *env, o roads.Office, nc planner.NetworkCondition, by string) error {
	id := locale.Lang("id")
	km := func(v float64) string { return id.Number(v, 2) }
	pct := func(v float64) string {
		if math.IsNaN(v) {
			return "–"
		}
		return id.Number(v, 1) + " %"
	}
	scope := "seluruh jalan di register (kantor belum diatur)"
	if o.IsSet() {
		scope = fmt.Sprintf("%s %s", o.AuthorityLabel(), o.Pemda())
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(e.stdout, "Kondisi jaringan per akhir %d: %s\n\n", nc.Year, scope)
	g := nc.Scope
	fmt.Fprintln(w, "kelas\tkm\t% panjang jaringan\t")
	for i, k := range roads.Kondisis {
		fmt.Fprintf(w, "%s\t%s\t%s\t\n", k.Label(), km(g.Km.Of(k)), pct(g.Share(i)))
	}
	fmt.Fprintf(w, "Belum disurvei\t%s\t%s\t\n", km(g.UnsurveyedKm), pct(g.Share(4)))
	fmt.Fprintf(w, "Jumlah (%d ruas)\t%s\t\t\n", g.Ruas, km(g.NetworkKm))
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nKemantapan (Baik + Sedang dari panjang jaringan): %s\n", pct(g.Kemantapan()))
	fmt.Fprintf(e.stdout, "Kemantapan dari yang disurvei saja:              %s (disurvei %s dari %s km)\n", pct(g.KemantapanSurveyed()), km(g.SurveyedKm), km(g.NetworkKm))
	if g.DraftRuas > 0 || g.DraftSurveys > 0 {
		fmt.Fprintf(e.stdout, "Termasuk draf (belum diverifikasi walidata): %s ruas, %s survei (%s km)\n", id.Number(float64(g.DraftRuas), 0), id.Number(float64(g.DraftSurveys), 0), km(g.DraftSurveyKm))
	}
	if nc.Others.Ruas > 0 {
		fmt.Fprintf(e.stdout, "Jalan lain di register (bukan kewenangan, tidak dihitung di atas): %d ruas, %s km, kemantapan %s\n",
			nc.Others.Ruas, km(nc.Others.NetworkKm), pct(nc.Others.Kemantapan()))
	}
	if len(nc.RuleVersions) > 0 {
		fmt.Fprintf(e.stdout, "Aturan kondisi: %s\n", strings.Join(nc.RuleVersions, ", "))
	}
	if by == "" {
		return nil
	}
	groups := map[string][]planner.ConditionGroup{"kecamatan": nc.ByKecamatan, "status": nc.ByStatus, "fungsi": nc.ByFungsi, "surface": nc.BySurface}[by]
	fmt.Fprintf(e.stdout, "\nPer %s (seluruh register), km:\n", by)
	w = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, by+"\truas\tpanjang\tBaik\tSedang\tRusak Ringan\tRusak Berat\tbelum disurvei\tkemantapan\tdari disurvei\t")
	for _, g := range groups {
		label := g.Label
		if label == "" {
			label = g.Key
		}
		if label == "" {
			label = "tidak terinci"
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", label, g.Ruas, km(g.NetworkKm), km(g.Km.Baik), km(g.Km.Sedang),
			km(g.Km.RusakRingan), km(g.Km.RusakBerat), km(g.UnsurveyedKm), pct(g.Kemantapan()), pct(g.KemantapanSurveyed()))
	}
	return w.Flush()
}
