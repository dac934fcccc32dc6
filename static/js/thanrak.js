/* Thanrak: the few behaviours of the pages, bound by data attributes.
   The Content-Security-Policy allows scripts from our own origin only, so no template
   carries an inline <script>, an on…= handler or hx-on; they are all here instead.
   Loaded with defer from base.html; listeners sit on the document, so content that
   htmx swaps in later works too. */
(function () {
  "use strict";

  function closest(event, selector) {
    return event.target instanceof Element ? event.target.closest(selector) : null;
  }

  // A form's error summary takes the focus, so its links to the fields are read first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  });

  // A row of tabs that scrolls sideways (a center's records on a phone) shows the page's own
  // tab, wherever it stands in the row; the page itself does not move. The side with more
  // tabs beyond it fades out (data-more-left / data-more-right, thanrak.css): a sign that
  // the row scrolls.
  function markEdges(nav) {
    var beyond = nav.scrollWidth - nav.clientWidth - nav.scrollLeft;
    nav.toggleAttribute("data-more-left", nav.scrollLeft > 1);
    nav.toggleAttribute("data-more-right", beyond > 1);
  }
  function showCurrentTab(nav) {
    var current = nav.querySelector("[aria-current=page]");
    if (current && nav.scrollWidth > nav.clientWidth) {
      var left = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
      nav.scrollLeft += left - (nav.clientWidth - current.offsetWidth) / 2;
    }
    markEdges(nav);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".record-nav").forEach(function (nav) {
      showCurrentTab(nav);
      nav.addEventListener("scroll", function () { markEdges(nav); }, { passive: true });
      window.addEventListener("resize", function () { markEdges(nav); });
    });
  });
  // The page's fonts, once loaded, make the tabs wider than they were measured: the last
  // tab would be left cut at the row's edge.
  window.addEventListener("load", function () {
    document.querySelectorAll(".record-nav").forEach(showCurrentTab);
  });

  // The header's menu button ([data-menu-toggle], shown on a phone): folds the account's
  // links (language, profile, log out) away and shows them on a press; Escape or a press
  // outside folds them again. Without this script they stay in sight.
  function foldMenu(toggle, folded) {
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    menu.toggleAttribute("data-folded", folded);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-menu-toggle]").forEach(function (toggle) {
      toggle.hidden = false;
      foldMenu(toggle, true);
    });
  });
  document.addEventListener("click", function (event) {
    var toggle = closest(event, "[data-menu-toggle]");
    document.querySelectorAll("[data-menu-toggle][aria-expanded=true]").forEach(function (open) {
      var menu = document.getElementById(open.getAttribute("aria-controls"));
      if (open !== toggle && !menu.contains(event.target)) {
        foldMenu(open, true);
      }
    });
    if (toggle) {
      foldMenu(toggle, toggle.getAttribute("aria-expanded") === "true");
    }
  });
  document.addEventListener("keydown", function (event) {
    var open = document.querySelector("[data-menu-toggle][aria-expanded=true]");
    if (event.key === "Escape" && open) {
      var menu = document.getElementById(open.getAttribute("aria-controls"));
      var inside = menu.contains(document.activeElement) || document.activeElement === open;
      foldMenu(open, true);
      if (inside) {
        open.focus(); // back to its button, not left on a link now hidden
      }
    }
  });

  // A table that scrolls sideways and holds nothing that takes the focus takes it itself,
  // so that it can be scrolled from the keyboard.
  function focusScrollingTables(root) {
    root.querySelectorAll(".table-wrap:not([tabindex])").forEach(function (wrap) {
      var focusable = wrap.querySelector("a[href], button, input, select, textarea, [tabindex]");
      if (!focusable && wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusScrollingTables(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    focusScrollingTables(event.target);
  });

  // A part of the page drawn again from the page itself (hx-select: the meeting's roster
  // for its date) is swapped only when the answer holds that part: a sign-in page after
  // the session ended, or an error page, leaves what is there in place. A box ticked or
  // cleared while the answer was on its way keeps what the person did: the answer was
  // drawn from the ticks sent with the request.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig;
    var source = config && config.elt; // the element that asked (detail.elt is the target)
    var select = source && source.getAttribute("hx-select");
    if (!select || !event.detail.shouldSwap) {
      return;
    }
    var answer = new DOMParser().parseFromString(event.detail.serverResponse || "", "text/html");
    var part = answer.querySelector(select);
    if (!part) {
      event.detail.shouldSwap = false;
      return;
    }
    var live = {};
    event.detail.target.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      live[box.name + "\n" + box.value] = box.checked;
    });
    var answered = {};
    part.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var key = box.name + "\n" + box.value;
      answered[key] = true;
      if (key in live) {
        box.toggleAttribute("checked", live[key]);
      }
    });
    // A box ticked since the request that the answer does not list (the answer lists every
    // one sent): ask again, once, with it.
    var unlisted = Object.keys(live).some(function (key) {
      return live[key] && !answered[key];
    });
    if (unlisted && !source.hasAttribute("data-asked-again")) {
      source.setAttribute("data-asked-again", "");
      event.detail.shouldSwap = false;
      source.dispatchEvent(new Event("change"));
      return;
    }
    source.removeAttribute("data-asked-again");
    event.detail.serverResponse = answer.documentElement.outerHTML;
  });

  // A file input of core.forms.PickFileInput: the names of the chosen files beside its
  // button (up to three, then their count), or that none is chosen.
  function showChosenFiles(input) {
    var names = input.parentElement.querySelector("[data-file-names]");
    if (!names) {
      return;
    }
    var files = Array.prototype.map.call(input.files || [], function (file) {
      return file.name;
    });
    if (!files.length) {
      names.textContent = names.dataset.none;
    } else if (files.length <= 3) {
      names.textContent = files.join(", ");
    } else {
      names.textContent = names.dataset.many.replace("{count}", files.length);
    }
  }
  function showAllChosenFiles(root) {
    root.querySelectorAll(".file-pick input[type=file]").forEach(showChosenFiles);
  }
  document.addEventListener("DOMContentLoaded", function () {
    showAllChosenFiles(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    showAllChosenFiles(event.target);
  });
  document.addEventListener("change", function (event) {
    var input = closest(event, ".file-pick input[type=file]");
    if (input) {
      showChosenFiles(input);
    }
  });

  // <select data-autosubmit>: choosing an option submits its form (the fiscal-year filters).
  document.addEventListener("change", function (event) {
    var field = closest(event, "[data-autosubmit]");
    if (field && field.form) {
      field.form.submit();
    }
  });

  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    if (closest(event, "[data-print]")) {
      window.print();
    }
  });

  // <form data-confirm="Question?">: ask before submitting (deleting a record).
  document.addEventListener("submit", function (event) {
    var form = closest(event, "form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
