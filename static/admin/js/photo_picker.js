/* The photo picker window (articles/admin_picker.py): hands the chosen photo to the
 * body's editor that opened it, then closes. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-photo-id]");
    if (!button) return;
    var list = button.closest("[data-func-num]");
    var opener = window.opener;
    if (!list || !opener || !opener.CKEDITOR || !opener.CKEDITOR.tools) return;
    opener.CKEDITOR.tools.callFunction(+list.getAttribute("data-func-num"), button.getAttribute("data-photo-url"), {
      id: button.getAttribute("data-photo-id"),
      alternative_text: button.getAttribute("data-photo-alt"),
      caption: button.getAttribute("data-photo-caption"),
    });
    // Closed a moment later, so that the click that chose the photo finishes first.
    window.setTimeout(window.close, 200);
  });
})();
