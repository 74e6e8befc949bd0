"""Precomputed widget states: how a widget answers its reader on the static page (no kernel).

A widget author declares, next to the builder, the finite set of control values that the static
book precomputes::

    @static_states(group=["income_group", "region"], highlight=["KEN", "BRA"])
    def export_explorer(...): ...

In a kernel this only tags the returned box and its controls and outputs with CSS classes
(``cw-states-<key>``, ``cw-ctl-<name>``, ``cw-out-<name>``); the widget computes any value as
before. When the book is built, the Sphinx extension ``book/_ext/static_widgets.py`` sets
``COURSEKIT_WIDGET_STATES`` to a folder; the wrapper then builds a second copy of the widget with
the same arguments, drives its controls over every declared combination and writes each state's
outputs (the very values the live widget's observers computed: same model, same drawing code)
to ``<folder>/<key>/<n>.json`` with a ``manifest.json``. The notebook execution cache caches
them with the notebook. The page's renderer (js/course-widgets) fetches a state when a control
changes and says plainly when a combination was not precomputed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import itertools
import json
import os
import re
import shutil
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from PIL import Image

__all__ = [
    "ENV",
    "join_images",
    "split_images",
    "static_states",
    "css_name",
    "flat_controls",
    "frontend_value",
    "snapshot",
    "state_label",
    "widget_key",
]

ENV = "COURSEKIT_WIDGET_STATES"
MAX_STATES = 400  # a declaration above this is a mistake (build time, files), not a wish


def _registry() -> dict:
    """ipywidgets' table of live widgets (the copy's widgets are closed through it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return widgets.Widget._active_widgets


def flat_controls(controls: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """``(name, control)`` pairs; nested dicts and lists of controls get dotted names."""
    for name, item in controls.items():
        full = f"{prefix}{name}"
        if isinstance(item, Mapping):
            yield from flat_controls(item, prefix=f"{full}.")
        elif isinstance(item, list | tuple):
            yield from flat_controls({str(i): c for i, c in enumerate(item)}, prefix=f"{full}.")
        else:
            yield full, item


# -> Any here and below: a JSON value of the saved page state, whatever the control holds
def _jsonable(value: object) -> Any:
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def frontend_value(control: widgets.Widget) -> Any:
    """The control's value as the page's model holds it: selection widgets sync the index of
    the chosen option (ipywidgets 8), the others their value."""
    if isinstance(control, widgets.SelectMultiple):
        return sorted(control.index)  # the page's list box reports the chosen rows in order
    return _jsonable(control.index if "index" in control.keys else control.value)


def snapshot(output: widgets.Widget) -> Any:
    """What the page shows for an output widget: an Output's outputs, another widget's value."""
    if isinstance(output, widgets.Output):
        return [dict(o) for o in output.outputs]
    return output.value


_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
PNG_REF = "cw-state:"  # src="cw-state:3-0.png": the page resolves it next to the manifest
_REF = re.compile(r'src="' + PNG_REF + r'([^"]+)"')


def _map_strings(value: object, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, Mapping):
        return {k: _map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_map_strings(v, change) for v in value]
    return value


def compact_png(data: bytes) -> bytes:
    """The PNG with its colours reduced to a 256-colour palette (no dithering): a quarter of the
    bytes, each pixel within a few levels of the original (tests/test_static_widgets.py)."""
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    quantized = image.quantize(
        colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    quantized.save(out, format="PNG", optimize=True)
    return out.getvalue() if out.tell() < len(data) else data


def split_images(outputs: dict[str, Any], stem: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Move embedded PNGs out of the HTML into files of their own (a quarter smaller than
    base64, fetched only when shown); ``join_images`` puts them back."""
    files: dict[str, bytes] = {}

    def take(match: re.Match) -> str:
        name = f"{stem}-{len(files)}.png"
        files[name] = compact_png(base64.b64decode(match.group(1)))
        return f'src="{PNG_REF}{name}"'

    return _map_strings(outputs, lambda text: _PNG.sub(take, text)), files


def join_images(outputs: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The outputs with each ``cw-state:`` image reference replaced by the PNG it names."""

    def put(match: re.Match) -> str:
        data = base64.b64encode((folder / match.group(1)).read_bytes()).decode("ascii")
        return f'src="data:image/png;base64,{data}"'

    return _map_strings(outputs, lambda text: _REF.sub(put, text))


def css_name(name: str) -> str:
    """A control's name as the page knows it (a CSS class suffix: no dots, no spaces)."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", name)


def widget_key(builder: Callable, args: tuple, kwargs: Mapping[str, Any]) -> str:
    """A name for one widget call, the same in every execution of the page."""
    call = repr((args, sorted(kwargs.items())))
    return f"{builder.__name__}-{hashlib.sha1(call.encode()).hexdigest()[:10]}"


def state_label(control: widgets.Widget, name: str) -> str:
    """``Description = shown value`` for the reader (option labels, not internal codes)."""
    title = getattr(control, "description", "") or name
    shown = getattr(control, "label", None)
    if shown is None:
        shown = control.value
    if isinstance(shown, list | tuple):
        shown = ", ".join(str(s) for s in shown) or "none"
    return f"{title.rstrip(':')} = {shown}"


def _reachable(control: widgets.Widget, name: str, values: Sequence) -> None:
    """A slider's declared values must be ones the page's slider can reach (on its steps)."""
    if not isinstance(control, widgets.FloatSlider | widgets.IntSlider) or not control.step:
        return
    off = [
        v
        for v in values
        if not control.min <= v <= control.max
        or abs((v - control.min) / control.step - round((v - control.min) / control.step)) > 1e-6
    ]
    if off:
        raise ValueError(
            f"static_states({name}=...): {off} is not on the slider's steps ({control.min:g} to "
            f"{control.max:g} by {control.step:g}), so the page's slider cannot reach it; "
            "declare values on its steps"
        )


def _combinations(
    declared: Mapping[str, Sequence], alone: Mapping[str, Sequence], page: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Every combination of the ``declared`` values (the ``alone`` controls at the page's
    values), then each ``alone`` control at each of its values with every other control at the
    page's value; a control's sweep ends back at the page's value, so that the next control's
    sweep changes one control at a time."""
    combos = [
        {**{n: page[n] for n in alone}, **dict(zip(declared, combo, strict=True))}
        for combo in itertools.product(*(declared[n] for n in declared))
    ]
    if alone:
        home = {n: page[n] for n in [*declared, *alone]}
        combos.append(home)  # back to the page's values before the sweeps
        for name, values in alone.items():
            combos += [{**home, name: v} for v in values]
            combos.append(home)
    return combos


# a widget value of whatever type the control holds (ipywidgets types .value as Any)
def _set(control: widgets.Widget, value: Any) -> None:
    if isinstance(control, widgets.SelectMultiple):
        # The page's list box reports the chosen rows in the list's order, and the outputs may
        # follow that order: set them so.
        value = tuple(v for v in control._options_values if v in value)
    control.value = value


def _write_states(
    box: widgets.Widget,
    declared: Mapping[str, Sequence],
    folder: Path,
    alone: Mapping[str, Sequence] | None = None,
) -> None:
    alone = dict(alone or {})
    controls = dict(flat_controls(box.controls))
    names = [*declared, *alone]
    unknown = sorted(set(names) - set(controls))
    if unknown:
        raise ValueError(
            f"static_states names {unknown}; the widget's controls are {sorted(controls)}"
        )
    for name in names:
        _reachable(controls[name], name, {**declared, **alone}[name])
    page = {n: controls[n].value for n in names}
    page_front = {n: frontend_value(controls[n]) for n in names}
    combos = _combinations(declared, alone, page)
    if len(combos) > MAX_STATES:
        raise ValueError(f"{len(combos)} states declared; at most {MAX_STATES}")
    initial = {css_name(n): frontend_value(c) for n, c in controls.items() if n not in names}
    initial_labels = [state_label(c, n) for n, c in controls.items() if n not in names]
    started = time.perf_counter()
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    states: list[dict[str, Any]] = []
    seen: set[str] = set()
    for combo in combos:
        for name in names:
            _set(controls[name], combo[name])
        # An observer may change another control (a new case clears the choice): record what
        # the controls hold, not what was asked.
        values = [frontend_value(controls[n]) for n in names]
        ident = json.dumps(values)
        if ident in seen:
            continue
        seen.add(ident)
        file = f"{len(states)}.json"
        outputs = {name: snapshot(w) for name, w in box.outputs.items()}
        outputs, images = split_images(outputs, stem=str(len(states)))
        for name, data in images.items():
            (tmp / name).write_bytes(data)
        (tmp / file).write_text(json.dumps({"outputs": outputs}, separators=(",", ":")))
        label = "; ".join(state_label(controls[n], n) for n in declared)
        if alone:
            moved = [
                state_label(controls[n], n)
                for n in alone
                if json.dumps(frontend_value(controls[n])) != json.dumps(page_front[n])
            ]
            label = "; ".join(p for p in (label, *moved) if p)
            label += " (the other controls at the page's values)" if label else "the page's values"
        # What the kernel's observers set the other controls to in this state (a new case
        # fills in its founding year): the page sets them so too.
        fixed = {css_name(n): frontend_value(c) for n, c in controls.items() if n not in names}
        states.append({"values": values, "file": file, "label": label, "fixed": fixed})
    manifest = {
        "declared": [css_name(n) for n in names],
        # Controls precomputed one at a time, each with the others at the page's values.
        "one_at_a_time": [css_name(n) for n in alone],
        "fixed": initial,  # the page's values of the controls not declared
        "fixed_labels": initial_labels,
        "states": states,
        "seconds": round(time.perf_counter() - started, 2),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1))
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


def static_states(
    *, one_at_a_time: Mapping[str, Sequence] | None = None, **declared: Sequence
) -> Callable[[Callable], Callable]:
    """Declare the control values the static book precomputes for a widget builder.

    Each keyword is a control name of the builder's ``box.controls`` (nested ones dotted, e.g.
    ``benefits.0``) with the values to precompute; every combination becomes one state, and the
    other controls stay at the values the page's call gives them (the page says so).

    ``one_at_a_time`` maps more controls to their values for a widget with too many controls for
    every combination (the market screener's 13 weights would need millions of states): each
    of them is precomputed at each of its values with every other control at the page's value.
    A slider's values must lie on its steps.
    """
    alone = dict(one_at_a_time or {})
    for name, values in {**declared, **alone}.items():
        if isinstance(values, str) or len(values) < 1:
            raise ValueError(f"static_states({name}=...) needs a list of values, got {values!r}")
    both = sorted(set(declared) & set(alone))
    if both:
        raise ValueError(
            f"static_states names {both} both to combine and one_at_a_time; give each control once"
        )

    def decorate(builder: Callable) -> Callable:
        @functools.wraps(builder)
        def build(*args: object, **kwargs: object) -> widgets.Widget:
            box = builder(*args, **kwargs)
            key = widget_key(builder, args, kwargs)
            box.add_class(f"cw-states-{key}")
            for name, control in flat_controls(box.controls):
                control.add_class(f"cw-ctl-{css_name(name)}")
                if name in declared or name in alone:
                    control.add_class("cw-declared")
                if name in alone:
                    control.add_class("cw-alone")
            for name, output in box.outputs.items():
                output.add_class(f"cw-out-{name}")
            folder = os.environ.get(ENV)
            if folder:
                before = set(_registry())
                copy = builder(*args, **kwargs)
                try:
                    _write_states(copy, declared, Path(folder) / key, alone)
                finally:
                    # The copy must not be saved with the page's widget state.
                    for model_id in set(_registry()) - before:
                        widget = _registry().get(model_id)
                        if widget is not None:
                            widget.close()
            return box

        build.static_states = {**declared, **alone}  # type: ignore[attr-defined]  # read by tests
        build.one_at_a_time = alone  # type: ignore[attr-defined]
        return build

    return decorate
