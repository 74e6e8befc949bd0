// Loaded before the widget renderer (vendor/course-widgets) on pages with widgets.
// ipywidgets 8 typesets widget labels and HTMLMath with the MathJax 2 call
// MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]) and Jupyter's $...$ delimiters, whenever
// window.MathJax exists. This site serves MathJax 3, only on pages with math, and fetches it only
// when a formula nears the screen (book/_ext/local_assets.py): until then window.MathJax is the
// configuration object. Map the call onto MathJax 3, keep elements that wait for it, and put the
// shim back on the object MathJax installs when it loads.
(function () {
  var SKIP = "mjx-container,script,style,pre,code,textarea";
  var config = window.MathJax;
  if (!config) return; // no math on this page: ipywidgets does not typeset
  var waiting = [];

  function jupyterDelimiters(element) {
    // $$..$$ -> \[..\], $..$ -> \(..\) (MathJax 3 has no $ delimiters by default); \$ stays.
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
