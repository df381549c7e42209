package publish

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// The usulan's data tables: the sub-kegiatan code list by tahun anggaran
// (data/ref/sub_kegiatan.csv), the SIPD sumber dana list
// (data/ref/sumber_dana.csv) and the versioned usulan settings
// (data/rules/usulan_*.json: pagu rounding, default sumber dana, cost
// escalation and companion sub-kegiatan). An office changes them by editing
// the files; every usulan names the settings version it used.

// CodeRow is one sub-kegiatan code with the tahun anggaran it applies to.
type CodeRow struct {
	roads.SubKegiatan
	FromTA, ToTA int    // first and last TA; ToTA 0 = still in force
	Status       string // "verify" when the row is not confirmed against its decree
	Source       string // where the row comes from
}

// In reports whether the code applies to a tahun anggaran.
func (c CodeRow) In(ta int) bool { return ta >= c.FromTA && (c.ToTA == 0 || ta <= c.ToTA) }

// Verified is false when the table marks the row for verification.
func (c CodeRow) Verified() bool { return c.Status != "verify" }

// FundSource is one entry of the SIPD sumber dana list.
type FundSource struct {
	Code, Name, Note string
}

// Companion and UsulanSettings are the planner's (planner/costing.go):
// the planner counts escalation and companions into a plan's money, the
// usulan only words and rounds it.
type (
	Companion      = planner.Companion
	UsulanSettings = planner.UsulanSettings
)

const (
	subKegiatanFile = "ref/sub_kegiatan.csv"
	fundsFile       = "ref/sumber_dana.csv"
)

var (
	usulanOnce  sync.Once
	codeRows    []CodeRow
	fundSources []FundSource
	usulanErr   error
)

func loadUsulanTables() {
	usulanErr = func() error {
		recs, err := readRefCSV(subKegiatanFile)
		if err != nil {
			return err
		}
		for n, m := range recs {
			c := CodeRow{SubKegiatan: roads.SubKegiatan{Version: m["versi"], Code: m["kode"], Name: m["nama"], Works: m["works_type"],
				Indicator: m["indikator"], Unit: m["satuan"], Decree: m["keputusan"]}, Status: m["status"], Source: m["sumber"]}
			if c.FromTA, err = strconv.Atoi(m["ta_dari"]); err != nil {
				return fmt.Errorf("%s baris %d: ta_dari %q bukan tahun; tulis tahun anggaran pertama kode ini berlaku, mis. 2025", subKegiatanFile, n+2, m["ta_dari"])
			}
			if s := m["ta_sampai"]; s != "" {
				if c.ToTA, err = strconv.Atoi(s); err != nil || c.ToTA < c.FromTA {
					return fmt.Errorf("%s baris %d: ta_sampai %q harus tahun ≥ ta_dari, atau kosong bila masih berlaku", subKegiatanFile, n+2, s)
				}
			}
			codeRows = append(codeRows, c)
		}
		if recs, err = readRefCSV(fundsFile); err != nil {
			return err
		}
		for _, m := range recs {
			fundSources = append(fundSources, FundSource{Code: m["kode"], Name: m["nama"], Note: m["keterangan"]})
		}
		set, err := planner.UsulanTable("")
		if err != nil {
			return err
		}
		if _, err := fundOf(set.DefaultFunds); err != nil {
			return fmt.Errorf("usulan settings %s: default_funds: %w", set.Version, err)
		}
		return nil
	}()
}

func readRefCSV(name string) ([]map[string]string, error) {
	f, err := data.FS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = strings.TrimSpace(r[i])
		}
		out = append(out, m)
	}
	return out, nil
}

// CodesFor returns the sub-kegiatan codes that apply to a tahun anggaran.
func CodesFor(ta int) ([]CodeRow, error) {
	usulanOnce.Do(loadUsulanTables)
	if usulanErr != nil {
		return nil, usulanErr
	}
	var out []CodeRow
	for _, c := range codeRows {
		if c.In(ta) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s tidak memuat kode sub kegiatan untuk TA %d; tambahkan baris dengan ta_dari/ta_sampai yang mencakup tahun itu", subKegiatanFile, ta)
	}
	return out, nil
}

// FundSources returns the SIPD sumber dana list.
func FundSources() ([]FundSource, error) {
	usulanOnce.Do(loadUsulanTables)
	return fundSources, usulanErr
}

// Settings returns the newest usulan settings.
func Settings() (*UsulanSettings, error) {
	usulanOnce.Do(loadUsulanTables)
	if usulanErr != nil {
		return nil, usulanErr
	}
	return planner.UsulanTable("")
}

// settingsOf returns the usulan settings a plan was costed with (the
// newest for a plan made before the planner counted them).
func settingsOf(res *planner.Result) (*UsulanSettings, error) {
	usulanOnce.Do(loadUsulanTables)
	if usulanErr != nil {
		return nil, usulanErr
	}
	set, err := planner.UsulanTable(res.Input.Tables.Usulan)
	if err != nil {
		return nil, err
	}
	if _, err := fundOf(set.DefaultFunds); err != nil {
		return nil, fmt.Errorf("usulan settings %s: default_funds: %w", set.Version, err)
	}
	return set, nil
}

// fundOf finds a sumber dana by its code or name (case-insensitive).
func fundOf(s string) (FundSource, error) {
	var codes []string
	for _, f := range fundSources {
		if strings.EqualFold(f.Code, s) || strings.EqualFold(f.Name, s) {
			return f, nil
		}
		codes = append(codes, f.Code)
	}
	return FundSource{}, fmt.Errorf("sumber dana %q tidak ada di daftar SIPD (%s); pakai salah satu: %s", s, fundsFile, strings.Join(codes, ", "))
}

// codeOf is the sub-kegiatan of a works type in a tahun anggaran.
func codeOf(w roads.WorksType, ta int) (CodeRow, bool) {
	codes, err := CodesFor(ta)
	if err != nil {
		return CodeRow{}, false
	}
	for _, c := range codes {
		if c.Works == string(w) {
			return c, true
		}
	}
	return CodeRow{}, false
}
