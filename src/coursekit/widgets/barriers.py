"""Barrier explorer: choose the barriers a firm faces; see them classified and the remedies that
address most of them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import ipywidgets as widgets
import pandas as pd

from coursekit import barriers
from coursekit._validate import _shown
from coursekit.widgets._display import show_table
from coursekit.widgets._states import static_states

__all__ = ["barrier_explorer"]


def explain(chosen: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the chosen barriers with their side, the remedies ranked) — what the explorer shows."""
    table = barriers.barriers().set_index("barrier").loc[list(chosen), ["label", "side"]]
    ranked = barriers.remedies_for(chosen)
    labels = barriers.barriers().set_index("barrier")["label"]
    ranked["addresses"] = [", ".join(labels[b] for b in a.split(", ")) for a in ranked["addresses"]]
    return table.reset_index(drop=True), ranked[["label", "n_barriers", "addresses"]].rename(
        columns={"label": "remedy", "n_barriers": "barriers addressed", "addresses": "which"}
    )


@static_states(
    barriers=[
        ("market_knowledge", "currency", "red_tape", "culture_language"),
        ("market_knowledge", "currency"),
        ("finance_internal", "managerial_skills", "regulation"),
        ("no_vision", "fear_of_control", "logistics"),
    ]
)
def barrier_explorer(chosen: Sequence[str] = ("market_knowledge", "currency")) -> widgets.VBox:
    """Build the explorer; returns the widget (display it as a cell's last expression)."""
    if isinstance(chosen, str):
        chosen = (chosen,)  # one barrier
    if isinstance(chosen, Mapping) or not isinstance(chosen, Iterable):
        raise TypeError(
            "chosen must be a list of barrier ids such as ['market_knowledge', 'currency'], "
            f"not {type(chosen).__name__} {_shown(chosen)}"
        )
    catalogue = barriers.barriers()
    options = [(f"{row.label} ({row.side})", row.barrier) for row in catalogue.itertuples()]
    ids = [barriers._barrier_id(c) for c in chosen]  # validates, names unknown barriers
    picker = widgets.SelectMultiple(
        options=options,
        value=tuple(ids),
        rows=9,
        description="Barriers the firm faces (Ctrl-click, or tap, for several)",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="95%"),
    )
    message = widgets.HTML()
    left, right = widgets.Output(), widgets.Output()

    def update(*_: object) -> None:
        if not picker.value:
            message.value = "<em>Choose at least one barrier.</em>"
            return
        table, ranked = explain(picker.value)
        n_int = int((table["side"] == "internal").sum())
        message.value = (
            f"{n_int} internal and {len(table) - n_int} external barrier(s). "
            f"<strong>{ranked.iloc[0]['remedy']}</strong> addresses most of them "
            f"({ranked.iloc[0]['barriers addressed']}); whether to start there depends on which "
            "barriers bite hardest for this firm (rate them: barriers.prioritise)."
        )
        show_table(left, table)
        show_table(right, ranked)

    picker.observe(update, names="value")
    update()
    box = widgets.VBox([picker, message, widgets.HBox([left, right])])
    box.update = update
    box.controls = {"barriers": picker}
    box.outputs = {"message": message, "barriers": left, "remedies": right}
    return box
