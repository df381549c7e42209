// ruas field survey on a phone (/lapangan/). Works without a network:
// the rule table and the office's ruas are kept in IndexedDB, every field
// change of a unit is written there at once (nothing is lost when the tab
// closes or the battery dies), and finished units and their photos sync
// to the server when a network is there (POST /api/v1/field/sync, then
// /api/v1/field/photos), each by an id made here so a retry never doubles.
(function () {
  "use strict";
  var body = document.body;
  var M = JSON.parse(body.getAttribute("data-msgs"));
  var COLORS = JSON.parse(body.getAttribute("data-colors"));
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  var CSRF = csrfMeta ? csrfMeta.content : "";
  var LANG = document.documentElement.lang === "en" ? "en-GB" : "id-ID";
  var UNIT_M = 100;
  var $ = function (id) { return document.getElementById(id); };
  function fmt(key) { var s = M[key] || key, a = arguments, i = 1; return s.replace(/%[sd]/g, function () { return String(a[i++]); }); }
  function num(v, dec) { return Number(v).toLocaleString(LANG, { maximumFractionDigits: dec === undefined ? 1 : dec }); }
  function sta(m) { m = Math.round(m); return Math.floor(m / 1000) + "+" + String(m % 1000).padStart(3, "0"); }
  function metres(m) { return m >= 1000 ? num(m / 1000, 1) + " km" : num(m, 0) + " m"; }
  function newID() {
    if (self.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return x.toString(16).padStart(2, "0"); }).join("");
  }
  function day(iso) { return new Date(iso + "T00:00:00").toLocaleDateString(LANG, { day: "2-digit", month: "2-digit", year: "numeric" }); }
  function today() { var d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 10); }

  // ---- IndexedDB: kv (form, ruas, device, area), units, photos.
  var dbp = new Promise(function (res, rej) {
    var rq = indexedDB.open("ruas-lapangan", 1);
    rq.onupgradeneeded = function () {
      var db = rq.result;
      db.createObjectStore("kv");
      db.createObjectStore("units", { keyPath: "id" });
      db.createObjectStore("photos", { keyPath: "id" });
    };
    rq.onsuccess = function () { res(rq.result); };
    rq.onerror = function () { rej(rq.error); };
  });
  function req(r) { return new Promise(function (res, rej) { r.onsuccess = function () { res(r.result); }; r.onerror = function () { rej(r.error); }; }); }
  // write resolves when the transaction has committed, not merely queued.
  function write(name, fn) {
    return dbp.then(function (db) {
      return new Promise(function (res, rej) {
        var t = db.transaction(name, "readwrite");
        fn(t.objectStore(name));
        t.oncomplete = function () { res(); };
        t.onerror = t.onabort = function () { rej(t.error); };
      });
    });
  }
  function get(name, key) { return dbp.then(function (db) { return req(db.transaction(name).objectStore(name).get(key)); }); }
  function all(name) { return dbp.then(function (db) { return req(db.transaction(name).objectStore(name).getAll()); }); }
  function put(name, val, key) { return write(name, function (s) { if (key === undefined) { s.put(val); } else { s.put(val, key); } }); }
  function del(name, key) { return write(name, function (s) { s.delete(key); }); }

  // ---- State.
  var S = { form: null, ruas: [], area: "", device: "", pos: null, cur: null, unit: null, units: [], photos: [] };

  // ---- SDI exactly as roads.Rules.Assess, from the server's rule table.
  function holds(b, v) { return b.upper === undefined || b.upper === null || v < b.upper || (b.inclusive && v === b.upper); }
  function pick(bands, v) { for (var i = 0; i < bands.length; i++) { if (holds(bands[i], v)) { return bands[i]; } } return bands[bands.length - 1]; }
  function assess(u) {
    var f = u.form, R = S.form && S.form.rules, C = S.form && S.form.classes;
    if (!R || f.crack_area == null || f.crack_width == null || f.rut == null || f.potholes == null) { return null; }
    var len = u.sta_to_m - u.sta_from_m;
    if (!(len > 0)) { return null; }
    var ca = C.crack_area[f.crack_area].value, cw = C.crack_width[f.crack_width].value, rc = C.rut[f.rut].value;
    var s1 = pick(R.crack_area_pct, ca).score || 0;
    var s2 = cw > R.wide_crack_mm ? s1 * 2 : s1;
    var over = Math.max(len, R.pothole_min_length_m || 0);
    var s3 = s2 + (pick(R.potholes_per_km_add, f.potholes / (over / 1000)).score || 0);
    var sdi = s3 + (pick(R.rut_cm_add, rc).score || 0);
    return { sdi: sdi, kondisi: pick(R.sdi_class, sdi)["class"] };
  }
  function missing(u) {
    var out = [];
    ["crack_area", "crack_width", "potholes", "rut"].forEach(function (k) {
      if (u.form[k] == null) { var el = document.querySelector(k === "potholes" ? "#potholes-legend" : "#g-" + k + " legend"); out.push(el ? el.textContent : k); }
    });
    return out;
  }

  // ---- Where the phone is on a ruas: the nearest point of its line, and
  // the distance along the line to it, scaled to the ruas's STA length.
  function project(r, lat, lon) {
    var kx = Math.cos(lat * Math.PI / 180) * 111320, ky = 110540, best = { d: Infinity, along: 0 }, cum = 0;
    r.lines.forEach(function (line) {
      for (var i = 1; i < line.length; i++) {
        var ax = (line[i - 1][0] - lon) * kx, ay = (line[i - 1][1] - lat) * ky, bx = (line[i][0] - lon) * kx, by = (line[i][1] - lat) * ky;
        var dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, l = Math.sqrt(l2);
        var t = l2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2)) : 0;
        var px = ax + t * dx, py = ay + t * dy, d = Math.sqrt(px * px + py * py);
        if (d < best.d) { best = { d: d, along: cum + t * l }; }
        cum += l;
      }
    });
    var scale = cum > 0 && r.length_m > 0 ? r.length_m / cum : 1;
    return { d: best.d, sta: Math.min(best.along * scale, r.length_m || Infinity) };
  }

  // ---- Network.
  function post(url, data) {
    return fetch(url, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json", "X-CSRF-Token": CSRF }, body: JSON.stringify(data) });
  }
  function failed(res) {
    if (res.status === 401) { throw new Error(M["lap.signin_again"]); }
    if (res.status === 403) { throw new Error(M["lap.reload_online"]); }
    throw new Error(M["lap.sync_failed"] + " (" + res.status + ")");
  }
  function refresh() {
    if (!navigator.onLine) { return Promise.resolve(); }
    return Promise.all([
      fetch("/api/v1/field/form", { credentials: "same-origin" }).then(function (r) { if (!r.ok) { failed(r); } return r.json(); }),
      fetch("/api/v1/field/ruas?kecamatan=" + encodeURIComponent(S.area), { credentials: "same-origin" }).then(function (r) { if (!r.ok) { failed(r); } return r.json(); })
    ]).then(function (x) {
      S.form = x[0]; S.ruas = x[1].ruas; S.kecamatan = x[1].kecamatan || [];
      return Promise.all([put("kv", S.form, "form"), put("kv", S.ruas, "ruas"), put("kv", S.kecamatan, "kecamatan")]);
    }).catch(function (e) { status(e.message); });
  }

  // ---- Status line and queue count.
  // info shows a message that is not a problem; problems use unit-msg as is.
  function info(msg) { var el = $("unit-msg"); el.textContent = msg; el.className = "msg info"; }
  function problem(msg) { var el = $("unit-msg"); el.textContent = msg; el.className = "msg"; }
  function status(msg) { $("net").textContent = (navigator.onLine ? M["lap.online"] : M["lap.offline"]) + (msg ? " · " + msg : ""); }
  function showQueue() {
    return Promise.all([all("units"), all("photos")]).then(function (x) {
      var u = x[0].filter(function (v) { return v.state === "queued"; }).length;
      var p = x[1].filter(function (v) { return v.state === "queued"; }).length;
      $("queue").textContent = fmt("lap.queue", u, p);
      body.setAttribute("data-queued", String(u + p));
    });
  }

  // ---- Choosing a ruas.
  function renderPick() {
    var sel = $("area");
    if (sel.options.length <= 1 && S.kecamatan) {
      S.kecamatan.forEach(function (k) { var o = document.createElement("option"); o.value = k.code; o.textContent = k.label || k.code; sel.appendChild(o); });
    }
    sel.value = S.area;
    $("loaded").textContent = S.ruas.length ? fmt("lap.loaded", S.ruas.length) : M["lap.no_ruas"];
    var list = S.ruas.map(function (r) { return { r: r, p: S.pos ? project(r, S.pos.lat, S.pos.lon) : null }; });
    if (S.pos) { list.sort(function (a, b) { return a.p.d - b.p.d; }); }
    var ul = $("ruas-list");
    ul.textContent = "";
    list.forEach(function (x) {
      var li = document.createElement("li"), b = document.createElement("button");
      b.type = "button"; b.className = "big"; b.setAttribute("data-ruas", x.r.id);
      b.textContent = x.r.key + " " + x.r.name + " · " + metres(x.r.length_m);
      if (x.p) { var s = document.createElement("span"); s.className = "dist"; s.textContent = fmt("lap.distance", metres(x.p.d)); b.appendChild(s); }
      b.addEventListener("click", function () { openRuas(x.r); });
      li.appendChild(b); ul.appendChild(li);
    });
    $("gps").textContent = S.pos ? "GPS ±" + num(S.pos.acc, 0) + " m" : M["lap.no_gps"];
  }

  // ---- Walking a ruas in 100 m units.
  function openRuas(r) {
    S.cur = r;
    put("kv", r.id, "open");
    $("pick").hidden = true; $("walk").hidden = false;
    $("walk-title").textContent = r.key + " " + r.name + " · " + metres(r.length_m);
    if (!$("date").value) { $("date").value = today(); }
    return loadUnits().then(function () {
      var next = 0;
      S.units.forEach(function (u) { if (u.state !== "draft" && u.sta_to_m > next) { next = u.sta_to_m; } });
      goTo(next >= r.length_m ? 0 : next);
    });
  }
  function loadUnits() {
    return Promise.all([all("units"), all("photos")]).then(function (x) {
      S.units = x[0].filter(function (u) { return u.ruas_id === S.cur.id && u.date === $("date").value; })
        .sort(function (a, b) { return a.sta_from_m - b.sta_from_m; });
      S.photos = x[1];
      renderUnits();
    });
  }
  function unitAt(from) {
    for (var i = 0; i < S.units.length; i++) { if (S.units[i].sta_from_m === from) { return S.units[i]; } }
    return null;
  }
  function goTo(from) {
    from = Math.max(0, Math.floor(from / UNIT_M) * UNIT_M);
    var u = unitAt(from);
    if (!u) {
      u = { id: newID(), ruas_id: S.cur.id, date: $("date").value, sta_from_m: from, sta_to_m: Math.min(from + UNIT_M, S.cur.length_m || from + UNIT_M),
        known_survey_id: S.cur.known_survey_id || 0, form: {}, state: "draft", fresh: true };
      if (u.sta_to_m <= from) { u.sta_to_m = from + UNIT_M; }
    }
    S.unit = u;
    renderUnit();
  }
  function locked(u) { return u.state !== "draft" && u.state !== "refused"; }
  function renderUnit() {
    var u = S.unit, f = u.form, form = $("unit-form");
    $("sta-from").value = u.sta_from_m; $("sta-to").value = u.sta_to_m;
    form.querySelectorAll("input[type=radio]").forEach(function (el) { el.checked = f[el.name] != null && String(f[el.name]) === el.value; });
    $("potholes").value = f.potholes == null ? "" : f.potholes;
    $("note").value = f.note || "";
    var lock = locked(u);
    form.querySelectorAll("input, textarea, button").forEach(function (el) { el.disabled = lock; });
    ["sta-from", "sta-to", "gps-sta"].forEach(function (id) { $(id).disabled = lock; });
    $("unit-state").textContent = M["lap.unit"] + " " + sta(u.sta_from_m) + "–" + sta(u.sta_to_m) + " · " + M["lap.state." + u.state];
    problem(u.errors ? u.errors.map(function (e) { return e.field + ": " + e.message; }).join("; ") : "");
    showSDI(); renderPhotos(); renderUnits();
  }
  function showSDI() {
    var a = assess(S.unit), out = $("unit-sdi");
    out.textContent = "";
    if (!a) { out.removeAttribute("data-sdi"); return; }
    var chip = document.createElement("span");
    chip.className = "chip"; chip.style.background = COLORS[a.kondisi];
    out.appendChild(chip);
    out.appendChild(document.createTextNode("SDI " + num(a.sdi, 1) + " · " + M["kondisi." + a.kondisi]));
    out.setAttribute("data-sdi", String(a.sdi)); out.setAttribute("data-kondisi", a.kondisi);
  }
  function renderUnits() {
    var ol = $("unit-list");
    ol.textContent = "";
    S.units.forEach(function (u) {
      var li = document.createElement("li"), b = document.createElement("button"), a = assess(u);
      b.type = "button";
      b.setAttribute("data-unit", u.id); b.setAttribute("data-sta", u.sta_from_m); b.setAttribute("data-state", u.state);
      if (a) { b.setAttribute("data-sdi", String(a.sdi)); b.setAttribute("data-kondisi", a.kondisi); }
      if (S.unit && S.unit.id === u.id) { b.setAttribute("aria-current", "true"); }
      var n = S.photos.filter(function (p) { return p.unit_id === u.id; }).length;
      b.textContent = sta(u.sta_from_m) + "–" + sta(u.sta_to_m) + (a ? " · SDI " + num(a.sdi, 1) + " " + M["kondisi." + a.kondisi] : "") +
        " · " + M["lap.state." + u.state] + (n ? " · " + n + " " + M["lap.photo"].toLowerCase() : "");
      b.addEventListener("click", function () { goTo(u.sta_from_m); });
      li.appendChild(b); ol.appendChild(li);
    });
  }

  // save writes the unit at once, on every field change: first to
  // localStorage, which is synchronous (a tab closed a moment after a tap
  // still has it), then to IndexedDB; start() reconciles the two.
  var seq = 0;
  function save(u) {
    u.updated = new Date().toISOString(); u.seq = Date.now() * 1000 + (seq++ % 1000);
    var a = assess(u);
    u.sdi = a ? a.sdi : null; u.kondisi = a ? a.kondisi : null;
    if (u.fresh) { delete u.fresh; S.units.push(u); S.units.sort(function (a, b) { return a.sta_from_m - b.sta_from_m; }); }
    try { localStorage.setItem(DRAFT, JSON.stringify(u)); } catch (e) { /* full or blocked: IndexedDB still has it */ }
    return put("units", u);
  }
  var DRAFT = "ruas-lapangan-draft";
  // recover puts back the last unit touched when IndexedDB missed its last write.
  function recover() {
    var raw = null;
    try { raw = localStorage.getItem(DRAFT); } catch (e) { return Promise.resolve(); }
    if (!raw) { return Promise.resolve(); }
    var d = JSON.parse(raw);
    return get("units", d.id).then(function (u) {
      if (!u || (u.seq || 0) < (d.seq || 0)) { return put("units", d); }
    });
  }
  function changed(e) {
    var u = S.unit, t = e.target;
    if (locked(u)) { return; }
    if (t.type === "radio") {
      var n = Number(t.value);
      u.form[t.name] = /^(crack_area|crack_width|rut|patching)$/.test(t.name) ? n : t.value;
    } else if (t.id === "potholes") {
      u.form.potholes = t.value === "" ? null : Math.max(0, Math.round(Number(t.value)));
    } else if (t.id === "note") {
      u.form.note = t.value;
    } else { return; }
    if (u.state === "refused") { u.state = "draft"; u.errors = null; }
    if (S.pos) { u.form.lat = S.pos.lat; u.form.lon = S.pos.lon; }
    save(u).then(function () { showSDI(); renderUnits(); });
  }
  function stepPotholes(d) {
    var u = S.unit;
    if (locked(u)) { return; }
    u.form.potholes = Math.max(0, (u.form.potholes || 0) + d);
    $("potholes").value = u.form.potholes;
    save(u).then(function () { showSDI(); renderUnits(); });
  }
  function staChanged() {
    var u = S.unit, from = Math.max(0, Math.round(Number($("sta-from").value))), to = Math.round(Number($("sta-to").value));
    if (locked(u) || !isFinite(from) || !isFinite(to)) { return; }
    if (to <= from) { to = from + UNIT_M; $("sta-to").value = to; }
    var other = unitAt(from);
    if (other && other !== u) { goTo(from); return; }
    u.sta_from_m = from; u.sta_to_m = to;
    if (!u.fresh) { save(u).then(function () { renderUnit(); }); } else { renderUnit(); }
  }
  function next() {
    var u = S.unit;
    if (!locked(u)) {
      var miss = missing(u);
      if (miss.length) { problem(fmt("lap.incomplete", miss.join(", "))); return; }
      u.state = "queued";
    }
    save(u).then(function () {
      showQueue(); sync();
      if (u.sta_to_m >= S.cur.length_m) { renderUnit(); info(M["lap.last_unit"]); return; }
      goTo(u.sta_to_m);
      window.scrollTo(0, 0);
    });
  }

  // ---- Photos: resized here (long side 1600 px, JPEG), with where and when.
  function resize(file) {
    return createImageBitmap(file).then(function (bmp) {
      var k = Math.min(1, 1600 / Math.max(bmp.width, bmp.height)), c = document.createElement("canvas");
      c.width = Math.round(bmp.width * k); c.height = Math.round(bmp.height * k);
      c.getContext("2d").drawImage(bmp, 0, 0, c.width, c.height);
      return new Promise(function (res) { c.toBlob(res, "image/jpeg", 0.8); });
    });
  }
  function addPhotos() {
    var u = S.unit, files = Array.prototype.slice.call($("photo").files);
    if (locked(u) || !files.length) { return; }
    var ready = u.fresh ? save(u) : Promise.resolve();
    ready.then(function () {
      return files.reduce(function (p, file) {
        return p.then(function () { return resize(file); }).then(function (blob) {
          var ph = { id: newID(), unit_id: u.id, blob: blob, lat: S.pos ? S.pos.lat : null, lon: S.pos ? S.pos.lon : null, taken_at: new Date().toISOString(), state: "queued" };
          S.photos.push(ph);
          return put("photos", ph);
        });
      }, Promise.resolve());
    }).then(function () { $("photo").value = ""; renderPhotos(); renderUnits(); showQueue(); });
  }
  var thumbURLs = [];
  function renderPhotos() {
    thumbURLs.forEach(URL.revokeObjectURL); thumbURLs = [];
    var ul = $("photos");
    ul.textContent = "";
    S.photos.filter(function (p) { return S.unit && p.unit_id === S.unit.id; }).forEach(function (p, i) {
      var li = document.createElement("li");
      if (p.blob) {
        var img = document.createElement("img"), url = URL.createObjectURL(p.blob);
        thumbURLs.push(url); img.src = url; img.alt = M["lap.photo"] + " " + (i + 1);
        li.appendChild(img);
      } else { li.textContent = M["lap.photo"] + " " + (i + 1) + " ✓"; }
      if (p.state === "queued" && !locked(S.unit)) {
        var b = document.createElement("button");
        b.type = "button"; b.className = "big subtle"; b.textContent = M["lap.remove_photo"];
        b.setAttribute("aria-label", M["lap.remove_photo"] + " " + (i + 1));
        b.addEventListener("click", function () {
          S.photos = S.photos.filter(function (x) { return x.id !== p.id; });
          del("photos", p.id).then(function () { renderPhotos(); renderUnits(); showQueue(); });
        });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
  }

  // ---- Sync: finished units, then photos of units the server holds.
  var syncing = null;
  function sync() {
    if (syncing) { return syncing; }
    if (!navigator.onLine) { status(); return Promise.resolve(); }
    status(M["lap.syncing"]);
    var more = false;
    syncing = all("units").then(function (us) {
      var q = us.filter(function (u) { return u.state === "queued"; });
      more = q.length > 50;
      q = q.slice(0, 50);
      if (!q.length) { return; }
      return post("/api/v1/field/sync", { device: S.device, units: q.map(function (u) {
        return { id: u.id, ruas_id: u.ruas_id, date: u.date, sta_from_m: u.sta_from_m, sta_to_m: u.sta_to_m, known_survey_id: u.known_survey_id, form: u.form, sdi: u.sdi, kondisi: u.kondisi || "" };
      }) }).then(function (res) {
        if (!res.ok) { failed(res); }
        return res.json();
      }).then(function (doc) {
        var byID = {};
        q.forEach(function (u) { byID[u.id] = u; });
        return Promise.all(doc.results.map(function (o) {
          var u = byID[o.id];
          if (!u) { return null; }
          u.state = o.state; u.survey_id = o.survey_id || 0; u.conflict_with = o.conflict_with || 0; u.errors = o.errors || null;
          u.server_sdi = o.sdi; u.server_kondisi = o.kondisi;
          return put("units", u);
        }));
      });
    }).then(sendPhotos).then(loadConflicts).then(function () {
      status(M["lap.synced"]);
    }, function (e) { more = false; status(e.message); }).then(function () {
      syncing = null;
      showQueue();
      if (more) { setTimeout(sync, 0); }
      if (S.cur) { return loadUnits().then(function () { if (S.unit) { var u = unitAt(S.unit.sta_from_m); if (u) { S.unit = u; } renderUnit(); } }); }
    });
    return syncing;
  }
  function sendPhotos() {
    return Promise.all([all("units"), all("photos")]).then(function (x) {
      var held = {};
      x[0].forEach(function (u) { if (u.state === "stored" || u.state === "conflict" || u.state === "discarded") { held[u.id] = true; } });
      return x[1].filter(function (p) { return p.state === "queued" && held[p.unit_id]; }).reduce(function (chain, p) {
        return chain.then(function () {
          var fd = new FormData();
          fd.append("id", p.id); fd.append("unit", p.unit_id); fd.append("taken_at", p.taken_at);
          if (p.lat != null) { fd.append("lat", String(p.lat)); fd.append("lon", String(p.lon)); }
          fd.append("file", p.blob, p.id + ".jpg");
          return fetch("/api/v1/field/photos", { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": CSRF }, body: fd }).then(function (res) {
            if (res.ok) { p.state = "sent"; p.blob = null; return put("photos", p); }
            // A photo the server will never take (422, 413) must not hold
            // up the others; it stays on the phone, marked.
            if (res.status === 413 || res.status === 422) { p.state = "refused"; return put("photos", p); }
            failed(res);
          });
        });
      }, Promise.resolve());
    });
  }

  // ---- Conflicts: both sides, and the engineer's decision.
  function side(title, s) {
    var dl = document.createElement("dl"), add = function (k, v) { var dt = document.createElement("dt"), dd = document.createElement("dd"); dt.textContent = k; dd.textContent = v; dl.appendChild(dt); dl.appendChild(dd); };
    add(title, day(s.date) + " · " + sta(s.sta_from_m) + "–" + sta(s.sta_to_m));
    add("SDI", (s.sdi == null ? "–" : num(s.sdi, 1)) + " · " + (M["kondisi." + s.kondisi] || s.kondisi));
    return dl;
  }
  function loadConflicts() {
    if (!navigator.onLine) { return Promise.resolve(); }
    return fetch("/api/v1/field/conflicts", { credentials: "same-origin" }).then(function (r) { if (!r.ok) { failed(r); } return r.json(); }).then(function (doc) {
      var ul = $("conflict-list");
      ul.textContent = "";
      $("conflicts").hidden = !doc.conflicts.length;
      doc.conflicts.forEach(function (c) {
        var li = document.createElement("li"), r = S.ruas.filter(function (x) { return x.id === c.ruas_id; })[0];
        li.className = "conflict"; li.setAttribute("data-conflict", c.id);
        var h = document.createElement("p"); h.textContent = (r ? r.key + " " + r.name : "#" + c.ruas_id);
        li.appendChild(h);
        var mine = side(M["lap.mine"], c.mine), srv = side(M["lap.server"], c.server);
        mine.className = "mine"; srv.className = "server";
        li.appendChild(mine); li.appendChild(srv);
        [["mine", "lap.keep_mine"], ["server", "lap.keep_server"]].forEach(function (k) {
          var b = document.createElement("button");
          b.type = "button"; b.className = "big"; b.textContent = M[k[1]]; b.setAttribute("data-keep", k[0]);
          b.addEventListener("click", function () { resolve(c.id, k[0]); });
          li.appendChild(b);
        });
        ul.appendChild(li);
      });
    });
  }
  function resolve(id, keep) {
    post("/api/v1/field/conflicts/" + encodeURIComponent(id), { keep: keep }).then(function (res) {
      return res.json().then(function (doc) {
        if (!res.ok) { throw new Error(doc.error ? doc.error.message : String(res.status)); }
        return get("units", id).then(function (u) { if (u) { u.state = doc.state; u.survey_id = doc.survey_id || 0; return put("units", u); } });
      });
    }).then(loadConflicts).then(function () { if (S.cur) { return loadUnits().then(renderUnit); } }).catch(function (e) { status(e.message); });
  }

  // ---- Wiring.
  $("unit-form").addEventListener("change", changed);
  $("potholes").addEventListener("input", changed);
  $("note").addEventListener("input", changed);
  $("pot-minus").addEventListener("click", function () { stepPotholes(-1); });
  $("pot-plus").addEventListener("click", function () { stepPotholes(1); });
  $("sta-from").addEventListener("change", staChanged);
  $("sta-to").addEventListener("change", staChanged);
  $("photo").addEventListener("change", addPhotos);
  $("next-unit").addEventListener("click", next);
  $("prev-unit").addEventListener("click", function () { if (S.unit.sta_from_m > 0) { goTo(S.unit.sta_from_m - UNIT_M); } });
  $("back").addEventListener("click", function () { S.cur = null; put("kv", null, "open"); $("walk").hidden = true; $("pick").hidden = false; renderPick(); });
  $("date").addEventListener("change", function () { if (S.cur) { loadUnits().then(function () { goTo(0); }); } });
  $("gps-sta").addEventListener("click", function () {
    if (!S.pos || !S.cur) { problem(M["lap.no_gps"]); return; }
    var p = project(S.cur, S.pos.lat, S.pos.lon);
    goTo(p.sta);
    info(fmt("lap.gps_sta", sta(p.sta), metres(p.d)));
  });
  $("area").addEventListener("change", function () { S.area = $("area").value; put("kv", S.area, "area"); });
  $("load-area").addEventListener("click", function () { refresh().then(renderPick); });
  $("sync-now").addEventListener("click", function () { sync(); });
  window.addEventListener("online", function () { status(); refresh(); sync(); });
  window.addEventListener("offline", function () { status(); });
  setInterval(function () { if (navigator.onLine) { sync(); } }, 10000);

  if (navigator.geolocation) {
    navigator.geolocation.watchPosition(function (p) {
      var first = !S.pos;
      S.pos = { lat: p.coords.latitude, lon: p.coords.longitude, acc: p.coords.accuracy };
      if (first && !S.cur) { renderPick(); }
      $("gps").textContent = "GPS ±" + num(S.pos.acc, 0) + " m";
    }, function () { $("gps").textContent = M["lap.no_gps"]; }, { enableHighAccuracy: true, maximumAge: 10000 });
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(body.getAttribute("data-worker"), { scope: "/lapangan/" }).catch(function () {});
  }

  // Start from what the phone kept; refresh it when online.
  recover().then(function () {
    return Promise.all([get("kv", "form"), get("kv", "ruas"), get("kv", "device"), get("kv", "area"), get("kv", "kecamatan"), get("kv", "open")]);
  }).then(function (x) {
    S.form = x[0] || null; S.ruas = x[1] || []; S.device = x[2] || ""; S.area = x[3] || ""; S.kecamatan = x[4] || [];
    if (!S.device) { S.device = newID(); put("kv", S.device, "device"); }
    // A ruas page links /lapangan/?ruas=ID: open that ruas once, then
    // drop the parameter so that a reload reopens the one last walked.
    var asked = Number(new URLSearchParams(location.search).get("ruas"));
    var open = asked || x[5];
    if (asked) { history.replaceState(null, "", location.pathname); }
    return refresh().then(function () {
      status(); renderPick(); showQueue();
      var r = S.ruas.filter(function (v) { return v.id === open; })[0];
      if (r) { return openRuas(r); }
    });
  }).then(function () {
    body.setAttribute("data-ready", "1");
    sync();
  });
})();
