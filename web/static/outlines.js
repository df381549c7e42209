// Offline basemap: the office's boundary and, where the register has them,
// kecamatan outlines with their names, drawn under the roads from
// /api/v1/outlines, so a map without a tile server still shows where
// things are. window.ruasOutlines(map, url) adds them to any Leaflet map.
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  function add(map, url) {
    if (!map.getPane("outlines")) {
      var pane = map.createPane("outlines");
      pane.style.zIndex = 350; // above tiles (200), under the roads (400)
      pane.style.pointerEvents = "none";
    }
    var layer = L.geoJSON(null, {
      pane: "outlines",
      interactive: false,
      style: function (f) {
        var office = f.properties.kind === "office";
        return { color: office ? "#555" : "#8a8a8a", weight: office ? 2 : 1, dashArray: office ? null : "4 4",
          fill: !office, fillColor: "#f4f1e8", fillOpacity: office ? 0 : 0.35 };
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        if (p.label && p.name) {
          L.tooltip({ permanent: true, direction: "center", className: "outline-label", pane: "outlines", interactive: false })
            .setLatLng([p.label[1], p.label[0]]).setContent(p.name).addTo(map);
        }
      }
    }).addTo(map);
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (fc) {
      layer.addData(fc);
      map.getContainer().setAttribute("data-outlines-loaded", String(fc.features.length));
      return layer;
    }).catch(function () { map.getContainer().setAttribute("data-outlines-loaded", "error"); });
  }
  window.ruasOutlines = add;
  var el = document.getElementById("map");
  if (window.ruasMap && el) { add(window.ruasMap, el.getAttribute("data-outlines") || "/api/v1/outlines"); }
})();
