"""Chapter 7 model (book/ch07_barriers.md).

Barriers to internationalization and the remedies that address them, kept as data.

The catalogue follows the chapter: internal barriers sit inside the firm (vision, control,
knowledge and information, resources, skills), external ones in its markets and institutions
(rules, red tape, currency, culture, logistics, rivals, finance, support). Each barrier lists
the remedies the chapter teaches for it; :func:`remedies_for` ranks remedies by how many of a
firm's barriers they address, and :func:`check_matching` gives feedback per pair without
revealing the right remedy.

Each barrier also carries a sub-category of Leonidou's (2004) taxonomy (:data:`LEONIDOU`: internal
= informational, functional, marketing; external = procedural, governmental, task, environmental).
Which barrier goes into which sub-category is the course's mapping, not Leonidou's list of 39
barriers. :data:`EVIDENCE` keeps, as data with a citation per row, what two sources report about
which barriers matter most (:func:`evidence`). :func:`prioritise` orders a firm's own barriers by
how severe its managers perceive them: barriers are perceptions, and they change with the stage of
exporting, so the ratings belong to one firm at one time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from coursekit._validate import frame, number, suggest, whole

__all__ = [
    "BARRIERS",
    "REMEDIES",
    "barriers",
    "remedies",
    "classify",
    "remedies_for",
    "check_matching",
    "best_remedy",
    "best_remedies",
    "top_remedy",
    "border_compliance_by_income",
    "median_border_compliance",
    "INCOME_GROUPS",
    "LEONIDOU",
    "BARRIER_LEONIDOU",
    "EVIDENCE",
    "taxonomy",
    "evidence",
    "prioritise",
    "priority_order",
]

INCOME_GROUPS = ("Low income", "Lower middle income", "Upper middle income", "High income")
BORDER_MEASURES = (
    "export_border_hours",
    "export_border_usd",
    "export_documentary_hours",
    "export_documentary_usd",
)

#: id: (label, "internal" | "external", category, remedy ids, best remedy)
BARRIERS: dict[str, tuple[str, str, str, tuple[str, ...], str]] = {
    "no_vision": (
        "Lack of an international vision",
        "internal",
        "management",
        ("managerial_learning", "planning"),
        "managerial_learning",
    ),
    "fear_of_control": (
        "Fear of losing control",
        "internal",
        "management",
        ("partners", "planning"),
        "partners",
    ),
    "market_knowledge": (
        "Lack of knowledge of foreign markets",
        "internal",
        "knowledge",
        ("market_research", "partners", "managerial_learning"),
        "market_research",
    ),
    "finance_internal": (
        "Too few own financial resources",
        "internal",
        "resources",
        ("planning", "export_finance"),
        "planning",
    ),
    "managerial_skills": (
        "Lack of managerial and international experience",
        "internal",
        "skills",
        ("managerial_learning", "hire_experience"),
        "hire_experience",
    ),
    "marketing_skills": (
        "Weak international marketing skills",
        "internal",
        "skills",
        ("hire_experience", "market_research", "adaptability"),
        "market_research",
    ),
    "no_home_base": (
        "No consolidated position at home",
        "internal",
        "resources",
        ("planning",),
        "planning",
    ),
    "regulation": (
        "Foreign laws, standards and trade certification",
        "external",
        "institutions",
        ("partners", "technical_knowhow"),
        "technical_knowhow",
    ),
    "red_tape": (
        "Red tape and slow customs",
        "external",
        "institutions",
        ("partners", "government_support"),
        "government_support",
    ),
    "currency": ("Currency risk", "external", "economic", ("hedging", "planning"), "hedging"),
    "culture_language": (
        "Cultural and language differences",
        "external",
        "culture",
        ("partners", "hire_experience", "adaptability"),
        "partners",
    ),
    "logistics": (
        "Costly or unreliable logistics",
        "external",
        "infrastructure",
        ("partners", "planning"),
        "partners",
    ),
    "ip_protection": (
        "Weak protection of intellectual property",
        "external",
        "institutions",
        # not "partners": licensees and joint-venture partners are a classic channel of leakage
        ("ip_safeguards", "technical_knowhow"),
        "ip_safeguards",
    ),
    "local_rivals": (
        "Strong local competitors",
        "external",
        "competition",
        ("innovation", "adaptability"),
        "innovation",
    ),
    "poor_information": (
        "Poor information about foreign markets",
        "internal",  # informational barriers are internal in Leonidou's taxonomy (and the OECD's)
        "information",
        ("market_research", "government_support"),
        "market_research",
    ),
    "finance_external": (
        "Little access to export finance",
        "external",
        "finance",
        ("export_finance", "government_support"),
        "export_finance",
    ),
    "technology_gap": (
        "Lack of technology",
        "internal",  # a firm resource: an internal (functional) barrier in Leonidou's taxonomy
        "technology",
        ("technical_knowhow", "innovation"),
        "technical_knowhow",
    ),
    "no_support": (
        "Little government support",
        "external",
        "institutions",
        ("government_support", "partners"),
        "government_support",
    ),
}

#: Leonidou's (2004) sub-categories of export barriers: key -> (side, what they concern).
LEONIDOU: dict[str, tuple[str, str]] = {
    "informational": ("internal", "finding, analysing and contacting markets and customers"),
    "functional": ("internal", "the firm's own functions: management, staff, finance"),
    "marketing": ("internal", "the firm's product, price, distribution, logistics and promotion"),
    "procedural": ("external", "the operating side of export transactions: paperwork, payment"),
    "governmental": ("external", "what the home government does, or fails to do, for exporters"),
    "task": ("external", "customers and competitors in the foreign market"),
    "environmental": ("external", "the economic, political-legal, socio-cultural setting abroad"),
}

#: The course's mapping of each catalogue barrier onto a Leonidou sub-category (a judgement, not
#: Leonidou's own list). Two barriers keep the course's side although their sub-category lies on
#: the other: finance_external (banks and agencies supply export credit; Leonidou files shortages
#: of finance as functional) and logistics (transport infrastructure; Leonidou files logistics
#: under the firm's marketing). ``taxonomy()`` shows both.
BARRIER_LEONIDOU: dict[str, str] = {
    "no_vision": "functional",
    "fear_of_control": "functional",
    "market_knowledge": "informational",
    "finance_internal": "functional",
    "managerial_skills": "functional",
    "marketing_skills": "marketing",
    "no_home_base": "functional",
    "regulation": "environmental",
    "red_tape": "procedural",
    "currency": "environmental",
    "culture_language": "environmental",
    "logistics": "marketing",
    "ip_protection": "environmental",
    "local_rivals": "task",
    "poor_information": "informational",
    "finance_external": "functional",
    "technology_gap": "functional",
    "no_support": "governmental",
}

#: What the sources report about which barriers matter most, one row per finding:
#: (source key, rank or None, the barrier as the source names it, Leonidou sub-category,
#: nearest catalogue barrier, what the finding rests on).
EVIDENCE: tuple[tuple[str, int | None, str, str, str, str], ...] = (
    (
        "oecd2009",
        1,
        "Shortage of working capital to finance exports",
        "functional",
        "finance_internal",
        "the OECD-APEC study of SMEs' and policy makers' perceptions",
    ),
    (
        "oecd2009",
        2,
        "Identifying foreign business opportunities",
        "informational",
        "market_knowledge",
        "the OECD-APEC study of SMEs' and policy makers' perceptions",
    ),
    (
        "oecd2009",
        3,
        "Limited information to locate and analyse markets",
        "informational",
        "poor_information",
        "the OECD-APEC study of SMEs' and policy makers' perceptions",
    ),
    (
        "oecd2009",
        4,
        "Inability to contact potential overseas customers",
        "informational",
        "market_knowledge",
        "the OECD-APEC study of SMEs' and policy makers' perceptions",
    ),
    (
        "leonidou2004",
        None,
        "Information inefficiencies",
        "informational",
        "poor_information",
        "strong obstructing effect across 32 empirical studies",
    ),
    (
        "leonidou2004",
        None,
        "Price competitiveness",
        "marketing",
        "marketing_skills",
        "strong obstructing effect across 32 empirical studies",
    ),
    (
        "leonidou2004",
        None,
        "Foreign customer habits",
        "task",
        "culture_language",
        "strong obstructing effect across 32 empirical studies",
    ),
    (
        "leonidou2004",
        None,
        "Politico-economic hurdles abroad",
        "environmental",
        "currency",
        "strong obstructing effect across 32 empirical studies",
    ),
)

#: id: (label, what it involves)
REMEDIES: dict[str, tuple[str, str]] = {
    "managerial_learning": (
        "Managerial learning",
        "training, export courses, learning from first markets, trade missions",
    ),
    "planning": (
        "Planning",
        "a written plan for capital, sales targets, costs, revenues and people, market by market",
    ),
    "partners": (
        "The right foreign partners",
        "agents, distributors or joint-venture partners "
        "who know the market, its rules and its customers",
    ),
    "market_research": (
        "Market research",
        "desk and field research, trade fairs, export promotion agencies' market reports",
    ),
    "hire_experience": (
        "Hiring international experience",
        "managers or sales staff who have worked abroad, local hires",
    ),
    "technical_knowhow": (
        "Technical know-how and standards",
        "certification, registered IP, product compliance know-how",
    ),
    "ip_safeguards": (
        "IP registration and safeguards",
        "trademarks and patents registered in the market before entry, confidentiality and "
        "licence clauses, an entry mode that limits know-how transfer",
    ),
    "innovation": ("Innovation", "new or better products and processes that local rivals lack"),
    "adaptability": (
        "Adaptability",
        "adapting products, messages and ways of working to the market",
    ),
    "hedging": ("Currency hedging", "forward contracts, invoicing currency, natural hedges"),
    "export_finance": ("Export finance", "export credit, guarantees, trade-finance instruments"),
    "government_support": (
        "Public support",
        "export promotion agencies, trade-facilitation programmes, subsidised advice",
    ),
}


def barriers() -> pd.DataFrame:
    """The barrier catalogue: id, label, side (internal/external), category, remedies."""
    return pd.DataFrame(
        [(b, lab, side, cat, ", ".join(rem)) for b, (lab, side, cat, rem, _) in BARRIERS.items()],
        columns=["barrier", "label", "side", "category", "remedies"],
    )


def remedies() -> pd.DataFrame:
    """The remedy catalogue: id, label, what it involves."""
    return pd.DataFrame(
        [(r, lab, what) for r, (lab, what) in REMEDIES.items()],
        columns=["remedy", "label", "involves"],
    )


def _barrier_id(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"a barrier is named by its id (a string), not {type(value).__name__}")
    if value in BARRIERS:
        return value
    by_label = {lab.lower(): b for b, (lab, *_rest) in BARRIERS.items()}
    if value.strip().lower() in by_label:
        return by_label[value.strip().lower()]
    tip = suggest(value, list(BARRIERS) + list(by_label), n=3)
    raise ValueError(f"Unknown barrier {value!r}.{tip} Valid ids: {', '.join(BARRIERS)}")


def _remedy_id(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"a remedy is named by its id (a string), not {type(value).__name__}")
    if value in REMEDIES:
        return value
    tip = suggest(value, REMEDIES, n=3)
    raise ValueError(f"Unknown remedy {value!r}.{tip} Valid ids: {', '.join(REMEDIES)}")


def _barrier_ids(values: object) -> list[str]:
    """A list of barrier ids from one id or label, or a list of them; never empty."""
    if isinstance(values, str):
        values = [values]
    if isinstance(values, Mapping) or not isinstance(values, Iterable):
        raise TypeError(
            "barrier_ids must be a list of barrier ids such as ['currency', 'red_tape'], "
            f"not {type(values).__name__}"
        )
    ids = [_barrier_id(b) for b in values]
    if not ids:
        raise ValueError("Give at least one barrier id, for example ['currency', 'red_tape']")
    return ids


def classify(barrier: str) -> str:
    """``'internal'`` or ``'external'``."""
    return BARRIERS[_barrier_id(barrier)][1]


def best_remedy(barrier: str) -> str:
    """The remedy the chapter names first for ``barrier``."""
    return BARRIERS[_barrier_id(barrier)][4]


def remedies_for(barrier_ids: Iterable[str]) -> pd.DataFrame:
    """Remedies ranked by how many of the given barriers they address (ties by name)."""
    ids = _barrier_ids(barrier_ids)
    addressed: dict[str, list[str]] = {}
    for b in dict.fromkeys(ids):
        for r in BARRIERS[b][3]:
            addressed.setdefault(r, []).append(b)
    rows = [(r, REMEDIES[r][0], len(bs), ", ".join(bs)) for r, bs in addressed.items()]
    table = pd.DataFrame(rows, columns=["remedy", "label", "n_barriers", "addresses"])
    return table.sort_values(
        ["n_barriers", "remedy"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def check_matching(answer: Mapping[str, str]) -> pd.DataFrame:
    """Feedback per barrier → remedy pair: ``right`` if the remedy is among those the chapter
    gives for that barrier, ``not yet`` otherwise (the right remedies are not revealed)."""
    if not isinstance(answer, Mapping):
        raise TypeError(f"answer must be a dict of barrier -> remedy, not {type(answer).__name__}")
    if not answer:
        raise ValueError("answer is empty: give at least one barrier -> remedy pair")
    rows = []
    for b, r in answer.items():
        bid, rid = _barrier_id(b), _remedy_id(r)
        rows.append((bid, rid, "right" if rid in BARRIERS[bid][3] else "not yet"))
    return pd.DataFrame(rows, columns=["barrier", "remedy", "feedback"])


def best_remedies(barrier_ids: Iterable[str]) -> dict[str, str]:
    """``{barrier: the remedy the chapter names first}`` for each barrier."""
    return {b: BARRIERS[b][4] for b in _barrier_ids(barrier_ids)}


def top_remedy(barrier_ids: Iterable[str]) -> str:
    """The remedy that addresses most of the given barriers (ties broken by name)."""
    return str(remedies_for(barrier_ids).iloc[0]["remedy"])


def border_compliance_by_income(
    trade: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    db_year: int = 2018,
) -> pd.DataFrame:
    """Median time and cost to export at the border and for documents, by income group.

    From Doing Business (``trading_across_borders``), one edition; economies without an income
    group are left out, and the ``n`` column says how many economies each median rests on.
    """
    from coursekit import data

    db_year = whole(db_year, "db_year")
    if trade is None:
        trade = data.load("trading_across_borders")
    else:
        frame(trade, "trade", columns=("iso3", "db_year", *BORDER_MEASURES))
    if countries is None:
        countries = data.load("countries")
    else:
        frame(countries, "countries", columns=("iso3", "income_group"))
    years = sorted(trade["db_year"].dropna().unique().tolist())
    if db_year not in years:
        raise ValueError(f"No Doing Business edition {db_year!r}; editions: {years[0]}-{years[-1]}")
    rows = trade[trade["db_year"] == db_year].merge(
        countries[["iso3", "income_group"]], on="iso3", how="inner"
    )
    rows = rows[rows["income_group"].isin(INCOME_GROUPS)]
    if rows[list(BORDER_MEASURES)].isna().all().all():
        raise ValueError(
            f"Edition {db_year} has no border-compliance measures (they start in 2016)"
        )
    table = rows.groupby("income_group")[list(BORDER_MEASURES)].median()
    table["n"] = rows.groupby("income_group")["export_border_hours"].count()
    return table.reindex(list(INCOME_GROUPS))


def median_border_compliance(
    income_group: str, measure: str = "export_border_hours", db_year: int = 2018
) -> float:
    """One cell of :func:`border_compliance_by_income`."""
    if income_group not in INCOME_GROUPS:
        raise ValueError(
            f"income_group must be one of {', '.join(INCOME_GROUPS)}, not {income_group!r}"
        )
    if measure not in BORDER_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(BORDER_MEASURES)}, not {measure!r}")
    return float(border_compliance_by_income(db_year=db_year).loc[income_group, measure])


def taxonomy() -> pd.DataFrame:
    """The catalogue with Leonidou's sub-category of each barrier (the course's mapping).

    Columns: ``barrier``, ``label``, ``side`` (the course's), ``leonidou`` (sub-category),
    ``leonidou_side`` (the side Leonidou gives that sub-category) and ``same_side``.
    """
    table = barriers()[["barrier", "label", "side"]]
    table["leonidou"] = table["barrier"].map(BARRIER_LEONIDOU)
    table["leonidou_side"] = table["leonidou"].map(lambda c: LEONIDOU[c][0])
    table["same_side"] = table["side"] == table["leonidou_side"]
    return table


def evidence(source: str | None = None) -> pd.DataFrame:
    """:data:`EVIDENCE` as a table (``source``, ``rank``, ``barrier_named``, ``leonidou``,
    ``barrier``, ``basis``), optionally for one source key (``'oecd2009'``, ``'leonidou2004'``)."""
    table = pd.DataFrame(
        list(EVIDENCE),
        columns=["source", "rank", "barrier_named", "leonidou", "barrier", "basis"],
    )
    table["rank"] = table["rank"].astype("Int64")
    if source is None:
        return table
    keys = sorted(table["source"].unique())
    if not isinstance(source, str) or source not in keys:
        raise ValueError(
            f"source must be one of {', '.join(keys)} (or None for all), not {source!r}"
        )
    return table[table["source"] == source].reset_index(drop=True)


def prioritise(ratings: Mapping[str, float]) -> pd.DataFrame:
    """Order a firm's barriers by how severe its managers perceive them (1 = minor, 5 = severe).

    ``ratings`` maps barrier ids (or labels) to a severity from 1 to 5. The result, most severe
    first, has ``barrier``, ``label``, ``side``, ``leonidou``, ``severity`` and
    ``first_remedy``; ties go to internal barriers first (the firm can start on them itself),
    then to the catalogue order. The ratings are perceptions of one firm at one stage: the same
    barrier can rank differently for a non-exporter and for an experienced exporter.
    """
    if not isinstance(ratings, Mapping):
        raise TypeError(
            "ratings must be a dict of barrier -> severity (1-5), e.g. {'currency': 4}, "
            f"not {type(ratings).__name__}"
        )
    if not ratings:
        raise ValueError("ratings is empty: rate at least one barrier, e.g. {'currency': 4}")
    clean: dict[str, float] = {}
    for key, value in ratings.items():
        bid = _barrier_id(key)
        if bid in clean:
            raise ValueError(f"barrier {bid!r} is rated twice; rate each barrier once")
        clean[bid] = number(value, f"the severity of {bid}", low=1, high=5)
    order = list(BARRIERS)
    ids = sorted(
        clean,
        key=lambda b: (-clean[b], BARRIERS[b][1] != "internal", order.index(b)),
    )
    return pd.DataFrame(
        {
            "barrier": ids,
            "label": [BARRIERS[b][0] for b in ids],
            "side": [BARRIERS[b][1] for b in ids],
            "leonidou": [BARRIER_LEONIDOU[b] for b in ids],
            "severity": [clean[b] for b in ids],
            "first_remedy": [BARRIERS[b][4] for b in ids],
        }
    )


def priority_order(ratings: Mapping[str, float], n: int = 3) -> list[str]:
    """The ids of the ``n`` barriers :func:`prioritise` puts first (for exercise checks)."""
    table = prioritise(ratings)
    n = whole(n, "n", low=1, high=len(table))
    return table["barrier"].head(n).tolist()
