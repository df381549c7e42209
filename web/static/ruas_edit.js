// Centre-line editor of the ruas form (and the track preview): draws the
// ruas's line from the form's GeoJSON field, lets a produsen draw a new
// line or move vertices with leaflet-draw, snaps each line's ends to the
// ends of neighbouring ruas within data-snap-m metres (haversine, as the
// server checks again on save), and writes the result back to the field.
(function () {
  "use strict";
  var el = document.getElementById("geom-editor");
  if (!el || typeof L === "undefined") { return; }
  var field = document.querySelector(el.getAttribute("data-target"));
  var status = document.getElementById("geom-status");
  var readonly = el.hasAttribute("data-readonly");
  var snapM = parseFloat(el.getAttribute("data-snap-m")) || 5;
  var self = el.getAttribute("data-self") || "0";
  var b = JSON.parse(el.getAttribute("data-bound"));
  var maxZoom = parseInt(el.getAttribute("data-max-zoom"), 10) || 22;
  var map = L.map(el, { maxZoom: maxZoom });
  map.attributionControl.setPrefix(false);
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [10, 10] });
  var tiles = el.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, { maxZoom: maxZoom, maxNativeZoom: 19 }).addTo(map); }
  if (window.ruasOutlines) { window.ruasOutlines(map, el.getAttribute("data-outlines")); }

  var neighbours = L.layerGroup().addTo(map);
  var ends = []; // L.LatLng of every neighbour's line ends
  var drawn = new L.FeatureGroup().addTo(map);
  var style = { color: "#c0392b", weight: 5, opacity: 0.9 };
  var snapped = 0;

  function num(v, dec) {
    return v.toLocaleString(document.documentElement.lang === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: dec, minimumFractionDigits: dec });
  }
  function lineLength(latlngs) {
    var m = 0;
    for (var i = 1; i < latlngs.length; i++) { m += map.distance(latlngs[i - 1], latlngs[i]); }
    return m;
  }
  function show() {
    if (!status) { return; }
    var m = 0, n = 0;
    drawn.eachLayer(function (l) { m += lineLength(l.getLatLngs()); n++; });
    var t = n ? el.getAttribute("data-label-length") + ": " + num(m, 0) + " m" : (readonly ? "" : el.getAttribute("data-label-draw"));
    if (snapped) { t += " · " + el.getAttribute("data-label-snapped").replace("%d", String(snapped)); }
    t += " · " + el.getAttribute("data-label-neighbours").replace("%d", String(ends.length / 2));
    status.textContent = t;
  }

  // nearest is the neighbour end within snapM metres of ll, or null.
  function nearest(ll) {
    var best = null, bestD = snapM;
    ends.forEach(function (e) {
      var d = map.distance(ll, e);
      if (d <= bestD) { best = e; bestD = d; }
    });
    return best;
  }
  // snap moves the two ends of a drawn line onto neighbour ends nearby.
  function snap(layer) {
    var lls = layer.getLatLngs();
    if (lls.length < 2) { return 0; }
    var moved = 0;
    [0, lls.length - 1].forEach(function (i) {
      var e = nearest(lls[i]);
      if (e && !e.equals(lls[i], 0)) { lls[i] = L.latLng(e.lat, e.lng); moved++; }
    });
    if (moved) { layer.setLatLngs(lls); }
    snapped += moved;
    return moved;
  }

  function round(v) { return Math.round(v * 1e7) / 1e7; }
  function write() {
    if (!field || readonly) { return; }
    var lines = [];
    drawn.eachLayer(function (l) {
      lines.push(l.getLatLngs().map(function (p) { return [round(p.lng), round(p.lat)]; }));
    });
    if (lines.length === 0) { field.value = ""; }
    else if (lines.length === 1) { field.value = JSON.stringify({ type: "LineString", coordinates: lines[0] }); }
    else { field.value = JSON.stringify({ type: "MultiLineString", coordinates: lines }); }
    show();
  }
  function read() {
    drawn.clearLayers();
    var v = field ? field.value.trim() : "";
    if (!v) { show(); return; }
    var g;
    try { g = JSON.parse(v); } catch (err) { if (status) { status.textContent = el.getAttribute("data-label-bad"); } return; }
    if (g && g.type === "Feature") { g = g.geometry; }
    var lines = !g ? [] : g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
    lines.forEach(function (c) {
      drawn.addLayer(L.polyline(c.map(function (p) { return [p[1], p[0]]; }), style));
    });
    map.invalidateSize();
    if (drawn.getLayers().length) { map.fitBounds(drawn.getBounds(), { padding: [30, 30], maxZoom: 18 }); }
    show();
  }

  // Neighbours: the other ruas in view, from the map API, drawn grey.
  var seq = 0;
  function loadNeighbours() {
    var bb = map.getBounds().pad(0.2);
    var q = new URLSearchParams();
    q.set("bbox", [bb.getWest(), bb.getSouth(), bb.getEast(), bb.getNorth()].map(function (v) { return v.toFixed(6); }).join(","));
    q.set("zoom", String(map.getZoom()));
    var mine = ++seq;
    return fetch(el.getAttribute("data-api") + "?" + q.toString()).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (fc) {
      if (mine !== seq) { return; }
      neighbours.clearLayers();
      ends = [];
      fc.features.forEach(function (f) {
        if (String(f.id) === self || !f.geometry) { return; }
        var g = f.geometry;
        var lines = g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
        lines.forEach(function (c) {
          if (c.length < 2) { return; }
          var lls = c.map(function (p) { return L.latLng(p[1], p[0]); });
          ends.push(lls[0], lls[lls.length - 1]);
          L.polyline(lls, { color: "#7f8c8d", weight: 3, opacity: 0.8, interactive: false }).addTo(neighbours);
          L.circleMarker(lls[0], { radius: 3, color: "#2c3e50", interactive: false }).addTo(neighbours);
          L.circleMarker(lls[lls.length - 1], { radius: 3, color: "#2c3e50", interactive: false }).addTo(neighbours);
        });
      });
      el.setAttribute("data-neighbours", String(ends.length / 2));
      show();
    }).catch(function (err) { if (status) { status.textContent = String(err.message || err); } });
  }
  map.on("moveend", loadNeighbours);

  // merge copies the page's wording into leaflet-draw's L.drawLocal.
  function merge(into, from) {
    Object.keys(from).forEach(function (k) {
      if (from[k] && typeof from[k] === "object" && into[k] && typeof into[k] === "object") { merge(into[k], from[k]); }
      else { into[k] = from[k]; }
    });
  }
  if (!readonly && L.Control.Draw) {
    if (L.drawLocal && el.getAttribute("data-draw-local")) { merge(L.drawLocal, JSON.parse(el.getAttribute("data-draw-local"))); }
    map.addControl(new L.Control.Draw({
      position: "topright",
      draw: { polyline: { shapeOptions: style }, polygon: false, rectangle: false, circle: false, marker: false, circlemarker: false },
      edit: { featureGroup: drawn, remove: true }
    }));
    map.on(L.Draw.Event.CREATED, function (e) {
      e.layer.setStyle(style);
      drawn.addLayer(e.layer);
      snap(e.layer);
      write();
    });
    map.on(L.Draw.Event.EDITED, function (e) {
      e.layers.eachLayer(snap);
      write();
    });
    map.on(L.Draw.Event.DELETED, write);
    if (field) { field.addEventListener("change", read); }
  }
  read();
  loadNeighbours();
  window.ruasEditor = { map: map, drawn: drawn, snapM: snapM, ends: function () { return ends; }, reload: loadNeighbours, snap: snap, write: write };
})();
