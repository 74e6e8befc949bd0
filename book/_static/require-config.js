// Self-hosted Jupyter widgets: tell require.js where the vendored widget manager lives, so its
// fonts load from this site (not from a path under the page), and give ipywidgets the MathJax 2
// call it makes (MathJax.Hub.Queue) on top of the MathJax 3 this site serves.
(function () {
  var here = document.currentScript.src;
  var base = here.substring(0, here.lastIndexOf("/") + 1) + "vendor/html-manager-1.0.6";
  if (window.require && window.require.config) {
    // Fonts are fetched next to the module that asks for them: the manager's own
    // (@jupyter-widgets/html-manager/dist/...) or the controls' (@jupyter-widgets/...).
    window.require.config({
      paths: { "@jupyter-widgets/html-manager/dist": base, "@jupyter-widgets": base },
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var mj = window.MathJax;
    if (!mj || mj.Hub || !mj.startup) return;
    mj.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (Array.isArray(job) && job[0] === "Typeset" && job[2]) {
            mj.startup.promise.then(function () { return mj.typesetPromise([job[2]]); });
          }
        });
      },
    };
  });
})();
