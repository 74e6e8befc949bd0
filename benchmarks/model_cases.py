"""One representative call per model function that a widget makes, for benchmarks/run.py.

Data are loaded before timing (a widget loads them once, when it is built).
"""

from __future__ import annotations

from collections.abc import Callable

from coursekit import (
    adaptation,
    barriers,
    capstone,
    culture,
    entry_modes,
    markets,
    networks,
    pathways,
    sme,
    success,
    theories,
    timing,
    uppsala,
)
from coursekit.widgets.adaptation import EXAMPLE_RATINGS

# load and cache the data once, as a widget does when it is built
culture.country_scores()
markets.screen("DEU")
uppsala.psychic_distance("SWE")
sme.summary_by("region")
barriers.border_compliance_by_income()
NETWORK = networks.example_network()
READINESS = {k: 3 for k in success.AREAS}

CASES: dict[str, Callable[[], object]] = {
    "culture.kogut_singh": lambda: culture.kogut_singh("DEU", "JPN"),
    "culture.distance_table": lambda: culture.distance_table("DEU"),
    "culture.nearest": lambda: culture.nearest("SWE", 3),
    "markets.screen": lambda: markets.screen("DEU"),
    "markets.screen (new weights)": lambda: markets.screen(
        "DEU", {"market_size": 0.3, "distance": 0.1}
    ),
    "entry_modes.score": lambda: entry_modes.score(entry_modes.FirmMarketProfile(2, 2, 4, 4, 3, 4)),
    "uppsala.psychic_distance": lambda: uppsala.psychic_distance("SWE"),
    "uppsala.simulate": lambda: uppsala.simulate(
        uppsala.psychic_distance("SWE")["psychic_distance"]
    ),
    "uppsala.simulate (commitment budget)": lambda: uppsala.simulate(
        uppsala.psychic_distance("SWE")["psychic_distance"], commitment_budget=6
    ),
    "uppsala.simulate (setback)": lambda: uppsala.simulate(
        uppsala.psychic_distance("SWE")["psychic_distance"], setbacks={"FIN": 8}
    ),
    "uppsala.simulate (partner pull)": lambda: uppsala.simulate(
        uppsala.psychic_distance("SWE")["psychic_distance"], partner_pull={"USA": 3}
    ),
    "pathways.classify_cases": lambda: pathways.classify_cases(),
    "networks.best_new_partner": lambda: networks.best_new_partner(NETWORK, "Alvik Sensors", 2),
    "timing.compare": lambda: timing.compare(),
    "sme.summary_by": lambda: sme.summary_by("region"),
    "sme.classify_firm": lambda: sme.classify_firm(40, 12.0, 9.0),
    "theories.match_case": lambda: theories.match_case("microvalve", "network"),
    "success.readiness": lambda: success.readiness(READINESS),
    "barriers.remedies_for": lambda: barriers.remedies_for(["currency", "red_tape", "logistics"]),
    "adaptation.decide": lambda: adaptation.decide(EXAMPLE_RATINGS),
    "capstone.make_plan": lambda: capstone.make_plan(capstone.EXAMPLE_FIRM),
}
