/* The visit form on a phone: no answer and no photo is lost without a signal.

   Every answer given (an item's result or comment, the overall finding, the
   recommendations) and every batch of photos chosen goes first into the browser's
   IndexedDB ("thanrak-visits", store "outbox"), as an entry with a key made here (a
   UUID), then out to the server, one entry at a time in the order given. The server keeps
   the key with what it saved (monitoring.SentAnswer): an entry sent twice (the reply was
   lost, the page was closed mid-way) is saved once. An entry leaves IndexedDB only when
   the server's reply carries its key back (data-saved-key on the swapped .item-status).

   Entries are sent as they are made, when the connection returns ("online"), when the
   page opens (the service worker, offline-worker.js, opens it without a signal) and every
   15 seconds while any waits. A line at the top says how many answers and photos wait.
   Each answer says its own state under the field: saving, saved at (the server's time),
   not saved yet (no signal, timeout, 5xx: sent again by itself) or refused (a 4xx, or the
   sign-in page after the session ended: kept, and sent again when the page is opened). */
(function () {
  "use strict";

  var page = document.querySelector("[data-visit-answers]");
  if (!page) {
    return;
  }
  var FIELDS = ["result", "comment", "overall", "recommendations"];
  var RETRY_MS = 15000;
  var TYPING_MS = 1000; // a pause in typing sends the comment
  var TIMEOUT_MS = 20000; // a text answer
  var PHOTO_TIMEOUT_MS = 180000; // photos from the camera on a slow line
  var DB_NAME = "thanrak-visits";
  var STORE = "outbox";
  var visit = page.dataset.visitAnswers;
  var text = page.dataset;
  var confirmed = new Map(); // form -> {field: the value the server holds (normalised)}
  var outbox = []; // this visit's entries, in the order given (a copy of IndexedDB's)
  var refused = new Set(); // keys the server refused since the page opened
  var sending = false;
  var typing = null;
  var counter = 0;

  // --- The server's clock ------------------------------------------------------------
  // Kept answers are compared with the time the server last saved a finding, so they are
  // timed on the server's clock. A page opened from the service worker's copy carries an
  // old server time: the offset is the largest ever seen (a page is never from the future).
  var offset = Number(page.dataset.serverNow) * 1000 - Date.now();
  try {
    var seen = Number(window.localStorage.getItem("thanrak:visit:clock"));
    if (seen && seen > offset) {
      offset = seen;
    }
    window.localStorage.setItem("thanrak:visit:clock", String(offset));
  } catch (error) {
    // No storage: this page's offset.
  }

  function now() {
    return Date.now() + offset;
  }

  function norm(value) {
    return (value || "").replace(/\r\n?/g, "\n").trim();
  }

  function clock() {
    var date = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    // «14.05» on a Thai page (its text adds «น.»), «14:05» in English (core.thai.format_time).
    var mark = document.documentElement.lang === "th" ? "." : ":";
    return pad(date.getHours()) + mark + pad(date.getMinutes());
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  // --- The forms ----------------------------------------------------------------------

  function answerForm(element) {
    return element instanceof HTMLFormElement && element.matches("form[data-answers]") &&
      page.contains(element) ? element : null;
  }

  function forms() {
    return Array.prototype.slice.call(page.querySelectorAll("form[data-answers]"));
  }

  function formNamed(name) {
    return page.querySelector('form[data-answers="' + name + '"]');
  }

  function fieldsOf(form) {
    return FIELDS.filter(function (name) {
      return form.elements[name];
    });
  }

  function valueOf(form, name) {
    return form.elements[name].value; // a RadioNodeList gives the checked radio's value
  }

  function serverValue(form, name) {
    var field = form.elements[name];
    if (typeof RadioNodeList !== "undefined" && field instanceof RadioNodeList) {
      for (var i = 0; i < field.length; i += 1) {
        if (field[i].defaultChecked) {
          return field[i].value;
        }
      }
      return "";
    }
    return field.defaultValue;
  }

  // --- IndexedDB: the entries kept until the server has them ---------------------------

  var database = null;

  function db() {
    if (!database) {
      database = new Promise(function (resolve, reject) {
        var request = window.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          if (!request.result.objectStoreNames.contains(STORE)) {
            request.result.createObjectStore(STORE, { keyPath: "key" }).createIndex("visit", "visit");
          }
        };
        request.onsuccess = function () {
          resolve(request.result);
        };
        request.onerror = function () {
          reject(request.error);
        };
      });
    }
    return database;
  }

  function transact(mode, work) {
    return db().then(function (connection) {
      return new Promise(function (resolve, reject) {
        var transaction = connection.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          resolve(request ? request.result : undefined);
        };
        transaction.onerror = transaction.onabort = function () {
          reject(transaction.error);
        };
      });
    });
  }

  function store(entry) {
    return transact("readwrite", function (objects) {
      objects.put(entry);
    }).catch(function () {
      // Storage refused (a private window): the entry is still sent from this page.
    });
  }

  function drop(entry) {
    return transact("readwrite", function (objects) {
      objects.delete(entry.key);
    }).catch(function () {});
  }

  function loadKept() {
    return transact("readonly", function (objects) {
      return objects.index("visit").getAll(visit);
    }).catch(function () {
      return [];
    });
  }

  // --- Entries ------------------------------------------------------------------------

  function newEntry(form) {
    counter += 1;
    var entry = {
      key: uuid(), visit: visit, form: form.dataset.answers, fields: {}, files: [],
      time: now(), seq: Date.now() * 1000 + (counter % 1000), tried: false,
    };
    outbox.push(entry);
    return entry;
  }

  // The form's entry of answers not yet sent: later answers join it. Once sent, an entry
  // never changes (its key may already be on the server); the next answer starts another.
  function openEntry(form) {
    for (var i = outbox.length - 1; i >= 0; i -= 1) {
      var entry = outbox[i];
      if (entry.form === form.dataset.answers && !entry.tried && !entry.files.length) {
        return entry;
      }
    }
    return null;
  }

  function keptFor(form, name) {
    return outbox.some(function (entry) {
      return entry.form === form.dataset.answers && name in entry.fields;
    });
  }

  function photosFor(form) {
    return outbox.reduce(function (count, entry) {
      return count + (entry.form === form.dataset.answers ? entry.files.length : 0);
    }, 0);
  }

  function remove(entry) {
    var index = outbox.indexOf(entry);
    if (index >= 0) {
      outbox.splice(index, 1);
    }
    return drop(entry);
  }

  // --- What the page says -------------------------------------------------------------

  function show(form, name, state, message) {
    var element = form.querySelector('[data-answer-state="' + name + '"]');
    if (element) {
      element.dataset.state = state;
      element.textContent = message;
    }
  }

  // A field with nothing on its way: the result says so when the item holds a comment or
  // photos and no result (data-missing, as the server last said), the others say nothing.
  function idle(form, name) {
    if (name === "result" && "missing" in form.dataset) {
      show(form, name, "missing", text.textNoResult);
    } else {
      show(form, name, "", "");
    }
  }

  function showPhotosWaiting(form) {
    var count = photosFor(form);
    if (count) {
      show(form, "files", "failed", text.textPhotosWaiting.replace("{count}", count));
    }
  }

  function summary() {
    var element = page.querySelector("[data-pending-summary]");
    var answers = new Set();
    var photos = 0;
    outbox.forEach(function (entry) {
      Object.keys(entry.fields).forEach(function (name) {
        answers.add(entry.form + ":" + name);
      });
      photos += entry.files.length;
    });
    var count = answers.size + photos;
    element.hidden = count === 0;
    element.textContent = text.textPending.replace("{count}", count);
  }

  // --- Answers given ------------------------------------------------------------------

  function record(form, name) {
    var value = valueOf(form, name);
    var entry = openEntry(form);
    var server = confirmed.get(form) || {};
    var sentBefore = outbox.some(function (other) {
      return other !== entry && other.form === form.dataset.answers && name in other.fields;
    });
    if (norm(value) === server[name] && !sentBefore) {
      // Back to what the server holds: nothing to send.
      if (entry && name in entry.fields) {
        delete entry.fields[name];
        if (Object.keys(entry.fields).length) {
          store(entry);
        } else {
          remove(entry);
        }
      }
      idle(form, name);
      return;
    }
    entry = entry || newEntry(form);
    if (entry.fields[name] !== value) {
      entry.fields[name] = value;
      entry.time = now();
      store(entry);
    }
    if (navigator.onLine === false) {
      show(form, name, "failed", text.textFailed);
    }
  }

  function photosChosen(form, input) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) {
      return;
    }
    var entry = newEntry(form);
    entry.files = files;
    input.value = ""; // kept in the entry: not sent again with the next answer
    store(entry);
    showPhotosWaiting(form);
  }

  function edited(event) {
    var form = answerForm(event.target.form);
    var name = event.target.name;
    if (!form) {
      return;
    }
    if (name === "files") {
      if (event.type === "change") {
        photosChosen(form, event.target);
        summary();
        flush();
      }
      return;
    }
    if (FIELDS.indexOf(name) < 0) {
      return;
    }
    record(form, name);
    summary();
    window.clearTimeout(typing);
    if (event.type === "change") {
      flush();
    } else {
      typing = window.setTimeout(flush, TYPING_MS);
    }
  }
  page.addEventListener("input", edited);
  page.addEventListener("change", edited);

  // The Save button sends what the form holds (without JavaScript the form posts itself).
  page.addEventListener("submit", function (event) {
    var form = answerForm(event.target);
    if (!form) {
      return;
    }
    event.preventDefault();
    fieldsOf(form).forEach(function (name) {
      record(form, name);
    });
    var files = form.querySelector("input[type=file]");
    if (files) {
      photosChosen(form, files);
    }
    summary();
    flush();
  });

  // --- Sending ------------------------------------------------------------------------

  function nextEntry() {
    for (var i = 0; i < outbox.length; i += 1) {
      var entry = outbox[i];
      if (!refused.has(entry.key) && formNamed(entry.form)) {
        return entry;
      }
    }
    return null;
  }

  function send(form, entry) {
    var data = new FormData();
    var token = cookie("csrftoken");
    if (!token) {
      // No cookie to read: the token of the page (a copy kept offline may be out of date).
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    }
    var item = form.elements.namedItem("item"); // elements.item is a method
    if (item) {
      data.append("item", item.value);
    }
    Object.keys(entry.fields).forEach(function (name) {
      data.append(name, entry.fields[name]);
    });
    entry.files.forEach(function (file) {
      data.append("files", file, file.name || "photo.jpg");
    });
    data.append("key", entry.key);
    var headers = { "HX-Request": "true" };
    if (token) {
      headers["X-CSRFToken"] = token;
    }
    var controller = new AbortController();
    var timer = window.setTimeout(function () {
      controller.abort();
    }, entry.files.length ? PHOTO_TIMEOUT_MS : TIMEOUT_MS);
    return window.fetch(form.action, {
      method: "POST", body: data, headers: headers, credentials: "same-origin",
      signal: controller.signal,
    }).then(function (response) {
      return response.text().then(function (body) {
        return { status: response.status, body: body };
      });
    }).catch(function () {
      return { status: 0, body: "" };
    }).then(function (reply) {
      window.clearTimeout(timer);
      return reply;
    });
  }

  function swap(form, html, saved) {
    var status = form.querySelector(".item-status");
    if (status) {
      status.replaceWith(document.importNode(saved, true));
    }
    var id = form.dataset.photos;
    var photos = id && html.getElementById(id);
    var mine = id && document.getElementById(id);
    if (photos && mine) {
      var fresh = document.importNode(photos, true);
      mine.replaceWith(fresh);
      if (window.htmx) {
        window.htmx.process(fresh);
      }
    }
  }

  // Returns whether to go on with the next entry.
  function received(form, entry, reply) {
    var ok = reply.status >= 200 && reply.status < 300;
    var html = ok ? new DOMParser().parseFromString(reply.body, "text/html") : null;
    var saved = html && html.querySelector('.item-status[data-saved-key="' + entry.key + '"]');
    var names = Object.keys(entry.fields);
    if (!saved) {
      // No answer or a server error: the connection, sent again later. A refusal or a page
      // without the key (the sign-in page): kept, sent again when the page is opened.
      var later = reply.status === 0 || reply.status >= 500;
      if (!later) {
        refused.add(entry.key);
      }
      names.forEach(function (name) {
        show(form, name, "failed", later ? text.textFailed : text.textRefused);
      });
      if (entry.files.length) {
        show(form, "files", "failed", later ? text.textPhotosFailed : text.textRefused);
      }
      return !later;
    }
    // The server has it, or refused it with its reason (a photo that is not one): either
    // way it has answered for this key, and the entry leaves the phone.
    remove(entry);
    swap(form, html, saved);
    var time = saved.dataset.savedAt || clock();
    var server = confirmed.get(form);
    names.forEach(function (name) {
      server[name] = norm(entry.fields[name]);
      if (keptFor(form, name)) {
        show(form, name, "saving", text.textSaving); // answered again meanwhile
      } else {
        show(form, name, "saved", text.textSaved.replace("{time}", time));
      }
    });
    // Whether the server now holds a comment or photos of the item and no result.
    var reply = html.querySelector('[data-answers="' + form.dataset.answers + '"]');
    if (reply && "missing" in reply.dataset) {
      form.dataset.missing = "";
    } else if (reply) {
      delete form.dataset.missing;
    }
    var state = form.querySelector('[data-answer-state="result"]');
    if (!keptFor(form, "result") && state && (state.dataset.state === "missing" ||
        "missing" in form.dataset)) {
      idle(form, "result");
    }
    if (entry.files.length) {
      if ("error" in saved.dataset) {
        // Said under the photos, where it belongs, and not a second time beside Save (a
        // page without scripts has only the latter).
        show(form, "files", "failed", saved.textContent.trim());
        form.querySelector(".item-status").textContent = "";
      } else if (photosFor(form)) {
        showPhotosWaiting(form);
      } else {
        show(form, "files", "saved", text.textPhotosSaved.replace("{time}", time));
      }
    }
    return true;
  }

  function flush() {
    if (sending || navigator.onLine === false) {
      return;
    }
    var entry = nextEntry();
    if (!entry) {
      return;
    }
    var form = formNamed(entry.form);
    sending = true;
    entry.tried = true;
    Object.keys(entry.fields).forEach(function (name) {
      show(form, name, "saving", text.textSaving);
    });
    if (entry.files.length) {
      show(form, "files", "saving", text.textPhotosSaving);
    }
    store(entry).then(function () {
      return send(form, entry);
    }).then(function (reply) {
      sending = false;
      var next = received(form, entry, reply);
      summary();
      if (next) {
        flush();
      }
    });
  }

  window.addEventListener("online", function () {
    refused.clear();
    flush();
  });
  window.addEventListener("offline", function () {
    outbox.forEach(function (entry) {
      var form = formNamed(entry.form);
      if (form) {
        Object.keys(entry.fields).forEach(function (name) {
          show(form, name, "failed", text.textFailed);
        });
        showPhotosWaiting(form);
      }
    });
  });
  window.setInterval(function () {
    if (outbox.length) {
      flush();
    }
  }, RETRY_MS);

  // --- Opening the page: put back what was kept and not yet sent -----------------------

  function restore(kept) {
    forms().forEach(function (form) {
      var server = {};
      fieldsOf(form).forEach(function (name) {
        server[name] = norm(serverValue(form, name));
      });
      confirmed.set(form, server);
    });
    kept.sort(function (a, b) {
      return a.seq - b.seq;
    });
    kept.forEach(function (entry) {
      var form = formNamed(entry.form);
      if (form) {
        var server = confirmed.get(form);
        var serverTime = Number(form.dataset.serverTime || 0) * 1000;
        Object.keys(entry.fields).forEach(function (name) {
          // Saved already, or saved later by someone (the server is newer): drop it.
          if (!form.elements[name] || norm(entry.fields[name]) === server[name] ||
              entry.time <= serverTime) {
            delete entry.fields[name];
          }
        });
        if (!Object.keys(entry.fields).length && !entry.files.length) {
          drop(entry);
          return;
        }
      }
      outbox.push(entry);
      if (!form) {
        return; // an item no longer on the checklist: kept, not sent
      }
      Object.keys(entry.fields).forEach(function (name) {
        form.elements[name].value = entry.fields[name];
        show(form, name, "failed", text.textFailed);
      });
      showPhotosWaiting(form);
    });
    summary();
    flush();
  }

  function start() {
    loadKept().then(restore);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
