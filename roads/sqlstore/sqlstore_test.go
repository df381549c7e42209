package sqlstore

import (
	"strings"
	"testing"
)

// TestDialectCheck: a dialect with a part unset is refused by name, so a
// new Dialect field cannot be forgotten by one engine unnoticed.
func TestDialectCheck(t *testing.T) {
	d := &Dialect{}
	err := d.check()
	if err == nil || !strings.Contains(err.Error(), "Stamp") {
		t.Fatalf("empty dialect: got %v, want Stamp named as unset", err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("NewRecords accepted an incomplete dialect")
		}
	}()
	NewRecords(d, nil, nil, nil)
}
