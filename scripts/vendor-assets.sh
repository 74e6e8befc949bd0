#!/usr/bin/env bash
# Re-create book/_static/vendor from the npm registry (pinned versions). The vendored files are
# committed so that builds are offline; run this only to update them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
V=book/_static/vendor
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent @jupyter-widgets/html-manager@1.0.6 requirejs@2.3.8 mathjax@3.2.2 >/dev/null )
for f in "$tmp"/*.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
H="$tmp/jupyter-widgets-html-manager-1.0.6/package"
R="$tmp/requirejs-2.3.8/package"
M="$tmp/mathjax-3.2.2/package"
rm -rf "$V/html-manager-1.0.6" "$V/requirejs-2.3.8" "$V/mathjax-3.2.2"
mkdir -p "$V/html-manager-1.0.6" "$V/requirejs-2.3.8" "$V/mathjax-3.2.2/output/chtml/fonts" \
  "$V/mathjax-3.2.2/input/tex"
cp "$H/dist/embed-amd.js" "$H"/dist/*.woff2 "$H"/dist/*.woff "$V/html-manager-1.0.6/"
cp "$H/dist/embed.js.LICENSE.txt" "$V/html-manager-1.0.6/LICENSES.txt"
cp "$H/LICENSE" "$V/html-manager-1.0.6/LICENSE"
cp "$R/require.js" "$V/requirejs-2.3.8/"
cp "$M/es5/tex-chtml.js" "$M/LICENSE" "$V/mathjax-3.2.2/"
cp -r "$M/es5/output/chtml/fonts/woff-v2" "$V/mathjax-3.2.2/output/chtml/fonts/"
cp -r "$M/es5/input/tex/extensions" "$V/mathjax-3.2.2/input/tex/"
echo "vendored into $V"
