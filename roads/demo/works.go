package demo

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// NomenVersion is the nomenclature version of the demo's sub-kegiatan codes.
const NomenVersion = "2024"

// Unit prices, Rp: per m² for periodic and structural works, per km a year
// for routine care. City contract prices of East Java around 2024.
var unitPrice = map[roads.WorksType][2]float64{
	roads.Berkala:      {150_000, 250_000},
	roads.Rehabilitasi: {300_000, 450_000},
	roads.Rekonstruksi: {600_000, 900_000},
	roads.Rutin:        {12_000_000, 25_000_000},
}

// candidate is a ruas the office considers for works in a year.
type candidate struct {
	d          *road
	score      float64
	first, end int // unit range to treat
	works      roads.WorksType
}

// programme chooses the periodic and structural works of a year from the
// latest survey, worst first with some picks for other reasons, as an
// office with a fixed budget does. committed marks works contracted for a
// year not yet surveyed.
func (h *history) programme(year int, committed bool) []*roads.Works {
	var cands []candidate
	for _, d := range h.roads {
		if d.lastWorks > 0 && year-d.lastWorks < 3 {
			continue
		}
		var bad, rb, iri, total float64
		first, end := -1, -1
		for k, u := range d.units {
			l := u.to - u.from
			total += l
			iri += u.iri * l
			if c := d.class[k]; c == roads.RusakRingan || c == roads.RusakBerat {
				bad += l
				if c == roads.RusakBerat {
					rb += l
				}
				if first < 0 {
					first = k
				}
				end = k + 1
			}
		}
		bad, rb, iri = bad/total, rb/total, iri/total
		c := candidate{d: d, first: first, end: end}
		switch d.r.Surface {
		case roads.Aspal, roads.Lapen:
			switch {
			case rb >= 0.35:
				c.works = roads.Rekonstruksi
			case bad >= 0.25 || iri >= 7:
				c.works = roads.Berkala
			}
		case roads.Beton, roads.Paving:
			if rb >= 0.35 {
				c.works = roads.Rekonstruksi
			}
		}
		if c.works == "" {
			continue
		}
		if c.first < 0 {
			c.first, c.end = 0, len(d.units)
		}
		c.score = bad + 0.5*rb + 0.1*float64(len(roads.Fungsis)-1-fungsiRank(d.r.Fungsi))
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	nRek, nBer := 2+h.rng.IntN(3), 8+h.rng.IntN(5)
	if committed {
		nRek, nBer = 1+h.rng.IntN(2), 2+h.rng.IntN(2)
	}
	var out []*roads.Works
	seq := 0
	for len(cands) > 0 && (nRek > 0 || nBer > 0) {
		// Mostly the worst first; about one pick in four for other reasons.
		i := 0
		if h.rng.Float64() < 0.25 {
			i = h.rng.IntN(len(cands))
		}
		c := cands[i]
		cands = append(cands[:i], cands[i+1:]...)
		switch c.works {
		case roads.Rekonstruksi:
			if nRek == 0 {
				continue
			}
			nRek--
		default:
			if nBer == 0 {
				continue
			}
			nBer--
			if h.rng.Float64() < 0.2 {
				c.works = roads.Rehabilitasi
			}
		}
		seq++
		d := c.d
		d.lastWorks = year
		from, to := d.units[c.first].from, d.units[c.end-1].to
		qty := math.Round((to-from)*d.r.WidthM*100) / 100
		pr := unitPrice[c.works]
		cost := math.Round(qty*h.uniform(pr[0], pr[1])/1000) * 1000
		funding := "APBD"
		if h.rng.Float64() < 0.3 {
			funding = "DAK"
		}
		// Completion (PHO) between September and mid-December.
		date := time.Date(year, time.September, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, h.rng.IntN(105))
		out = append(out, &roads.Works{Ruas: d.r.Key, Date: date, Type: c.works, StaFromM: from, StaToM: to,
			Quantity: qty, Unit: "m2", CostRp: cost, Funding: funding, SubKegiatan: subKegiatan(c.works), NomenVersion: NomenVersion,
			ContractRef: fmt.Sprintf("DEMO/SPK/%03d/PUPR-BM/%d", seq, year), Committed: committed})
	}
	return out
}

// routine records a year's routine care of the ruas in the programme, one
// record per ruas at the year's end; while that day is still ahead of the
// demo's today, the care is committed (contracted, not yet done).
func (h *history) routine(year int) []*roads.Works {
	var out []*roads.Works
	pr := unitPrice[roads.Rutin]
	end := time.Date(year, time.December, 30, 0, 0, 0, 0, time.UTC)
	committed := h.cal.ahead(end)
	for _, d := range h.roads {
		if !d.rutin {
			continue
		}
		km := math.Round(d.r.LengthM) / 1000
		out = append(out, &roads.Works{Ruas: d.r.Key, Date: end, Type: roads.Rutin,
			StaFromM: 0, StaToM: d.r.LengthM, Quantity: km, Unit: "km", CostRp: math.Round(km*h.uniform(pr[0], pr[1])/1000) * 1000,
			Funding: "APBD", SubKegiatan: subKegiatan(roads.Rutin), NomenVersion: NomenVersion,
			ContractRef: fmt.Sprintf("DEMO/SWAKELOLA/PUPR-BM/%d", year), Committed: committed})
	}
	return out
}

func subKegiatan(w roads.WorksType) string {
	s, err := roads.Ref().SubKegiatanFor(NomenVersion, w)
	if err != nil {
		panic("demo: " + err.Error())
	}
	return s.Code
}
