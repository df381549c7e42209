// ruas: page behaviour without inline scripts (the content policy forbids them).
(function () {
  "use strict";

  // Charts: every element with data-chart holds {x, series, labels, colors, y_label}.
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    if (typeof uPlot === "undefined" || !window.ruasChart) { return; }
    window.ruasChart(el, JSON.parse(el.getAttribute("data-chart")), el.hasAttribute("data-time"));
  });

  // Verification queue: one box selects every record of an entity.
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    all.addEventListener("change", function () {
      var e = all.getAttribute("data-select-all");
      document.querySelectorAll("input[name=item][data-entity='" + e + "']").forEach(function (b) { b.checked = all.checked; });
    });
  });

  // Filters that apply as soon as a choice is made (the year of the
  // dashboard, the kecamatan of the verification queue): the form is
  // submitted from here because the content policy blocks inline handlers.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { if (sel.form) { sel.form.submit(); } });
  });

  // Survey form: SDI and class of each 100 m unit as the officer types,
  // from the server's rule table (GET /api/v1/rules/condition) — the same
  // numbers the server uses when it saves.
  var form = document.getElementById("survey-form");
  if (!form) { return; }
  var labels = JSON.parse(form.getAttribute("data-labels"));
  var colors = JSON.parse(form.getAttribute("data-colors"));
  var rules = null;

  function holds(b, v) { return b.upper === undefined || b.upper === null || v < b.upper || (b.inclusive && v === b.upper); }
  function pick(bands, v) { for (var i = 0; i < bands.length; i++) { if (holds(bands[i], v)) { return bands[i]; } } return bands[bands.length - 1]; }
  var rank = { baik: 0, sedang: 1, rusak_ringan: 2, rusak_berat: 3 };
  function worse(a, b) { if (!a) { return b; } if (!b) { return a; } return rank[b] > rank[a] ? b : a; }
  function num(input) {
    var s = (input.value || "").trim().replace(/\s/g, "");
    if (s === "") { return null; }
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) { s = s.replace(/\./g, "").replace(",", "."); }
    else if (s.indexOf(",") >= 0 && s.indexOf(".") >= 0) { s = s.replace(/,/g, ""); }
    else { s = s.replace(",", "."); }
    var v = Number(s);
    return isFinite(v) ? v : NaN;
  }

  // assess mirrors roads.Rules.Assess.
  function assess(u) {
    var sdi = null, sdiClass = "", iriClass = "";
    var visual = u.crack_area_pct !== null && u.crack_width_mm !== null && u.potholes !== null && u.rut_cm !== null;
    if (visual) {
      var len = u.sta_to_m - u.sta_from_m;
      if (!(len > 0)) { return null; }
      var s1 = pick(rules.crack_area_pct, u.crack_area_pct).score || 0;
      var s2 = u.crack_width_mm > rules.wide_crack_mm ? s1 * 2 : s1;
      // Potholes are counted over at least pothole_min_length_m (rules .2),
      // as the server counts them: one pothole in a 5 m tail is not 200/km.
      var perKm = u.potholes / (Math.max(len, rules.pothole_min_length_m || 0) / 1000);
      var s3 = s2 + (pick(rules.potholes_per_km_add, perKm).score || 0);
      sdi = s3 + (pick(rules.rut_cm_add, u.rut_cm).score || 0);
      sdiClass = pick(rules.sdi_class, sdi).class;
    }
    if (u.iri !== null) { iriClass = pick(rules.iri_class, u.iri).class; }
    var k = worse(sdiClass, iriClass);
    if (!k) { return null; }
    return { sdi: sdi, kondisi: k };
  }

  function update(tr) {
    var u = {};
    var bad = false;
    tr.querySelectorAll("input").forEach(function (inp) {
      var f = inp.name.split(".")[2];
      u[f] = num(inp);
      if (Number.isNaN(u[f])) { bad = true; }
    });
    var sdiCell = tr.querySelector(".sdi"), cls = tr.querySelector(".cls");
    var a = (!bad && rules) ? assess(u) : null;
    sdiCell.textContent = a && a.sdi !== null ? String(a.sdi).replace(".", document.documentElement.lang === "id" ? "," : ".") : "";
    var out = cls.querySelector(".live") || document.createElement("span");
    out.className = "live";
    out.innerHTML = "";
    if (a) {
      var chip = document.createElement("span");
      chip.className = "chip";
      chip.style.background = colors[a.kondisi];
      out.appendChild(chip);
      out.appendChild(document.createTextNode(labels[a.kondisi]));
    }
    if (!out.parentNode) { cls.insertBefore(out, cls.firstChild); }
  }

  function all() { form.querySelectorAll("tr[data-unit]").forEach(update); }
  form.addEventListener("input", function (e) { var tr = e.target.closest("tr[data-unit]"); if (tr) { update(tr); } });

  fetch("/api/v1/rules/condition").then(function (r) { return r.json(); }).then(function (r) {
    rules = r;
    var v = document.getElementById("rule-version");
    if (v) { v.textContent = r.version; }
    form.setAttribute("data-rules", r.version);
    all();
  });

  document.getElementById("add-unit").addEventListener("click", function () {
    var body = form.querySelector("#units tbody");
    var rows = body.querySelectorAll("tr[data-unit]");
    var last = rows[rows.length - 1];
    var i = rows.length;
    var tr = last.cloneNode(true);
    tr.setAttribute("data-unit", i);
    tr.querySelectorAll(".ferr").forEach(function (p) { p.remove(); });
    tr.querySelectorAll("input").forEach(function (inp) {
      var f = inp.name.split(".")[2];
      inp.name = "units." + i + "." + f;
      inp.value = "";
    });
    var prevTo = num(last.querySelector("input[name$='.sta_to_m']"));
    if (prevTo !== null && !Number.isNaN(prevTo)) {
      tr.querySelector("input[name$='.sta_from_m']").value = prevTo;
      tr.querySelector("input[name$='.sta_to_m']").value = prevTo + 100;
    }
    body.appendChild(tr);
    update(tr);
  });
})();
