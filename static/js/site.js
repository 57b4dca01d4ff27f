/* Newsroom public site: the closable ad slot and the menu.
 * Loaded (not deferred) in <head>: it marks the slots closed earlier in this visit
 * before the body is painted, so a closed ad never flashes nor moves the page. */
(function () {
  "use strict";
  var KEY = "newsroom:ads-closed";
  // A visit, as audience measurement counts one: it ends after 30 minutes without a
  // page view. Kept in localStorage so that every tab of the visit agrees; each page
  // view pushes the end further.
  var VISIT_MS = 30 * 60 * 1000;
  var root = document.documentElement;
  // The menu is a disclosure on phones only when this script runs; without it the
  // whole list of regions and sections shows (see site.css, ".js").
  root.classList.add("js");

  function read() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch (error) {
      return {};
    }
  }

  function write(slots) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(slots));
    } catch (error) {
      /* Private browsing without storage: closing still works for this page. */
    }
  }

  function closedSlots() {
    var now = Date.now();
    var stored = read();
    var open = [];
    var kept = {};
    Object.keys(stored).forEach(function (slot) {
      if (typeof stored[slot] === "number" && stored[slot] > now) {
        open.push(slot);
        kept[slot] = now + VISIT_MS;
      }
    });
    write(kept);
    return open;
  }

  function remember(slot) {
    var slots = read();
    slots[slot] = Date.now() + VISIT_MS;
    write(slots);
  }

  closedSlots().forEach(function (slot) {
    root.classList.add("ad-closed--" + slot);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ad-close]");
    if (!button) return;
    var container = button.closest("[data-ad-slot]");
    if (!container) return;
    // Keep the box's space: only its content disappears, nothing below moves.
    container.classList.add("ad-slot--closed");
    remember(container.getAttribute("data-ad-slot"));
    var main = document.getElementById("contenu");
    if (main) {
      main.setAttribute("tabindex", "-1");
      main.focus({ preventScroll: true });
    }
  });

  // The "Rubriques" disclosure: a button that shows and hides the menu on phones,
  // Escape closes it and gives the focus back to the button.
  function setUpMenu(menu) {
    var toggle = menu.querySelector(".menu__toggle");
    if (!toggle) return;
    toggle.hidden = false;
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("menu--open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Embeds (articles/body.py): nothing is asked from the provider before the reader
  // clicks "Charger"; then the placeholder gives way to the provider's frame.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".embed__load");
    if (!button) return;
    var embed = button.closest("[data-embed]");
    if (!embed) return;
    var frame = document.createElement("iframe");
    frame.src = embed.getAttribute("data-embed-src");
    frame.title = embed.getAttribute("data-embed-title") || "Contenu externe";
    frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "embed__frame";
    var placeholder = embed.querySelector(".embed__placeholder");
    embed.replaceChild(frame, placeholder);
    embed.classList.add("embed--loaded");
    frame.focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-menu]"), setUpMenu);
  });
})();

/* A form on a page a CDN kept for another reader carries that reader's CSRF token:
 * post the token of this reader's own cookie instead (read before any other submit
 * handler, which may send the form with fetch). */
document.addEventListener(
  "submit",
  function (event) {
    var input = event.target.querySelector && event.target.querySelector('input[name="csrfmiddlewaretoken"]');
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (input && match) input.value = decodeURIComponent(match[1]);
  },
  true
);
