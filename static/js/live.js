/* An open live page: polls /direct/<id>/ and offers the new posts.
 *
 * Every LIVE_POLL_SECONDS (data-live-every) while the tab is visible, with a little
 * jitter so that readers who opened the page together do not poll together. The browser
 * revalidates with the ETag it keeps (cache: "no-cache"): an unchanged live costs a 304.
 * New posts are never pushed into the text the reader is reading: the polite live region
 * says "N nouveaux messages" and a button, in a slot kept for it (no layout shift), shows
 * them when the reader asks; focus moves only then. Corrections and deletions of posts
 * already shown, and the key posts, are applied in place. Without JavaScript, a reload
 * shows everything.
 */
(function () {
  "use strict";
  var section = document.querySelector("[data-live-url]");
  if (!section || !window.fetch || !window.DOMParser) return;

  var url = section.getAttribute("data-live-url");
  var every = Math.max(1, parseInt(section.getAttribute("data-live-every"), 10) || 15) * 1000;
  var version = section.getAttribute("data-live-version");
  var list = section.querySelector("[data-live-posts]");
  var status = section.querySelector(".live__status");
  var button = section.querySelector("[data-live-show]");
  var auto = section.querySelector("[data-live-auto]");
  var pending = []; // new posts, newest first, not shown yet
  var timer = null;
  var stopped = false;

  function plural(count) {
    return count + (count > 1 ? " nouveaux messages" : " nouveau message");
  }

  function shownIds() {
    var ids = {};
    section.querySelectorAll("[data-live-posts] > [data-post]").forEach(function (item) {
      ids[item.getAttribute("data-post")] = item;
    });
    return ids;
  }

  // The button takes the place of "Mise à jour automatique" in the bar, whose height
  // is kept: nothing below moves.
  function announce() {
    auto.hidden = pending.length > 0 || stopped;
    button.hidden = pending.length === 0;
    if (!pending.length) return;
    var text = plural(pending.length);
    status.textContent = text;
    button.textContent = "Afficher " + text;
  }

  function show() {
    if (!pending.length) return;
    var empty = list.querySelector(".live__empty");
    if (empty) empty.remove();
    var first = null;
    pending
      .slice()
      .reverse()
      .forEach(function (item) {
        list.insertBefore(item, list.firstChild);
        first = item;
      });
    pending = [];
    announce();
    status.textContent = "";
    // The reader asked: take them to the newest post.
    first.setAttribute("tabindex", "-1");
    first.focus();
  }

  function apply(doc) {
    var root = doc.querySelector("[data-live-version]");
    if (!root) return;
    version = root.getAttribute("data-live-version");
    var shown = shownIds();
    var waiting = {};
    pending.forEach(function (item) {
      waiting[item.getAttribute("data-post")] = true;
    });
    var fresh = [];
    var incoming = root.querySelectorAll("[data-live-posts] > [data-post]");
    var oldestIncoming = Infinity;
    incoming.forEach(function (item) {
      var id = item.getAttribute("data-post");
      oldestIncoming = Math.min(oldestIncoming, parseInt(id, 10));
      var current = shown[id];
      if (current) {
        if (current.getAttribute("data-changed") !== item.getAttribute("data-changed")) {
          current.replaceWith(document.importNode(item, true)); // a correction
        }
        delete shown[id];
      } else if (!waiting[id]) {
        fresh.push(document.importNode(item, true));
      }
    });
    // Shown posts within the window of the answer but absent from it were deleted.
    Object.keys(shown).forEach(function (id) {
      if (parseInt(id, 10) > oldestIncoming) shown[id].remove();
    });
    pending = fresh.concat(pending.filter(function (item) {
      return root.querySelector('[data-live-posts] > [data-post="' + item.getAttribute("data-post") + '"]');
    }));
    var pinned = section.querySelector("[data-live-pinned]");
    var newPinned = root.querySelector("[data-live-pinned]");
    if (pinned && newPinned && pinned.innerHTML !== newPinned.innerHTML) {
      pinned.replaceWith(document.importNode(newPinned, true));
    }
    if (fresh.length) announce();
    if (root.getAttribute("data-live-state") !== "running") {
      stop();
      status.textContent = "Ce direct est terminé.";
      auto.textContent = "Ce direct est terminé.";
      auto.classList.add("live__auto--ended");
      auto.hidden = pending.length > 0;
      var badge = section.querySelector(".live-badge");
      if (badge) {
        badge.textContent = "Direct terminé";
        badge.classList.add("live-badge--ended");
      }
    }
  }

  function poll() {
    timer = null;
    fetch(url, { cache: "no-cache", credentials: "omit", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status === 404) {
          stop();
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var root = doc.querySelector("[data-live-version]");
          if (root && root.getAttribute("data-live-version") !== version) apply(doc);
        }
      })
      .catch(function () {
        /* Offline or the server is busy: the next poll tries again. */
      })
      .then(schedule);
  }

  function stop() {
    stopped = true;
    if (timer) window.clearTimeout(timer);
    timer = null;
  }

  function schedule() {
    if (stopped || document.hidden || timer) return;
    timer = window.setTimeout(poll, every * (0.8 + Math.random() * 0.4));
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (timer) window.clearTimeout(timer);
      timer = null;
    } else if (!stopped) {
      timer = window.setTimeout(poll, 500); // back on the tab: look at once
    }
  });

  button.addEventListener("click", show);
  auto.hidden = false;
  schedule();
})();
