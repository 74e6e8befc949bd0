#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, default mobile profile) on four pages of the built site, served
# on 127.0.0.1 by benchmarks/serve.py: text gzip-compressed, as a static host such as GitHub
# Pages sends it. PLAIN=1 serves everything uncompressed, as Python's http.server does (the
# text-compression audit then counts against performance). SITE=dir measures another build.
#   npm install --prefix /tmp/lh lighthouse@12     # once; needs the npm registry
#   LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse benchmarks/lighthouse.sh
# Prints one line per page: performance, accessibility, best practices, SEO (0-100).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LIGHTHOUSE="${LIGHTHOUSE:-lighthouse}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
out="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 benchmarks/serve.py "${SITE:-_build/html}" "$port" ${PLAIN:+--plain} >/dev/null 2>&1 &
server=$!
trap 'kill "$server"; rm -rf "$out"' EXIT
sleep 1
for page in book/intro.html book/ch09_market_selection.html book/ch10_culture.html book/glossary.html; do
  "$LIGHTHOUSE" "http://127.0.0.1:$port/$page" --quiet --output=json --output-path="$out/r.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 || true
  python3 - "$page" "$out/r.json" <<'PY'
import json, sys
page, path = sys.argv[1], sys.argv[2]
try:
    cats = json.load(open(path))["categories"]
except (OSError, ValueError, KeyError):
    print(f"{page}: no result")
    raise SystemExit
score = lambda k: "n/a" if cats[k]["score"] is None else round(cats[k]["score"] * 100)
print(f"{page}: performance {score('performance')}, accessibility {score('accessibility')}, "
      f"best practices {score('best-practices')}, SEO {score('seo')}")
PY
done
