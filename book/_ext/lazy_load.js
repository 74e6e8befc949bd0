// The page's lazy loader for one big script: MathJax (1.2 MB) or the widget renderer (1.3 MB
// unpacked). book/_ext/lazy_assets.py puts this file, without these comment lines, inline in a
// page in place of the script's own tag, and fills in __ARGUMENTS__: the script's URL, the
// selector of what needs it (formulas, or saved widget views), the selector of the box to watch
// for a widget view (which is not drawn itself) or null, and the name of the global function
// that loads it at once (book/_static/widget-math.js and thebe-mathjax.js call
// courseLoadMathJax, the site tests courseLoadWidgets). The script is fetched when what needs it
// comes within a screen's height of the viewport, or before printing, so that a page shows its
// text first. A script added this way runs as soon as it arrives (async).
(function (src, selector, box, name) {
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  }
  function watch() {
    var found = document.querySelectorAll(selector);
    if (!found.length) return;
    if (!("IntersectionObserver" in window)) return load();
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        near.disconnect();
        load();
      }
    }, { rootMargin: "100% 0px" });
    found.forEach(function (el) { near.observe(box ? el.closest(box) || el.parentElement : el); });
  }
  window[name] = load;
  window.addEventListener("beforeprint", load);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})(__ARGUMENTS__);
