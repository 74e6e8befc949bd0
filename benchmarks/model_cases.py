"""One representative call per model function that a widget makes, for benchmarks/run.py.

Data are loaded before timing (a widget loads them once, when it is built).
"""

from __future__ import annotations

from collections.abc import Callable

from coursekit import culture

culture.country_scores()  # load and cache the data once

CASES: dict[str, Callable[[], object]] = {
    "culture.kogut_singh": lambda: culture.kogut_singh("DEU", "JPN"),
    "culture.kogut_singh_detail": lambda: culture.kogut_singh_detail("USA", "BRA"),
    "culture.distance_table": lambda: culture.distance_table("DEU"),
    "culture.nearest": lambda: culture.nearest("SWE", 3),
}
