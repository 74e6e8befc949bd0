"""Which public coursekit functions have a test of their bad input?

A function counts as covered when some test calls it inside
``with pytest.raises(ValueError or TypeError, match=...)``: the error type is checked
and so is its message, which is what "a clear error" means in this project. The scan reads
the tests' source (no test is run), resolving each call through the test module's imports,
so ``mk.screen(...)``, ``screen(...)`` and ``coursekit.markets.screen(...)`` all count.

Run ``python tests/bad_input_coverage.py`` for the table; ``benchmarks/run.py`` records it and
``tests/test_bad_input_coverage.py`` fails when a public function has no such test.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import pkgutil
import sys
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ERRORS = {"ValueError", "TypeError"}


@dataclass(frozen=True)
class Public:
    module: str
    name: str
    kind: str  # "function" or "class"
    takes_input: bool

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"


def _takes_input(obj: object) -> bool:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return True
    params = [p for p in sig.parameters.values() if p.name != "self"]
    return bool(params)


def public_callables() -> list[Public]:
    """Every public function and class defined in a public coursekit module."""
    import coursekit

    found: list[Public] = []
    for info in pkgutil.walk_packages(coursekit.__path__, "coursekit."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        for name, obj in vars(module).items():
            if name.startswith("_") or (exported is not None and name not in exported):
                continue
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if obj.__module__ != module.__name__:
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            found.append(
                Public(
                    module=module.__name__,
                    name=name,
                    kind="class" if inspect.isclass(obj) else "function",
                    takes_input=_takes_input(obj),
                )
            )
    return sorted(found, key=lambda p: p.qualname)


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> dotted path, from the module's imports (anywhere in the file)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _is_clear_raises(item: ast.withitem) -> bool:
    """``pytest.raises(<error>, match=...)`` where every error type is one of ``ERRORS`` or a
    variable (a parametrized error type: its values sit in the test's own table). Any other
    exception class, e.g. ``SystemExit`` or ``Exception``, does not count."""
    call = item.context_expr
    if not (isinstance(call, ast.Call) and _dotted(call.func) in ("pytest.raises", "raises")):
        return False
    if not any(k.arg == "match" for k in call.keywords) or not call.args:
        return False
    first = call.args[0]
    kinds = first.elts if isinstance(first, ast.Tuple) else [first]
    return all(
        _dotted(k) in ERRORS
        or (isinstance(k, ast.Name) and not isinstance(getattr(builtins, k.id, None), type))
        for k in kinds
    )


def calls_under_clear_raises(tree: ast.Module) -> set[str]:
    """Dotted names (resolved through the module's imports) of the functions called inside a
    ``with`` block of a clear ``pytest.raises``."""
    aliases = _aliases(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.With):
            continue
        if not any(_is_clear_raises(item) for item in node.items):
            continue
        for inner in ast.walk(ast.Module(body=node.body, type_ignores=[])):
            if isinstance(inner, ast.Call) and (dotted := _dotted(inner.func)):
                head, _, rest = dotted.partition(".")
                found.add(aliases.get(head, head) + (f".{rest}" if rest else ""))
    return found


def covered_names() -> dict[str, set[str]]:
    """Dotted name of each function called under a clear ``pytest.raises`` -> test files."""
    covered: dict[str, set[str]] = {}
    for path in sorted(TESTS.glob("test_*.py")):
        for name in calls_under_clear_raises(ast.parse(path.read_text(encoding="utf-8"))):
            covered.setdefault(name, set()).add(path.name)
    return covered


def coverage() -> tuple[list[Public], dict[str, set[str]]]:
    publics = public_callables()
    found = covered_names()
    by_name: dict[str, set[str]] = {}
    for p in publics:
        files = found.get(p.qualname, set())
        if not files:
            # a name re-exported by the package (``coursekit.data.load`` used as such)
            parent = p.module.rsplit(".", 1)[0]
            files = found.get(f"{parent}.{p.name}", set())
        by_name[p.qualname] = files
    return publics, by_name


def summary() -> dict[str, object]:
    publics, by_name = coverage()
    with_input = [p for p in publics if p.takes_input]
    missing = [p.qualname for p in with_input if not by_name[p.qualname]]
    return {
        "public": len(publics),
        "taking_input": len(with_input),
        "no_input": len(publics) - len(with_input),
        "with_bad_input_tests": len(with_input) - len(missing),
        "missing": missing,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(TESTS.parent / "src"))
    s = summary()
    print(
        f"{s['public']} public functions and classes; {s['taking_input']} take input; "
        f"{s['with_bad_input_tests']} of those have a bad-input test."
    )
    for name in s["missing"]:
        print("  missing:", name)
