// Loaded before the widget renderer (vendor/course-widgets) on pages with widgets.
// ipywidgets 8 typesets widget labels and HTMLMath with the MathJax 2 call
// MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]) and Jupyter's $...$ delimiters. This
// site serves MathJax 3 (only on pages with math): map that call onto MathJax 3.
(function () {
  var SKIP = "mjx-container,script,style,pre,code,textarea";
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

  document.addEventListener("DOMContentLoaded", function () {
    var mj = window.MathJax;
    if (!mj || mj.Hub || !mj.startup) return;
    mj.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (Array.isArray(job) && job[0] === "Typeset" && job[2]) {
            mj.startup.promise.then(function () {
              jupyterDelimiters(job[2]);
              return mj.typesetPromise([job[2]]);
            });
          }
        });
      },
    };
  });
})();
