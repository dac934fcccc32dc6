/* Signing out clears what the visit pages kept on this phone for use without a signal.

   On the sign-out button's form ([data-signout]): the service worker's kept pages and files
   (the caches named thanrak-visits-…, offline-worker.js) are deleted, and so is the
   IndexedDB database of the visit form (visit.js), whose entries leave it once the server
   has them. If answers or photos are still waiting there (not sent yet), they are never
   dropped: the first press shows the warning ([data-signout-warning]) and signs nobody
   out; a second press signs out and keeps them, to be sent when the visit is opened again
   after signing in. */
(function () {
  "use strict";

  var CACHE_PREFIX = "thanrak-visits-";
  var DB_NAME = "thanrak-visits";
  var STORE = "outbox";
  var LIMIT_MS = 3000; // never keep anyone from signing out for long

  function within(promise) {
    return Promise.race([promise, new Promise(function (resolve) {
      window.setTimeout(resolve, LIMIT_MS);
    })]);
  }

  function hasDatabase() {
    if (!window.indexedDB) {
      return Promise.resolve(false);
    }
    if (!indexedDB.databases) {
      return Promise.resolve(true);
    }
    return indexedDB.databases().then(function (list) {
      return list.some(function (info) {
        return info.name === DB_NAME;
      });
    });
  }

  // How many entries wait to be sent (0 when the visit form was never used here).
  function waiting() {
    return hasDatabase().then(function (exists) {
      if (!exists) {
        return 0;
      }
      return new Promise(function (resolve) {
        var open = indexedDB.open(DB_NAME);
        open.onupgradeneeded = function () {
          open.transaction.abort(); // not there: do not make it
        };
        open.onerror = function () {
          resolve(0);
        };
        open.onsuccess = function () {
          var connection = open.result;
          if (!connection.objectStoreNames.contains(STORE)) {
            connection.close();
            resolve(0);
            return;
          }
          var count = connection.transaction(STORE).objectStore(STORE).count();
          count.onsuccess = function () {
            connection.close();
            resolve(count.result);
          };
          count.onerror = function () {
            connection.close();
            resolve(0);
          };
        };
      });
    }).catch(function () {
      return 0;
    });
  }

  function clearPages() {
    if (!window.caches) {
      return Promise.resolve();
    }
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(CACHE_PREFIX) === 0;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).catch(function () {});
  }

  function dropSent() {
    return new Promise(function (resolve) {
      var request = indexedDB.deleteDatabase(DB_NAME);
      // Blocked: a visit page open in another tab; deleted once it closes.
      request.onsuccess = request.onerror = request.onblocked = function () {
        resolve();
      };
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form[data-signout]");
    if (!form || form.dataset.signoutCleared === "true") {
      return;
    }
    event.preventDefault();
    var warning = form.querySelector("[data-signout-warning]");
    var warned = warning && !warning.hidden;
    within(waiting().then(function (count) {
      if (count && !warned && warning) {
        warning.hidden = false;
        return false;
      }
      return Promise.all([clearPages(), count ? null : dropSent()]).then(function () {
        return true;
      });
    })).then(function (signOut) {
      if (signOut !== false) {
        form.dataset.signoutCleared = "true";
        form.submit();
      }
    });
  });
})();
