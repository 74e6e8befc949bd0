"""Widgets that answer on the static page (issue 18): precomputed states are the live widget's
outputs, the quiz never shows a wrong verdict, and the declarations are checked.

The browser half (every widget of the built site, driven in Chromium) is in
tests/test_static_widgets_browser.py.
"""

from __future__ import annotations

import base64
import io
import json
import re

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

from coursekit.theories import match_case
from coursekit.widgets import _states, barriers, policy, sme, success, theories, timing
from coursekit.widgets._states import (
    ENV,
    flat_controls,
    frontend_value,
    join_images,
    snapshot,
    static_states,
)

# These tests compare the pixels of precomputed states with the live widget: real PNGs.
pytestmark = pytest.mark.real_figures

_STYLER_ID = re.compile(r"T_[0-9a-f]{5}")  # pandas Styler tables get a random id each time
_IMG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')

# Widget calls as the book's pages make them (cheap ones: each precomputes all its states).
CALLS = {
    "theory_matcher": (
        theories.theory_matcher,
        (),
        {"case_id": "alpine_gears", "theory": "network"},
    ),
    "barrier_explorer": (
        barriers.barrier_explorer,
        (),
        {"chosen": ("market_knowledge", "currency")},
    ),
    "export_explorer": (sme.export_explorer, (), {"group": "income_group", "highlight": "KEN"}),
    "support_designer": (policy.support_designer, ("experimental", ["information"], 6), {}),
    "literature_explorer": (success.literature_explorer, (), {}),
    "timing_explorer": (timing.timing_explorer, (), {}),
}


def _precompute(tmp_path, monkeypatch, name):
    builder, args, kwargs = CALLS[name]
    monkeypatch.setenv(ENV, str(tmp_path))
    box = builder(*args, **kwargs)
    key = _states.widget_key(builder.__wrapped__, args, kwargs)
    folder = tmp_path / key
    assert f"cw-states-{key}" in box._dom_classes
    return builder, args, kwargs, folder, json.loads((folder / "manifest.json").read_text())


def _images(outputs) -> tuple[str, list[np.ndarray]]:
    """The outputs as text with each embedded PNG replaced by a marker, and the PNGs' pixels."""
    found: list[np.ndarray] = []

    def take(match: re.Match) -> str:
        data = base64.b64decode(match.group(1))
        found.append(np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"), dtype=float))
        return 'src="IMAGE"'

    replaced = _states._map_strings(outputs, lambda text: _IMG.sub(take, text))
    text = json.dumps(replaced, sort_keys=True)
    return _STYLER_ID.sub("T_id", text), found


def _set_like_page(box, declared, values):
    """Set the live widget's declared controls to a state's values (page form: option index)."""
    controls = dict(flat_controls(box.controls))
    for name, value in zip(declared, values, strict=True):
        control = controls[name]
        if isinstance(control, widgets.SelectMultiple):
            control.index = tuple(value)
        elif "index" in control.keys:
            control.index = value
        else:
            control.value = tuple(value) if isinstance(value, list) else value
    return controls


@pytest.mark.parametrize("name", sorted(CALLS))
def test_precomputed_states_are_the_live_widgets_output(tmp_path, monkeypatch, name):
    builder, args, kwargs, folder, manifest = _precompute(tmp_path, monkeypatch, name)
    monkeypatch.delenv(ENV)
    states = manifest["states"]
    assert len(states) >= 2
    names = {_states.css_name(n): n for n in builder.static_states}
    declared = [names[n] for n in manifest["declared"]]
    sample = sorted({0, len(states) // 2, len(states) - 1})
    for i in sample:
        state = states[i]
        saved = json.loads((folder / state["file"]).read_text())["outputs"]
        live = builder(*args, **kwargs)
        controls = _set_like_page(live, declared, state["values"])
        assert [frontend_value(controls[n]) for n in declared] == state["values"]
        live_outputs = {k: snapshot(w) for k, w in live.outputs.items()}
        saved_text, saved_png = _images(join_images(saved, folder))
        live_text, live_png = _images(live_outputs)
        assert saved_text == live_text, f"state {state['label']}"
        assert len(saved_png) == len(live_png)
        for a, b in zip(saved_png, live_png, strict=True):
            assert a.shape == b.shape
            # The state's PNG has a 256-colour palette: each pixel within a few levels.
            assert np.abs(a - b).mean() < 2.0 and np.abs(a - b).max() <= 64


def test_each_state_differs_and_files_fit_the_budget(tmp_path, monkeypatch):
    *_, folder, manifest = _precompute(tmp_path, monkeypatch, "export_explorer")
    bodies = {(folder / s["file"]).read_text() for s in manifest["states"]}
    assert len(bodies) == len(manifest["states"])  # a control that changes nothing is a bug
    for f in folder.iterdir():
        assert f.stat().st_size <= 60_000, f.name
    assert manifest["fixed"] == {}  # both controls are declared


def test_static_quiz_shows_the_right_verdict_for_every_choice(tmp_path, monkeypatch):
    """ch05: a choice made on the static page gets the verdict match_case gives, never the
    saved one (the review's "✔ Yes" for a wrong answer)."""
    *_, folder, manifest = _precompute(tmp_path, monkeypatch, "theory_matcher")
    case_ids = [c.case_id for c in theories.CASES]
    choices = [None, *theories.THEORIES]
    assert len(manifest["states"]) == len(case_ids) * len(choices)
    wrong = 0
    for state in manifest["states"]:
        case_index, theory_index = state["values"]
        feedback = json.loads((folder / state["file"]).read_text())["outputs"]["feedback"]
        if theory_index is None:
            assert "✔" not in feedback and "✘" not in feedback
            continue
        verdict = match_case(case_ids[case_index], theories.THEORIES[theory_index])
        correct = verdict.correct
        wrong += not correct
        assert ("✔" in feedback) is correct
        assert ("◐" in feedback) is verdict.partly  # a supporting mechanism: partly right
        assert ("✘" in feedback) is (not correct and not verdict.partly)
    assert wrong > 0


def test_live_widget_is_unchanged_without_the_build(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV, raising=False)
    box = theories.theory_matcher(case_id="alpine_gears")
    box.controls["theory"].value = "stage"
    assert "✘" in box.outputs["feedback"].value  # the kernel still computes the verdict
    box.controls["theory"].value = "network"
    assert "✔" in box.outputs["feedback"].value
    assert list(tmp_path.iterdir()) == []


def test_precomputing_does_not_leave_the_copy_in_the_saved_page(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    before = set(_states._registry())
    theories.theory_matcher()
    without = len(set(_states._registry()) - before)
    monkeypatch.setenv(ENV, str(tmp_path))
    before = set(_states._registry())
    theories.theory_matcher()
    assert len(set(_states._registry()) - before) == without


def test_declarations_are_checked():
    with pytest.raises(ValueError, match="needs a list of values"):
        static_states(case="alpine_gears")
    with pytest.raises(ValueError, match="needs a list of values"):
        static_states(case=[])


def test_a_declared_name_that_is_no_control_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path))
    wrong = static_states(colour=["red", "blue"])(theories.theory_matcher.__wrapped__)
    with pytest.raises(ValueError, match=r"\['colour'\].*\['case', 'theory'\]"):
        wrong()


def _toy_builder(start: float = 0.2) -> widgets.VBox:
    """A widget with a dropdown and two sliders whose output names their values."""
    home = widgets.Dropdown(
        options=[("Aland", "A"), ("Borduria", "B")], value="A", description="Home"
    )
    a = widgets.FloatSlider(value=start, min=0, max=1, step=0.05, description="Size")
    b = widgets.FloatSlider(value=0.1, min=0, max=1, step=0.05, description="Distance")
    out = widgets.HTML()

    def update(*_):
        out.value = f"{home.value} {a.value:.2f} {b.value:.2f}"

    for c in (home, a, b):
        c.observe(update, names="value")
    update()
    box = widgets.VBox([home, a, b, out])
    box.controls = {"home": home, "size": a, "distance": b}
    box.outputs = {"text": out}
    return box


def test_controls_declared_one_at_a_time_move_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path))
    declared = static_states(
        home=["A", "B"], one_at_a_time={"size": [0.0, 0.4], "distance": [0.0, 0.2]}
    )(_toy_builder)
    declared()
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["declared"] == ["home", "size", "distance"]
    assert manifest["one_at_a_time"] == ["size", "distance"]
    page = [0, 0.2, 0.1]
    expected = [
        [0, 0.2, 0.1],
        [1, 0.2, 0.1],
        [0, 0.0, 0.1],
        [0, 0.4, 0.1],
        [0, 0.2, 0.0],
        [0, 0.2, 0.2],
    ]
    got = [s["values"] for s in manifest["states"]]
    assert sorted(got) == sorted(expected)
    for state in manifest["states"]:
        text = json.loads((folder / state["file"]).read_text())["outputs"]["text"]
        home, size, distance = state["values"]
        assert text == f"{'AB'[home]} {size:.2f} {distance:.2f}"  # each state is the widget's own
        moved = [
            n for n, v, p in zip(manifest["declared"], state["values"], page, strict=True) if v != p
        ]
        assert len(moved) <= 1
        assert "at the page's values" in state["label"]


def test_declared_slider_values_must_be_on_its_steps(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path))
    off = static_states(one_at_a_time={"size": [0.025]})(_toy_builder)
    with pytest.raises(ValueError, match=r"0\.025.*steps"):
        off()
    with pytest.raises(ValueError, match="both"):
        static_states(size=[0.1], one_at_a_time={"size": [0.2]})
