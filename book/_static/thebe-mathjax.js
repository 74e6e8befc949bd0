// thebe's typesetter for Live Code outputs, with the vendored MathJax 3 (issue 17).
//
// thebe 0.9 typesets an output (and every widget label, on a page without maths) by loading
// MathJax 2 from a CDN and calling MathJax.Hub.Config / Register.StartupHook / Configured /
// Queue(["Typeset", MathJax.Hub, element]). thebe-local.js gives thebe this file instead. On a
// page with maths and widgets, widget-math.js already maps Hub.Queue onto MathJax 3: it is
// completed with the calls thebe makes. Elsewhere this file maps them itself and fetches the
// vendored MathJax 3 only when an element holds maths.
(function () {
  "use strict";
  var noop = function () {};
  var current = window.MathJax;
  if (current && current.Hub && current.Hub.Queue) {
    current.Hub.Config = current.Hub.Config || noop;
    current.Hub.Configured = current.Hub.Configured || noop;
    current.Hub.Register = current.Hub.Register || { StartupHook: noop };
    return;
  }
  var script = document.currentScript;
  var here = (script && script.src ? script.src : "").split("?")[0];
  var src = here.slice(0, here.lastIndexOf("/") + 1) + "vendor/mathjax-3.2.2/tex-chtml.js";
  var MATH = /\$|\\\(|\\\[|\\begin\{/;
  var waiting = [];
  var requested = false;

  function loaded() {
    var mj = window.MathJax;
    return mj && mj.typesetPromise && mj.startup && mj.startup.promise;
  }

  function typeset(element) {
    if (!element || !MATH.test(element.textContent || "")) return;
    if (loaded()) {
      window.MathJax.startup.promise.then(function () {
        return window.MathJax.typesetPromise([element]);
      });
      return;
    }
    waiting.push(element);
    if (requested) return;
    requested = true;
    var config = window.MathJax || {};
    config.tex = Object.assign(
      {
        inlineMath: [["$", "$"], ["\\(", "\\)"]],
        displayMath: [["$$", "$$"], ["\\[", "\\]"]],
        processEscapes: true,
      },
      config.tex || {}
    );
    config.startup = Object.assign({}, config.startup || {}, {
      typeset: false,
      ready: function () {
        window.MathJax.startup.defaultReady();
        window.MathJax.Hub = hub;
        window.MathJax.startup.promise.then(function () {
          waiting.splice(0).forEach(typeset);
        });
      },
    });
    config.Hub = hub;
    window.MathJax = config;
    if (window.courseLoadMathJax) {
      window.courseLoadMathJax(); // the page's own loader (book/_ext/lazy_assets.py)
    } else {
      var tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      document.head.appendChild(tag);
    }
  }

  var hub = {
    Config: noop,
    Configured: noop,
    Register: { StartupHook: noop },
    Queue: function () {
      Array.prototype.forEach.call(arguments, function (job) {
        if (Array.isArray(job) && job[0] === "Typeset") typeset(job[2]);
      });
    },
  };
  window.MathJax = Object.assign(current || {}, { Hub: hub });
})();
