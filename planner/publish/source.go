package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
)

// ErrStale marks an export refused because the register changed after the
// plan ran; errors wrap it with both hashes and the two ways out.
var ErrStale = errors.New("data berubah setelah rencana dibuat")

// StaleMark is the banner every file of a stale export carries.
const StaleMark = "DATA BERUBAH SETELAH RENCANA DIBUAT"

// Generator names the program in document metadata; it carries no version
// or date so that files stay byte-identical across builds.
const Generator = "ruas (github.com/kotablitar/ruas)"

// Source is what every export is made from: one stored plan run, its
// decoded result, and the register as the caller read it.
type Source struct {
	RunID     int64
	CreatedAt time.Time // when the plan ran: the date of every document
	CreatedBy string
	// SnapshotHash is the hash of the register the plan read.
	SnapshotHash string
	// CurrentHash is the hash of Net; it differs from SnapshotHash when the
	// register was edited after the plan ran (then Stale is true).
	CurrentHash string
	Stale       bool
	// Demo is set when the register is the synthetic demo network, which
	// every file must call synthetic.
	Demo   bool
	Result *planner.Result
	Net    *roads.Network
	Org    Org
	// PlanPending is how many unverified records the plan's computation
	// read (roads.PlanBasis.Pending; -1 = not recorded). Exports read the
	// verified network (Net.Verified()), so this is what can still make
	// their figures a draft: the plan years rest on the plan.
	PlanPending int

	byKey map[string]*roads.Ruas
	// decoded, when not nil, are the only plan years LoadYears decoded.
	decoded map[int]bool
}

// Org is who publishes: the region and the office (OPD) that produces the
// data, from the register's office settings (roads.Office).
type Org struct {
	Kodepemda string       // SIPD code: the Kemendagri code without dots
	Region    string       // Kemendagri code
	Pemda     string       // "Kota …", "Kabupaten …", "Provinsi …"
	OPD       string       // producing office, full name
	OPDShort  string       // the same with PUPR shortened
	OPDCode   string       // SIPD kode unit, when the office gave one
	Authority roads.Status // the road status the office maintains (kewenangan)
}

// Jalan is "jalan kota", "jalan kabupaten", … : the roads the figures cover.
func (o Org) Jalan() string { return "jalan " + string(o.Authority) }

// OrgOf is the publisher named by the register's office settings; zero
// when the register has no office (Load refuses such a register).
func OrgOf(net *roads.Network) Org {
	if net == nil || !net.Office.IsSet() {
		return Org{}
	}
	o := net.Office
	return Org{Kodepemda: o.Kodepemda(), Region: o.Region, Pemda: o.Pemda(), OPD: o.OPD, OPDShort: o.OPDShort(),
		OPDCode: o.OPDCode, Authority: o.Authority}
}

// ErrNoOffice marks an export refused because the register does not say
// whose it is: every file names the pemda and the OPD.
// It is a roads.ErrNotFound (the office is not there).
var ErrNoOffice error = noOffice{}

type noOffice struct{}

func (noOffice) Error() string        { return "register belum punya kantor" }
func (noOffice) Is(target error) bool { return target == roads.ErrNotFound }

// Load decodes a stored plan run and pairs it with the register. When the
// register's hash differs from the one the plan read, Load returns an
// error wrapping ErrStale unless allowStale is set; then the Source is
// marked Stale and every file carries StaleMark.
func Load(run *roads.PlanRun, net *roads.Network, allowStale bool) (*Source, error) {
	if run == nil || net == nil {
		return nil, fmt.Errorf("publish: a plan run and the register are both needed")
	}
	var res planner.Result
	if err := json.Unmarshal(run.Result, &res); err != nil {
		return nil, fmt.Errorf("rencana #%d: hasil yang tersimpan tidak dapat dibaca (%v); jalankan `ruas plan` lagi", run.ID, err)
	}
	return loadDecoded(run, &res, net, allowStale)
}

// loadDecoded is Load after the result is decoded.
func loadDecoded(run *roads.PlanRun, res *planner.Result, net *roads.Network, allowStale bool) (*Source, error) {
	if !net.Office.IsSet() {
		return nil, fmt.Errorf("%w: ekspor menyebut pemda dan OPD; atur dulu dengan `ruas init --region KODE` (atau halaman admin Kantor)", ErrNoOffice)
	}
	if len(res.Plan) == 0 {
		return nil, fmt.Errorf("rencana #%d tidak memuat tahun rencana; jalankan `ruas plan` lagi dengan --years minimal 1", run.ID)
	}
	hash := run.SnapshotHash
	if hash == "" {
		hash = res.SnapshotHash
	}
	s := &Source{
		RunID: run.ID, CreatedAt: run.CreatedAt.UTC(), CreatedBy: run.CreatedBy,
		SnapshotHash: hash, CurrentHash: net.Hash, Result: res, Net: net, Org: OrgOf(net),
		byKey: make(map[string]*roads.Ruas, len(net.Ruas)),
	}
	for _, r := range net.Ruas {
		s.byKey[r.Key.String()] = r
		s.Demo = s.Demo || demo.IsDemo(r)
	}
	if hash != net.Hash {
		s.Stale = true
		if !allowStale {
			return nil, fmt.Errorf("%w: rencana #%d dibuat dari snapshot data %s, tetapi register kini %s; jalankan `ruas plan` lagi untuk data terbaru, atau tambahkan --allow-stale untuk mengekspor rencana lama bertanda %q",
				ErrStale, run.ID, hash, net.Hash, StaleMark)
		}
	}
	return s, nil
}

// Ruas returns the register's ruas for a key written as REGION/NO, or nil
// when the register no longer holds it (possible only in a stale export).
func (s *Source) Ruas(key string) *roads.Ruas { return s.byKey[key] }

// FromYear is the first plan year and LastYear the last.
func (s *Source) FromYear() int { return s.Result.Input.FromYear }

// LastYear is the last year of the plan horizon.
func (s *Source) LastYear() int { return s.Result.Plan[len(s.Result.Plan)-1].Year }

// BaselineYear is the data year of the plan's starting condition: the
// year before the first plan year, whose end is the plan's start. The
// chart's first point and the realisasi figures of the plan carry it.
func (s *Source) BaselineYear() int { return s.FromYear() - 1 }

// baselineSurveyYear is the last year whose surveys the plan's baseline
// counts (the planner reads surveys up to Result.Baseline.Year, which may
// include early surveys of the first plan year).
func (s *Source) baselineSurveyYear() int {
	if y := s.Result.Baseline.Year; y != 0 {
		return y
	}
	return s.BaselineYear()
}

// PlanYear returns the plan's result for a year, or an error naming the
// years the plan covers.
func (s *Source) PlanYear(year int) (*planner.YearResult, error) {
	for i := range s.Result.Plan {
		if s.Result.Plan[i].Year == year {
			if s.decoded != nil && !s.decoded[year] {
				return nil, fmt.Errorf("rencana #%d: tahun %d tidak dibaca untuk ekspor ini", s.RunID, year)
			}
			return &s.Result.Plan[i], nil
		}
	}
	return nil, fmt.Errorf("rencana #%d mencakup %d–%d, bukan %d; pilih tahun dalam rentang itu atau jalankan `ruas plan --from %d`",
		s.RunID, s.FromYear(), s.LastYear(), year, year)
}

// Condition returns a ruas's condition at the plan's baseline: its latest
// survey as the plan's baseline counted it.
func (s *Source) Condition(r *roads.Ruas) roads.Condition {
	return roads.ConditionOf(planner.LatestUpTo(s.Net.Surveys[r.ID], s.baselineSurveyYear()))
}

// Identity is the line every file carries: plan id, snapshot hash and, for
// a stale export, the mark.
func (s *Source) Identity() string {
	id := fmt.Sprintf("Rencana #%d, snapshot data %s", s.RunID, s.SnapshotHash)
	if s.Stale {
		id += " — " + StaleMark + " (register kini " + s.CurrentHash + ")"
	}
	return id
}

// SyntheticMark is added to the data status of demo data.
const SyntheticMark = "DATA SINTETIS (demo), bukan data resmi"

// DataStatus is the short status of the data for every file: "sesuai
// rencana" or the stale mark, and the synthetic mark for demo data.
func (s *Source) DataStatus() string {
	st := "sesuai rencana"
	if s.Stale {
		st = StaleMark
	}
	if s.Demo {
		st += "; " + SyntheticMark
	}
	return st
}

// Pending counts the register records the plan read that a walidata has
// not verified (ruas, surveys, works, traffic). Exported figures are
// drafts until it is zero.
func (s *Source) Pending() int {
	n := max(s.PlanPending, 0)
	for _, r := range s.Net.Ruas {
		if r.Verif.State != roads.Verified {
			n++
		}
		for _, v := range s.Net.Surveys[r.ID] {
			if v.Verif.State != roads.Verified {
				n++
			}
		}
		for _, w := range s.Net.Works[r.ID] {
			if w.Verif.State != roads.Verified {
				n++
			}
		}
		for _, t := range s.Net.Traffic[r.ID] {
			if t.Verif.State != roads.Verified {
				n++
			}
		}
	}
	return n
}

// Verifikasi is the e-Walidata verification status of the exported
// figures: verified only when every record they rest on is.
func (s *Source) Verifikasi() string {
	if s.Pending() == 0 && s.PlanPending >= 0 && len(s.Net.Ruas) > 0 {
		return VerifikasiSudah
	}
	return VerifikasiBelum
}

// VerifikasiCatatan explains the status in one Indonesian sentence.
func (s *Source) VerifikasiCatatan() string {
	if s.PlanPending < 0 {
		return "Draf: rencana ini tidak mencatat apakah datanya telah diverifikasi Walidata; susun ulang rencana dengan data terverifikasi saja (ruas plan --verified-only) sebelum data dipublikasikan."
	}
	if s.PlanPending > 0 && s.Net.VerifiedOnly {
		return fmt.Sprintf("Draf: angka tahun rencana dihitung dari data yang memuat %d catatan belum diverifikasi Walidata (angka realisasi dari data terverifikasi saja); susun ulang rencana dengan data terverifikasi saja sebelum data dipublikasikan.", s.PlanPending)
	}
	if n := s.Pending(); n > 0 || len(s.Net.Ruas) == 0 {
		return fmt.Sprintf("Draf: %d catatan register (ruas, survei, penanganan, lalu lintas) belum diverifikasi Walidata; verifikasi di aplikasi ini lalu di SIPD e-Walidata sebelum data dipublikasikan.", n)
	}
	return "Seluruh catatan register yang mendasari angka ini telah diverifikasi Walidata di aplikasi ini; status di SIPD e-Walidata tetap ditetapkan Walidata."
}
