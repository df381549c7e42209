// ruas map: Leaflet with ruas coloured by latest condition, fetched by
// bounding box from /api/v1/map on every move. No basemap unless the
// server was started with --tiles.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var b = JSON.parse(el.getAttribute("data-bound"));
  var labels = JSON.parse(el.getAttribute("data-labels"));
  var colors = JSON.parse(el.getAttribute("data-colors"));
  var surfaces = {};
  JSON.parse(el.getAttribute("data-surfaces")).forEach(function (c) { surfaces[c.code] = c.label; });
  // The server draws down to data-max-zoom; without a basemap Leaflet
  // would let the reader zoom on forever.
  var maxZoom = parseInt(el.getAttribute("data-max-zoom"), 10) || 22;
  var map = L.map(el, { preferCanvas: true, attributionControl: true, maxZoom: maxZoom });
  map.attributionControl.setPrefix(false);
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [10, 10] });
  var tiles = el.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, { maxZoom: maxZoom, maxNativeZoom: 19 }).addTo(map); }
  var layer = L.geoJSON(null, {
    style: function (f) { return { color: colors[f.properties.kondisi] || colors[""], weight: 4, opacity: 0.9 }; },
    onEachFeature: function (f, l) {
      var p = f.properties;
      var div = document.createElement("div");
      var h = document.createElement("b");
      h.textContent = p.key + " " + p.name;
      div.appendChild(h);
      var lines = [
        labels[p.kondisi] || labels[""],
        el.getAttribute("data-label-length") + ": " + p.length,
        el.getAttribute("data-label-surface") + ": " + (surfaces[p.surface] || p.surface),
        el.getAttribute("data-label-survey") + ": " + p.survey_date
      ];
      if (p.synthetic) { lines.push(el.getAttribute("data-synthetic")); }
      lines.forEach(function (t) { div.appendChild(document.createElement("br")); div.appendChild(document.createTextNode(t)); });
      var link = el.getAttribute("data-link");
      if (link) {
        div.appendChild(document.createElement("br"));
        var a = document.createElement("a");
        a.href = link + f.id;
        a.textContent = el.getAttribute("data-open");
        a.className = "popup-link";
        div.appendChild(a);
      }
      l.bindPopup(div);
    }
  }).addTo(map);
  var form = document.getElementById("map-filters");
  var status = document.getElementById("map-status");
  var seq = 0;
  function load() {
    var bb = map.getBounds();
    var q = new URLSearchParams();
    q.set("bbox", [bb.getWest(), bb.getSouth(), bb.getEast(), bb.getNorth()].map(function (v) { return v.toFixed(6); }).join(","));
    q.set("zoom", String(map.getZoom()));
    if (form) { new FormData(form).forEach(function (v, k) { if (v) { q.set(k, v); } }); }
    new URLSearchParams(el.getAttribute("data-query") || "").forEach(function (v, k) { q.set(k, v); });
    var mine = ++seq;
    fetch((el.getAttribute("data-api") || "/api/v1/map") + "?" + q.toString()).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (fc) {
      if (mine !== seq) { return; }
      layer.clearLayers();
      layer.addData(fc);
      if (status) status.textContent = fc.count + " " + el.getAttribute("data-count") + (fc.truncated ? " — " + el.getAttribute("data-zoomin") : "");
      el.setAttribute("data-loaded", String(fc.count));
    }).catch(function (err) {
      if (mine === seq && status) { status.textContent = String(err.message || err); }
    });
  }
  map.on("moveend", load);
  if (form) { form.addEventListener("change", load); }
  load();
  window.ruasMap = map;
})();
