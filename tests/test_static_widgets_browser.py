"""Every widget of the built site answers its controls on the static page (issue 18), in Chromium:
each declared control is moved (with the keyboard, a click or a choice, as a reader would) to at
least two other values and the outputs must become the precomputed state's file; a combination
that was not precomputed says so; nothing is requested from another origin; no console error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_site import SITE, show_widgets
from test_site_quality import AXE, widget_pages

from coursekit import theories

pytestmark = pytest.mark.browser
_KEY = re.compile(r"cw-states-([A-Za-z0-9_]+-[0-9a-f]{10})")
_STATE_TAG = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.S
)


def static_widgets() -> list[tuple[str, str]]:
    found = []
    for page in widget_pages():
        html = (SITE / page).read_text(encoding="utf-8")
        found += [(page, key) for key in sorted(set(_KEY.findall(html)))]
    return found or [("book/ch05_comparing_theories.html", "theory_matcher-none")]


def _controls(page: str, key: str) -> dict[str, dict]:
    """The page's saved models of the widget's controls, by name (cw-ctl-<name>)."""
    html = (SITE / page).read_text(encoding="utf-8")
    models = json.loads(_STATE_TAG.search(html).group(1))["state"]
    found = {}

    def walk(model_id: str) -> None:
        state = models[model_id]["state"]
        for cls in state.get("_dom_classes", []):
            if cls.startswith("cw-ctl-"):
                found[cls[len("cw-ctl-") :]] = {"model": models[model_id]["model_name"], **state}
        for child in state.get("children", []):
            walk(child.removeprefix("IPY_MODEL_"))

    box = next(
        m for m, s in models.items() if f"cw-states-{key}" in s["state"].get("_dom_classes", [])
    )
    walk(box)
    return found


def _value(model: dict):
    if "index" in model:
        index = model["index"]
        return sorted(index) if isinstance(index, list) else index
    return model["value"]


def _same(a, b) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    return a == b


def _move(host, name: str, model: dict, current, target) -> None:
    """Change one control as a reader would."""
    el = host.locator(f".cw-ctl-{name}").first
    el.scroll_into_view_if_needed()
    kind = model["model"]
    if kind == "DropdownModel":
        el.locator("select").select_option(index=target)
    elif kind == "SelectMultipleModel":
        el.locator("select").select_option(index=list(target))
    elif kind == "ToggleButtonsModel":
        el.locator("button").nth(target).click()
    elif kind == "RadioButtonsModel":
        el.locator("input[type=radio]").nth(target).check()
    elif kind in ("FloatSliderModel", "IntSliderModel", "IntRangeSliderModel"):
        pairs = (
            zip(current, target, strict=True) if isinstance(target, list) else [(current, target)]
        )
        for handle, (now, wanted) in enumerate(pairs):
            steps = round((wanted - now) / model["step"])
            knob = el.locator(".noUi-handle").nth(handle)
            knob.focus()
            for _ in range(abs(steps)):
                knob.press("ArrowRight" if steps > 0 else "ArrowLeft")
    elif kind == "SelectionSliderModel":  # its value is an index into its options, step 1
        knob = el.locator(".noUi-handle").first
        knob.focus()
        for _ in range(abs(target - current)):
            knob.press("ArrowRight" if target > current else "ArrowLeft")
    else:
        raise AssertionError(f"no way to move a {kind} in this test")


_CHECK_OUTPUTS = """async ([key, file]) => {
  const host = document.querySelector(`[data-cw-states="${key}"]`);
  const base = new URL(`_static/widget-states/${key}/`, document.querySelector(
    'script[src*="course-widgets.js"]').src.replace(/_static\\/.*$/, ''));
  const state = await (await fetch(new URL(file, base))).json();
  const problems = [];
  const text = (html) => new DOMParser().parseFromString(html, 'text/html').body.textContent
    .replace(/\\s+/g, ' ').trim();
  for (const [name, value] of Object.entries(state.outputs)) {
    const el = host.querySelector(`.cw-out-${name}`);
    const html = Array.isArray(value)
      ? value.map((o) => [].concat(o.data['text/html'] || '').join('')).join('') : value;
    const shown = el.textContent.replace(/\\s+/g, ' ').trim();
    if (!shown.includes(text(html))) problems.push(`${name}: text differs`);
    const wanted = [...html.matchAll(/src="cw-state:([^"]+)"/g)].map((m) => m[1]);
    const srcs = [...el.querySelectorAll('img')].map((img) => img.src.split('/').pop());
    if (JSON.stringify(srcs) !== JSON.stringify(wanted)) {
      problems.push(`${name}: ${srcs} != ${wanted}`);
    }
    for (const img of el.querySelectorAll('img')) {
      await img.decode().catch(() => problems.push(`${name}: ${img.src} does not load`));
      if (!img.alt || img.alt.length < 15) problems.push(`${name}: no alt text`);
    }
  }
  return problems;
}"""


def _expect(watched_page, host, key, manifest, current, *, fixed_moved=False):
    state = next((s for s in manifest["states"] if _same(s["values"], current)), None)
    state = None if fixed_moved else state
    wanted = state["file"] if state else "none"
    try:
        watched_page.wait_for_function(
            '([key, want]) => document.querySelector(`[data-cw-states="${key}"]`)'
            ".dataset.cwState === want",
            arg=[key, wanted],
            timeout=10_000,
        )
    except Exception as error:
        status = host.locator(".cw-status").inner_text()
        raise AssertionError(f"{current}: wanted {wanted}; the page says: {status}") from error
    status = host.locator(".cw-status").inner_text()
    if state is None:
        assert status.startswith("Not precomputed"), status
        return False
    assert state["label"] in status
    problems = watched_page.evaluate(_CHECK_OUTPUTS, [key, state["file"]])
    assert problems == [], f"{key} {state['label']}: {problems}"
    return True


@pytest.mark.parametrize(("page_path", "key"), static_widgets())
def test_each_declared_control_changes_the_output(watched_page, site_url, page_path, key):
    manifest = json.loads((SITE / "_static" / "widget-states" / key / "manifest.json").read_text())
    controls = _controls(page_path, key)
    watched_page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    show_widgets(watched_page)
    host = watched_page.locator(f'[data-cw-states="{key}"]')
    host.wait_for()
    assert host.locator("[aria-live]").count() >= 1
    declared = manifest["declared"]
    current = [_value(controls[name]) for name in declared]
    values = {n: [s["values"][i] for s in manifest["states"]] for i, n in enumerate(declared)}
    options = {
        # (A reader cannot choose "nothing" in a radio group: None is no target.)
        n: [v for k, v in enumerate(vs) if v is not None and v not in vs[:k]]
        for n, vs in values.items()
    }
    # First every declared control onto a precomputed value (the page may start elsewhere).
    for i, name in enumerate(declared):
        if not any(_same(current[i], v) for v in options[name]):
            _move(host, name, controls[name], current[i], options[name][0])
            current[i] = options[name][0]
            _expect(watched_page, host, key, manifest, current)
    # Each declared control to at least two other values precomputed with the other controls
    # as they are. Controls declared one at a time (and, in such a widget, the combined ones)
    # go back to where they started before the next control moves.
    states = [s["values"] for s in manifest["states"]]
    back = bool(manifest.get("one_at_a_time"))
    shown = 0
    for i, name in enumerate(declared):
        start = current[i]
        reachable = [
            v
            for v in options[name]
            if not _same(v, start)
            and any(_same(s, [*current[:i], v, *current[i + 1 :]]) for s in states)
        ]
        assert reachable, f"{key}: {name} has no other precomputed value from {current}"
        targets = reachable[:2] if len(reachable) >= 2 else [*reachable, start]  # two options
        if back and not _same(targets[-1], start):
            targets.append(start)
        for target in targets:
            _move(host, name, controls[name], current[i], target)
            current[i] = target
            shown += _expect(watched_page, host, key, manifest, current)
    if back:
        # Two controls moved at once were not precomputed: the widget says so.
        first, second = declared[-2], declared[-1]
        i, j = len(declared) - 2, len(declared) - 1
        v1 = next(v for v in options[first] if not _same(v, current[i]))
        v2 = next(v for v in options[second] if not _same(v, current[j]))
        _move(host, first, controls[first], current[i], v1)
        current[i] = v1
        _expect(watched_page, host, key, manifest, current)
        _move(host, second, controls[second], current[j], v2)
        current[j] = v2
        assert not _expect(watched_page, host, key, manifest, current)
        assert "at a time" in host.locator(".cw-status").inner_text()
    assert shown >= 2 * len(declared) - 1
    # A control the declaration leaves fixed: the widget says plainly it is not precomputed.
    fixed = [
        n
        for n in manifest["fixed"]
        if controls[n]["model"] in ("FloatSliderModel", "IntSliderModel")
        and not controls[n].get("disabled")
    ]
    if fixed:
        model = controls[fixed[0]]
        now = model["value"]
        step = model["step"] if now + model["step"] <= model["max"] else -model["step"]
        _move(host, fixed[0], model, now, now + step)
        assert not _expect(watched_page, host, key, manifest, current, fixed_moved=True)
    assert watched_page.problems.all() == []


def test_static_quiz_gives_the_right_verdict(watched_page, site_url):
    watched_page.goto(f"{site_url}/book/ch05_comparing_theories.html", wait_until="networkidle")
    show_widgets(watched_page)
    host = watched_page.locator('[data-cw-states^="theory_matcher-"]')
    feedback = host.locator(".cw-out-feedback")
    # Saved: Alpine Gears with no choice made, so the page gives no answer away.
    assert "✔" not in feedback.inner_text() and "✘" not in feedback.inner_text()
    radios = host.locator(".cw-ctl-theory input[type=radio]")
    order = list(theories.THEORIES)
    radios.nth(order.index("stage")).check()  # stage: wrong for Alpine Gears
    watched_page.wait_for_function(
        "() => document.querySelector('[data-cw-states^=\"theory_matcher-\"]')"
        ".dataset.cwState !== undefined"
    )
    assert "✘" in feedback.inner_text() and "✔" not in feedback.inner_text()
    radios.nth(order.index("network")).check()  # network: the dominant mechanism
    watched_page.wait_for_function(
        "() => document.querySelector('.cw-out-feedback').innerText.includes('✔')"
    )
    page_axe(watched_page)
    assert watched_page.problems.all() == []


def page_axe(page) -> None:
    page.add_script_tag(content=Path(AXE).read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("page_path", ["book/ch02_stage_models.html", "book/ch10_culture.html"])
def test_no_serious_accessibility_violation_after_a_state_change(watched_page, site_url, page_path):
    watched_page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    show_widgets(watched_page)
    host = watched_page.locator("[data-cw-states]").first
    host.locator("select").first.select_option(index=1)
    watched_page.wait_for_function(
        "() => document.querySelector('[data-cw-states]').dataset.cwState !== undefined"
    )
    page_axe(watched_page)
    assert watched_page.problems.all() == []


def test_state_files_are_fetched_only_on_change(watched_page, site_url):
    """Lazy: loading a page fetches no state; its initial load stays within the budget."""
    sent = []
    watched_page.on("response", lambda r: sent.append((r.url, len(r.body() or b""))))
    watched_page.goto(f"{site_url}/book/ch02_stage_models.html", wait_until="networkidle")
    assert [u for u, _ in sent if "/widget-states/" in u] == []
    total = sum(n for _, n in sent)
    Path(SITE.parent / "widget-states" / "ch02-initial-bytes.txt").write_text(f"{total}\n")
