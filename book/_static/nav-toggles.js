// Local fix for the chapters (☰) and page-contents (☷) buttons with pydata-sphinx-theme 0.17 and
// sphinx-book-theme 1.3 (upstream pydata/pydata-sphinx-theme#2451, sphinx-book-theme#988).
// PST 0.17 adds a hidden pair of toggles in #pst-header; both themes bind only the FIRST
// `.primary-toggle` / `.secondary-toggle` in the document, so the visible buttons in the article
// header get no listener and do nothing. Here every other toggle forwards its click to the
// bound one, which opens the drawer below 992 px and collapses the sidebar above it.
(function () {
  "use strict";
  function forward(selector) {
    var all = document.querySelectorAll(selector);
    if (all.length < 2) return;
    var bound = all[0];
    Array.prototype.slice.call(all, 1).forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
        button.blur();
      });
    });
  }
  function init() {
    forward(".primary-toggle");
    forward(".secondary-toggle");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
