package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/kotablitar/ruas/planner"
)

// planHand holds the plan flags of the package rules and the planner's
// hand: --min-length, --min-package and --forced FILE.
type planHand struct {
	minLength  float64
	minPackage string
	forced     string
}

func (h *planHand) register(fs *flag.FlagSet) {
	fs.Float64Var(&h.minLength, "min-length", planner.DefaultMinLengthM, "panjang minimum satu paket pekerjaan dalam meter, `M` (kecuali seluruh ruas lebih pendek)")
	fs.StringVar(&h.minPackage, "min-package", "50jt", "nilai minimum satu paket pekerjaan, `RP` (50jt, 100jt)")
	fs.StringVar(&h.forced, "forced", "", "berkas JSON `FILE` berisi pekerjaan wajib (\"forced\": Musrenbang, pokir, kontrak) dan pengecualian (\"exclusions\"), masing-masing dengan alasan")
}

// handFile is the --forced file.
type handFile struct {
	Forced     []planner.Forced    `json:"forced"`
	Exclusions []planner.Exclusion `json:"exclusions"`
}

func (h *planHand) apply(in *planner.Input) error {
	if !(h.minLength > 0) {
		return usageError{fmt.Sprintf("--min-length %g harus lebih dari 0 meter, mis. --min-length 100", h.minLength)}
	}
	in.MinLengthM = h.minLength
	v, err := parseRupiah(h.minPackage)
	if err != nil || !(v > 0) {
		return usageError{fmt.Sprintf("--min-package %q: tulis nilai Rupiah di atas 0, mis. --min-package 50jt", h.minPackage)}
	}
	in.MinPackageRp = v
	if h.forced == "" {
		return nil
	}
	b, err := os.ReadFile(h.forced)
	if err != nil {
		return usageError{fmt.Sprintf("--forced: berkas %s tidak dapat dibaca: %v", h.forced, err)}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f handFile
	if err := dec.Decode(&f); err != nil {
		return usageError{fmt.Sprintf("--forced: %s bukan JSON yang dikenal (%v); contoh: {\"forced\": [{\"ruas\": \"…/001\", \"year\": 2027, \"treatment\": \"berkala\", \"kind\": \"musrenbang\", \"reason\": \"…\"}], \"exclusions\": [{\"ruas\": \"…/002\", \"reason\": \"…\"}]}", h.forced, err)}
	}
	in.Forced, in.Exclusions = f.Forced, f.Exclusions
	return nil
}
