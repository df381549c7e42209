package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

func init() {
	exportKinds["sipd"] = command{summary: "usulan sub kegiatan satu tahun rencana untuk SIPD (XLSX atau CSV)", run: runExportSIPD}
}

const exportSIPDHelp = `
Menulis usulan Renja/RKPD satu tahun anggaran dari rencana: satu baris per
paket pekerjaan modal (ruas dan STA awal–akhir), pemeliharaan rutin satu
baris per kecamatan, dan baris perencanaan teknis dan pengawasan sebagai
persentase pagu fisik. Setiap baris memuat kode sub kegiatan yang berlaku
pada tahun anggaran itu (data/ref/sub_kegiatan.csv, dengan keputusannya),
lokasi (kecamatan dan kelurahan dengan kodenya), indikator keluaran dan
target, pagu, sumber dana dari daftar SIPD (data/ref/sumber_dana.csv),
prakiraan maju n+1 dan kode OPD. Rencana sudah dihitung pada harga tahun
anggaran (harga satuan dinaikkan menurut setelan usulan
data/rules/usulan_*.json) dengan perencanaan teknis dan pengawasan di dalam
pagunya, jadi usulan hanya membulatkan pagu setiap baris ke bawah dan
jumlahnya tidak melebihi anggaran rencana; rencana lama (sebelum itu)
dinaikkan harganya di sini dan dibulatkan ke atas. Versi setelan tercatat
di berkas.

XLSX disusun seperti formulir SIPD (blok kepala, satu blok per sub kegiatan
dengan jumlah, rincian dari belanja rencana ke jumlah usulan, lembar rekap).
CSV bawaan untuk Excel berbahasa Indonesia: pemisah ";" dan koma desimal;
--csv-machine menulis pemisah "," dan titik desimal untuk program lain.
Rencana yang dipakai: --plan (bawaan terbaru).`

func runExportSIPD(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "export sipd", "export sipd [--plan ID] --plan-year YEAR [--sumber-dana KODE] [--csv-machine] --out F.xlsx|F.csv", exportSIPDHelp)
	po := addPlanFlags(fs)
	year := fs.Int("plan-year", 0, "tahun rencana (tahun anggaran) yang diusulkan, `YEAR`")
	nomen := fs.String("nomenklatur", "", "paksa versi daftar kode sub kegiatan (2024 atau 2027); bawaan: kode yang berlaku pada tahun anggaran")
	funds := fs.String("sumber-dana", "", "sumber dana pekerjaan yang belum berkontrak, kode daftar SIPD (PAD, DAU, DAK, DBH, BANKEU_PROV, …); bawaan: setelan usulan")
	machine := fs.Bool("csv-machine", false, "CSV untuk program: pemisah \",\" dan titik desimal (bawaan: \";\" dan koma desimal untuk Excel)")
	out := fs.String("out", "", "berkas keluaran `F.xlsx|F.csv`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *year == 0 {
		return usageError{"--plan-year belum diisi; tulis mis. `ruas export sipd --plan-year 2027 --out usulan.xlsx`"}
	}
	if *nomen != "" && *nomen != "2024" && *nomen != "2027" {
		return usageError{fmt.Sprintf("--nomenklatur %q harus 2024 atau 2027 (atau kosong: kode menurut tahun anggaran)", *nomen)}
	}
	if *funds != "" {
		list, err := publish.FundSources()
		if err != nil {
			return err
		}
		ok := false
		var codes []string
		for _, f := range list {
			ok = ok || strings.EqualFold(f.Code, *funds) || strings.EqualFold(f.Name, *funds)
			codes = append(codes, f.Code)
		}
		if !ok {
			return usageError{fmt.Sprintf("--sumber-dana %q tidak ada di daftar SIPD; pakai salah satu: %s", *funds, strings.Join(codes, ", "))}
		}
	}
	ext, err := outExt(*out, "sipd --plan-year 2027 --out usulan.xlsx", ".xlsx", ".csv")
	if err != nil {
		return err
	}
	if *machine && ext != ".csv" {
		return usageError{"--csv-machine hanya untuk --out berakhiran .csv"}
	}
	src, err := openPlan(ctx, e, *db, po, *year, *year+1) // the usulan reads its year and the next
	if err != nil {
		return err
	}
	u, err := publish.SIPD(src, *year, *nomen, *funds)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	switch {
	case ext == ".csv" && *machine:
		err = u.WriteCSVMachine(&b)
	case ext == ".csv":
		err = u.WriteCSV(&b)
	default:
		err = u.WriteXLSX(&b)
	}
	if err != nil {
		return err
	}
	if err := writeOut(*out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s ditulis: usulan TA %d, %d sub kegiatan, %d paket, %d baris rutin, %d baris pendamping, %s km, Rp %s (rencana #%d, snapshot %s)\n",
		*out, u.Year, len(u.Groups), u.Packages, u.RoutineRows, u.CompanionRows, publish.Number(u.Km, 3), publish.Number(u.Rp, 0), src.RunID, src.SnapshotHash)
	for _, l := range u.Reconciliation() {
		fmt.Fprintf(e.stdout, "  %s: Rp %s\n", l.Label, publish.Number(l.Rp, 0))
	}
	return nil
}

// planOpts are the flags every plan export shares.
type planOpts struct {
	id         *int64
	allowStale *bool
}

func addPlanFlags(fs *flag.FlagSet) planOpts {
	return planOpts{
		id:         fs.Int64("plan", 0, "nomor rencana tersimpan (`ID`); 0 = rencana terbaru"),
		allowStale: fs.Bool("allow-stale", false, "tetap ekspor bila register diubah setelah rencana dibuat (berkas ditandai "+publish.StaleMark+")"),
	}
}

// openPlan reads the plan run and the register and pairs them, refusing a
// stale plan unless --allow-stale was given (then it warns on stderr).
// years, when given, are the only plan years the export reads: the others
// are not decoded (publish.LoadYears).
func openPlan(ctx context.Context, e *env, db string, po planOpts, years ...int) (*publish.Source, error) {
	if *po.id < 0 {
		return nil, usageError{fmt.Sprintf("--plan %d tidak sah; tulis nomor rencana (1, 2, …) atau 0 untuk yang terbaru", *po.id)}
	}
	if _, err := os.Stat(db); !isPostgres(db) && errors.Is(err, iofs.ErrNotExist) {
		return nil, fmt.Errorf("register %s tidak ada; isi data dan jalankan `ruas plan` dulu, atau sebut register lain dengan --db", redactDSN(db))
	}
	st, err := openRegister(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("register %s tidak dapat dibuka: %w", redactDSN(db), err)
	}
	defer st.Close()
	// An export that names its years (the SIPD usulan) decodes those years
	// only, before it reads the register, and from a stream where the store
	// gives one: it never holds the whole stored result.
	stream, streamOK := st.(interface {
		PlanRunStream(context.Context, int64) (*roads.PlanRun, io.ReadCloser, error)
	})
	var decoded *publish.Decoded
	var run *roads.PlanRun
	if len(years) > 0 && streamOK {
		var rc io.ReadCloser
		if run, rc, err = stream.PlanRunStream(ctx, *po.id); err == nil {
			decoded, err = publish.DecodeYearsFrom(run, rc, years...)
			rc.Close()
			if err != nil {
				return nil, err
			}
		}
	} else {
		run, err = st.PlanRunByID(ctx, *po.id)
	}
	if errors.Is(err, roads.ErrNotFound) {
		if *po.id == 0 {
			return nil, fmt.Errorf("register %s belum memiliki rencana; jalankan `ruas plan` dulu", redactDSN(db))
		}
		return nil, fmt.Errorf("rencana #%d tidak ada di %s; sebut nomor rencana yang tersimpan, atau --plan 0 untuk yang terbaru", *po.id, redactDSN(db))
	}
	if err != nil {
		return nil, fmt.Errorf("rencana tidak dapat dibaca dari %s: %w", db, err)
	}
	runID := run.ID
	// Such an export lets the stored result's bytes go before it reads the
	// register, and reads no survey and no geometry.
	lite, liteOK := st.(interface {
		NetworkNoSurveys(context.Context) (*roads.Network, error)
	})
	if len(years) > 0 && decoded == nil {
		if decoded, err = publish.DecodeYears(run, years...); err != nil {
			return nil, err
		}
		run = nil
	}
	var net *roads.Network
	if decoded != nil && liteOK {
		net, err = lite.NetworkNoSurveys(ctx)
	} else {
		net, err = st.Network(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("register %s tidak dapat dibaca: %w", db, err)
	}
	// Exports publish verified data only: the register as the walidata
	// verified it, and the plan's own basis says whether its years are a draft.
	basis, err := st.PlanBasisOf(ctx, runID)
	if err != nil {
		return nil, fmt.Errorf("rencana tidak dapat dibaca dari %s: %w", db, err)
	}
	var src *publish.Source
	if decoded != nil {
		src, err = decoded.Pair(net.Verified(), *po.allowStale)
	} else {
		src, err = publish.Load(run, net.Verified(), *po.allowStale)
	}
	if err != nil {
		return nil, err
	}
	src.PlanPending = basis.Pending
	if src.Stale {
		fmt.Fprintf(e.stderr, "peringatan: register diubah setelah rencana #%d dibuat (snapshot %s, kini %s); berkas ditandai %q\n",
			src.RunID, src.SnapshotHash, src.CurrentHash, publish.StaleMark)
	}
	return src, nil
}

func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("argumen %q tidak dikenal; berkas keluaran ditulis dengan --out", fs.Arg(0))}
	}
	return nil
}

// outExt checks --out and returns its lower-case extension, one of exts.
func outExt(out, example string, exts ...string) (string, error) {
	if out == "" {
		return "", usageError{fmt.Sprintf("--out belum diisi; tulis mis. `ruas export %s`", example)}
	}
	ext := strings.ToLower(filepath.Ext(out))
	for _, x := range exts {
		if ext == x {
			return ext, nil
		}
	}
	return "", usageError{fmt.Sprintf("--out %q harus berakhiran %s", out, strings.Join(exts, " atau "))}
}

// writeOut writes a file through a temporary file in the same directory,
// so a failed export never leaves a half-written file under the name.
func writeOut(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	return nil
}
