package web

import (
	"context"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// snapshot is what the map and the dashboard precompute from the register:
// the latest condition of every ruas and the current summary. It is rebuilt
// when the register's data version moves (any commit, by this server or by
// another process), so a stale figure is never served after a change.
type snapshot struct {
	version int64
	epoch   int64 // the number of the build that made it (snapshots.started)
	network *roads.Network
	latest  map[int64]latestCondition
	entries map[int64]*mapEntry // every ruas, for the map
	summary Summary
	bound   orb.Bound // of every geometry; empty when none
	hasGeom bool
	// spanDeg is the widest longitude extent of any ruas (degrees), which
	// bounds the map's bbox index scan (sqlitestore.Store.RuasInBound).
	spanDeg float64

	mu    sync.Mutex
	years map[int]Summary // summaries of past years, computed on demand
	life  lifeTable       // the planner's section states, computed on demand
	pages sync.Map        // rendered pages that depend on the snapshot only, by key
}

// mapEntry is one ruas as the map serves it: the register row, its place
// in register order, and its GeoJSON properties encoded once per language.
type mapEntry struct {
	r     *roads.Ruas
	pos   int
	bound orb.Bound // of the geometry, when there is one
	lc    latestCondition
	props [2]atomic.Pointer[[]byte] // ID, EN
	// geom holds the GeoJSON geometry simplified for each zoom level, encoded on first use.
	geom [maxZoom + 1]atomic.Pointer[[]byte]
}

// maxZoom is the deepest web-map zoom level the map endpoint accepts.
const maxZoom = 22

// latestCondition is the current condition of one ruas, for the map.
type latestCondition struct {
	Kondisi roads.Kondisi
	Date    time.Time
	SDI     float64 // length-weighted mean; NaN if none
	IRI     float64 // m/km, length-weighted mean; NaN if none
}

// snapshots builds and hands out the current snapshot. Callers that find
// it stale share builds: a build that started after a call began reflects
// every commit made before the call, so all the callers waiting while one
// build runs are served by the next single build, not one build each
// (under a steady stream of writes, one build each queued every reader
// behind the others).
type snapshots struct {
	store Records
	watch Watch
	now   func() time.Time
	// verifiedOnly builds from the walidata's verified records only: the
	// public portal's view of the register.
	verifiedOnly bool

	// scoped holds the snapshots of the scopes of a register of several
	// offices (access_scope.go), by scope; the parent serves the scope
	// reaching everything.
	scoped map[string]*snapshots
	child  bool

	mu      sync.Mutex // guards cur, started, build and scoped
	cur     *snapshot
	started int64         // builds started so far; a snapshot's epoch is its build's number
	build   chan struct{} // closed when the build in progress ends; nil when none runs
}

// current returns a snapshot that reflects every commit made before the call.
func (s *snapshots) current(ctx context.Context) (*snapshot, error) {
	if sc := scopeOf(ctx); !sc.All() && !s.child {
		return s.of(sc).current(ctx)
	}
	v, err := s.watch.Version(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	// Any build that starts from here on reads the register after this call began.
	need := s.started + 1
	for {
		if cur := s.cur; cur != nil && (cur.version == v || cur.epoch >= need) {
			s.mu.Unlock()
			return cur, nil
		}
		if s.build == nil {
			s.started++
			epoch, done := s.started, make(chan struct{})
			s.build = done
			s.mu.Unlock()
			snap, err := s.load(ctx, epoch)
			s.mu.Lock()
			s.build = nil
			if err == nil && (s.cur == nil || snap.epoch > s.cur.epoch) {
				s.cur = snap
			}
			close(done)
			if err != nil {
				s.mu.Unlock()
				return nil, err
			}
			continue
		}
		wait := s.build
		s.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		s.mu.Lock()
	}
}

// of is the snapshots of one scope; they read the register through the
// request's context, which carries that scope.
func (s *snapshots) of(sc roads.Scope) *snapshots {
	key := sc.Office + "|" + sc.Home + "|" + strings.Join(sc.Others, ",")
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.scoped[key]; ok {
		return c
	}
	if s.scoped == nil {
		s.scoped = map[string]*snapshots{}
	}
	c := &snapshots{store: s.store, watch: s.watch, now: s.now, verifiedOnly: s.verifiedOnly, child: true}
	s.scoped[key] = c
	return c
}

// load reads the register and builds a snapshot. The data version is read
// first: a commit during the read moves it on, so the next call rebuilds.
func (s *snapshots) load(ctx context.Context, epoch int64) (*snapshot, error) {
	v, err := s.watch.Version(ctx)
	if err != nil {
		return nil, err
	}
	n, err := s.store.Network(ctx)
	if err != nil {
		return nil, err
	}
	if s.verifiedOnly {
		n = n.Verified()
	}
	snap := buildSnapshot(n, s.now())
	snap.version, snap.epoch = v, epoch
	return snap, nil
}

func buildSnapshot(n *roads.Network, now time.Time) *snapshot {
	snap := &snapshot{network: n, latest: make(map[int64]latestCondition, len(n.Ruas)), entries: make(map[int64]*mapEntry, len(n.Ruas)),
		years: map[int]Summary{}}
	for i, r := range n.Ruas {
		e := &mapEntry{r: r, pos: i}
		snap.entries[r.ID] = e
		if r.Geometry != nil {
			b := r.Geometry.Bound()
			e.bound = b
			snap.spanDeg = math.Max(snap.spanDeg, b.Max[0]-b.Min[0])
			if !snap.hasGeom {
				snap.bound, snap.hasGeom = r.Geometry.Bound(), true
			} else {
				snap.bound = snap.bound.Union(r.Geometry.Bound())
			}
		}
		latest := roads.LatestSurvey(n.Surveys[r.ID])
		if len(latest) == 0 {
			continue
		}
		c := roads.ConditionOf(latest)
		e.lc = latestCondition{Kondisi: c.Kondisi(), Date: c.Date, SDI: c.SDI, IRI: c.IRI}
		snap.latest[r.ID] = e.lc
	}
	snap.summary = summarize(n, now)
	return snap
}

// summaryOf returns the summary as of the end of a past year, or the
// current one when year is 0 or the current year.
func (snap *snapshot) summaryOf(year int) Summary {
	if year == 0 || year >= snap.summary.AsOf.Year() {
		return snap.summary
	}
	snap.mu.Lock()
	defer snap.mu.Unlock()
	if s, ok := snap.years[year]; ok {
		return s
	}
	s := summarize(snap.network, time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
	snap.years[year] = s
	return s
}
