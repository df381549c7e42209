package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// ErrStale marks an export refused because the register changed after the
// plan ran; errors wrap it with both hashes and the two ways out.
var ErrStale = errors.New("data changed after the plan ran")

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
	Result      *planner.Result
	Net         *roads.Network
	Org         Org

	byKey map[string]*roads.Ruas
}

// Org is who publishes: the region and the office (OPD) that produces the data.
type Org struct {
	Kodepemda string // SIPD code, e.g. 3572
	Region    string // Kemendagri code, e.g. 35.72
	Pemda     string // e.g. Kota Blitar
	OPD       string // producing office
	OPDShort  string // e.g. Dinas PUPR Kota Blitar
}

// OrgOf derives the publisher from the region of the register's ruas
// through the reference table (Kota Blitar for an empty register).
func OrgOf(net *roads.Network) Org {
	region := "35.72"
	if net != nil && len(net.Ruas) > 0 && net.Ruas[0].Key.Region != "" {
		region = net.Ruas[0].Key.Region
	}
	name := region
	if w, ok := roads.Ref().Place(region); ok {
		name = w.Name
	}
	return Org{
		Kodepemda: strings.ReplaceAll(region, ".", ""),
		Region:    region,
		Pemda:     name,
		OPD:       "Dinas Pekerjaan Umum dan Penataan Ruang " + name,
		OPDShort:  "Dinas PUPR " + name,
	}
}

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
		return nil, fmt.Errorf("plan run %d: stored result is not a plan result (%v); run `ruas plan` again", run.ID, err)
	}
	if len(res.Plan) == 0 {
		return nil, fmt.Errorf("plan run %d has no plan years; run `ruas plan` again with --years of at least 1", run.ID)
	}
	hash := run.SnapshotHash
	if hash == "" {
		hash = res.SnapshotHash
	}
	s := &Source{
		RunID: run.ID, CreatedAt: run.CreatedAt.UTC(), CreatedBy: run.CreatedBy,
		SnapshotHash: hash, CurrentHash: net.Hash, Result: &res, Net: net, Org: OrgOf(net),
		byKey: make(map[string]*roads.Ruas, len(net.Ruas)),
	}
	for _, r := range net.Ruas {
		s.byKey[r.Key.String()] = r
	}
	if hash != net.Hash {
		s.Stale = true
		if !allowStale {
			return nil, fmt.Errorf("%w: plan run %d was computed from data snapshot %s but the register is now at %s; run `ruas plan` again for current data, or pass --allow-stale to export the old plan marked %q",
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

// BaselineYear is the year whose surveys give the plan's starting condition.
func (s *Source) BaselineYear() int {
	if s.Result.Baseline.Year != 0 {
		return s.Result.Baseline.Year
	}
	return s.FromYear() - 1
}

// PlanYear returns the plan's result for a year, or an error naming the
// years the plan covers.
func (s *Source) PlanYear(year int) (*planner.YearResult, error) {
	for i := range s.Result.Plan {
		if s.Result.Plan[i].Year == year {
			return &s.Result.Plan[i], nil
		}
	}
	return nil, fmt.Errorf("plan run %d covers %d–%d, not %d; choose a year in that range or run `ruas plan --from %d`",
		s.RunID, s.FromYear(), s.LastYear(), year, year)
}

// Condition returns a ruas's condition at the plan's baseline: its latest
// survey in or before the baseline year, as the plan started from.
func (s *Source) Condition(r *roads.Ruas) roads.Condition {
	return roads.ConditionOf(planner.LatestUpTo(s.Net.Surveys[r.ID], s.BaselineYear()))
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

// DataStatus is the short status word of the data for machine-read files:
// "sesuai rencana" or the stale mark.
func (s *Source) DataStatus() string {
	if s.Stale {
		return StaleMark
	}
	return "sesuai rencana"
}

// Pending counts the register records the plan read that a walidata has
// not verified (ruas, surveys, works, traffic). Exported figures are
// drafts until it is zero.
func (s *Source) Pending() int {
	n := 0
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
	if s.Pending() == 0 && len(s.Net.Ruas) > 0 {
		return VerifikasiSudah
	}
	return VerifikasiBelum
}

// VerifikasiCatatan explains the status in one Indonesian sentence.
func (s *Source) VerifikasiCatatan() string {
	if n := s.Pending(); n > 0 || len(s.Net.Ruas) == 0 {
		return fmt.Sprintf("Draf: %d catatan register (ruas, survei, penanganan, lalu lintas) belum diverifikasi Walidata; verifikasi di aplikasi ini lalu di SIPD e-Walidata sebelum data dipublikasikan.", n)
	}
	return "Seluruh catatan register yang mendasari angka ini telah diverifikasi Walidata di aplikasi ini; status di SIPD e-Walidata tetap ditetapkan Walidata."
}
