package planner

// validPackage reports whether sections a..b with treatment j of cost c
// make a package under the rules.
func (e *engine) validPackage(a, b int, c float64) bool {
	var L float64
	for x := a; x <= b; x++ {
		L += float64(e.sec.lenKm[x]) * 1000
	}
	whole := int32(a) == e.chainFirst[a] && int32(b) == e.chainLast[b] && e.shortRuas[a]
	return (L >= e.minLen-0.01 || whole) && c >= e.minVal
}

// repairPackages turns a method's section choice into packages: runs of
// adjacent sections with one treatment are packages; a package too short
// or too cheap is extended into its untreated neighbours (where the
// treatment suits them, within the money left) or dropped, and the money
// freed goes to the method's next candidates that make a package. It
// returns what was dropped.
func (e *engine) repairPackages(st *state, y *yearCtx, budget float64) RepairLoss {
	ch := y.ch
	k := ch.k
	var loss RepairLoss
	left := budget
	for _, i := range y.order {
		left -= ch.cost[int(i)*k+int(ch.pick[i])]
	}
	free := func(i int) bool { return i >= 0 && i < ch.n && !y.busy[i] && ch.pick[i] < 0 }
	add := func(i, j int) (float64, bool) {
		if !free(i) {
			return 0, false
		}
		s := st.surf[i]
		if e.allowance(i, j, y.cls[i], s) == allowNone {
			return 0, false
		}
		x := i*k + j
		if ch.cost[x] == 0 {
			dn := e.curve(e.modelOf(st, i), st.iri[i], st.sdi[i], 1, e.sec.basis[i]&(basisIRI|basisSDI))
			ch.cost[x] = e.cost(j, i, s, y.year)
			ch.benefit[x] = e.benefit(st, i, j, dn)
		}
		return ch.cost[x], true
	}
	pkgCost := func(a, b, j int) float64 {
		var c float64
		for x := a; x <= b; x++ {
			c += ch.cost[x*k+j]
		}
		return c
	}
	changed := false
	for i := 0; i < ch.n; {
		if ch.pick[i] < 0 || y.busy[i] {
			i++
			continue
		}
		j := int(ch.pick[i])
		a, b := i, i
		for b+1 < ch.n && e.next[b] && ch.pick[b+1] == int8(j) && !y.busy[b+1] {
			b++
		}
		c := pkgCost(a, b, j)
		if !e.validPackage(a, b, c) {
			// A short piece next to a package of another treatment joins
			// it where that treatment suits every section of the piece.
			if nj, dc, ok := e.joinNeighbour(st, y, a, b, j, left); ok {
				for x := a; x <= b; x++ {
					ch.pick[x] = int8(nj)
					y.joined[x] = true
				}
				left -= dc
				changed = true
				// Re-check the merged package from its first section.
				for a > 0 && e.next[a-1] && ch.pick[a-1] == int8(nj) && !y.busy[a-1] {
					a--
				}
				i = a
				continue
			}
		}
		for !e.validPackage(a, b, c) {
			// Extend into the cheaper free neighbour that takes j.
			var cl, cr float64
			okL := a > 0 && e.next[a-1]
			okR := e.next[b]
			if okL {
				cl, okL = add(a-1, j)
			}
			if okR {
				cr, okR = add(b+1, j)
			}
			switch {
			case okL && (!okR || cl <= cr) && cl <= left:
				a--
				ch.pick[a] = int8(j)
				y.joined[a] = true
				y.score[a] = y.score[a+1]
				y.order = append(y.order, int32(a))
				left -= cl
				c += cl
				changed = true
				continue
			case okR && cr <= left:
				b++
				ch.pick[b] = int8(j)
				y.joined[b] = true
				y.score[b] = y.score[b-1]
				y.order = append(y.order, int32(b))
				left -= cr
				c += cr
				changed = true
				continue
			}
			break
		}
		if !e.validPackage(a, b, c) {
			for x := a; x <= b; x++ {
				loss.Sections++
				loss.Benefit += ch.benefit[x*k+j]
				loss.CostRp += ch.cost[x*k+j]
				ch.pick[x] = -1
			}
			left += c
			changed = true
		}
		i = b + 1
	}
	if !changed {
		return loss
	}
	// Offer the money freed to the method's other candidates, in its order.
	for _, sp := range y.spare {
		i, j := int(sp.sec), int(sp.j)
		if !free(i) {
			continue
		}
		c := ch.cost[i*k+j]
		if c > left || c <= 0 {
			continue
		}
		joins := i > 0 && e.next[i-1] && ch.pick[i-1] == sp.j || e.next[i] && i+1 < ch.n && ch.pick[i+1] == sp.j
		if !joins && !e.validPackage(i, i, c) {
			continue
		}
		ch.pick[i] = sp.j
		y.score[i] = sp.score
		left -= c
		y.order = append(y.order, int32(i))
	}
	order := y.order[:0]
	seen := make(map[int32]bool, len(y.order))
	for _, i := range y.order {
		if ch.pick[i] >= 0 && !seen[i] {
			seen[i] = true
			order = append(order, i)
		}
	}
	y.order = order
	sortByScore(y.order, y.score)
	return loss
}

// joinNeighbour finds, for the piece a..b (treatment j) too short to be
// a package, a funded neighbour of another treatment that every section
// of the piece may take; it fills their cost and benefit and returns the
// treatment and the change in cost (within left).
func (e *engine) joinNeighbour(st *state, y *yearCtx, a, b, j int, left float64) (int, float64, bool) {
	ch := y.ch
	k := ch.k
	var L float64
	for x := a; x <= b; x++ {
		L += float64(e.sec.lenKm[x]) * 1000
	}
	if L >= e.minLen {
		return 0, 0, false // long enough: too cheap, not too short
	}
	for _, n := range []int{a - 1, b + 1} {
		if n < 0 || n >= ch.n || (n < a && !e.next[n]) || (n > b && !e.next[b]) || ch.pick[n] < 0 || int(ch.pick[n]) == j || y.busy[n] {
			continue
		}
		nj := int(ch.pick[n])
		var dc float64
		ok := true
		for x := a; x <= b && ok; x++ {
			if e.allowance(x, nj, y.cls[x], st.surf[x]) == allowNone {
				ok = false
				break
			}
			xx := x*k + nj
			if ch.cost[xx] == 0 {
				dn := e.curve(e.modelOf(st, x), st.iri[x], st.sdi[x], 1, e.sec.basis[x]&(basisIRI|basisSDI))
				ch.cost[xx] = e.cost(nj, x, st.surf[x], y.year)
				ch.benefit[xx] = e.benefit(st, x, nj, dn)
			}
			dc += ch.cost[xx] - ch.cost[x*k+j]
		}
		if ok && dc <= left {
			return nj, dc, true
		}
	}
	return 0, 0, false
}

// spareCand is a candidate a score method could not fund.
type spareCand struct {
	sec   int32
	j     int8
	score float64
}
