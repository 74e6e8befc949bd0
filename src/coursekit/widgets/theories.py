"""Which theory explains it? Pick an (invented) case, choose a theory, read the feedback and the
theory's row of the comparison table."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coursekit.theories import (
    CASES,
    THEORIES,
    THEORY_NAMES,
    case,
    match_case,
    theory_row,
)
from coursekit.widgets._states import static_states

__all__ = ["theory_matcher"]

_COLOURS = {True: "#009E73", False: "#D55E00"}
_PARTLY = "#B07A00"  # a darker amber, readable on white


def case_html(case_id: str) -> str:
    """The case's title and story as HTML, labelled as an invented case."""
    c = case(case_id)
    return (
        f"<div style='margin:0.3em 0'><strong>{html.escape(c.title)}</strong> "
        f"<em>(an illustrative, invented case)</em><br>{html.escape(c.story)}</div>"
    )


def feedback_html(case_id: str, theory: str | None) -> str:
    """Feedback on a choice as HTML; ``None`` (nothing chosen yet) asks for a choice."""
    if theory is None:
        return "<p><em>Choose the theory that explains this case best.</em></p>"
    verdict = match_case(case_id, theory)
    row = theory_row(theory)
    # Three verdicts: the dominant mechanism, a supporting one (partly right), or a miss.
    if verdict.correct:
        colour, icon = _COLOURS[True], "✔"
    elif verdict.partly:
        colour, icon = _PARTLY, "◐"
    else:
        colour, icon = _COLOURS[False], "✘"
    return (
        f"<div style='border-left:4px solid {colour};padding:0.3em 0.8em;margin:0.3em 0'>"
        f"<strong style='color:{colour}'>{icon}</strong> {html.escape(verdict.message)}</div>"
        f"<p style='font-size:90%'><strong>{html.escape(row['name'])}</strong>: "
        f"unit of analysis: {html.escape(row['unit_detail'].lower())}; explanatory construct: "
        f"{html.escape(row['construct'].lower())}; speed: {html.escape(row['speed'])}; "
        f"mechanism: {html.escape(row['mechanism'])}.</p>"
    )


@static_states(
    case=[c.case_id for c in CASES], theory=[None, *THEORIES]
)  # every case, every answer: the static quiz shows the right verdict
def theory_matcher(*, case_id: str | None = None, theory: str | None = None) -> widgets.VBox:
    """Build the matcher; returns the widget (display it as a cell's last expression).

    ``case_id`` picks the first case shown (default: the first case); ``theory`` preselects a
    choice so that a saved page can show an example of the feedback.
    """
    first = case(case_id).case_id if case_id is not None else CASES[0].case_id
    if theory is not None:
        theory_row(theory)  # validates, with a helpful message
    case_box = widgets.Dropdown(
        options=[(c.title, c.case_id) for c in CASES], value=first, description="Case"
    )
    theory_box = widgets.RadioButtons(
        options=[(THEORY_NAMES[t], t) for t in THEORIES],
        value=theory,
        description="Theory",
        layout=widgets.Layout(width="auto"),
    )
    story = widgets.HTML()
    feedback = widgets.HTML()

    def update(*_: object) -> None:
        story.value = case_html(case_box.value)
        feedback.value = feedback_html(case_box.value, theory_box.value)

    def new_case(change: dict) -> None:
        theory_box.value = None  # a fresh case starts without a choice
        update()

    case_box.observe(new_case, names="value")
    theory_box.observe(update, names="value")
    update()
    box = widgets.VBox([case_box, story, theory_box, feedback], layout=widgets.Layout(width="100%"))
    box.update = update  # exposed so tests can drive it directly
    box.controls = {"case": case_box, "theory": theory_box}
    box.outputs = {"story": story, "feedback": feedback}
    return box
