package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

func init() {
	commands["plan"] = command{summary: "susun program penanganan jalan multi-tahun dalam batas anggaran", run: runPlan}
}

const planHelp = `
Menyusun program penanganan jalan untuk --years tahun mulai --from dalam
batas anggaran per tahun, dari kondisi survei terakhir setiap ruas, model
kerusakan yang dikalibrasi dengan riwayat survei kota sendiri, dan katalog
penanganan beserta harga satuannya. Pekerjaan yang sudah dikontrak pada
tahun rencana didahulukan dan dibayar dari pagu tahun itu. Selalu
ditampilkan juga skenario tanpa penanganan.

Anggaran (--budget, --scenarios) ditulis dalam Rupiah: bilangan bulat
(25000000000 atau 25.000.000.000), atau dengan akhiran "jt" (juta) atau
"M" (miliar): 250jt, 25M, 2,5M, 2.5M; titik memisahkan ribuan dan koma
menandai desimal, seperti di formulir web. Satu nilai berlaku untuk setiap
tahun; N nilai dipisah koma (atau titik koma) berarti satu per tahun.
Notasi 25e9 dan akhiran "m" kecil tidak diterima agar tidak tertukar.

Metode (--method): optimal (bawaan: memaksimalkan manfaat dalam anggaran),
worst-first (terburuk lebih dahulu), bina-marga (urutan prioritas
018/T/BNKT/1990), ahp (multi-kriteria dengan bobot AHP), economic (NPV/biaya
model RoADS Bank Dunia).

Setiap rencana disimpan di register bersama masukannya (tahun, anggaran,
metode, versi setiap tabel, hash data) sehingga dapat diulang: --rerun ID
menghitung ulang rencana tersimpan dan memeriksa hasilnya sama persis.

Keluaran: ringkasan di layar; --json mencetak hasil lengkap (JSON);
--out F.json|F.csv|F.xlsx menulis hasil lengkap ke berkas (CSV: daftar
pekerjaan di F.csv dan ringkasan per tahun dan skenario di F_ringkasan.csv).

Contoh:
  ruas plan --from 2027 --years 5 --budget 25M
  ruas plan --from 2027 --budget 20M,22M,24M,26M,28M --scenarios 10M,40M --target 85 --target-year 2031 --out rencana.xlsx`

// planFlags are the parsed flags of ruas plan.
type planFlags struct {
	db                      string
	from, years, targetYear int
	budget, scenarios       string
	method, nomen, out      string
	target                  float64
	json, noCalibrate       bool
	verifiedOnly            bool
	user                    string
	rerun                   int64
	hand                    planHand // --min-length, --min-package, --forced (plan_hand.go)
}

func runPlan(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "plan", "plan --from YEAR [--years N] --budget RP[,RP...] [--method NAME] [--out F.json|F.csv|F.xlsx] [--json] [--target PCT --target-year YEAR] [--scenarios RP,RP,...] | plan --rerun ID", planHelp)
	var f planFlags
	fs.IntVar(&f.from, "from", 0, "tahun pertama rencana (tahun anggaran), `YEAR`")
	fs.IntVar(&f.years, "years", planner.DefaultYears, "jangka rencana dalam tahun, `N` (bawaan 5, periode Renstra)")
	fs.StringVar(&f.budget, "budget", "", "anggaran per tahun dalam Rupiah, `RP[,RP...]` (25M, 250jt, 25000000000)")
	fs.StringVar(&f.method, "method", planner.DefaultMethod, "metode pemeringkatan `NAME`: optimal, worst-first, bina-marga, ahp, economic")
	fs.StringVar(&f.nomen, "nomenklatur", "", "versi nomenklatur sub-kegiatan, 2024 atau 2027 (bawaan: 2027 bila --from ≥ 2027)")
	fs.StringVar(&f.out, "out", "", "tulis hasil lengkap ke `F.json|F.csv|F.xlsx`")
	fs.BoolVar(&f.json, "json", false, "cetak hasil lengkap sebagai JSON")
	fs.StringVar(&f.scenarios, "scenarios", "", "skenario anggaran tambahan per tahun, `RP,RP,...`")
	fs.Var((*numberFlag)(&f.target), "target", "target kemantapan dalam persen, `PCT` (dengan --target-year; 85 atau 87,5): cari anggaran tahunan minimum")
	fs.IntVar(&f.targetYear, "target-year", 0, "tahun target kemantapan, `YEAR`")
	fs.BoolVar(&f.noCalibrate, "no-calibrate", false, "pakai laju kerusakan bawaan tabel saja, tanpa kalibrasi dari riwayat survei")
	fs.BoolVar(&f.verifiedOnly, "verified-only", false, "susun rencana dari data terverifikasi Walidata saja (dapat ditetapkan dan dipublikasikan); tanpa ini rencana berstatus draf bila ada data yang belum diverifikasi")
	fs.StringVar(&f.user, "user", "", "nama penyusun yang dicatat bersama rencana (bawaan $USER)")
	fs.Int64Var(&f.rerun, "rerun", 0, "hitung ulang rencana tersimpan nomor `ID` dan bandingkan hasilnya")
	f.hand.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	f.db = *db
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("argumen %q tidak dikenal; lihat `ruas plan -h`", fs.Arg(0))}
	}
	if f.rerun != 0 {
		return rerunPlan(ctx, e, f)
	}
	in, err := f.input()
	if err != nil {
		return err
	}
	var ext string
	if f.out != "" {
		ext = strings.ToLower(filepath.Ext(f.out))
		if ext != ".json" && ext != ".csv" && ext != ".xlsx" {
			return usageError{fmt.Sprintf("--out %q harus berakhiran .json, .csv atau .xlsx", f.out)}
		}
	}
	if _, err := os.Stat(f.db); !isPostgres(f.db) && errors.Is(err, iofs.ErrNotExist) {
		return fmt.Errorf("register %s tidak ada; isi data dulu (`ruas import` atau `ruas demo`) atau sebut register lain dengan --db", redactDSN(f.db))
	}
	st, err := openRegister(ctx, f.db)
	if err != nil {
		return fmt.Errorf("register %s tidak dapat dibuka: %w", redactDSN(f.db), err)
	}
	defer st.Close()
	net, err := st.Network(ctx)
	if err != nil {
		return fmt.Errorf("register %s tidak dapat dibaca: %w", redactDSN(f.db), err)
	}
	if len(net.Ruas) == 0 {
		return fmt.Errorf("register %s belum berisi ruas; isi data dulu dengan `ruas import` atau `ruas demo`", redactDSN(f.db))
	}
	if f.verifiedOnly {
		if net = net.Verified(); len(net.Ruas) == 0 {
			return fmt.Errorf("register %s belum berisi ruas yang diverifikasi Walidata; verifikasi dulu, atau susun rencana draf tanpa --verified-only", redactDSN(f.db))
		}
	}
	var progress planner.Progress
	if e.tty && !f.json {
		fmt.Fprintf(e.stderr, "menghitung rencana %d–%d untuk %d ruas…\n", in.FromYear, in.FromYear+in.Years-1, len(net.Ruas))
		progress = func(done, total int, step string) {
			fmt.Fprintf(e.stderr, "\r\033[K[%d/%d] %s", done, total, step)
		}
	}
	res, err := planner.RunWithProgress(net, in, progress)
	if progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return fmt.Errorf("rencana tidak dapat disusun: %w", err)
	}
	inputs, err := json.Marshal(res.Input)
	if err != nil {
		return err
	}
	jsonOut := ""
	if ext == ".json" {
		jsonOut = f.out
	}
	gz, tmp, err := streamPlan(res, jsonOut) // plan_stream.go
	if err != nil {
		return err
	}
	if tmp != "" {
		defer os.Remove(tmp) // gone once placed
	}
	user := f.user
	if user == "" {
		user = e.getenv("USER")
	}
	run := &roads.PlanRun{CreatedBy: user, Method: res.Input.Method, FromYear: res.Input.FromYear, Years: res.Input.Years,
		SnapshotHash: res.SnapshotHash, Inputs: inputs}
	if err := st.SavePlanRunCompressed(ctx, run, gz); err != nil {
		return fmt.Errorf("rencana tidak dapat disimpan di %s: %w", redactDSN(f.db), err)
	}
	// What data the plan read: a plan on unverified records is a draft.
	if err := st.SetPlanBasis(ctx, roads.PlanBasis{PlanID: run.ID, VerifiedOnly: f.verifiedOnly, Pending: net.Unverified()}); err != nil {
		return fmt.Errorf("rencana tidak dapat disimpan di %s: %w", redactDSN(f.db), err)
	}
	switch {
	case tmp != "":
		if err := placeOut(tmp, f.out); err != nil {
			return err
		}
	case f.out != "":
		if err := writePlan(f.out, ext, res, nil); err != nil {
			return err
		}
	}
	if f.json {
		if err := res.WriteJSON(e.stdout); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		fmt.Fprintf(e.stderr, "rencana tersimpan dengan nomor %d\n", run.ID)
		return nil
	}
	printPlan(e.stdout, res)
	fmt.Fprintf(e.stdout, "\nRencana tersimpan dengan nomor %d (ulang dengan `ruas plan --rerun %d`).\n", run.ID, run.ID)
	if f.out != "" {
		fmt.Fprintf(e.stdout, "Hasil lengkap ditulis ke %s.\n", f.out)
	}
	return nil
}

// input turns the flags into a planner.Input, or a usage error. The
// planner decides what it refuses (planner.Input.Check); this only reads
// the flags and words the planner's problems with their flag names.
func (f planFlags) input() (planner.Input, error) {
	in := planner.Input{FromYear: f.from, Years: f.years, Method: f.method, Nomenclature: f.nomen, NoCalibrate: f.noCalibrate}
	var err error
	if f.budget != "" {
		if in.BudgetsRp, err = parseBudgets("--budget", f.budget); err != nil {
			return in, err
		}
	}
	if f.scenarios != "" {
		if in.ScenariosRp, err = parseBudgets("--scenarios", f.scenarios); err != nil {
			return in, err
		}
	}
	if (f.target != 0) != (f.targetYear != 0) {
		return in, usageError{"--target dan --target-year dipakai bersama, mis. --target 85 --target-year 2031"}
	}
	if f.target != 0 {
		in.Target = &planner.Target{Pct: f.target, Year: f.targetYear}
	}
	if err := f.hand.apply(&in); err != nil {
		return in, err
	}
	var ie *planner.InputError
	if err := in.Check(); errors.As(err, &ie) {
		var msgs []string
		for _, p := range ie.Problems {
			msgs = append(msgs, planProblemText(p))
		}
		return in, usageError{strings.Join(msgs, "\n")}
	} else if err != nil {
		return in, err
	}
	return in, nil
}

// planFlagOf is the flag that gives each field of planner.Input.
var planFlagOf = map[string]string{"from_year": "--from", "years": "--years", "budgets_rp": "--budget", "scenarios_rp": "--scenarios",
	"method": "--method", "nomenclature": "--nomenklatur", "target_pct": "--target", "target_year": "--target-year",
	"min_length_m": "--min-length", "min_package_rp": "--min-package", "scope": "kewenangan kantor"}

// planProblemText words one of the planner's problems for the command line.
func planProblemText(p planner.InputProblem) string {
	flag := planFlagOf[p.Field]
	arg := func(i int) any {
		if i < len(p.Args) {
			return p.Args[i]
		}
		return ""
	}
	switch p.Field + " " + p.Code {
	case "from_year missing":
		return "--from belum diisi; tulis tahun pertama rencana, mis. `ruas plan --from 2027 --budget 25M`"
	case "budgets_rp missing":
		return "--budget belum diisi; tulis anggaran per tahun, mis. --budget 25M (25 miliar) atau --budget 20M,22M,24M,26M,28M"
	case "budgets_rp count":
		return fmt.Sprintf("--budget berisi %s nilai untuk rencana %v tahun; beri satu nilai untuk setiap tahun atau tepat %v nilai", p.Value, arg(0), arg(0))
	case "target_pct range":
		return fmt.Sprintf("--target %s harus persen kemantapan di atas 0 sampai 100", p.Value)
	case "target_year range":
		return fmt.Sprintf("--target-year %s harus dalam jangka rencana, %v–%v (--from dan --years)", p.Value, arg(0), arg(1))
	}
	switch p.Code {
	case planner.CodeRange:
		return fmt.Sprintf("%s %s harus %v–%v", flag, p.Value, arg(0), arg(1))
	case planner.CodeNegative:
		return fmt.Sprintf("%s: %s harus jumlah Rupiah 0 atau lebih", flag, p.Value)
	case planner.CodeUnknown:
		return fmt.Sprintf("%s %q tidak dikenal; pilih %v", flag, p.Value, arg(0))
	}
	return fmt.Sprintf("%s %s: %s", flag, p.Value, p.Code)
}

// parseBudgets reads a list of Rupiah amounts separated by ";" (as the
// web form takes them) or by commas. A comma inside an amount is its
// decimal comma ("2,5M", "1.250,5jt"), so with commas the list is split
// only where a comma follows a complete amount: after a multiplier, or
// before more digits than a fraction has.
func parseBudgets(flag, s string) ([]float64, error) {
	var out []float64
	for _, part := range splitAmounts(s) {
		v, err := parseRupiah(part)
		if err != nil {
			return nil, usageError{fmt.Sprintf("%s: %v", flag, err)}
		}
		out = append(out, v)
	}
	return out, nil
}

// splitAmounts splits "20M,2,5M,250jt" into "20M", "2,5M", "250jt". A
// comma joins the text after it to the amount before it when that amount
// has no multiplier yet and the text after is a fraction: one or two
// digits and a multiplier ("2,5M"), or up to three digits alone ("1,25",
// then refused as not whole Rupiah rather than read as two budgets).
func splitAmounts(s string) []string {
	if strings.Contains(s, ";") {
		return strings.Split(s, ";")
	}
	raw := strings.Split(s, ",")
	var out []string
	for i := 0; i < len(raw); i++ {
		p := strings.TrimSpace(raw[i])
		for i+1 < len(raw) && p != "" && !hasMultiplier(p) {
			next := strings.TrimSpace(raw[i+1])
			num, suf := cutSuffix(next)
			if !isDigits(num) || suf != "" && len(num) > 2 || suf == "" && len(num) > 3 {
				break
			}
			p += "," + next
			i++
		}
		out = append(out, p)
	}
	return out
}

func hasMultiplier(s string) bool { _, suf := cutSuffix(s); return suf != "" }

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// cutSuffix splits "2,5M" into "2,5" and "M" (suffixes: jt, juta, M, miliar).
func cutSuffix(s string) (num, suffix string) {
	for _, x := range []string{"miliar", "juta", "jt", "M"} {
		if strings.HasSuffix(s, x) {
			return strings.TrimSpace(strings.TrimSuffix(s, x)), x
		}
	}
	return s, ""
}

// parseRupiah reads one amount through the product's one reader
// (locale.ParseRupiah, the Indonesian way, as the web form in Indonesian
// reads it): whole Rupiah with or without thousands dots
// (25.000.000.000), or a number with "jt"/"juta" (× 1.000.000) or
// "M"/"miliar" (× 1.000.000.000), in which a comma or a dot not before
// three digits is the decimal mark (2,5M = 2.5M; 1.250jt = Rp
// 1.250.000.000). Negative amounts and exponents are refused.
func parseRupiah(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.TrimSpace(strings.TrimPrefix(s, "Rp")) == "" {
		return 0, errors.New("anggaran kosong; tulis mis. 25M atau 25000000000")
	}
	v, err := locale.ParseRupiah(s, locale.ID.Decimal())
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q bukan jumlah Rupiah; tulis bilangan bulat (25000000000 atau 25.000.000.000) atau dengan akhiran jt/M (250jt, 25M, 2,5M)", s)
	}
	return v, nil
}

// rerunPlan re-computes a stored plan from its stored inputs and says
// whether the result is identical.
func rerunPlan(ctx context.Context, e *env, f planFlags) error {
	if f.rerun < 0 {
		return usageError{fmt.Sprintf("--rerun %d tidak sah; tulis nomor rencana tersimpan (1, 2, …)", f.rerun)}
	}
	if _, err := os.Stat(f.db); !isPostgres(f.db) && errors.Is(err, iofs.ErrNotExist) {
		return fmt.Errorf("register %s tidak ada; sebut register yang menyimpan rencana dengan --db", redactDSN(f.db))
	}
	st, err := openRegister(ctx, f.db)
	if err != nil {
		return fmt.Errorf("register %s tidak dapat dibuka: %w", redactDSN(f.db), err)
	}
	defer st.Close()
	run, err := st.PlanRunByID(ctx, f.rerun)
	if errors.Is(err, roads.ErrNotFound) {
		return fmt.Errorf("rencana nomor %d tidak ada di %s; lihat nomor rencana di `ruas serve` atau di keluaran `ruas plan`", f.rerun, redactDSN(f.db))
	}
	if err != nil {
		return err
	}
	net, err := st.Network(ctx)
	if err != nil {
		return fmt.Errorf("register %s tidak dapat dibaca: %w", redactDSN(f.db), err)
	}
	if b, err := st.PlanBasisOf(ctx, run.ID); err == nil && b.VerifiedOnly {
		net = net.Verified() // the data the plan read
	}
	res, same, err := planner.Rerun(net, run.Inputs, run.Result)
	if err != nil {
		return fmt.Errorf("rencana nomor %d tidak dapat dihitung ulang: %w", f.rerun, err)
	}
	if f.json {
		if err := res.WriteJSON(e.stdout); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
	}
	switch {
	case same:
		fmt.Fprintf(e.stderr, "rencana nomor %d dihitung ulang dari masukannya: hasil identik (snapshot data %s)\n", f.rerun, run.SnapshotHash)
		return nil
	case net.Hash != run.SnapshotHash:
		return fmt.Errorf("rencana nomor %d berbeda bila dihitung ulang karena register berubah sejak rencana dibuat (snapshot %s, kini %s); susun rencana baru dengan `ruas plan`", f.rerun, run.SnapshotHash, net.Hash)
	default:
		return fmt.Errorf("rencana nomor %d berbeda bila dihitung ulang walaupun data sama (snapshot %s): laporkan sebagai cacat perangkat lunak", f.rerun, run.SnapshotHash)
	}
}

// numberFlag is a flag holding a number written the Indonesian way
// ("87,5", "1.250"), read by the product's one reader.
type numberFlag float64

func (n *numberFlag) String() string {
	if n == nil || *n == 0 {
		return ""
	}
	return locale.ID.Number(float64(*n), -1)
}

func (n *numberFlag) Set(s string) error {
	v, ok, err := locale.ID.ParseNumber(s)
	if err != nil || !ok {
		return fmt.Errorf("%q bukan angka; tulis mis. 85 atau 87,5", s)
	}
	*n = numberFlag(v)
	return nil
}
