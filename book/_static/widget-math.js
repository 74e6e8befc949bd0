// Loaded before the widget renderer (vendor/course-widgets) on pages with widgets.
// ipywidgets 8 typesets widget labels and HTMLMath with the MathJax 2 call
// MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]) and Jupyter's $...$ delimiters, whenever
// window.MathJax exists. This site serves MathJax 3, only on pages with math, and fetches it only
// when a formula nears the screen (book/_ext/lazy_assets.py): until then window.MathJax is the
// configuration object. Map the call onto MathJax 3, keep elements that wait for it, and put the
// shim back on the object MathJax installs when it loads.
//
// Upstream: ipywidgets' typeset() still makes the MathJax 2 call, which throws under MathJax 3
// (MathJax.Hub was removed), https://github.com/jupyter-widgets/ipywidgets/issues/3829 (open
// when checked, 2026-12; the vendored @jupyter-widgets/base 6.0.12 has
// window.MathJax !== void 0 && MathJax.Hub.Queue([...])); moving typesetting to the widget
// manager is https://github.com/jupyter-widgets/ipywidgets/issues/3849. Delete this file when the
// renderer's ipywidgets typesets with MathJax 3 (or through the manager's latexTypesetter).
(function () {
  var SKIP = "mjx-container,script,style,pre,code,textarea";
  var config = window.MathJax;
  if (!config) return; // no math on this page: ipywidgets does not typeset
  var waiting = [];

  function jupyterDelimiters(element) {
    // $$..$$ -> \[..\], $..$ -> \(..\); \$ stays. Not an upstream bug: MathJax 3's TeX input
    // has no $..$ inline delimiter by default, and ipywidgets relies on the page's MathJax
    // configuration (Jupyter configures $..$); this site keeps MathJax 3's defaults.
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      if (node.parentElement && node.parentElement.closest(SKIP)) return;
      var text = node.nodeValue;
      if (text.indexOf("$") < 0) return;
      node.nodeValue = text
        .replace(/\$\$([^$]+)\$\$/g, "\\[$1\\]")
        .replace(/(^|[^\\])\$([^$]*?[^$\\])\$/g, "$1\\($2\\)");
    });
  }

  function typeset(element) {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.typesetPromise) {
      mj.startup.promise.then(function () {
        jupyterDelimiters(element);
        return mj.typesetPromise([element]);
      });
      return;
    }
    waiting.push(element);
    var text = element.textContent || "";
    if ((text.indexOf("$") >= 0 || text.indexOf("\\(") >= 0) && window.courseLoadMathJax) {
      window.courseLoadMathJax(); // a widget shows math: fetch MathJax now
    }
  }

  var hub = {
    Queue: function () {
      Array.prototype.forEach.call(arguments, function (job) {
        if (Array.isArray(job) && job[0] === "Typeset" && job[2]) typeset(job[2]);
      });
    },
  };
  config.Hub = hub;
  config.startup = config.startup || {};
  // Not an upstream bug: MathJax 3 replaces window.MathJax (this configuration object) when it
  // loads, so the shim is put back on the new object once MathJax is ready.
  var ready = config.startup.ready;
  config.startup.ready = function () {
    if (ready) ready();
    else window.MathJax.startup.defaultReady();
    window.MathJax.Hub = hub;
    window.MathJax.startup.promise.then(function () {
      waiting.splice(0).forEach(typeset);
    });
  };
})();
