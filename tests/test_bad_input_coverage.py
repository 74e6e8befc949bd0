"""Every public coursekit function that takes input has a test of its bad input.

``tests/bad_input_coverage.py`` finds the public functions and classes and reads the tests for
calls made inside ``with pytest.raises(<error>, match=...)``. ``benchmarks/run.py`` records the
same count in BENCHMARKS.md.
"""

from __future__ import annotations

import ast
import textwrap

import bad_input_coverage as coverage


def test_every_public_function_has_a_bad_input_test() -> None:
    summary = coverage.summary()
    missing = [name for name in summary["missing"] if name in _functions()]
    assert not missing, (
        f"{len(missing)} public functions have no test calling them under "
        f"pytest.raises(..., match=...): {missing}"
    )


def test_every_public_class_taking_input_has_a_bad_input_test() -> None:
    summary = coverage.summary()
    classes = {p.qualname for p in coverage.public_callables() if p.kind == "class"}
    missing = [name for name in summary["missing"] if name in classes]
    assert not missing, f"public classes without a bad-input test: {missing}"


def _functions() -> set[str]:
    return {p.qualname for p in coverage.public_callables() if p.kind == "function"}


def test_scanner_finds_public_functions() -> None:
    names = {p.qualname for p in coverage.public_callables()}
    assert "coursekit.culture.kogut_singh" in names
    assert "coursekit.markets.screen" in names
    # private helpers and names imported from elsewhere are not public API of a module
    assert not any(n.rsplit(".", 1)[1].startswith("_") for n in names)
    assert "coursekit.markets.Mapping" not in names


def _calls_covered(source: str) -> set[str]:
    tree = ast.parse(textwrap.dedent(source))
    aliases = coverage._aliases(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(coverage._is_clear_raises(i) for i in node.items):
            for inner in ast.walk(ast.Module(body=node.body, type_ignores=[])):
                if isinstance(inner, ast.Call) and (dotted := coverage._dotted(inner.func)):
                    head, _, rest = dotted.partition(".")
                    found.add(aliases.get(head, head) + (f".{rest}" if rest else ""))
    return found


def test_scanner_counts_only_clear_errors() -> None:
    counted = _calls_covered(
        """
        import pytest
        from coursekit import markets as mk
        from coursekit.culture import kogut_singh

        def test_a():
            with pytest.raises(ValueError, match="weights"):
                mk.screen("BRA", {})
            with pytest.raises(TypeError, match="country"):
                kogut_singh(1, 2)
        """
    )
    assert counted == {"coursekit.markets.screen", "coursekit.culture.kogut_singh"}
    # without match= the message is not checked, so it does not count
    assert not _calls_covered(
        """
        import pytest
        from coursekit import markets
        def test_b():
            with pytest.raises(ValueError):
                markets.screen("BRA", {})
        """
    )
