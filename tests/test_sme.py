"""The SME model: the EU size classes (known cases, laws, bad input) and export intensity by group
on small hand-made tables, plus the explorer widget."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert set(box.controls) == {"group", "highlight"}
    labels = [t.get_text() for t in box.figure.axes[0].get_yticklabels()]
    assert labels == ["North", "South"]
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
    labels = [t.get_text().replace("\n", " ") for t in box.figure.axes[0].get_yticklabels()]
    assert labels == ["Low income", "Lower middle income", "High income"]
    texts = [t.get_text() for t in box.figure.axes[0].texts]
    assert any("Cland (2014): 10.0%" in t for t in texts)
    assert box.outputs["chart"].outputs[0]["data"]["text/html"] != before
    assert "High income" in box.outputs["message"].value


def test_draw_distribution_returns_the_summary():
    import matplotlib.pyplot as plt

    from coursekit.widgets.sme import distribution_alt, draw_distribution

    ex, cty = tables()
    latest = sme.latest_by_country(ex, cty)
    with plt.ioff():
        fig = plt.figure()
    stats = draw_distribution(fig, latest, "region")
    pd.testing.assert_frame_equal(stats, sme.summary_by("region", ex, cty))
    assert "North: median 8.0% over 3" in distribution_alt(stats, "region")
    plt.close(fig)
    with pytest.raises(ValueError, match="group must be one of"):
        draw_distribution(fig, latest, "continent")


def test_widget_bad_arguments():
    from coursekit.widgets.sme import export_explorer

    ex, cty = tables()
    with pytest.raises(ValueError, match="group must be one of"):
        export_explorer(ex, cty, group="continent")
    with pytest.raises(ValueError, match="Atlantis"):
        export_explorer(ex, cty, highlight="Atlantis")


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
