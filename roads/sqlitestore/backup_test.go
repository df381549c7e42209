package sqlitestore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestBackupDuringWrites takes a backup while writers are busy and checks
// that the copy passes the integrity check and holds every write
// acknowledged before the backup began.
func TestBackupDuringWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var acked atomic.Int64 // ruas numbers 1..acked are committed
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	fifty := make(chan struct{})
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			err := s.CreateRuas(ctx, sampleRuas(fmt.Sprintf("%04d", i)))
			if err == nil {
				acked.Store(int64(i))
				if i == 50 {
					close(fifty)
				}
			}
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	<-fifty
	before := acked.Load()
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()

	b, err := Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for i := int64(1); i <= before; i++ {
		if _, err := b.Ruas(ctx, roads.Key{Region: "35.72", No: fmt.Sprintf("%04d", i)}); err != nil {
			t.Fatalf("backup lacks ruas %d acknowledged before the backup began: %v", i, err)
		}
	}
	if err := s.Backup(ctx, backup); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("backup over an existing file: err = %v, want ErrConflict", err)
	}

	// Restore the backup over a fresh register and find the data.
	target := filepath.Join(dir, "restored.db")
	fresh, err := Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	fresh.CreateRuas(ctx, sampleRuas("only-in-old"))
	fresh.Close()
	if err := Restore(ctx, backup, target); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, _ := r.CountRuas(ctx, roads.RuasFilter{}); int64(n) < before {
		t.Errorf("restored register has %d ruas, want ≥ %d", n, before)
	}
	if _, err := r.Ruas(ctx, roads.Key{Region: "35.72", No: "only-in-old"}); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("restored register still has the replaced data: %v", err)
	}
	if err := CheckIntegrity(ctx, target+".before-restore"); err != nil {
		t.Errorf("old register not kept intact: %v", err)
	}
	r.Close() // a restore refuses while the register is open
	if err := Restore(ctx, filepath.Join(dir, "missing.db"), target); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("restore from a missing file: err = %v, want ErrNotFound", err)
	}
}
