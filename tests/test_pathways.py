"""Tests of the pathway classifier (coursekit.pathways) and its widget."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from widget_support import NAN, no_widget_built

from coursekit import pathways
from coursekit.pathways import CASE_PROFILES, PATHWAYS, PathwayResult, classify_pathway

# ---- strategies ----------------------------------------------------------------------------

share = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def histories(draw, max_years: int = 25):
    """A founding year and shares for a strictly increasing set of years from founding on."""
    founded = draw(st.integers(1950, 2020))
    offsets = draw(
        st.lists(st.integers(0, max_years), min_size=1, max_size=12, unique=True).map(sorted)
    )
    values = draw(st.lists(share, min_size=len(offsets), max_size=len(offsets)))
    return founded, {founded + k: v for k, v in zip(offsets, values, strict=True)}


# ---- the four pathways ---------------------------------------------------------------------


def test_born_global_within_the_window():
    result = classify_pathway(2010, {2010: 0.05, 2011: 0.12, 2012: 0.31, 2013: 0.5})
    assert result.pathway == "born global"
    assert result.first_year == 2012 and result.years_from_founding == 2
    assert "2012" in result.rule and "3-year window" in result.rule


def test_threshold_is_inclusive_at_both_edges():
    # exactly 25 % exactly three years after founding counts (>= threshold, <= window)
    assert classify_pathway(2015, {2015: 0.0, 2018: 0.25}).pathway == "born global"
    assert classify_pathway(2015, {2015: 0.0, 2019: 0.25}).pathway == "gradual"
    assert classify_pathway(2015, {2015: 0.0, 2018: 0.2499}).pathway == "domestic"


def test_domestic_when_never_at_threshold():
    result = classify_pathway(2001, {2001: 0.0, 2010: 0.2, 2020: 0.1})
    assert result.pathway == "domestic"
    assert result.first_year is None and result.years_from_founding is None
    assert "never reached 25%" in result.rule and "20% in 2010" in result.rule


def test_gradual_with_a_short_domestic_period():
    shares = {1996: 0.0, 2000: 0.06, 2004: 0.15, 2008: 0.23, 2010: 0.27}
    result = classify_pathway(1996, shares)
    assert result.pathway == "gradual"
    assert result.first_year == 2010 and result.years_from_founding == 14
    assert result.trigger_year == 2000
    assert "shorter than the 10 years" in result.rule


def test_born_again_global():
    shares = {1980: 0.0, 1990: 0.02, 2000: 0.04, 2004: 0.05, 2005: 0.14, 2006: 0.29}
    result = classify_pathway(1978, shares)
    assert result.pathway == "born-again global"
    assert result.trigger_year == 2004 and result.first_year == 2006
    # The domestic period is counted from the first observed year (1980), not from founding:
    # 1978-1979 are unknown, not domestic.
    assert "24 years observed" in result.rule and "2 years after that trigger year" in result.rule
    assert "1978–1979 not observed" in result.rule


def test_unobserved_early_years_do_not_count_as_domestic():
    """A firm first observed late cannot borrow its unobserved years as a domestic period."""
    shares = {1995: 0.03, 1998: 0.04, 2000: 0.05, 2002: 0.30}
    # Founded 1970: 30 years since founding, but only 5 observed domestic years (1995-2000).
    late = classify_pathway(1970, shares)
    assert late.pathway == "gradual"
    assert "observed domestic period (1995–2000, 5 years)" in late.rule
    assert "count as unknown, not domestic" in late.rule
    # The same shares with the early years observed as domestic flip it to born-again global.
    observed = {1970: 0.0, 1980: 0.01, **shares}
    assert classify_pathway(1970, observed).pathway == "born-again global"
    # And the flip sits exactly at the gap: 5 observed years pass a 5-year gap.
    assert classify_pathway(1970, shares, born_again_gap=5).pathway == "born-again global"
    assert classify_pathway(1970, shares, born_again_gap=6).pathway == "gradual"


def test_born_again_needs_the_jump_inside_the_window():
    shares = {1980: 0.0, 2004: 0.05, 2005: 0.14, 2006: 0.18, 2007: 0.2, 2008: 0.29}
    result = classify_pathway(1978, shares)
    assert result.pathway == "gradual"
    assert "took 4 years, more than the 3-year window" in result.rule
    assert classify_pathway(1978, shares, window_years=4).pathway == "born-again global"


def test_born_again_needs_a_domestic_period_throughout():
    shares = {1980: 0.15, 1990: 0.02, 2004: 0.05, 2006: 0.29}
    result = classify_pathway(1978, shares)
    assert result.pathway == "gradual"
    assert "already sold 15% abroad in 1980" in result.rule


def test_born_again_gap_is_a_setting():
    shares = {2000: 0.0, 2008: 0.05, 2010: 0.3}
    assert classify_pathway(2000, shares).pathway == "gradual"  # 8 domestic years < 10
    assert classify_pathway(2000, shares, born_again_gap=8).pathway == "born-again global"


def test_unobserved_early_years_are_flagged():
    result = classify_pathway(2005, {2011: 0.44, 2012: 0.5})
    assert result.pathway == "gradual"
    assert "2005–2008 not observed" in result.rule


def test_accepts_a_series_and_returns_a_frozen_result():
    series = pd.Series([0.1, 0.4], index=[2020, 2021])
    result = classify_pathway(2020, series)
    assert isinstance(result, PathwayResult) and result.pathway == "born global"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.pathway = "domestic"  # type: ignore[misc]
    assert str(result).startswith("born global: ")


def test_years_to_threshold():
    assert pathways.years_to_threshold(2010, {2010: 0.1, 2016: 0.3}) == 6
    assert pathways.years_to_threshold(2010, {2010: 0.1}) is None


# ---- laws (property-based) -----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(histories())
def test_every_history_gets_one_of_the_pathways(history):
    founded, shares = history
    result = classify_pathway(founded, shares)
    assert result.pathway in PATHWAYS
    assert (result.first_year is None) == (result.pathway == "domestic")
    if result.first_year is not None:
        assert shares[result.first_year] >= 0.25
        assert all(v < 0.25 for y, v in shares.items() if y < result.first_year)


@settings(max_examples=200, deadline=None)
@given(histories(), st.floats(0.0, 0.5))
def test_raising_shares_never_turns_a_born_global_into_domestic(history, bump):
    founded, shares = history
    before = classify_pathway(founded, shares)
    raised = {y: min(1.0, v + bump) for y, v in shares.items()}
    after = classify_pathway(founded, raised)
    if before.pathway == "born global":
        assert after.pathway == "born global"
    if before.pathway != "domestic":
        assert after.pathway != "domestic"
        assert after.first_year <= before.first_year


@settings(max_examples=200, deadline=None)
@given(histories(), st.floats(0.05, 1.0), st.floats(0.05, 1.0))
def test_threshold_rule_is_monotone(history, t1, t2):
    founded, shares = history
    low, high = sorted((t1, t2))
    settings_low = {"share_threshold": low, "domestic_ceiling": 0.01}
    settings_high = {"share_threshold": high, "domestic_ceiling": 0.01}
    at_low = classify_pathway(founded, shares, **settings_low)
    at_high = classify_pathway(founded, shares, **settings_high)
    # a lower bar is reached no later; a firm international at the high bar is at the low one
    if at_high.first_year is not None:
        assert at_low.first_year is not None and at_low.first_year <= at_high.first_year
    if at_high.pathway == "born global":
        assert at_low.pathway == "born global"
    if at_low.pathway == "domestic":
        assert at_high.pathway == "domestic"


@settings(max_examples=150, deadline=None)
@given(histories(), st.integers(0, 10), st.integers(0, 10))
def test_a_longer_window_keeps_a_born_global(history, w1, w2):
    founded, shares = history
    short, long = sorted((w1, w2))
    if classify_pathway(founded, shares, window_years=short).pathway == "born global":
        assert classify_pathway(founded, shares, window_years=long).pathway == "born global"


@settings(max_examples=100, deadline=None)
@given(histories())
def test_series_and_dict_agree(history):
    founded, shares = history
    assert classify_pathway(founded, shares) == classify_pathway(founded, pd.Series(shares))


# ---- the case profiles ---------------------------------------------------------------------


def test_case_profiles_cover_every_pathway_and_are_valid():
    table = pathways.classify_cases()
    assert list(table["case"]) == list(CASE_PROFILES)
    assert set(table["pathway"]) == set(PATHWAYS)
    for case in CASE_PROFILES.values():
        assert case["story"]
        pathways.share_series(case["shares"])


def test_case_helpers_follow_the_settings():
    base = pathways.case_pathways()
    assert base == dict(zip(*pathways.classify_cases()[["case", "pathway"]].T.values, strict=True))
    moved = pathways.reclassified(after={"window_years": 5})
    wide = pathways.case_pathways(window_years=5)
    assert moved == [n for n in CASE_PROFILES if base[n] != wide[n]]
    assert moved, "widening the window should move at least one edge case"
    assert pathways.reclassified() == []
    assert pathways.case_result("Kestrel Sensors").pathway == base["Kestrel Sensors"]


def test_classify_cases_on_own_profiles():
    table = pathways.classify_cases({"A": {"founding_year": 2000, "shares": {2001: 0.5}}})
    assert table.loc[0, "pathway"] == "born global"
    with pytest.raises(ValueError, match="needs a 'founding_year'"):
        pathways.classify_cases({"B": {"shares": {2001: 0.5}}})


def test_unknown_case_suggests():
    with pytest.raises(ValueError, match="Did you mean 'Kestrel Sensors'"):
        pathways.case_result("Kestrel Sensor")


# ---- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shares", "error", "message"),
    [
        ({}, ValueError, "empty"),
        ({2012: 0.1, 2011: 0.2}, ValueError, "out of order"),
        (pd.Series([0.1, 0.2], index=[2011, 2011]), ValueError, "more than once"),
        ({2011: float("nan")}, ValueError, "missing"),
        ({2011: 1.2}, ValueError, "between 0 and 1"),
        ({2011: 30}, ValueError, "percentage"),
        ({2011: -0.1}, ValueError, "between 0 and 1"),
        ({2011: "0.3"}, TypeError, "must be a number"),
        ({2011.5: 0.3}, TypeError, "whole number such as 2005"),
        ([0.1, 0.2], TypeError, "dict"),
        (pd.DataFrame({"s": [0.1]}, index=[2011]), TypeError, "not a DataFrame"),
    ],
)
def test_bad_shares(shares, error, message):
    with pytest.raises(error, match=message):
        classify_pathway(2010, shares)


def test_years_before_founding():
    with pytest.raises(ValueError, match=r"\[2008, 2009\] before the founding year 2010"):
        classify_pathway(2010, {2008: 0.1, 2009: 0.1, 2011: 0.3})


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"founding_year": "2010"}, TypeError, "founding_year must be a whole number"),
        ({"founding_year": True}, TypeError, "founding_year"),
        ({"founding_year": 20}, ValueError, "calendar year"),
        ({"share_threshold": 0}, ValueError, "share_threshold must be between"),
        ({"share_threshold": 1.5}, ValueError, "share_threshold"),
        ({"share_threshold": float("nan")}, TypeError, "share_threshold"),
        ({"window_years": -1}, ValueError, "window_years must be .*at least 0"),
        ({"window_years": 2.5}, TypeError, "window_years must be a whole number"),
        ({"born_again_gap": 0}, ValueError, "born_again_gap must be .*at least 1"),
        ({"domestic_ceiling": 0.3}, ValueError, "must be below share_threshold"),
    ],
)
def test_bad_settings(kwargs, error, message):
    args = {"founding_year": 2010, "shares": {2011: 0.3}} | kwargs
    founded, shares = args.pop("founding_year"), args.pop("shares")
    with pytest.raises(error, match=message):
        classify_pathway(founded, shares, **args)


# ---- the widget ----------------------------------------------------------------------------


def test_parse_and_format_shares_round_trip():
    from coursekit.widgets.pathways import format_shares, parse_shares

    shares = CASE_PROFILES["Marlow Furniture"]["shares"]
    assert parse_shares(format_shares(shares)) == shares
    assert parse_shares("2014: 30%\n\n2015, 0.5") == {2014: 0.3, 2015: 0.5}
    with pytest.raises(ValueError, match="line 2"):
        parse_shares("2014: 0.3\n2015")
    with pytest.raises(ValueError, match="appears twice"):
        parse_shares("2014: 0.3\n2014: 0.4")
    with pytest.raises(ValueError, match="no data"):
        parse_shares("  \n")


def test_widget_builds_with_controls_and_draws():
    from coursekit.widgets.pathways import pathway_explorer

    box = pathway_explorer(case="Marlow Furniture")
    assert {"case", "founding_year", "shares", "threshold", "window", "gap"} <= set(box.controls)
    assert box.figure.axes, "the chart is drawn at construction"
    (shown,) = box.outputs["chart"].outputs
    assert (
        "<img" in shown["data"]["text/html"] and "born-again global" in shown["data"]["text/plain"]
    )
    assert "Born-again global" in box.outputs["verdict"].value
    assert "born-again global" in box.figure.axes[0].get_title()


def test_widget_update_follows_the_controls():
    from coursekit.widgets.pathways import pathway_explorer

    box = pathway_explorer(case="Ostrava Tools")
    assert box.update().pathway == "gradual"
    before = box.outputs["chart"].outputs
    box.controls["window"].value = 5
    result = box.update()  # call the handler directly: ipywidgets swallows errors in observers
    assert result.pathway == "born global"
    assert box.outputs["chart"].outputs != before
    assert "Born global" in box.outputs["verdict"].value
    legend = [t.get_text() for t in box.figure.axes[0].get_legend().get_texts()]
    assert any("5-year window" in t for t in legend)
    box.controls["case"].value = "Harbour Bakery"
    assert box.update().pathway == "domestic"
    assert box.controls["founding_year"].value == CASE_PROFILES["Harbour Bakery"]["founding_year"]


def test_widget_edits_become_a_custom_profile_and_errors_are_shown():
    from coursekit.widgets.pathways import CUSTOM, pathway_explorer

    box = pathway_explorer(case="Harbour Bakery")
    box.controls["shares"].value = "2001: 0.0\n2002: 0.4"
    assert box.controls["case"].value == CUSTOM
    assert box.update().pathway == "born global"
    box.controls["shares"].value = "2001: 0.0\n2002: lots"
    assert box.update() is None
    assert (
        "Cannot classify" in box.outputs["verdict"].value
        and "line 2" in box.outputs["verdict"].value
    )
    box.controls["shares"].value = "1999: 0.5"
    assert box.update() is None
    assert "before the founding year" in box.outputs["verdict"].value


def test_widget_escapes_the_students_text_in_its_error_message():
    from coursekit.widgets.pathways import pathway_explorer

    box = pathway_explorer(case="Harbour Bakery")
    box.controls["shares"].value = "2001: <img src=x onerror=alert(1)>"
    assert box.update() is None
    shown = box.outputs["verdict"].value
    assert "Cannot classify" in shown and "<img" not in shown and "&lt;img" in shown


def test_widget_low_threshold_keeps_the_ceiling_below_it():
    from coursekit.widgets.pathways import pathway_explorer

    box = pathway_explorer(case="Marlow Furniture")
    box.controls["threshold"].value = 0.05
    assert box.update() is not None


def test_widget_bad_arguments():
    from coursekit.widgets.pathways import pathway_explorer

    with pytest.raises(ValueError, match="No case profile 'Acme'"):
        pathway_explorer(case="Acme")


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


@pytest.fixture(scope="module")
def nordlys() -> tuple[int, dict[int, float], PathwayResult]:
    profile = CASE_PROFILES["Nordlys Analytics"]
    year, shares = profile["founding_year"], profile["shares"]
    return year, shares, classify_pathway(year, shares)


def test_plot_timeline_wants_an_axes_and_a_pathway_result(nordlys):
    from matplotlib.figure import Figure

    from coursekit.widgets.pathways import plot_timeline

    year, shares, result = nordlys
    ax = Figure().subplots()
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes, e\.g\. fig, ax = plt"):
        plot_timeline(Figure(), year, shares, result)
    with pytest.raises(TypeError, match="result must be the PathwayResult returned by pathways"):
        plot_timeline(ax, year, shares, {"pathway": "born global"})
    with pytest.raises(TypeError, match="founding_year must be a whole number, not str"):
        plot_timeline(ax, str(year), shares, result)
    with pytest.raises(ValueError, match="founding_year must be a whole number, not nan"):
        plot_timeline(ax, NAN, shares, result)
    with pytest.raises(TypeError, match=r"shares must be a dict \{year: share\}"):
        plot_timeline(ax, year, [0.1, 0.3], result)


@pytest.mark.parametrize(
    ("settings", "error", "words"),
    [
        ({"share_threshold": NAN}, ValueError, "share_threshold must be a finite .*, not nan"),
        ({"share_threshold": 0}, ValueError, r"share_threshold must be .*0 \(exclusive\).*, not 0"),
        ({"share_threshold": 1.5}, ValueError, "share_threshold must be .* 1, not 1.5"),
        ({"window_years": -1}, ValueError, "window_years must be .*at least 0, not -1"),
        ({"window_years": 2.5}, ValueError, "window_years must be a whole number, not 2.5"),
        ({"domestic_ceiling": "10%"}, TypeError, "domestic_ceiling must be a number, not str"),
        ({"title": 3}, TypeError, "title must be text"),
        ({"legend": "no"}, TypeError, "legend must be True or False, not str"),
    ],
)
def test_plot_timeline_checks_its_settings(nordlys, settings, error, words):
    from matplotlib.figure import Figure

    from coursekit.widgets.pathways import plot_timeline

    year, shares, result = nordlys
    ax = Figure().subplots()
    with pytest.raises(error, match=words):
        plot_timeline(ax, year, shares, result, **settings)


@pytest.mark.parametrize(
    ("settings", "error", "words"),
    [
        ({"case": "Nordlys"}, ValueError, "No case profile 'Nordlys'; choose one of Nordlys"),
        ({"case": ["Nordlys Analytics"]}, TypeError, "case must be the name of a case profile"),
        ({"share_threshold": NAN}, ValueError, "share_threshold must be a finite number"),
        ({"share_threshold": "0.3"}, TypeError, "share_threshold must be a number, not str"),
        ({"share_threshold": 0.9}, ValueError, r"between 0\.05 and 0\.75 \(the threshold slid"),
        ({"window_years": 20}, ValueError, r"window_years must be .*between 0 and 10 \(the wind"),
        ({"window_years": 2.5}, ValueError, "window_years must be a whole number, not 2.5"),
        ({"born_again_gap": 0}, ValueError, "born_again_gap must be .*between 1 and 30"),
        ({"profiles": [1, 2]}, TypeError, "profiles must be a dict"),
        (
            {"profiles": {"X": {"shares": {2010: 0.1}}}, "case": "X"},
            TypeError,
            "profile 'X' must be a dict with 'founding_year' and 'shares'",
        ),
        (
            {"profiles": {"X": {"founding_year": 2000, "shares": {2010: 2.0}}}, "case": "X"},
            ValueError,
            "profile 'X': .*2010",
        ),
    ],
)
def test_pathway_explorer_bad_settings(settings, error, words):
    from coursekit.widgets.pathways import pathway_explorer

    with no_widget_built(), pytest.raises(error, match=words):
        pathway_explorer(**settings)


# ---- bad input: every public function called directly --------------------------------------


@pytest.mark.parametrize(
    ("shares", "error", "message"),
    [
        ({}, ValueError, "shares is empty: give at least one year"),
        ((0.1, 0.2), TypeError, r"shares must be a dict \{year: share\} or a pandas Series.*tuple"),
        ("2011: 0.3", TypeError, r"shares must be a dict \{year: share\}.*not str"),
        (pd.DataFrame({"s": [0.1]}, index=[2011]), TypeError, "not a DataFrame: pick the column"),
        ({"2011": 0.3}, TypeError, "every year in shares must be a whole number such as 2005"),
        ({11: 0.3}, ValueError, r"year in shares must be a whole number between 1600 and 2200"),
        ({2012: 0.1, 2011: 0.2}, ValueError, r"out of order \(2012 comes before 2011\)"),
        ({2011: None}, TypeError, "the share for 2011 must be a number between 0 and 1, not None"),
        ({2011: float("nan")}, ValueError, r"the share for 2011 is missing \(NaN\)"),
        ({2011: 45}, ValueError, r"the share for 2011 is 45.*\(a percentage\? divide by 100\)"),
        ({2011: -0.5}, ValueError, "the share for 2011 is -0.5; shares are fractions between 0"),
    ],
)
def test_share_series_bad_input(shares, error, message):
    with pytest.raises(error, match=message):
        pathways.share_series(shares)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((2010, {2011: 0.3}, 0), ValueError, r"share_threshold must be between 0 \(exclusive\)"),
        ((2010, {2011: 0.3}, 1.2), ValueError, "share_threshold must be between"),
        ((2010, {2011: 0.3}, "25%"), TypeError, "share_threshold must be a number.*, not str"),
        ((2010, {2011: 0.3}, float("nan")), TypeError, "share_threshold .*finite.*, not nan"),
        (("2010", {2011: 0.3}), TypeError, "founding_year must be a whole number such as 2005"),
        ((2012, {2011: 0.3}), ValueError, r"\[2011\] before the founding year 2012"),
        ((2010, [0.3]), TypeError, r"shares must be a dict \{year: share\}"),
    ],
)
def test_years_to_threshold_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        pathways.years_to_threshold(*args)


def test_years_to_threshold_accepts_a_low_threshold():
    # the domestic ceiling is no argument of years_to_threshold: a low threshold must work
    assert pathways.years_to_threshold(2010, {2010: 0.02, 2012: 0.06}, 0.05) == 2
    assert pathways.years_to_threshold(2010, {2010: 0.02, 2012: 0.06}, 0.1) is None


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"pathway": "born-global"},
            ValueError,
            r"pathway must be one of 'domestic', 'gradual'.*not 'born-global'",
        ),
        ({"rule": ""}, TypeError, r"rule must be the reason in words \(a non-empty str\)"),
        ({"rule": None}, TypeError, "rule must be the reason in words"),
        ({"first_year": 2011.0}, TypeError, "first_year must be a whole number of years or None"),
        ({"years_from_founding": "1"}, TypeError, "years_from_founding must be a whole number"),
        ({"trigger_year": True}, TypeError, "trigger_year must be a whole number of years"),
    ],
)
def test_pathway_result_bad_fields(kwargs, error, message):
    fields = {"pathway": "born global", "rule": "why", "first_year": 2011,
              "years_from_founding": 1} | kwargs  # fmt: skip
    with pytest.raises(error, match=message):
        PathwayResult(**fields)


SETTING_ERRORS = [
    ({"window": 5}, ValueError, r"Unknown setting\(s\) \['window'\].*Did you mean 'window_years'"),
    ({"threshold": 0.2}, ValueError, r"Unknown setting\(s\) \['threshold'\].*Valid settings: sh"),
    ({"window_years": -1}, ValueError, "window_years must be .*at least 0"),
    ({"window_years": 2.5}, TypeError, "window_years must be a whole number .*years"),
    ({"share_threshold": 2}, ValueError, "share_threshold must be between 0"),
    ({"domestic_ceiling": 0.5}, ValueError, "domestic_ceiling .* must be below share_threshold"),
]


@pytest.mark.parametrize(("settings_", "error", "message"), SETTING_ERRORS)
def test_case_pathways_bad_settings(settings_, error, message):
    with pytest.raises(error, match=message):
        pathways.case_pathways(**settings_)


@pytest.mark.parametrize(("settings_", "error", "message"), SETTING_ERRORS)
def test_case_result_bad_settings(settings_, error, message):
    with pytest.raises(error, match=message):
        pathways.case_result("Marlow Furniture", **settings_)


@pytest.mark.parametrize(
    ("case", "field", "settings_", "error", "message"),
    [
        ("Nordlys", "first_year", {}, ValueError, r"No case profile 'Nordlys'\. Did you mean"),
        (7, "first_year", {}, TypeError, r"a case is named by its profile name \(a str\).*int 7"),
        ("Nordlys Analytics", "year", {}, ValueError, "field must be one of pathway, rule, first"),
        (
            "Nordlys Analytics",
            "trigger",
            {},
            ValueError,
            r"not 'trigger'\. Did you mean 'trigger_year'\?",
        ),
        ("Nordlys Analytics", 3, {}, TypeError, r"field must be the name of a result field"),
        ("Nordlys Analytics", "pathway", {"gap": 5}, ValueError, r"Unknown setting\(s\) \['gap'\]"),
    ],
)
def test_case_value_bad_input(case, field, settings_, error, message):
    with pytest.raises(error, match=message):
        pathways.case_value(case, field, **settings_)


@pytest.mark.parametrize(
    ("case", "window", "error", "message"),
    [
        ("Ostrava", 3, ValueError, r"No case profile 'Ostrava'.*Did you mean 'Ostrava Tools'"),
        ("Acme", 3, ValueError, r"No case profile 'Acme'\. Profiles: Nordlys Analytics"),
        (None, 3, TypeError, r"a case is named by its profile name \(a str\).*NoneType"),
        ("Ostrava Tools", -1, ValueError, "window_years must be .*at least 0, not -1"),
        ("Ostrava Tools", 2.5, TypeError, "window_years must be a whole number .*years"),
        ("Ostrava Tools", "3", TypeError, "window_years must be a whole number .*years"),
    ],
)
def test_window_peak_bad_input(case, window, error, message):
    with pytest.raises(error, match=message):
        pathways.window_peak(case, window)


@pytest.mark.parametrize(
    ("before", "after", "error", "message"),
    [
        (None, [("window_years", 5)], TypeError, r"after must be a dict .*classifier settings"),
        ("window_years=5", None, TypeError, r"before must be a dict .*classifier settings.*str"),
        ({"window": 5}, None, ValueError, r"Unknown setting\(s\) \['window'\] in before"),
        (None, {"born_again_gap": 0}, ValueError, "born_again_gap must be .*at least 1"),
        (None, {"share_threshold": "high"}, TypeError, "share_threshold must be a number"),
    ],
)
def test_reclassified_bad_input(before, after, error, message):
    with pytest.raises(error, match=message):
        pathways.reclassified(before, after)


@pytest.mark.parametrize(
    ("profiles", "settings_", "error", "message"),
    [
        ([("A", 2000)], {}, TypeError, r"profiles must be a dict of name -> \{'founding_year'"),
        ({}, {}, ValueError, "profiles is empty"),
        (None, {"windows": 5}, ValueError, r"Unknown setting\(s\) \['windows'\]"),
        ({"A": 2000}, {}, ValueError, r"profile 'A' needs a 'founding_year' and a 'shares'"),
    ],
)
def test_classify_cases_bad_input(profiles, settings_, error, message):
    with pytest.raises(error, match=message):
        pathways.classify_cases(profiles, **settings_)


# ---- more laws -----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(CASE_PROFILES)), st.integers(0, 10))
def test_window_peak_is_the_highest_born_global_threshold(case, window):
    peak = pathways.window_peak(case, window)
    if not peak > 0:  # nothing sold abroad in the window (or no year observed in it)
        return
    rules = {"window_years": window, "domestic_ceiling": peak / 2}
    at_peak = pathways.case_result(case, share_threshold=peak, **rules)
    assert at_peak.pathway == "born global"
    if peak < 1:
        above = pathways.case_result(case, share_threshold=min(1.0, peak + 1e-6), **rules)
        assert above.pathway != "born global"


# ---- opt-in verdicts: undetermined (unobserved window years) and scope (born regional) --------

_share = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def _histories(draw):
    founded = draw(st.integers(1990, 2015))
    years = draw(st.lists(st.integers(founded, founded + 12), min_size=1, max_size=10, unique=True))
    return founded, {y: draw(_share) for y in sorted(years)}


@given(_histories())
def test_undetermined_only_replaces_verdicts_the_missing_window_years_could_change(history):
    founded, shares = history
    plain = classify_pathway(founded, shares)
    strict = classify_pathway(founded, shares, undetermined=True)
    missing = [y for y in range(founded, founded + 4) if y not in shares]
    if plain.pathway == "born global" or not missing:
        assert strict == plain  # nothing to decide: the opt-in changes nothing
    else:
        assert strict.pathway == "undetermined" and str(missing[0]) in strict.rule


@given(_histories(), st.lists(_share, min_size=4, max_size=4))
def test_a_determined_verdict_survives_any_filling_of_the_missing_window_years(history, fill):
    """The law behind "undetermined": if the data decide, no value of a missing year changes
    whether the firm is born global."""
    founded, shares = history
    strict = classify_pathway(founded, shares, undetermined=True)
    if strict.pathway == "undetermined":
        return
    filled = dict(shares)
    for offset, value in zip(range(4), fill, strict=True):
        filled.setdefault(founded + offset, value)
    filled = dict(sorted(filled.items()))
    refilled = classify_pathway(founded, filled)
    assert (refilled.pathway == "born global") == (strict.pathway == "born global")


def test_cedar_medical_is_undetermined_when_asked_and_gradual_by_default():
    from coursekit import pathways

    assert pathways.case_result("Cedar Medical").pathway == "gradual"
    assert pathways.case_result("Cedar Medical", undetermined=True).pathway == "undetermined"
    moved = pathways.reclassified(after={"undetermined": True})
    assert "Cedar Medical" in moved and "Nordlys Analytics" not in moved


BORN_GLOBAL = {2010: 0.05, 2011: 0.3, 2012: 0.4}


@pytest.mark.parametrize(
    ("outside", "verdict"),
    [(0.2, "born regional"), (0.49, "born regional"), (0.5, "born global"), (0.9, "born global")],
)
def test_scope_splits_born_globals_at_the_global_share(outside, verdict):
    result = classify_pathway(2010, BORN_GLOBAL, outside_region={2011: outside})
    assert result.pathway == verdict and result.first_year == 2011
    # the cut-off is a choice: move it and the verdict flips
    flipped = classify_pathway(
        2010, BORN_GLOBAL, outside_region={2011: outside}, global_share=outside + 0.01
    )
    assert flipped.pathway == "born regional"


def test_scope_unobserved_in_the_crossing_year_is_undetermined_and_scope_ignores_the_rest():
    result = classify_pathway(2010, BORN_GLOBAL, outside_region={2012: 0.9})
    assert result.pathway == "undetermined" and "2011" in result.rule
    gradual = {2010: 0.0, 2011: 0.05, 2012: 0.1, 2013: 0.2, 2014: 0.3}
    assert classify_pathway(2010, gradual, outside_region={2014: 0.1}).pathway == "gradual"


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"undetermined": "yes"}, TypeError, "undetermined must be True or False"),
        ({"outside_region": [0.5]}, TypeError, "shares must be a dict"),
        ({"outside_region": {2011: 1.5}}, ValueError, "fractions between 0 and 1"),
        ({"global_share": 0}, ValueError, "global_share must be between 0 \\(exclusive\\)"),
        ({"global_share": "half"}, TypeError, "global_share must be a number"),
    ],
)
def test_opt_in_arguments_are_checked(kwargs, error, words):
    with pytest.raises(error, match=words):
        classify_pathway(2010, BORN_GLOBAL, **kwargs)
