/* The service worker of the monitoring team's pages (served by monitoring:offline_worker
   with Service-Worker-Allowed: / so that it covers /visits/ and /monitoring/my-visits/).

   - A visit page or the team's list: from the network, a copy kept; without a signal,
     the copy (network first, the cache as fallback).
   - Files under /static/: a versioned name (ManifestStaticFilesStorage's hash) never
     changes, so the kept copy is used first; an unversioned name (DEBUG) goes to the
     network first.
   - Everything else is left to the browser.
   Pages ask it ({keep: [urls]}) to keep what they loaded before it was running.
   Answers given without a signal are not its business: visit.js keeps them (IndexedDB). */
"use strict";

var CACHE = "thanrak-visits-v1";
var PAGES = [/^\/visits\/\d+\/$/, /^\/monitoring\/my-visits\/$/];
var VERSIONED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("thanrak-visits-") === 0 && name !== CACHE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function isPage(url) {
  return PAGES.some(function (pattern) {
    return pattern.test(url.pathname);
  });
}

function isStatic(url) {
  return url.pathname.indexOf("/static/") === 0;
}

function keepable(response) {
  // Not a redirect to the sign-in page, not an error: only the page itself.
  return response && response.ok && response.type === "basic" && !response.redirected;
}

function fromCache(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true, ignoreSearch: false });
  });
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (keepable(response)) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) {
        return cache.put(request.url, copy);
      });
    } else if (response.redirected || response.type === "opaqueredirect") {
      // Signed out: the page is no longer this phone's to keep.
      caches.open(CACHE).then(function (cache) {
        return cache.delete(request.url);
      });
    }
    return response;
  }).catch(function (error) {
    return fromCache(request.url).then(function (kept) {
      if (kept) {
        return kept;
      }
      throw error;
    });
  });
}

function cacheFirst(request) {
  return fromCache(request.url).then(function (kept) {
    return kept || fetch(request).then(function (response) {
      if (keepable(response)) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          return cache.put(request.url, copy);
        });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (isPage(url) && !url.search) {
    event.respondWith(networkFirst(request));
  } else if (isStatic(url)) {
    event.respondWith(VERSIONED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
  }
});

// A page opened before this worker ran: keep it and its files now.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  var port = event.ports && event.ports[0];
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(urls.map(function (url) {
        return cache.match(url, { ignoreVary: true }).then(function (kept) {
          if (kept) {
            return null;
          }
          return fetch(url, { credentials: "same-origin" }).then(function (response) {
            return keepable(response) ? cache.put(url, response) : null;
          });
        }).catch(function () {
          return null; // kept next time
        });
      }));
    }).then(function () {
      return urls.length ? fromCache(new URL(urls[0], self.location.href).href) : null;
    }).then(function (page) {
      if (port) {
        port.postMessage({ kept: Boolean(page) });
      }
    })
  );
});
