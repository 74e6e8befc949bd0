"""The Kogut–Singh model: known values, laws (hypothesis), and every bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from widget_support import FIG_WANTED, no_widget_built

from coursekit import culture, data
from coursekit.culture import DIMENSIONS, DimensionsDroppedWarning, kogut_singh

SCORES = culture.country_scores()
COMPLETE = sorted(SCORES.index[SCORES.notna().all(axis=1)])
ANY = sorted(SCORES.index[SCORES[list(DIMENSIONS[:4])].notna().all(axis=1)])


def test_matches_the_formula_computed_independently():
    raw = data.load("hofstede")
    countries_only = raw[raw["is_country"]].set_index("iso3")[list(DIMENSIONS)].astype(float)
    var = countries_only.var(ddof=1)
    gaps = countries_only.loc["JPN"] - countries_only.loc["DEU"]
    expected = float(((gaps**2) / var).mean())
    assert kogut_singh("DEU", "JPN") == pytest.approx(expected, rel=1e-12)


def test_known_orderings():
    assert kogut_singh("USA", "GBR") < kogut_singh("USA", "JPN")
    assert kogut_singh("DEU", "AUT") < kogut_singh("DEU", "CHN")


def test_names_and_codes_are_interchangeable():
    assert kogut_singh("Germany", "japan") == kogut_singh("DEU", "JPN")


def test_variance_is_over_countries_only():
    raw = data.load("hofstede")
    with_regions = raw.set_index("hofstede_code")[list(DIMENSIONS)].astype(float).var(ddof=1)
    assert not np.allclose(culture.variances().to_numpy(), with_regions.to_numpy())


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ANY))
def test_zero_against_itself(code):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DimensionsDroppedWarning)
        assert kogut_singh(code, code) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ANY), st.sampled_from(ANY))
def test_symmetric_and_never_negative(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DimensionsDroppedWarning)
        ab, ba = kogut_singh(a, b), kogut_singh(b, a)
    assert ab == pytest.approx(ba, rel=1e-12)
    assert ab >= 0


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(COMPLETE), st.sampled_from(COMPLETE), st.floats(0.1, 10))
def test_invariant_to_rescaling_a_dimension(a, b, factor):
    # Dividing by the variance makes the index independent of each dimension's units.
    scaled = culture.country_scores().assign(pdi=lambda f: f["pdi"] * factor)
    scaled = scaled.rename_axis("iso3").reset_index()
    assert kogut_singh(a, b, scores=scaled) == pytest.approx(kogut_singh(a, b), rel=1e-9)


def test_distance_table_ranks_every_other_country():
    table = culture.distance_table("DEU")
    assert list(table.columns) == ["iso3", "name", "kogut_singh", "n_dimensions"]
    assert "DEU" not in set(table["iso3"])
    assert table["kogut_singh"].is_monotonic_increasing
    assert (table["n_dimensions"] >= 2).all()
    row = table.set_index("iso3").loc["JPN"]
    assert row["kogut_singh"] == pytest.approx(kogut_singh("DEU", "JPN"))
    assert len(table) == len(SCORES) - 1 - int(
        sum(
            1
            for c in SCORES.index
            if c != "DEU" and (SCORES.loc[c].notna() & SCORES.loc["DEU"].notna()).sum() < 2
        )
    )


def test_missing_dimensions_warn_and_say_which():
    partial = [c for c in SCORES.index if SCORES.loc[c, "pdi"] != SCORES.loc[c, "pdi"]]
    assert partial, "the data should have countries without the original four scores"
    code = partial[0]
    with pytest.warns(DimensionsDroppedWarning, match="pdi"):
        kogut_singh("DEU", code)
    detail = culture.kogut_singh_detail("DEU", code)
    assert "pdi" in detail.dropped and "pdi" not in detail.dimensions
    assert detail.contributions.sum() == pytest.approx(detail.index)


# ---- bad input -----------------------------------------------------------------------------


def test_unknown_country_names_it_and_suggests():
    with pytest.raises(ValueError, match=r"Germny.*Germany \(DEU\)"):
        kogut_singh("Germny", "JPN")


def test_country_without_scores_is_named():
    subset = culture.country_scores().drop(index="DEU").rename_axis("iso3").reset_index()
    with pytest.raises(ValueError, match=r"No country with Hofstede scores for Germany \(DEU\)"):
        kogut_singh("Germany", "JPN", scores=subset)


def test_fewer_than_two_shared_dimensions():
    frame = pd.DataFrame(
        {
            "iso3": ["FRA", "ITA", "ESP"],
            "pdi": [1, 2, 9],
            "idv": [1, None, 5],
            "mas": [None] * 3,
            "uai": [None] * 3,
            "lto": [None] * 3,
            "ivr": [None] * 3,
        }
    )
    with pytest.raises(ValueError, match="share only 1 scored dimension"):
        culture.kogut_singh_detail("FRA", "ITA", scores=frame)


@pytest.mark.parametrize(
    ("dimensions", "error", "message"),
    [
        (["pdi", "xyz"], ValueError, "Unknown dimension"),
        (["pdi"], ValueError, "at least 2"),
        (["pdi", "pdi"], ValueError, "twice"),
        ("pdi", TypeError, "must be a list"),
    ],
)
def test_bad_dimensions(dimensions, error, message):
    with pytest.raises(error, match=message):
        kogut_singh("DEU", "JPN", dimensions=dimensions)


@pytest.mark.parametrize("value", [None, 276, ["DEU"]])
def test_non_string_country_is_a_type_error(value):
    with pytest.raises(TypeError, match="country name or ISO 3166"):
        kogut_singh(value, "JPN")


def test_scores_of_the_wrong_shape():
    with pytest.raises(TypeError, match="DataFrame"):
        kogut_singh("DEU", "JPN", scores=[1, 2, 3])
    with pytest.raises(ValueError, match="lacks column"):
        kogut_singh("DEU", "JPN", scores=pd.DataFrame({"iso3": ["DEU"], "pdi": [1]}))
    dup = pd.DataFrame({"iso3": ["DEU", "DEU"], **{d: [1, 2] for d in DIMENSIONS}})
    with pytest.raises(ValueError, match="more than one row"):
        kogut_singh("DEU", "DEU", scores=dup)


@pytest.mark.parametrize(
    ("scores", "error", "message"),
    [
        ([1, 2, 3], TypeError, r"scores must be a pandas DataFrame, not list"),
        (pd.DataFrame({"iso3": ["DEU"], "pdi": [1]}), ValueError, r"lacks column\(s\) \['idv'"),
        (
            pd.DataFrame({"iso3": ["DEU", "DEU"], **{d: [1, 2] for d in DIMENSIONS}}),
            ValueError,
            r"The score table has more than one row for \['DEU'\]",
        ),
        (
            pd.DataFrame({"iso3": ["DEU", "JPN"], **{d: [1, "high"] for d in DIMENSIONS}}),
            ValueError,
            r"column 'pdi' must hold numbers \(or be empty\), but holds 'high' for 'JPN'",
        ),
    ],
)
def test_country_scores_rejects_a_wrong_table(scores, error, message):
    with pytest.raises(error, match=message):
        culture.country_scores(scores)


def test_variances_rejects_a_wrong_table():
    with pytest.raises(TypeError, match=r"scores must be a pandas DataFrame, not dict"):
        culture.variances({"pdi": [1, 2]})
    with pytest.raises(ValueError, match=r"The score table lacks column\(s\) \['lto', 'ivr'\]"):
        culture.variances(data.load("hofstede").drop(columns=["lto", "ivr"]))


@pytest.mark.parametrize(
    ("home", "kwargs", "error", "message"),
    [
        ("Germny", {}, ValueError, r"Unknown country 'Germny'\. Did you mean: Germany \(DEU\)"),
        (276, {}, TypeError, r"home must be a country name or ISO 3166 alpha-3 code"),
        ("DEU", {"dimensions": ["pdi"]}, ValueError, r"needs at least 2 dimensions"),
        ("DEU", {"dimensions": "pdi"}, TypeError, r"dimensions must be a list such as"),
        ("DEU", {"scores": "hofstede"}, TypeError, r"scores must be a pandas DataFrame, not str"),
    ],
)
def test_distance_table_rejects_bad_input(home, kwargs, error, message):
    with pytest.raises(error, match=message):
        culture.distance_table(home, **kwargs)


@pytest.mark.parametrize(
    ("home", "target", "kwargs", "error", "message"),
    [
        ("DEU", "Japn", {}, ValueError, r"Unknown country 'Japn'\. Did you mean: Japan \(JPN\)"),
        ("DEU", None, {}, TypeError, r"target must be a country name or ISO 3166"),
        ("DEU", "JPN", {"dimensions": ["pdi", "pdx"]}, ValueError, r"Unknown dimension\(s\)"),
        ("DEU", "JPN", {"scores": [1]}, TypeError, r"scores must be a pandas DataFrame, not list"),
    ],
)
def test_dominant_dimension_rejects_bad_input(home, target, kwargs, error, message):
    with pytest.raises(error, match=message):
        culture.dominant_dimension(home, target, **kwargs)


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        (0, ValueError, r"n must be a whole number of at least 1, not 0"),
        (-2, ValueError, r"n must be a whole number of at least 1, not -2"),
        (2.5, TypeError, r"n must be a whole number.*, not float 2\.5"),
        ("3", TypeError, r"n must be a whole number.*, not str '3'"),
        (True, TypeError, r"n must be a whole number.*, not bool True"),
    ],
)
def test_nearest_rejects_a_bad_count(n, error, message):
    with pytest.raises(error, match=message):
        culture.nearest("DEU", n)


def test_nearest_rejects_a_bad_home_or_dimensions():
    with pytest.raises(ValueError, match=r"Unknown country 'Atlantis'"):
        culture.nearest("Atlantis")
    with pytest.raises(ValueError, match=r"dimensions lists a dimension twice"):
        culture.nearest("DEU", dimensions=["pdi", "pdi"])


def test_kogut_singh_detail_record_rejects_impossible_parts():
    good = culture.kogut_singh_detail("DEU", "JPN")
    parts = {f: getattr(good, f) for f in good.__dataclass_fields__}
    with pytest.raises(ValueError, match=r"index must be at least 0, not -1"):
        culture.KogutSinghDetail(**{**parts, "index": -1.0})
    with pytest.raises(ValueError, match=r"index must be a finite number of at least 0, not nan"):
        culture.KogutSinghDetail(**{**parts, "index": float("nan")})
    with pytest.raises(TypeError, match=r"KogutSinghDetail index must be a number, not str"):
        culture.KogutSinghDetail(**{**parts, "index": "1.2"})
    with pytest.raises(TypeError, match=r"KogutSinghDetail home must be an ISO3 code"):
        culture.KogutSinghDetail(**{**parts, "home": None})
    with pytest.raises(TypeError, match=r"gaps must be a pandas Series indexed by dimension"):
        culture.KogutSinghDetail(**{**parts, "gaps": {"pdi": 1.0}})


@given(st.sampled_from(sorted(culture.country_scores().dropna().index)), st.integers(1, 8))
@settings(max_examples=25, deadline=None)
def test_nearest_is_a_prefix_of_a_longer_list_and_never_home(home, n):
    shorter = culture.nearest(home, n)
    longer = culture.nearest(home, n + 3)
    assert longer[: len(shorter)] == shorter and home not in longer


# ---- the widget ----------------------------------------------------------------------------


def test_widget_builds_with_controls_and_draws():
    from coursekit.widgets.culture import culture_explorer

    box = culture_explorer(home="DEU", targets=("JPN",))
    assert set(box.controls) == {"home", "targets", "dimensions"}
    assert box.figure.axes, "the chart is drawn at construction"
    (shown,) = box.outputs["chart"].outputs
    assert 'alt="Grouped bars' in shown["data"]["text/html"]
    assert "Japan" in box.outputs["table"].outputs[0]["data"]["text/html"]


def test_widget_update_follows_the_controls():
    from coursekit.widgets.culture import culture_explorer, distance_summary

    box = culture_explorer(home="DEU", targets=("JPN",))
    box.controls["targets"].value = ("USA", "BRA")
    box.update()  # call the handler directly: ipywidgets swallows errors in observers
    labels = [t.get_text() for t in box.figure.axes[0].get_legend().get_texts()]
    assert any("Brazil" in t for t in labels) and not any("Japan" in t for t in labels)
    summary = distance_summary("DEU", ["USA"], culture.country_scores(), DIMENSIONS)
    assert summary.loc[0, "Kogut–Singh index"] == pytest.approx(kogut_singh("DEU", "USA"), abs=0.01)


def test_widget_says_when_only_home_is_chosen():
    from coursekit.widgets.culture import culture_explorer

    box = culture_explorer(home="DEU", targets=("JPN",))
    box.controls["targets"].value = ("DEU",)
    box.update()
    assert "at least one country" in box.outputs["message"].value


def test_widget_bad_arguments():
    from coursekit.widgets.culture import culture_explorer

    with pytest.raises(ValueError, match="between 1 and 4"):
        culture_explorer(targets=("JPN", "USA", "BRA", "FRA", "ITA"))
    with pytest.raises(ValueError, match="Atlantis"):
        culture_explorer(home="Atlantis")


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


def test_draw_profiles_names_the_bad_argument():
    from matplotlib.figure import Figure

    from coursekit.widgets.culture import draw_profiles

    fig = Figure()
    scores = culture.country_scores(None)
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_profiles(None, "DEU", ["JPN"], scores)
    with pytest.raises(TypeError, match=r"scores must be the DataFrame returned by culture"):
        draw_profiles(fig, "DEU", ["JPN"], {"DEU": 1})
    with pytest.raises(ValueError, match=r"scores lacks the column\(s\) 'pdi'"):
        draw_profiles(fig, "DEU", ["JPN"], pd.DataFrame({"x": [1]}, index=["DEU"]))
    with pytest.raises(ValueError, match="Unknown country 'Germny'.*Germany"):
        draw_profiles(fig, "Germny", ["JPN"], scores)
    with pytest.raises(TypeError, match="targets must be a list of countries"):
        draw_profiles(fig, "DEU", 5, scores)


def test_draw_profiles_takes_one_target_as_a_string_and_names_resolved():
    from matplotlib.figure import Figure

    from coursekit.widgets.culture import draw_profiles

    fig = Figure()
    scores = culture.country_scores(None)
    draw_profiles(fig, "Germany", "JPN", scores)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["Germany (home)", "Japan"]


def test_culture_explorer_bad_countries_and_dimensions():
    from coursekit.widgets.culture import culture_explorer

    with no_widget_built(), pytest.raises(ValueError, match="Unknown country 'Germny'"):
        culture_explorer(home="Germny")
    with no_widget_built(), pytest.raises(TypeError, match="a country is given as a name"):
        culture_explorer(home=5)
    with no_widget_built(), pytest.raises(ValueError, match="between 1 and 4 target countries"):
        culture_explorer(targets=["JPN", "USA", "FRA", "ITA", "ESP"])
    with no_widget_built(), pytest.raises(TypeError, match="targets must be a list of countries"):
        culture_explorer(targets=None)
    with no_widget_built(), pytest.raises(ValueError, match="unknown dimension 'pdx'.*'pdi'"):
        culture_explorer(dimensions=["pdx", "idv"])
    with no_widget_built(), pytest.raises(ValueError, match="dimensions must name at least one"):
        culture_explorer(dimensions=[])
    with no_widget_built(), pytest.raises(TypeError, match="scores must be a pandas DataFrame"):
        culture_explorer({"DEU": 1})


def test_culture_explorer_takes_one_target_as_a_string():
    from coursekit.widgets.culture import culture_explorer

    box = culture_explorer(targets="JPN")
    assert box.controls["targets"].value == ("JPN",)


def test_kogut_singh_scores_agrees_with_kogut_singh_on_real_countries():
    scores, var = culture.country_scores(), culture.variances()
    for home, target in [("DEU", "JPN"), ("USA", "BRA"), ("SWE", "CHN")]:
        got = culture.kogut_singh_scores(scores.loc[home], scores.loc[target], var)
        assert got == pytest.approx(culture.kogut_singh(home, target))
    # by hand: (10**2 / 100 + 0) / 2
    assert culture.kogut_singh_scores(
        {"pdi": 10, "idv": 50}, {"pdi": 20, "idv": 50, "mas": 3}, {"pdi": 100, "idv": 4}
    ) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("DEU", {"pdi": 1, "idv": 2}, {"pdi": 1, "idv": 1}), TypeError, "home must be a dict"),
        (({"pdi": 1}, {"pdi": 2}, {"pdi": 1}), ValueError, "share only 1 dimension"),
        (({"xyz": 1}, {"pdi": 2}, {"pdi": 1}), ValueError, "unknown dimension"),
        (
            ({"pdi": "high", "idv": 1}, {"pdi": 2, "idv": 1}, {"pdi": 1, "idv": 1}),
            TypeError,
            "must be a number",
        ),
        (
            ({"pdi": 1, "idv": 1}, {"pdi": 2, "idv": 1}, {"pdi": 0, "idv": 1}),
            ValueError,
            "must be above 0",
        ),
    ],
)
def test_kogut_singh_scores_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        culture.kogut_singh_scores(*args)


def test_the_package_function_does_not_pass_the_implement_the_index_check():
    # the ch10 task gives score profiles, not country names: calling kogut_singh must fail
    from coursekit import checks

    assert not checks.check("ch10.my_kogut_singh", culture.kogut_singh).passed
    assert checks.check("ch10.my_kogut_singh", culture.kogut_singh_scores).passed


# ---- the Mahalanobis alternative ------------------------------------------------------------


def test_mahalanobis_matches_an_independent_computation():
    scores = culture.country_scores(data.load("hofstede"))
    complete = scores.dropna()
    cov_inv = np.linalg.inv(np.cov(complete.to_numpy(float).T))
    home = complete.loc["DEU"].to_numpy(float)
    table = culture.mahalanobis_table("DEU").set_index("iso3")
    for code in ["JPN", "DNK", "USA", "BRA"]:
        g = complete.loc[code].to_numpy(float) - home
        assert table.loc[code, "mahalanobis"] == pytest.approx(g @ cov_inv @ g / 6)
    assert "DEU" not in table.index and (table["mahalanobis"] >= 0).all()
    assert table["mahalanobis"].is_monotonic_increasing


def test_mahalanobis_ignores_the_units_of_a_dimension():
    # rescaling one dimension changes no Mahalanobis value (the covariance rescales with it)
    raw = culture.country_scores(data.load("hofstede"))
    stretched = raw.copy()
    stretched["mas"] = stretched["mas"] * 10
    a = culture.mahalanobis_table("DEU", raw).set_index("iso3")["mahalanobis"]
    b = culture.mahalanobis_table("DEU", stretched).set_index("iso3")["mahalanobis"]
    assert b.loc[a.index].to_numpy() == pytest.approx(a.to_numpy())


def test_mahalanobis_bad_input():
    # Costa Rica has no long-term orientation score: the message names it and what would work
    with pytest.raises(ValueError, match="lto"):
        culture.mahalanobis_table("CRI", dimensions=["pdi", "idv", "lto"])
    with pytest.raises(ValueError, match="Unknown dimension"):
        culture.mahalanobis_table("DEU", dimensions=["pdi", "xyz"])
    with pytest.raises(TypeError, match="home"):
        culture.mahalanobis_table(42)
