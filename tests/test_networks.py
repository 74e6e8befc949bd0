"""The network model: reach, the best new partner, the four situations; laws and bad input."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from widget_support import FIG_WANTED, NAN, no_widget_built

from coursekit import networks
from coursekit.networks import (
    best_new_partner,
    example_network,
    firm_internationalization,
    firm_situation,
    network_internationalization,
    reachable_markets,
    situation,
)


def chain() -> nx.Graph:
    """A - B - C - D - E with countries SWE, DNK, DEU, SWE, USA, plus a loose firm F in JPN."""
    g = nx.Graph()
    for name, country in [
        ("A", "SWE"),
        ("B", "DNK"),
        ("C", "DEU"),
        ("D", "SWE"),
        ("E", "USA"),
        ("F", "JPN"),
    ]:
        g.add_node(name, country=country)
    nx.add_path(g, ["A", "B", "C", "D", "E"])
    return g


def brute_force_markets(g: nx.Graph, firm: str, k: int, include_home: bool = False) -> dict:
    """Reach computed another way: every shortest path length, then the minimum per country."""
    lengths = nx.shortest_path_length(g, source=firm)
    home = g.nodes[firm]["country"]
    best: dict[str, int] = {}
    for node, d in lengths.items():
        c = g.nodes[node]["country"]
        if d <= k and (include_home or c != home):
            best[c] = min(best.get(c, d), d)
    return best


# ---- reach ---------------------------------------------------------------------------------


def test_reach_along_a_chain():
    g = chain()
    assert reachable_markets(g, "A", 0) == {}
    assert reachable_markets(g, "A", 1) == {"DNK": 1}
    assert reachable_markets(g, "A", 2) == {"DNK": 1, "DEU": 2}
    # D is in the home country: it adds nothing; E (USA) comes at step 4
    assert reachable_markets(g, "A", 3) == reachable_markets(g, "A", 2)
    assert reachable_markets(g, "A", 4) == {"DNK": 1, "DEU": 2, "USA": 4}
    assert reachable_markets(g, "A", 2, include_home=True) == {"SWE": 0, "DNK": 1, "DEU": 2}


def test_result_is_ordered_nearest_first():
    g = example_network()
    steps = list(reachable_markets(g, "Alvik Sensors", 4).items())
    assert steps == sorted(steps, key=lambda item: (item[1], item[0]))


def test_a_country_counts_at_its_nearest_firm():
    g = chain()
    g.add_edge("A", "E")  # now USA is one step away, through E
    assert reachable_markets(g, "A", 4)["USA"] == 1


def test_example_network_is_described_as_invented_and_complete():
    g = example_network()
    assert "invented" in g.graph["description"]
    assert all(isinstance(c, str) and len(c) == 3 for _, c in g.nodes(data="country"))
    assert nx.number_of_selfloops(g) == 0
    assert g.number_of_nodes() >= 20 and len({c for _, c in g.nodes(data="country")}) >= 10
    from coursekit import countries

    for code in {c for _, c in g.nodes(data="country")}:
        assert countries.resolve(code) == code  # real countries, by their ISO3 code


def test_the_example_shows_all_four_situations():
    table = networks.situation_table(example_network())
    assert set(table["situation"]) == set(networks.SITUATIONS.values())


def test_directed_graph_is_read_as_undirected():
    g = chain()
    d = nx.DiGraph()
    d.add_nodes_from(g.nodes(data=True))
    d.add_edges_from((b, a) for a, b in g.edges())  # every edge points the "wrong" way
    assert reachable_markets(d, "A", 4) == reachable_markets(g, "A", 4)


# ---- best new partner ----------------------------------------------------------------------


def test_best_partner_on_a_small_graph():
    g = chain()
    g.add_node("G", country="BRA")
    g.add_edge("F", "G")  # F (JPN) knows G (BRA): F opens two markets within 2 steps
    table = best_new_partner(g, "A", 2)
    assert list(table.columns) == ["partner", "country", "new_markets", "opens", "markets_after"]
    assert table.loc[0, "partner"] == "F" and table.loc[0, "opens"] == ("BRA", "JPN")
    assert "A" not in set(table["partner"]) and "B" not in set(table["partner"])  # self, partner
    row = table.set_index("partner").loc["E"]  # E: USA at 1 step, D adds nothing (home)
    assert row["opens"] == ("USA",) and row["markets_after"] == 3


def test_ties_are_broken_by_name():
    g = nx.Graph()
    g.add_node("home", country="SWE")
    for name, country in [("zeta", "DEU"), ("alpha", "FRA"), ("mid", "ITA")]:
        g.add_node(name, country=country)
    table = best_new_partner(g, "home", 1)
    assert list(table["partner"]) == ["alpha", "mid", "zeta"]
    assert (table["new_markets"] == 1).all()


def test_explicit_candidates_and_existing_partners():
    g = chain()
    table = best_new_partner(g, "A", 3, candidates=["B", "E", "E"])
    assert list(table["partner"]) == ["E", "B"]  # duplicates dropped, ranked
    assert table.set_index("partner").loc["B", "new_markets"] == 0  # already a partner


def test_k_zero_opens_nothing():
    table = best_new_partner(example_network(), "Alvik Sensors", 0)
    assert (table["new_markets"] == 0).all() and len(table) > 0


def test_no_candidates_gives_an_empty_table_with_the_columns():
    g = nx.Graph()
    g.add_node("A", country="SWE")
    g.add_node("B", country="DNK")
    g.add_edge("A", "B")
    table = best_new_partner(g, "A", 2)
    assert table.empty and "new_markets" in table.columns


# ---- the four situations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("firm", "network", "expected"),
    [
        (0.1, 0.2, "early starter"),
        (0.9, 0.2, "lonely international"),
        (0.1, 0.8, "late starter"),
        (0.9, 0.8, "international among others"),
        (0.5, 0.5, "international among others"),  # at the threshold counts as high
    ],
)
def test_four_situations(firm, network, expected):
    assert situation(firm, network) == expected


def test_threshold_moves_the_boundary():
    assert situation(0.4, 0.4, threshold=0.3) == "international among others"
    assert situation(0.4, 0.4, threshold=0.6) == "early starter"


def test_measures_by_hand():
    g = chain()
    # C (DEU) has partners B (DNK) and D (SWE): both abroad
    assert firm_internationalization(g, "C") == 1.0
    # D (SWE): partners C (DEU) and E (USA) abroad -> 1.0; A (SWE) - B (DNK): 1 of 1
    assert firm_internationalization(g, "A") == 1.0
    assert firm_internationalization(g, "F") == 0.0  # no relationships
    # around D within 2 steps: B, C, D, E; edges B-C, C-D, D-E; D's own left out -> B-C only
    assert network_internationalization(g, "D") == 1.0
    g.add_node("H", country="DEU")
    g.add_edge("C", "H")  # a domestic German relationship near D
    assert network_internationalization(g, "D") == pytest.approx(1 / 2)
    whole = [g.nodes[a]["country"] != g.nodes[b]["country"] for a, b in g.edges()]
    assert network_internationalization(g) == pytest.approx(sum(whole) / len(whole))
    assert network_internationalization(g, "F") == 0.0  # nothing around F


def test_firm_situation_combines_the_measures():
    g = example_network()
    for firm in ["Alvik Sensors", "Bologna Kilns", "Birka Software", "Rhein Systemhaus"]:
        f = firm_internationalization(g, firm)
        n = network_internationalization(g, firm)
        assert firm_situation(g, firm) == situation(f, n)


# ---- laws on random graphs ---------------------------------------------------------------

COUNTRIES = ["SWE", "DNK", "DEU", "USA", "JPN"]


@st.composite
def random_networks(draw):
    n = draw(st.integers(1, 10))
    g = nx.Graph()
    for i in range(n):
        g.add_node(f"f{i}", country=draw(st.sampled_from(COUNTRIES)))
    pairs = [(f"f{i}", f"f{j}") for i in range(n) for j in range(i + 1, n)]
    if pairs:
        g.add_edges_from(draw(st.lists(st.sampled_from(pairs), max_size=len(pairs))))
    return g


@settings(max_examples=150, deadline=None)
@given(random_networks(), st.integers(0, 6), st.booleans())
def test_reach_matches_brute_force(g, k, include_home):
    firm = sorted(g.nodes)[0]
    got = reachable_markets(g, firm, k, include_home=include_home)
    assert got == brute_force_markets(g, firm, k, include_home)


@settings(max_examples=150, deadline=None)
@given(random_networks(), st.integers(0, 6))
def test_reach_grows_with_k(g, k):
    firm = sorted(g.nodes)[-1]
    near, far = reachable_markets(g, firm, k), reachable_markets(g, firm, k + 1)
    assert set(near) <= set(far)
    assert all(far[c] == near[c] for c in near)  # a market's distance does not change


@settings(max_examples=150, deadline=None)
@given(random_networks(), st.integers(0, 5), st.data())
def test_adding_a_relationship_never_shrinks_reach(g, k, data):
    nodes = sorted(g.nodes)
    firm = data.draw(st.sampled_from(nodes))
    a, b = data.draw(st.sampled_from(nodes)), data.draw(st.sampled_from(nodes))
    before = reachable_markets(g, firm, k)
    if a != b:
        g.add_edge(a, b)
    after = reachable_markets(g, firm, k)
    assert set(before) <= set(after)
    assert all(after[c] <= before[c] for c in before)


@settings(max_examples=120, deadline=None)
@given(random_networks(), st.integers(0, 5), st.data())
def test_gain_equals_recomputed_reach(g, k, data):
    firm = data.draw(st.sampled_from(sorted(g.nodes)))
    table = best_new_partner(g, firm, k)
    before = set(reachable_markets(g, firm, k))
    for row in table.itertuples(index=False):
        h = g.copy()
        h.add_edge(firm, row.partner)
        after = set(reachable_markets(h, firm, k))
        assert row.new_markets == len(after - before)
        assert set(row.opens) == after - before
        assert row.markets_after == len(after)
    keys = list(zip(-table["new_markets"], table["partner"], strict=True))
    assert keys == sorted(keys)  # ranked, ties by name


@settings(max_examples=120, deadline=None)
@given(random_networks(), st.floats(0.05, 0.95))
def test_measures_are_shares_and_situations_follow_them(g, threshold):
    table = networks.situation_table(g, threshold=threshold)
    for col in ["firm_internationalization", "network_internationalization"]:
        assert table[col].between(0, 1).all()
    for row in table.itertuples(index=False):
        high_f = row.firm_internationalization >= threshold
        high_n = row.network_internationalization >= threshold
        assert row.situation == networks.SITUATIONS[(high_f, high_n)]


def test_layout_is_fixed_and_complete():
    g = example_network()
    first, second = networks.layout(g), networks.layout(example_network())
    assert first == second and set(first) == set(g.nodes)


# ---- bad input -----------------------------------------------------------------------------


def test_unknown_firm_is_named_with_close_matches():
    with pytest.raises(ValueError, match=r"Unknown firm 'Alvik Sensor'.*'Alvik Sensors'"):
        reachable_markets(example_network(), "Alvik Sensor", 2)
    with pytest.raises(ValueError, match=r"'alvik'.*Did you mean.*'Alvik Sensors'"):
        best_new_partner(example_network(), "alvik", 2)
    with pytest.raises(ValueError, match=r"Unknown firm 'Zzz'"):
        firm_situation(example_network(), "Zzz")


def test_unhashable_firm_is_a_type_error():
    with pytest.raises(TypeError, match="named by its node"):
        reachable_markets(example_network(), ["Alvik Sensors"], 2)


@pytest.mark.parametrize(
    ("k", "error", "message"),
    [
        (-1, ValueError, "at least 0"),
        (1.5, TypeError, "whole number"),
        (2.0, TypeError, "whole number"),
        (True, TypeError, "whole number"),
        ("2", TypeError, "whole number"),
        (None, TypeError, "whole number"),
    ],
)
def test_bad_k(k, error, message):
    with pytest.raises(error, match=message):
        reachable_markets(example_network(), "Alvik Sensors", k)
    with pytest.raises(error, match=message):
        best_new_partner(example_network(), "Alvik Sensors", k)


def test_node_without_country_is_named():
    g = chain()
    g.add_node("Nowhere Ltd")
    with pytest.raises(ValueError, match=r"without a country: 'Nowhere Ltd'.*country="):
        reachable_markets(g, "A", 2)
    g.nodes["Nowhere Ltd"]["country"] = "  "
    with pytest.raises(ValueError, match="Nowhere Ltd"):
        firm_situation(g, "A")


def test_not_a_graph():
    with pytest.raises(TypeError, match=r"networkx graph.*not dict"):
        reachable_markets({"A": ["B"]}, "A", 1)


def test_self_relationship():
    g = chain()
    g.add_edge("A", "A")
    with pytest.raises(ValueError, match="relationship with itself"):
        reachable_markets(g, "A", 1)


def test_bad_candidates():
    g = example_network()
    with pytest.raises(TypeError, match="list of firms"):
        best_new_partner(g, "Alvik Sensors", 2, candidates="Rhein Systemhaus")
    with pytest.raises(ValueError, match=r"Unknown candidate 'Rhein'.*'Rhein Systemhaus'"):
        best_new_partner(g, "Alvik Sensors", 2, candidates=["Rhein"])
    with pytest.raises(ValueError, match="own partner"):
        best_new_partner(g, "Alvik Sensors", 2, candidates=["Alvik Sensors"])


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((1.2, 0.5), ValueError, r"firm_internationalization must be between 0 and 1 \(a share\)"),
        ((0.2, -0.1), ValueError, "network_internationalization must be between 0 and 1"),
        ((0.2, float("nan")), ValueError, "between 0 and 1"),
        (("high", 0.5), TypeError, "firm_internationalization must be a number"),
        ((0.2, 0.5, 0.0), ValueError, "strictly between 0 and 1"),
        ((0.2, 0.5, 1.0), ValueError, "strictly between 0 and 1"),
    ],
)
def test_bad_situation_input(args, error, message):
    with pytest.raises(error, match=message):
        situation(*args)


def test_bad_radius():
    with pytest.raises(ValueError, match="radius must be a whole number of at least 0"):
        network_internationalization(example_network(), "Alvik Sensors", radius=-1)


# ---- the widget ----------------------------------------------------------------------------


def test_widget_builds_with_controls_and_draws():
    from coursekit.widgets.networks import network_explorer

    box = network_explorer()
    assert set(box.controls) == {"firm", "k"}
    assert box.figure.axes, "the network is drawn at construction"
    assert len(box.outputs["chart"].outputs) == 1
    assert 'alt="' in box.outputs["chart"].outputs[0]["data"]["text/html"]
    top = best_new_partner(example_network(), "Alvik Sensors", 2).iloc[0]["partner"]
    assert top in box.outputs["message"].value


def test_widget_update_follows_the_controls():
    from coursekit.widgets.networks import network_explorer

    box = network_explorer()
    before = box.outputs["message"].value
    box.controls["firm"].value = "Bologna Kilns"
    box.controls["k"].value = 1
    ranking = box.update()  # call the handler directly: ipywidgets swallows errors in observers
    assert box.outputs["message"].value != before
    assert "Bologna Kilns" in box.outputs["message"].value
    expected = best_new_partner(example_network(), "Bologna Kilns", 1)
    pd.testing.assert_frame_equal(ranking, expected)
    assert "lonely international" in box.outputs["message"].value


def test_widget_draws_a_custom_network_and_k_zero():
    from matplotlib.figure import Figure

    from coursekit.widgets.networks import draw_network, network_explorer, network_summary

    box = network_explorer(chain(), firm="A", k=0)
    assert "reaches no foreign market" in box.outputs["message"].value
    assert "No single new partner" in network_summary(chain(), "A", 0)
    fig = Figure()
    ranking = draw_network(fig, chain(), "A", 2)
    pd.testing.assert_frame_equal(ranking, best_new_partner(chain(), "A", 2))
    assert ranking.iloc[0]["partner"] == "D" and fig.axes  # D, E, F open one each: by name


def test_widget_bad_arguments():
    from coursekit.widgets.networks import MAX_K, network_explorer

    with pytest.raises(ValueError, match="Unknown firm 'Atlantis AB'"):
        network_explorer(firm="Atlantis AB")
    with pytest.raises(ValueError, match="at most"):
        network_explorer(k=MAX_K + 1)
    with pytest.raises(TypeError, match="networkx graph"):
        network_explorer(graph=[("A", "B")])


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


def test_draw_network_names_the_bad_argument():
    from matplotlib.figure import Figure

    from coursekit.widgets.networks import draw_network

    fig = Figure()
    g = networks.example_network()
    firm = "Alvik Sensors"
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_network(None, g, firm, 2)
    with pytest.raises(TypeError, match="networkx graph"):
        draw_network(fig, {firm: []}, firm, 2)
    with pytest.raises(ValueError, match="Unknown firm 'Alvik'.*Alvik Sensors"):
        draw_network(fig, g, "Alvik", 2)
    with pytest.raises(ValueError, match="k must be a whole number of at least 0"):
        draw_network(fig, g, firm, -1)
    with pytest.raises(TypeError, match=r"pos must be a dict of firm -> \(x, y\)"):
        draw_network(fig, g, firm, 2, pos=[(0, 0)])
    with pytest.raises(ValueError, match="pos has no position for .* networks.layout"):
        draw_network(fig, g, firm, 2, pos={firm: (0.0, 0.0)})


def test_network_explorer_bad_firm_and_steps():
    from coursekit.widgets.networks import network_explorer

    with no_widget_built(), pytest.raises(ValueError, match="Unknown firm 'Alvik'"):
        network_explorer(firm="Alvik")
    with no_widget_built(), pytest.raises(ValueError, match="k can be at most 5 in the explorer"):
        network_explorer(k=9)
    with no_widget_built(), pytest.raises(ValueError, match="k must be .*at least 0"):
        network_explorer(k=-1)
    with no_widget_built(), pytest.raises(TypeError, match="k must be a whole number .*steps"):
        network_explorer(k=NAN)
    with no_widget_built(), pytest.raises(TypeError, match="networkx graph"):
        network_explorer({"Alvik Sensors": []})


# ---- bad input: every public function called directly ------------------------------------


@pytest.mark.parametrize(
    ("graph", "error", "message"),
    [
        ([("A", "B")], TypeError, r"a network is a networkx graph \(nx.Graph\).*not list"),
        (None, TypeError, "a network is a networkx graph.*not NoneType"),
        (nx.Graph([("A", "B")]), ValueError, r"2 firm\(s\) without a country: 'A', 'B'"),
    ],
)
def test_validate_network_bad_graphs(graph, error, message):
    with pytest.raises(error, match=message):
        networks.validate_network(graph)


def test_validate_network_self_loop_and_non_text_country():
    g = chain()
    g.nodes["A"]["country"] = 46
    with pytest.raises(ValueError, match=r"without a country: 'A'.*a non-empty string"):
        networks.validate_network(g)
    g = chain()
    g.add_edge("B", "B")
    with pytest.raises(ValueError, match=r"relationship with itself: remove the edge \('B', 'B'\)"):
        networks.validate_network(g)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("not a graph", "A", 1), TypeError, "a network is a networkx graph"),
        ((chain(), "Z", 1), ValueError, r"Unknown firm 'Z': it is not a node of the network"),
        ((chain(), {"A"}, 1), TypeError, "a firm is named by its node.*not a set"),
        ((chain(), "A", -1), ValueError, "k must be a whole number of at least 0.*, not -1"),
        ((chain(), "A", 1.0), TypeError, r"k must be a whole number .*relationship steps.*float"),
    ],
)
def test_reachable_firms_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        networks.reachable_firms(*args)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (({1: 2}, "A"), TypeError, "a network is a networkx graph.*not dict"),
        ((chain(), "a"), ValueError, r"Unknown firm 'a'.*Did you mean"),
        ((chain(), ["A"]), TypeError, "a firm is named by its node.*not a list"),
    ],
)
def test_firm_internationalization_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        networks.firm_internationalization(*args)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"graph": "network"}, TypeError, "a network is a networkx graph.*not str"),
        ({"threshold": 0}, ValueError, "threshold must lie strictly between 0 and 1, not 0"),
        ({"threshold": 1.5}, ValueError, r"threshold must be between 0 and 1 \(a share\), not 1.5"),
        ({"threshold": "half"}, TypeError, r"threshold must be a number"),
        ({"radius": -1}, ValueError, "radius must be a whole number of at least 0"),
        ({"radius": 1.5}, TypeError, "radius must be a whole number .*relationship steps"),
        ({"graph": nx.Graph(), "threshold": 2}, ValueError, "threshold must be between 0 and 1"),
        ({"graph": nx.Graph(), "radius": "2"}, TypeError, "radius must be a whole number"),
    ],
)
def test_situation_table_bad_input(kwargs, error, message):
    kwargs = {"graph": chain()} | kwargs
    with pytest.raises(error, match=message):
        networks.situation_table(**kwargs)


@pytest.mark.parametrize(
    ("graph", "error", "message"),
    [
        ({"A": (0, 0)}, TypeError, "a network is a networkx graph.*not dict"),
        (nx.Graph([("A", "B")]), ValueError, r"firm\(s\) without a country"),
    ],
)
def test_layout_bad_graph(graph, error, message):
    with pytest.raises(error, match=message):
        networks.layout(graph)


EXAMPLE_FIRM_ERRORS = [
    ("Alvik", 2, ValueError, r"Unknown firm 'Alvik'.*Did you mean.*'Alvik Sensors'"),
    ("Atlantis AB", 2, ValueError, r"Unknown firm 'Atlantis AB': it is not a node"),
    (3, 2, TypeError, r"firm is the name of a firm in the example network \(a str\).*int 3"),
    (None, 2, TypeError, r"firm is the name of a firm in the example network.*NoneType"),
    ("Alvik Sensors", -1, ValueError, "k must be a whole number of at least 0"),
    ("Alvik Sensors", 2.0, TypeError, "k must be a whole number .*relationship steps"),
    ("Alvik Sensors", "2", TypeError, "k must be a whole number .*relationship steps.*str '2'"),
]


@pytest.mark.parametrize(("firm", "k", "error", "message"), EXAMPLE_FIRM_ERRORS)
def test_example_markets_bad_input(firm, k, error, message):
    with pytest.raises(error, match=message):
        networks.example_markets(firm, k)


@pytest.mark.parametrize(("firm", "k", "error", "message"), EXAMPLE_FIRM_ERRORS)
def test_example_market_count_bad_input(firm, k, error, message):
    with pytest.raises(error, match=message):
        networks.example_market_count(firm, k)


@pytest.mark.parametrize(("firm", "k", "error", "message"), EXAMPLE_FIRM_ERRORS)
def test_example_best_partner_bad_input(firm, k, error, message):
    with pytest.raises(error, match=message):
        networks.example_best_partner(firm, k)


@pytest.mark.parametrize(("firm", "k", "error", "message"), EXAMPLE_FIRM_ERRORS)
def test_example_best_gain_bad_input(firm, k, error, message):
    with pytest.raises(error, match=message):
        networks.example_best_gain(firm, k)


@pytest.mark.parametrize(
    ("firm", "error", "message"),
    [
        ("Bologna", ValueError, r"Unknown firm 'Bologna'.*Did you mean.*'Bologna Kilns'"),
        (["Bologna Kilns"], TypeError, "firm is the name of a firm in the example network"),
        (1.5, TypeError, "firm is the name of a firm in the example network.*float 1.5"),
    ],
)
def test_example_situation_bad_input(firm, error, message):
    with pytest.raises(error, match=message):
        networks.example_situation(firm)


def test_example_answers_agree_with_the_general_functions():
    g = example_network()
    assert networks.example_markets("Alvik Sensors", 3) == list(
        reachable_markets(g, "Alvik Sensors", 3)
    )
    assert networks.example_market_count("Alvik Sensors", 3) == len(
        reachable_markets(g, "Alvik Sensors", 3)
    )
    top = best_new_partner(g, "Alvik Sensors", 2).iloc[0]
    assert networks.example_best_partner("Alvik Sensors", 2) == top["partner"]
    assert networks.example_best_gain("Alvik Sensors", 2) == top["new_markets"]
    assert networks.example_situation("Bologna Kilns") == firm_situation(g, "Bologna Kilns")


# ---- more laws -----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(random_networks(), st.integers(0, 6))
def test_reachable_firms_are_the_shortest_paths_within_k_and_grow_with_k(g, k):
    firm = sorted(g.nodes)[0]
    near = networks.reachable_firms(g, firm, k)
    far = networks.reachable_firms(g, firm, k + 1)
    lengths = nx.single_source_shortest_path_length(g, firm)
    assert near == {n: d for n, d in lengths.items() if d <= k}
    assert set(near) <= set(far) and all(far[n] == near[n] for n in near)
    # the markets are exactly the other countries of the reachable firms
    countries = {g.nodes[n]["country"] for n in near} - {g.nodes[firm]["country"]}
    assert set(reachable_markets(g, firm, k)) == countries


# ---- tie strength (opt-in): market_access -----------------------------------------------------


def _with_strengths(graph, values):
    g = graph.copy()
    for (a, b), s in zip(sorted(g.edges(), key=str), values, strict=False):
        g.edges[a, b]["strength"] = s
    return g


@given(st.sampled_from(sorted(networks.example_network().nodes())), st.integers(0, 4))
def test_equal_strong_ties_give_back_the_unweighted_reach(firm, k):
    g = networks.example_network()
    access = networks.market_access(g, firm, k)
    assert set(access) == set(networks.reachable_markets(g, firm, k))
    assert all(v == 1.0 for v in access.values())


@given(
    st.integers(0, 4),
    st.lists(st.floats(0.0, 1.0), min_size=60, max_size=60),
    st.integers(0, 59),
    st.floats(0.0, 1.0),
)
def test_weakening_one_tie_never_raises_access(k, values, which, factor):
    g = _with_strengths(networks.example_network(), values)
    before = networks.market_access(g, "Alvik Sensors", k)
    a, b = sorted(g.edges(), key=str)[which % g.number_of_edges()]
    g.edges[a, b]["strength"] = g.edges[a, b]["strength"] * factor
    after = networks.market_access(g, "Alvik Sensors", k)
    assert set(after) <= set(before)
    assert all(after[c] <= before[c] + 1e-12 for c in after)
    assert all(0 < v <= 1 for v in after.values())


def test_access_multiplies_along_the_route_and_takes_the_best_one():
    g = nx.Graph()
    g.add_node("A", country="SWE")
    g.add_node("B", country="DNK")
    g.add_node("C", country="DEU")
    g.add_node("D", country="DEU")
    g.add_edge("A", "B", strength=0.5)
    g.add_edge("B", "C", strength=0.8)
    g.add_edge("A", "D", strength=0.3)
    assert networks.market_access(g, "A", 1) == {"DNK": 0.5, "DEU": 0.3}
    assert networks.market_access(g, "A", 2) == {"DNK": 0.5, "DEU": 0.4}  # 0.5*0.8 beats 0.3
    assert networks.market_access(g, "A", 2, default_strength=0.0) == {"DNK": 0.5, "DEU": 0.4}


@pytest.mark.parametrize(
    ("strength", "kwargs", "error", "words"),
    [
        (1.5, {}, ValueError, r"strength of the tie .* must be between 0 and 1 \(a share\)"),
        ("strong", {}, TypeError, "strength of the tie .* must be a number"),
        (0.5, {"default_strength": -1}, ValueError, "default_strength must be between 0 and 1"),
    ],
)
def test_market_access_bad_strengths_are_named(strength, kwargs, error, words):
    g = networks.example_network().copy()
    a, b = next(iter(g.edges()))
    g.edges[a, b]["strength"] = strength
    with pytest.raises(error, match=words):
        networks.market_access(g, "Alvik Sensors", 2, **kwargs)


# ---- market weights (opt-in): market_sizes and best_new_partner(market_weights=) -------------


def test_market_sizes_are_gdp_from_the_indicators_table():
    from coursekit import data

    g = example_network()
    sizes = networks.market_sizes(g)
    countries = list(dict.fromkeys(c for _, c in g.nodes(data="country")))
    assert list(sizes.index) == countries
    table = data.load("indicators").set_index(["iso3", "year"])
    for country, row in sizes.iterrows():
        pc, pop = table.loc[(country, int(row["year"])), ["gdp_pc_usd", "population"]]
        assert row["gdp_usd"] == pytest.approx(pc * pop)
        later = table.loc[country]
        later = later[later.index > row["year"]]
        assert (later["gdp_pc_usd"] * later["population"]).isna().all(), "the latest year"
    assert sizes.loc["USA", "gdp_usd"] > sizes.loc["NOR", "gdp_usd"]


def test_market_sizes_name_a_country_without_data():
    g = chain()
    toy = pd.DataFrame(
        {
            "iso3": ["SWE", "DNK", "DEU", "USA", "JPN", "JPN"],
            "year": [2020, 2020, 2020, 2020, 2020, 2021],
            "gdp_pc_usd": [50.0, 60.0, 45.0, 70.0, 40.0, float("nan")],
            "population": [10.0, 6.0, 80.0, 330.0, 125.0, 125.0],
        }
    )
    sizes = networks.market_sizes(g, indicators=toy)
    assert sizes.loc["JPN", "year"] == 2020 and sizes.loc["JPN", "gdp_usd"] == 40.0 * 125.0
    with pytest.raises(ValueError, match="no GDP .* for USA"):
        networks.market_sizes(g, indicators=toy[toy["iso3"] != "USA"])
    with pytest.raises(ValueError, match="population"):
        networks.market_sizes(g, indicators=toy.drop(columns="population"))


def test_weights_off_is_the_unweighted_ranking():
    g = example_network()
    plain = best_new_partner(g, "Alvik Sensors", 2)
    assert networks.SIZE_COLUMN not in plain.columns
    pd.testing.assert_frame_equal(
        plain, best_new_partner(g, "Alvik Sensors", 2, market_weights=None)
    )


def test_equal_weights_keep_the_count_order():
    g = example_network()
    plain = best_new_partner(g, "Alvik Sensors", 2)
    ones = {c: 1.0 for _, c in g.nodes(data="country")}
    weighted = best_new_partner(g, "Alvik Sensors", 2, market_weights=ones)
    assert list(weighted["partner"]) == list(plain["partner"])
    assert (weighted[networks.SIZE_COLUMN] == weighted["new_markets"]).all()


def test_gdp_weights_change_the_best_partner_on_the_example():
    g = example_network()
    sizes = networks.market_sizes(g)["gdp_usd"]
    plain = best_new_partner(g, "Alvik Sensors", 2)
    weighted = best_new_partner(g, "Alvik Sensors", 2, market_weights=sizes)
    top = weighted.iloc[0]
    assert top[networks.SIZE_COLUMN] == pytest.approx(sum(sizes[c] for c in top["opens"]))
    assert top["partner"] != plain.iloc[0]["partner"], "size, not the count, picks the partner"
    assert top["new_markets"] < plain.iloc[0]["new_markets"]


@settings(max_examples=100, deadline=None)
@given(
    random_networks(),
    st.integers(0, 4),
    st.dictionaries(st.sampled_from(COUNTRIES), st.floats(0, 1e6), min_size=len(COUNTRIES)),
    st.data(),
)
def test_weighted_ranking_sums_the_opened_markets(g, k, weights, data):
    firm = data.draw(st.sampled_from(sorted(g.nodes)))
    plain = best_new_partner(g, firm, k)
    weighted = best_new_partner(g, firm, k, market_weights=weights)
    assert sorted(weighted["partner"], key=str) == sorted(plain["partner"], key=str)
    for row in weighted.itertuples(index=False):
        assert getattr(row, networks.SIZE_COLUMN) == pytest.approx(
            sum(weights[c] for c in row.opens)
        )
    keys = list(
        zip(
            -weighted[networks.SIZE_COLUMN],
            -weighted["new_markets"],
            weighted["partner"],
            strict=True,
        )
    )
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("weights", "error", "message"),
    [
        ({"SWE": 1.0}, ValueError, "market_weights has no weight for DEU, DNK, JPN, USA"),
        ("gdp", TypeError, "market_weights must be a dict"),
        ({c: -1.0 for c in COUNTRIES}, ValueError, "must be at least 0, not -1"),
        ({c: "big" for c in COUNTRIES}, TypeError, "must be a number such as its GDP"),
    ],
)
def test_bad_market_weights(weights, error, message):
    with pytest.raises(error, match=message):
        best_new_partner(chain(), "A", 2, market_weights=weights)


def test_bad_market_weights_table_is_named():
    g = example_network()
    with pytest.raises(TypeError, match=r"market_sizes\(graph\)\['gdp_usd'\]"):
        best_new_partner(g, "Alvik Sensors", 2, market_weights=networks.market_sizes(g))


def test_drawing_with_market_discs():
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    from coursekit.widgets.networks import DISC_MAX_RADIUS, draw_network

    g = example_network()
    sizes = networks.market_sizes(g)["gdp_usd"]
    plain_fig, disc_fig = Figure(), Figure()
    plain = draw_network(plain_fig, g, "Alvik Sensors", 2)
    with_discs = draw_network(disc_fig, g, "Alvik Sensors", 2, market_weights=sizes)
    pd.testing.assert_frame_equal(plain, with_discs)  # the best partner is still the count's
    assert not [p for p in plain_fig.axes[0].patches if isinstance(p, Circle)]
    discs = [p for p in disc_fig.axes[0].patches if isinstance(p, Circle)]
    assert len(discs) == sizes.size
    radii = sorted(d.get_radius() for d in discs)
    assert radii[-1] == pytest.approx(DISC_MAX_RADIUS)
    # area is proportional to GDP
    expected = sorted(DISC_MAX_RADIUS * (sizes / sizes.max()) ** 0.5)
    assert radii == pytest.approx(expected)
    labels = [t.get_text() for t in disc_fig.axes[0].get_legend().get_texts()]
    assert "market size (disc area)" in labels
    with pytest.raises(ValueError, match="market_weights has no weight"):
        draw_network(Figure(), g, "Alvik Sensors", 2, market_weights={"SWE": 1.0})
