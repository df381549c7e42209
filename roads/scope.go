package roads

import (
	"sort"
	"strings"
)

// A register may hold several offices (issue 13): a province and its
// kabupaten/kota, each keeping its own ruas. The office a record belongs
// to is decided by its ruas's region code; an account belongs to one
// office. Scope holds the rule of who may read and write what, so that
// every engine and every screen applies the same one.

// Scope is what one account may reach in a register of several offices.
// The zero Scope (and the scope of any account in a register of one
// office) reaches everything, as a register did before offices.
type Scope struct {
	// Office is the region code of the account's office; "" reaches
	// everything.
	Office string
	// Home is the register's own office (the one `ruas init` set): records
	// whose region lies under no other office belong to it.
	Home string
	// Others are the region codes of the register's other offices.
	Others []string
}

// NewScope is the scope of an account of office account ("" for the
// register's own office) in a register whose own office is home and whose
// other offices are others. With no other office the scope reaches
// everything.
func NewScope(home string, others []string, account string) Scope {
	if len(others) == 0 {
		return Scope{}
	}
	if account == "" {
		account = home
	}
	o := append([]string(nil), others...)
	sort.Strings(o)
	return Scope{Office: account, Home: home, Others: o}
}

// All reports whether the scope reaches every record.
func (s Scope) All() bool { return s.Office == "" }

// regionCovers reports whether region lies within office: the same code,
// or one under it (35 covers 35.73 and 35.73.01; 35.7 covers nothing of 35.73).
func regionCovers(office, region string) bool {
	return office != "" && (region == office || strings.HasPrefix(region, office+"."))
}

// OwnerOf is the office a record of a ruas with this region code belongs
// to: the most specific of the register's other offices covering it, else
// the register's own office.
func (s Scope) OwnerOf(region string) string {
	best := ""
	for _, o := range s.Others {
		if regionCovers(o, region) && len(o) > len(best) {
			best = o
		}
	}
	if best == "" {
		return s.Home
	}
	return best
}

// Reads reports whether the account may read the records (drafts
// included) of a ruas with this region code: those of its own office and
// of every office under it (a province reads its kabupaten and kota).
func (s Scope) Reads(region string) bool {
	if s.All() {
		return true
	}
	owner := s.OwnerOf(region)
	return owner == s.Office || regionCovers(s.Office, owner)
}

// Writes reports whether the account may create, edit, verify or import
// records of a ruas with this region code: only its own office's. A
// province reads its kota's records but does not write them; each office
// answers for its own data.
func (s Scope) Writes(region string) bool {
	return s.All() || s.OwnerOf(region) == s.Office
}

// ReadsOffice reports whether the account reads everything of the office
// with this region code (its own, or one under it).
func (s Scope) ReadsOffice(office string) bool {
	return s.All() || office == s.Office || regionCovers(s.Office, office)
}

// Within returns the part of the network the scope reads: its ruas and
// their surveys, works and traffic. A scope reaching everything returns n
// itself.
func (n *Network) Within(s Scope) *Network {
	if s.All() {
		return n
	}
	return n.keep(s.Reads)
}

// WritableBy returns the part of the network the scope writes: what its
// walidata may verify and its produsen edit. A scope reaching everything
// returns n itself.
func (n *Network) WritableBy(s Scope) *Network {
	if s.All() {
		return n
	}
	return n.keep(s.Writes)
}

// keep is the network of the ruas whose region code passes.
func (n *Network) keep(pass func(region string) bool) *Network {
	v := &Network{Surveys: map[int64][]*Survey{}, Works: map[int64][]*Works{}, Traffic: map[int64][]*Traffic{},
		Hash: n.Hash, ReadAt: n.ReadAt, VerifiedOnly: n.VerifiedOnly, Office: n.Office}
	for _, r := range n.Ruas {
		if !pass(r.Key.Region) {
			continue
		}
		v.Ruas = append(v.Ruas, r)
		if x, ok := n.Surveys[r.ID]; ok {
			v.Surveys[r.ID] = x
		}
		if x, ok := n.Works[r.ID]; ok {
			v.Works[r.ID] = x
		}
		if x, ok := n.Traffic[r.ID]; ok {
			v.Traffic[r.ID] = x
		}
	}
	return v
}

// ReadableOffices are the offices whose records the scope reads: the
// register's other offices it reads, and whether it reads the register's
// own office (whose records are those under no other office). Stores
// turn them into a region condition on list queries.
func (s Scope) ReadableOffices() (others []string, home bool) {
	for _, o := range s.Others {
		if s.ReadsOffice(o) {
			others = append(others, o)
		}
	}
	return others, s.ReadsOffice(s.Home)
}
