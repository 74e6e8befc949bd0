// Self-hosted Jupyter widgets (loaded between require.js and embed-amd.js by nb_ipywidgets_js).
// 1. Tell require.js where the vendored widget manager lives, so its lazy chunks and icon fonts
//    load from this site (embed-amd.js resolves them next to the module that asks for them).
// 2. ipywidgets 8 typesets widget labels and HTMLMath with the MathJax 2 call
//    MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]) and Jupyter's $...$ delimiters. This
//    site serves MathJax 3 (only on pages with math): map that call onto MathJax 3.
(function () {
  var here = document.currentScript.src;
  var base = here.substring(0, here.lastIndexOf("/") + 1) + "vendor/html-manager-1.0.6";
  if (window.require && window.require.config) {
    window.require.config({
      paths: { "@jupyter-widgets/html-manager/dist": base, "@jupyter-widgets": base },
    });
  }

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
