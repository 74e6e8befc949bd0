"""Chapter 8 model (book/ch08_policy.md).

Public support for SME internationalization: a catalogue of measures and a package designer.

The review of success factors that chapter 6 builds on (Bose, 2016) sorts SME development policy
into three kinds, which follow the stages a firm passes through on its way abroad:

* **stimulatory** policy motivates firms to start — to found a business, or to consider
  exporting at all (the pre-export stage);
* **supporting** policy helps firms that are doing business abroad do it — information,
  contacts, training, finance for the first orders (the experimental, trial-export stage);
* **sustaining** policy helps established exporters survive, mature and compete with larger
  rivals — risk cover, innovation, protection of know-how, presence abroad (the committed
  stage).

The stages are those of the innovation-related models (Bilkey & Tesar, 1977; Cavusgil, 1980),
grouped in three phases as in Coviello & Munro (1997). :data:`MEASURES` is the course's
catalogue of common measures, each with its kind, the stages it fits, the barriers it addresses
and an example. **Which measure fits which stage and barrier is the course's codification** of
the literature cited in chapter 8, not a measurement.

:func:`design_package` builds a package for a firm at one stage facing some barriers, within a
budget of points (each measure costs 1-3 points). It is greedy and transparent. Each step adds
one affordable measure: **first cover, then deepen** — a measure that covers a chosen barrier
not yet covered always beats one that only reinforces — and within that, the measure with the
highest *gain per point*, where::

    gain = 2 x (chosen barriers it covers for the first time)
         + 0.5 x (chosen barriers already covered that it reinforces)
         + 1 if its kind is the one the stage calls for (stimulatory / supporting / sustaining)

Ties go to the larger gain, then the cheaper measure, then the catalogue order. The package
stops when no affordable measure is left. Every row says why it was chosen.

Two measures are **framework conditions**, not services an agency delivers from a budget: a
national tax holiday and transport infrastructure (``framework`` is True). They stay in the
catalogue, since they matter, but :func:`design_package` never spends points on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from coursekit import _validate

__all__ = [
    "BARRIERS",
    "BARRIER_ALIASES",
    "NOT_POLICY_BARRIERS",
    "GAIN_WEIGHTS",
    "FRAMEWORK_MEASURES",
    "MEASURES",
    "POLICY_TYPES",
    "STAGES",
    "STAGE_LABELS",
    "STAGE_POLICY",
    "catalogue",
    "design_package",
    "first_pick",
    "measure_keys",
    "measures_for",
    "package_cost",
    "package_measures",
    "uncovered_barriers",
    "EXPORT_COLUMNS",
    "INCOME_ORDER",
    "export_cost_median",
    "export_costs_by_group",
    "group_medians",
    "indicators_by_group",
    "latest_values",
    "OLD_METHOD_COLUMNS",
    "OLD_METHOD_EDITIONS",
    "export_change",
    "export_change_median",
]

#: The three stages of a firm's internationalization (Coviello & Munro's grouping of the
#: innovation-related models), with a description.
STAGES: dict[str, str] = {
    "pre_export": (
        "Pre-export: a domestic firm that does not export yet — a potential exporter, or one "
        "that has not considered exporting"
    ),
    "experimental": (
        "Experimental (trial) exporter: first, often irregular exports, usually to nearby or "
        "familiar markets"
    ),
    "committed": (
        "Committed (advanced) exporter: regular exports to several markets, ready to invest abroad"
    ),
}

#: Short names of the stages, for text.
STAGE_LABELS: dict[str, str] = {
    "pre_export": "pre-export",
    "experimental": "experimental",
    "committed": "committed",
}

#: The three kinds of SME policy (Bose, 2016) and what each does.
POLICY_TYPES: dict[str, str] = {
    "stimulatory": "motivates firms to start: to found a business or to consider exporting",
    "supporting": "helps firms that already do business abroad to do it",
    "sustaining": "helps established firms survive, mature and compete with larger rivals",
}

#: The kind of policy each stage calls for most.
STAGE_POLICY: dict[str, str] = {
    "pre_export": "stimulatory",
    "experimental": "supporting",
    "committed": "sustaining",
}

#: The barriers a measure can address: key -> (internal / external, description).
BARRIERS: dict[str, tuple[str, str]] = {
    "vision": ("internal", "no export vision or commitment; fear of losing control"),
    "skills": ("internal", "lack of managerial, marketing and export skills"),
    "information": ("internal", "lack of knowledge of and information about foreign markets"),
    "finance": ("internal", "lack of capital and finance for export orders and growth"),
    "technology": ("internal", "lack of technology and capacity to innovate"),
    "contacts": ("external", "difficulty finding customers, agents and partners abroad"),
    "red_tape": ("external", "red tape, export paperwork and complex trade procedures"),
    "logistics": ("external", "costly, slow or unreliable transport and logistics"),
    "standards": ("external", "foreign product standards, certification and quality acceptance"),
    "risk": ("external", "commercial, political and currency risk"),
    "culture": ("external", "cultural and language differences"),
    "ip": ("external", "weak protection of intellectual property abroad"),
}

#: The barrier ids of chapter 7 (:mod:`coursekit.barriers`) that public policy can address,
#: mapped to this catalogue's barriers, so a firm's barriers can be named either way.
BARRIER_ALIASES: dict[str, str] = {
    "no_vision": "vision",
    "fear_of_control": "vision",
    "market_knowledge": "information",
    "poor_information": "information",
    "finance_internal": "finance",
    "finance_external": "finance",
    "managerial_skills": "skills",
    "marketing_skills": "skills",
    "regulation": "standards",
    "currency": "risk",
    "culture_language": "culture",
    "ip_protection": "ip",
    "technology_gap": "technology",
}

#: Chapter 7 barriers for which the catalogue has no public measure, with the reason.
NOT_POLICY_BARRIERS: dict[str, str] = {
    "no_home_base": "consolidating the home business is the firm's own task",
    "local_rivals": "competing with local rivals is a matter of the firm's strategy",
    "no_support": "little government support is what the whole package answers",
}

#: Weights of :func:`design_package`'s gain.
GAIN_WEIGHTS: dict[str, float] = {"new": 2.0, "again": 0.5, "fit": 1.0}

_MEASURE_ROWS: list[dict[str, Any]] = [
    {
        "measure": "export_awareness",
        "name": "Export awareness and readiness diagnostics",
        "type": "stimulatory",
        "stages": ("pre_export",),
        "barriers": ("vision", "information"),
        "cost": 1,
        "example": "Seminars, success stories of local exporters and a free export-readiness "
        "check run by an export promotion agency or chamber of commerce",
    },
    {
        "measure": "incubators",
        "name": "Business incubators and start-up support",
        "type": "stimulatory",
        "stages": ("pre_export",),
        # incubators help new firms get started (skills, technology); they are not export finance
        "barriers": ("skills", "technology"),
        "cost": 3,
        "example": "India's Startup India Action Plan (2016) funded new incubators and "
        "innovation centres at universities and research institutes",
    },
    {
        "measure": "tax_holiday",
        "name": "Tax holiday for new and growing firms",
        "type": "stimulatory",
        "stages": ("pre_export",),
        "barriers": ("finance", "vision"),
        "cost": 3,
        "example": "The same Indian plan exempted the profits of recognised start-ups from "
        "income tax for three years",
    },
    {
        "measure": "red_tape_reform",
        "name": "Simpler registration, licensing and export procedures",
        "type": "stimulatory",
        "stages": ("pre_export", "experimental", "committed"),
        "barriers": ("red_tape",),
        "cost": 1,
        "example": "One-stop shops for licences and self-certification of routine compliance "
        "for young firms",
    },
    {
        "measure": "mentoring",
        "name": "Export mentoring by experienced exporters",
        "type": "stimulatory",
        "stages": ("pre_export", "experimental"),
        "barriers": ("vision", "skills", "culture"),
        "cost": 1,
        "example": "Volunteer mentors from exporting firms paired with first-time exporters by "
        "a chamber of commerce",
    },
    {
        "measure": "market_information",
        "name": "Foreign market information and research",
        "type": "supporting",
        "stages": ("pre_export", "experimental"),
        "barriers": ("information", "culture"),
        "cost": 1,
        "example": "Country and sector reports, tariff and regulation look-ups and enquiry "
        "services of an export promotion agency",
    },
    {
        "measure": "export_training",
        "name": "Training in export management, languages and e-commerce",
        "type": "supporting",
        "stages": ("pre_export", "experimental"),
        "barriers": ("skills", "culture", "red_tape"),
        "cost": 2,
        "example": "Technical and practical export training courses for managers and staff",
    },
    {
        "measure": "matchmaking",
        "name": "Partner search and matchmaking",
        "type": "supporting",
        "stages": ("experimental", "committed"),
        "barriers": ("contacts", "information"),
        "cost": 1,
        "example": "The EU's Enterprise Europe Network helps small firms find business, "
        "technology and research partners in other countries",
    },
    {
        "measure": "trade_fairs",
        "name": "Subsidised trade fairs and trade missions",
        "type": "supporting",
        "stages": ("experimental", "committed"),
        "barriers": ("contacts", "information"),
        "cost": 2,
        "example": "Shared national pavilions at international trade fairs, with stand costs "
        "partly paid by the state",
    },
    {
        "measure": "digital_export",
        "name": "Digital export programme (online marketplaces, web shops)",
        "type": "supporting",
        "stages": ("pre_export", "experimental"),
        "barriers": ("contacts", "information", "technology"),
        "cost": 1,
        "example": "Help to list products on cross-border marketplaces and to handle online "
        "payments and returns",
    },
    {
        "measure": "export_finance",
        "name": "Pre-shipment finance and export credit guarantees",
        "type": "supporting",
        "stages": ("experimental", "committed"),
        "barriers": ("finance",),
        "cost": 3,
        "example": "Public guarantees that let banks lend working capital against export orders",
    },
    {
        "measure": "credit_insurance",
        "name": "Export credit insurance (commercial and political risk)",
        "type": "sustaining",
        "stages": ("experimental", "committed"),
        # cover against non-payment; exchange-rate cover and pre-shipment working capital are
        # other instruments (the latter is export_finance)
        "barriers": ("risk",),
        "cost": 2,
        "example": "Cover from a public export credit agency against a foreign buyer not paying "
        "or a government blocking transfers",
    },
    {
        "measure": "standards_support",
        "name": "Testing, certification and quality-standards support",
        "type": "supporting",
        # buyers ask for certificates before the first order, so pre-exporters need it too
        "stages": ("pre_export", "experimental", "committed"),
        "barriers": ("standards", "technology"),
        "cost": 2,
        "example": "Subsidised product testing and certification to the target market's standards",
    },
    {
        "measure": "trade_facilitation",
        "name": "Trade facilitation: single window and faster customs",
        "type": "supporting",
        "stages": ("pre_export", "experimental", "committed"),
        "barriers": ("red_tape", "logistics"),
        "cost": 2,
        "example": "Singapore's TradeNet (1989) let traders file all export and import "
        "documents electronically in one place",
    },
    {
        "measure": "infrastructure",
        "name": "Transport and logistics infrastructure",
        "type": "sustaining",
        "stages": ("pre_export", "experimental", "committed"),
        "barriers": ("logistics",),
        "cost": 3,
        "example": "Port, road, rail and border-crossing investment that lowers the time and "
        "cost of shipping",
    },
    {
        "measure": "cluster_programme",
        "name": "Cluster programmes and export consortia",
        "type": "sustaining",
        "stages": ("pre_export", "experimental", "committed"),
        "barriers": ("contacts", "skills", "technology"),
        "cost": 2,
        "example": "France's competitiveness clusters (pôles de compétitivité, from 2005) and "
        "state aid for innovation clusters in Serbia",
    },
    {
        "measure": "innovation_grants",
        "name": "Innovation grants and R&D tax credits",
        "type": "sustaining",
        "stages": ("experimental", "committed"),
        "barriers": ("technology",),
        "cost": 3,
        "example": "Grants or tax credits that pay part of the cost of developing new or "
        "adapted products and processes",
    },
    {
        "measure": "ip_support",
        "name": "Help to protect intellectual property abroad",
        "type": "sustaining",
        # register before the first shipment: in first-to-file systems a late filer can lose
        # its own brand, so this help fits every stage
        "stages": ("pre_export", "experimental", "committed"),
        "barriers": ("ip",),
        "cost": 2,
        "example": "Advice on, and part of the fees for, registering trademarks and patents in "
        "the target markets before the first shipment",
    },
    {
        "measure": "foreign_offices",
        "name": "Support offices and business centres abroad",
        "type": "sustaining",
        "stages": ("committed",),
        "barriers": ("contacts", "culture", "information"),
        "cost": 2,
        "example": "Trade commissioners in embassies and business centres that host a firm's "
        "first staff in the market",
    },
]

#: The catalogue: one row per measure (``stages`` and ``barriers`` are tuples of keys).
#: Decided by governments and parliaments, not bought from an export agency's budget.
FRAMEWORK_MEASURES = ("tax_holiday", "infrastructure")
for _row in _MEASURE_ROWS:
    _row["framework"] = _row["measure"] in FRAMEWORK_MEASURES

MEASURES: pd.DataFrame = pd.DataFrame(_MEASURE_ROWS).set_index("measure", drop=False)


# The catalogue's rows use only the known types, stages, barriers and costs: a test checks
# that (tests/test_policy.py), not an assert at import, which `python -O` would skip.


def catalogue() -> pd.DataFrame:
    """The catalogue as a display table (stages and barriers joined into text)."""
    out = MEASURES.reset_index(drop=True).copy()
    out["stages"] = out["stages"].map(", ".join)
    out["barriers"] = out["barriers"].map(", ".join)
    return out


def _stage(stage: object) -> str:
    if not isinstance(stage, str):
        raise TypeError(
            f"stage must be one of {', '.join(STAGES)} (text), not {type(stage).__name__}"
        )
    key = stage.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in STAGES:
        tip = _validate.suggest(key, STAGES)
        raise ValueError(f"Unknown stage {stage!r}.{tip} Valid stages: {', '.join(STAGES)}")
    return key


def _barriers(barriers: object, *, allow_empty: bool = False) -> list[str]:
    if isinstance(barriers, str):
        barriers = [barriers]
    if not isinstance(barriers, Iterable) or isinstance(barriers, (bytes, dict)):
        raise TypeError(
            f"barriers must be a list of barrier keys such as ['finance', 'contacts'], "
            f"not {type(barriers).__name__}"
        )
    out: list[str] = []
    for b in barriers:
        if not isinstance(b, str):
            raise TypeError(f"barriers must be keys (text), not {type(b).__name__} {b!r:.40}")
        key = b.strip().lower().replace("-", "_").replace(" ", "_")
        key = BARRIER_ALIASES.get(key, key)
        if key in NOT_POLICY_BARRIERS:
            raise ValueError(
                f"Barrier {b!r} has no public support measure in the catalogue "
                f"({NOT_POLICY_BARRIERS[key]}). Valid barriers: {', '.join(BARRIERS)}"
            )
        if key not in BARRIERS:
            tip = _validate.suggest(key, BARRIERS)
            raise ValueError(f"Unknown barrier {b!r}.{tip} Valid barriers: {', '.join(BARRIERS)}")
        if key not in out:
            out.append(key)
    if not out and not allow_empty:
        raise ValueError(f"choose at least one barrier; valid barriers: {', '.join(BARRIERS)}")
    return out


def measures_for(stage: str, barriers: Iterable[str] | str | None = None) -> pd.DataFrame:
    """The measures of the catalogue that fit ``stage``, optionally only those that address
    at least one of ``barriers``.

    Columns: ``measure``, ``name``, ``type``, ``cost``, ``fits_stage_policy`` (its kind is the
    one the stage calls for), ``addresses`` (the chosen barriers it addresses, or all its
    barriers when none were chosen), ``n_addressed``, ``framework`` (a framework condition,
    never in a package) and ``example``. Sorted by ``n_addressed`` (descending), then the
    stage's own kind first, then catalogue order.
    """
    key = _stage(stage)
    chosen = None if barriers is None else _barriers(barriers)
    rows = MEASURES[MEASURES["stages"].map(lambda s: key in s)].copy()
    if chosen is None:
        rows["addresses"] = rows["barriers"].map(list)
    else:
        rows["addresses"] = rows["barriers"].map(lambda bs: [b for b in chosen if b in bs])
        rows = rows[rows["addresses"].map(len) > 0].copy()
    rows["n_addressed"] = rows["addresses"].map(len).astype(int)
    rows["fits_stage_policy"] = rows["type"] == STAGE_POLICY[key]
    rows["_order"] = range(len(rows))
    rows = rows.sort_values(
        ["n_addressed", "fits_stage_policy", "_order"], ascending=[False, False, True]
    )
    rows["addresses"] = rows["addresses"].map(", ".join)
    return rows[
        [
            "measure",
            "name",
            "type",
            "cost",
            "fits_stage_policy",
            "addresses",
            "n_addressed",
            "framework",
            "example",
        ]
    ].reset_index(drop=True)


def design_package(
    stage: str, barriers: Iterable[str] | str, budget_points: int = 6
) -> pd.DataFrame:
    """A ranked support package for a firm at ``stage`` facing ``barriers``, within a budget.

    Greedy (see the module docstring for the gain): each step adds the affordable measure that
    covers a not-yet-covered barrier with the highest gain per point, or, once nothing new can
    be covered, the one that reinforces most per point. Only measures that fit the stage and
    address at least one chosen barrier are considered. Returns one row per measure in the
    order chosen: ``rank``, ``measure``, ``name``, ``type``, ``cost``, ``cumulative_cost``,
    ``addresses`` (chosen barriers it addresses), ``new`` (those covered for the first time),
    ``gain``, ``gain_per_point`` and ``reason``. ``.attrs['uncovered']`` lists the chosen
    barriers the package leaves uncovered (no measure for the stage, or no budget left).
    """
    key = _stage(stage)
    chosen = _barriers(barriers)
    budget = _validate.whole(budget_points, "budget_points", low=1, example="6 (points)")
    picked = _pick_greedily(_pool(key, chosen), chosen, budget, STAGE_POLICY[key])
    covered = [b for c in picked for b in c["new"]]
    out = _package_table(picked, STAGE_LABELS[key])
    out.attrs["uncovered"] = [b for b in chosen if b not in covered]
    out.attrs["stage"] = key
    out.attrs["budget_points"] = budget
    return out


def _pool(key: str, chosen: list[str]) -> list[pd.Series]:
    """The measures that fit the stage and address at least one chosen barrier."""
    return [
        row
        for _, row in MEASURES.iterrows()
        if key in row["stages"]
        and any(b in row["barriers"] for b in chosen)
        and not row["framework"]  # a tax law or a port is not in an agency's budget
    ]


def _candidate(
    row: pd.Series, chosen: list[str], covered: list[str], wanted: str
) -> dict[str, Any]:
    """``row`` as the next pick would be: the barriers it covers anew or again, and its gain."""
    hits = [b for b in chosen if b in row["barriers"]]
    new = [b for b in hits if b not in covered]
    again = [b for b in hits if b in covered]
    fit = row["type"] == wanted
    gain = (
        GAIN_WEIGHTS["new"] * len(new)
        + GAIN_WEIGHTS["again"] * len(again)
        + GAIN_WEIGHTS["fit"] * fit
    )
    return {
        "measure": row["measure"],
        "name": row["name"],
        "type": row["type"],
        "cost": int(row["cost"]),
        "hits": hits,
        "new": new,
        "again": again,
        "fit": fit,
        "gain": gain,
        "gain_per_point": gain / row["cost"],
    }


def _pick_greedily(
    pool: list[pd.Series], chosen: list[str], budget: int, wanted: str
) -> list[dict[str, Any]]:
    """The measures in the order the greedy rule picks them (see the module docstring).

    Each step takes the affordable candidate with the highest key: covers something new
    first, then gain per point, gain, the cheaper, the earlier in the catalogue.
    """
    covered: list[str] = []
    taken: set[str] = set()
    picked: list[dict[str, Any]] = []
    left = budget
    while True:
        best: tuple[tuple[bool, float, float, int, int], dict[str, Any]] | None = None
        for order, row in enumerate(pool):
            if row["measure"] in taken or row["cost"] > left:
                continue
            c = _candidate(row, chosen, covered, wanted)
            rank_key = (
                bool(c["new"]),
                round(c["gain_per_point"], 9),
                c["gain"],
                -c["cost"],
                -order,
            )
            if best is None or rank_key > best[0]:
                best = (rank_key, c)
        if best is None:
            return picked
        choice = best[1]
        picked.append(choice)
        taken.add(choice["measure"])
        covered.extend(choice["new"])
        left -= choice["cost"]


def _reason(c: dict[str, Any], stage_label: str) -> str:
    """Why a pick is in the package, in words."""
    parts = []
    if c["new"]:
        parts.append("covers " + ", ".join(c["new"]) + " for the first time")
    if c["again"]:
        parts.append("reinforces " + ", ".join(c["again"]))
    if c["fit"]:
        parts.append(f"{c['type']} policy, the kind the {stage_label} stage calls for")
    else:
        parts.append(f"{c['type']} policy, also useful at the {stage_label} stage")
    parts.append(f"{c['cost']} point{'s' if c['cost'] > 1 else ''}")
    return "; ".join(parts)


_PACKAGE_COLUMNS = [
    "rank",
    "measure",
    "name",
    "type",
    "cost",
    "cumulative_cost",
    "addresses",
    "new",
    "gain",
    "gain_per_point",
    "reason",
]


def _package_table(picked: list[dict[str, Any]], stage_label: str) -> pd.DataFrame:
    """One row per pick, in the order picked, with the running cost and the reason."""
    rows = []
    spent = 0
    for i, c in enumerate(picked, start=1):
        spent += c["cost"]
        rows.append(
            {
                "rank": i,
                "measure": c["measure"],
                "name": c["name"],
                "type": c["type"],
                "cost": c["cost"],
                "cumulative_cost": spent,
                "addresses": ", ".join(c["hits"]),
                "new": ", ".join(c["new"]),
                "gain": c["gain"],
                "gain_per_point": c["gain_per_point"],
                "reason": _reason(c, stage_label),
            }
        )
    return pd.DataFrame(rows, columns=_PACKAGE_COLUMNS)


def package_measures(
    stage: str, barriers: Iterable[str] | str, budget_points: int = 6
) -> list[str]:
    """The measure keys of :func:`design_package`, in the order chosen (for exercise checks)."""
    return design_package(stage, barriers, budget_points)["measure"].tolist()


def first_pick(stage: str, barriers: Iterable[str] | str, budget_points: int = 6) -> str:
    """The first measure :func:`design_package` chooses (for exercise checks)."""
    package = design_package(stage, barriers, budget_points)
    if package.empty:
        chosen = ", ".join(_barriers(barriers))
        raise ValueError(
            f"no measure fits the {package.attrs['stage']} stage and the barrier(s) {chosen} "
            f"within {package.attrs['budget_points']} points; measure_keys(stage) lists the "
            f"measures for the stage"
        )
    return str(package["measure"].iloc[0])


def measure_keys(stage: str, barriers: Iterable[str] | str | None = None) -> list[str]:
    """The keys of :func:`measures_for`, in its order (for exercise checks)."""
    return measures_for(stage, barriers)["measure"].tolist()


def package_cost(stage: str, barriers: Iterable[str] | str, budget_points: int = 6) -> int:
    """The points :func:`design_package` spends."""
    return int(design_package(stage, barriers, budget_points)["cost"].sum())


def uncovered_barriers(
    stage: str, barriers: Iterable[str] | str, budget_points: int = 6
) -> list[str]:
    """The chosen barriers that :func:`design_package` leaves uncovered."""
    return list(design_package(stage, barriers, budget_points).attrs["uncovered"])


# ---------------------------------------------------------------------------------------------
# The data view: time and cost of exporting by income group (Doing Business 2018)

#: Income groups of the World Bank classification, richest first.
INCOME_ORDER: tuple[str, ...] = (
    "High income",
    "Upper middle income",
    "Lower middle income",
    "Low income",
)

#: The DB16-18 export measures: hours and US$ for border and documentary compliance.
EXPORT_COLUMNS: tuple[str, ...] = (
    "export_border_hours",
    "export_documentary_hours",
    "export_border_usd",
    "export_documentary_usd",
)


#: The DB2006-15 export measures (the method before the 2016 edition): documents, days and US$
#: per container. They cannot be chained to the DB16-18 hours: the case itself changed.
OLD_METHOD_COLUMNS: tuple[str, ...] = (
    "time_to_export_days",
    "documents_to_export",
    "cost_to_export_usd_container",
)

#: The editions measured with the old method.
OLD_METHOD_EDITIONS: tuple[int, ...] = tuple(range(2006, 2016))


def _with_group(given: object, countries: pd.DataFrame | None, by: str, name: str) -> pd.DataFrame:
    table: pd.DataFrame = _validate.instance(
        given, name, pd.DataFrame, "a DataFrame (or None for the course data)"
    )
    _validate.instance(by, "by", str, "a column name such as 'income_group'")
    if by in table.columns:
        return table
    if "iso3" not in table.columns:
        raise ValueError(f"the {name} table has no column {by!r} and no 'iso3' to look it up")
    if countries is None:
        from coursekit import data

        countries = data.load("countries")
    if by not in countries.columns:
        valid = sorted(set(table.columns) | set(countries.columns))
        raise ValueError(
            f"Unknown grouping column {by!r}.{_validate.suggest(by, valid)} "
            f"Columns you can group by: {', '.join(valid)}"
        )
    return table.merge(countries[["iso3", by]], on="iso3", how="left")


def _columns(columns: object, name: str = "columns") -> list[str]:
    """A column name or a list of column names (text), as a list."""
    if isinstance(columns, str):
        return [columns]
    if not isinstance(columns, Iterable) or isinstance(columns, (bytes, dict)):
        raise TypeError(
            f"{name} must be a column name or a list of column names such as "
            f"['export_border_hours'], not {type(columns).__name__}"
        )
    cols = list(columns)
    for c in cols:
        if not isinstance(c, str):
            raise TypeError(f"{name} must be column names (text), not {type(c).__name__} {c!r:.40}")
    return cols


def _group_order(values: Iterable[Any]) -> list[str]:
    present = [str(v) for v in dict.fromkeys(values)]
    known = [g for g in INCOME_ORDER if g in present]
    return known + sorted(g for g in present if g not in INCOME_ORDER)


def group_medians(
    table: pd.DataFrame,
    columns: Iterable[str],
    by: str = "income_group",
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The median of each of ``columns`` per group (``by``), skipping missing values.

    ``by`` is a column of ``table`` or, looked up by ``iso3``, of ``countries`` (default: the
    course's ``countries`` table). Rows without a group are left out. Income groups come richest
    first; other groups alphabetically. ``n_economies`` counts the economies of each group with
    a value in at least one of ``columns`` (an economy listed without data is not "covered").
    """
    frame = _with_group(table, countries, by, "table")
    if table.empty:
        raise ValueError("the table is empty: it needs at least one row (one economy)")
    cols = _columns(columns)
    unknown = [c for c in cols if c not in frame.columns]
    if unknown or not cols:
        raise ValueError(
            f"Unknown column(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"columns: {', '.join(map(str, frame.columns))}"
        )
    frame = frame[frame[by].notna() & (frame[by].astype(str).str.strip() != "")]
    numeric = frame[cols].apply(pd.to_numeric, errors="coerce")
    grouped = numeric.groupby(frame[by].astype(str))
    out = grouped.median()
    out["n_economies"] = numeric.notna().any(axis=1).groupby(frame[by].astype(str)).sum()
    out = out.reindex(_group_order(frame[by].astype(str))).rename_axis(by).reset_index()
    out["n_economies"] = out["n_economies"].astype(int)
    return out


def export_costs_by_group(
    table: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    columns: Iterable[str] | None = None,
    by: str = "income_group",
    db_year: int | None = 2018,
) -> pd.DataFrame:
    """Median time (hours) and cost (US$) to export per income group, Doing Business 2018.

    ``table`` defaults to the course's ``trading_across_borders``; it is cut to ``db_year``
    when it has a ``db_year`` column (``None`` keeps every edition). ``columns`` defaults to
    :data:`EXPORT_COLUMNS`. **Caution:** the World Bank discontinued Doing Business in 2021 after
    a review found data irregularities in the 2018 and 2020 editions; treat these numbers as
    historical and approximate.
    """
    if table is None:
        from coursekit import data

        table = data.load("trading_across_borders")
    if isinstance(table, pd.DataFrame) and db_year is not None and "db_year" in table.columns:
        year = _validate.whole(db_year, "db_year", example="2018")
        if year not in set(table["db_year"].dropna().astype(int)):
            raise ValueError(
                f"No Doing Business edition {db_year}; editions: "
                f"{', '.join(map(str, sorted(set(table['db_year'].dropna()))))}"
            )
        table = table[table["db_year"] == year]
    return group_medians(table, EXPORT_COLUMNS if columns is None else columns, by, countries)


def export_totals_by_group(
    table: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    by: str = "income_group",
    db_year: int | None = 2018,
) -> pd.DataFrame:
    """Median of each economy's *combined* border + documentary time (hours) and cost (US$).

    A sum of two medians is not the median of the sums, so the totals are added per economy
    first (``total_hours``, ``total_usd``) and their median is taken per group; economies that
    lack either part are left out of that total. ``n_economies`` counts the economies with both.
    """
    if table is None:
        from coursekit import data

        table = data.load("trading_across_borders")
    _validate.instance(table, "table", pd.DataFrame, "a DataFrame (or None for the course data)")
    if db_year is not None and "db_year" in table.columns:
        table = table[table["db_year"] == _validate.whole(db_year, "db_year", example="2018")]
    parts = {
        "total_hours": ("export_border_hours", "export_documentary_hours"),
        "total_usd": ("export_border_usd", "export_documentary_usd"),
    }
    missing = [c for cols in parts.values() for c in cols if c not in table.columns]
    if missing:
        raise ValueError(f"the table lacks the column(s) {', '.join(map(repr, missing))}")
    frame = table.copy()
    for total, (a, b) in parts.items():
        # min_count=2: a total needs both parts, never a part plus a silent zero
        frame[total] = frame[[a, b]].apply(pd.to_numeric, errors="coerce").sum(axis=1, min_count=2)
    return group_medians(frame, list(parts), by, countries)


def export_cost_median(
    group: str, column: str = "export_border_hours", db_year: int = 2018, by: str = "income_group"
) -> float:
    """The median of one export measure in one group, from :func:`export_costs_by_group`."""
    table = export_costs_by_group(columns=[column], by=by, db_year=db_year).set_index(by)
    if group not in table.index:
        groups = list(map(str, table.index))
        raise ValueError(
            f"Unknown group {group!r}.{_validate.suggest(group, groups)} "
            f"Groups: {', '.join(groups)}"
        )
    return float(table.loc[group, column])


def latest_values(indicators: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Each economy's most recent non-missing value of each column (and its year)."""
    _validate.instance(
        indicators,
        "indicators",
        pd.DataFrame,
        "a DataFrame with the columns iso3, year and the indicators "
        "(such as data.load('indicators'))",
    )
    cols = _columns(columns)
    if not cols:
        raise ValueError("columns is empty: name at least one indicator column, such as 'lpi'")
    missing = [c for c in ("iso3", "year", *cols) if c not in indicators.columns]
    if missing:
        raise ValueError(
            f"Unknown column(s) {', '.join(map(repr, missing))}; columns: "
            f"{', '.join(map(str, indicators.columns))}"
        )
    if indicators.empty:
        raise ValueError("the indicators table is empty: it needs at least one row")
    rows = []
    ordered = indicators.sort_values("year")
    for col in cols:
        last = ordered.dropna(subset=[col]).drop_duplicates("iso3", keep="last")
        rows.append(last.set_index("iso3")[[col, "year"]].rename(columns={"year": f"{col}_year"}))
    return pd.concat(rows, axis=1).rename_axis("iso3").reset_index()


def indicators_by_group(
    indicators: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    columns: Iterable[str] = ("lpi", "political_stability"),
    by: str = "income_group",
) -> pd.DataFrame:
    """Median of each economy's latest value of ``columns`` per group (LPI 2023, WGI).

    ``indicators`` defaults to the course's ``indicators`` table (``iso3``, ``year`` and the
    indicator columns).
    """
    if indicators is None:
        from coursekit import data

        indicators = data.load("indicators")
    cols = _columns(columns)  # latest_values checks indicators and the columns
    return group_medians(latest_values(indicators, cols), cols, by, countries)


def export_change(
    first: int = 2006,
    last: int = 2015,
    column: str = "time_to_export_days",
    table: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each economy's value of one old-method export measure in two editions, and the change.

    A before/after view of trade facilitation: ``column`` (days, documents or US$ per container,
    :data:`OLD_METHOD_COLUMNS`) in Doing Business ``first`` and ``last``, both between 2006 and
    2015. The 2016 edition changed the method (hours for border and documentary compliance, each
    economy's own product to its own main partner), so an old-method value is never compared
    with a new one: a year outside :data:`OLD_METHOD_EDITIONS` raises ValueError. Only economies
    with a value in both editions are kept; ``city_switch`` is True where one of the two rows
    describes the main business city and the other the whole economy (the change then also
    reflects that). Columns: ``iso3``, ``income_group``, ``first``, ``last``, ``change``,
    ``city_switch``, sorted by ``change`` (largest fall first).
    """
    first = _validate.whole(first, "first", example="2006")
    last = _validate.whole(last, "last", example="2015")
    for name, year in (("first", first), ("last", last)):
        if year not in OLD_METHOD_EDITIONS:
            raise ValueError(
                f"{name} must be a Doing Business edition from 2006 to 2015 (the method changed "
                f"in 2016, so later hours cannot be compared with earlier days), not {year}"
            )
    if first >= last:
        raise ValueError(f"first must be an earlier edition than last, not {first} and {last}")
    column = _validate.choice(column, "column", OLD_METHOD_COLUMNS)
    if table is None:
        from coursekit import data

        table = data.load("trading_across_borders")
    _validate.instance(table, "table", pd.DataFrame, "a DataFrame (or None for the course data)")
    needed = ["iso3", "db_year", column]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(f"the table lacks the column(s) {', '.join(map(repr, missing))}")
    city = table["from_city_row"] if "from_city_row" in table.columns else False
    frame = table.assign(_city=city)
    rows = []
    for year in (first, last):
        part = frame[frame["db_year"] == year].dropna(subset=[column])
        part = part.drop_duplicates("iso3").set_index("iso3")
        rows.append(part[[column, "_city"]])
    both = rows[0].add_suffix("_first").join(rows[1].add_suffix("_last"), how="inner")
    out = pd.DataFrame(
        {
            "first": pd.to_numeric(both[f"{column}_first"]),
            "last": pd.to_numeric(both[f"{column}_last"]),
            "city_switch": both["_city_first"].astype(bool) != both["_city_last"].astype(bool),
        },
        index=both.index,
    )
    out["change"] = out["last"] - out["first"]
    out = _with_group(out.rename_axis("iso3").reset_index(), countries, "income_group", "table")
    columns = ["iso3", "income_group", "first", "last", "change", "city_switch"]
    return out[columns].sort_values(["change", "iso3"], kind="stable").reset_index(drop=True)


def export_change_median(
    group: str = "Low income",
    first: int = 2006,
    last: int = 2015,
    column: str = "time_to_export_days",
) -> float:
    """The median, over one income group's economies, of :func:`export_change`'s ``change``."""
    changes = export_change(first, last, column)
    groups = _group_order(changes["income_group"].dropna())
    if group not in groups:
        raise ValueError(
            f"Unknown group {group!r}.{_validate.suggest(group, groups)} "
            f"Groups: {', '.join(groups)}"
        )
    return float(changes.loc[changes["income_group"] == group, "change"].median())
