/* The monitoring team's pages open without a signal once opened with one.

   Registers the service worker (monitoring:offline_worker, served for the whole site's
   paths so that it covers /visits/ and /monitoring/my-visits/) and asks it to keep this
   page, the team's list of visits and the files this page loaded. When they are kept,
   the visit page says so ([data-offline-ready]). */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) {
    return;
  }
  var worker = script.dataset.worker;
  var keep = script.dataset.keep;

  function filesOfThisPage() {
    var urls = [window.location.pathname, keep];
    document.querySelectorAll("script[src], link[rel=stylesheet], link[rel=manifest], link[rel=icon]")
      .forEach(function (element) {
        urls.push(element.src || element.href);
      });
    // Fonts and anything else the stylesheets loaded.
    if (window.performance && performance.getEntriesByType) {
      performance.getEntriesByType("resource").forEach(function (entry) {
        urls.push(entry.name);
      });
    }
    return urls.filter(function (url) {
      var parsed = new URL(url, window.location.href);
      return parsed.origin === window.location.origin &&
        (parsed.pathname.indexOf("/static/") === 0 || parsed.pathname === window.location.pathname ||
          parsed.pathname === keep);
    });
  }

  function ready() {
    var line = document.querySelector("[data-offline-ready]");
    if (line) {
      line.hidden = false;
    }
    document.documentElement.dataset.offlineReady = "true";
  }

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(worker, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        if (event.data && event.data.kept) {
          ready();
        }
      };
      registration.active.postMessage({ keep: filesOfThisPage() }, [channel.port2]);
    }).catch(function () {
      // No service worker (a private window, an old browser): the page works online.
    });
  });
})();
