package planner

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// The planner's hand: forced works (Musrenbang, pokir DPRD, already
// contracted) and exclusions, given as plan inputs with a reason each.
// Forced works are paid after routine care and before the method's
// choice, on the sections they overlap, whatever their class; excluded
// stretches are not offered to the method in their years. Both show in
// the result: forced works as Work rows flagged Forced with their reason,
// exclusions in the notes.

// forcedEvent is one resolved forced work: its sections and cost.
type forcedEvent struct {
	idx   int // in Input.Forced
	year  int
	treat int
	secs  []int32
	cost  []float64 // per section, Rp
}

// exclusionSet is one resolved exclusion.
type exclusionSet struct {
	idx              int
	fromYear, toYear int
	secs             []int32
}

// resolveHand checks Input.Forced and Input.Exclusions against the
// network and the catalogue and finds their sections.
func (e *engine) resolveHand() error {
	in := &e.in
	if len(in.Forced) == 0 && len(in.Exclusions) == 0 {
		return nil
	}
	if e.net == nil {
		return fmt.Errorf("%w: forced works and exclusions need a road register", ErrInvalid)
	}
	byKey := map[string]int32{}
	for ri, r := range e.net.Ruas {
		byKey[r.Key.String()] = int32(ri)
	}
	last := in.FromYear + in.Years - 1
	find := func(what string, n int, key string, from, to float64) ([]int32, []float64, error) {
		ri, ok := byKey[key]
		if !ok {
			return nil, nil, fmt.Errorf("%w: %s %d: ruas %q is not in the register; give the ruas number as in the register, e.g. 33.74/001", ErrInvalid, what, n+1, key)
		}
		r := e.net.Ruas[ri]
		if !inScope(in.Scope, r.Status) {
			return nil, nil, fmt.Errorf("%w: %s %d: ruas %s is jalan %s, outside the plan's authority (%v)", ErrInvalid, what, n+1, key, r.Status, in.Scope)
		}
		if to <= 0 {
			to = r.Length()
		}
		if from < 0 || to <= from {
			return nil, nil, fmt.Errorf("%w: %s %d: STA %g–%g m on ruas %s is not a stretch; give sta_from_m < sta_to_m", ErrInvalid, what, n+1, from, to, key)
		}
		var secs []int32
		var over []float64
		for i := 0; i < e.sec.n; i++ {
			if e.sec.ruas[i] != ri {
				continue
			}
			if o := math.Min(float64(e.sec.staTo[i]), to) - math.Max(float64(e.sec.staFrom[i]), from); o > 0.5 {
				secs = append(secs, int32(i))
				over = append(over, o)
			}
		}
		if len(secs) == 0 {
			return nil, nil, fmt.Errorf("%w: %s %d: ruas %s STA %s–%s has no surveyed section; survey it or correct the STA", ErrInvalid, what, n+1, key, roads.FormatSTA(from), roads.FormatSTA(to))
		}
		return secs, over, nil
	}
	for n, f := range in.Forced {
		if strings.TrimSpace(f.Reason) == "" {
			return fmt.Errorf("%w: forced work %d on %s has no reason; say why (e.g. usulan Musrenbang kelurahan …)", ErrInvalid, n+1, f.Ruas)
		}
		if !slices.Contains(ForcedKinds, f.Kind) {
			return fmt.Errorf("%w: forced work %d: kind %q must be one of %s", ErrInvalid, n+1, f.Kind, strings.Join(ForcedKinds, ", "))
		}
		if f.Year < in.FromYear || f.Year > last {
			return fmt.Errorf("%w: forced work %d: year %d is outside the plan %d–%d", ErrInvalid, n+1, f.Year, in.FromYear, last)
		}
		j, t := e.cat.treatment(f.Treatment)
		if t == nil {
			var codes []string
			for _, c := range e.cat.Treatments {
				codes = append(codes, c.Code)
			}
			return fmt.Errorf("%w: forced work %d: treatment %q is not in catalogue %s; use one of %s", ErrInvalid, n+1, f.Treatment, e.cat.Version, strings.Join(codes, ", "))
		}
		if e.tr[j].perKm {
			return fmt.Errorf("%w: forced work %d: %s is already funded every year for the whole mantap network; force a capital treatment", ErrInvalid, n+1, f.Treatment)
		}
		if !(f.CostRp >= 0) {
			return fmt.Errorf("%w: forced work %d: cost %g Rp must be ≥ 0", ErrInvalid, n+1, f.CostRp)
		}
		secs, over, err := find("forced work", n, f.Ruas, f.StaFromM, f.StaToM)
		if err != nil {
			return err
		}
		ev := forcedEvent{idx: n, year: f.Year, treat: j, secs: secs, cost: make([]float64, len(secs))}
		var total float64
		for _, o := range over {
			total += o
		}
		for x, i := range secs {
			if f.CostRp > 0 {
				ev.cost[x] = math.Round(f.CostRp * over[x] / total)
			} else {
				ev.cost[x] = e.cost(j, int(i), e.start.surf[i], f.Year)
			}
		}
		e.forced = append(e.forced, ev)
	}
	slices.SortStableFunc(e.forced, func(a, b forcedEvent) int { return a.year - b.year })
	for n, x := range in.Exclusions {
		if strings.TrimSpace(x.Reason) == "" {
			return fmt.Errorf("%w: exclusion %d on %s has no reason; say why (e.g. jalan akan dibongkar proyek drainase)", ErrInvalid, n+1, x.Ruas)
		}
		secs, _, err := find("exclusion", n, x.Ruas, x.StaFromM, x.StaToM)
		if err != nil {
			return err
		}
		from, to := x.FromYear, x.ToYear
		if from == 0 {
			from = in.FromYear
		}
		if to == 0 {
			to = 1 << 20
		}
		if to < from {
			return fmt.Errorf("%w: exclusion %d: to_year %d before from_year %d", ErrInvalid, n+1, to, from)
		}
		e.excl = append(e.excl, exclusionSet{idx: n, fromYear: from, toYear: to, secs: secs})
	}
	return nil
}

// handNotes describes the forced works and exclusions for Result.Notes.
func (e *engine) handNotes() []string {
	var out []string
	for _, f := range e.forced {
		in := e.in.Forced[f.idx]
		var cost float64
		for _, c := range f.cost {
			cost += c
		}
		out = append(out, fmt.Sprintf("Pekerjaan wajib (%s) %s %s tahun %d, %s: %s.", in.Kind, in.Treatment, in.Ruas, in.Year, FormatRp(cost), in.Reason))
	}
	for _, x := range e.excl {
		in := e.in.Exclusions[x.idx]
		var km float64
		for _, i := range x.secs {
			km += float64(e.sec.lenKm[i])
		}
		out = append(out, fmt.Sprintf("Dikecualikan: %s (%s km) %s.", in.Ruas, FormatID(km, 3), in.Reason))
	}
	return out
}
