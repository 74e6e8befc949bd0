"""The shared argument checks of ``coursekit._validate``: each error names the argument, the
bad value and what is accepted."""

from __future__ import annotations

import pytest

from coursekit import _validate as v


def test_number_names_the_bounds_the_reason_and_the_value():
    assert v.number(0.5, "share", low=0, high=1) == 0.5
    with pytest.raises(ValueError, match=r"share must be between 0 and 1 \(a share\), not 1.5"):
        v.number(1.5, "share", low=0, high=1, why="a share")
    with pytest.raises(ValueError, match=r"x must be between 0 \(exclusive\) and 1, not 0"):
        v.number(0, "x", low=0, high=1, low_open=True)
    with pytest.raises(ValueError, match=r"x must be at least 0 and below 1, not 1"):
        v.number(1, "x", low=0, high=1, high_open=True)
    with pytest.raises(ValueError, match="x must be less than 2, not 2"):
        v.number(2, "x", high=2, high_open=True)
    with pytest.raises(TypeError, match="delta must be a number such as 0.1, not str 'a'"):
        v.number("a", "delta", example="0.1")
    with pytest.raises(ValueError, match="delta must be a finite number such as 0.1, not nan"):
        v.number(float("nan"), "delta", example="0.1")


def test_whole_and_probability():
    assert v.whole(3.0, "n", low=1, high=8) == 3
    with pytest.raises(
        ValueError, match=r"n must be a whole number between 1 and 8 \(the areas\), not 9"
    ):
        v.whole(9, "n", low=1, high=8, why="the areas")
    with pytest.raises(TypeError, match="n must be a whole number such as 3, not bool True"):
        v.whole(True, "n", example="3")
    assert v.probability(1, "p") == 1.0
    with pytest.raises(ValueError, match=r"p must be between 0 and 1 \(a probability\), not 60"):
        v.probability(60, "p")


def test_suggest_and_choice():
    assert v.suggest("expot", ["export", "import"]) == " Did you mean 'export'?"
    assert v.suggest("zzz", ["export"]) == ""
    assert v.suggest(12, ["12a"], cutoff=0.5) == " Did you mean '12a'?"
    two = v.suggest("cat", ["cats", "cat1", "dog"], n=2)
    assert two.startswith(" Did you mean ") and " or " in two
    assert v.choice("a", "mode", ["a", "b"]) == "a"
    with pytest.raises(ValueError, match=r"unknown KPI 'sals'; choose one of 'sales'.*'sales'\?"):
        v.choice("sals", "kpi", ["sales"], what="KPI")
    with pytest.raises(TypeError, match="mode must be one of 'a', 'b', not int 3"):
        v.choice(3, "mode", ["a", "b"])


def test_keys_and_known_keys():
    assert v.keys("a", "which", ["a", "b"], example="['a']", what="key") == ["a"]
    with pytest.raises(ValueError, match=r"unknown key 'c' in which.*Choose from 'a', 'b'"):
        v.keys(["c"], "which", ["a", "b"], example="['a']", what="key")
    with pytest.raises(TypeError, match=r"which must hold keys \(text\)"):
        v.keys([1], "which", ["a"], example="['a']", what="key")
    assert v.known_keys({"alpha": 1}, "params", ["alpha", "beta"]) == {"alpha": 1}
    with pytest.raises(ValueError, match=r"unknown parameter 'alpa' in params.*'alpha'"):
        v.known_keys({"alpa": 1}, "params", ["alpha", "beta"], what="parameter")
    with pytest.raises(TypeError, match="params must be a dict"):
        v.known_keys([("alpha", 1)], "params", ["alpha"])
    with pytest.raises(ValueError, match="params must not be empty"):
        v.known_keys({}, "params", ["alpha"], allow_empty=False)
