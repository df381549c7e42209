package web

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"sort"
	"sync"
	"time"
)

// importStash keeps uploaded files between a preview and its commit, so
// that "Simpan" writes exactly the files previewed without a second upload.
// Each preview's files live in their own temporary directory under a
// random id bound to the user who uploaded them. The stash is bounded:
// entries expire after stashTTL, and beyond stashEntries entries or
// stashBytes bytes the oldest are dropped.
type importStash struct {
	mu    sync.Mutex
	items map[string]*stashed
	now   func() time.Time
}

// stashed is one previewed upload.
type stashed struct {
	user  string
	dir   string   // owned by the stash; removed with the entry
	paths []string // the files, under their uploaded names
	opt   importOptions
	bytes int64
	at    time.Time
}

const (
	stashTTL     = 30 * time.Minute
	stashEntries = 16
	stashBytes   = 1 << 30
)

func newImportStash(now func() time.Time) *importStash {
	return &importStash{items: map[string]*stashed{}, now: now}
}

// put takes ownership of e.dir and returns the id naming it.
func (st *importStash) put(e *stashed) string {
	var b [16]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	st.mu.Lock()
	defer st.mu.Unlock()
	e.at = st.now()
	st.items[id] = e
	st.sweepLocked()
	return id
}

// get returns the entry id names, when it is user's and not expired.
func (st *importStash) get(id, user string) (*stashed, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sweepLocked()
	e, ok := st.items[id]
	if !ok || e.user != user {
		return nil, false
	}
	return e, true
}

// drop removes the entry and its files.
func (st *importStash) drop(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if e, ok := st.items[id]; ok {
		os.RemoveAll(e.dir)
		delete(st.items, id)
	}
}

// sweepLocked removes expired entries, then the oldest while over bounds.
func (st *importStash) sweepLocked() {
	now := st.now()
	var ids []string
	var total int64
	for id, e := range st.items {
		if now.Sub(e.at) > stashTTL {
			os.RemoveAll(e.dir)
			delete(st.items, id)
			continue
		}
		ids = append(ids, id)
		total += e.bytes
	}
	sort.Slice(ids, func(i, j int) bool { return st.items[ids[i]].at.Before(st.items[ids[j]].at) })
	for len(ids) > 0 && (len(ids) > stashEntries || total > stashBytes) {
		e := st.items[ids[0]]
		os.RemoveAll(e.dir)
		total -= e.bytes
		delete(st.items, ids[0])
		ids = ids[1:]
	}
}

// close removes every entry's files.
func (st *importStash) close() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for id, e := range st.items {
		os.RemoveAll(e.dir)
		delete(st.items, id)
	}
}
