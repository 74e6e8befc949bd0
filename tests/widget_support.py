"""Shared helpers of the widget tests (each widget's tests sit in its model's ``test_<model>.py``).

Bad input: a builder must raise before it builds any widget (:func:`no_widget_built`); a drawing
function handed something other than a Figure says what to pass (:data:`FIG_WANTED`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

NAN = float("nan")
# The start of the message of every drawing function given something other than a Figure.
FIG_WANTED = r"fig must be a matplotlib Figure, e\.g\. fig = plt\.figure"


@contextlib.contextmanager
def no_widget_built() -> Iterator[None]:
    """Fails the test if the block creates an ipywidget (the error must come first)."""
    from ipywidgets.widgets import widget as _widget

    before = set(_widget._instances)
    try:
        yield
    finally:
        built = set(_widget._instances) - before
        assert not built, f"{len(built)} widget(s) were built before the error"
