"""Uppsala simulator: choose a home country, the learning speed and the knowledge thresholds, and
watch the firm enter markets in order of psychic distance and climb the establishment chain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from coursekit import countries
from coursekit._validate import _shown, whole
from coursekit.uppsala import (
    DEFAULT_THRESHOLDS,
    STAGE_NAMES,
    entry_order,
    entry_periods,
    psychic_distance,
    simulate,
)
from coursekit.widgets import _checks
from coursekit.widgets._display import explorer_box, show_figure
from coursekit.widgets._states import static_states

__all__ = [
    "uppsala_explorer",
    "candidate_markets",
    "draw_stages",
    "MAJOR_MARKETS",
    "STAGE_COLOURS",
]

_SIMULATION_COLUMNS = ("market", "period", "stage", "entered", "psychic_distance")

#: Large, familiar economies used to fill the candidate set after the nearest markets.
MAJOR_MARKETS: tuple[str, ...] = (
    "USA",
    "CHN",
    "DEU",
    "JPN",
    "GBR",
    "FRA",
    "IND",
    "BRA",
    "ITA",
    "CAN",
    "KOR",
    "AUS",
    "MEX",
    "ESP",
)
#: One colour per stage of the establishment chain, light to dark (Okabe–Ito based).
STAGE_COLOURS: tuple[str, ...] = ("#BBBBBB", "#56B4E9", "#0072B2", "#000000")


def home_options(
    scores: pd.DataFrame | None = None, distances: pd.DataFrame | None = None
) -> list[tuple[str, str]]:
    """``(name, code)`` of the countries with both Hofstede scores and distance data."""
    from coursekit import culture, uppsala

    score_frame = uppsala._default_scores() if scores is None else culture.country_scores(scores)
    pairs = uppsala._distance_pairs(distances)
    codes = sorted(set(score_frame.index) & pairs.origins)
    return sorted(((countries.name(c), c) for c in codes), key=lambda p: p[0])


def candidate_markets(
    home: str,
    n: int = 10,
    *,
    n_nearest: int = 3,
    scores: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
) -> list[str]:
    """A candidate set for ``home``: its ``n_nearest`` nearest markets, then large economies.

    The nearest are ranked by the psychic-distance proxy over every country with all three
    parts; the rest are taken from :data:`MAJOR_MARKETS` in order, up to ``n`` markets.
    """
    whole(n, "n", low=1)
    whole(n_nearest, "n_nearest", low=0)
    table = psychic_distance(home, scores=scores, distances=distances)
    h = countries.resolve(home)
    complete = table[table["missing"] == ""]
    chosen = complete.index[:n_nearest].tolist()
    for code in MAJOR_MARKETS:
        if len(chosen) >= n:
            break
        if code != h and code not in chosen and code in table.index:
            chosen.append(code)
    return chosen


def entry_text(result: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """The entry order as HTML: markets in order with their entry period, then the rest."""
    label = (names or {}).get
    periods = entry_periods(result)
    order = entry_order(result)
    steps = " → ".join(f"{label(m, m)} ({int(periods[m])})" for m in order)
    text = f"<strong>Entry order</strong> (period of entry): {steps}."
    never = [label(m, m) for m in periods.index[periods.isna()]]
    if never:
        last = int(result["period"].max())
        text += f" <strong>Not entered</strong> within {last} periods: {', '.join(never)}."
    return f"<p>{text}</p>"


def stages_alt(result: pd.DataFrame, names: dict[str, str] | None = None) -> str:
    """Alt text for the stage chart: the entry order and the final stage of each market."""
    label = (names or {}).get
    last = result[result["period"] == result["period"].max()]
    parts = [
        f"{label(m, m)}: {name}" for m, name in zip(last["market"], last["stage_name"], strict=True)
    ]
    order = ", ".join(label(m, m) for m in entry_order(result)) or "none"
    return (
        "Chart with one lane per market, nearest first, coloured by the stage of commitment in "
        f"each period. Entry order: {order}. Stage in the last period: {'; '.join(parts)}."
    )


def draw_stages(
    fig: Figure, result: pd.DataFrame, names: dict[str, str] | None = None, title: str = ""
) -> None:
    """Draw one lane per market (nearest on top), coloured by its establishment-chain stage."""
    _checks.figure(fig)
    _checks.result_frame(result, "result", "uppsala.simulate()", _SIMULATION_COLUMNS)
    _checks.mapping_or_none(names, "names", "{'NOR': 'Norway'}")
    _checks.optional_text(title, "title", "Stages seen from Sweden")
    fig.clear()
    ax = fig.add_subplot()
    markets = list(dict.fromkeys(result["market"]))
    dist = result.drop_duplicates("market").set_index("market")["psychic_distance"]
    n_periods = int(result["period"].max())
    for lane, market in enumerate(markets):
        rows = result[result["market"] == market]
        active = rows[rows["entered"].astype(bool)]
        for stage in range(len(STAGE_NAMES)):
            periods = active.loc[active["stage"] == stage, "period"].to_numpy()
            if len(periods):
                ax.broken_barh(
                    [(p - 0.5, 1.0) for p in periods],
                    (lane - 0.38, 0.76),
                    facecolors=STAGE_COLOURS[stage],
                    edgecolor="none",
                )
    labels = [f"{(names or {}).get(m, m)} ({dist[m]:.2f})" for m in markets]
    ax.set_yticks(range(len(markets)), labels)
    ax.set_ylim(len(markets) - 0.5, -0.5)
    ax.set_xlim(0.5, n_periods + 0.5)
    ax.set_xlabel("period")
    ax.set_ylabel("market (psychic distance)")
    ax.grid(axis="y", visible=False)
    handles = [
        Patch(facecolor=c, label=f"{k}: {n}")
        for k, (c, n) in enumerate(zip(STAGE_COLOURS, STAGE_NAMES, strict=True))
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5)
    ax.set_title(title or "Stage of commitment in each market (blank: not entered)")
    fig.tight_layout()


@static_states(
    home=["SWE", "DZA", "JPN"], learning_rate=[0.1, 0.3, 0.55, 1.0]
)  # the lesson is the home base and the pace of learning; thresholds stay fixed
def uppsala_explorer(
    home: str = "SWE",
    *,
    targets: Sequence[str] | None = None,
    n_markets: int = 10,
    periods: int = 30,
    scores: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
) -> widgets.VBox:
    """Build the simulator widget; returns it (display it as a cell's last expression).

    ``targets`` fixes the candidate markets; by default each home country gets its three
    nearest markets plus large economies (:func:`candidate_markets`), ``n_markets`` in all.
    """
    if targets is not None:
        if isinstance(targets, str):
            targets = [targets]  # one market
        if isinstance(targets, Mapping) or not isinstance(targets, Iterable):
            raise TypeError(
                "targets must be a list of countries such as ['NOR', 'DEU', 'USA'], or None, "
                f"not {type(targets).__name__} {_shown(targets)}"
            )
        targets = list(targets)
        for t in targets:
            countries.resolve(t)  # names an unknown country before any widget is built
    whole(n_markets, "n_markets", low=1)
    whole(periods, "periods", low=1)  # the simulation checks the rest
    options = home_options(scores, distances)
    codes = [c for _, c in options]
    home_code = countries.resolve(
        home, candidates=codes, what="country with culture and distance data"
    )
    home_box = widgets.Dropdown(options=options, value=home_code, description="Home")
    rate = widgets.FloatSlider(
        value=0.3,
        min=0.05,
        max=1.0,
        step=0.05,
        description="Learning rate",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    sliders = [
        widgets.FloatSlider(
            value=value,
            min=0.25,
            max=12.0,
            step=0.25,
            description=f"→ stage {k + 1}",
            continuous_update=False,
        )
        for k, value in enumerate(DEFAULT_THRESHOLDS)
    ]
    message = widgets.HTML()
    order_text = widgets.HTML()
    chart = widgets.Output()
    # One figure for the widget's lifetime, outside pyplot: never auto-shown, never stacked.
    fig = Figure(figsize=(8.4, 4.2))
    state: dict[str, object] = {}

    def update(*_: object) -> pd.DataFrame | None:
        thresholds = tuple(s.value for s in sliders)
        if not all(b > a for a, b in zip(thresholds, thresholds[1:], strict=False)):
            message.value = (
                '<p style="color:#D55E00">Each threshold must be higher than the one before '
                f"(now {', '.join(f'{t:g}' for t in thresholds)}): a step further up the chain "
                "needs more knowledge.</p>"
            )
            return None
        h = home_box.value
        chosen = (
            [t for t in targets if countries.resolve(t) != h]
            if targets is not None
            else candidate_markets(h, n_markets, scores=scores, distances=distances)
        )
        table = psychic_distance(h, chosen, scores=scores, distances=distances)
        usable = table["psychic_distance"].dropna()
        result = simulate(usable, periods=periods, learning_rate=rate.value, thresholds=thresholds)
        names = dict(zip(table.index, table["name"], strict=True))
        incomplete = table[table["missing"] != ""]
        note = (
            " Proxy resting on fewer parts for: "
            + ", ".join(f"{names[c]} (no {m})" for c, m in incomplete["missing"].items())
            + "."
            if len(incomplete)
            else ""
        )
        message.value = (
            f"<p>Markets seen from <strong>{countries.name(h)}</strong>, with their psychic-"
            f"distance proxy (0 = nearest candidate, 1 = farthest).{note}</p>"
        )
        order_text.value = entry_text(result, names)
        draw_stages(fig, result, names)
        show_figure(chart, fig, alt=stages_alt(result, names))
        state["result"] = result
        return result

    for control in (home_box, rate, *sliders):
        control.observe(update, names="value")
    update()
    return explorer_box(
        [
            widgets.HBox([home_box, rate]),
            widgets.HBox(sliders),
            message,
            chart,
            order_text,
        ],
        update=update,
        figure=fig,
        state=state,
        controls={
            "home": home_box,
            "learning_rate": rate,
            "threshold_1": sliders[0],
            "threshold_2": sliders[1],
            "threshold_3": sliders[2],
        },
        outputs={"chart": chart, "entry_order": order_text, "message": message},
    )
