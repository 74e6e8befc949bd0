#!/usr/bin/env bash
# Re-create book/_static/vendor from the npm registry, with pinned versions.
#
# The vendored files are committed, so building the book needs no network; run this only to
# refresh or update them (it needs `npm` and the npm registry). It downloads each package with
# `npm pack` (which checks the registry's integrity hash), unpacks it in a temporary folder and
# copies only the files the site loads (see book/_static/vendor/README.md and
# docs/static-assets.md). If you change a version, also change the folder names in
# _config.yml (mathjax_path, nb_ipywidgets_js) and in book/_static/require-config.js.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

HTML_MANAGER=1.0.6 # @jupyter-widgets/html-manager: 1.0.x is the one for ipywidgets 8
REQUIREJS=2.3.8
MATHJAX=3.2.2

V=book/_static/vendor
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent --loglevel=error \
  "@jupyter-widgets/html-manager@$HTML_MANAGER" "requirejs@$REQUIREJS" "mathjax@$MATHJAX" >/dev/null)
for f in "$tmp"/*.tgz; do
  mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"
done
H="$tmp/jupyter-widgets-html-manager-$HTML_MANAGER/package"
R="$tmp/requirejs-$REQUIREJS/package"
M="$tmp/mathjax-$MATHJAX/package/es5"

HV="$V/html-manager-$HTML_MANAGER"
RV="$V/requirejs-$REQUIREJS"
MV="$V/mathjax-$MATHJAX"
rm -rf "$HV" "$RV" "$MV"
mkdir -p "$HV" "$RV" "$MV"

# --- @jupyter-widgets/html-manager: the AMD embedder, its lazy chunks and icon fonts ---------
cp "$H/dist/embed-amd.js" "$HV/"
# embed-amd.js lazy-loads CodeMirror language modes (an Output widget showing Markdown with a
# fenced code block) as "<id>.index.js", but the package only ships them as "<id>.embed.js"
# (built for embed.js from the same sources, same module ids). Serve them under the name
# embed-amd.js asks for, or the reader gets "Loading chunk 330 failed" (the CDN 404s too).
for chunk in 330 106; do
  cp "$H/dist/$chunk.embed.js" "$HV/$chunk.index.js"
done
# Font Awesome 5 (widget icons). Browsers that run embed-amd.js all take woff2, so the
# .woff/.ttf/.eot/.svg fallbacks are never requested.
cp "$H"/dist/*.woff2 "$HV/"
cp "$H/LICENSE" "$HV/LICENSE"
cp "$H/dist/embed.js.LICENSE.txt" "$HV/LICENSES.txt"

# --- requirejs ------------------------------------------------------------------------------
cp "$R/require.js" "$RV/"
# The npm package has no LICENSE file; its licence is stated in the header of require.js.
{
  sed -n '2,3p' "$R/require.js" | sed 's/^ \* //'
  cat <<'EOF'

MIT License

Copyright jQuery Foundation and other contributors, https://jquery.org/

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
EOF
} >"$RV/LICENSE"

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

# --- checksums of everything vendored ---------------------------------------------------------
(cd "$V" && find . -type f ! -name README.md ! -name SHA256SUMS | LC_ALL=C sort |
  xargs sha256sum) >"$V/SHA256SUMS"

echo "vendored into $V:"
du -sh "$HV" "$RV" "$MV"
