// Accessibility repairs for markup we do not write ourselves (theme, bibliography, ipywidgets).
// Each repair gives assistive technology what it needs; none changes what a sighted reader sees.
(function () {
  "use strict";

  function fixStatic() {
    // Theme search button: its aria-label ("Search") hides the visible "Search Ctrl+K".
    document.querySelectorAll(".search-button__button[aria-label]").forEach(function (b) {
      b.removeAttribute("aria-label");
    });
    // Bibliography: a role="list" needs role="listitem" children.
    document.querySelectorAll('[role="list"].citation-list > *').forEach(function (el) {
      if (!el.getAttribute("role")) el.setAttribute("role", "listitem");
    });
  }

  function fixWidgets(root) {
    // Slider handles (role="slider") are named after their widget's visible label.
    root.querySelectorAll(".widget-slider").forEach(function (w) {
      var label = w.querySelector(".widget-label");
      var name = label ? label.textContent.trim() : "";
      w.querySelectorAll('[role="slider"], .noUi-handle').forEach(function (h) {
        if (name && !h.getAttribute("aria-label")) h.setAttribute("aria-label", name);
      });
    });
    // Outputs that scroll sideways must be reachable from the keyboard.
    root.querySelectorAll(".jp-RenderedHTMLCommon, .jp-OutputArea-output, .cell_output")
      .forEach(function (el) {
        if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
          el.setAttribute("tabindex", "0");
        }
      });
  }

  var pending = false;
  var observer = new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fixWidgets(document);
    });
  });

  function start() {
    fixStatic();
    fixWidgets(document);
    observer.observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  window.addEventListener("load", function () { fixStatic(); fixWidgets(document); });
})();
