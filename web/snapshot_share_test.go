package web

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// TestSnapshotBuildsShared: readers that find the snapshot stale while
// writes keep coming share builds — a build that started after a reader
// arrived serves it — instead of each queueing a build of its own behind
// the others; and every reader sees every write committed before it asked.
func TestSnapshotBuildsShared(t *testing.T) {
	a := newTestApp(t)
	rs := a.seed(t)
	ctx := context.Background()
	// Enough ruas that a build takes longer than a write: the case where
	// builds of one's own would queue.
	b := &roads.Batch{}
	for i := range 3000 {
		b.Ruas = append(b.Ruas, &roads.Ruas{Key: roads.Key{Region: "35.72", No: fmt.Sprintf("%04d", 1000+i)}, Name: "Jl. Isi", Surface: roads.Aspal, LengthM: 100,
			Geometry: orb.LineString{{112.15, -8.1}, {112.151, -8.1}}})
	}
	if _, err := b.Prepare(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.Apply(ctx, b, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.srv.snaps.current(ctx); err != nil {
		t.Fatal(err)
	}
	r := rs[2]
	var committed atomic.Int64 // the last name version written
	stop := make(chan struct{})
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		for n := int64(1); ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			r.Name = fmt.Sprintf("Jl. Anggrek %d", n)
			if err := a.store.UpdateRuas(ctx, r); err != nil {
				t.Error(err)
				return
			}
			committed.Store(n)
		}
	}()
	a.srv.snaps.mu.Lock()
	before := a.srv.snaps.started
	a.srv.snaps.mu.Unlock()
	const readers = 50
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			want := committed.Load()
			snap, err := a.srv.snaps.current(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			var got int64
			fmt.Sscanf(snap.entries[r.ID].r.Name, "Jl. Anggrek %d", &got)
			if got < want {
				t.Errorf("a reader saw version %d of the name after %d was committed", got, want)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(stop)
	<-writerDone
	a.srv.snaps.mu.Lock()
	builds := a.srv.snaps.started - before
	a.srv.snaps.mu.Unlock()
	if builds > readers/5 {
		t.Errorf("%d readers caused %d builds; shared builds should need a few", readers, builds)
	}
}
