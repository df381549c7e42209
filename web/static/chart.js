// ruasChart draws a line chart with uPlot from {x, series, labels, colors, y_label}.
window.ruasChart = function (el, d, time) {
  "use strict";
  var series = [{ label: d.x_label || "" }];
  d.labels.forEach(function (label, i) {
    series.push({ label: label, stroke: d.colors[i], width: 2, points: { show: true, size: 6 }, spanGaps: true });
  });
  var data = [d.x].concat(d.series);
  var opts = {
    width: Math.max(280, el.clientWidth - 10),
    height: 240,
    scales: { x: { time: !!time } },
    axes: [
      time ? {} : { values: function (u, vals) { return vals.map(function (v) { return Number.isInteger(v) ? String(v) : ""; }); } },
      { label: d.y_label }
    ],
    series: series
  };
  var plot = new uPlot(opts, data, el);
  window.addEventListener("resize", function () { plot.setSize({ width: Math.max(280, el.clientWidth - 10), height: 240 }); });
  el.setAttribute("data-drawn", "1");
};
