"""Uppsala simulator: choose a home country, the learning speed and the knowledge thresholds, and
watch the firm enter markets in order of psychic distance and climb the establishment chain.

Three optional mechanisms of the model (:func:`coursekit.uppsala.simulate`) have controls of their
own, all off at the start so that the widget first shows the default run: **resources** (the
``commitment_budget``: the most stages the firm can hold in total, "no limit" by default), a
**setback** (``setbacks``: a market and the period a bad outcome hits it, "none" by default) and
a **partner** (``partner_pull``: a market a partner takes the firm into, and when; "none" by
default). Markets are chosen by their place in the nearest-first order (1 = the nearest
candidate), so the choice means the same for every home country. :func:`explorer_run` is the
widget's computation as a plain function.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    "explorer_run",
    "ExplorerRun",
    "NO_LIMIT",
    "NO_MARKET",
    "PULL_START",
    "RESOURCE_OPTIONS",
    "SETBACK_START",
    "place_label",
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
#: The resources control's setting for no resource constraint (``commitment_budget=None``).
NO_LIMIT = "no limit"
#: The resources slider's settings: the most stages the firm can hold in total, then no limit.
RESOURCE_OPTIONS: tuple[int | str, ...] = (1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 25, 30, NO_LIMIT)
#: The market dropdowns' "none" (their other values are places in the nearest-first order).
NO_MARKET = 0
#: Where the setback and partner period sliders start (they act only once a market is chosen).
SETBACK_START, PULL_START = 8, 3
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


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def place_label(k: int) -> str:
    """How a market dropdown names the ``k``-th market of the nearest-first order."""
    return "nearest market" if k == 1 else f"{_ordinal(k)} nearest"


@dataclass(frozen=True)
class ExplorerRun:
    """What the simulator widget shows for one setting of its controls."""

    #: :func:`~coursekit.uppsala.psychic_distance` of the candidate markets, nearest first.
    table: pd.DataFrame
    #: :func:`~coursekit.uppsala.simulate` on the markets with a proxy value.
    result: pd.DataFrame
    #: The market codes with their names.
    names: dict[str, str]
    #: The optional mechanisms passed to ``simulate`` (empty when all are off).
    options: dict[str, Any] = field(default_factory=dict)
    #: One sentence per mechanism switched on, for the text above the chart.
    notes: tuple[str, ...] = ()


def _market_choice(value: object, name: str, markets: Sequence[str], periods: int) -> tuple:
    """``(code, period)`` for a ``(place, period)`` choice, or ``()`` for none."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != 2:
        raise TypeError(
            f"{name} must be (place, period) such as (1, 8) — place 1 is the nearest market — "
            f"or None, not {type(value).__name__} {_shown(value)}"
        )
    place = whole(value[0], f"the market place of {name}", low=0)
    if place > len(markets):
        raise ValueError(
            f"{name} names the {_ordinal(place)} nearest market, but there are only "
            f"{len(markets)} candidate markets: choose a place from 1 to {len(markets)}, or 0 "
            "for none"
        )
    if place == NO_MARKET:
        return ()
    period = whole(value[1], f"the period of {name}", low=1, high=periods)
    return markets[place - 1], period


def explorer_run(
    home: str = "SWE",
    *,
    targets: Sequence[str] | None = None,
    n_markets: int = 10,
    periods: int = 30,
    learning_rate: float = 0.3,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    resources: int | str | None = NO_LIMIT,
    setback: tuple[int, int] | None = None,
    partner: tuple[int, int] | None = None,
    scores: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
) -> ExplorerRun:
    """The widget's computation for one setting of its controls (the widget's update calls it).

    ``resources`` is the ``commitment_budget`` (a whole number of stages) or :data:`NO_LIMIT`
    / ``None``. ``setback`` and ``partner`` are ``(place, period)``: the ``place``-th market of
    the nearest-first order (1 = nearest; 0 = none) and the period; ``None``: none. With every
    mechanism off the run is ``simulate(markets, periods, learning_rate, thresholds)`` exactly.
    """
    h = countries.resolve(home)
    chosen = (
        [t for t in targets if countries.resolve(t) != h]
        if targets is not None
        else candidate_markets(h, n_markets, scores=scores, distances=distances)
    )
    table = psychic_distance(h, chosen, scores=scores, distances=distances)
    usable = table["psychic_distance"].dropna()
    names = dict(zip(table.index, table["name"], strict=True))
    markets = [str(m) for m in usable.index]
    whole(periods, "periods", low=1)
    options: dict[str, Any] = {}
    notes: list[str] = []
    if resources is not None and resources != NO_LIMIT:
        budget = whole(resources, "resources (the most stages held in total)", low=0)
        options["commitment_budget"] = budget
        notes.append(
            f"Resources: at most {budget} stage{'s' if budget != 1 else ''} in total across "
            "the markets."
        )
    hit = _market_choice(setback, "setback", markets, int(periods))
    if hit:
        options["setbacks"] = {hit[0]: hit[1]}
        notes.append(f"Setback: a bad outcome hits {names[hit[0]]} in period {hit[1]}.")
    pull = _market_choice(partner, "partner", markets, int(periods))
    if pull:
        options["partner_pull"] = {pull[0]: pull[1]}
        notes.append(f"Partner: takes the firm into {names[pull[0]]} by period {pull[1]}.")
    result = simulate(
        usable,
        periods=periods,
        learning_rate=learning_rate,
        thresholds=tuple(thresholds),
        **options,
    )
    return ExplorerRun(table, result, names, options, tuple(notes))


@static_states(
    home=["SWE", "DZA", "JPN"],
    learning_rate=[0.1, 0.3, 0.55, 1.0],
    one_at_a_time={"resources": list(RESOURCE_OPTIONS)},
)  # the lesson is the home base, the pace of learning and the resources; the setback and the
# partner are live-only (the page precomputes them at "none"), and so are the thresholds
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
    The resources, setback and partner controls start switched off (see the module's text).
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
    wide = {"description_width": "initial"}
    resources = widgets.SelectionSlider(
        options=[(str(v), v) for v in RESOURCE_OPTIONS],
        value=NO_LIMIT,
        description="Resources (stages in total)",
        continuous_update=False,
        style=wide,
        layout=widgets.Layout(width="28em"),
    )
    n_places = len(targets) if targets is not None else n_markets
    places = [("none", NO_MARKET)] + [(place_label(k), k) for k in range(1, n_places + 1)]
    setback_market = widgets.Dropdown(options=places, value=NO_MARKET, description="Setback in")
    partner_market = widgets.Dropdown(options=places, value=NO_MARKET, description="Partner to")

    def period_slider(description: str, start: int) -> widgets.IntSlider:
        return widgets.IntSlider(
            value=min(start, periods),
            min=1,
            max=periods,
            description=description,
            continuous_update=False,
            disabled=True,
        )

    setback_period = period_slider("in period", SETBACK_START)
    partner_period = period_slider("by period", PULL_START)
    message = widgets.HTML()
    order_text = widgets.HTML()
    chart = widgets.Output()
    # One figure for the widget's lifetime, outside pyplot: never auto-shown, never stacked.
    fig = Figure(figsize=(8.4, 4.2))
    state: dict[str, object] = {}

    def update(*_: object) -> pd.DataFrame | None:
        setback_period.disabled = setback_market.value == NO_MARKET
        partner_period.disabled = partner_market.value == NO_MARKET
        thresholds = tuple(s.value for s in sliders)
        if not all(b > a for a, b in zip(thresholds, thresholds[1:], strict=False)):
            message.value = (
                '<p style="color:#D55E00">Each threshold must be higher than the one before '
                f"(now {', '.join(f'{t:g}' for t in thresholds)}): a step further up the chain "
                "needs more knowledge.</p>"
            )
            return None
        h = home_box.value
        try:
            run = explorer_run(
                h,
                targets=targets,
                n_markets=n_markets,
                periods=periods,
                learning_rate=rate.value,
                thresholds=thresholds,
                resources=resources.value,
                setback=(setback_market.value, setback_period.value),
                partner=(partner_market.value, partner_period.value),
                scores=scores,
                distances=distances,
            )
        except ValueError as err:  # a market place beyond the candidates (fixed targets)
            if "nearest market, but there are only" not in str(err):
                raise
            message.value = f'<p style="color:#D55E00">{html.escape(str(err))}.</p>'
            return None
        table, result, names = run.table, run.result, run.names
        incomplete = table[table["missing"] != ""]
        note = (
            " Proxy resting on fewer parts for: "
            + ", ".join(f"{names[c]} (no {m})" for c, m in incomplete["missing"].items())
            + "."
            if len(incomplete)
            else ""
        )
        extra = f" {' '.join(run.notes)}" if run.notes else ""
        message.value = (
            f"<p>Markets seen from <strong>{countries.name(h)}</strong>, with their psychic-"
            f"distance proxy (0 = nearest candidate, 1 = farthest).{note}{extra}</p>"
        )
        order_text.value = entry_text(result, names)
        draw_stages(fig, result, names)
        show_figure(chart, fig, alt=stages_alt(result, names))
        state["result"] = result
        state["run"] = run
        return result

    controls = {
        "home": home_box,
        "learning_rate": rate,
        "threshold_1": sliders[0],
        "threshold_2": sliders[1],
        "threshold_3": sliders[2],
        "resources": resources,
        "setback_market": setback_market,
        "setback_period": setback_period,
        "partner_market": partner_market,
        "partner_period": partner_period,
    }
    for control in controls.values():
        control.observe(update, names="value")
    update()
    return explorer_box(
        [
            widgets.HBox([home_box, rate]),
            widgets.HBox(sliders),
            widgets.HTML("<strong>Optional mechanisms</strong> (off at the start: no limit, none)"),
            resources,
            widgets.HBox([setback_market, setback_period]),
            widgets.HBox([partner_market, partner_period]),
            message,
            chart,
            order_text,
        ],
        update=update,
        figure=fig,
        state=state,
        controls=controls,
        outputs={"chart": chart, "entry_order": order_text, "message": message},
    )
