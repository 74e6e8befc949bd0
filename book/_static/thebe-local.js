// Live Code with the thebe bundle served by this site (issue 17).
//
// sphinx-thebe 0.3.1 loads the script named by THEBE_JS_URL when the reader presses Live Code,
// then calls thebelab.on("status", ...) and thebelab.bootstrap(). book/_ext/self_hosting.py
// points THEBE_JS_URL at this file, which stands in for `thebelab` and loads the vendored
// thebe 0.9.3 (vendor/thebe-0.9.3, unmodified) when bootstrap() is called. It bridges what
// differs from the thebe 0.8.2 that sphinx-thebe was written for:
// * thebe 0.9 requests a kernel only when bootstrap() is given requestKernel: true (it reads
//   the argument, not the page's config), so it is passed;
// * thebe 0.9 ships its CSS apart from the script (thebe.css), so it is linked;
// * thebe 0.9 pairs the n-th code cell with the n-th [data-output] element of the page, and
//   sphinx-thebe marks only the cells that have an output: every code cell gets one, in its own
//   cell, so no output lands under another cell. sphinx-thebe also moves each output next to
//   its code, which puts a figure inside the closed "Show code cell source" toggle: outputs go
//   back where the page had them;
// * thebe's typesetter loads MathJax 2 from a CDN: it gets thebe-mathjax.js, which typesets
//   with the vendored MathJax 3;
// * thebe's widget manager fetches require.js 2.3.6 from a CDN (a fixed URL in thebe-core)
//   before it draws a widget: that one URL is answered from vendor/requirejs-2.3.6.
// The only requests that leave this site are thebe's own, to the Binder service.
(function () {
  "use strict";
  var script = document.currentScript;
  var here = (script && script.src ? script.src : "").split("?")[0];
  var base = here.slice(0, here.lastIndexOf("/") + 1); // .../_static/
  var THEBE = base + "vendor/thebe-0.9.3/";
  var REQUIREJS_CDN = "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js";
  var REQUIREJS = base + "vendor/requirejs-2.3.6/require.js";
  var listeners = [];
  var started = null;

  // Where each cell's output is now, before sphinx-thebe rearranges the cells (it runs when
  // this script has loaded).
  var cellSelector = typeof thebe_selector === "string" ? thebe_selector : ".thebe,.cell";
  var outputSelector =
    typeof thebe_selector_output === "string" ? thebe_selector_output : ".output, .cell_output";
  var places = [];
  document.querySelectorAll(cellSelector).forEach(function (cell) {
    var output = cell.querySelector(outputSelector);
    if (output) places.push({ output: output, parent: output.parentNode, next: output.nextSibling });
  });

  function putOutputsBack() {
    places.forEach(function (p) {
      if (p.output.parentNode !== p.parent || p.output.nextSibling !== p.next) {
        p.parent.insertBefore(p.output, p.next && p.next.parentNode === p.parent ? p.next : null);
      }
    });
    document.querySelectorAll(cellSelector).forEach(function (cell) {
      var code = cell.querySelector("[data-executable]");
      if (!code || cell.querySelector("[data-output]")) return;
      var output = document.createElement("div");
      output.className = "cell_output docutils container";
      output.setAttribute("data-output", "");
      var toggle = code.closest("details");
      var inputOnly = toggle && cell.contains(toggle) && !cell.classList.contains("tag_hide-cell");
      var anchor = inputOnly ? toggle : code.closest(".cell_input") || code;
      anchor.insertAdjacentElement("afterend", output);
    });
  }

  function addStylesheet(href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  function addConfig(config) {
    // thebe 0.9 merges every text/x-thebe-config script of the page.
    var tag = document.createElement("script");
    tag.type = "text/x-thebe-config";
    tag.textContent = JSON.stringify(config);
    document.head.appendChild(tag);
  }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () {
        reject(new Error("could not load " + src));
      };
      document.head.appendChild(tag);
    });
  }

  function fail(err) {
    console.error("[thebe-local]", err);
    var button = document.querySelector(".thebe-launch-button");
    if (button) button.textContent = "Live Code could not start: " + err.message;
    throw err;
  }

  window.thebelab = {
    on: function (event, callback) {
      listeners.push([event, callback]);
    },
    bootstrap: function (options) {
      if (started) return started;
      addStylesheet(THEBE + "thebe.css");
      addConfig({ mathjaxUrl: base + "thebe-mathjax.js" });
      putOutputsBack();
      var fetch = window.fetch;
      window.fetch = function (input, init) {
        return fetch.call(window, input === REQUIREJS_CDN ? REQUIREJS : input, init);
      };
      started = load(THEBE + "index.js")
        .then(function () {
          var thebe = window.thebe; // thebe also sets window.thebelab to it
          listeners.forEach(function (l) {
            thebe.on(l[0], l[1]);
          });
          return thebe.bootstrap(Object.assign({ requestKernel: true }, options || {}));
        })
        .catch(fail);
      return started;
    },
  };
})();
