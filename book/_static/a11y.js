// Accessibility repairs for markup we do not write ourselves (theme, bibliography, ipywidgets).
// Each repair gives assistive technology what it needs; none changes what a sighted reader sees.
// Each names the upstream issue it works around, or, where none was found (searched 2026-12),
// the bug and the version that shows it: delete a repair when its upstream is fixed.
(function () {
  "use strict";

  var citations = 0;

  function fixStatic() {
    // Citations: the full reference was only in a title attribute, a tooltip for the mouse
    // alone. It becomes the link's description for screen readers and a tooltip on hover and
    // on keyboard focus (course.css); a tap still follows the link to the bibliography entry.
    // Upstream: sphinxcontrib-bibtex 2.7.0's citation tooltips are the title attribute
    // (https://github.com/mcmtroffaes/sphinxcontrib-bibtex/pull/251, for issue #198); no issue
    // about their accessibility found. Its bibtex_tooltips = False drops the title, and the
    // reference with it.
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
    // Upstream: no issue found. pydata-sphinx-theme 0.17.1 gives the search button
    // aria-label="Search" over the visible "Search Ctrl+K" (WCAG 2.5.3 Label in Name, axe
    // label-content-name-mismatch); the shortcut text itself is
    // https://github.com/pydata/pydata-sphinx-theme/issues/1499 (closed, not about the name).
    document.querySelectorAll("button[aria-label], a[aria-label]").forEach(function (el) {
      var text = (el.textContent || "").replace(/\s+/g, " ").trim();
      var label = el.getAttribute("aria-label");
      if (text && label.toLowerCase().indexOf(text.toLowerCase()) === -1) {
        el.setAttribute("aria-label", text + " (" + label + ")");
      }
    });
    // Toggle summaries ("Show code cell outputs"): their visible text is the better name.
    // Upstream: no issue found. myst-nb 1.4.0 writes <summary aria-label="Toggle hidden
    // content"> over the visible prompt (visit_HideCellInput in myst_nb/sphinx_.py), and
    // sphinx-togglebutton 0.4.5's togglebutton.js the same label on its toggles.
    document.querySelectorAll("summary[aria-label]").forEach(function (el) {
      if ((el.textContent || "").trim()) el.removeAttribute("aria-label");
    });
    // Bibliography: the citation list holds bare anchors besides its entries, so it is not a
    // list in the ARIA sense; drop the role rather than claim a structure it does not have.
    // Upstream: docutils 0.21.2's HTML writer (under Sphinx 7.4) writes
    // <div role="list" class="citation-list"> whatever the list holds (axe
    // aria-required-children); docutils tracks bugs on SourceForge, not searched here. The same
    // element's other bug: https://github.com/sphinx-doc/sphinx/issues/10784.
    document.querySelectorAll('[role="list"].citation-list').forEach(function (el) {
      el.removeAttribute("role");
    });
  }

  function fixWidgets(root) {
    // Slider handles (role="slider") are named after their widget's visible label.
    // Upstream: no ipywidgets issue found. @jupyter-widgets/controls 5.0.13 builds sliders with
    // noUiSlider 15.4.0 and gives the handle no name (axe aria-input-field-name); noUiSlider's
    // handleAttributes option could carry it
    // (https://github.com/leongersen/noUiSlider/issues/1223).
    root.querySelectorAll(".widget-slider").forEach(function (w) {
      var label = w.querySelector(".widget-label");
      var name = label ? label.textContent.trim() : "";
      w.querySelectorAll('[role="slider"], .noUi-handle').forEach(function (h) {
        if (name && !h.getAttribute("aria-label")) h.setAttribute("aria-label", name);
      });
    });
    // Outputs that scroll sideways must be reachable from the keyboard (axe
    // scrollable-region-focusable). Upstream: the same bug in Jupyter Book 2's theme,
    // https://github.com/jupyter-book/myst-theme/issues/743, and in thebe's outputs,
    // https://github.com/jupyter-book/thebe/issues/794; none found for myst-nb 1.4.0's output
    // areas or ipywidgets' Output widget, which this site uses.
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
