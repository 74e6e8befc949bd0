"""Bad input to the widget modules: every exported builder and drawing function.

A builder given an unknown name, a wrong type, NaN or a number its sliders cannot show raises a
clear ``ValueError`` or ``TypeError`` (usually the model's own) before it builds any widget; a
``draw_*``/``plot_*`` function handed the wrong object (a dict for the model's result, a non-Figure
``fig``, a non-Axes ``ax``) raises a ``TypeError`` naming the argument and what to pass instead.
Also: each widget module's ``__all__`` names everything the book and the notebooks import from it.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ipywidgets.widgets import widget as _widget
from matplotlib.figure import Figure

from coursekit import (
    adaptation,
    culture,
    entry_modes,
    markets,
    networks,
    pathways,
    policy,
    sme,
    success,
    uppsala,
)
from coursekit.widgets.adaptation import (
    EXAMPLE_RATINGS,
    adaptation_matrix,
    draw_position,
)
from coursekit.widgets.barriers import barrier_explorer
from coursekit.widgets.culture import culture_explorer, draw_profiles
from coursekit.widgets.entry_modes import draw_mode_scores, entry_mode_advisor
from coursekit.widgets.markets import (
    contributions_alt,
    draw_contributions,
    market_screener,
    mean_contributions,
)
from coursekit.widgets.networks import draw_network, network_explorer
from coursekit.widgets.pathways import pathway_explorer, plot_timeline
from coursekit.widgets.policy import draw_package, support_designer
from coursekit.widgets.sme import draw_distribution, draw_intervals, export_explorer
from coursekit.widgets.success import (
    draw_literature_counts,
    draw_radar,
    draw_tornado,
    literature_explorer,
    marginal_calculator,
    readiness_radar,
)
from coursekit.widgets.theories import theory_matcher
from coursekit.widgets.timing import timing_explorer
from coursekit.widgets.uppsala import (
    candidate_markets,
    draw_stages,
    uppsala_explorer,
)

matplotlib.use("Agg")  # as MPLBACKEND=Agg: no window, whatever the environment says

ROOT = Path(__file__).resolve().parents[1]
NAN = float("nan")
FIG_WANTED = r"fig must be a matplotlib Figure, e\.g\. fig = plt\.figure"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def fig() -> Figure:
    return Figure()


@contextlib.contextmanager
def no_widget_built() -> Iterator[None]:
    """Fails the test if the block creates an ipywidget (the error must come first)."""
    before = set(_widget._instances)
    try:
        yield
    finally:
        built = set(_widget._instances) - before
        assert not built, f"{len(built)} widget(s) were built before the error"


# ---------------------------------------------------------------------------------------------
# __all__: the public API of each widget module


WIDGET_MODULES = (
    "adaptation",
    "barriers",
    "culture",
    "entry_modes",
    "markets",
    "networks",
    "pathways",
    "policy",
    "sme",
    "success",
    "theories",
    "timing",
    "uppsala",
)
IMPORT = re.compile(r"from coursekit\.widgets\.(\w+) import (\([^)]*\)|[\w, ]+)")


def _imports_in_course_material() -> dict[str, set[str]]:
    """Widget module -> the names the book pages and notebooks import from it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").glob("*.md"))]
    for folder in ("solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    found: dict[str, set[str]] = {}
    for text in texts:
        for module, names in IMPORT.findall(text):
            cleaned = names.replace("(", " ").replace(")", " ").replace("\n", " ")
            found.setdefault(module, set()).update(
                n.strip() for n in cleaned.split(",") if n.strip()
            )
    return found


def test_the_book_and_notebooks_import_only_exported_names():
    imported = _imports_in_course_material()
    assert imported, "no widget imports found in the book: the pattern is out of date"
    for module, names in imported.items():
        if module.startswith("_"):
            continue
        exported = set(importlib.import_module(f"coursekit.widgets.{module}").__all__)
        assert names <= exported, f"coursekit.widgets.{module} does not export {names - exported}"


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_all_lists_defined_names_and_every_builder(module):
    # (Whether helpers are exported no longer matters: bad input is measured by branch coverage
    # and tests/test_fuzz.py, not by counting the functions in __all__.)
    mod = importlib.import_module(f"coursekit.widgets.{module}")
    assert all(hasattr(mod, name) for name in mod.__all__)
    builders = [
        n for n, f in vars(mod).items() if callable(f) and n.endswith(("_explorer", "_matrix"))
    ]
    assert set(builders) <= set(mod.__all__)


def test_the_alt_text_and_html_helpers_stay_importable():
    from coursekit.widgets.policy import package_alt, package_html
    from coursekit.widgets.success import radar_alt, weakest_html

    ready = success.readiness(dict.fromkeys(success.AREAS, 3))
    assert radar_alt(ready).startswith("Radar chart")
    assert "Mean score" in weakest_html(ready)
    package = policy.design_package("experimental", ["finance"], 6)
    assert "finance" in package_alt(package, ["finance"])
    assert package_html(package).startswith("<div>")


# ---------------------------------------------------------------------------------------------
# Drawing functions: the wrong object for fig/ax or for the model's result


def test_draw_position_rejects_a_dict_and_a_non_figure(fig):
    result = adaptation.decide(EXAMPLE_RATINGS)
    with pytest.raises(TypeError, match="result must be the AdaptationResult returned by"):
        draw_position(fig, {"position": 0.1})
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_position("fig", result)


def test_draw_profiles_names_the_bad_argument(fig):
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


def test_draw_profiles_takes_one_target_as_a_string_and_names_resolved(fig):
    scores = culture.country_scores(None)
    draw_profiles(fig, "Germany", "JPN", scores)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["Germany (home)", "Japan"]


def test_draw_mode_scores_wants_the_table_of_score(fig):
    table = entry_modes.score(entry_modes.FirmMarketProfile())
    with pytest.raises(TypeError, match=r"table must be the DataFrame returned by entry_modes"):
        draw_mode_scores(fig, table.to_dict())
    with pytest.raises(ValueError, match=r"table lacks the column\(s\) 'family'"):
        draw_mode_scores(fig, table.drop(columns="family"))
    with pytest.raises(ValueError, match=r"table is empty: pass the DataFrame returned by"):
        draw_mode_scores(fig, table.iloc[0:0])
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_mode_scores(plt.gca(), table)


@pytest.fixture(scope="module")
def screened() -> pd.DataFrame:
    return markets.screen("DEU", markets.DEFAULT_WEIGHTS)


def test_draw_contributions_wants_the_result_of_screen(fig, screened):
    with pytest.raises(TypeError, match=r"result must be the DataFrame returned by markets\.scr"):
        draw_contributions(fig, {"rank": [1]})
    with pytest.raises(ValueError, match=r"result lacks the column\(s\) 'rank'"):
        draw_contributions(fig, screened.drop(columns="rank"))
    with pytest.raises(ValueError, match="n must be a whole number of at least 1, not 0"):
        draw_contributions(fig, screened, n=0)
    with pytest.raises(TypeError, match="n must be a whole number, not str"):
        draw_contributions(fig, screened, n="15")
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_contributions(None, screened)


def test_draw_network_names_the_bad_argument(fig):
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


@pytest.fixture(scope="module")
def nordlys() -> tuple[int, dict[int, float], pathways.PathwayResult]:
    profile = pathways.CASE_PROFILES["Nordlys Analytics"]
    year, shares = profile["founding_year"], profile["shares"]
    return year, shares, pathways.classify_pathway(year, shares)


def test_plot_timeline_wants_an_axes_and_a_pathway_result(nordlys):
    year, shares, result = nordlys
    _, ax = plt.subplots()
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes, e\.g\. fig, ax = plt"):
        plot_timeline(plt.figure(), year, shares, result)
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
        ({"share_threshold": 0}, ValueError, "share_threshold must be .*0 \(exclusive\).*, not 0"),
        ({"share_threshold": 1.5}, ValueError, "share_threshold must be .* 1, not 1.5"),
        ({"window_years": -1}, ValueError, "window_years must be .*at least 0, not -1"),
        ({"window_years": 2.5}, ValueError, "window_years must be a whole number, not 2.5"),
        ({"domestic_ceiling": "10%"}, TypeError, "domestic_ceiling must be a number, not str"),
        ({"title": 3}, TypeError, "title must be text"),
        ({"legend": "no"}, TypeError, "legend must be True or False, not str"),
    ],
)
def test_plot_timeline_checks_its_settings(nordlys, settings, error, words):
    year, shares, result = nordlys
    _, ax = plt.subplots()
    with pytest.raises(error, match=words):
        plot_timeline(ax, year, shares, result, **settings)


def test_draw_package_wants_the_package_and_barrier_keys(fig):
    package = policy.design_package("experimental", ["information", "finance"], 6)
    chosen = ["information", "finance"]
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_package(None, package, chosen)
    with pytest.raises(TypeError, match=r"package must be the DataFrame returned by policy\.des"):
        draw_package(fig, {"measure": []}, chosen)
    with pytest.raises(ValueError, match=r"package lacks the column\(s\) 'addresses'"):
        draw_package(fig, package.drop(columns="addresses"), chosen)
    with pytest.raises(ValueError, match="unknown barrier key 'financ' in barriers.*'finance'"):
        draw_package(fig, package, ["information", "financ"])
    with pytest.raises(TypeError, match=r"barriers must be a list of barrier keys such as \["):
        draw_package(fig, package, 5)
    with pytest.raises(TypeError, match="barriers must hold barrier keys \\(text\\)"):
        draw_package(fig, package, [1, 2])


def test_draw_package_takes_one_barrier_as_a_string(fig):
    package = policy.design_package("experimental", ["finance"], 6)
    draw_package(fig, package, "finance")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["finance"]


def test_draw_distribution_names_the_bad_argument(fig):
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


def test_draw_intervals_names_the_bad_argument(fig):
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


@pytest.fixture(scope="module")
def sens() -> pd.DataFrame:
    firm = success.EXAMPLE_FIRM
    return success.sensitivity(firm["benefits"], firm["impediments"], 0.1)


def test_draw_tornado_wants_the_table_of_sensitivity(fig, sens):
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_tornado(None, sens)
    with pytest.raises(TypeError, match=r"sens must be the DataFrame returned by success\.sens"):
        draw_tornado(fig, {"kpi": ["sales"]})
    with pytest.raises(ValueError, match=r"sens lacks the column\(s\) 'net_at_p_low'"):
        draw_tornado(fig, sens.drop(columns="net_at_p_low"))
    with pytest.raises(ValueError, match="sens is empty: pass the DataFrame returned by"):
        draw_tornado(fig, sens.iloc[0:0])
    with pytest.raises(TypeError, match="unit must be text .a str such as 'thousand US\\$'."):
        draw_tornado(fig, sens, unit=1000)


def test_draw_radar_wants_a_readiness_result(fig):
    ready = success.readiness(dict.fromkeys(success.AREAS, 3))
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_radar(None, ready)
    with pytest.raises(TypeError, match=r"result must be the ReadinessResult of success\.readi"):
        draw_radar(fig, dict.fromkeys(success.AREAS, 3))


def test_draw_literature_counts_wants_the_summaries(fig):
    table = success.filter_literature(None)
    by_group = success.literature_summary(table, by="group")
    by_year = success.literature_summary(table)
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_literature_counts(None, by_group, by_year)
    with pytest.raises(TypeError, match=r"by_group must be the DataFrame returned by success\."):
        draw_literature_counts(fig, {"group": []}, by_year)
    with pytest.raises(ValueError, match=r"by_year lacks the column\(s\) 'year'"):
        draw_literature_counts(fig, by_group, by_group)
    with pytest.raises(TypeError, match=r"groups must be a list of factor-group keys"):
        draw_literature_counts(fig, by_group, by_year, groups=3)
    with pytest.raises(TypeError, match=r"groups must hold factor-group keys \(text\)"):
        draw_literature_counts(fig, by_group, by_year, groups=[None])


def test_draw_literature_counts_accepts_empty_summaries(fig):
    table = success.filter_literature(None)
    by_group = success.literature_summary(table, by="group").iloc[0:0]
    by_year = success.literature_summary(table).iloc[0:0]
    draw_literature_counts(fig, by_group, by_year, groups=[])
    assert len(fig.axes) == 2


@pytest.fixture(scope="module")
def simulated() -> pd.DataFrame:
    return uppsala.simulate(pd.Series({"NOR": 0.1, "JPN": 1.0}), periods=4)


def test_draw_stages_wants_the_result_of_simulate(fig, simulated):
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


# ---------------------------------------------------------------------------------------------
# Builders: the error comes before any widget is built


def test_adaptation_matrix_bad_ratings():
    with no_widget_built(), pytest.raises(TypeError, match="ratings must be a dict"):
        adaptation_matrix([("regulation", 3)])
    with no_widget_built(), pytest.raises(ValueError, match=r"Unknown factor.*'regulaton'"):
        adaptation_matrix({"regulaton": 3})
    with no_widget_built(), pytest.raises(ValueError, match="'regulation' must be .*between 1"):
        adaptation_matrix({**EXAMPLE_RATINGS, "regulation": NAN})
    with no_widget_built(), pytest.raises(ValueError, match="'regulation' must be .*between 1"):
        adaptation_matrix({**EXAMPLE_RATINGS, "regulation": 7})
    with no_widget_built(), pytest.raises(ValueError, match="whole number from 1 to 5 for the"):
        adaptation_matrix({**EXAMPLE_RATINGS, "regulation": 2.5})


def test_barrier_explorer_bad_choices():
    with no_widget_built(), pytest.raises(ValueError, match="Unknown barrier 'curency'"):
        barrier_explorer(["curency"])
    with no_widget_built(), pytest.raises(TypeError, match="chosen must be a list of barrier ids"):
        barrier_explorer(5)
    with no_widget_built(), pytest.raises(TypeError, match="by its id .a string., not int"):
        barrier_explorer([1])


def test_barrier_explorer_takes_one_barrier_as_a_string():
    box = barrier_explorer("currency")
    assert box.controls["barriers"].value == ("currency",)


def test_culture_explorer_bad_countries_and_dimensions():
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
    box = culture_explorer(targets="JPN")
    assert box.controls["targets"].value == ("JPN",)


def test_entry_mode_advisor_bad_profile():
    with no_widget_built(), pytest.raises(TypeError, match="FirmMarketProfile or a dict"):
        entry_mode_advisor([3, 3])
    with no_widget_built(), pytest.raises(ValueError, match=r"Unknown profile input.*'resourcs'"):
        entry_mode_advisor({"resourcs": 3})
    with no_widget_built(), pytest.raises(ValueError, match="resources must be .*between 1"):
        entry_mode_advisor({"resources": NAN})
    with no_widget_built(), pytest.raises(ValueError, match="resources must be .*between 1"):
        entry_mode_advisor({"resources": 9})
    with no_widget_built(), pytest.raises(TypeError, match="resources must be a number"):
        entry_mode_advisor({"resources": "high"})


def test_market_screener_bad_home_and_weights():
    with no_widget_built(), pytest.raises(ValueError, match="Unknown country 'Germny'"):
        market_screener(home="Germny")
    with no_widget_built(), pytest.raises(TypeError, match="weights must be a dict"):
        market_screener(weights=[("growth", 1)])
    with no_widget_built(), pytest.raises(ValueError, match=r"Unknown criterion.*'growht'"):
        market_screener(weights={"growht": 1})
    with no_widget_built(), pytest.raises(ValueError, match="growth"):
        market_screener(weights={"growth": NAN})
    with no_widget_built(), pytest.raises(ValueError, match="sliders run from 0 to 1.*growth=3"):
        market_screener(weights={"growth": 3, "wealth": 1})
    with no_widget_built(), pytest.raises(TypeError, match="data must be a MarketData"):
        market_screener({"DEU": 1})


def test_network_explorer_bad_firm_and_steps():
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
    with no_widget_built(), pytest.raises(error, match=words):
        pathway_explorer(**settings)


def test_support_designer_bad_stage_barriers_and_budget():
    with no_widget_built(), pytest.raises(ValueError, match="Unknown stage 'experimentl'"):
        support_designer(stage="experimentl")
    with no_widget_built(), pytest.raises(ValueError, match="Unknown barrier 'financ'"):
        support_designer(barriers=["financ"])
    with no_widget_built(), pytest.raises(ValueError, match="budget_points must be .*at least 1"):
        support_designer(budget_points=0)
    with no_widget_built(), pytest.raises(ValueError, match="budget_points must be a whole"):
        support_designer(budget_points=NAN)
    with no_widget_built(), pytest.raises(ValueError, match=r"between 1 and 15 \(the budget sli"):
        support_designer(budget_points=20)


def test_export_explorer_bad_group_and_highlight():
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


def test_marginal_calculator_bad_items_delta_and_unit():
    one = [{"kpi": "sales", "value": 100, "probability": 0.5}]
    two = [{"kpi": "costs", "value": 50, "probability": 0.5}]
    with no_widget_built(), pytest.raises(ValueError, match="give both benefits and impediments"):
        marginal_calculator(benefits=one)
    with no_widget_built(), pytest.raises(TypeError, match="benefits must be a DataFrame"):
        marginal_calculator({"sales": 100}, two)
    with no_widget_built(), pytest.raises(ValueError, match="probability is missing"):
        marginal_calculator([{**one[0], "probability": NAN}], two)
    with no_widget_built(), pytest.raises(ValueError, match="delta must be a finite number"):
        marginal_calculator(delta=NAN)
    with no_widget_built(), pytest.raises(ValueError, match=r"delta must be between 0\.05 and 0"):
        marginal_calculator(delta=0.9)
    with no_widget_built(), pytest.raises(TypeError, match="delta must be a number, not str"):
        marginal_calculator(delta="0.1")
    with no_widget_built(), pytest.raises(TypeError, match="unit must be text"):
        marginal_calculator(unit=1000)


def test_readiness_radar_bad_scores():
    with no_widget_built(), pytest.raises(TypeError, match="scores must be a dict"):
        readiness_radar([3] * 8)
    with no_widget_built(), pytest.raises(ValueError, match="Unknown area.*'inovation'"):
        readiness_radar({"inovation": 3})
    nan_score = "building must be .*between 1 and 5.*, not nan"
    with no_widget_built(), pytest.raises(ValueError, match=nan_score):
        readiness_radar(dict.fromkeys(success.AREAS, NAN))
    with no_widget_built(), pytest.raises(ValueError, match="must be .*between 1 and 5, not 9"):
        readiness_radar(dict.fromkeys(success.AREAS, 9))
    with no_widget_built(), pytest.raises(ValueError, match="whole number from 1 to 5 for the"):
        readiness_radar(dict.fromkeys(success.AREAS, 2.5))
    with no_widget_built(), pytest.raises(ValueError, match="n_weakest must be .*8, not 99"):
        readiness_radar(n_weakest=99)
    with no_widget_built(), pytest.raises(ValueError, match="n_weakest must be .*1.*, not 0"):
        readiness_radar(n_weakest=0)


def test_literature_explorer_bad_table():
    with no_widget_built(), pytest.raises(TypeError, match="literature must be a DataFrame"):
        literature_explorer({"group": ["theory"]})
    with no_widget_built(), pytest.raises(ValueError, match="lacks the column"):
        literature_explorer(pd.DataFrame({"title": ["x"]}))


def test_theory_matcher_bad_case_and_theory():
    with no_widget_built(), pytest.raises(ValueError, match="Unknown case 'nope'"):
        theory_matcher(case_id="nope")
    with no_widget_built(), pytest.raises(TypeError, match="case_id must be a string"):
        theory_matcher(case_id=3)
    with no_widget_built(), pytest.raises(ValueError, match="Unknown theory 'upsala'"):
        theory_matcher(theory="upsala")
    with no_widget_built(), pytest.raises(TypeError, match="theory must be one of the ids"):
        theory_matcher(theory=3)


def test_timing_explorer_bad_parameters():
    with no_widget_built(), pytest.raises(TypeError, match="unknown parameter.*'speed'"):
        timing_explorer(speed=3)
    with no_widget_built(), pytest.raises(ValueError, match="learning_effect must be a finite"):
        timing_explorer(learning_effect=NAN)
    with no_widget_built(), pytest.raises(ValueError, match="learning_effect must be between 0"):
        timing_explorer(learning_effect=5)
    with no_widget_built(), pytest.raises(TypeError, match="window is a whole number of periods"):
        timing_explorer(window="3")


def test_uppsala_explorer_bad_home_targets_and_counts():
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
    box = uppsala_explorer("SWE", targets="NOR", periods=5)
    assert list(box.state["result"]["market"].unique()) == ["NOR"]


# ---------------------------------------------------------------------------------------------
# A law of the drawing (hypothesis): the score bars are the scores, and the criterion dots of a
# market add up to its score


@settings(max_examples=15, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(sorted(markets.DEFAULT_WEIGHTS)),
        st.floats(min_value=0.05, max_value=1.0),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=1, max_value=20),
)
def test_draw_contributions_dots_add_up_to_the_scores(weights, n):
    result = markets.screen("DEU", weights)
    fig = Figure()
    draw_contributions(fig, result, n=n)
    shown = result.head(n)["score"].to_numpy()
    active = [c for c in markets.CRITERION_NAMES if c in result.columns]
    score_ax, *panels = fig.axes
    assert len(panels) == len(active)  # one panel per weighted criterion, nothing else
    bars = sorted(score_ax.patches, key=lambda p: p.get_y())
    assert [p.get_width() for p in bars] == pytest.approx(list(shown), abs=1e-9)
    totals = np.zeros(len(shown))
    for ax, name in zip(panels, active, strict=True):
        (dots,) = ax.lines
        x, y = (np.asarray(v, dtype=float) for v in dots.get_data())
        assert list(y) == list(range(len(shown)))  # the same rows, best first, in every panel
        assert x == pytest.approx(result.head(n)[name].to_numpy(dtype=float), abs=1e-12)
        totals += x
    assert totals == pytest.approx(shown, abs=1e-9)


def test_contributions_alt_names_the_leader_and_the_largest_contributions():
    result = markets.screen("DEU", markets.DEFAULT_WEIGHTS)
    alt = contributions_alt(result)
    means = mean_contributions(result)
    assert result["name"].iloc[0] in alt
    assert markets.CRITERIA_BY_NAME[means.index[0]].label.split(" (")[0].lower() in alt
    assert means.is_monotonic_decreasing
    # a single criterion: its contribution is the whole score, and the text says so
    only = markets.screen("DEU", {"market_size": 1})
    assert "market size" in contributions_alt(only, n=3)
    with pytest.raises(ValueError, match="n"):
        mean_contributions(result, n=0)
