"""Tests of the Uppsala model (coursekit.uppsala): psychic-distance proxy, simulator, widget."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from widget_support import FIG_WANTED, NAN, no_widget_built

from coursekit import uppsala
from coursekit.uppsala import (
    COMPONENTS,
    NOT_ENTERED,
    STAGE_NAMES,
    entry_order,
    entry_periods,
    market_summary,
    psychic_distance,
    simulate,
)

# ---- strategies ----------------------------------------------------------------------------

codes = st.text("ABCDEFGHIJ", min_size=3, max_size=3)
distance = st.floats(0.0, 1.0, allow_nan=False)
markets_strategy = st.dictionaries(codes, distance, min_size=1, max_size=8).map(pd.Series)


@st.composite
def thresholds_strategy(draw):
    first = draw(st.floats(0.1, 3.0))
    second = first + draw(st.floats(0.1, 3.0))
    third = second + draw(st.floats(0.1, 3.0))
    return (first, second, third)


params = st.fixed_dictionaries(
    {
        "learning_rate": st.floats(0.0, 1.5),
        "thresholds": thresholds_strategy(),
        "spillover": st.floats(0.0, 0.5),
        "entry_threshold": st.floats(0.0, 10.0),
        "distance_drag": st.floats(0.0, 0.9),
        "periods": st.integers(1, 40),
    }
)

MARKETS = pd.Series(
    {"NOR": 0.05, "DNK": 0.1, "FIN": 0.2, "DEU": 0.3, "GBR": 0.35, "USA": 0.5, "JPN": 0.8}
)


def wide(result: pd.DataFrame, column: str) -> pd.DataFrame:
    return result.pivot(index="period", columns="market", values=column)


# ---- the simulator -------------------------------------------------------------------------


def test_result_shape_and_columns():
    result = simulate(MARKETS, periods=12)
    assert list(result.columns) == [
        "period",
        "market",
        "psychic_distance",
        "entered",
        "knowledge",
        "stage",
        "stage_name",
    ]
    assert len(result) == 12 * len(MARKETS)
    assert result["period"].min() == 1 and result["period"].max() == 12
    assert set(result["stage"]) <= {0, 1, 2, 3}
    assert set(result["stage_name"]) <= {*STAGE_NAMES, NOT_ENTERED}
    # markets are listed nearest first
    assert list(result.drop_duplicates("market")["market"]) == list(MARKETS.sort_values().index)


def test_first_period_enters_the_nearest_market_only():
    result = simulate(MARKETS, periods=1)
    entered = result.loc[result["entered"], "market"].tolist()
    assert entered == ["NOR"]
    row = result[result["market"] == "NOR"].iloc[0]
    assert row["knowledge"] == 0 and row["stage"] == 0 and row["stage_name"] == STAGE_NAMES[0]
    assert (result.loc[~result["entered"], "stage_name"] == NOT_ENTERED).all()


def test_knowledge_grows_by_the_documented_rule():
    one = pd.Series({"AAA": 0.4})
    result = simulate(one, periods=4, learning_rate=0.5, thresholds=(0.5, 100, 200))
    k = result["knowledge"].to_numpy()
    speed = 0.5 * (1 - 0.5 * 0.4)
    # period 1: entered; period 2: + speed at stage 0 -> passes 0.5? 0.4 < 0.5 stays at 0
    assert k[0] == 0
    assert k[1] == pytest.approx(speed)
    assert k[2] == pytest.approx(2 * speed)  # 0.8 >= 0.5: steps to stage 1 in period 3
    assert result["stage"].tolist() == [0, 0, 1, 1]
    assert k[3] == pytest.approx(2 * speed + 2 * speed)  # stage 1 learns twice as fast


def test_default_run_is_uppsala_like():
    result = simulate(MARKETS)
    periods = entry_periods(result)
    assert periods.notna().all()
    assert entry_order(result) == list(MARKETS.sort_values().index)
    summary = uppsala.market_summary(result)
    assert summary.loc["NOR", "final_stage"] == 3, "the nearest reaches production abroad"
    assert summary["final_stage"].is_monotonic_decreasing, "farther markets end no higher"
    assert summary["stage_3_period"].dropna().is_monotonic_increasing
    wider = uppsala.market_summary(simulate(MARKETS.replace({0.8: 1.0})))
    assert wider.loc["JPN", "final_stage"] < 3, "a market at distance 1 is not yet producing"


def test_equal_distances_are_entered_together_in_code_order():
    equal = pd.Series({"SWE": 0.3, "AUT": 0.3, "NLD": 0.3})
    result = simulate(equal, periods=5)
    assert entry_order(result) == ["AUT", "NLD", "SWE"]
    assert entry_periods(result).tolist() == [1, 1, 1]


def test_accepts_the_psychic_distance_frame_and_dicts():
    frame = pd.DataFrame({"name": ["x", "y"], "psychic_distance": [0.2, 0.7]}, index=["XXA", "XXB"])
    a = simulate(frame, periods=5)
    b = simulate({"XXA": 0.2, "XXB": 0.7}, periods=5)
    c = simulate(frame.rename_axis("iso3").reset_index(), periods=5)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)


def test_entry_helpers():
    result = simulate(MARKETS, periods=3)
    periods = entry_periods(result)
    assert periods.name == "entry_period" and str(periods.dtype) == "Int64"
    assert periods.isna().sum() == len(MARKETS) - len(entry_order(result))
    summary = uppsala.market_summary(simulate(MARKETS))
    assert list(summary.index) == list(MARKETS.sort_values().index)
    assert (summary["stage_1_period"] >= summary["entry_period"]).all()
    assert (
        summary["stage_3_period"].dropna()
        >= summary["stage_2_period"].dropna()[summary["stage_3_period"].notna()]
    ).all()
    with pytest.raises(TypeError, match="DataFrame from simulate"):
        entry_order([1, 2])
    with pytest.raises(ValueError, match="lacks column"):
        entry_periods(pd.DataFrame({"period": [1]}))


@settings(max_examples=150, deadline=None)
@given(markets_strategy, params)
def test_stages_never_skip_or_go_down_and_knowledge_never_decreases(markets, kw):
    result = simulate(markets, **kw)
    stage, knowledge = wide(result, "stage"), wide(result, "knowledge")
    steps = stage.diff().dropna()
    assert steps.isin([0, 1]).all().all()
    assert (knowledge.diff().dropna() >= 0).all().all()
    entered = wide(result, "entered").astype(bool)
    assert (entered.astype(int).diff().dropna() >= 0).all().all(), "a market is never left"
    outside = ~entered.to_numpy()
    assert (stage.to_numpy()[outside] == 0).all() and (knowledge.to_numpy()[outside] == 0).all()
    # stage k is only reached once knowledge has passed threshold k
    for k, need in enumerate(kw["thresholds"], start=1):
        assert (knowledge.to_numpy()[stage.to_numpy() >= k] >= need).all()


@settings(max_examples=150, deadline=None)
@given(markets_strategy, params)
def test_nearer_markets_are_entered_no_later(markets, kw):
    result = simulate(markets, **kw)
    periods = entry_periods(result)
    dist = markets.rename(index=str)
    for a in periods.index:
        for b in periods.index:
            if dist[a] < dist[b] and pd.notna(periods[b]):
                assert pd.notna(periods[a]) and periods[a] <= periods[b]
    order = entry_order(result)
    assert [dist[m] for m in order] == sorted(dist[m] for m in order)


@settings(max_examples=150, deadline=None)
@given(markets_strategy, params, st.floats(0.0, 1.0))
def test_a_higher_learning_rate_never_delays_entry(markets, kw, extra):
    slow = entry_periods(simulate(markets, **kw))
    fast = entry_periods(simulate(markets, **{**kw, "learning_rate": kw["learning_rate"] + extra}))
    for m in slow.index:
        if pd.notna(slow[m]):
            assert pd.notna(fast[m]) and fast[m] <= slow[m]


# ---- the optional resource constraint (commitment_budget) ----------------------------------


@settings(max_examples=150, deadline=None)
@given(markets_strategy, params, st.integers(0, 30))
def test_the_budget_caps_total_commitment_and_keeps_the_chain_rules(markets, kw, budget):
    result = simulate(markets, **kw, commitment_budget=budget)
    stage = wide(result, "stage")
    assert (stage.sum(axis=1) <= budget).all(), "total stages never exceed the budget"
    assert stage.diff().dropna().isin([0, 1]).all().all(), "still one step at most, never down"
    free = simulate(markets, **kw)
    # the budget limits depth, never more than the unconstrained firm's own stages
    assert (stage.to_numpy() <= wide(free, "stage").to_numpy()).all()


@settings(max_examples=100, deadline=None)
@given(markets_strategy, params)
def test_a_budget_that_cannot_bind_changes_nothing(markets, kw):
    free = simulate(markets, **kw)
    roomy = simulate(markets, **kw, commitment_budget=3 * len(markets))
    pd.testing.assert_frame_equal(free, roomy)


def test_a_tight_budget_stops_production_abroad_and_slows_entry():
    free, tight = simulate(MARKETS), simulate(MARKETS, commitment_budget=2)
    assert (wide(free, "stage").iloc[-1] == 3).any()
    assert (wide(tight, "stage").iloc[-1] < 3).all()
    assert wide(tight, "stage").iloc[-1].sum() == 2
    slow, fast = entry_periods(tight), entry_periods(free)
    assert all(pd.isna(slow[m]) or slow[m] >= fast[m] for m in slow.index)
    assert slow.notna().sum() < fast.notna().sum() or (slow > fast).any()


@settings(max_examples=80, deadline=None)
@given(st.lists(codes, min_size=1, max_size=6, unique=True), distance, params)
def test_equal_distances_order_is_stable(names, d, kw):
    markets = pd.Series(d, index=names)
    order = entry_order(simulate(markets, **kw))
    assert order == sorted(order)
    shuffled = markets.iloc[::-1]
    assert entry_order(simulate(shuffled, **kw)) == order


# ---- bad input to the simulator ------------------------------------------------------------


@pytest.mark.parametrize(
    ("markets", "error", "message"),
    [
        (pd.Series(dtype=float), ValueError, "empty"),
        ({}, ValueError, "empty"),
        (
            pd.Series({"AAA": 0.2, "BBB": float("nan")}),
            ValueError,
            r"missing \(NaN\) for \['BBB'\]",
        ),
        (pd.Series({"AAA": 1.2}), ValueError, "between 0 and 1; got AAA=1.2"),
        (pd.Series({"AAA": -0.1}), ValueError, "between 0 and 1"),
        (pd.Series([0.1, 0.2], index=["AAA", "AAA"]), ValueError, "more than once"),
        (pd.Series({"AAA": "near"}), TypeError, "must be a number"),
        ([0.1, 0.2], TypeError, "Series of psychic distances"),
        (pd.DataFrame({"a": [0.1], "b": [0.2]}), ValueError, "psychic_distance"),
    ],
)
def test_bad_markets(markets, error, message):
    with pytest.raises(error, match=message):
        simulate(markets)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"learning_rate": -0.1}, ValueError, "learning_rate must be at least 0, not -"),
        ({"learning_rate": float("nan")}, TypeError, "learning_rate must be a finite number"),
        ({"learning_rate": "fast"}, TypeError, "learning_rate"),
        ({"thresholds": (1.0, 1.0, 2.0)}, ValueError, "strictly increasing"),
        ({"thresholds": (3.0, 2.0, 1.0)}, ValueError, "strictly increasing"),
        ({"thresholds": (1.0, 2.0)}, ValueError, "needs 3 numbers"),
        ({"thresholds": (0.0, 2.0, 3.0)}, ValueError, "first threshold must be positive"),
        ({"thresholds": (-1.0, 2.0, 3.0)}, ValueError, "threshold must be at least 0, not -1"),
        ({"thresholds": "1,2,3"}, TypeError, "three numbers"),
        ({"periods": 2.5}, TypeError, "periods must be a whole number"),
        ({"periods": 30.0}, TypeError, "periods must be a whole number"),
        ({"periods": True}, TypeError, "periods"),
        ({"periods": 0}, ValueError, "periods must be .*between 1"),
        ({"spillover": -1}, ValueError, "spillover"),
        ({"entry_threshold": -1}, ValueError, "entry_threshold"),
        ({"distance_drag": 1.0}, ValueError, "distance_drag must be below 1"),
        ({"commitment_budget": 2.5}, TypeError, "commitment_budget must be a whole number"),
        ({"commitment_budget": True}, TypeError, "commitment_budget"),
        ({"commitment_budget": "6"}, TypeError, "commitment_budget"),
        ({"commitment_budget": -1}, ValueError, "commitment_budget must be .*at least 0, not -1"),
    ],
)
def test_bad_parameters(kwargs, error, message):
    with pytest.raises(error, match=message):
        simulate(MARKETS, **kwargs)


# ---- psychic distance from small, hand-made tables -----------------------------------------

SCORES = pd.DataFrame(
    {
        "iso3": ["SWE", "NOR", "DEU", "JPN", "USA", "BRA"],
        "pdi": [31, 31, 35, 54, 40, 69],
        "idv": [71, 69, 67, 46, 91, 38],
        "mas": [5, 8, 66, 95, 62, 49],
        "uai": [29, 50, 65, 92, 46, 76],
        "lto": [53, 35, 83, 88, 26, 44],
        "ivr": [78, 55, 40, 42, 68, 59],
    }
)


def _pairs(rows):
    return pd.DataFrame(rows, columns=["iso_o", "iso_d", "dist", "comlang_off"])


DISTANCES = _pairs(
    [
        ("SWE", "NOR", 420.0, 0),
        ("SWE", "DEU", 810.0, 0),
        ("SWE", "JPN", 8200.0, 0),
        ("SWE", "USA", 6300.0, 0),
        ("SWE", "BRA", 10500.0, 0),
        ("SWE", "FIN", 400.0, 1),
        ("USA", "SWE", 6300.0, 0),
    ]
)


def pd_small(home="SWE", targets=None, **kw):
    return psychic_distance(home, targets, scores=SCORES, distances=DISTANCES, **kw)


def test_psychic_distance_table_columns_and_order():
    table = pd_small()
    assert table.index.name == "iso3"
    assert list(table.columns) == [
        "name",
        "kogut_singh",
        "common_language",
        "distance_km",
        *COMPONENTS,
        "psychic_distance",
        "n_components",
        "missing",
    ]
    assert set(table.index) == {"NOR", "DEU", "JPN", "USA", "BRA"}
    assert table["psychic_distance"].is_monotonic_increasing
    assert table.index[0] == "NOR"
    assert table["psychic_distance"].between(0, 1).all()


def test_components_are_min_max_normalised_over_the_candidates():
    table = pd_small()
    for col in ("cultural", "geographic"):
        assert table[col].min() == pytest.approx(0) and table[col].max() == pytest.approx(1)
    logs = np.log(table["distance_km"])
    expected = (logs - logs.min()) / (logs.max() - logs.min())
    pd.testing.assert_series_equal(table["geographic"], expected, check_names=False)
    assert (table["language"] == 1.0).all()
    mean = table[list(COMPONENTS)].mean(axis=1)
    pd.testing.assert_series_equal(table["psychic_distance"], mean, check_names=False)


def test_missing_components_are_reported_not_filled():
    # Finland has distance data but no Hofstede scores in the small table
    table = pd_small(targets=["FIN", "NOR", "JPN"])
    fin = table.loc["FIN"]
    assert math.isnan(fin["cultural"]) and fin["missing"] == "cultural"
    assert fin["n_components"] == 2
    assert fin["psychic_distance"] == pytest.approx((fin["language"] + fin["geographic"]) / 2)
    assert table.loc["NOR", "missing"] == "" and table.loc["NOR", "n_components"] == 3


def test_weights_change_the_mix_and_only_ratios_matter():
    culture_only = pd_small(weights={"cultural": 1})
    pd.testing.assert_series_equal(
        culture_only["psychic_distance"], culture_only["cultural"], check_names=False
    )
    a = pd_small(weights={"cultural": 2, "language": 1, "geographic": 1})
    b = pd_small(weights={"cultural": 20, "language": 10, "geographic": 10})
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.01, 10), st.floats(0.01, 10), st.floats(0.01, 10), st.floats(0.1, 100))
def test_scaling_all_weights_keeps_the_proxy(w1, w2, w3, factor):
    w = {"cultural": w1, "language": w2, "geographic": w3}
    a = pd_small(weights=w)["psychic_distance"]
    b = pd_small(weights={k: v * factor for k, v in w.items()})["psychic_distance"]
    np.testing.assert_allclose(a.to_numpy(), b.loc[a.index].to_numpy(), rtol=1e-9)


def test_ranking_helper():
    assert uppsala.distance_ranking("SWE", scores=SCORES, distances=DISTANCES) == list(
        pd_small().index
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weights": {"cultural": -1}}, ValueError, "negative"),
        ({"weights": {"cultural": 0, "language": 0}}, ValueError, "all weights are zero"),
        ({"weights": {"culture": 1}}, ValueError, "unknown weight key"),
        ({"weights": [1, 1, 1]}, TypeError, "weights must be a dict"),
        ({"targets": "NOR"}, TypeError, "list of countries"),
        ({"targets": ["NOR", "NOR"]}, ValueError, "more than once"),
        ({"targets": ["SWE", "NOR"]}, ValueError, "home country SWE"),
        ({"targets": []}, ValueError, "no candidate markets"),
        ({"targets": [752]}, TypeError, "every target must be a country"),
    ],
)
def test_bad_psychic_distance_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        pd_small(**kwargs)


def test_bad_tables():
    with pytest.raises(TypeError, match="distances must be a pandas DataFrame"):
        psychic_distance("SWE", scores=SCORES, distances=[1, 2])
    with pytest.raises(ValueError, match="no distance \\(km\\) column"):
        psychic_distance("SWE", scores=SCORES, distances=DISTANCES.drop(columns="dist"))
    with pytest.raises(TypeError, match="home must be a country"):
        psychic_distance(752, scores=SCORES, distances=DISTANCES)


def test_simulator_runs_on_the_proxy():
    table = pd_small()
    order = entry_order(simulate(table))
    assert order[0] == "NOR"
    assert order == [m for m in table.index if m in order]


def test_proxy_value_matches_the_table():
    table = pd_small()
    assert uppsala.proxy_value("SWE", "Japan", scores=SCORES, distances=DISTANCES) == pytest.approx(
        table.loc["JPN", "psychic_distance"]
    )
    with pytest.raises(ValueError, match="candidate market"):
        uppsala.proxy_value("SWE", "FIN", ["NOR", "JPN"], scores=SCORES, distances=DISTANCES)


# ---- the widget ----------------------------------------------------------------------------


def small_explorer(**kw):
    from coursekit.widgets.uppsala import uppsala_explorer

    return uppsala_explorer("SWE", scores=SCORES, distances=DISTANCES, **kw)


def test_widget_builds_with_controls_and_draws():
    box = small_explorer()
    assert set(box.controls) == {
        "home",
        "learning_rate",
        "threshold_1",
        "threshold_2",
        "threshold_3",
        "resources",
        "setback_market",
        "setback_period",
        "partner_market",
        "partner_period",
    }
    assert box.figure.axes, "the chart is drawn at construction"
    (shown,) = box.outputs["chart"].outputs
    assert "<img" in shown["data"]["text/html"] and "Entry order" in shown["data"]["text/plain"]
    assert "Entry order" in box.outputs["entry_order"].value
    assert "Norway (1)" in box.outputs["entry_order"].value
    # the home dropdown offers countries with both scores and distances only
    assert [c for _, c in box.controls["home"].options] == ["SWE", "USA"]


def test_widget_update_follows_the_controls():
    box = small_explorer()
    slow = box.update()
    box.controls["learning_rate"].value = 1.0
    fast = box.update()  # call the handler directly: ipywidgets swallows errors in observers
    slow_periods, fast_periods = entry_periods(slow), entry_periods(fast)
    assert (fast_periods.fillna(99) <= slow_periods.fillna(99)).all()
    assert not fast.equals(slow)
    box.controls["threshold_1"].value = 6.0  # above threshold 2: refused with a message
    assert box.update() is None
    assert "must be higher than the one before" in box.outputs["message"].value


def test_widget_other_home_and_fixed_targets():
    box = small_explorer(targets=("NOR", "JPN", "SWE"))
    result = box.update()
    assert set(result["market"]) == {"NOR", "JPN"}, "home is dropped from the targets"
    box.controls["home"].value = "USA"
    result = box.update()
    assert set(result["market"]) == {"NOR", "JPN", "SWE"}


def test_widget_helpers():
    from coursekit.widgets.uppsala import candidate_markets, entry_text, stages_alt

    chosen = candidate_markets("SWE", 4, scores=SCORES, distances=DISTANCES)
    assert chosen[:3] == list(pd_small().query("missing == ''").index[:3])
    assert len(chosen) == 4 and "SWE" not in chosen
    result = simulate(pd.Series({"NOR": 0.1, "JPN": 1.0}), periods=2)
    text = entry_text(result, {"NOR": "Norway", "JPN": "Japan"})
    assert "Norway (1)" in text and "Not entered" in text and "Japan" in text
    assert "Entry order: NOR" in stages_alt(result)


def test_widget_defaults_give_the_default_run_and_its_pictures():
    """The optional mechanisms start off: the first state is the plain simulate() run, drawn
    and described as the widget did before they had controls."""
    from matplotlib.figure import Figure

    from coursekit.widgets._display import figure_html
    from coursekit.widgets.uppsala import NO_LIMIT, draw_stages, entry_text, stages_alt

    box = small_explorer()
    assert box.controls["resources"].value == NO_LIMIT
    assert box.controls["setback_market"].value == box.controls["partner_market"].value == 0
    assert box.controls["setback_period"].disabled and box.controls["partner_period"].disabled
    table = pd_small("SWE", candidates_small())
    usable = table["psychic_distance"].dropna()
    expected = simulate(usable, periods=30)
    pd.testing.assert_frame_equal(box.state["result"], expected)
    assert box.state["run"].options == {} and box.state["run"].notes == ()
    names = dict(zip(table.index, table["name"], strict=True))
    assert box.outputs["entry_order"].value == entry_text(expected, names)
    fig = Figure(figsize=box.figure.get_size_inches())
    draw_stages(fig, expected, names)
    (shown,) = box.outputs["chart"].outputs
    assert shown["data"]["text/html"] == figure_html(fig, stages_alt(expected, names))
    for word in ("Resources:", "Setback:", "Partner:"):
        assert word not in box.outputs["message"].value


def candidates_small():
    from coursekit.widgets.uppsala import candidate_markets

    return candidate_markets("SWE", 10, scores=SCORES, distances=DISTANCES)


def run_small(**kw):
    from coursekit.widgets.uppsala import explorer_run

    return explorer_run("SWE", scores=SCORES, distances=DISTANCES, **kw)


def test_explorer_run_with_everything_off_is_simulate():
    run = run_small(learning_rate=0.45, thresholds=(1.0, 2.0, 3.0), periods=12)
    expected = simulate(
        run.table["psychic_distance"].dropna(),
        periods=12,
        learning_rate=0.45,
        thresholds=(1.0, 2.0, 3.0),
    )
    pd.testing.assert_frame_equal(run.result, expected)
    # "none" and "no limit" in the widget's own terms are the same run
    off = run_small(
        learning_rate=0.45,
        thresholds=(1.0, 2.0, 3.0),
        periods=12,
        resources=None,
        setback=(0, 5),
        partner=(0, 5),
    )
    pd.testing.assert_frame_equal(off.result, expected)


def test_explorer_run_passes_each_mechanism_to_the_model():
    base = run_small()
    markets = list(base.table["psychic_distance"].dropna().index)
    usable = base.table["psychic_distance"].dropna()
    tight = run_small(resources=2)
    assert tight.options == {"commitment_budget": 2}
    pd.testing.assert_frame_equal(tight.result, simulate(usable, commitment_budget=2))
    assert int(tight.result.groupby("period")["stage"].sum().max()) <= 2
    hit = run_small(setback=(1, 6))
    assert hit.options == {"setbacks": {markets[0]: 6}}
    pd.testing.assert_frame_equal(hit.result, simulate(usable, setbacks={markets[0]: 6}))
    pulled = run_small(partner=(len(markets), 2))
    assert pulled.options == {"partner_pull": {markets[-1]: 2}}
    assert entry_periods(pulled.result)[markets[-1]] <= 2
    assert pulled.notes == (f"Partner: takes the firm into {base.names[markets[-1]]} by period 2.",)


def test_each_new_control_changes_what_the_widget_shows():
    box = small_explorer()
    markets = list(box.state["result"]["market"].unique())

    def shown():
        # the chart's alt text and the run it draws (the PNG itself is stubbed in tests)
        return (
            box.outputs["chart"].outputs[0]["data"]["text/plain"],
            box.state["result"].to_json(),
            box.outputs["entry_order"].value,
            box.outputs["message"].value,
        )

    start = shown()
    start_summary = market_summary(box.state["result"])
    box.controls["resources"].value = 1
    tight = market_summary(box.state["result"])
    assert tight["final_stage"].sum() == 1 < start_summary["final_stage"].sum()
    assert shown() != start and "at most 1 stage in total" in box.outputs["message"].value
    box.controls["resources"].value = box.controls["resources"].options[-1][1]  # no limit
    assert shown() == start

    # a period slider changes nothing while its market is "none" (and is greyed out) ...
    box.controls["setback_period"].value = 4
    assert shown() == start
    # ... and the setback hits the chosen market once one is chosen
    box.controls["setback_market"].value = 1
    assert not box.controls["setback_period"].disabled

    def knowledge(result, period):
        rows = result[(result["market"] == markets[0]) & (result["period"] == period)]
        return float(rows["knowledge"].iloc[0])

    free = simulate(box.state["run"].table["psychic_distance"].dropna())
    assert knowledge(box.state["result"], 4) < knowledge(free, 4), "the nearest market is hit"
    assert shown() != start
    before = shown()
    box.controls["setback_period"].value = 12
    assert shown() != before, "the setback's period matters"
    box.controls["setback_market"].value = 0
    assert shown() == start

    box.controls["partner_market"].value = len(markets)  # the farthest market
    pulled = box.state["result"]
    assert entry_periods(pulled)[markets[-1]] <= box.controls["partner_period"].value
    assert shown() != start
    before = shown()
    box.controls["partner_period"].value = 1
    assert shown() != before, "the partner's period matters"
    assert entry_order(box.state["result"]).index(markets[-1]) < len(markets) - 1, (
        "pulled in period 1, the farthest market is no longer entered last"
    )


def test_widget_names_a_market_place_beyond_fixed_targets():
    box = small_explorer(targets=["NOR", "JPN", "SWE"])
    assert len(box.controls["setback_market"].options) == 4  # none + three places
    box.controls["setback_market"].value = 3  # only two markets remain without the home
    assert box.update() is None
    assert "there are only 2 candidate markets" in box.outputs["message"].value


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"resources": -1}, ValueError, r"resources \(the most stages held in total\) must be"),
        ({"resources": 2.5}, ValueError, "resources .* must be a whole number"),
        ({"setback": 3}, TypeError, r"setback must be \(place, period\) such as \(1, 8\)"),
        ({"partner": "USA"}, TypeError, r"partner must be \(place, period\)"),
        ({"setback": (99, 3)}, ValueError, "names the 99th nearest market, but there are only"),
        ({"partner": (1, 0)}, ValueError, "the period of partner must be .*1.*, not 0"),
        ({"partner": (1, 31)}, ValueError, "the period of partner must be .*30, not 31"),
    ],
)
def test_explorer_run_names_bad_mechanism_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        run_small(**kwargs)


def test_static_page_precomputes_few_states_and_only_the_resources():
    from coursekit.widgets import _states
    from coursekit.widgets.uppsala import RESOURCE_OPTIONS, uppsala_explorer

    declared = uppsala_explorer.static_states
    alone = uppsala_explorer.one_at_a_time
    assert list(alone) == ["resources"] and list(alone["resources"]) == list(RESOURCE_OPTIONS)
    for live_only in ("setback_market", "setback_period", "partner_market", "partner_period"):
        assert live_only not in declared, f"{live_only} is live-only"
    combined = {k: v for k, v in declared.items() if k not in alone}
    page = {"home": "SWE", "learning_rate": 0.3, "resources": RESOURCE_OPTIONS[-1]}
    combos = _states._combinations(combined, alone, page)
    unique = {tuple(sorted((k, str(v)) for k, v in c.items())) for c in combos}
    assert len(unique) <= 30


def test_widget_bad_home():
    from coursekit.widgets.uppsala import uppsala_explorer

    with pytest.raises(ValueError, match="Brazil"):
        uppsala_explorer("BRA", scores=SCORES, distances=DISTANCES)


# ---- the course's data ---------------------------------------------------------------------

NORDIC_AND_FAR = ["NOR", "DNK", "FIN", "JPN", "CHN", "BRA"]


def test_sweden_on_the_course_data():
    table = psychic_distance("Sweden", NORDIC_AND_FAR)
    assert set(table.index) == set(NORDIC_AND_FAR)
    assert table["missing"].eq("").all()
    assert table["psychic_distance"].between(0, 1).all()
    near = table.loc[["NOR", "DNK", "FIN"], "psychic_distance"]
    far = table.loc[["JPN", "CHN", "BRA"], "psychic_distance"]
    assert near.max() < far.min(), "the Nordic neighbours are psychically closer than Asia"
    assert bool(table.loc["FIN", "common_language"]), "Swedish is an official language of Finland"
    ks = table["kogut_singh"]
    assert ks["JPN"] == pytest.approx(uppsala._cultural("SWE", uppsala._default_scores())["JPN"])


def test_default_candidates_are_the_scored_countries():
    from coursekit import culture

    table = psychic_distance("SWE")
    scored = set(culture.distance_table("SWE")["iso3"])
    assert set(table.index) == scored
    # a country the distance data do not cover is kept, with the gap reported
    partial = table[table["n_components"] < 3]
    assert (partial["missing"] != "").all()
    assert table.loc[table["n_components"] == 3, "missing"].eq("").all()


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["SWE", "DEU", "USA", "JPN", "BRA", "IND"]))
def test_proxy_laws_on_the_data(home):
    targets = [c for c in ("NOR", "DEU", "USA", "JPN", "BRA", "IND", "FRA") if c != home]
    table = psychic_distance(home, targets)
    assert table["psychic_distance"].is_monotonic_increasing
    for col in ("cultural", "geographic"):
        assert table[col].min() == pytest.approx(0) and table[col].max() == pytest.approx(1)
    order = entry_order(simulate(table))
    assert order == [m for m in table.index if m in order]


def test_unknown_home_is_named():
    with pytest.raises(ValueError, match="Atlantis"):
        psychic_distance("Atlantis")


def test_widget_on_the_course_data():
    from coursekit.widgets.uppsala import home_options, uppsala_explorer

    box = uppsala_explorer("SWE")
    codes = [c for _, c in box.controls["home"].options]
    assert "SWE" in codes and "DEU" in codes and len(codes) > 50
    assert codes == [c for _, c in home_options()]
    result = box.update()
    assert result["market"].nunique() == 10
    box.controls["home"].value = "JPN"
    assert box.update()["market"].nunique() == 10
    assert "Japan" in box.outputs["message"].value


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


@pytest.fixture(scope="module")
def simulated() -> pd.DataFrame:
    return uppsala.simulate(pd.Series({"NOR": 0.1, "JPN": 1.0}), periods=4)


def test_draw_stages_wants_the_result_of_simulate(simulated):
    from matplotlib.figure import Figure

    from coursekit.widgets.uppsala import draw_stages

    fig = Figure()
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_stages(None, simulated)
    with pytest.raises(TypeError, match=r"result must be the DataFrame returned by uppsala\.sim"):
        draw_stages(fig, {"market": ["NOR"]})
    with pytest.raises(ValueError, match=r"result lacks the column\(s\) 'stage'"):
        draw_stages(fig, simulated.drop(columns="stage"))
    with pytest.raises(ValueError, match=r"result is empty: pass the DataFrame returned by"):
        draw_stages(fig, simulated.iloc[0:0])
    with pytest.raises(TypeError, match=r"names must be a dict such as \{'NOR': 'Norway'\}"):
        draw_stages(fig, simulated, ["Norway", "Japan"])
    with pytest.raises(TypeError, match="title must be text"):
        draw_stages(fig, simulated, title=1)


def test_candidate_markets_checks_its_counts():
    from coursekit.widgets.uppsala import candidate_markets

    with pytest.raises(ValueError, match="Unknown country 'Swedn'.*Sweden"):
        candidate_markets("Swedn")
    with pytest.raises(ValueError, match="n must be a whole number of at least 1, not 0"):
        candidate_markets("SWE", 0)
    with pytest.raises(ValueError, match="n must be a whole number, not nan"):
        candidate_markets("SWE", NAN)
    with pytest.raises(TypeError, match="n must be a whole number, not str '5'"):
        candidate_markets("SWE", "5")
    with pytest.raises(ValueError, match="n_nearest must be .*at least 0, not -1"):
        candidate_markets("SWE", n_nearest=-1)
    with pytest.raises(ValueError, match="n_nearest must be a whole number, not 2.5"):
        candidate_markets("SWE", n_nearest=2.5)


def test_uppsala_explorer_bad_home_targets_and_counts():
    from coursekit.widgets.uppsala import uppsala_explorer

    with no_widget_built(), pytest.raises(ValueError, match="Unknown country 'Swedn'"):
        uppsala_explorer("Swedn")
    with no_widget_built(), pytest.raises(ValueError, match="Unknown country 'XXX'"):
        uppsala_explorer(targets=["NOR", "XXX"])
    with no_widget_built(), pytest.raises(TypeError, match="targets must be a list of countries"):
        uppsala_explorer(targets=5)
    with no_widget_built(), pytest.raises(ValueError, match="n_markets .*at least 1, not 0"):
        uppsala_explorer(n_markets=0)
    with no_widget_built(), pytest.raises(ValueError, match="periods must be .*at least 1, not 0"):
        uppsala_explorer(periods=0)
    with no_widget_built(), pytest.raises(TypeError, match="periods must be a whole number"):
        uppsala_explorer(periods="30")


def test_uppsala_explorer_takes_one_target_as_a_string():
    from coursekit.widgets.uppsala import uppsala_explorer

    box = uppsala_explorer("SWE", targets="NOR", periods=5)
    assert list(box.state["result"]["market"].unique()) == ["NOR"]


# ---- bad input of the helpers (issue 9) ----------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"home": "Atlantis"}, ValueError, "Unknown country 'Atlantis'.*ISO 3166 alpha-3 code"),
        ({"home": 752}, TypeError, "home must be a country name or ISO 3166 alpha-3 code"),
        ({"targets": "NOR"}, TypeError, "targets must be a list of countries such as"),
        ({"targets": ["NOR", "NORR"]}, ValueError, r"Unknown country 'NORR'.*Norway \(NOR\)"),
        ({"targets": ["NOR", "NOR"]}, ValueError, r"targets lists \['NOR'\] more than once"),
        ({"targets": ["SWE"]}, ValueError, "targets include the home country SWE"),
        ({"weights": {"culture": 1}}, ValueError, r"key\(s\) 'culture' \(did you mean 'cultural'"),
        ({"weights": {"cultural": float("nan")}}, TypeError, "weight of 'cultural' must be"),
    ],
)
def test_ranking_and_simulation_helpers_name_the_bad_input(kwargs, error, message):
    args = {"home": "SWE", "targets": ["NOR", "JPN"], **kwargs}
    with pytest.raises(error, match=message):
        uppsala.distance_ranking(args["home"], args["targets"], weights=args.get("weights"))
    with pytest.raises(error, match=message):
        uppsala.simulated_entry_order(args["home"], args["targets"], weights=args.get("weights"))
    with pytest.raises(error, match=message):
        uppsala.markets_entered(args["home"], args["targets"], weights=args.get("weights"))


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        ({"period": 10}, TypeError, r"unknown simulator parameter\(s\) 'period' \(did you mean"),
        ({"markets": {}}, TypeError, "the parameters of simulate\\(\\) are periods, learning_rate"),
        ({"periods": 0}, ValueError, "periods must be .*between 1 and 1000, not 0"),
        ({"learning_rate": -1}, ValueError, "learning_rate must be at least 0, not -"),
        ({"thresholds": (3, 2, 1)}, ValueError, "thresholds must be strictly increasing"),
    ],
)
def test_simulation_helpers_name_the_bad_parameter(params, error, message):
    with pytest.raises(error, match=message):
        uppsala.simulated_entry_order("SWE", ["NOR", "JPN"], **params)
    with pytest.raises(error, match=message):
        uppsala.markets_entered("SWE", ["NOR", "JPN"], **params)


def test_distance_ranking_bad_tables():
    with pytest.raises(TypeError, match="distances must be a pandas DataFrame, not list"):
        uppsala.distance_ranking("SWE", scores=SCORES, distances=[1, 2])
    with pytest.raises(ValueError, match="no origin column; expected one of iso_o"):
        uppsala.distance_ranking("SWE", scores=SCORES, distances=DISTANCES.drop(columns="iso_o"))


@pytest.mark.parametrize(
    ("result", "error", "message"),
    [
        ([1, 2], TypeError, "result must be the DataFrame from simulate\\(\\), not list"),
        (None, TypeError, "result must be the DataFrame from simulate\\(\\), not NoneType"),
        (
            pd.DataFrame({"period": [1], "market": ["NOR"]}),
            ValueError,
            r"result lacks column\(s\) \['psychic_distance', 'entered', 'stage'\]",
        ),
        (
            pd.DataFrame(columns=["period", "market", "psychic_distance", "entered", "stage"]),
            ValueError,
            "result is empty: pass the DataFrame from simulate",
        ),
    ],
)
def test_market_summary_needs_a_simulation_result(result, error, message):
    with pytest.raises(error, match=message):
        uppsala.market_summary(result)
    with pytest.raises(error, match=message):
        entry_periods(result)


# ---- the optional de-commitment after a setback -------------------------------------------


@settings(max_examples=150, deadline=None)
@given(markets_strategy, params, st.data())
def test_a_setback_steps_down_writes_off_knowledge_and_never_speeds_anything_up(markets, kw, data):
    codes_ = [str(c) for c in markets.index]
    market = data.draw(st.sampled_from(codes_))
    when = data.draw(st.integers(1, kw["periods"]))
    free = simulate(markets, **kw)
    hit = simulate(markets, **kw, setbacks={market: when})
    stage, knowledge = wide(hit, "stage"), wide(hit, "knowledge")
    assert stage.diff().dropna().isin([-1, 0, 1]).all().all(), "one rung at a time, either way"
    down = stage.diff().fillna(0) < 0
    assert set(down.columns[down.any()]) <= {market}, "only the hit market steps down"
    assert not down.drop(index=when, errors="ignore").to_numpy().any(), "only in its period"
    for k, need in enumerate(kw["thresholds"], start=1):
        assert (knowledge.to_numpy()[stage.to_numpy() >= k] >= need - 1e-12).all()
    slow, fast = entry_periods(hit), entry_periods(free)
    for m in slow.index:
        if pd.notna(slow[m]):
            assert pd.notna(fast[m]) and fast[m] <= slow[m], "a setback never brings entry forward"
    assert (stage.to_numpy() <= wide(free, "stage").to_numpy()).all()


def test_no_setbacks_is_the_default_run():
    pd.testing.assert_frame_equal(simulate(MARKETS), simulate(MARKETS, setbacks={}))
    pd.testing.assert_frame_equal(simulate(MARKETS), simulate(MARKETS, setbacks=None))


def test_a_setback_in_the_first_market_delays_the_others():
    free, hit = simulate(MARKETS), simulate(MARKETS, setbacks={"NOR": 6})
    assert wide(hit, "stage").loc[6, "NOR"] < wide(free, "stage").loc[6, "NOR"]
    later = entry_periods(hit).drop("NOR") > entry_periods(free).drop("NOR")
    assert later.any()


@pytest.mark.parametrize(
    ("setbacks", "error", "message"),
    [
        ([("NOR", 3)], TypeError, "setbacks must be a dict"),
        ({"XXX": 3}, ValueError, "setbacks names 'XXX'"),
        ({"NOR": 2.0}, TypeError, "setback period of NOR must be a whole number"),
        ({"NOR": True}, TypeError, "setback period of NOR"),
        ({"NOR": 0}, ValueError, "between 1 and 30"),
        ({"NOR": 31}, ValueError, "between 1 and 30"),
    ],
)
def test_bad_setbacks(setbacks, error, message):
    with pytest.raises(error, match=message):
        simulate(MARKETS, setbacks=setbacks)


# ---- the optional network pull (partner_pull) ----------------------------------------------


@settings(max_examples=150, deadline=None)
@given(markets_strategy, params, st.data())
def test_a_partner_pull_opens_its_market_in_time_and_delays_nothing(markets, kw, data):
    market = data.draw(st.sampled_from([str(c) for c in markets.index]))
    when = data.draw(st.integers(1, kw["periods"]))
    free = entry_periods(simulate(markets, **kw))
    pulled = entry_periods(simulate(markets, **kw, partner_pull={market: when}))
    assert pd.notna(pulled[market]) and pulled[market] <= when
    for m in free.index:
        if pd.notna(free[m]):
            assert pd.notna(pulled[m]) and pulled[m] <= free[m], "extra experience never delays"


def test_a_partner_pull_can_break_the_distance_order():
    free = entry_order(simulate(MARKETS))
    pulled = entry_order(simulate(MARKETS, partner_pull={"JPN": 2}))
    assert free.index("JPN") == len(free) - 1
    assert pulled.index("JPN") < pulled.index("DNK")
    pd.testing.assert_frame_equal(simulate(MARKETS), simulate(MARKETS, partner_pull={}))


@pytest.mark.parametrize(
    ("pull", "error", "message"),
    [
        ("JPN", TypeError, "partner_pull must be a dict"),
        ({"XXX": 3}, ValueError, "partner_pull names 'XXX'"),
        ({"JPN": 1.5}, TypeError, "partner-pull period of JPN must be a whole number"),
        ({"JPN": 99}, ValueError, "between 1 and 30"),
    ],
)
def test_bad_partner_pull(pull, error, message):
    with pytest.raises(error, match=message):
        simulate(MARKETS, partner_pull=pull)


# ---- a test of the proxy against real entry years ------------------------------------------

TARGETS = ["NOR", "DNK", "DEU", "USA", "JPN", "IND"]


def test_entry_years_in_proxy_order_correlate_perfectly_and_reversed_negatively():
    order = uppsala.distance_ranking("SWE", TARGETS)
    forward = {m: 1960 + 5 * i for i, m in enumerate(order)}
    backward = {m: 2000 - 5 * i for i, m in enumerate(order)}
    assert uppsala.entry_year_correlation("SWE", forward, TARGETS) == pytest.approx(1.0)
    assert uppsala.entry_year_correlation("SWE", backward, TARGETS) == pytest.approx(-1.0)


def test_entry_year_correlation_is_spearman_of_years_and_proxy():
    years = {"Norway": 1963, "DNK": 1969, "DEU": 1974, "JPN": 1974, "USA": 1985, "IND": 2018}
    table = uppsala.psychic_distance("SWE", TARGETS)
    codes = ["NOR", "DNK", "DEU", "JPN", "USA", "IND"]
    year_ranks = pd.Series([1963, 1969, 1974, 1974, 1985, 2018], index=codes).rank()
    proxy_ranks = table["psychic_distance"].reindex(codes).rank()
    expected = float(np.corrcoef(year_ranks, proxy_ranks)[0, 1])
    got = uppsala.entry_year_correlation("SWE", pd.Series(years), TARGETS)
    assert got == pytest.approx(expected)
    # the candidate set matters only through the proxy; weights change the answer
    culture = uppsala.entry_year_correlation("SWE", years, TARGETS, weights={"cultural": 1})
    assert -1.0 <= culture <= 1.0


@pytest.mark.parametrize(
    ("years", "error", "message"),
    [
        ([1963, 1969], TypeError, "entry_years must be a dict"),
        ({"NOR": "1963", "DNK": 1969, "DEU": 1974}, TypeError, "entry year of NOR"),
        ({"NOR": True, "DNK": 1969, "DEU": 1974}, TypeError, "entry year of NOR"),
        ({"NOR": 1963, "DNK": 1969}, ValueError, "at least 3"),
        ({"NOR": 1963, "DNK": 1969, "XYZ": 1974}, ValueError, "XYZ"),
        ({1: 1963, "DNK": 1969, "DEU": 1974}, TypeError, "country name or ISO3"),
    ],
)
def test_entry_year_correlation_bad_input(years, error, message):
    with pytest.raises(error, match=message):
        uppsala.entry_year_correlation("SWE", years, TARGETS)
