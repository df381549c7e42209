package roads

import (
	"fmt"
	"strings"
)

// Key identifies a ruas: the region that numbers it and its number within
// that region. For a kota the region is its Kemendagri code (Kota Semarang "33.74") and
// No the three-digit no_ruas set by decree ("001"). Files that carry no
// official number (village inventories) get a key built from their
// administrative names and road name; see the importer.
type Key struct {
	Region string
	No     string
}

// String writes the key as REGION/NO, the form used in files and URLs.
func (k Key) String() string { return k.Region + "/" + k.No }

// ParseKey reads a key written by Key.String. The region is everything
// before the first slash, so numbers may themselves contain slashes.
func ParseKey(s string) (Key, error) {
	region, no, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok || strings.TrimSpace(region) == "" || strings.TrimSpace(no) == "" {
		return Key{}, fmt.Errorf("%w: ruas key %q must be written REGION/NO, e.g. 33.74/001", ErrInvalid, s)
	}
	return Key{Region: strings.TrimSpace(region), No: strings.TrimSpace(no)}, nil
}
