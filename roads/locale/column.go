package locale

import (
	"fmt"
	"strconv"
	"strings"
)

// Column decides the decimal mark of one column of a file from all of its
// texts, so that "1.250" is read the way the rest of the column is
// written. Add every text cell (not cells a spreadsheet stores as numbers),
// then Decide.
//
// The rule, in order:
//  1. No cell is ambiguous (a lone separator before exactly three digits:
//     "1.250", "1,250"): nothing to decide; every cell reads as written.
//  2. Cells that say the comma is the decimal mark ("2.400,5",
//     "1.250.000", "1,25", "1250,5") and none that say the dot is: Comma
//     ("1.250" is 1250). The other way round ("6.5", "12.75",
//     "1,250,000", "1,250.5"): Dot ("1.250" is 1.25).
//  3. Neither, and the column holds whole numbers below 1000 written
//     without a separator ("980") and none of 1000 or more ("1250"): the
//     ambiguous separator groups thousands, since a writer of decimals
//     would not give "1.250" three decimals (one a trailing zero) and
//     "980" none. So "1.250" beside "980" is 1250, "1,250" beside "980"
//     is 1250 too.
//  4. Anything else (only "d.ddd" values, both "1.250" and "1,250", or
//     cells saying both marks): the column is refused with ErrAmbiguous,
//     and the user chooses the mark; it is never guessed.
type Column struct {
	commaSays, dotSays int // cells whose separators decide the mark
	ambDot, ambComma   int // cells a lone separator makes ambiguous
	small, large       int // whole numbers without separators: < 1000, ≥ 1000
	// samples keeps a few distinct texts of each kind, for the message.
	ambSamples, commaSamples, dotSamples []string
}

// Add counts one text cell of the column; blanks and non-numbers count
// for nothing.
func (c *Column) Add(s string) {
	n, ok, err := scan(s)
	if err != nil || !ok {
		return
	}
	t := strings.TrimSpace(s)
	switch n.shape {
	case shapePlain:
		if len(strings.TrimLeft(n.body, "0")) <= 3 {
			c.small++
		} else {
			c.large++
		}
	case shapeComma:
		c.commaSays++
		c.commaSamples = sample(c.commaSamples, t)
	case shapeDot:
		c.dotSays++
		c.dotSamples = sample(c.dotSamples, t)
	case shapeAmbDot:
		c.ambDot++
		c.ambSamples = sample(c.ambSamples, t)
	case shapeAmbComma:
		c.ambComma++
		c.ambSamples = sample(c.ambSamples, t)
	}
}

func sample(xs []string, s string) []string {
	if len(xs) >= 3 {
		return xs
	}
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// Decide returns the column's decimal mark: AnyDecimal when no cell needs
// one, Comma or Dot when the column decides it, or an *AmbiguousError.
func (c *Column) Decide() (Decimal, error) {
	if c.ambDot == 0 && c.ambComma == 0 {
		return AnyDecimal, nil
	}
	switch {
	case c.commaSays > 0 && c.dotSays == 0:
		return Comma, nil
	case c.dotSays > 0 && c.commaSays == 0:
		return Dot, nil
	case c.commaSays > 0 && c.dotSays > 0:
		return AnyDecimal, &AmbiguousError{Samples: c.ambSamples, CommaSays: c.commaSamples, DotSays: c.dotSamples}
	case c.small > 0 && c.large == 0 && c.ambComma == 0:
		return Comma, nil // "1.250" beside "980": the dot groups
	case c.small > 0 && c.large == 0 && c.ambDot == 0:
		return Dot, nil // "1,250" beside "980": the comma groups
	}
	return AnyDecimal, &AmbiguousError{Samples: c.ambSamples}
}

// AmbiguousError says which texts of a column could be read 1000 times
// apart, and, when the column says both, which cells say which mark.
type AmbiguousError struct {
	Samples            []string // the ambiguous texts ("1.250")
	CommaSays, DotSays []string // cells saying comma or dot (both set: a mixed column)
}

func (e *AmbiguousError) Error() string {
	q := func(xs []string) string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = fmt.Sprintf("%q", x)
		}
		return strings.Join(out, ", ")
	}
	s := "angka " + q(e.Samples) + " bisa dibaca dua cara"
	if len(e.Samples) > 0 {
		plain := func(d Decimal) string {
			v, _, _ := ParseNumber(e.Samples[0], d)
			return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
		}
		s += fmt.Sprintf(" (%q = %s cara Indonesia, titik ribuan dan koma desimal; atau %s cara Inggris, koma ribuan dan titik desimal)",
			e.Samples[0], plain(Comma), plain(Dot))
	}
	if len(e.CommaSays) > 0 && len(e.DotSays) > 0 {
		return s + ", dan kolom ini memuat kedua cara sekaligus (" + q(e.CommaSays) + " memakai koma desimal, " + q(e.DotSays) + " memakai titik desimal)"
	}
	return s + ", dan isi kolom lainnya tidak memastikannya"
}

// Is makes errors.Is(err, ErrAmbiguous) hold.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }
