"""Chapter 3 model (book/ch03_networks.md).

The network view of internationalization: which markets a firm reaches through its relationships.

A **network** is an undirected :class:`networkx.Graph`. Each node is a firm and carries a
``country`` attribute (a string; the course uses ISO 3166 alpha-3 codes such as ``"SWE"``); each
edge is a business relationship (customer, supplier, distributor, alliance partner ...). The
functions read the graph and never change it.

**Reach** (:func:`reachable_markets`). A firm *reaches* a country within ``k`` steps when some
firm in that country can be reached along at most ``k`` relationships: step 1 is a direct
partner, step 2 a partner's partner, and so on. The country's value is the smallest number of
steps. The firm's home country is left out unless ``include_home=True``. This is the network
theory's claim in its simplest form: markets are entered through the relationships a firm has,
or can get, with firms that are already there (Johanson & Mattsson 1988; Johanson & Vahlne 2009).

**The best next partner** (:func:`best_new_partner`). For each candidate, add one relationship
between the firm and the candidate, recompute the reach, and count the countries that are
reachable now and were not before (the new markets). Candidates are ranked by that count,
highest first, ties broken by the candidate's name. The count is computed without copying the
graph: after adding the edge firm–c, the shortest path to any firm v is
``min(d(firm, v), 1 + d(c, v))``.

**Market weights** (opt-in: :func:`market_sizes`, ``best_new_partner(..., market_weights=)``).
Counting markets treats Norway and the United States alike. :func:`market_sizes` gives each
country of the network its GDP in current US$ (GDP per head x population, World Bank WDI, from
the course's ``indicators`` table; each country's latest year with both values), and
``best_new_partner(..., market_weights=sizes)`` ranks the candidates by the *size* of the markets
a new relationship would open (column ``new_market_size``, the sum of the opened markets'
weights) instead of their number. Assumptions: a market's worth is its size alone (not its growth,
its distance or the firm's fit with it), and sizes add up. Without ``market_weights`` (the
default) the ranking and the columns are exactly the unweighted ones.

**The four situations** (:func:`situation`, Johanson & Mattsson 1988) cross two measures, both
shares between 0 and 1:

``firm_internationalization`` (:func:`firm_internationalization`)
    the share of the firm's relationships that are with firms in another country
    (0 for a firm without relationships);
``network_internationalization`` (:func:`network_internationalization`)
    the share of cross-border relationships in the network around the firm: all relationships
    among the firms within ``radius`` steps of it (default 2), *leaving out the firm's own*, so
    the two measures do not overlap. Without a firm it is the share over the whole graph. With
    no relationships to measure it is 0.

A measure at or above ``threshold`` (default 0.5) counts as *high*:

=====================  ===================  =============================
firm \\ network         low                  high
=====================  ===================  =============================
low                    early starter        late starter
high                   lonely international international among others
=====================  ===================  =============================

Bad input raises ``TypeError`` or ``ValueError`` saying what was wrong: a graph that is not a
networkx graph, a firm that is not in it (with close matches), a node without a ``country``,
a relationship of a firm with itself, or ``k`` that is negative or not a whole number.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from coursekit import _validate

__all__ = [
    "COUNTRY",
    "SITUATIONS",
    "SIZE_COLUMN",
    "example_network",
    "validate_network",
    "reachable_firms",
    "reachable_markets",
    "market_access",
    "market_sizes",
    "best_new_partner",
    "firm_internationalization",
    "network_internationalization",
    "situation",
    "firm_situation",
    "situation_table",
    "layout",
    "example_markets",
    "example_market_count",
    "example_best_partner",
    "example_best_gain",
    "example_situation",
]

#: The node attribute that holds a firm's country.
COUNTRY = "country"
#: Johanson & Mattsson's four situations, keyed by (firm is high, network is high).
SITUATIONS: dict[tuple[bool, bool], str] = {
    (False, False): "early starter",
    (True, False): "lonely international",
    (False, True): "late starter",
    (True, True): "international among others",
}

# --------------------------------------------------------------------------------------------
# The example network (data)

#: (firm, country, what it does). Invented firms; the countries are real.
_FIRMS: tuple[tuple[str, str, str], ...] = (
    # listed so that neighbouring regions sit next to each other in the drawing (see layout)
    ("Alvik Sensors", "SWE", "maker of hygienic sensors for food processing"),
    ("Birka Software", "SWE", "process-control software"),
    ("Kalmar Packaging", "SWE", "packaging machines"),
    ("Vättern Machines", "SWE", "conveyor systems"),
    ("Fyn Distribution", "DNK", "distributor of food-processing equipment"),
    ("Hanse Logistik", "DEU", "logistics and spare-parts service"),
    ("Rhein Systemhaus", "DEU", "system integrator for food plants"),
    ("Wisla Components", "POL", "machined components"),
    ("Alpen Controls", "AUT", "control cabinets"),
    ("Delft Automation", "NLD", "automation engineering"),
    ("Thames Instruments", "GBR", "laboratory instruments"),
    ("Great Lakes Food Equipment", "USA", "dairy and bakery equipment"),
    ("Monterrey Maquinaria", "MEX", "machinery distributor"),
    ("Porto Azulejos", "PRT", "tile maker"),
    ("Valencia Ceramica", "ESP", "tile maker"),
    ("Castellon Esmaltes", "ESP", "glaze maker"),
    ("Sassuolo Tiles", "ITA", "ceramic tiles"),
    ("Modena Glazes", "ITA", "glazes for tiles"),
    ("Bologna Kilns", "ITA", "industrial kilns"),
    ("Sydney Process Systems", "AUS", "process engineering"),
    ("Chennai Foods Machinery", "IND", "food-machinery maker"),
    ("Singapore Trading House", "SGP", "trading company for industrial equipment"),
    ("Penang Electronics", "MYS", "electronics contract manufacturer"),
    ("Busan Robotics", "KOR", "robot arms"),
    ("Osaka Devices", "JPN", "sensor components"),
    ("Oslo Fisk Tech", "NOR", "equipment for fish processing"),
)

#: (firm, firm, kind of relationship).
_RELATIONSHIPS: tuple[tuple[str, str, str], ...] = (
    # a Swedish cluster around food-processing equipment
    ("Alvik Sensors", "Birka Software", "development partner"),
    ("Alvik Sensors", "Kalmar Packaging", "customer"),
    ("Alvik Sensors", "Fyn Distribution", "distributor"),
    ("Birka Software", "Kalmar Packaging", "customer"),
    ("Birka Software", "Vättern Machines", "customer"),
    ("Kalmar Packaging", "Vättern Machines", "supplier"),
    ("Kalmar Packaging", "Hanse Logistik", "service partner"),
    ("Vättern Machines", "Oslo Fisk Tech", "customer"),
    # northern and central Europe
    ("Fyn Distribution", "Hanse Logistik", "logistics partner"),
    ("Hanse Logistik", "Wisla Components", "supplier"),
    ("Hanse Logistik", "Rhein Systemhaus", "service partner"),
    ("Rhein Systemhaus", "Alpen Controls", "supplier"),
    ("Rhein Systemhaus", "Delft Automation", "alliance"),
    ("Rhein Systemhaus", "Bologna Kilns", "customer"),
    ("Delft Automation", "Thames Instruments", "alliance"),
    ("Thames Instruments", "Great Lakes Food Equipment", "distributor"),
    ("Great Lakes Food Equipment", "Monterrey Maquinaria", "distributor"),
    # an Italian tile cluster with an exporting kiln maker
    ("Sassuolo Tiles", "Modena Glazes", "supplier"),
    ("Sassuolo Tiles", "Bologna Kilns", "supplier"),
    ("Modena Glazes", "Bologna Kilns", "development partner"),
    ("Bologna Kilns", "Valencia Ceramica", "customer"),
    ("Bologna Kilns", "Porto Azulejos", "customer"),
    ("Valencia Ceramica", "Castellon Esmaltes", "supplier"),
    # Asia-Pacific, around a trading house
    ("Singapore Trading House", "Osaka Devices", "distributor"),
    ("Singapore Trading House", "Penang Electronics", "supplier"),
    ("Singapore Trading House", "Chennai Foods Machinery", "distributor"),
    ("Singapore Trading House", "Sydney Process Systems", "distributor"),
    ("Osaka Devices", "Busan Robotics", "supplier"),
    ("Busan Robotics", "Penang Electronics", "supplier"),
)


def example_network() -> nx.Graph:
    """An illustrative, invented network of firms in real countries (the chapter's example).

    The firms and their relationships are made up for teaching; only the countries are real.
    Nodes carry ``country`` (ISO3) and ``activity``; edges carry ``kind``.
    """
    graph = nx.Graph(
        description=(
            "An illustrative, invented network: the firms and relationships are made up, "
            "the countries are real."
        )
    )
    for firm, country, activity in _FIRMS:
        graph.add_node(firm, country=country, activity=activity)
    for a, b, kind in _RELATIONSHIPS:
        graph.add_edge(a, b, kind=kind)
    return graph


# --------------------------------------------------------------------------------------------
# Checks


def validate_network(graph: object) -> nx.Graph:
    """Check ``graph`` and return it as an undirected graph (a view of a directed one).

    Raises ``TypeError`` if it is not a networkx graph and ``ValueError`` if a node has no
    ``country`` (or an empty or non-text one) or a firm has a relationship with itself.
    """
    if not isinstance(graph, nx.Graph):
        raise TypeError(
            "a network is a networkx graph (nx.Graph) whose nodes are firms with a 'country' "
            f"attribute, not {type(graph).__name__}"
        )
    missing = [
        node
        for node, country in graph.nodes(data=COUNTRY)
        if not isinstance(country, str) or not country.strip()
    ]
    if missing:
        shown = ", ".join(repr(n) for n in missing[:5]) + (" ..." if len(missing) > 5 else "")
        example = missing[0]
        raise ValueError(
            f"{len(missing)} firm(s) without a country: {shown}. Every node needs a "
            f"'country' attribute (a non-empty string), for example "
            f"graph.add_node({example!r}, country='SWE')"
        )
    loops = list(nx.selfloop_edges(graph))
    if loops:
        raise ValueError(
            f"a firm cannot have a relationship with itself: remove the edge "
            f"({loops[0][0]!r}, {loops[0][1]!r})"
        )
    return graph.to_undirected(as_view=True) if graph.is_directed() else graph


def _check_firm(graph: nx.Graph, firm: object, what: str = "firm") -> Hashable:
    if not isinstance(firm, Hashable):  # networkx answers False for these; say why
        raise TypeError(
            f"a {what} is named by its node in the network (for example a string), "
            f"not a {type(firm).__name__}"
        )
    if firm in graph:
        return firm  # type: ignore[return-value]
    names = {str(n): n for n in graph.nodes}
    # loose: also case-insensitively and by a part, e.g. 'alvik' for 'Alvik Sensors'
    tip = _validate.suggest(firm, names, n=3, cutoff=0.5, loose=True)
    raise ValueError(f"Unknown {what} {firm!r}: it is not a node of the network.{tip}")


def _check_k(k: object, name: str = "k") -> int:
    return _validate.whole(
        k,
        name,
        low=0,
        why="relationship steps",
        example="0, 1, 2 (relationship steps)",
        strict=True,
    )


def _check_share(value: object, name: str) -> float:
    return _validate.number(value, name, low=0, high=1, why="a share", example="0.5")


def _check_threshold(threshold: object) -> float:
    t = _check_share(threshold, "threshold")
    if not 0.0 < t < 1.0:
        raise ValueError(f"threshold must lie strictly between 0 and 1, not {threshold!r}")
    return t


def _check_example_firm(firm: object) -> str:
    if not isinstance(firm, str):
        raise TypeError(
            "firm is the name of a firm in the example network (a str) such as "
            f"'Alvik Sensors', not {type(firm).__name__} {firm!r}"
        )
    return firm


# --------------------------------------------------------------------------------------------
# Reach


def reachable_firms(graph: nx.Graph, firm: Hashable, k: int) -> dict[Hashable, int]:
    """Every firm within ``k`` relationship steps of ``firm`` (the firm itself at 0 steps)."""
    g = validate_network(graph)
    firm = _check_firm(g, firm)
    k = _check_k(k)
    return dict(nx.single_source_shortest_path_length(g, firm, cutoff=k))


def _markets_from(
    distances: dict[Hashable, int], countries: dict[Hashable, str], home: str, include_home: bool
) -> dict[str, int]:
    best: dict[str, int] = {}
    for node, steps in distances.items():
        country = countries[node]
        if (include_home or country != home) and steps < best.get(country, math.inf):
            best[country] = steps
    return dict(sorted(best.items(), key=lambda item: (item[1], item[0])))


def reachable_markets(
    graph: nx.Graph, firm: Hashable, k: int, *, include_home: bool = False
) -> dict[str, int]:
    """The countries ``firm`` reaches within ``k`` relationship steps, and in how many steps.

    Returns ``{country: steps}``, nearest first (ties by country). The firm's home country is
    left out unless ``include_home`` is true (then it appears with 0 steps).

    >>> reachable_markets(example_network(), "Alvik Sensors", 2)
    {'DNK': 1, 'DEU': 2}
    """
    g = validate_network(graph)
    firm = _check_firm(g, firm)
    k = _check_k(k)
    countries = dict(g.nodes(data=COUNTRY))
    distances = nx.single_source_shortest_path_length(g, firm, cutoff=k)
    return _markets_from(distances, countries, countries[firm], include_home)


#: The edge attribute that holds a tie's strength, for :func:`market_access`.
STRENGTH = "strength"


def market_access(
    graph: nx.Graph, firm: Hashable, k: int, *, default_strength: float = 1.0
) -> dict[str, float]:
    """Reach weighted by tie strength (opt-in): how strong the firm's best route to each market is.

    Each relationship may carry an edge attribute ``strength`` in [0, 1] (1 = a strong tie, near
    0 = a weak one); ties without it count as ``default_strength``. A route's strength is the
    product of the strengths of its ties, so access fades with every step and with every weak
    tie; a country's access is its strongest route of at most ``k`` steps. Returns
    ``{country: access}`` for the countries with access above 0, strongest first (ties by
    country), home country left out.

    Assumptions: strength is one number per tie (Granovetter's time, intensity, intimacy and
    reciprocity folded together); strengths multiply along a route (an introduction through a
    weak tie is worth less however strong the next tie is); the best single route counts,
    several routes do not add up; market size does not enter. With every strength 1 the
    countries are exactly those of :func:`reachable_markets` and every access is 1 (the tests
    check this law), so the unweighted model is the special case of equally strong ties.
    """
    g = validate_network(graph)
    firm = _check_firm(g, firm)
    k = _check_k(k)
    default = _check_share(default_strength, "default_strength")
    strengths: dict[tuple[Hashable, Hashable], float] = {}
    for a, b, attrs in g.edges(data=True):
        raw = attrs.get(STRENGTH, default)
        s = _check_share(raw, f"the strength of the tie {a!r}–{b!r}")
        strengths[(a, b)] = strengths[(b, a)] = s
    best: dict[Hashable, float] = {firm: 1.0}
    for _ in range(k):  # best routes of at most one more step; strengths <= 1, so no cycle helps
        nxt = dict(best)
        for u, value in best.items():
            for v in g.neighbors(u):
                cand = value * strengths[(u, v)]
                if cand > nxt.get(v, 0.0):
                    nxt[v] = cand
        best = nxt
    countries = dict(g.nodes(data=COUNTRY))
    home = countries[firm]
    access: dict[str, float] = {}
    for node, value in best.items():
        country = countries[node]
        if country != home and value > 0 and value > access.get(country, 0.0):
            access[country] = value
    return dict(sorted(access.items(), key=lambda item: (-item[1], item[0])))


_PARTNER_COLUMNS = ["partner", "country", "new_markets", "opens", "markets_after"]
#: The column :func:`best_new_partner` adds, and ranks by, when given ``market_weights``.
SIZE_COLUMN = "new_market_size"


def market_sizes(graph: nx.Graph, *, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """The size of each country of ``graph`` as a market: GDP in current US$, from real data.

    GDP is GDP per head (current US$) x population, both from the same year: each country's
    latest year with both values in ``indicators`` (default: the course's ``indicators`` table,
    World Bank WDI). Returns a DataFrame indexed by country (ISO3, in the order the countries
    first appear among the nodes) with ``gdp_usd`` and ``year``; a country without data is
    named in a ``ValueError`` (no size is made up). Pass ``sizes["gdp_usd"]`` to
    ``best_new_partner(..., market_weights=)`` or to the network drawing.
    """
    g = validate_network(graph)
    if indicators is None:
        from coursekit import data

        indicators = data.load("indicators")
    table = _validate.frame(
        indicators, "indicators", columns=("iso3", "year", "gdp_pc_usd", "population")
    )
    wanted = list(dict.fromkeys(country for _, country in g.nodes(data=COUNTRY)))
    rows = table[table["iso3"].isin(wanted)].copy()
    rows["gdp_usd"] = pd.to_numeric(rows["gdp_pc_usd"], errors="coerce") * pd.to_numeric(
        rows["population"], errors="coerce"
    )
    rows = rows[rows["gdp_usd"].notna() & (rows["gdp_usd"] > 0)]
    latest = rows.sort_values("year").groupby("iso3").tail(1).set_index("iso3")
    missing = [c for c in wanted if c not in latest.index]
    if missing:
        raise ValueError(
            f"no GDP (GDP per head and population in the same year) for {', '.join(missing)} "
            "in the indicators table: give those firms a country with data, or pass your own "
            "market weights"
        )
    out = latest.loc[wanted, ["gdp_usd", "year"]].astype({"gdp_usd": "float64", "year": "int64"})
    out.index.name = "country"
    return out


def _check_weights(weights: object, countries: Iterable[str]) -> dict[str, float]:
    """``market_weights``: a mapping country -> size (>= 0) covering every country."""
    if isinstance(weights, pd.DataFrame):
        raise TypeError(
            "market_weights is one number per country, e.g. market_sizes(graph)['gdp_usd'], "
            "not the whole table"
        )
    if isinstance(weights, pd.Series):
        weights = weights.to_dict()
    mapping = _validate.mapping(weights, "market_weights")
    out: dict[str, float] = {}
    for country, value in mapping.items():
        out[str(country)] = _validate.number(
            value, f"the market weight of {country!r}", low=0, example="its GDP"
        )
    missing = sorted(set(countries) - set(out))
    if missing:
        raise ValueError(
            f"market_weights has no weight for {', '.join(missing)}; give every country of the "
            "network one (market_sizes(graph)['gdp_usd'] does)"
        )
    return out


def best_new_partner(
    graph: nx.Graph,
    firm: Hashable,
    k: int,
    candidates: Iterable[Hashable] | None = None,
    *,
    include_home: bool = False,
    market_weights: Mapping[str, float] | pd.Series | None = None,
) -> pd.DataFrame:
    """Rank candidate partners by how many new markets one relationship with them would open.

    ``candidates`` defaults to every firm that is not ``firm`` and not already its partner.
    Returns one row per candidate with columns ``partner``, ``country``, ``new_markets`` (how
    many countries become reachable within ``k`` steps that were not), ``opens`` (those
    countries, a sorted tuple) and ``markets_after`` (all markets reachable with the new
    relationship), sorted by ``new_markets`` (highest first) and then by partner name.

    ``market_weights`` (opt-in) maps every country of the network to its size, e.g.
    ``market_sizes(graph)["gdp_usd"]``: the table gains ``new_market_size`` (the summed weight of
    the markets the partner opens) and is sorted by it, then by ``new_markets``, then by name.
    ``None`` (default): the unweighted table above, unchanged.
    """
    g = validate_network(graph)
    firm = _check_firm(g, firm)
    k = _check_k(k)
    if candidates is None:
        pool = sorted((n for n in g.nodes if n != firm and not g.has_edge(firm, n)), key=str)
    else:
        if isinstance(candidates, (str, bytes)):
            raise TypeError(
                "candidates is a list of firms, e.g. ['Rhein Systemhaus'], not one string"
            )
        pool = []
        for c in candidates:
            c = _check_firm(g, c, what="candidate")
            if c == firm:
                raise ValueError(f"{firm!r} cannot be its own partner: remove it from candidates")
            if c not in pool:
                pool.append(c)
    countries = dict(g.nodes(data=COUNTRY))
    weights = None if market_weights is None else _check_weights(market_weights, countries.values())
    home = countries[firm]
    base = nx.single_source_shortest_path_length(g, firm, cutoff=k)
    before = _markets_from(base, countries, home, include_home)
    rows = []
    for c in pool:
        if k == 0:
            after = before
        else:
            via = nx.single_source_shortest_path_length(g, c, cutoff=k - 1)
            merged = dict(base)
            for node, steps in via.items():
                if steps + 1 < merged.get(node, math.inf):
                    merged[node] = steps + 1
            after = _markets_from(merged, countries, home, include_home)
        opens = tuple(sorted(set(after) - set(before)))
        rows.append(
            {
                "partner": c,
                "country": countries[c],
                "new_markets": len(opens),
                "opens": opens,
                "markets_after": len(after),
            }
        )
    table = pd.DataFrame(rows, columns=_PARTNER_COLUMNS)
    order = ["new_markets"]
    if weights is not None:
        sizes = [float(sum(weights[c] for c in opens)) for opens in table["opens"]]
        table[SIZE_COLUMN] = pd.Series(sizes, index=table.index, dtype="float64")
        order = [SIZE_COLUMN, "new_markets"]
    if len(table):
        table["_name"] = table["partner"].map(str)
        table = table.sort_values(
            [*order, "_name"], ascending=[False] * len(order) + [True], kind="stable"
        )
        table = table.drop(columns="_name").reset_index(drop=True)
    table["new_markets"] = table["new_markets"].astype("int64")
    table["markets_after"] = table["markets_after"].astype("int64")
    return table


# --------------------------------------------------------------------------------------------
# Johanson & Mattsson's four situations


def firm_internationalization(graph: nx.Graph, firm: Hashable) -> float:
    """The share of ``firm``'s relationships that cross a border (0 if it has none)."""
    g = validate_network(graph)
    firm = _check_firm(g, firm)
    home = g.nodes[firm][COUNTRY]
    partners = list(g.neighbors(firm))
    if not partners:
        return 0.0
    return sum(g.nodes[p][COUNTRY] != home for p in partners) / len(partners)


def network_internationalization(
    graph: nx.Graph, firm: Hashable | None = None, radius: int = 2
) -> float:
    """The share of cross-border relationships in the network around ``firm``.

    Counts the relationships among the firms within ``radius`` steps of ``firm``, leaving out
    ``firm``'s own relationships; without ``firm``, every relationship of the graph. Returns 0
    when there is no relationship to count.
    """
    g = validate_network(graph)
    if firm is None:
        edges = list(g.edges())
    else:
        firm = _check_firm(g, firm)
        radius = _check_k(radius, "radius")
        around = nx.single_source_shortest_path_length(g, firm, cutoff=radius)
        edges = [
            (a, b)
            for a, b in g.subgraph(around).edges()
            if firm not in (a, b)  # the firm's own relationships are its own measure
        ]
    if not edges:
        return 0.0
    crossing = sum(g.nodes[a][COUNTRY] != g.nodes[b][COUNTRY] for a, b in edges)
    return crossing / len(edges)


def situation(
    firm_internationalization: float,
    network_internationalization: float,
    threshold: float = 0.5,
) -> str:
    """Johanson & Mattsson's situation for two shares (a share >= ``threshold`` is high).

    >>> situation(0.1, 0.8)
    'late starter'
    """
    f = _check_share(firm_internationalization, "firm_internationalization")
    n = _check_share(network_internationalization, "network_internationalization")
    t = _check_threshold(threshold)
    return SITUATIONS[(f >= t, n >= t)]


def firm_situation(graph: nx.Graph, firm: Hashable, threshold: float = 0.5, radius: int = 2) -> str:
    """The situation of ``firm`` in ``graph``, from the two measures described in the module."""
    return situation(
        firm_internationalization(graph, firm),
        network_internationalization(graph, firm, radius),
        threshold,
    )


def situation_table(graph: nx.Graph, threshold: float = 0.5, radius: int = 2) -> pd.DataFrame:
    """One row per firm: its country, relationships, the two measures and its situation."""
    g = validate_network(graph)
    _check_threshold(threshold)  # checked here too, so that a graph without firms says so
    _check_k(radius, "radius")
    rows = []
    for firm in sorted(g.nodes, key=str):
        f = firm_internationalization(g, firm)
        n = network_internationalization(g, firm, radius)
        rows.append(
            {
                "firm": firm,
                "country": g.nodes[firm][COUNTRY],
                "relationships": g.degree(firm),
                "firm_internationalization": f,
                "network_internationalization": n,
                "situation": situation(f, n, threshold),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Drawing positions


def layout(graph: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Fixed positions for drawing: countries on a circle, each country's firms around it.

    Countries are placed in the order they first appear among the nodes (the example lists its
    firms region by region); firms of a country sit on a small ring around its point. The result
    is the same on every call, so a widget can redraw without the picture jumping.
    """
    g = validate_network(graph)
    order: list[str] = []
    members: dict[str, list[Hashable]] = {}
    for node, country in g.nodes(data=COUNTRY):
        if country not in members:
            order.append(country)
            members[country] = []
        members[country].append(node)
    n = len(order)
    positions: dict[Hashable, tuple[float, float]] = {}
    for i, country in enumerate(order):
        angle = 2 * np.pi * i / max(n, 1) + np.pi / 2
        cx, cy = np.cos(angle), np.sin(angle)
        firms = members[country]
        ring = 0.0 if len(firms) == 1 else 0.07 + 0.02 * len(firms)
        for j, node in enumerate(firms):
            a = 2 * np.pi * j / len(firms) + angle
            positions[node] = (float(cx + ring * np.cos(a)), float(cy + ring * np.sin(a)))
    return positions


# --------------------------------------------------------------------------------------------
# Plain answers about the example network (the exercise checks call these: a question spec is
# data and cannot hold a graph)


def example_markets(firm: str, k: int) -> list[str]:
    """The countries ``firm`` reaches within ``k`` steps in :func:`example_network`."""
    _check_example_firm(firm)
    return list(reachable_markets(example_network(), firm, k))


def example_market_count(firm: str, k: int) -> int:
    """How many foreign markets ``firm`` reaches within ``k`` steps in the example network."""
    _check_example_firm(firm)
    return len(reachable_markets(example_network(), firm, k))


def example_best_partner(firm: str, k: int) -> str:
    """The top-ranked new partner of ``firm`` for ``k`` steps in the example network."""
    _check_example_firm(firm)
    return str(best_new_partner(example_network(), firm, k).iloc[0]["partner"])


def example_best_gain(firm: str, k: int) -> int:
    """How many new markets the top-ranked new partner opens (example network)."""
    _check_example_firm(firm)
    return int(best_new_partner(example_network(), firm, k).iloc[0]["new_markets"])


def example_situation(firm: str) -> str:
    """Johanson & Mattsson's situation of ``firm`` in the example network."""
    _check_example_firm(firm)
    return firm_situation(example_network(), firm)
