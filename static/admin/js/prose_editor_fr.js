/* The body editor's buttons in French: django-prose-editor writes its tooltips in
 * English ("bold", "heading 2") without passing them through gettext, so this
 * renames each button's title and aria-label once the editors are built. */
(function () {
  "use strict";
  var FRENCH = {
    bold: "Gras",
    italic: "Italique",
    underline: "Souligné",
    strike: "Barré",
    subscript: "Indice",
    superscript: "Exposant",
    "unordered list": "Liste à puces",
    "ordered list": "Liste numérotée",
    blockquote: "Citation",
    "horizontal rule": "Filet de séparation",
    "insert link": "Insérer un lien",
    "remove link": "Retirer le lien",
    undo: "Annuler",
    redo: "Rétablir",
    paragraph: "Paragraphe",
    "heading 2": "Intertitre",
    "heading 3": "Sous-intertitre",
    "heading 4": "Intertitre de niveau 4",
    figure: "Photo de la photothèque",
    "Insert table": "Insérer un tableau",
    "Merge cells": "Fusionner les cellules",
    "Split cell": "Scinder la cellule",
    "edit HTML": "Modifier le HTML",
    "Code": "Code",
    "Code block": "Bloc de code",
    "Toggle fullscreen": "Plein écran",
    "Styles": "Styles",
  };

  function translate(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[title], [aria-label]"), function (element) {
      ["title", "aria-label"].forEach(function (name) {
        var value = element.getAttribute(name);
        if (value && Object.prototype.hasOwnProperty.call(FRENCH, value)) {
          element.setAttribute(name, FRENCH[value]);
        }
      });
    });
  }

  function watch() {
    Array.prototype.forEach.call(document.querySelectorAll(".prose-editor"), translate);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        Array.prototype.forEach.call(mutation.addedNodes, function (node) {
          if (node.nodeType === 1) translate(node.closest(".prose-editor") || node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
