"""The SME model: the EU size classes (known cases, laws, bad input) and export intensity by group
on small hand-made tables, plus the explorer widget."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from widget_support import FIG_WANTED, no_widget_built

from coursekit import sme
from coursekit.sme import SIZE_CLASSES, classify_firm

RANK = {c: i for i, c in enumerate(SIZE_CLASSES)}

# ---- classify_firm: the Recommendation's thresholds ------------------------------------------


@pytest.mark.parametrize(
    ("employees", "turnover", "balance", "expected"),
    [
        (0, None, None, "micro"),
        (9, None, None, "micro"),
        (9.9, None, None, "micro"),  # annual work units may be fractions
        (10, None, None, "small"),  # "fewer than 10": ten staff is no longer micro
        (49, None, None, "small"),
        (50, None, None, "medium"),
        (249, None, None, "medium"),
        (250, None, None, "large"),
        (5, 2.0, None, "micro"),  # "not exceeding": exactly EUR 2m is still micro
        (5, 2.01, None, "small"),
        (5, 2.5, 1.9, "micro"),  # and/or: the balance sheet qualifies it
        (5, 2.5, 2.5, "small"),
        (40, 10.0, None, "small"),
        (40, 11.0, 10.0, "small"),
        (40, 11.0, 11.0, "medium"),
        (200, 50.0, None, "medium"),
        (200, 60.0, 43.0, "medium"),  # balance-sheet ceiling of a medium firm is EUR 43m
        (200, 60.0, 44.0, "large"),
        (200, None, 43.5, "large"),
        (10_000, 0.1, 0.1, "large"),  # headcount alone can make a firm large
    ],
)
def test_known_classes(employees, turnover, balance, expected):
    assert classify_firm(employees, turnover, balance) == expected


def test_the_ceilings_are_those_of_the_recommendation():
    assert sme.EU_CEILINGS == {
        "micro": (10, 2.0, 2.0),
        "small": (50, 10.0, 10.0),
        "medium": (250, 50.0, 43.0),
    }


staff = st.floats(min_value=0, max_value=5_000, allow_nan=False)
money = st.none() | st.floats(min_value=0, max_value=500, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(a=staff, b=staff, turnover=money, balance=money)
def test_more_employees_never_gives_a_smaller_class(a, b, turnover, balance):
    small, big = sorted((a, b))
    assert (
        RANK[classify_firm(small, turnover, balance)] <= RANK[classify_firm(big, turnover, balance)]
    )


@settings(max_examples=300, deadline=None)
@given(n=staff, t1=st.floats(0, 500), t2=st.floats(0, 500), balance=money)
def test_more_turnover_never_gives_a_smaller_class(n, t1, t2, balance):
    low, high = sorted((t1, t2))
    assert RANK[classify_firm(n, low, balance)] <= RANK[classify_firm(n, high, balance)]


@settings(max_examples=300, deadline=None)
@given(n=staff, turnover=money, balance=money)
def test_knowing_more_figures_never_gives_a_smaller_class_than_headcount_alone(
    n, turnover, balance
):
    assert RANK[classify_firm(n)] <= RANK[classify_firm(n, turnover, balance)]


@settings(max_examples=200, deadline=None)
@given(n=staff, turnover=money, balance=money)
def test_class_is_one_of_four_and_headcount_bounds_hold(n, turnover, balance):
    size = classify_firm(n, turnover, balance)
    assert size in SIZE_CLASSES
    if size != "large":
        assert n < sme.EU_CEILINGS[size][0]
    if n >= 250:
        assert size == "large"


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        ((-1,), ValueError, "must be at least 0, not -1"),
        ((float("nan"),), ValueError, "finite"),
        ((math.inf,), ValueError, "finite"),
        (("12",), TypeError, "must be a number"),
        ((True,), TypeError, "employees"),
        ((None,), TypeError, "employees"),
        ((5, -2.0), ValueError, "turnover_eur_m must be at least 0, not -2"),
        ((5, "2m"), TypeError, "turnover_eur_m must be a number"),
        ((5, None, -0.5), ValueError, "balance_sheet_eur_m"),
        ((5, None, [1.0]), TypeError, "balance_sheet_eur_m"),
    ],
)
def test_bad_input_is_named(args, error, words):
    with pytest.raises(error, match=words):
        classify_firm(*args)


def test_numpy_numbers_are_accepted():
    assert classify_firm(np.int64(12), np.float64(3.0)) == "small"


def test_classify_many():
    firms = {"A": {"employees": 4, "turnover_eur_m": 0.5}, "B": {"employees": 300}}
    assert sme.classify_many(firms) == {"A": "micro", "B": "large"}
    with pytest.raises(ValueError, match="needs an 'employees'"):
        sme.classify_many({"A": {"turnover_eur_m": 1.0}})
    with pytest.raises(ValueError, match="unknown figure"):
        sme.classify_many({"A": {"employees": 3, "staff": 3}})
    with pytest.raises(TypeError, match="dict of name"):
        sme.classify_many([("A", 3)])
    with pytest.raises(TypeError, match="figures of 'A'"):
        sme.classify_many({"A": 3})


# ---- export intensity on hand-made tables --------------------------------------------------


def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    exports = pd.DataFrame(
        {
            "iso3": ["AAA", "AAA", "BBB", "CCC", "DDD", "EEE", "EEE", "FFF"],
            "year": [2009, 2013, 2010, 2014, 2006, 2008, 2012, 2011],
            "export_share": [2.0, 8.0, 4.0, 10.0, 1.0, 3.0, 6.0, 20.0],
        }
    )
    countries = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"],
            "name": ["Aland", "Bland", "Cland", "Dland", "Eland", "Fland", "Gland"],
            "region": ["North", "North", "North", "South", "South", None, "South"],
            "income_group": [
                "High income",
                "Low income",
                "High income",
                "Low income",
                "Lower middle income",
                "High income",
                "Low income",
            ],
        }
    )
    return exports, countries


def test_latest_takes_the_most_recent_year_of_each_economy():
    ex, cty = tables()
    latest = sme.latest_by_country(ex, cty).set_index("iso3")
    assert latest.loc["AAA", "year"] == 2013 and latest.loc["AAA", "export_share"] == 8.0
    assert latest.loc["EEE", "export_share"] == 6.0
    assert sorted(latest.index) == ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]
    assert list(latest["export_share"]) == sorted(latest["export_share"], reverse=True)


def test_latest_does_not_depend_on_row_order():
    ex, cty = tables()
    shuffled = ex.sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(
        sme.latest_by_country(ex, cty), sme.latest_by_country(shuffled, cty)
    )


def test_summary_by_region_matches_a_hand_computation():
    ex, cty = tables()
    stats = sme.summary_by("region", ex, cty).set_index("group")
    # North: AAA 8, BBB 4, CCC 10 -> median 8, mean 22/3; South: DDD 1, EEE 6; FFF has no region
    assert stats.loc["North", "median"] == 8.0
    assert stats.loc["North", "mean"] == pytest.approx(22 / 3)
    assert stats.loc["South", "median"] == 3.5
    assert stats.loc["South", "count"] == 2
    assert list(stats.index) == ["North", "South"]  # highest median first
    assert set(stats.columns) == {"median", "mean", "min", "max", "count"}


def test_summary_by_income_orders_groups_from_low_to_high():
    ex, cty = tables()
    stats = sme.summary_by("income_group", ex, cty)
    assert list(stats["group"]) == ["Low income", "Lower middle income", "High income"]
    assert stats.set_index("group").loc["High income", "median"] == 10.0  # 8, 10, 20


def test_helpers_agree_with_the_summary():
    ex, cty = tables()
    assert sme.group_median("region", "South", ex, cty) == 3.5
    assert sme.highest_group("region", ex, cty) == "North"
    assert sme.count_economies(ex, cty) == 6
    # High income median 10, Low income median (4, 1) = 2.5
    assert sme.median_ratio(exports=ex, countries=cty) == pytest.approx(4.0)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=12),
    scale=st.floats(0.1, 1.0),
)
def test_group_median_lies_between_min_and_max_and_scales(values, scale):
    codes = [f"C{i:02d}" for i in range(len(values))]
    ex = pd.DataFrame({"iso3": codes, "year": 2010, "export_share": values})
    cty = pd.DataFrame({"iso3": codes, "name": codes, "region": "R", "income_group": "High income"})
    stats = sme.summary_by("region", ex, cty).iloc[0]
    assert stats["min"] <= stats["median"] <= stats["max"]
    assert stats["count"] == len(values)
    scaled = ex.assign(export_share=ex["export_share"] * scale)
    assert sme.group_median("region", "R", scaled, cty) == pytest.approx(
        stats["median"] * scale, abs=1e-9
    )


def test_value_column_alias_is_read():
    ex, cty = tables()
    renamed = ex.rename(columns={"export_share": "value"})
    assert sme.count_economies(renamed, cty) == 6


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (lambda ex: ex.drop(columns="year"), ValueError, "lacks column"),
        (lambda ex: ex.assign(export_share=-1.0), ValueError, "between 0 and 100"),
        (lambda ex: ex.assign(export_share=140.0), ValueError, "between 0 and 100"),
        (lambda ex: ex.assign(export_share="high"), ValueError, "numeric"),
        (lambda ex: pd.concat([ex, ex.head(1)]), ValueError, "more than one row"),
        (lambda ex: ex.to_dict(), TypeError, "exports must be a pandas DataFrame"),
    ],
)
def test_bad_exports_tables(change, error, words):
    ex, cty = tables()
    with pytest.raises(error, match=words):
        sme.latest_by_country(change(ex), cty)


def test_bad_countries_and_groups():
    ex, cty = tables()
    with pytest.raises(ValueError, match="lacks column"):
        sme.latest_by_country(ex, cty.drop(columns="income_group"))
    with pytest.raises(ValueError, match="more than one row"):
        sme.latest_by_country(ex, pd.concat([cty, cty.head(1)]))
    with pytest.raises(TypeError, match="countries must be"):
        sme.latest_by_country(ex, [1, 2])
    with pytest.raises(ValueError, match="group must be one of region, income_group"):
        sme.summary_by("continent", ex, cty)
    with pytest.raises(TypeError, match="group must be"):
        sme.summary_by(3, ex, cty)
    with pytest.raises(ValueError, match="no region called 'East'.*North"):
        sme.group_median("region", "East", ex, cty)
    with pytest.raises(ValueError, match="share iso3 codes"):
        sme.summary_by("region", ex, cty.assign(iso3=cty["iso3"].str.lower()))


def test_zero_median_ratio_is_refused():
    ex, cty = tables()
    zero = ex.assign(
        export_share=np.where(ex["iso3"].isin(["BBB", "DDD"]), 0.0, ex["export_share"])
    )
    with pytest.raises(ValueError, match="median of 'Low income' is zero"):
        sme.median_ratio(exports=zero, countries=cty)


# ---- the widget ----------------------------------------------------------------------------


def test_widget_builds_with_controls_and_draws():
    from coursekit.widgets.sme import export_explorer

    ex, cty = tables()
    box = export_explorer(ex, cty)
    assert set(box.controls) == {"group", "highlight", "leave_out"}
    labels = [t.get_text() for t in box.figure.axes[0].get_yticklabels()]
    assert labels == ["North\nn = 3", "South\nn = 2"]  # n is in the group's label
    (shown,) = box.outputs["chart"].outputs
    assert 'alt="Dot plot' in shown["data"]["text/html"]
    assert "North" in box.outputs["table"].outputs[0]["data"]["text/html"]
    assert "North" in box.outputs["message"].value


def test_widget_update_follows_the_controls():
    from coursekit.widgets.sme import export_explorer

    ex, cty = tables()
    box = export_explorer(ex, cty)
    before = box.outputs["chart"].outputs[0]["data"]["text/html"]
    box.controls["group"].value = "income_group"
    box.controls["highlight"].value = "CCC"
    box.update()  # call the handler directly: ipywidgets swallows errors in observers
    labels = [t.get_text().split("\nn = ")[0] for t in box.figure.axes[0].get_yticklabels()]
    labels = [label.replace("\n", " ") for label in labels]
    assert labels == ["Low income", "Lower middle income", "High income"]
    texts = [t.get_text() for t in box.figure.axes[0].texts]
    assert any("Cland (2014): 10.0%" in t for t in texts)
    assert box.outputs["chart"].outputs[0]["data"]["text/html"] != before
    assert "High income" in box.outputs["message"].value


def test_widget_leave_out_drops_the_region_and_says_whether_the_lead_is_clear():
    from coursekit.widgets.sme import export_explorer

    ex, cty = tables()
    box = export_explorer(ex, cty, group="income_group", highlight="AAA")
    # AAA (8.0) and CCC (10.0) are North's high-income economies, FFF (20.0) has no region.
    assert "not a formal test" in box.outputs["message"].value
    box.controls["leave_out"].value = "North"
    box.update()
    message = box.outputs["message"].value
    assert "the 3 economies of North are left out" in message
    assert "Aland is in North, so it is not marked" in message
    labels = [t.get_text() for t in box.figure.axes[0].get_yticklabels()]
    assert labels[-1] == "High\nincome\nn = 1"  # only FFF is left
    html = box.outputs["table"].outputs[0]["data"]["text/html"]
    assert "coverage %" in html and "interval from %" in html


def test_widget_first_state_is_todays_grouping_and_mark():
    from coursekit.widgets.sme import export_explorer

    box = export_explorer(group="income_group", highlight="KEN")
    assert box.controls["group"].value == "income_group"
    assert box.controls["highlight"].value == "KEN"
    assert box.controls["leave_out"].value == ""  # nothing left out unless asked
    texts = [t.get_text() for t in box.figure.axes[0].texts]
    assert any(t.startswith("Kenya (") for t in texts)
    assert export_explorer.static_states["leave_out"][0] == ""
    sizes = [len(v) for v in export_explorer.static_states.values()]
    assert math.prod(sizes) <= 60  # the static page's budget of precomputed states


def test_lead_sentence_says_clear_or_not():
    from coursekit.widgets.sme import lead_sentence

    base = dict(top="A", second="B", top_median=9.0, second_median=3.0, top_n=12, second_n=20)
    clear = sme.Lead(**base, top_low=6.0, second_high=5.0, clear=True)
    muddled = sme.Lead(**base, top_low=4.0, second_high=5.0, clear=False)
    assert "is larger than the intervals' overlap would allow" in lead_sentence(clear)
    assert "is not larger" in lead_sentence(muddled)
    assert "4.0%, below the 5.0%" in lead_sentence(muddled)
    assert all("not a formal test" in lead_sentence(x) for x in (clear, muddled))
    with pytest.raises(TypeError, match=r"lead must be the result of sme\.lead_check\(\)"):
        lead_sentence({"top": "A"})


@pytest.mark.parametrize(
    ("draw", "alt", "model", "said"),
    [
        (
            "draw_intervals",
            "intervals_alt",
            lambda latest, ex, cty: sme.median_intervals(latest, "region"),
            "North: median 8.0% over 3, interval 4.0 to 10.0%",
        ),
        (
            "draw_distribution",
            "distribution_alt",
            lambda latest, ex, cty: sme.summary_by("region", ex, cty),
            "North: median 8.0% over 3",
        ),
    ],
)
def test_draw_returns_the_table_it_draws(draw, alt, model, said):
    import matplotlib.pyplot as plt

    from coursekit.widgets import sme as widget

    ex, cty = tables()
    latest = sme.latest_by_country(ex, cty)
    with plt.ioff():
        fig = plt.figure()
    table = getattr(widget, draw)(fig, latest, "region")
    pd.testing.assert_frame_equal(table, model(latest, ex, cty))
    assert said in getattr(widget, alt)(table, "region")
    with pytest.raises(ValueError, match="group must be one of"):
        getattr(widget, draw)(fig, latest, "continent")
    plt.close(fig)


def test_draw_intervals_draws_one_band_per_group_and_labels_low_coverage():
    import matplotlib.pyplot as plt

    from coursekit.widgets.sme import draw_intervals

    ex, cty = tables()
    with plt.ioff():
        fig = plt.figure()
    table = draw_intervals(fig, sme.latest_by_country(ex, cty), "region")
    # one grey band per group, from its low to its high end
    bands = [line.get_xdata() for line in fig.axes[0].lines if line.get_linewidth() == 9]
    assert [tuple(b) for b in bands] == list(zip(table["low"], table["high"], strict=True))
    # With two values a 90% interval cannot be had: the label says how little it covers.
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("covers only 50%" in t for t in texts)
    plt.close(fig)


def test_widget_bad_arguments():
    from coursekit.widgets.sme import export_explorer

    ex, cty = tables()
    with pytest.raises(ValueError, match="group must be one of"):
        export_explorer(ex, cty, group="continent")
    with pytest.raises(ValueError, match="Atlantis"):
        export_explorer(ex, cty, highlight="Atlantis")


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


def test_draw_distribution_names_the_bad_argument():
    from matplotlib.figure import Figure

    from coursekit.widgets.sme import draw_distribution

    fig = Figure()
    latest = sme.latest_by_country(None, None)
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_distribution(None, latest, "region")
    with pytest.raises(TypeError, match="latest must be the DataFrame of latest_by_country"):
        draw_distribution(fig, {"iso3": []}, "region")
    with pytest.raises(TypeError, match="group must be one of region, income_group .text."):
        draw_distribution(fig, latest, ["region"])
    with pytest.raises(TypeError, match="highlight must be an ISO3 code .text. such as 'KEN'"):
        draw_distribution(fig, latest, "region", highlight=404)
    with pytest.raises(ValueError, match="Unknown country 'Atlantis'"):
        draw_distribution(fig, latest, "region", highlight="Atlantis")


def test_draw_intervals_names_the_bad_argument():
    from matplotlib.figure import Figure

    from coursekit.widgets.sme import draw_intervals

    fig = Figure()
    latest = sme.latest_by_country(None, None)
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_intervals(None, latest, "region")
    with pytest.raises(
        TypeError, match=r"latest \(the DataFrame of latest_by_country\(\)\) must be a"
    ):
        draw_intervals(fig, {"iso3": []}, "region")
    with pytest.raises(ValueError, match="group must be one of region, income_group"):
        draw_intervals(fig, latest, "continent")
    with pytest.raises(ValueError, match="unknown region to leave out 'Mars'"):
        draw_intervals(fig, latest, "region", leave_out="Mars")
    with pytest.raises(ValueError, match="Unknown country 'Atlantis'"):
        draw_intervals(fig, latest, "region", highlight="Atlantis")


def test_export_explorer_bad_group_and_highlight():
    from coursekit.widgets.sme import export_explorer

    with no_widget_built(), pytest.raises(ValueError, match="group must be one of region"):
        export_explorer(group="regio")
    with no_widget_built(), pytest.raises(ValueError, match="Unknown country 'Germny'"):
        export_explorer(highlight="Germny")
    with no_widget_built(), pytest.raises(TypeError, match="a country is given as a name"):
        export_explorer(highlight=5)
    with no_widget_built(), pytest.raises(TypeError, match="exports must be a pandas DataFrame"):
        export_explorer({"KEN": 1})
    with no_widget_built(), pytest.raises(ValueError, match="unknown region to leave out 'Eur"):
        export_explorer(leave_out="Europe")
    with no_widget_built(), pytest.raises(TypeError, match="region to leave out must be one of"):
        export_explorer(leave_out=["Europe & Central Asia"])
    with no_widget_built(), pytest.raises(ValueError, match="level must be below 1"):
        export_explorer(level=90)


def test_summarize_needs_the_latest_frame():
    ex, cty = tables()
    latest = sme.latest_by_country(ex, cty)
    pd.testing.assert_frame_equal(
        sme.summarize(latest, "region"), sme.summary_by("region", ex, cty)
    )
    with pytest.raises(ValueError, match="latest must be the DataFrame of latest_by_country"):
        sme.summarize(ex, "region")
    with pytest.raises(ValueError, match="group must be one of"):
        sme.summarize(latest, "size")


def test_blank_group_names_count_as_missing():
    ex, cty = tables()
    cty.loc[cty["iso3"] == "CCC", "region"] = "  "
    stats = sme.summary_by("region", ex, cty).set_index("group")
    assert "  " not in stats.index and stats.loc["North", "count"] == 2


# ---- the course's data ---------------------------------------------------------------------


def test_course_data_have_no_size_breakdown_and_agree_with_explicit_tables():
    from coursekit import data

    raw = data.load("enterprise_exports")
    assert not any("size" in c.lower() for c in raw.columns)
    cty = data.load("countries")
    for group in sme.GROUPINGS:
        pd.testing.assert_frame_equal(sme.summary_by(group), sme.summary_by(group, raw, cty))
    latest = sme.latest_by_country()
    assert latest["iso3"].is_unique
    assert latest["export_share"].between(0, 100).all()
    assert sme.count_economies() == raw["iso3"].nunique()


def test_medians_is_the_summary_as_a_dict():
    ex, cty = tables()
    assert sme.medians("region", ex, cty) == {"North": 8.0, "South": 3.5}
    assert list(sme.medians("income_group", ex, cty)) == [
        "Low income",
        "Lower middle income",
        "High income",
    ]


# ---- bad input of the table helpers (issue 9) ------------------------------------------------


@pytest.mark.parametrize(
    ("change_exports", "change_countries", "error", "words"),
    [
        (lambda ex: ex.to_dict("list"), None, TypeError, "exports must be a pandas DataFrame"),
        (None, lambda cty: cty.to_dict("list"), TypeError, "countries must be a pandas DataFrame"),
        (lambda ex: ex.drop(columns="iso3"), None, ValueError, r"lacks column\(s\) \['iso3'\]"),
        (lambda ex: ex.iloc[:0], None, ValueError, "exports table is empty"),
        (
            lambda ex: ex.head(1).assign(export_share=101.0),
            None,
            ValueError,
            "between 0 and 100; AAA 2009 has 101.0",
        ),
        (
            lambda ex: ex.assign(year="2009a"),
            None,
            ValueError,
            "year must be a whole number such as 2019; found '2009a' for AAA",
        ),
        (lambda ex: ex.assign(year=np.nan), None, ValueError, "year must be a whole number"),
        (None, lambda cty: cty.drop(columns="name"), ValueError, r"lacks column\(s\) \['name'\]"),
    ],
)
def test_table_helpers_name_the_bad_table(change_exports, change_countries, error, words):
    ex, cty = tables()
    ex = change_exports(ex) if change_exports else ex
    cty = change_countries(cty) if change_countries else cty
    with pytest.raises(error, match=words):
        sme.export_table(ex, cty)
    with pytest.raises(error, match=words):
        sme.count_economies(ex, cty)
    with pytest.raises(error, match=words):
        sme.medians("region", ex, cty)
    with pytest.raises(error, match=words):
        sme.highest_group("income_group", ex, cty)


@pytest.mark.parametrize(
    ("group", "error", "words"),
    [
        ("continent", ValueError, "group must be one of region, income_group, not 'continent'"),
        ("Region", ValueError, "group must be one of region, income_group"),
        (None, TypeError, "group must be 'region' or 'income_group', not NoneType"),
    ],
)
def test_group_helpers_name_the_bad_group(group, error, words):
    ex, cty = tables()
    with pytest.raises(error, match=words):
        sme.medians(group, ex, cty)
    with pytest.raises(error, match=words):
        sme.highest_group(group, ex, cty)


def test_highest_group_needs_economies_with_a_group():
    ex, cty = tables()
    with pytest.raises(ValueError, match="no economy has both an export value and a region"):
        sme.highest_group("region", ex, cty.assign(region=None))


def test_summarize_rejects_what_is_not_a_frame():
    ex, cty = tables()
    latest = sme.latest_by_country(ex, cty)
    with pytest.raises(TypeError, match="latest must be the DataFrame of latest_by_country"):
        sme.summarize(latest.to_dict("list"), "region")


# ---- testing a claim across all economies (Spearman) ----------------------------------------


@given(
    st.lists(st.tuples(st.integers(-1000, 1000), st.integers(-1000, 1000)), min_size=3, max_size=40)
)
def test_spearman_is_a_rank_statistic(pairs):
    x = [a for a, _ in pairs]
    y = [b for _, b in pairs]
    if len(set(x)) < 2 or len(set(y)) < 2:
        return  # constant input is rejected (tested below)
    rho = sme.spearman(x, y)
    assert -1 - 1e-12 <= rho <= 1 + 1e-12
    # A strictly increasing transformation of x (here cubing, with a shift) leaves rho unchanged.
    assert abs(sme.spearman([a**3 + 7 for a in x], y) - rho) < 1e-9
    # Reversing the order of x flips the sign.
    assert abs(sme.spearman([-a for a in x], y) + rho) < 1e-9


def test_spearman_known_values_and_bad_input():
    assert sme.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert sme.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="at least 3 complete pairs"):
        sme.spearman([1, None, 3], [1, 2, None])
    with pytest.raises(ValueError, match="constant sequence"):
        sme.spearman([1, 1, 1], [1, 2, 3])


def test_association_uses_every_economy_in_its_survey_year():
    rho, n = sme.association("population")
    assert n == len(sme.latest_by_country())  # no economy dropped
    assert -0.4 < rho < 0  # weak and negative: the chapter's claim rests on this
    rho_gdp, _ = sme.association("gdp_pc_usd")
    assert rho_gdp > 0
    with pytest.raises(ValueError, match="variable must be one of"):
        sme.association("area")
    # The survey year matters: with a frame whose years do not match, nothing is merged.
    shifted = sme.latest_by_country().assign(year=lambda t: t["year"] + 100)
    with pytest.raises(ValueError, match="at least 3 complete pairs"):
        sme.association("population", shifted)


def test_rank_correlation_and_with_indicators_name_bad_input():
    with pytest.raises(ValueError, match="variable must be one of"):
        sme.rank_correlation("area")
    with pytest.raises(ValueError, match=r"indicators needs the column\(s\) \['population'"):
        sme.with_indicators(indicators=pd.DataFrame({"iso3": ["SWE"], "year": [2014]}))
    assert sme.rank_correlation("population") == sme.association("population")[0]


# ---- robustness checks the chapter reports (MENA's n, high income without ECA) --------------


def test_group_count_is_the_number_of_latest_values_in_the_group():
    latest = sme.latest_by_country()
    for region in latest["region"].dropna().unique():
        assert sme.group_count("region", region) == int((latest["region"] == region).sum())


def test_median_without_region_leaves_the_region_out():
    latest = sme.latest_by_country()
    high = latest[latest["income_group"] == "High income"]
    outside = high[high["region"] != "Europe & Central Asia"]
    assert sme.median_without_region() == pytest.approx(outside[sme.VALUE].median())
    # leaving out a region with no high-income economy changes nothing
    regions = set(latest["region"].dropna())
    empty = sorted(regions - set(high["region"].dropna()))
    if empty:
        assert sme.median_without_region(region=empty[0]) == pytest.approx(high[sme.VALUE].median())


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"income_group": "Rich"}, ValueError, "no income_group called 'Rich'"),
        ({"region": "Europe"}, ValueError, "no region called 'Europe'"),
        ({"region": 3}, TypeError, "region must be a group name"),
        ({"income_group": None}, TypeError, "income_group must be a group name"),
    ],
)
def test_median_without_region_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        sme.median_without_region(**kwargs)


def test_median_without_region_when_nothing_is_left():
    exports = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [2010, 2012], "value": [5.0, 7.0]})
    countries = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB"],
            "name": ["A", "B"],
            "region": ["Europe & Central Asia", "South Asia"],
            "income_group": ["High income", "Low income"],
        }
    )
    with pytest.raises(ValueError, match="no 'High income' economy is left"):
        sme.median_without_region(exports=exports, countries=countries)


def test_group_count_bad_input():
    with pytest.raises(ValueError, match="no region called 'Mars'"):
        sme.group_count("region", "Mars")
    with pytest.raises(TypeError, match="name must be the group's name"):
        sme.group_count("region", 5)


# ---- the median's interval and the "leave out" option --------------------------------------


def _binomial_coverage(n: int, j: int) -> float:
    """P(j <= B <= n - j) for B ~ Binomial(n, 1/2), summed term by term (the interval from the
    j-th smallest to the j-th largest of n values covers the median unless fewer than j or more
    than n - j of them lie below it)."""
    return sum(math.comb(n, k) for k in range(j, n - j + 1)) / 2**n


def test_median_interval_known_cases():
    # ten values: 1 - 2 (1 + 10) / 1024 for ranks 2 and 9; ranks 3 and 8 cover only 89.1%
    found = sme.median_interval(list(range(1, 11)))
    assert (found.low, found.high, found.n) == (2.0, 9.0, 10)
    assert found.coverage == pytest.approx(1 - 22 / 1024)
    assert _binomial_coverage(10, 3) < 0.9
    # four values: even the whole range covers only 1 - 2/16 = 87.5% < 90%
    few = sme.median_interval([4.0, 1.0, 3.0, 2.0])
    assert (few.low, few.high, few.coverage) == (1.0, 4.0, 0.875)
    assert sme.median_interval([5.0]).coverage == 0.0


values = st.lists(st.integers(-1000, 1000).map(float), min_size=1, max_size=60)
levels = st.floats(0.5, 0.99)


@settings(max_examples=200, deadline=None)
@given(xs=values, level=levels)
def test_median_interval_is_the_narrowest_order_statistic_interval_that_covers(xs, level):
    found = sme.median_interval(xs, level)
    ordered = sorted(xs)
    n = len(xs)
    assert found.low <= found.median <= found.high
    assert found.low in xs and found.high in xs
    assert found.median == pytest.approx(float(np.median(xs)))
    # its ranks: the j-th smallest and the j-th largest value, with the binomial coverage
    ranks = [j for j in range(1, (n + 1) // 2 + 1) if _binomial_coverage(n, j) >= level] or [1]
    j = max(ranks)
    assert (found.low, found.high) == (ordered[j - 1], ordered[n - j])
    assert found.coverage == pytest.approx(_binomial_coverage(n, j))
    if _binomial_coverage(n, 1) >= level:
        assert found.coverage >= level  # below the level only when even the range falls short


@settings(max_examples=200, deadline=None)
@given(xs=values, a=levels, b=levels, scale=st.integers(1, 5), shift=st.integers(-50, 50))
def test_median_interval_laws(xs, a, b, scale, shift):
    low_level, high_level = sorted((a, b))
    narrow, wide = sme.median_interval(xs, low_level), sme.median_interval(xs, high_level)
    assert wide.low <= narrow.low and narrow.high <= wide.high  # more confidence, wider
    assert sme.median_interval(list(reversed(xs)), a) == sme.median_interval(xs, a)
    moved = sme.median_interval([scale * x + shift for x in xs], a)  # ranks do not change
    here = sme.median_interval(xs, a)
    assert (moved.low, moved.high) == (scale * here.low + shift, scale * here.high + shift)
    assert moved.coverage == here.coverage


def test_median_interval_covers_the_true_median_as_often_as_it_says():
    # Draws from a skewed distribution whose median is known (exponential: ln 2).
    rng = np.random.default_rng(0)
    n, reps = 10, 4000
    hits = 0
    for _ in range(reps):
        found = sme.median_interval(rng.exponential(size=n).tolist())
        hits += found.low <= math.log(2) <= found.high
    assert hits / reps == pytest.approx(sme.median_interval(list(range(n))).coverage, abs=0.015)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("1, 2, 3",), TypeError, "values must be a list of numbers"),
        ((5.0,), TypeError, "values must be a list of numbers"),
        (([],), ValueError, "values is empty"),
        (([1.0, float("nan")],), ValueError, "each of values must be a finite number"),
        (([1.0, "2"],), TypeError, "each of values must be a number"),
        (([1.0, 2.0], 1.0), ValueError, "level must be below 1"),
        (([1.0, 2.0], 0), ValueError, "level must be greater than 0"),
        (([1.0, 2.0], "90%"), TypeError, "level must be a number"),
    ],
)
def test_median_interval_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        sme.median_interval(*args)


def test_median_intervals_match_the_summary_and_leave_the_region_out():
    ex, cty = tables()
    latest = sme.latest_by_country(ex, cty)
    table = sme.median_intervals(latest, "income_group")
    stats = sme.summarize(latest, "income_group")
    assert table["group"].tolist() == stats["group"].tolist()
    assert table["median"].tolist() == stats["median"].tolist()
    assert table["count"].tolist() == stats["count"].tolist()
    assert list(table.columns) == ["group", "count", "median", "low", "high", "coverage"]
    without = sme.median_intervals(latest, "income_group", leave_out="North")
    # North's AAA, BBB and CCC go; FFF (no region) stays, since it is not in North.
    assert without.set_index("group")["count"].to_dict() == {
        "Low income": 1,
        "Lower middle income": 1,
        "High income": 1,
    }
    assert (
        "North" not in sme.median_intervals(latest, "region", leave_out="North")["group"].tolist()
    )
    assert sme.median_intervals(latest, "region", leave_out="").equals(
        sme.median_intervals(latest, "region")
    )


def test_median_intervals_on_the_course_data():
    latest = sme.latest_by_country()
    eca = "Europe & Central Asia"
    for group in sme.GROUPINGS:
        full = sme.median_intervals(group=group)
        without = sme.median_intervals(group=group, leave_out=eca)
        assert full["count"].sum() == latest[group].notna().sum()
        dropped = ((latest["region"] == eca) & latest[group].notna()).sum()
        assert without["count"].sum() == full["count"].sum() - dropped


@settings(max_examples=100, deadline=None)
@given(
    groups=st.lists(
        st.lists(st.integers(0, 100).map(float), min_size=1, max_size=25), min_size=2, max_size=5
    )
)
def test_a_clear_lead_is_a_lead_and_its_intervals_do_not_overlap(groups):
    rows = []
    for i, xs in enumerate(groups):
        found = sme.median_interval(xs)
        rows.append(
            {"group": f"G{i}", "count": found.n, "median": found.median}
            | {"low": found.low, "high": found.high, "coverage": found.coverage}
        )
    lead = sme.lead_check(pd.DataFrame(rows))
    medians = sorted((r["median"] for r in rows), reverse=True)
    assert (lead.top_median, lead.second_median) == (medians[0], medians[1])
    if lead.clear:
        assert lead.top_median > lead.second_median
        assert lead.top_low > lead.second_high
    else:
        assert lead.top_low <= lead.second_high


def test_lead_check_on_the_course_data():
    # The chapter's two questions: MENA's lead, and the income gradient without ECA.
    by_region = sme.lead_check(sme.median_intervals(group="region"))
    assert by_region.top == sme.highest_group("region")
    incomes = sme.lead_check(sme.median_intervals(group="income_group"))
    assert incomes.top == "High income"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sme.without_region({"region": []}, "North"), TypeError, "must be a pandas Data"),
        (lambda: sme.median_intervals(leave_out="Europe"), ValueError, "region to leave out"),
        (lambda: sme.median_intervals(leave_out=3), TypeError, "region to leave out must be"),
        (lambda: sme.median_intervals(group="continent"), ValueError, "group must be one of"),
        (lambda: sme.median_intervals(level=95), ValueError, "level must be below 1"),
        (lambda: sme.lead_check({"group": []}), TypeError, "must be a pandas DataFrame"),
        (lambda: sme.lead_check(pd.DataFrame({"group": ["A"]})), ValueError, "lacks the col"),
    ],
)
def test_interval_helpers_name_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_leaving_out_everything_or_all_but_one_group_is_an_error():
    ex, cty = tables()
    latest = sme.latest_by_country(ex, cty)
    only_north = latest[latest["region"] == "North"]
    with pytest.raises(ValueError, match="no economy is left once 'North' is left out"):
        sme.without_region(only_north, "North")
    one = sme.median_intervals(latest, "region", leave_out="South")
    with pytest.raises(ValueError, match="a lead needs at least two groups"):
        sme.lead_check(one)
