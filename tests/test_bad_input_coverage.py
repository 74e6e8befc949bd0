"""Every public coursekit function that takes input has a test of its bad input.

``tests/bad_input_coverage.py`` finds the public functions and classes and reads the tests for
calls made inside ``with pytest.raises(<ValueError or TypeError>, match=...)``.
``benchmarks/run.py`` records the same count in BENCHMARKS.md.
"""

from __future__ import annotations

import ast
import textwrap

import bad_input_coverage as coverage


def _missing(kind: str) -> list[str]:
    publics, by_name = coverage.coverage()
    return [
        p.qualname for p in publics if p.kind == kind and p.takes_input and not by_name[p.qualname]
    ]


def test_every_public_function_has_a_bad_input_test() -> None:
    missing = _missing("function")
    assert not missing, (
        f"{len(missing)} public functions have no test calling them under "
        f"pytest.raises(ValueError or TypeError, match=...): {missing}"
    )


def test_every_public_class_taking_input_has_a_bad_input_test() -> None:
    missing = _missing("class")
    assert not missing, f"public classes without a bad-input test: {missing}"


def test_scanner_finds_public_functions() -> None:
    names = {p.qualname for p in coverage.public_callables()}
    assert "coursekit.culture.kogut_singh" in names
    assert "coursekit.markets.screen" in names
    # private helpers and names imported from elsewhere are not public API of a module
    assert not any(n.rsplit(".", 1)[1].startswith("_") for n in names)
    assert "coursekit.markets.Mapping" not in names


def _calls_covered(source: str) -> set[str]:
    return coverage.calls_under_clear_raises(ast.parse(textwrap.dedent(source)))


def test_scanner_counts_only_clear_errors() -> None:
    counted = _calls_covered(
        """
        import pytest
        from coursekit import markets as mk
        from coursekit.culture import kogut_singh

        def test_a(error):
            with pytest.raises(ValueError, match="weights"):
                mk.screen("BRA", {})
            with pytest.raises(TypeError, match="country"):
                kogut_singh(1, 2)
            with pytest.raises(error, match="year"):
                mk.market_data(year="x")
        """
    )
    assert counted == {
        "coursekit.markets.screen",
        "coursekit.culture.kogut_singh",
        "coursekit.markets.market_data",
    }
    # without match= the message is not checked; SystemExit or Exception is not a clear error
    assert not _calls_covered(
        """
        import pytest
        from coursekit import markets, cli
        def test_b():
            with pytest.raises(ValueError):
                markets.screen("BRA", {})
            with pytest.raises(SystemExit, match="2"):
                cli.main(["--bad"])
            with pytest.raises(Exception, match="x"):
                markets.screen(1, 2)
        """
    )
