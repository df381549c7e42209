// ruas map: Leaflet drawing the server's vector tiles (data-api +
// "/tiles/{z}/{x}/{y}", Mapbox vector tiles, rendered by the vendored
// Leaflet.VectorGrid), each ruas coloured by its latest condition. A tile
// that crosses more ruas than a screen can tell apart holds the lines of
// each condition class merged (layer "jaringan"); a click on a ruas looks
// it up (data-api + "/ruas/" + id) for its popup. No basemap unless the
// server was started with --tiles.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined" || !L.vectorGrid) { return; }
  // Leaflet 1.9 dropped L.DomEvent.fakeStop, which VectorGrid's canvas
  // click handler still calls; stopPropagation is its successor.
  if (!L.DomEvent.fakeStop) { L.DomEvent.fakeStop = L.DomEvent.stopPropagation; }
  var b = JSON.parse(el.getAttribute("data-bound"));
  var labels = JSON.parse(el.getAttribute("data-labels"));
  var colors = JSON.parse(el.getAttribute("data-colors"));
  var surfaces = {};
  JSON.parse(el.getAttribute("data-surfaces")).forEach(function (c) { surfaces[c.code] = c.label; });
  // The server draws down to data-max-zoom; without a basemap Leaflet
  // would let the reader zoom on forever.
  var maxZoom = parseInt(el.getAttribute("data-max-zoom"), 10) || 22;
  var map = L.map(el, { attributionControl: true, maxZoom: maxZoom });
  map.attributionControl.setPrefix(false);
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [10, 10] });
  var tiles = el.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, { maxZoom: maxZoom, maxNativeZoom: 19 }).addTo(map); }
  var api = el.getAttribute("data-api") || "/api/v1/map";
  var form = document.getElementById("map-filters");
  var status = document.getElementById("map-status");

  function tileURL() {
    var q = new URLSearchParams();
    if (form) { new FormData(form).forEach(function (v, k) { if (v) { q.set(k, v); } }); }
    new URLSearchParams(el.getAttribute("data-query") || "").forEach(function (v, k) { q.set(k, v); });
    var s = q.toString();
    return api + "/tiles/{z}/{x}/{y}" + (s ? "?" + s : "");
  }

  var grid = L.vectorGrid.protobuf(tileURL(), {
    pane: "overlayPane", // above the outlines (350), as the GeoJSON roads were
    rendererFactory: L.canvas.tile,
    interactive: true,
    maxZoom: maxZoom,
    maxNativeZoom: maxZoom,
    getFeatureId: function (f) { return f.properties.id; },
    vectorTileLayerStyles: {
      ruas: function (p) { return { color: colors[p.kondisi] || colors[""], weight: 4, opacity: 0.9 }; },
      jaringan: function (p) { return { color: colors[p.kondisi] || colors[""], weight: 2, opacity: 0.8 }; }
    }
  }).addTo(map);

  function line(div, t) { div.appendChild(document.createElement("br")); div.appendChild(document.createTextNode(t)); }

  function ruasPopup(id, p) {
    var div = document.createElement("div");
    var h = document.createElement("b");
    h.textContent = p.key + " " + p.name;
    div.appendChild(h);
    [labels[p.kondisi] || labels[""],
      el.getAttribute("data-label-length") + ": " + p.length,
      el.getAttribute("data-label-surface") + ": " + (surfaces[p.surface] || p.surface),
      el.getAttribute("data-label-survey") + ": " + p.survey_date
    ].forEach(function (t) { line(div, t); });
    if (p.synthetic) { line(div, el.getAttribute("data-synthetic")); }
    var link = el.getAttribute("data-link");
    if (link) {
      div.appendChild(document.createElement("br"));
      var a = document.createElement("a");
      a.href = link + id;
      a.textContent = el.getAttribute("data-open");
      a.className = "popup-link";
      div.appendChild(a);
    }
    return div;
  }

  function mergedPopup(p) {
    var div = document.createElement("div");
    var h = document.createElement("b");
    h.textContent = labels[p.kondisi] || labels[""];
    div.appendChild(h);
    var km = Number(p.km).toLocaleString(document.documentElement.lang || "id", { maximumFractionDigits: 1 });
    line(div, p.n + " " + el.getAttribute("data-merged-n") + ", " + km + " " + el.getAttribute("data-merged-km"));
    line(div, el.getAttribute("data-merged"));
    return div;
  }

  // openRuas looks a ruas up and opens its popup at a place on the map.
  function openRuas(id, at) {
    return fetch(api + "/ruas/" + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (d) {
      L.popup().setLatLng(at).setContent(ruasPopup(d.id, d.properties)).openOn(map);
    }).catch(function (err) {
      if (status) { status.textContent = String(err.message || err); }
    });
  }

  grid.on("click", function (e) {
    var p = e.layer && e.layer.properties;
    if (!p) { return; }
    if (p.id !== undefined) {
      openRuas(p.id, e.latlng);
    } else {
      L.popup().setLatLng(e.latlng).setContent(mergedPopup(p)).openOn(map);
    }
  });

  // After every tile of the view has loaded, say how many ruas it draws
  // (and whether some tiles merge them) and mark the element for tests.
  grid.on("load", function () {
    var ids = {}, n = 0, merged = false;
    Object.keys(grid._tiles || {}).forEach(function (key) {
      var t = grid._tiles[key];
      if (!t || t.coords.z !== grid._tileZoom) { return; }
      var vt = grid._vectorTiles[key];
      if (!vt || !vt._features) { return; }
      Object.keys(vt._features).forEach(function (id) {
        if (id === "undefined") { merged = true; return; }
        if (!ids[id]) { ids[id] = true; n++; }
      });
    });
    if (status) { status.textContent = n + " " + el.getAttribute("data-count") + (merged ? " — " + el.getAttribute("data-merged") : ""); }
    el.setAttribute("data-merged-tiles", merged ? "1" : "0");
    el.setAttribute("data-loaded", String(n));
  });

  if (form) {
    form.addEventListener("change", function () {
      el.removeAttribute("data-loaded");
      grid.setUrl(tileURL());
    });
  }
  window.ruasMap = map;
  window.ruasTiles = grid;
  window.ruasOpen = openRuas;
})();
