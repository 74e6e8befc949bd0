#!/usr/bin/env bash
# Re-create book/_static/vendor from the npm registry, with pinned versions.
#
# The vendored files are committed, so building the book needs no network; run this only to
# refresh or update them (it needs `npm` and the npm registry). It builds the widget renderer
# from js/course-widgets with `npm ci` (exact versions, integrity hashes from the lock file) and
# esbuild, downloads MathJax with `npm pack`, and copies only the files the site loads (see
# book/_static/vendor/README.md and
# docs/static-assets.md). If you change a version, also change the folder names in
# _config.yml (mathjax_path, nb_ipywidgets_js) and, for thebe, book/_static/thebe-local.js.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MATHJAX=3.2.2
# Live Code: sphinx-thebe 0.3.1 names thebe 0.8.2 on a CDN; the npm registry has 0.9.x, whose
# bootstrap API book/_static/thebe-local.js bridges (docs/static-assets.md).
THEBE=0.9.3
# thebe-core fetches require.js 2.3.6 from a fixed CDN URL; thebe-local.js answers it locally.
REQUIREJS=2.3.6

V=book/_static/vendor
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# --- the widget renderer: our own small build of the ipywidgets 8 controls -----------------
# js/course-widgets/src/index.js renders the widget state saved in the pages with the
# controls of @jupyter-widgets/controls; package-lock.json pins every package it bundles.
# (@jupyter-widgets/html-manager's embed-amd.js did the same job in 4.4 MB; see
# docs/static-assets.md.)
CW="$V/course-widgets"
rm -rf "$CW" && mkdir -p "$CW"
cp js/course-widgets/package.json js/course-widgets/package-lock.json "$tmp/"
cp -r js/course-widgets/src "$tmp/src"
mkdir -p "$tmp/build"
(cd "$tmp" && npm ci --silent --no-audit --no-fund && npm run --silent build)
cp "$tmp/course-widgets.js" "$tmp/course-widgets.js.LEGAL.txt" "$CW/"
rm -rf "$tmp/node_modules" "$tmp/src" "$tmp/build" "$tmp"/package*.json "$tmp"/course-widgets.js*

(cd "$tmp" && npm pack --silent --loglevel=error "mathjax@$MATHJAX" >/dev/null)
for f in "$tmp"/*.tgz; do
  mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"
done
M="$tmp/mathjax-$MATHJAX/package/es5"
MV="$V/mathjax-$MATHJAX"
rm -rf "$MV"
mkdir -p "$MV"

# --- MathJax 3 (es5 build) --------------------------------------------------------------------
# Loaded on every page with math:
cp "$M/tex-chtml.js" "$MV/"
mkdir -p "$MV/output/chtml/fonts"
cp -r "$M/output/chtml/fonts/woff-v2" "$MV/output/chtml/fonts/"
# Loaded on demand by the TeX input (\require, autoloaded macros such as \cancel, \color, \ce):
mkdir -p "$MV/input/tex"
cp -r "$M/input/tex/extensions" "$MV/input/tex/"
# Loaded on demand by MathJax's own context menu (right-click on math): the accessibility
# explorer, speech and Braille, collapsible math (a11y/*, input/mml.js, the speech rule
# engine's locale files) and Math Settings > Math Renderer > SVG (output/svg*).
mkdir -p "$MV/input" "$MV/output/svg/fonts" "$MV/sre"
cp "$M/input/mml.js" "$MV/input/"
cp -r "$M/a11y" "$MV/"
cp -r "$M/sre/mathmaps" "$MV/sre/"
cp "$M/output/svg.js" "$MV/output/"
cp "$M/output/svg/fonts/tex.js" "$MV/output/svg/fonts/"
cp "$M/../LICENSE" "$MV/LICENSE"

# --- thebe (Live Code), fetched by book/_static/thebe-local.js when a reader presses the button
(cd "$tmp" && npm pack --silent --loglevel=error "thebe@$THEBE" >/dev/null)
tar xzf "$tmp/thebe-$THEBE.tgz" -C "$tmp" package/lib package/package.json
TV="$V/thebe-$THEBE"
rm -rf "$TV" && mkdir -p "$TV"
# The webpack bundle and the chunks it loads from its own folder, its CSS and licence notes;
# not the source maps (12 MB).
cp "$tmp"/package/lib/*.js "$tmp"/package/lib/*.LICENSE.txt "$tmp/package/lib/thebe.css" \
  "$tmp/package/package.json" "$TV/"
rm -rf "$tmp/package"
(cd "$tmp" && npm pack --silent --loglevel=error "requirejs@$REQUIREJS" >/dev/null)
tar xzf "$tmp/requirejs-$REQUIREJS.tgz" -C "$tmp" package/require.js package/package.json
RV="$V/requirejs-$REQUIREJS"
rm -rf "$RV" && mkdir -p "$RV"
cp "$tmp/package/require.js" "$tmp/package/package.json" "$RV/"
rm -rf "$tmp/package"

# --- checksums of everything vendored ---------------------------------------------------------
(cd "$V" && find . -type f ! -name README.md ! -name SHA256SUMS | LC_ALL=C sort |
  xargs sha256sum) >"$V/SHA256SUMS"

echo "vendored into $V:"
du -sh "$CW" "$MV" "$TV" "$RV"
