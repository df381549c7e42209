package web

import (
	"os"
	"testing"
	"time"
)

// TestImportStashBounds: kept uploads are bound to their user, expire
// after stashTTL, and beyond stashEntries (or stashBytes) the oldest go;
// a dropped entry's files are removed from disk.
func TestImportStashBounds(t *testing.T) {
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	st := newImportStash(func() time.Time { return now })
	put := func(user string, size int64) (string, string) {
		dir := t.TempDir()
		now = now.Add(time.Second)
		return st.put(&stashed{user: user, dir: dir, bytes: size}), dir
	}
	first, firstDir := put("ani", 1)
	if _, ok := st.get(first, "budi"); ok {
		t.Error("another user took ani's upload")
	}
	if _, ok := st.get(first, "ani"); !ok {
		t.Fatal("ani's upload not kept")
	}
	for i := 0; i < stashEntries; i++ {
		put("ani", 1)
	}
	if _, ok := st.get(first, "ani"); ok {
		t.Errorf("%d entries kept, want at most %d", stashEntries+1, stashEntries)
	}
	if _, err := os.Stat(firstDir); !os.IsNotExist(err) {
		t.Errorf("the evicted entry's files remain: %v", err)
	}
	big, _ := put("ani", stashBytes)
	if _, ok := st.get(big, "ani"); !ok {
		t.Error("an entry at the byte bound was not kept")
	}
	if n := len(st.items); n != 1 {
		t.Errorf("%d entries beside one of stashBytes, want only it", n)
	}
	now = now.Add(stashTTL + time.Minute)
	if _, ok := st.get(big, "ani"); ok {
		t.Error("an entry outlived stashTTL")
	}
}
