# Sourced by scripts/build and scripts/test: create or reuse .venv with the pinned versions.
# Re-installs only when pyproject.toml or requirements/constraints.txt change.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
ensure_venv() {
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
}
export PATH="$VENV/bin:$PATH"
export PYTHONHASHSEED=0

# Debian packages for the PDF (Sphinx's LaTeX builder, run with XeLaTeX through latexmk).
TEX_PACKAGES=(texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  texlive-xetex texlive-plain-generic latexmk lmodern tex-gyre fonts-freefont-otf xindy)

_apt() {
  if [ "$(id -u)" -ne 0 ]; then sudo apt-get "$@"; else apt-get "$@"; fi
}
_have_chromium() { [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ]; }
_have_tex() { { command -v xelatex && command -v latexmk && command -v xindy; } >/dev/null 2>&1; }
# bubblewrap: the sandbox `coursekit grade` runs each student's notebook in (and its tests).
_have_bwrap() { command -v bwrap >/dev/null 2>&1; }
_install_bwrap() {
  echo "== installing bubblewrap, the grading sandbox"
  _apt install -y -qq bubblewrap >/dev/null
}
# Chromium with its recommended packages (fonts among them); TeX Live without (they add
# hundreds of MB of documentation and fonts the book does not use).
_install_chromium() {
  echo "== installing Debian's chromium for the browser tests"
  _apt install -y -qq chromium >/dev/null
}
_install_tex() {
  echo "== installing TeX Live from Debian's packages for the PDF (about 130 MB)"
  _apt install -y -qq --no-install-recommends "${TEX_PACKAGES[@]}" >/dev/null
}

ensure_chromium() {
  # Browser tests drive a system Chromium through Playwright (Playwright's own download is the
  # fallback on machines with general internet access).
  if [ -n "${COURSEKIT_CHROMIUM:-}" ] && [ -x "$COURSEKIT_CHROMIUM" ]; then return 0; fi
  if ! _have_chromium && command -v apt-get >/dev/null 2>&1; then
    _apt update -qq && _install_chromium
  fi
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then export COURSEKIT_CHROMIUM="$candidate"; return 0; fi
  done
  echo "== no system chromium: trying Playwright's own browser download"
  python -m playwright install chromium
  export COURSEKIT_CHROMIUM=""
}

ensure_tex() {
  _have_tex && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the PDF needs XeLaTeX, latexmk and xindy (Debian: ${TEX_PACKAGES[*]})" >&2
    return 1
  fi
  _apt update -qq && _install_tex
}

# Chromium and TeX after one apt-get update (scripts/test runs this while pip fills .venv).
ensure_system_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0
  _have_chromium && _have_tex && _have_bwrap && return 0
  _apt update -qq
  _have_chromium || _install_chromium
  _have_tex || _install_tex
  _have_bwrap || _install_bwrap
}

# The PDF of the book: _build/latex/going-global.pdf, also copied into the site next to
# index.html, where the intro page links to it. Run after the HTML build.
build_pdf() {
  jupyter-book build . --builder pdflatex -W -n --keep-going "$@"
  cp _build/latex/going-global.pdf _build/html/going-global.pdf
}

# scripts/test sets _ENV_NO_VENV=1 to install system packages in parallel first.
if [ "${_ENV_NO_VENV:-0}" != 1 ]; then
  ensure_venv
fi
