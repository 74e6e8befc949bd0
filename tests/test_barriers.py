"""Barriers and remedies: a consistent catalogue, ranking and feedback, named bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from widget_support import no_widget_built

from coursekit import barriers
from coursekit.barriers import BARRIERS, REMEDIES

IDS = sorted(BARRIERS)


def test_catalogue_is_consistent():
    for bid, (label, side, _, rems, best) in BARRIERS.items():
        assert side in ("internal", "external"), bid
        assert rems and set(rems) <= set(REMEDIES), bid
        assert best in rems, bid
        assert label
    sides = barriers.barriers()["side"].value_counts()
    assert sides["internal"] >= 5 and sides["external"] >= 8
    assert set(barriers.remedies()["remedy"]) == set(REMEDIES)


def test_classify_by_id_or_label():
    assert barriers.classify("currency") == "external"
    assert barriers.classify("Fear of losing control") == "internal"


@given(st.lists(st.sampled_from(IDS), min_size=1, max_size=8))
def test_remedy_ranking_counts_distinct_barriers(chosen):
    table = barriers.remedies_for(chosen)
    distinct = set(chosen)
    for row in table.itertuples():
        addressed = set(row.addresses.split(", "))
        assert addressed <= distinct
        assert row.n_barriers == len(addressed)
        assert all(row.remedy in BARRIERS[b][3] for b in addressed)
    assert table["n_barriers"].is_monotonic_decreasing
    covered = {b for a in table["addresses"] for b in a.split(", ")}
    assert covered == distinct  # every barrier is addressed by some remedy


@given(st.lists(st.sampled_from(IDS), min_size=1, max_size=5), st.sampled_from(IDS))
def test_adding_a_barrier_never_lowers_a_remedys_count(chosen, extra):
    before = barriers.remedies_for(chosen).set_index("remedy")["n_barriers"]
    after = barriers.remedies_for([*chosen, extra]).set_index("remedy")["n_barriers"]
    for remedy, n in before.items():
        assert after[remedy] >= n


def test_matching_feedback_per_pair_without_revealing():
    fb = barriers.check_matching({"currency": "hedging", "red_tape": "innovation"})
    assert fb.set_index("barrier")["feedback"].to_dict() == {
        "currency": "right",
        "red_tape": "not yet",
    }
    assert set(fb.columns) == {"barrier", "remedy", "feedback"}


# ---- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("barrier", "error", "message"),
    [
        ("curency", ValueError, r"Unknown barrier 'curency'\. Did you mean 'currency'"),
        ("", ValueError, r"Unknown barrier ''\..*Valid ids: no_vision"),
        (3, TypeError, r"a barrier is named by its id \(a string\), not int"),
        (None, TypeError, r"a barrier is named by its id \(a string\), not NoneType"),
    ],
)
def test_classify_rejects_bad_barriers(barrier, error, message):
    with pytest.raises(error, match=message):
        barriers.classify(barrier)


@pytest.mark.parametrize(
    ("barrier", "error", "message"),
    [
        ("red tap", ValueError, r"Unknown barrier 'red tap'\. Did you mean 'red_tape'"),
        (["currency"], TypeError, r"a barrier is named by its id \(a string\), not list"),
    ],
)
def test_best_remedy_rejects_bad_barriers(barrier, error, message):
    with pytest.raises(error, match=message):
        barriers.best_remedy(barrier)


@pytest.mark.parametrize(
    ("ids", "error", "message"),
    [
        ([], ValueError, r"Give at least one barrier id, for example \['currency'"),
        (["nope"], ValueError, r"Unknown barrier 'nope'\..*Valid ids"),
        (7, TypeError, r"barrier_ids must be a list of barrier ids such as .* not int"),
        ({"currency": 1}, TypeError, r"barrier_ids must be a list of barrier ids .* not dict"),
        (["currency", 2], TypeError, r"a barrier is named by its id \(a string\), not int"),
    ],
)
def test_remedies_for_rejects_bad_ids(ids, error, message):
    with pytest.raises(error, match=message):
        barriers.remedies_for(ids)


@pytest.mark.parametrize(
    ("ids", "error", "message"),
    [
        ([], ValueError, r"Give at least one barrier id"),
        ("currancy", ValueError, r"Unknown barrier 'currancy'\. Did you mean 'currency'"),
        (None, TypeError, r"barrier_ids must be a list of barrier ids .* not NoneType"),
    ],
)
def test_best_remedies_rejects_bad_ids(ids, error, message):
    with pytest.raises(error, match=message):
        barriers.best_remedies(ids)


@pytest.mark.parametrize(
    ("ids", "error", "message"),
    [
        ((), ValueError, r"Give at least one barrier id"),
        (["logistic"], ValueError, r"Unknown barrier 'logistic'\. Did you mean 'logistics'"),
        (3.5, TypeError, r"barrier_ids must be a list of barrier ids .* not float"),
    ],
)
def test_top_remedy_rejects_bad_ids(ids, error, message):
    with pytest.raises(error, match=message):
        barriers.top_remedy(ids)


def test_single_id_is_accepted_as_a_list_of_one():
    assert barriers.best_remedies("currency") == {"currency": "hedging"}
    assert barriers.top_remedy("currency") == barriers.top_remedy(["currency"])


@pytest.mark.parametrize(
    ("answer", "error", "message"),
    [
        ({}, ValueError, r"answer is empty: give at least one barrier -> remedy pair"),
        ([("currency", "hedging")], TypeError, r"answer must be a dict of barrier -> remedy"),
        ({"currency": "hedge"}, ValueError, r"Unknown remedy 'hedge'\. Did you mean 'hedging'"),
        ({"curency": "hedging"}, ValueError, r"Unknown barrier 'curency'"),
        ({"currency": 1}, TypeError, r"a remedy is named by its id \(a string\), not int"),
    ],
)
def test_check_matching_rejects_bad_answers(answer, error, message):
    with pytest.raises(error, match=message):
        barriers.check_matching(answer)


def _trade_and_countries():
    from coursekit import data

    return data.load("trading_across_borders"), data.load("countries")


def test_border_compliance_rejects_bad_tables_and_editions():
    trade, countries = _trade_and_countries()
    with pytest.raises(ValueError, match=r"No Doing Business edition 1990; editions: 20"):
        barriers.border_compliance_by_income(db_year=1990)
    with pytest.raises(TypeError, match=r"db_year must be a whole number, not str '2018'"):
        barriers.border_compliance_by_income(db_year="2018")
    with pytest.raises(ValueError, match=r"db_year must be a whole number, not 2018\.5"):
        barriers.border_compliance_by_income(db_year=2018.5)
    with pytest.raises(ValueError, match=r"Edition 2010 has no border-compliance measures"):
        barriers.border_compliance_by_income(trade, countries, db_year=2010)
    with pytest.raises(TypeError, match=r"trade must be a pandas DataFrame, not list"):
        barriers.border_compliance_by_income(trade=[1, 2])
    with pytest.raises(ValueError, match=r"trade lacks the column\(s\) 'export_border_hours'"):
        barriers.border_compliance_by_income(trade=trade.drop(columns="export_border_hours"))
    with pytest.raises(ValueError, match=r"countries is empty: it needs at least one row"):
        barriers.border_compliance_by_income(countries=countries.head(0))
    with pytest.raises(ValueError, match=r"countries lacks the column\(s\) 'income_group'"):
        barriers.border_compliance_by_income(countries=countries[["iso3", "name"]])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"income_group": "Low"}, ValueError, r"income_group must be one of Low income, .* 'Low'"),
        ({"income_group": 1}, ValueError, r"income_group must be one of .* not 1"),
        (
            {"income_group": "High income", "measure": "hours"},
            ValueError,
            r"measure must be one of export_border_hours, .* not 'hours'",
        ),
        ({"income_group": "High income", "db_year": 1800}, ValueError, r"No Doing Business"),
    ],
)
def test_median_border_compliance_rejects_bad_choices(kwargs, error, message):
    with pytest.raises(error, match=message):
        barriers.median_border_compliance(**kwargs)


def test_widget_builds_and_updates():
    from coursekit.widgets.barriers import barrier_explorer

    box = barrier_explorer(chosen=("currency", "red_tape"))
    assert "0 internal and 2 external" in box.outputs["message"].value
    box.controls["barriers"].value = ("no_vision",)
    box.update()
    assert "1 internal and 0 external" in box.outputs["message"].value
    assert "Managerial learning" in box.outputs["remedies"].outputs[0]["data"]["text/html"]
    box.controls["barriers"].value = ()
    box.update()
    assert "at least one" in box.outputs["message"].value
    with pytest.raises(ValueError, match="Unknown barrier"):
        barrier_explorer(chosen=("nope",))


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


def test_barrier_explorer_bad_choices():
    from coursekit.widgets.barriers import barrier_explorer

    with no_widget_built(), pytest.raises(ValueError, match="Unknown barrier 'curency'"):
        barrier_explorer(["curency"])
    with no_widget_built(), pytest.raises(TypeError, match="chosen must be a list of barrier ids"):
        barrier_explorer(5)
    with no_widget_built(), pytest.raises(TypeError, match="by its id .a string., not int"):
        barrier_explorer([1])


def test_barrier_explorer_takes_one_barrier_as_a_string():
    from coursekit.widgets.barriers import barrier_explorer

    box = barrier_explorer("currency")
    assert box.controls["barriers"].value == ("currency",)


# --- Leonidou's taxonomy, the evidence table and prioritisation ------------------------------


def test_every_barrier_has_a_leonidou_subcategory():
    assert set(barriers.BARRIER_LEONIDOU) == set(BARRIERS)
    assert set(barriers.BARRIER_LEONIDOU.values()) <= set(barriers.LEONIDOU)
    sides = {side for side, _ in barriers.LEONIDOU.values()}
    assert sides == {"internal", "external"}
    table = barriers.taxonomy()
    # informational barriers are internal in Leonidou's scheme, and so in the catalogue
    info = table[table["leonidou"] == "informational"]
    assert not info.empty and (info["side"] == "internal").all()
    # the only side differences are the two the module documents
    assert set(table.loc[~table["same_side"], "barrier"]) == {"finance_external", "logistics"}


def test_evidence_rows_point_into_the_catalogue():
    ev = barriers.evidence()
    assert set(ev["barrier"]) <= set(BARRIERS)
    assert set(ev["leonidou"]) <= set(barriers.LEONIDOU)
    oecd = barriers.evidence("oecd2009")
    assert oecd["rank"].tolist() == list(range(1, len(oecd) + 1))
    assert barriers.evidence("leonidou2004")["rank"].isna().all()
    with pytest.raises(ValueError, match="source must be one of"):
        barriers.evidence("cullen2005")


@given(st.dictionaries(st.sampled_from(IDS), st.integers(min_value=1, max_value=5), min_size=1))
def test_prioritise_orders_by_severity_then_internal_first(ratings):
    table = barriers.prioritise(ratings)
    assert set(table["barrier"]) == set(ratings)
    assert table["severity"].is_monotonic_decreasing
    for sev, group in table.groupby("severity"):
        sides = group["side"].tolist()
        assert sides == sorted(sides, key=lambda s: s != "internal"), sev
    n = min(3, len(ratings))
    assert barriers.priority_order(ratings, n) == table["barrier"].head(n).tolist()


def test_prioritise_bad_input_names_what_was_wrong():
    with pytest.raises(TypeError, match="ratings must be a dict"):
        barriers.prioritise(["currency"])
    with pytest.raises(ValueError, match="ratings is empty"):
        barriers.prioritise({})
    with pytest.raises(ValueError, match="severity of currency"):
        barriers.prioritise({"currency": 7})
    with pytest.raises(ValueError, match="rated twice"):
        barriers.prioritise({"currency": 3, "Currency risk": 4})
    with pytest.raises(ValueError, match="Unknown barrier 'curency'"):
        barriers.prioritise({"curency": 3})


def test_the_exercise_case_changes_priorities_with_the_stage():
    """ch7 exercise tasks 6-7: the same firm's top barrier flips once it has exported."""
    before = {"market_knowledge": 5, "fear_of_control": 4, "poor_information": 4}
    later = {**dict.fromkeys(before, 2), "local_rivals": 5, "currency": 4}
    assert barriers.priority_order(before, 1) == ["market_knowledge"]
    assert barriers.priority_order(later, 1) == ["local_rivals"]
    # with equal severities, an internal barrier goes before an external one
    assert barriers.priority_order({"currency": 3, "fear_of_control": 3}, 1) == ["fear_of_control"]
