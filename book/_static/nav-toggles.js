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
  // The whole-book PDF (scripts/build --pdf writes it to the site root) in the download menu,
  // next to the theme's per-page "Print to PDF", so it is one tap away on every page.
  function addBookPdf() {
    var menu = document.querySelector(".dropdown-download-buttons .dropdown-menu");
    var root = document.documentElement.getAttribute("data-content_root");
    if (!menu || root === null) return;
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + "going-global.pdf";
    link.className = "btn btn-sm dropdown-item";
    link.title = "Download the whole book as a PDF";
    link.innerHTML =
      '<span class="btn__icon-container"><i class="fas fa-file-pdf"></i></span>' +
      '<span class="btn__text-container">Book (PDF)</span>';
    item.appendChild(link);
    menu.appendChild(item);
  }
  function init() {
    forward(".primary-toggle");
    forward(".secondary-toggle");
    addBookPdf();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
