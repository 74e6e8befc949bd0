"""Market screener: pick a home country and weights; see the ranked top 15 and what each
criterion contributes to every score (small multiples, one panel per criterion), updated in
place."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from coursekit import countries
from coursekit._validate import mapping, whole
from coursekit.markets import (
    CRITERIA,
    CRITERIA_BY_NAME,
    CRITERION_NAMES,
    DEFAULT_WEIGHTS,
    MarketData,
    default_data,
    screen,
)
from coursekit.plotting import PALETTE
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure, show_table
from coursekit.widgets._states import static_states

__all__ = [
    "market_screener",
    "draw_contributions",
    "contributions_alt",
    "mean_contributions",
    "CRITERION_STYLE",
]

TOP_N = 15
_HATCHES = ("", "//", "..", "xx")

#: A fixed colour and hatch per criterion, so a criterion looks the same in every chart.
CRITERION_STYLE: dict[str, tuple[str, str]] = {
    c.name: (PALETTE[i % len(PALETTE)], _HATCHES[(i // len(PALETTE)) % len(_HATCHES)])
    for i, c in enumerate(CRITERIA)
}


def rank_change(rank: int, base_rank: float) -> str:
    """How a market moved against the baseline ranking: "▲3", "▼2", "=" or "new" (not ranked)."""
    if not np.isfinite(base_rank):
        return "new"
    moved = int(base_rank) - int(rank)
    return "=" if moved == 0 else (f"▲{moved}" if moved > 0 else f"▼{-moved}")


def ranked_table(
    result: pd.DataFrame, n: int = TOP_N, baseline: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The top ``n`` rows of a :func:`~coursekit.markets.screen` result, ready to display.

    With a ``baseline`` screen result (such as the default weights from the same home), a column
    says how far each market moved up or down against it.
    """
    active = [c for c in CRITERION_NAMES if c in result.columns]
    table = result.head(n)[["rank", "name", "score", *active, "n_criteria", "missing"]].copy()
    if baseline is not None:
        base = baseline.set_index("iso3")["rank"].astype(float)
        before = result.head(n)["iso3"].map(base).to_numpy(dtype=float)
        table.insert(
            1,
            "vs default weights",
            [rank_change(r, b) for r, b in zip(table["rank"], before, strict=True)],
        )
    table = table.rename(columns={c: CRITERIA_BY_NAME[c].label for c in active})
    table["missing"] = table["missing"].replace("", "–")
    return table.rename(
        columns={
            "name": "market",
            "n_criteria": "criteria with data",
            "missing": "imputed (no data: median of the others)",
        }
    )


def _short_label(name: str) -> str:
    """A criterion's label without its bracketed source, one word a line when long."""
    label = CRITERIA_BY_NAME[name].label.split(" (")[0]
    return label if len(label) <= 8 else label.replace(" ", "\n")


def mean_contributions(result: pd.DataFrame, n: int = TOP_N) -> pd.Series:
    """Each weighted criterion's mean contribution over the top-``n`` markets, largest first."""
    _checks.result_frame(result, "result", "markets.screen()", ("rank", "name"))
    whole(n, "n", low=1)
    active = [c for c in CRITERION_NAMES if c in result.columns]
    return result.head(n)[active].astype(float).mean().sort_values(ascending=False, kind="stable")


def contributions_alt(result: pd.DataFrame, n: int = TOP_N) -> str:
    """The alt text of :func:`draw_contributions`, computed from the same result."""
    means = mean_contributions(result, n)
    top = result.head(n)
    home = result.attrs.get("home", "")
    leaders = [CRITERIA_BY_NAME[c].label.split(" (")[0].lower() for c in means.index[:2]]
    return (
        f"Small-multiple chart of the top {len(top)} markets screened from "
        f"{countries.name(home) if home else 'home'}: a bar of each market's score, then one "
        f"panel per weighted criterion with the market's contribution as a dot. The leader is "
        f"{top['name'].iloc[0]} with {float(top['score'].iloc[0]):.2f}; across these markets "
        f"the largest contributions come from {' and '.join(leaders)}."
    )


def draw_contributions(fig: Figure, result: pd.DataFrame, n: int = TOP_N) -> None:
    """Small multiples: the top-``n`` markets' scores (left panel), then one panel per weighted
    criterion with each market's contribution (its weight times its normalised value) as a dot.

    The rows are the same markets in every panel, best first, and every criterion panel shares
    one scale, so a reader compares contributions across criteria by position on a common axis
    instead of by the lengths of stacked segments. The dots of a row add up to its score.
    """
    _checks.figure(fig)
    _checks.result_frame(result, "result", "markets.screen()", ("rank", "name"))
    whole(n, "n", low=1)
    fig.clear()
    top = result.head(n)
    active = [c for c in CRITERION_NAMES if c in result.columns]
    y = np.arange(len(top))
    widths = [1.6] + [1.0] * len(active)
    axes = fig.subplots(1, 1 + len(active), sharey=True, gridspec_kw={"width_ratios": widths})
    axes = np.atleast_1d(axes)
    score_ax = axes[0]
    score_ax.barh(y, top["score"].to_numpy(dtype=float), color=PALETTE[0], height=0.6)
    score_ax.set_xlim(0, 1)
    score_ax.set_xticks([0, 0.5, 1], ["0", ".5", "1"])
    score_ax.set_title("score", fontsize=8.5)
    score_ax.set_yticks(y, [f"{r}. {m}" for r, m in zip(top["rank"], top["name"], strict=True)])
    score_ax.invert_yaxis()
    values = {c: top[c].to_numpy(dtype=float) for c in active}
    largest = max((float(np.nanmax(v)) for v in values.values() if v.size), default=0.0)
    limit = max(largest * 1.1, 0.01)
    for ax, name in zip(axes[1:], active, strict=True):
        colour, _ = CRITERION_STYLE[name]
        ax.hlines(y, 0, values[name], color=colour, linewidth=1.2)
        ax.plot(values[name], y, "o", color=colour, markersize=4.5)
        ax.set_xlim(0, limit)
        ax.set_xticks([0, limit / 1.1], ["0", f"{limit / 1.1:.2f}".lstrip("0")])
        ax.set_title(_short_label(name), fontsize=7)
    for ax in axes:
        ax.tick_params(axis="x", labelsize=7)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="y", visible=False)
    home = result.attrs.get("home", "")
    fig.suptitle(
        f"Top {len(top)} markets from {countries.name(home) if home else 'home'}: score and "
        "each criterion's contribution (weight x normalised value)",
        fontsize=9.5,
    )
    fig.tight_layout()


@static_states(home=["DEU", "FRA", "USA"], market_size=[0.0, 0.2, 0.6])  # other weights fixed
def market_screener(
    data: MarketData | None = None,
    *,
    home: str = "DEU",
    weights: Mapping[str, float] | None = None,
) -> widgets.VBox:
    """Build the screener; returns the widget (display it as a cell's last expression)."""
    md = default_data() if data is None else data
    if weights is not None:
        mapping(weights, "weights", allow_empty=True)
    start = dict(DEFAULT_WEIGHTS if weights is None else weights)
    first = screen(home, start, data=md)  # validates home and weights before building anything
    above = {k: w for k, w in start.items() if w > 1}
    if above:  # a slider would silently cut such a weight down to 1 and change the shares
        raise ValueError(
            "the screener's weight sliders run from 0 to 1: give weights between 0 and 1 (only "
            "their shares matter), not " + ", ".join(f"{k}={w:g}" for k, w in above.items())
        )
    home_code = first.attrs["home"]
    options = sorted(((str(md.economies[c]), c) for c in md.economies.index), key=lambda p: p[0])
    home_box = widgets.Dropdown(options=options, value=home_code, description="Home")
    sliders = {
        c.name: widgets.FloatSlider(
            value=float(start.get(c.name, 0.0)),
            min=0.0,
            max=1.0,
            step=0.05,
            description=c.label,
            tooltip=f"{c.label}: {c.source}",
            style={"description_width": "14em"},
            layout=widgets.Layout(width="30em"),
            continuous_update=False,
            readout_format=".2f",
        )
        for c in CRITERIA
    }
    message = widgets.HTML()
    table_out = widgets.Output()
    chart = widgets.Output()
    fig = new_figure(figsize=(8.5, 5.2))

    def update(*_: object) -> pd.DataFrame | None:
        chosen = {n: s.value for n, s in sliders.items() if s.value > 0}
        if not chosen:
            message.value = "<em>Give at least one criterion a weight above 0.</em>"
            return None
        result = screen(home_box.value, chosen, data=md)
        total = sum(chosen.values())
        shares = ", ".join(
            f"{CRITERIA_BY_NAME[n].label.split(' (')[0].lower()} {100 * w / total:.0f}%"
            for n, w in sorted(chosen.items(), key=lambda kv: -kv[1])
        )
        knocked = len(result.attrs.get("knocked_out", ()))
        message.value = (
            f"{len(result)} markets screened from <strong>{countries.name(result.attrs['home'])}"
            f"</strong> ({knocked} smaller than 0.1% of the largest market's GDP, or without "
            f"GDP data, knocked out first). Weights (as shares): {shares}. A market without "
            "data on a weighted criterion gets the median score of the others on it (listed "
            "in the table); the second column shows how each market moved against the default "
            "weights."
        )
        draw_contributions(fig, result)
        baseline = screen(home_box.value, DEFAULT_WEIGHTS, data=md)
        show_table(table_out, ranked_table(result, baseline=baseline), precision=3)
        top = ", ".join(result["name"].head(3))
        show_figure(
            chart,
            fig,
            alt=contributions_alt(result) + f" The top three are {top}.",
        )
        return result

    home_box.observe(update, names="value")
    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    left = [sliders[c.name] for c in CRITERIA if c.dimension == "market"]
    right = [sliders[c.name] for c in CRITERIA if c.dimension != "market"]
    controls = widgets.HBox(
        [
            widgets.VBox([widgets.HTML("<strong>Market attractiveness</strong>"), *left]),
            widgets.VBox([widgets.HTML("<strong>CAGE distance from home</strong>"), *right]),
        ]
    )
    box = widgets.VBox(
        [home_box, controls, message, chart, table_out], layout=widgets.Layout(width="100%")
    )
    box.update = update  # exposed so tests can drive it directly
    box.figure = fig
    box.controls = {"home": home_box, **sliders}
    box.outputs = {"chart": chart, "table": table_out, "message": message}
    return box
