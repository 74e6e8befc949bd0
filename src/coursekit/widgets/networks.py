"""Network explorer: choose a firm and a number of steps k; see the markets it reaches through its
relationships, drawn on a fixed layout, and the single new partner that would open most markets."""

from __future__ import annotations

import html
from collections.abc import Hashable, Mapping
from typing import Any

import ipywidgets as widgets
import networkx as nx
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from coursekit import countries
from coursekit._validate import _shown
from coursekit.networks import (
    COUNTRY,
    _check_weights,
    best_new_partner,
    example_network,
    firm_internationalization,
    firm_situation,
    layout,
    network_internationalization,
    reachable_firms,
    reachable_markets,
    validate_network,
)
from coursekit.plotting import PALETTE
from coursekit.widgets import _checks
from coursekit.widgets._display import show_figure, show_table
from coursekit.widgets._states import static_states

__all__ = ["network_explorer", "draw_network", "MAX_K"]

MAX_K = 5
_FOCAL, _REACHED, _BEST, _OTHER, _EDGE = PALETTE[1], PALETTE[0], PALETTE[2], "#BBBBBB", "#999999"
# Column headers of the widget's table, in words (the model's columns are snake_case).
_TABLE_HEADERS = {
    "partner": "Partner",
    "country": "Partner's country",
    "new_markets": "New markets",
    "opens": "Opens",
    "markets_after": "Markets after",
}


def _country_name(code: str) -> str:
    try:
        return countries.name(code)
    except Exception:
        return code


_DISC, _DISC_EDGE, _DISC_ALPHA = PALETTE[4 % len(PALETTE)], "#555555", 0.28
#: The radius (in layout units) of the largest market's disc; the others scale by sqrt(weight).
DISC_MAX_RADIUS = 0.2


def _market_discs(
    ax: Axes, centres: Mapping[str, list[tuple[float, float]]], weights: Mapping[str, float]
) -> None:
    """A disc behind each country's firms, its area proportional to the country's weight."""
    top = max((weights[c] for c in centres), default=0.0)
    if top <= 0:
        return
    for country, points in centres.items():
        cx = sum(p[0] for p in points) / len(points)
        cy = sum(p[1] for p in points) / len(points)
        radius = DISC_MAX_RADIUS * (weights[country] / top) ** 0.5
        ax.add_patch(
            Circle(
                (cx, cy),
                radius,
                facecolor=_DISC,
                edgecolor=_DISC_EDGE,
                alpha=_DISC_ALPHA,
                lw=0.6,
                zorder=0,
            )
        )


def draw_network(
    fig: Figure,
    graph: nx.Graph,
    firm: Hashable,
    k: int,
    pos: dict[Hashable, tuple[float, float]] | None = None,
    *,
    market_weights: Mapping[str, float] | pd.Series | None = None,
) -> pd.DataFrame:
    """Draw ``graph`` on ``fig``: ``firm``, the firms it reaches within ``k`` steps, the countries
    it reaches, and its best new partner (dashed link). Returns the partner ranking.

    ``market_weights`` (opt-in; e.g. ``networks.market_sizes(graph)["gdp_usd"]``) draws a pale
    disc behind each country's firms with its *area* proportional to the country's weight; the
    best new partner is still the one that opens most markets (the count), so the drawing shows
    what the count leaves out. ``None`` (default): no discs.
    """
    _checks.figure(fig)
    g = validate_network(graph)
    if pos is not None:
        if not isinstance(pos, Mapping):
            raise TypeError(
                "pos must be a dict of firm -> (x, y), such as networks.layout(graph) returns, "
                f"or None, not {type(pos).__name__} {_shown(pos)}"
            )
        unplaced = [n for n in g.nodes if n not in pos] if pos else []
        if unplaced:
            raise ValueError(
                f"pos has no position for {len(unplaced)} firm(s) of the graph, e.g. "
                f"{unplaced[0]!r}: pass networks.layout(graph) for this graph, or None"
            )
    pos = pos or layout(g)
    reached = reachable_firms(g, firm, k)
    markets = reachable_markets(g, firm, k)
    ranking = best_new_partner(g, firm, k)
    weights = (
        None
        if market_weights is None
        else _check_weights(market_weights, dict(g.nodes(data=COUNTRY)).values())
    )
    best = ranking.iloc[0] if len(ranking) and ranking.iloc[0]["new_markets"] > 0 else None
    opens = set(best["opens"]) if best is not None else set()

    fig.clear()
    ax = fig.add_subplot()
    ax.set_axis_off()
    # edges: those among reached firms darker
    for a, b in g.edges():
        inside = a in reached and b in reached
        ax.plot(
            [pos[a][0], pos[b][0]],
            [pos[a][1], pos[b][1]],
            color=_REACHED if inside and k > 0 else _EDGE,
            lw=1.8 if inside and k > 0 else 0.8,
            alpha=0.9 if inside else 0.6,
            zorder=1,
        )
    if best is not None:
        p = best["partner"]
        ax.plot(
            [pos[firm][0], pos[p][0]],
            [pos[firm][1], pos[p][1]],
            color=_BEST,
            lw=2.2,
            ls="--",
            zorder=2,
        )
    # nodes
    for node in g.nodes:
        x, y = pos[node]
        if node == firm:
            style: dict[str, Any] = {"s": 260, "c": _FOCAL, "marker": "*", "edgecolors": "black"}
        elif best is not None and node == best["partner"]:
            style = {"s": 130, "c": _BEST, "marker": "D", "edgecolors": "black"}
        elif node in reached:
            style = {"s": 80, "c": _REACHED, "marker": "o", "edgecolors": "white"}
        else:
            style = {"s": 50, "c": _OTHER, "marker": "o", "edgecolors": "white"}
        ax.scatter([x], [y], zorder=3, linewidths=0.8, **style)
    # country labels, outside each group
    centres: dict[str, list[tuple[float, float]]] = {}
    for node, country in g.nodes(data=COUNTRY):
        centres.setdefault(country, []).append(pos[node])
    if weights is not None:
        _market_discs(ax, centres, weights)
    home = g.nodes[firm][COUNTRY]
    for country, points in centres.items():
        cx = sum(p[0] for p in points) / len(points)
        cy = sum(p[1] for p in points) / len(points)
        norm = max((cx**2 + cy**2) ** 0.5, 1e-9)
        lx, ly = cx * (1 + 0.28 / norm), cy * (1 + 0.28 / norm)
        if country == home:
            colour, weight, suffix = _FOCAL, "bold", " (home)"
        elif country in markets:
            colour, weight, suffix = _REACHED, "bold", f" ({markets[country]})"
        elif country in opens:
            colour, weight, suffix = _BEST, "bold", " (+)"
        else:
            colour, weight, suffix = "#666666", "normal", ""
        ax.text(
            lx,
            ly,
            f"{country}{suffix}",
            ha="center",
            va="center",
            fontsize=8.5,
            color=colour,
            fontweight=weight,
        )
    labelled = [firm] + ([best["partner"]] if best is not None else [])
    for node in labelled:  # names inside the circle, towards the centre
        x, y = pos[node]
        ax.text(
            0.8 * x,
            0.8 * y,
            str(node),
            fontsize=8,
            ha="center",
            va="center",
            color="black",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    handles = [
        Line2D([], [], marker="*", ls="", ms=13, mfc=_FOCAL, mec="black", label="the firm"),
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            ms=8,
            mfc=_REACHED,
            mec="white",
            label=f"reached within {k} step{'s' if k != 1 else ''}",
        ),
        Line2D(
            [],
            [],
            marker="D",
            ls="",
            ms=8,
            mfc=_BEST,
            mec="black",
            label="best new partner (dashed link)",
        ),
        Line2D([], [], marker="o", ls="", ms=7, mfc=_OTHER, mec="white", label="other firms"),
    ]
    if weights is not None:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                ms=13,
                mfc=_DISC,
                mec=_DISC_EDGE,
                alpha=_DISC_ALPHA,
                label="market size (disc area)",
            )
        )
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.02), ncols=2, fontsize=8.5
    )
    ax.set_title(
        "Country labels: (n) = reached in n steps, (+) = opened by the new partner",
        fontsize=9.5,
        fontweight="normal",
    )
    ax.set_aspect("equal")
    ax.margins(0.12)
    fig.tight_layout()
    return ranking


def network_summary(graph: nx.Graph, firm: Hashable, k: int) -> str:
    """An HTML paragraph: the markets reached, the best next partner and the firm's situation."""
    markets = reachable_markets(graph, firm, k)
    ranking = best_new_partner(graph, firm, k)
    name = html.escape(str(firm))
    if markets:
        listed = ", ".join(f"{html.escape(_country_name(c))} ({s})" for c, s in markets.items())
        reach = (
            f"Within {k} step{'s' if k != 1 else ''}, <strong>{name}</strong> reaches "
            f"{len(markets)} foreign market{'s' if len(markets) != 1 else ''}: {listed}."
        )
    else:
        reach = (
            f"Within {k} step{'s' if k != 1 else ''}, <strong>{name}</strong> reaches no "
            "foreign market."
        )
    if len(ranking) and ranking.iloc[0]["new_markets"] > 0:
        top = ranking.iloc[0]
        ties = int((ranking["new_markets"] == top["new_markets"]).sum()) - 1
        tie_note = f" ({ties} other candidate(s) open as many; ties go by name)" if ties else ""
        opened = ", ".join(html.escape(_country_name(c)) for c in top["opens"])
        best = (
            f"Best next partner: <strong>{html.escape(str(top['partner']))}</strong> "
            f"({html.escape(_country_name(top['country']))}), opening {top['new_markets']} new "
            f"market{'s' if top['new_markets'] != 1 else ''}: {opened}{tie_note}."
        )
    else:
        best = "No single new partner would open a new market within these steps."
    fi = firm_internationalization(graph, firm)
    ni = network_internationalization(graph, firm)
    sit = firm_situation(graph, firm)
    situation = (
        f"Johanson &amp; Mattsson situation: <strong>{sit}</strong> "
        f"({fi:.0%} of its relationships abroad; {ni:.0%} of the relationships around it cross "
        "a border)."
    )
    return f"<p>{reach}<br>{best}<br>{situation}</p>"


def network_alt(graph: nx.Graph, firm: Hashable, k: int) -> str:
    """Alt text for the drawing."""
    markets = reachable_markets(graph, firm, k)
    ranking = best_new_partner(graph, firm, k)
    text = (
        f"Network of {graph.number_of_nodes()} firms in "
        f"{len(set(dict(graph.nodes(data=COUNTRY)).values()))} countries. {firm} reaches "
        f"{len(markets)} foreign markets within {k} steps"
        + (f" ({', '.join(markets)})" if markets else "")
        + "."
    )
    if len(ranking) and ranking.iloc[0]["new_markets"] > 0:
        top = ranking.iloc[0]
        text += (
            f" A dashed link marks the best new partner, {top['partner']}, which would open "
            f"{', '.join(top['opens'])}."
        )
    return text


@static_states(
    firm=["Alvik Sensors", "Busan Robotics", "Porto Azulejos"],
    k=[1, 2, 3],
)
def network_explorer(
    graph: nx.Graph | None = None, *, firm: Hashable = "Alvik Sensors", k: int = 2
) -> widgets.VBox:
    """Build the explorer; returns the widget (display it as a cell's last expression)."""
    g = validate_network(example_network() if graph is None else graph)
    reachable_markets(g, firm, k)  # checks the firm and k, with helpful errors
    if k > MAX_K:
        raise ValueError(f"k can be at most {MAX_K} in the explorer, not {k}")
    pos = layout(g)
    firm_box = widgets.Dropdown(options=sorted(g.nodes, key=str), value=firm, description="Firm")
    k_box = widgets.IntSlider(
        value=k,
        min=0,
        max=MAX_K,
        step=1,
        description="Steps k",
        continuous_update=False,
    )
    message = widgets.HTML()
    chart = widgets.Output()
    table_out = widgets.Output()
    # One figure for the widget's lifetime, outside pyplot: never auto-shown, never stacked.
    fig = Figure(figsize=(7.5, 7.2))
    state: dict[str, object] = {}

    def update(*_: object) -> pd.DataFrame:
        f, steps = firm_box.value, k_box.value
        ranking = draw_network(fig, g, f, steps, pos)
        message.value = network_summary(g, f, steps)
        show_figure(chart, fig, alt=network_alt(g, f, steps))
        shown = (
            ranking.head(5)
            .assign(opens=lambda t: t["opens"].map(", ".join))
            .rename(columns=_TABLE_HEADERS)
        )
        show_table(table_out, shown, precision=0)
        state["ranking"] = ranking
        return ranking

    firm_box.observe(update, names="value")
    k_box.observe(update, names="value")
    update()
    box = widgets.VBox(
        [
            widgets.HBox([firm_box, k_box]),
            message,
            chart,
            widgets.HTML("<em>Top five candidate partners</em>"),
            table_out,
        ],
        layout=widgets.Layout(width="100%"),
    )
    box.update = update  # exposed so tests can drive it directly
    box.figure = fig
    box.state = state
    box.controls = {"firm": firm_box, "k": k_box}
    box.outputs = {"chart": chart, "message": message, "table": table_out}
    return box
