// Accessibility repairs for markup we do not write ourselves (theme, bibliography, ipywidgets).
// Each repair gives assistive technology what it needs; none changes what a sighted reader sees.
(function () {
  "use strict";

  var citations = 0;

  function fixStatic() {
    // Citations: the full reference was only in a title attribute, a tooltip for the mouse
    // alone. It becomes the link's description for screen readers and a tooltip on hover and
    // on keyboard focus (course.css); a tap still follows the link to the bibliography entry.
    document
      .querySelectorAll('.bd-article a.reference.internal[href*="bibliography.html#"][title]')
      .forEach(function (a) {
        var note = document.createElement("span");
        note.id = "cite-note-" + ++citations;
        note.hidden = true;
        note.textContent = a.getAttribute("title");
        a.setAttribute("data-cite", a.getAttribute("title"));
        a.setAttribute("aria-describedby", note.id);
        a.removeAttribute("title");
        a.insertAdjacentElement("afterend", note);
      });
    // Theme buttons and links whose aria-label leaves out their visible text (the search
    // button's "Ctrl+K", the colour-mode button's mode): the name must contain what is seen.
    document.querySelectorAll("button[aria-label], a[aria-label]").forEach(function (el) {
      var text = (el.textContent || "").replace(/\s+/g, " ").trim();
      var label = el.getAttribute("aria-label");
      if (text && label.toLowerCase().indexOf(text.toLowerCase()) === -1) {
        el.setAttribute("aria-label", text + " (" + label + ")");
      }
    });
    // Toggle summaries ("Show code cell outputs"): their visible text is the better name.
    document.querySelectorAll("summary[aria-label]").forEach(function (el) {
      if ((el.textContent || "").trim()) el.removeAttribute("aria-label");
    });
    // Bibliography: the citation list holds bare anchors besides its entries, so it is not a
    // list in the ARIA sense; drop the role rather than claim a structure it does not have.
    document.querySelectorAll('[role="list"].citation-list').forEach(function (el) {
      el.removeAttribute("role");
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
      fixStatic();
      fixWidgets(document);
    });
  });

  function start() {
    fixStatic();
    fixWidgets(document);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  window.addEventListener("load", function () { fixStatic(); fixWidgets(document); });
})();
