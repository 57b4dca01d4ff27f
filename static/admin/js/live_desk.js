/* A live's desk: Ctrl+Enter (Cmd+Enter on a Mac) in the quick form publishes the post.
 * Listened for in the capture phase, before the editor turns the key into a new line. */
(function () {
  "use strict";
  document.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      var form = event.target.closest && event.target.closest("[data-live-quick-form]");
      if (!form) return;
      event.preventDefault();
      event.stopPropagation();
      if (form.dataset.sending) return; // one post per press, however long the key is held
      form.dataset.sending = "1";
      form.requestSubmit(form.querySelector("[data-live-send]"));
    },
    true
  );
})();
