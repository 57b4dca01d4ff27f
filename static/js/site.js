/* Newsroom public site: the closable ad slot.
 * Loaded (not deferred) in <head>: it marks the slots closed earlier in this visit
 * before the body is painted, so a closed ad never flashes nor moves the page. */
(function () {
  "use strict";
  var KEY = "newsroom:ads-closed";
  var root = document.documentElement;

  function closedSlots() {
    try {
      return JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
    } catch (error) {
      return [];
    }
  }

  function remember(slot) {
    var slots = closedSlots();
    if (slots.indexOf(slot) === -1) slots.push(slot);
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(slots));
    } catch (error) {
      /* Private browsing without storage: closing still works for this page. */
    }
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
