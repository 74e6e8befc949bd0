"""Barriers and remedies: a consistent catalogue, ranking and feedback, named bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: barriers.classify("curency"), ValueError, r"Did you mean 'currency'"),
        (lambda: barriers.classify(3), TypeError, "by its id"),
        (lambda: barriers.remedies_for([]), ValueError, "at least one barrier"),
        (lambda: barriers.remedies_for(["nope"]), ValueError, "Valid ids"),
        (lambda: barriers.check_matching({}), ValueError, "empty"),
        (lambda: barriers.check_matching([("currency", "hedging")]), TypeError, "dict"),
        (lambda: barriers.check_matching({"currency": "hedge"}), ValueError, "Unknown remedy"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


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
