// ruas field survey: service worker. The server prepends VERSION (a hash
// of what follows and of the shell's names), PAGE (/lapangan/) and SHELL
// (the hashed URLs of the page's script, style and icons, and the
// manifest). The page and the shell are cached so that the survey opens
// with no network; data (rules, ruas, queued units, photos) live in the
// page's IndexedDB, not here.
"use strict";
var CACHE = "lapangan-" + VERSION;

// keepPage fetches the page with the browser's session and caches it when
// it really is the page (not a redirect to the sign-in form).
function keepPage(cache) {
  return fetch(PAGE, { credentials: "same-origin", redirect: "manual" }).then(function (res) {
    if (res.ok && res.type === "basic") { return cache.put(PAGE, res); }
  }).catch(function () {});
}

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(SHELL).then(function () { return keepPage(c); });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("lapangan-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (req.mode === "navigate" && url.pathname === PAGE) {
    // Network first, so a signed-in engineer online gets today's page;
    // the cached page when there is no network.
    e.respondWith(fetch(req).then(function (res) {
      if (res.ok && !res.redirected) {
        var copy = res.clone();
        caches.open(CACHE).then(function (c) { c.put(PAGE, copy); });
      }
      return res;
    }).catch(function () {
      return caches.match(PAGE).then(function (m) { return m || Response.error(); });
    }));
    return;
  }
  if (url.pathname.indexOf("/static/") === 0 || url.pathname === PAGE + "manifest.webmanifest") {
    // Hashed names never change: the cache first.
    e.respondWith(caches.match(req).then(function (m) { return m || fetch(req); }));
  }
});
