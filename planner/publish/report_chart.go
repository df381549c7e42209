package publish

import (
	"fmt"
	"math"
	"strconv"
)

// seriesColour gives each chart line its colour: the plan first, then
// do-nothing, then the other scenarios.
var seriesColour = []rgb{{31, 78, 160}, {204, 0, 0}, {0, 150, 136}, {156, 39, 176}, {255, 152, 0}, {96, 125, 139}, {121, 85, 72}}

// chartRange returns the y-axis range (%) for the series: 100 at the top,
// the bottom a multiple of 10 at least 5 points under the lowest value.
func chartRange(series []Series) (lo, hi float64) {
	lo = 100
	for _, s := range series {
		for _, v := range s.Values {
			lo = math.Min(lo, v)
		}
	}
	lo = math.Min(90, math.Max(0, math.Floor((lo-5)/10)*10))
	return lo, 100
}

func (r *Report) drawChart(d *pdfDoc) {
	src := r.Src
	d.section(SecChart, "Kemantapan jaringan (% panjang Baik + Sedang) di akhir setiap tahun, sesudah penanganan tahun itu; titik pertama = kondisi awal.", false)
	x0, y0, w, h := pageMargin+14, tableTop+2, d.width()-18, 105.0
	lo, hi := chartRange(r.Series)
	years := r.Series[0].Years
	first, last := years[0], years[len(years)-1]
	span := float64(last - first)
	if span == 0 {
		span = 1
	}
	px := func(year int) float64 { return x0 + float64(year-first)/span*w }
	py := func(v float64) float64 { return y0 + h - (v-lo)/(hi-lo)*h }

	// Grid and axes.
	d.f.SetFont("Helvetica", "", 7)
	d.f.SetLineWidth(0.15)
	for v := lo; v <= hi+1e-9; v += 10 {
		d.f.SetDrawColor(210, 210, 210)
		d.f.Line(x0, py(v), x0+w, py(v))
		d.f.Text(x0-9, py(v)+1, strconv.Itoa(int(v))+" %")
	}
	for _, yr := range years {
		d.f.SetDrawColor(230, 230, 230)
		d.f.Line(px(yr), y0, px(yr), y0+h)
		d.f.Text(px(yr)-3.5, y0+h+4, strconv.Itoa(yr))
	}
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetLineWidth(0.3)
	d.f.Line(x0, y0, x0, y0+h)
	d.f.Line(x0, y0+h, x0+w, y0+h)

	// Target, when the plan searched for one.
	if t := src.Result.Input.Target; t != nil && t.Pct >= lo && t.Pct <= hi {
		d.f.SetDrawColor(90, 90, 90)
		d.f.SetDashPattern([]float64{1.5, 1}, 0)
		d.f.Line(x0, py(t.Pct), x0+w, py(t.Pct))
		d.f.SetDashPattern(nil, 0)
		d.f.Text(x0+1, py(t.Pct)-1, d.t(fmt.Sprintf("target %s %% (%d)", pct(t.Pct), t.Year)))
	}

	// Lines, the plan last so it is on top.
	order := make([]int, 0, len(r.Series))
	for i := len(r.Series) - 1; i >= 0; i-- {
		order = append(order, i)
	}
	for _, i := range order {
		s := r.Series[i]
		c := seriesColour[i%len(seriesColour)]
		d.f.SetDrawColor(c.r, c.g, c.b)
		d.f.SetFillColor(c.r, c.g, c.b)
		d.f.SetLineWidth(0.5)
		if s.Plan {
			d.f.SetLineWidth(0.9)
		}
		if i == 1 && !s.Plan {
			d.f.SetDashPattern([]float64{2, 1.2}, 0)
		}
		for j := 1; j < len(s.Values); j++ {
			d.f.Line(px(s.Years[j-1]), py(s.Values[j-1]), px(s.Years[j]), py(s.Values[j]))
		}
		d.f.SetDashPattern(nil, 0)
		for j := range s.Values {
			d.f.Circle(px(s.Years[j]), py(s.Values[j]), 0.8, "F")
		}
	}

	// Legend under the axis.
	d.f.SetXY(pageMargin, y0+h+8)
	d.f.SetFont("Helvetica", "", 8)
	for i, s := range r.Series {
		c := seriesColour[i%len(seriesColour)]
		y := d.f.GetY()
		d.f.SetFillColor(c.r, c.g, c.b)
		d.f.Rect(pageMargin, y+1.8, 8, 1.4, "F")
		d.f.SetX(pageMargin + 10)
		d.f.CellFormat(d.width()-10, 5, d.t(s.Name), "", 1, "L", false, 0, "")
	}
	d.f.Ln(3)

	// The same figures as a table.
	nameW := 52.0
	colW := math.Min(18, (d.width()-nameW)/float64(len(years)))
	cols := []column{{"Skenario", nameW, "L"}}
	for _, yr := range years {
		cols = append(cols, column{strconv.Itoa(yr), colW, "R"})
	}
	var rows []row
	for _, s := range r.Series {
		cells := []string{s.Name}
		for _, v := range s.Values {
			cells = append(cells, pct(v))
		}
		rows = append(rows, row{cells: cells, bold: s.Plan})
	}
	d.table(cols, rows)
}
