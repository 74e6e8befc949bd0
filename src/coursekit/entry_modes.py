"""Chapter 11 model (book/ch11_entry_modes.md).

Entry modes: a table of their characteristics and a transparent advisor that scores them.

The course rates twelve ways of entering a foreign market on seven ordinal scales from 1 (low)
to 5 (high): the **control** the firm keeps, the **resource commitment** it makes, the **risk
exposure** it bears, the **speed** of entry, the **return potential**, the risk that its know-how
**disseminates** to others, and the **local knowledge** the mode brings in (through a partner, a
bought company or local staff). The ratings follow the qualitative orderings of the literature:
Anderson & Gatignon (1986) order modes from low control (licensing, exporting through
intermediaries) through shared control (joint ventures, contractual arrangements) to high control
(wholly owned subsidiaries); Root (1994) groups them into export, contractual and investment
modes, with commitment and risk rising in that order; Hill's textbook discussion of entry modes
adds the risk of losing technological know-how to licensees and partners, and the speed advantage
of acquisitions over greenfield plants. **The numbers themselves are the course's codification of
those orderings**, not measurements: two ratings one point apart say "noticeably more", no more.

:func:`score` compares every mode with a :class:`FirmMarketProfile` (the firm's resources, risk
appetite, wish for control and the tacitness of its know-how; the market's risk and distance,
each 1-5) and returns every mode's score split into named terms, with the reasons in words::

    score = return potential
            - 2.5 x max(0, commitment - resources)          the firm cannot afford the mode
            - 1.0 x max(0, risk exposure - risk appetite)   more risk than the firm accepts
            - 1.0 x max(0, wish for control - control)      less control than the firm wants
            - 1.0 x (tacitness - 1)/4 x (dissemination - 1) know-how leaks or will not transfer
            - 1.0 x (market risk - 1)/4 x (risk exposure - 1)  assets exposed in a risky market
            - 0.5 x (distance - 1)/4 x (5 - local knowledge)   a far market, no one who knows it
            - 0.5 x (learning value - 1)/4 x (5 - learning)    the firm learns little itself
            - 1.0 x (service intensity - 1)/4 x (5 - local service)  no one to serve on site
            + 0.25 x (speed - 3)                            a fast entry catches the opportunity

The weights are in :data:`TERM_WEIGHTS`. Higher is better; ties are broken by the mode's key.

**Where the terms and the weights come from.** Each term stands for a construct from the
literature, named per term in :data:`TERM_SOURCES`: control and resource commitment from Anderson
& Gatignon (1986); resource commitment, dissemination risk and country risk from Hill, Hwang &
Kim (1990); the firm's resources and the market's risk as internal and external factors in Root
(1994). **The weights, the (x - 1)/4 scalings and the 1-5 ratings are the course's own
judgement.** No published study estimates them; the literature gives the direction of each
effect, not its size. The resource weight is the largest because a firm cannot choose a mode it
cannot finance.

**The need for control, derived (opt-in).** ``control_wish`` is the firm's stated preference; in
transaction-cost theory the *need* for control is derived from the specificity of the firm's
assets and the tacitness of its know-how (Anderson & Gatignon 1986; Hill, Hwang & Kim 1990).
Give a profile an ``asset_specificity`` and the control term measures each mode against
:func:`control_need` (asset specificity, tacitness, market risk) instead of the wish; leave it
out (the default) and the advisor scores exactly as before.

**Local knowledge, split (opt-in).** The ``local_knowledge`` rating counts the knowledge of the
market the mode gives access to now (an intermediary's, a partner's, bought or local staff's);
the ``learning`` rating counts the knowledge the firm itself acquires by operating through the
mode (Johanson & Vahlne 1977). Indirect exporting, for example, gives access to an
intermediary who knows the market (local knowledge 3) but teaches the firm little (learning 1).
The learning term counts only when a profile gives a ``learning_value``; left out, it is zero.

**Service on site (opt-in).** ``service_intensity`` says how much of the offer is service that
must be delivered where the customer uses it; the ``local_service`` rating says how well a mode
can deliver it in the market. The service term (Erramilli & Rao 1993: services are produced and
consumed together) counts only when ``service_intensity`` is given.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd

from coursekit import _validate

__all__ = [
    "CHARACTERISTICS",
    "FAMILIES",
    "MODES",
    "PROFILE_FIELDS",
    "OPTIONAL_FIELDS",
    "CONTROL_NEED_WEIGHTS",
    "SHORT_LABELS",
    "TERMS",
    "TERM_WEIGHTS",
    "TERM_SOURCES",
    "FirmMarketProfile",
    "mode_table",
    "control_need",
    "score",
    "best_mode",
    "first_rank_threshold",
    "largest_penalty",
    "mode_score",
    "score_gap",
    "top_modes",
]

SCALE_MIN, SCALE_MAX = 1, 5

#: The characteristics every mode is rated on (1 = low, 5 = high), with their meaning.
CHARACTERISTICS: dict[str, str] = {
    "control": "control the firm keeps over marketing, operations and its know-how",
    "commitment": "resources (money, people, management time) committed to the market",
    "risk": "risk exposure: what the firm stands to lose if the market turns bad",
    "speed": "how quickly the mode gets the firm selling in the market",
    "return": "return potential: the share of the market's profit the firm can capture",
    "dissemination": "risk that know-how passes to a partner who may use or copy it",
    "local_knowledge": "knowledge of the market the mode brings (a partner, bought staff, locals)",
    "learning": "knowledge of the market the firm itself acquires by operating through the mode",
    "local_service": "capacity to serve customers on site in the market (installation, repair)",
}

#: Root's (1994) families of entry modes, plus online selling.
FAMILIES: dict[str, str] = {
    "export": "Export entry",
    "online": "Online entry",
    "contractual": "Contractual entry",
    "investment": "Investment entry",
}

_SOURCE_EXPORT = (
    "Root (1994) export modes; Anderson & Gatignon (1986): low control through independent "
    "intermediaries, more with the firm's own people or office"
)
_SOURCE_CONTRACT = (
    "Root (1994) contractual modes; Anderson & Gatignon (1986) low-to-shared control; Hill's "
    "risk of losing technological know-how to licensees and partners"
)
_SOURCE_INVEST = (
    "Root (1994) investment modes; Anderson & Gatignon (1986) shared or dominant control; Hill: "
    "acquisitions are quick, greenfield is slow; both carry the highest cost and risk"
)

# key, label, family, control, commitment, risk, speed, return, dissemination, local knowledge,
# learning, local service, note, source
# fmt: off
_ROWS: list[tuple[str, str, str, int, int, int, int, int, int, int, int, int, str, str]] = [
    (
        "indirect_export",
        "Indirect exporting (export merchant, agent or co-operative)",
        "export",
        1, 1, 1, 5, 1, 1, 3, 1, 1,
        "A home-based intermediary sells abroad: a merchant who buys the goods, an agent who "
        "sells on commission, or a co-operative acting for several producers.",
        _SOURCE_EXPORT,
    ),
    (
        "direct_export_agent",
        "Direct exporting through foreign agents or distributors",
        "export",
        2, 2, 2, 4, 3, 2, 4, 2, 3,
        "The firm sells to buyers abroad itself, through independent agents or distributors "
        "based in the market who know it and its customers.",
        _SOURCE_EXPORT,
    ),
    (
        "direct_export_reps",
        "Direct exporting with the firm's own (home-based) sales representatives",
        "export",
        3, 2, 2, 3, 3, 1, 1, 3, 2,
        "Employees based at home travel to the market to sell; no partner stands between the "
        "firm and its customers.",
        _SOURCE_EXPORT,
    ),
    (
        "sales_subsidiary",
        "Overseas sales office or sales subsidiary",
        "export",
        4, 3, 3, 3, 4, 1, 3, 4, 4,
        "The firm opens its own office or company in the market to sell, market and serve "
        "what it still produces at home.",
        _SOURCE_EXPORT,
    ),
    (
        "e_commerce",
        "Cross-border e-commerce (own web shop or online marketplace)",
        "online",
        2, 1, 1, 5, 2, 1, 1, 2, 1,
        "Customers abroad order online; the firm ships and serves them from home, possibly "
        "through a marketplace that sets some of the rules.",
        "Seeds on e-commerce (Hamill & Gregory 1997; Poon & Jevons 1997); course rating: low "
        "commitment, fast, control shared with platforms and carriers",
    ),
    (
        "licensing",
        "Licensing",
        "contractual",
        1, 1, 1, 4, 1, 5, 4, 1, 2,
        "A foreign firm obtains the right to use a patent, design, process or brand for a fee "
        "or royalty, and produces and sells itself.",
        _SOURCE_CONTRACT,
    ),
    (
        "franchising",
        "Franchising",
        "contractual",
        2, 2, 1, 4, 2, 4, 4, 2, 4,
        "Local franchisees run the business under the firm's brand and business system and "
        "pay fees; the franchisor trains and supports them.",
        _SOURCE_CONTRACT,
    ),
    (
        "subcontracting",
        "Subcontracting and technical co-operation",
        "contractual",
        2, 2, 2, 3, 2, 4, 2, 1, 1,
        "A foreign firm manufactures or assembles for the firm under contract, or the two "
        "co-operate on a technical task; specifications and methods must be shared.",
        _SOURCE_CONTRACT,
    ),
    (
        "strategic_alliance",
        "Strategic alliance or contractual joint venture",
        "contractual",
        3, 2, 2, 3, 3, 4, 4, 3, 3,
        "Independent partners pool distribution, products, technology or expertise by "
        "contract, sharing control without forming a jointly owned company.",
        _SOURCE_CONTRACT,
    ),
    (
        "equity_joint_venture",
        "Equity joint venture",
        "investment",
        3, 4, 4, 3, 4, 4, 5, 4, 4,
        "The firm and a local partner own a new company together, sharing its costs, risks, "
        "profits and decisions.",
        _SOURCE_INVEST,
    ),
    (
        "acquisition",
        "Foreign direct investment: acquisition",
        "investment",
        5, 5, 5, 4, 5, 1, 4, 5, 5,
        "The firm buys a company in the market, with its staff, customers, contacts and "
        "licences in place.",
        _SOURCE_INVEST,
    ),
    (
        "greenfield",
        "Foreign direct investment: greenfield subsidiary",
        "investment",
        5, 5, 5, 1, 5, 1, 2, 5, 5,
        "The firm builds its own operation in the market from scratch, wholly owned.",
        _SOURCE_INVEST,
    ),
]
# fmt: on

#: Short names for charts.
SHORT_LABELS: dict[str, str] = {
    "indirect_export": "Indirect export",
    "direct_export_agent": "Export via agents/distributors",
    "direct_export_reps": "Export via own sales reps",
    "sales_subsidiary": "Sales subsidiary",
    "e_commerce": "E-commerce",
    "licensing": "Licensing",
    "franchising": "Franchising",
    "subcontracting": "Subcontracting",
    "strategic_alliance": "Strategic alliance",
    "equity_joint_venture": "Equity joint venture",
    "acquisition": "Acquisition (FDI)",
    "greenfield": "Greenfield (FDI)",
}

#: The entry modes and their ratings (1-5) as data: one row per mode, indexed by its key.
MODES: pd.DataFrame = pd.DataFrame(
    _ROWS,
    columns=[
        "mode",
        "label",
        "family",
        *CHARACTERISTICS,
        "note",
        "source",
    ],
).set_index("mode")
MODES.insert(1, "short", [SHORT_LABELS[m] for m in MODES.index])

#: The inputs of a profile, each rated 1 (low) to 5 (high).
PROFILE_FIELDS: dict[str, str] = {
    "resources": "the firm's resources (money, managers, people) it can put into the market",
    "risk_appetite": "how much risk the firm's owners accept",
    "control_wish": "how much the firm wants to control marketing, operations and know-how",
    "tacitness": "how tacit (hard to codify, easy to lose) the firm's key know-how is",
    "market_risk": "the market's political and economic risk",
    "distance": "the market's distance from home (cultural, administrative, geographic)",
}

#: Inputs a profile may add, each rated 1 (low) to 5 (high) or left out (``None``, the default).
#: Left out, they change nothing: the advisor scores exactly as with the six inputs above.
OPTIONAL_FIELDS: dict[str, str] = {
    "asset_specificity": "how specific to the firm, and how hard to protect by contract, its "
    "know-how, brand and routines are; given, the need for control is derived from it "
    "(control_need) and replaces control_wish",
    "learning_value": "how much the firm values learning the market itself (it plans to grow "
    "there, or to use it as a base for the next markets); given, modes in which the firm "
    "learns little lose points",
    "service_intensity": "how much of the offer's value is service delivered on site "
    "(installation, calibration, repair) that cannot be separated from its use; given, modes "
    "that cannot serve customers locally lose points",
}

#: The weights of :func:`control_need` (the course's judgement; the literature gives only signs).
CONTROL_NEED_WEIGHTS: dict[str, float] = {
    "asset_specificity": 0.5,
    "tacitness": 0.5,
    "specificity_x_market_risk": 0.25,
}

_ALL_FIELDS: dict[str, str] = {**PROFILE_FIELDS, **OPTIONAL_FIELDS}

#: The terms of a mode's score, in the order they are reported.
TERMS: dict[str, str] = {
    "return": "return potential",
    "resources": "resources short of the commitment",
    "risk_appetite": "risk beyond the firm's appetite",
    "control": "control short of the wish",
    "know_how": "know-how at risk",
    "market_risk": "exposure to market risk",
    "distance": "distance without local knowledge",
    "learning": "market knowledge the firm does not acquire",
    "service": "on-site service the mode cannot give",
    "speed": "speed of entry",
}

#: Weight of each term (see the module docstring for the formula).
TERM_WEIGHTS: dict[str, float] = {
    "return": 1.0,
    "resources": 2.5,
    "risk_appetite": 1.0,
    "control": 1.0,
    "know_how": 1.0,
    "market_risk": 1.0,
    "distance": 0.5,
    "learning": 0.5,
    "service": 1.0,
    "speed": 0.25,
}

#: For each term: the construct it stands for and its source, and the status of its weight.
TERM_SOURCES: dict[str, dict[str, str]] = {
    "return": {
        "construct": "return potential of the mode (the share of the market's profit kept)",
        "source": "Root (1994); Hill, Hwang & Kim (1990): returns rise with control",
        "weight": "course's judgement: the baseline every penalty is measured against",
    },
    "resources": {
        "construct": "resource commitment the mode needs against what the firm can commit",
        "source": "Anderson & Gatignon (1986); Hill, Hwang & Kim (1990); Root (1994) "
        "internal resource/commitment factors",
        "weight": "course's judgement (2.5): closest to a hard constraint",
    },
    "risk_appetite": {
        "construct": "risk exposure of the mode against the owners' appetite for risk",
        "source": "Root (1994) internal factors; Hill, Hwang & Kim (1990) resource commitment "
        "as exposure",
        "weight": "course's judgement (1)",
    },
    "control": {
        "construct": "control the mode gives against the control the firm wants",
        "source": "Anderson & Gatignon (1986) control classes; Hill, Hwang & Kim (1990); "
        "with asset_specificity given, the need is derived (control_need): Anderson & Gatignon "
        "(1986) transaction-specific assets, Hill, Hwang & Kim (1990) tacit know-how",
        "weight": "course's judgement (1); the wish is an input unless asset_specificity is "
        "given, then the need is derived with the course's weights (CONTROL_NEED_WEIGHTS)",
    },
    "know_how": {
        "construct": "dissemination risk, weighted by the tacitness of the know-how",
        "source": "Hill, Hwang & Kim (1990) dissemination risk and tacit know-how",
        "weight": "course's judgement (1)",
    },
    "market_risk": {
        "construct": "country risk: assets exposed in a volatile market",
        "source": "Hill, Hwang & Kim (1990) country risk favours low commitment; Anderson & "
        "Gatignon (1986) external uncertainty favours low control unless assets are specific",
        "weight": "course's judgement (1)",
    },
    "distance": {
        "construct": "unfamiliar location without someone who knows it",
        "source": "Hill, Hwang & Kim (1990) location familiarity; Kogut & Singh (1988)",
        "weight": "course's judgement (0.5)",
    },
    "learning": {
        "construct": "experiential knowledge of the market the firm itself builds through the "
        "mode (opt-in: zero unless learning_value is given)",
        "source": "Johanson & Vahlne (1977): market knowledge is acquired mainly by operating "
        "in the market, and the establishment chain (agent, sales subsidiary, production) "
        "builds it step by step",
        "weight": "course's judgement (0.5), the same as the distance term it complements",
    },
    "service": {
        "construct": "service produced and consumed together on site, which needs a local "
        "presence (opt-in: zero unless service_intensity is given)",
        "source": "Erramilli & Rao (1993): the inseparability of production and consumption in "
        "services modifies the transaction-cost analysis; service firms prefer full-control "
        "modes unless asset specificity is low",
        "weight": "course's judgement (1)",
    },
    "speed": {
        "construct": "speed of entry into a market whose opportunity may close",
        "source": "Hill (2005) textbook: acquisitions quick, greenfield slow",
        "weight": "course's judgement (0.25): a tie-breaker",
    },
}

_LEVEL = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}


def _level(x: float) -> str:
    return _LEVEL[int(min(5, max(1, round(x))))]


@dataclass(frozen=True)
class FirmMarketProfile:
    """A firm facing a market, every input rated from 1 (low) to 5 (high).

    ``resources`` the firm can commit; its ``risk_appetite``; its ``control_wish``; the
    ``tacitness`` of its key know-how; the target market's ``market_risk`` and its ``distance``
    from home. Whole numbers or decimals are accepted; anything outside 1-5 raises ``ValueError``
    naming the field, and a non-number raises ``TypeError``.

    The inputs of :data:`OPTIONAL_FIELDS` default to ``None`` (left out) and then change nothing.
    ``asset_specificity``, when given, switches the control term from the stated wish to the
    need for control derived by :func:`control_need`; ``learning_value`` and
    ``service_intensity`` switch on the learning and the service terms.
    """

    resources: float = 3
    risk_appetite: float = 3
    control_wish: float = 3
    tacitness: float = 3
    market_risk: float = 3
    distance: float = 3
    asset_specificity: float | None = None
    learning_value: float | None = None
    service_intensity: float | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None and f.name in OPTIONAL_FIELDS:
                continue  # an optional input left out
            _validate.number(
                value,
                f.name,
                low=SCALE_MIN,
                high=SCALE_MAX,
                why=f"1 = low, 5 = high; {_ALL_FIELDS[f.name]}",
                example="3",
            )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> FirmMarketProfile:
        """Build a profile from a dict; unknown keys raise ``ValueError`` listing valid ones."""
        if not isinstance(values, Mapping):
            raise TypeError(
                f"a profile must be a FirmMarketProfile or a dict, not {type(values).__name__}"
            )
        unknown = sorted(set(map(str, values)) - set(_ALL_FIELDS))
        if unknown:
            hints = "".join(_validate.suggest(k, _ALL_FIELDS) for k in unknown)
            raise ValueError(
                f"Unknown profile input(s) {unknown}.{hints} "
                f"Valid inputs: {', '.join(_ALL_FIELDS)}."
            )
        return cls(**dict(values))


def _as_profile(profile: FirmMarketProfile | Mapping[str, Any]) -> FirmMarketProfile:
    if isinstance(profile, FirmMarketProfile):
        return profile
    return FirmMarketProfile.from_mapping(profile)


def _rating(value: object, name: str) -> float:
    """One 1-5 input of :func:`control_need`, checked like a profile field."""
    return _validate.number(
        value, name, low=SCALE_MIN, high=SCALE_MAX, why="1 = low, 5 = high", example="3"
    )


def control_need(asset_specificity: float, tacitness: float = 3, market_risk: float = 3) -> float:
    """The need for control (1-5) that transaction-cost reasoning derives from the firm's assets.

    With ``s``, ``t`` and ``u`` the asset specificity, tacitness and market risk rescaled from
    1-5 to 0-1, and the weights of :data:`CONTROL_NEED_WEIGHTS`::

        need = 1 + 4 x clip(0.5 s + 0.5 t + 0.25 (s - 0.5) u, 0, 1)

    More specific assets and more tacit know-how never lower the need (Anderson & Gatignon 1986:
    transaction-specific assets make high-control modes efficient; Hill, Hwang & Kim 1990: tacit,
    valuable know-how favours high control). A riskier market raises the need only where assets
    are specific (``asset_specificity`` above 3) and lowers it where they are not (below 3):
    Anderson & Gatignon's interaction of external uncertainty with specificity. The weights are
    the course's judgement.
    """
    s = (_rating(asset_specificity, "asset_specificity") - 1) / 4
    t = (_rating(tacitness, "tacitness") - 1) / 4
    u = (_rating(market_risk, "market_risk") - 1) / 4
    w = CONTROL_NEED_WEIGHTS
    raw = (
        w["asset_specificity"] * s
        + w["tacitness"] * t
        + w["specificity_x_market_risk"] * (s - 0.5) * u
    )
    return float(1 + 4 * min(1.0, max(0.0, raw)))


def _control_target(p: FirmMarketProfile) -> float:
    """The control the firm's score is measured against: the wish, or the derived need."""
    if p.asset_specificity is None:
        return float(p.control_wish)
    return control_need(p.asset_specificity, p.tacitness, p.market_risk)


def mode_table() -> pd.DataFrame:
    """A copy of :data:`MODES` with the mode key as a column (for display and exercises)."""
    return MODES.reset_index()


def _terms(p: FirmMarketProfile, modes: pd.DataFrame) -> pd.DataFrame:
    """Every term of every mode's score (weights applied), one column per term."""
    w = TERM_WEIGHTS
    c = modes["control"].to_numpy(float)
    k = modes["commitment"].to_numpy(float)
    loc = modes["local_knowledge"].to_numpy(float)
    learn = modes["learning"].to_numpy(float)
    serve = modes["local_service"].to_numpy(float)
    r = modes["risk"].to_numpy(float)
    s = modes["speed"].to_numpy(float)
    ret = modes["return"].to_numpy(float)
    d = modes["dissemination"].to_numpy(float)
    terms = {
        "return": w["return"] * ret,
        "resources": -w["resources"] * np.maximum(0.0, k - p.resources),
        "risk_appetite": -w["risk_appetite"] * np.maximum(0.0, r - p.risk_appetite),
        "control": -w["control"] * np.maximum(0.0, _control_target(p) - c),
        "know_how": -w["know_how"] * (p.tacitness - 1) / 4 * (d - 1),
        "market_risk": -w["market_risk"] * (p.market_risk - 1) / 4 * (r - 1),
        "distance": -w["distance"] * (p.distance - 1) / 4 * (5 - loc),
        "learning": (
            np.zeros(len(modes))
            if p.learning_value is None
            else -w["learning"] * (p.learning_value - 1) / 4 * (5 - learn)
        ),
        "service": (
            np.zeros(len(modes))
            if p.service_intensity is None
            else -w["service"] * (p.service_intensity - 1) / 4 * (5 - serve)
        ),
        "speed": w["speed"] * (s - 3),
    }
    return pd.DataFrame(terms, index=modes.index) + 0.0  # +0.0 turns -0.0 into 0.0


_MODE_RECORDS: dict[str, dict[str, Any]] = MODES.to_dict(orient="index")


def _misfit_texts(
    p: FirmMarketProfile, row: Mapping[str, Any], terms: Mapping[str, float]
) -> dict[str, str]:
    """The reason for each term but ``return``, in :data:`TERMS` order (used when non-zero)."""
    speed_word = "fast" if terms["speed"] > 0 else "slow"
    return {
        "resources": (
            f"needs {_level(row['commitment'])} commitment ({row['commitment']}) but the "
            f"firm's resources are {_level(p.resources)} ({p.resources:g}) "
            f"({terms['resources']:+.2f})"
        ),
        "risk_appetite": (
            f"risk exposure {row['risk']} exceeds the risk appetite of {p.risk_appetite:g} "
            f"({terms['risk_appetite']:+.2f})"
        ),
        "control": (
            f"gives {_level(row['control'])} control ({row['control']}) where the firm wants "
            f"{p.control_wish:g} ({terms['control']:+.2f})"
            if p.asset_specificity is None
            else f"gives {_level(row['control'])} control ({row['control']}) where the firm's "
            f"assets need {_control_target(p):.2f} ({terms['control']:+.2f})"
        ),
        "know_how": (
            f"exposes know-how to others (dissemination {row['dissemination']}) while its "
            f"tacitness is {p.tacitness:g} of 5 ({terms['know_how']:+.2f})"
        ),
        "market_risk": (
            f"puts {_level(row['risk'])} exposure ({row['risk']}) into a market of "
            f"risk {p.market_risk:g} ({terms['market_risk']:+.2f})"
        ),
        "distance": (
            f"brings {_level(row['local_knowledge'])} local knowledge "
            f"({row['local_knowledge']}) to a market at distance {p.distance:g} "
            f"({terms['distance']:+.2f})"
        ),
        "learning": (
            f"own learning of the market {_level(row['learning'])} ({row['learning']}) where "
            f"the firm values that learning at "
            f"{p.learning_value if p.learning_value is not None else 1:g} "
            f"({terms['learning']:+.2f})"
        ),
        "service": (
            f"gives {_level(row['local_service'])} on-site service ({row['local_service']}) "
            f"for an offer of service intensity "
            f"{p.service_intensity if p.service_intensity is not None else 1:g} "
            f"({terms['service']:+.2f})"
        ),
        "speed": f"{speed_word} entry ({terms['speed']:+.2f})",
    }


def _reason(p: FirmMarketProfile, row: Mapping[str, Any], terms: Mapping[str, float]) -> str:
    """The reasons behind one mode's score, biggest effects first, in plain words."""
    parts: list[tuple[float, str]] = [
        (
            abs(terms["return"]) + 100,  # always first
            f"return potential {_level(row['return'])} ({terms['return']:+.2f})",
        )
    ]
    for term, text in _misfit_texts(p, row, terms).items():
        if terms[term]:
            parts.append((abs(terms[term]), text))
    parts.sort(key=lambda t: -t[0])
    misfits = [text for _, text in parts[1:]]
    text = parts[0][1]
    if not any(terms[t] < 0 for t in TERMS):
        text += "; no misfit with this firm and market"
    return "; ".join([text, *misfits])


def score(profile: FirmMarketProfile | Mapping[str, Any]) -> pd.DataFrame:
    """Score every entry mode for a firm and market, best first, with the reasons.

    ``profile`` is a :class:`FirmMarketProfile` or a dict with its fields (missing ones default
    to 3). Returns one row per mode: ``rank``, ``mode``, ``label``, ``short`` (a chart label),
    ``family``, ``score``, one
    column per term of :data:`TERMS` (they sum to ``score``), and ``reasons`` (the terms in
    words, largest first). Sorted by score, highest first; equal scores by mode key.
    """
    p = _as_profile(profile)
    terms = _terms(p, MODES)
    total = terms.sum(axis=1)
    out = pd.DataFrame(
        {
            "mode": MODES.index,
            "label": MODES["label"].to_numpy(),
            "short": MODES["short"].to_numpy(),
            "family": MODES["family"].to_numpy(),
            "score": total.to_numpy(),
        }
    )
    for name in TERMS:
        out[name] = terms[name].to_numpy()
    term_rows = terms.to_dict(orient="index")
    out["reasons"] = [_reason(p, _MODE_RECORDS[m], term_rows[m]) for m in MODES.index]
    out["_key"] = out["score"].round(9)
    out = out.sort_values(["_key", "mode"], ascending=[False, True], kind="stable")
    out = out.drop(columns="_key").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


def best_mode(**profile: float) -> str:
    """The key of the highest-scoring mode for a profile given as keyword arguments."""
    return str(score(FirmMarketProfile.from_mapping(profile))["mode"].iloc[0])


def mode_score(mode: str, **profile: float) -> float:
    """The score of one mode (by key) for a profile given as keyword arguments."""
    _validate.choice(mode, "mode", MODES.index)
    table = score(FirmMarketProfile.from_mapping(profile)).set_index("mode")
    return float(table.loc[mode, "score"])


def top_modes(n: int = 3, **profile: float) -> list[str]:
    """The keys of the ``n`` best modes for a profile given as keyword arguments, best first."""
    n = _validate.whole(n, "n", low=1, high=len(MODES), why="the modes", strict=True)
    return score(FirmMarketProfile.from_mapping(profile))["mode"].head(n).tolist()


def score_gap(**profile: float) -> float:
    """How far the best mode's score is ahead of the second best's for a profile."""
    scores = score(FirmMarketProfile.from_mapping(profile))["score"]
    return float(scores.iloc[0] - scores.iloc[1])


def largest_penalty(mode: str, **profile: float) -> str:
    """The term (a key of :data:`TERMS`) that lowers ``mode``'s score the most.

    Returns ``'none'`` when no term is negative.
    """
    _validate.choice(mode, "mode", MODES.index)
    row = score(FirmMarketProfile.from_mapping(profile)).set_index("mode").loc[mode]
    terms = row[list(TERMS)].astype(float)
    return "none" if terms.min() >= 0 else str(terms.idxmin())


def first_rank_threshold(mode: str, field: str, step: float = 0.5, **profile: float) -> float:
    """The lowest value of profile input ``field`` (1 to 5 in ``step``) at which ``mode`` ranks
    first, the other inputs held at ``profile``; ``nan`` if it never does on that grid."""
    _validate.choice(mode, "mode", MODES.index)
    _validate.choice(field, "field", _ALL_FIELDS, what="profile input")
    step = _validate.number(
        step, "step", low=0, high=SCALE_MAX - SCALE_MIN, low_open=True, example="0.5"
    )
    base = FirmMarketProfile.from_mapping(profile)
    for value in np.arange(SCALE_MIN, SCALE_MAX + 1e-9, step):
        trial = FirmMarketProfile(**{**vars(base), field: float(value)})
        if score(trial)["mode"].iloc[0] == mode:
            return float(value)
    return math.nan
