# Sourced by scripts/build and scripts/test: create or reuse .venv with the pinned versions.
# Re-installs only when pyproject.toml or requirements/constraints.txt change.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.coursekit-installed"
want="$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "== installing pinned dependencies and coursekit (editable) into .venv"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c requirements/constraints.txt -e ".[dev]"
  echo "$want" > "$stamp"
fi
export PATH="$VENV/bin:$PATH"
export PYTHONHASHSEED=0

ensure_chromium() {
  # Browser tests drive a system Chromium through Playwright (Playwright's own download is the
  # fallback on machines with general internet access).
  if [ -n "${COURSEKIT_CHROMIUM:-}" ] && [ -x "$COURSEKIT_CHROMIUM" ]; then return 0; fi
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then export COURSEKIT_CHROMIUM="$candidate"; return 0; fi
  done
  if command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
    if [ -x /usr/bin/chromium ]; then export COURSEKIT_CHROMIUM=/usr/bin/chromium; return 0; fi
  fi
  echo "== no system chromium: trying Playwright's own browser download"
  python -m playwright install chromium
  export COURSEKIT_CHROMIUM=""
}
