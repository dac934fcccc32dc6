/* The visit form on a phone: no answer is lost on a weak connection.

   Each answer (an item's result and comment, the overall finding, the recommendations)
   says its own state next to it: saving while its request is out, saved only when the
   server answered 2xx with the same text as saved (data-saved-* of the swapped status),
   not saved when the request failed (no network, timeout, 5xx) or the answer did not
   come back (4xx, or the login page after the session ended).

   Until an answer is confirmed saved it is kept in localStorage under
   "thanrak:visit:<visit>:<form>:<field>" with its value and time (on the server's clock).
   On load a kept answer newer than what the server last saved goes back into the form and
   is sent; kept answers are sent again when the connection returns ("online") and every
   15 seconds while any is waiting. Photos are not kept: a failed upload says so.
   The forms post with htmx; a "resend" event on a form sends it again. */
(function () {
  "use strict";

  var page = document.querySelector("[data-visit-answers]");
  if (!page) {
    return;
  }
  var FIELDS = ["result", "comment", "overall", "recommendations"];
  var RETRY_MS = 15000;
  var TIMEOUT_MS = 20000; // a text answer
  var PHOTO_TIMEOUT_MS = 180000; // photos from the camera on a slow line
  var visit = page.dataset.visitAnswers;
  var text = page.dataset;
  // The server's clock minus this phone's: kept answers are compared with the time the
  // server last saved the finding, so a phone clock that is off does not drop them.
  var offset = Number(page.dataset.serverNow) * 1000 - Date.now();
  var confirmed = new Map(); // form -> {field: the value the server holds (normalised)}
  var inflight = new Map(); // form -> {sent: {field: value}, photos: count}

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
    return pad(date.getHours()) + "." + pad(date.getMinutes());
  }

  function answerForm(element) {
    return element instanceof HTMLFormElement && element.matches("form[data-answers]") &&
      page.contains(element) ? element : null;
  }

  function forms() {
    return Array.prototype.slice.call(page.querySelectorAll("form[data-answers]"));
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

  function dirty(form, name) {
    // Before the page has read what the server holds, every answer counts as unsaved.
    var server = confirmed.get(form);
    return !server || norm(valueOf(form, name)) !== server[name];
  }

  // --- The browser's store of answers not yet saved -------------------------------------

  function key(form, name) {
    return "thanrak:visit:" + visit + ":" + form.dataset.answers + ":" + name;
  }

  function kept(form, name) {
    try {
      var raw = window.localStorage.getItem(key(form, name));
      return raw ? JSON.parse(raw) : null;
    } catch (error) {
      return null;
    }
  }

  function keep(form, name, value) {
    var entry = kept(form, name);
    if (entry && entry.value === value) {
      return;
    }
    try {
      window.localStorage.setItem(key(form, name), JSON.stringify({ value: value, time: now() }));
    } catch (error) {
      // Storage full or refused: the answer still goes out, it is only not kept.
    }
  }

  function forget(form, name) {
    try {
      window.localStorage.removeItem(key(form, name));
    } catch (error) {
      // Nothing kept.
    }
  }

  function waiting() {
    var count = 0;
    forms().forEach(function (form) {
      fieldsOf(form).forEach(function (name) {
        if (kept(form, name)) {
          count += 1;
        }
      });
    });
    return count;
  }

  // --- What the page says -----------------------------------------------------------

  function show(form, name, state, message) {
    var element = form.querySelector('[data-answer-state="' + name + '"]');
    if (element) {
      element.dataset.state = state;
      element.textContent = message;
    }
  }

  function summary() {
    var element = page.querySelector("[data-pending-summary]");
    var count = waiting();
    element.hidden = count === 0;
    element.textContent = text.textPending.replace("{count}", count);
  }

  // --- Answers given ------------------------------------------------------------------

  function edited(event) {
    var form = answerForm(event.target.form);
    var name = event.target.name;
    if (!form || FIELDS.indexOf(name) < 0) {
      return;
    }
    if (dirty(form, name)) {
      keep(form, name, valueOf(form, name));
    } else {
      forget(form, name); // back to what the server holds
    }
    summary();
  }
  page.addEventListener("input", edited);
  page.addEventListener("change", edited);

  // The values htmx is about to send: what differs from the server is "saving".
  document.addEventListener("htmx:configRequest", function (event) {
    var form = answerForm(event.target);
    if (!form) {
      return;
    }
    var sent = {};
    fieldsOf(form).forEach(function (name) {
      if (dirty(form, name)) {
        sent[name] = valueOf(form, name);
        keep(form, name, sent[name]);
      }
    });
    var files = form.querySelector("input[type=file]");
    var photos = files ? files.files.length : 0;
    inflight.set(form, { sent: sent, photos: photos });
    event.detail.timeout = photos ? PHOTO_TIMEOUT_MS : TIMEOUT_MS;
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = answerForm(event.target);
    var request = form && inflight.get(form);
    if (!request) {
      return;
    }
    Object.keys(request.sent).forEach(function (name) {
      show(form, name, "saving", text.textSaving);
    });
    if (request.photos) {
      show(form, "files", "saving", text.textPhotosSaving);
    }
    summary();
  });

  // What the server holds after the request: the data-saved-* of the status it sent back.
  function savedIn(xhr) {
    if (!xhr || xhr.status < 200 || xhr.status >= 300 || !xhr.responseText) {
      return null;
    }
    var html = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var status = html.querySelector(".item-status[data-saved]");
    return status ? status.dataset : null;
  }

  function savedName(name) {
    return "saved" + name.charAt(0).toUpperCase() + name.slice(1); // dataset key
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = answerForm(event.target);
    var request = form && inflight.get(form);
    if (!request) {
      return;
    }
    inflight.delete(form);
    var xhr = event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    var saved = event.detail.successful ? savedIn(xhr) : null;
    // No answer or a server error: the connection; a refusal or a page without the saved
    // answer (the login page after the session ended): the system did not take it.
    var failure = status === 0 || status >= 500 ? text.textFailed : text.textRefused;
    var time = (saved && saved.savedAt) || clock();
    var again = false;
    Object.keys(request.sent).forEach(function (name) {
      var value = saved ? saved[savedName(name)] : undefined;
      if (value === undefined || norm(value) !== norm(request.sent[name])) {
        show(form, name, "failed", failure);
        return;
      }
      if (confirmed.has(form)) {
        confirmed.get(form)[name] = norm(value);
      }
      if (dirty(form, name)) {
        again = true; // changed while it was being sent
        show(form, name, "saving", text.textSaving);
      } else {
        forget(form, name);
        show(form, name, "saved", text.textSaved.replace("{time}", time));
      }
    });
    if (request.photos) {
      if (saved && !("error" in saved)) {
        show(form, "files", "saved", text.textPhotosSaved.replace("{time}", time));
      } else {
        show(form, "files", "failed", text.textPhotosFailed);
      }
    }
    summary();
    if (again) {
      window.setTimeout(function () {
        resend(form);
      }, 0);
    }
  });

  // --- Sending again ----------------------------------------------------------------

  function resend(form) {
    if (!inflight.has(form) && window.htmx) {
      window.htmx.trigger(form, "resend");
    }
  }

  function resendWaiting() {
    if (navigator.onLine === false) {
      return;
    }
    forms().forEach(function (form) {
      if (fieldsOf(form).some(function (name) { return kept(form, name); })) {
        resend(form);
      }
    });
  }

  window.addEventListener("online", resendWaiting);
  window.setInterval(function () {
    if (waiting()) {
      resendWaiting();
    }
  }, RETRY_MS);

  // --- Loading the page: put back what was kept and not saved -------------------------

  function restore() {
    forms().forEach(function (form) {
      var server = {};
      fieldsOf(form).forEach(function (name) {
        server[name] = norm(serverValue(form, name));
      });
      confirmed.set(form, server);
      var serverTime = Number(form.dataset.serverTime || 0) * 1000;
      fieldsOf(form).forEach(function (name) {
        var entry = kept(form, name);
        if (!entry) {
          return;
        }
        // Saved already, or saved later by someone (the server is newer): drop it.
        if (norm(entry.value) === server[name] || entry.time <= serverTime) {
          forget(form, name);
          return;
        }
        form.elements[name].value = entry.value;
        show(form, name, "failed", text.textFailed);
      });
    });
    summary();
    // htmx binds the forms once the document is parsed: send what came back after it.
    window.setTimeout(resendWaiting, 0);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
