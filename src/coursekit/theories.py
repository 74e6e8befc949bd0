"""Chapter 5 model (book/ch05_comparing_theories.md).

Comparing the theories of SME internationalization: a comparison table and short cases, as data.

:func:`comparison_table` returns the chapter's table (one row per theory or lens: unit of
analysis, explanatory construct, speed, mechanism, prediction, what it explains, what it misses,
what the main empirical tests found, key references).
:data:`CASES` holds seven **illustrative, invented** firm stories, each with the mechanism that
dominates it, the theories that support it and why; :func:`match_case` gives feedback on a
reader's choice for one case, :func:`answer_key` returns every case's dominant theory (the
exercise check uses it), and :func:`review_matches` reads a whole matching as the chapter does,
passing a supporting mechanism as defensible and naming the dominant one.

:func:`documented_cases` adds **real, documented cases** from published case studies (the data
table ``case_studies``: what each study reports, in our words, and the course's coding of it).
:func:`match_case` and :func:`defensible` work on them too. :func:`prediction_checks` and
:func:`hit_rate` ask how often three theories' predictions hold on them. Assumptions of those
checks, stated once:

- the coding (speed, distance of the first markets, who chose the markets, the dominant and the
  supporting mechanisms) is the course's reading of each study, not the study's own words;
- a code ``"not reported"`` is unknown: a prediction that needs it is neither right nor wrong
  (three-valued logic, so ``False and unknown`` is ``False``), and :func:`hit_rate` either
  leaves such cases out (``unknown="skip"``, the default) or counts them as failures
  (``unknown="fail"``);
- ``"mixed"`` (a sample with both kinds of firm) fails a prediction that claims one kind;
- the cases are few and chosen, by the course, from studies that set out to examine one
  mechanism; a hit rate describes these cases, it is not a test of a theory.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from coursekit import _validate

__all__ = [
    "THEORIES",
    "THEORY_NAMES",
    "CASES",
    "Case",
    "Feedback",
    "comparison_table",
    "theory_row",
    "case",
    "case_ids",
    "cases_table",
    "best_theory",
    "match_case",
    "answer_key",
    "theories_with_unit",
    "theories_with_speed",
    "theories_with_construct_level",
    "case_for",
    "defensible",
    "documented_cases",
    "documented_table",
    "documented_ids",
    "documented_answer_key",
    "prediction_checks",
    "hit_rate",
    "CONSTRUCT_LEVELS",
    "SPEEDS",
    "CODES",
    "PREDICTIONS",
    "MATCH_VERDICTS",
    "review_matches",
]

#: Theory ids, in the order the chapter presents them.
THEORIES: tuple[str, ...] = (
    "economic",
    "stage",
    "network",
    "born_global",
    "integrated",
    "resource_based",
    "dynamic_capabilities",
    "institutional",
)

THEORY_NAMES: dict[str, str] = {
    "economic": "Economic theories (internalization, transaction costs, OLI)",
    "stage": "Stage models (Uppsala, innovation-related)",
    "network": "Network approach",
    "born_global": "International entrepreneurship / born globals",
    "integrated": "Integrated approach",
    "resource_based": "Resource-based view",
    "dynamic_capabilities": "Dynamic capabilities",
    "institutional": "Institutional theory",
}

# ``unit`` is the unit of analysis: the entity whose internationalization is studied. For every
# theory here it is a firm (or a new venture, a firm in the making), or the firm in its network
# of relationships; what differs between them is the *explanatory construct* (``construct``) and
# the level at which that construct sits (``construct_level``: the firm itself, its
# relationships, the individual entrepreneur, the transaction, or the institutional
# environment).
_TABLE: tuple[dict[str, str], ...] = (
    {
        "theory": "economic",
        "unit": "firm",
        "unit_detail": "The firm, and each transaction it could leave to a market or organise "
        "itself",
        "construct": "Transaction costs and market failure; ownership, location and "
        "internalization advantages",
        "construct_level": "transaction",
        "speed": "not addressed",
        "mechanism": "A firm organises an activity abroad itself when markets for knowledge "
        "and other intermediate products fail, and invests abroad when it has an ownership "
        "advantage worth using in a foreign location and internalizing",
        "predicts": "Licensing or exporting where contracts are easy to enforce and know-how "
        "is easy to price; own operations where they are not",
        "explains": "Why a firm chooses to own, license or export; the choice of entry mode",
        "misses": "The process and pace of expansion; learning; small firms without the "
        "resources to invest abroad",
        "evidence": "SMEs whose entry modes matched the transaction-cost prediction performed "
        "better than those that chose otherwise (Brouthers & Nakos 2004); little "
        "evidence on process, which the theories do not claim to explain",
        "references": "Buckley & Casson 1976; Dunning 1988",
    },
    {
        "theory": "stage",
        "unit": "firm",
        "unit_detail": "The firm, followed market by market over time",
        "construct": "Experiential (market-specific) knowledge and market commitment; "
        "management's attitudes in the innovation-related models",
        "construct_level": "firm",
        "speed": "slow",
        "mechanism": "Experiential learning: knowledge from current activity lowers "
        "uncertainty, so commitment grows one step at a time, starting with "
        "psychically close markets",
        "predicts": "Within a market, commitment rises one rung at a time; across markets, "
        "entry follows psychic distance",
        "explains": "The gradual establishment chain and the order of markets of many "
        "manufacturers; why early steps are small and cheap",
        "misses": "Firms that leap stages or start abroad; the role of partners and of the "
        "founder's prior experience; its exceptions make it hard to falsify",
        "evidence": "Fits the four Swedish firms it was built on (Johanson & Wiedersheim-Paul "
        "1975); little sign that Norwegian firms' later investments went to more "
        "distant countries (Benito & Gripsrud 1992); many New Zealand firms that began "
        "traditionally later took on born-global features (Chetty & Campbell-Hunt 2004)",
        "references": "Johanson & Vahlne 1977; Bilkey & Tesar 1977; Cavusgil 1980",
    },
    {
        "theory": "network",
        "unit": "firm in its network",
        "unit_detail": "The firm in its web of business relationships (customers, suppliers, "
        "distributors, partners)",
        "construct": "Relationships and network position; trust and commitment in them",
        "construct_level": "relationships",
        "speed": "variable",
        "mechanism": "Relationships give access, knowledge and trust: firms extend into new "
        "networks, penetrate them and integrate networks across countries; markets are "
        "chosen where partners are",
        "predicts": "Markets and modes follow partners, not psychic distance",
        "explains": "Following a customer abroad; market choices that ignore psychic "
        "distance; fast moves when a partner opens the door",
        "misses": "How the first relationships arise; firms with thin networks; it "
        "describes more easily than it predicts which tie will matter",
        "evidence": "Case studies of software and manufacturing SMEs in New Zealand and Malaysia "
        "find partners choosing markets and modes (Coviello & Munro 1997; Chetty & "
        "Blankenburg Holm 2000; Zain & Ng 2006); nearly all the evidence is case "
        "studies of firms chosen for their networks",
        "references": "Johanson & Mattsson 1988; Coviello & Munro 1997; Johanson & Vahlne 2009",
    },
    {
        "theory": "born_global",
        "unit": "new venture",
        "unit_detail": "The new venture, studied from its founding",
        "construct": "The entrepreneur's experience, orientation and recognition of opportunities",
        "construct_level": "individual",
        "speed": "fast",
        "mechanism": "An entrepreneur with international experience and vision sees an "
        "opportunity across borders and builds the firm around it from the start",
        "predicts": "Founders with international experience, in knowledge-intensive niches, "
        "go abroad soon after founding",
        "explains": "Young firms with a large share of sales abroad within a few years of "
        "founding, often in niche and knowledge-intensive industries",
        "misses": "Survival and later growth; older firms that turn international; the "
        "line between 'fast' and 'gradual' is set by convention",
        "evidence": "A survey of US firms tied orientation and capabilities to born-global "
        "performance (Knight & Cavusgil 2004); Finnish true born globals out-performed "
        "apparent ones (Kuivalainen et al. 2007); yet few Costa Rican software firms "
        "were born global (Lopez et al. 2009), and a revisit found most seminal cases "
        "reproduced from existing organisations (Rumyantseva & Welch 2023)",
        "references": "Oviatt & McDougall 1994; Knight & Cavusgil 2004",
    },
    {
        "theory": "integrated",
        "unit": "firm",
        "unit_detail": "The firm's whole path over time",
        "construct": "Several at once: learning, relationships, the entrepreneur, resources, "
        "events",
        "construct_level": "several",
        "speed": "variable",
        "mechanism": "Learning, relationships, entrepreneurial drive and resources all act; "
        "which dominates depends on the firm, its industry and the moment",
        "predicts": "Different pathways (gradual, born global, born-again global) under "
        "different conditions",
        "explains": "Why different firms follow different paths (gradual, born global, "
        "born-again global) and why one firm can switch between them",
        "misses": "Parsimony: with every factor included it is hard to test or to predict "
        "which one will matter",
        "evidence": "Mostly conceptual; the New Zealand comparison, in which firms moved between "
        "paths, fits it (Chetty & Campbell-Hunt 2004); its predictions are rarely "
        "tested directly",
        "references": "Bell et al. 2003; Ruzzier et al. 2006",
    },
    {
        "theory": "resource_based",
        "unit": "firm",
        "unit_detail": "The firm",
        "construct": "Resources and capabilities that are valuable, rare, hard to imitate "
        "and without substitutes",
        "construct_level": "firm",
        "speed": "variable",
        "mechanism": "Resources that are valuable, rare, hard to imitate and without "
        "substitutes carry an advantage the firm can exploit in many markets",
        "predicts": "Firms with such resources succeed abroad more often, whatever their size",
        "explains": "Why firms with unique technology, know-how or brands can sell "
        "abroad despite being small; which firms succeed abroad",
        "misses": "The process and timing of expansion; how resources are built or "
        "changed; the foreign environment",
        "evidence": "Indirect: capabilities and unique products went with born-global performance "
        "in Knight & Cavusgil's survey (2004); SME tests that measure the VRIN "
        "properties themselves are rare",
        "references": "Barney 1991",
    },
    {
        "theory": "dynamic_capabilities",
        "unit": "firm",
        "unit_detail": "The firm, over a period of change",
        "construct": "The capacity to sense, seize and reconfigure: to change the resource base",
        "construct_level": "firm",
        "speed": "variable",
        "mechanism": "Sensing opportunities and threats, seizing them, and reconfiguring "
        "resources keep the firm fit as markets change",
        "predicts": "Firms that reconfigure after a shock recover abroad; others retreat",
        "explains": "Firms that rebuild themselves after a shock and internationalize "
        "anew; sustained success in fast-moving markets",
        "misses": "Hard to observe before the fact; risk of explaining success by the "
        "success itself",
        "evidence": "Mostly conceptual for small firms (Weerawardena et al. 2007 propose a model "
        "rather than test it); hard to measure before the outcome is known",
        "references": "Teece, Pisano & Shuen 1997; Teece 2007",
    },
    {
        "theory": "institutional",
        "unit": "firm",
        "unit_detail": "The firm in its home and host institutional environments",
        "construct": "Formal and informal institutions (rules, norms) and the legitimacy "
        "they confer",
        "construct_level": "environment",
        "speed": "variable",
        "mechanism": "Formal and informal institutions raise or lower the cost and risk of "
        "doing business, and decide what counts as legitimate, so they steer where and how "
        "firms enter",
        "predicts": "Firms with similar resources choose differently when the rules differ",
        "explains": "Choices of markets and entry modes that follow regulation, trade "
        "agreements, property-rights protection or support schemes",
        "misses": "Differences between firms facing the same rules; the firm's own "
        "learning and resources",
        "evidence": "Case evidence that government export programmes shaped SMEs' formal networks "
        "(Chetty & Blankenburg Holm 2000); the institution-based view draws mainly on "
        "research in emerging economies (Peng, Wang & Jiang 2008)",
        "references": "North 1990; DiMaggio & Powell 1983; Peng, Wang & Jiang 2008",
    },
)

#: The order in which speeds are listed ("not addressed": the theory says nothing about pace).
SPEEDS: tuple[str, ...] = ("slow", "variable", "fast", "not addressed")

#: The levels at which a theory's explanatory construct sits.
CONSTRUCT_LEVELS: tuple[str, ...] = (
    "firm",
    "relationships",
    "individual",
    "transaction",
    "environment",
    "several",
)


def comparison_table() -> pd.DataFrame:
    """The chapter's comparison of theories, one row per theory (a fresh copy each call).

    Columns: ``theory`` (id), ``name``, ``unit`` (short unit of analysis: the entity studied),
    ``unit_detail``, ``construct`` (the key explanatory construct), ``construct_level`` (where
    it sits: firm, relationships, individual, transaction, environment, several), ``speed``
    (``slow``, ``variable``, ``fast`` or ``not addressed``), ``mechanism``, ``predicts`` (a
    testable prediction), ``explains``, ``misses``, ``evidence`` (what the main empirical tests
    the chapter cites found, with the studies), ``references``.
    """
    table = pd.DataFrame(list(_TABLE))
    table.insert(1, "name", table["theory"].map(THEORY_NAMES))
    return table


def _check_theory(theory: object) -> str:
    if not isinstance(theory, str):
        raise TypeError(
            f"theory must be one of the ids {', '.join(THEORIES)} (a string), "
            f"not {type(theory).__name__}"
        )
    key = theory.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in THEORIES:
        tip = _validate.suggest(key, THEORIES)
        raise ValueError(f"Unknown theory {theory!r}.{tip} Valid ids: {', '.join(THEORIES)}")
    return key


def theory_row(theory: str) -> dict[str, str]:
    """The comparison-table row of one theory, as a dict."""
    key = _check_theory(theory)
    row = next(r for r in _TABLE if r["theory"] == key)
    return {
        "theory": key,
        "name": THEORY_NAMES[key],
        **{k: v for k, v in row.items() if k != "theory"},
    }


def theories_with_unit(unit: str) -> list[str]:
    """Ids of the theories whose (short) unit of analysis is ``unit``, e.g. ``"firm"``."""
    units = sorted({r["unit"] for r in _TABLE})
    if not isinstance(unit, str):
        raise TypeError(f"unit must be one of {', '.join(units)} (text), not {type(unit).__name__}")
    if unit not in units:
        raise ValueError(f"unit must be one of {', '.join(units)}, not {unit!r}")
    return [r["theory"] for r in _TABLE if r["unit"] == unit]


def theories_with_construct_level(level: str) -> list[str]:
    """Ids of the theories whose explanatory construct sits at ``level``, e.g. ``"environment"``."""
    if not isinstance(level, str):
        raise TypeError(
            f"level must be one of {', '.join(CONSTRUCT_LEVELS)} (text), not {type(level).__name__}"
        )
    if level not in CONSTRUCT_LEVELS:
        raise ValueError(f"level must be one of {', '.join(CONSTRUCT_LEVELS)}, not {level!r}")
    return [r["theory"] for r in _TABLE if r["construct_level"] == level]


def theories_with_speed(speed: str) -> list[str]:
    """Ids of the theories whose expected speed is ``speed`` (``slow``, ``variable``, ``fast``)."""
    if not isinstance(speed, str):
        raise TypeError(
            f"speed must be one of {', '.join(SPEEDS)} (text), not {type(speed).__name__}"
        )
    if speed not in SPEEDS:
        raise ValueError(f"speed must be one of {', '.join(SPEEDS)}, not {speed!r}")
    return [r["theory"] for r in _TABLE if r["speed"] == speed]


@dataclass(frozen=True)
class Case:
    """A firm story: the mechanism that dominates it (``best``), the theories that explain a
    supporting part of it (``supporting``, theory id -> why), and remarks for choices that miss
    (``partial``). The stories of :data:`CASES` are illustrative and invented; a documented case
    (:func:`documented_cases`) names its study in ``source`` (a key of the bibliography)."""

    case_id: str
    title: str
    story: str
    best: str
    why: str
    clue: str
    partial: dict[str, str] = field(default_factory=dict)
    supporting: dict[str, str] = field(default_factory=dict)
    source: str | None = None  # the bibliography key of a documented case; None if invented

    def __post_init__(self) -> None:
        for name in ("case_id", "title", "story", "why", "clue"):
            _text(getattr(self, name), name)
        if self.source is not None:
            _text(self.source, "source")
        _exact_theory(self.best, "best")
        _theory_remarks(
            self.partial,
            "partial",
            "theory id -> remark, such as {'stage': 'Not gradual here.'}",
            "the remark for {key!r} in partial",
            f"partial has a remark for {self.best!r}, the best theory of the case; "
            f"partial is for the wrong choices only",
            self.best,
        )
        _theory_remarks(
            self.supporting,
            "supporting",
            "theory id -> why it supports the story, such as "
            "{'network': 'A partner found the buyer.'}",
            "the reason for {key!r} in supporting",
            f"supporting names {self.best!r}, the dominant theory of the case; supporting is "
            "for the other theories that explain part of it",
            self.best,
        )
        both = sorted(set(self.supporting) & set(self.partial))
        if both:
            raise ValueError(
                f"{both} appear in both supporting and partial; a theory either supports the "
                "case or misses it"
            )


def _theory_remarks(
    value: object, name: str, shape: str, remark_name: str, best_error: str, best: str
) -> None:
    """A case's map of theory id -> remark: a dict of known theories with text, without ``best``."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict of {shape}, not {type(value).__name__}")
    for key, remark in value.items():
        _exact_theory(key, f"every key of {name}")
        _text(remark, remark_name.format(key=key))
    if best in value:
        raise ValueError(best_error)


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (a str), not {type(value).__name__} {value!r:.40}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def _exact_theory(value: object, name: str) -> str:
    """A theory id exactly as in :data:`THEORIES` (what a Case stores)."""
    key = _check_theory(value)
    if key != value:
        raise ValueError(f"{name} must be a theory id exactly as in THEORIES, such as {key!r}")
    return key


CASES: tuple[Case, ...] = (
    Case(
        case_id="fjord_furniture",
        title="Fjord Furniture (Norway)",
        story="A family maker of oak furniture filled occasional orders from Swedish shops "
        "for years. It then signed an agent in Stockholm; when Swedish sales grew, it replaced "
        "the agent with its own sales office there, and years later opened an assembly "
        "workshop near Gothenburg to deliver faster to Swedish chains. Meanwhile it began the "
        "same climb in Denmark (occasional orders, then an agent). Germany came later, and "
        "the United States still sees only occasional orders.",
        best="stage",
        why="Within Sweden, commitment rises one rung at a time (irregular export, agent, "
        "sales office, production), and the markets are entered from the psychically closest "
        "outwards: both dimensions of the Uppsala model.",
        clue="Look at the order of the steps within one country, and at the order of the "
        "countries.",
        partial={
            "integrated": "An integrated view fits any firm, but here one mechanism, "
            "gradual learning market by market, is enough to explain the whole path.",
        },
    ),
    Case(
        case_id="alpine_gears",
        title="Alpine Gears (Austria)",
        story="A forty-person maker of precision gears sold only at home until its largest "
        "customer, a German maker of farm machinery, opened plants in Hungary and Brazil and "
        "asked its suppliers to come along. Alpine Gears now delivers to both plants and has "
        "since won two Brazilian customers it met through the same buyer.",
        best="network",
        why="The firm went where its business relationships took it: an existing tie "
        "pulled it into new markets and new networks (extension), and those networks "
        "brought new customers. Psychic distance played no part in choosing Brazil.",
        clue="Who decided which countries the firm would enter?",
        partial={
            "stage": "The firm did not learn its way outwards from close markets; it "
            "jumped to a distant one because a customer was there.",
        },
        supporting={
            "resource_based": "Its precision is why the buyer wanted it along, so its "
            "resources explain why the tie held.",
        },
    ),
    Case(
        case_id="northlight_games",
        title="Northlight Games (Finland)",
        story="Three developers who had worked for game studios in Canada and Japan founded "
        "a company to make puzzle games for phones. Their first title launched in English, "
        "Japanese and Spanish through the app stores; in its second year 85% of revenue came "
        "from outside Finland.",
        best="born_global",
        why="A new venture whose founders, with international experience, aimed at "
        "foreign customers from founding and earned most of its sales abroad within "
        "a few years: a born global, explained by international entrepreneurship.",
        clue="How old was the firm when most of its sales were abroad, and why?",
        supporting={
            "resource_based": "The founders' skills are a resource that makes the games "
            "sell, but the striking fact is the speed and the international vision from day "
            "one.",
            "network": "The app stores and the founders' former employers are ties that "
            "helped, but they do not explain why the firm aimed abroad from the start.",
        },
    ),
    Case(
        case_id="microvalve",
        title="MicroValve (Switzerland)",
        story="A twenty-five-person firm holds patents on a tiny valve that only it can "
        "make to medical tolerances. Makers of insulin pumps and laboratory equipment in "
        "twelve countries buy from it because no competitor offers anything equivalent; it "
        "has never advertised abroad.",
        best="resource_based",
        why="A valuable, rare, hard-to-copy resource (patented technology and know-how) "
        "without a substitute gives the firm an advantage that sells in many countries: "
        "the resource-based view.",
        clue="What do customers in twelve countries get here that they cannot get elsewhere?",
        partial={
            "network": "Relationships with buyers matter, but they follow from the unique "
            "product rather than the other way round.",
        },
        supporting={
            "economic": "Its patent is an ownership advantage in Dunning's sense, and it "
            "sells the valves rather than licensing the know-how, but the case says why "
            "buyers come, not why the firm keeps production in-house.",
        },
    ),
    Case(
        case_id="tecelagem",
        title="Tecelagem Norte (Portugal)",
        story="A weaving mill lost most of its export orders when a large clothing buyer "
        "moved its sourcing to Asia. Its managers noticed growing demand for technical "
        "fabrics, invested in a testing laboratory and certification, retrained the sales "
        "team, and now sells waterproof fabrics to outdoor brands in North America.",
        best="dynamic_capabilities",
        why="The firm sensed a new opportunity, seized it with investment, and "
        "reconfigured its resources and people to serve new markets: dynamic capabilities "
        "(sense, seize, reconfigure).",
        clue="What did the firm do after the shock, and in what order?",
        supporting={
            "resource_based": "The laboratory and the certification are the resources it now "
            "sells on, but the story is about the ability to change the resource base when "
            "markets changed.",
        },
    ),
    Case(
        case_id="pesa_pay",
        title="PesaPay (Kenya)",
        story="A small payments start-up planned to expand to Nigeria, the largest market in "
        "the region, but chose Rwanda and Uganda first: their central banks offered clear "
        "licences for mobile-money firms and a regulatory sandbox, and a regional agreement "
        "made cross-border transfers simpler.",
        best="institutional",
        why="Laws, licences and regulatory arrangements, the formal rules of the game, "
        "decided where the firm went, ahead of market size: institutional theory.",
        clue="What made the smaller markets more attractive than the largest one?",
        partial={
            "stage": "Rwanda and Uganda are close, but the case gives the rules, not "
            "familiarity, as the reason for the choice.",
        },
        supporting={
            "economic": "Clear rules lower the transaction costs of operating, an economic "
            "argument, but the case turns on the rules themselves.",
        },
    ),
    Case(
        case_id="baltic_enzymes",
        title="Baltic Enzymes (Latvia)",
        story="A thirty-person biotech firm has a process for making an enzyme used in "
        "animal feed. A large Brazilian feed maker offered to license the process. The firm "
        "refused: the process is hard to describe in a contract, a licensee could learn it "
        "and stop paying, and court cases in Brazil take years. Instead it built a small "
        "plant near São Paulo, run by its own engineers, and sells the enzyme to the feed "
        "maker.",
        best="economic",
        why="The market for the know-how fails (it is hard to price and easy to copy once "
        "learned), so the firm internalizes it and operates abroad itself: internalization "
        "theory, or in Dunning's terms an ownership advantage used in a location where it "
        "pays to internalize.",
        clue="Why did the firm refuse the licence, and what did it do instead?",
        partial={
            "stage": "The firm jumped straight to production abroad in a distant market, with "
            "no gradual learning.",
        },
        supporting={
            "resource_based": "The process is a valuable, hard-to-imitate resource; that is "
            "why there is something to protect, but not why it is protected by owning the "
            "plant.",
            "institutional": "Slow courts are an institutional weakness that raises the cost "
            "of a licence contract; the decision itself is about which form of organisation "
            "is cheaper.",
        },
    ),
)

_CASES = {c.case_id: c for c in CASES}


def case_ids() -> list[str]:
    """The ids of the cases, in the chapter's order."""
    return [c.case_id for c in CASES]


def case(case_id: str) -> Case:
    """One case by id, invented (:data:`CASES`) or documented (:func:`documented_ids`); an
    unknown id raises ``ValueError`` listing the valid ids."""
    if not isinstance(case_id, str):
        raise TypeError(
            f"case_id must be a string such as 'microvalve', not {type(case_id).__name__}"
        )
    if case_id in _CASES:
        return _CASES[case_id]
    documented = _documented()
    if case_id not in documented:
        tip = _validate.suggest(case_id, [*_CASES, *documented])
        raise ValueError(
            f"Unknown case {case_id!r}.{tip} Valid ids: {', '.join(_CASES)} (invented); "
            f"{', '.join(documented)} (documented)"
        )
    return documented[case_id]


def cases_table() -> pd.DataFrame:
    """The cases without their answers: ``case_id``, ``title``, ``story``."""
    return pd.DataFrame([{"case_id": c.case_id, "title": c.title, "story": c.story} for c in CASES])


def best_theory(case_id: str) -> str:
    """The id of the theory that best explains a case."""
    return case(case_id).best


def answer_key() -> dict[str, str]:
    """Every case's dominant theory: ``{case_id: theory_id}``."""
    return {c.case_id: c.best for c in CASES}


def supporting_key() -> dict[str, list[str]]:
    """Every case's supporting theories: ``{case_id: [theory_id, ...]}`` (the exercise's
    matching check gives a supporting mechanism the point, as :func:`review_matches` does)."""
    return {c.case_id: list(c.supporting) for c in CASES}


def defensible(case_id: str) -> list[str]:
    """The theories that explain at least part of a case: the dominant one first, then the
    supporting ones. The chapter's point is that the theories complement each other."""
    c = case(case_id)
    return [c.best, *c.supporting]


def case_for(theory: str) -> str:
    """The id of the case that ``theory`` explains best (``ValueError`` if there is none)."""
    key = _check_theory(theory)
    found = [c.case_id for c in CASES if c.best == key]
    if not found:
        with_case = ", ".join(sorted({c.best for c in CASES}))
        raise ValueError(f"no case illustrates {key!r}; cases illustrate: {with_case}")
    return found[0]


@dataclass(frozen=True)
class Feedback:
    """The verdict on one choice of theory for one case."""

    case_id: str
    theory: str
    correct: bool
    message: str
    partly: bool = False  # the choice explains a supporting part of the case, not its core

    def __post_init__(self) -> None:
        _text(self.case_id, "case_id")
        _exact_theory(self.theory, "theory")
        if not isinstance(self.correct, bool):
            raise TypeError(f"correct must be True or False, not {type(self.correct).__name__}")
        if not isinstance(self.partly, bool):
            raise TypeError(f"partly must be True or False, not {type(self.partly).__name__}")
        if self.correct and self.partly:
            raise ValueError("a choice is either the dominant mechanism (correct) or partly right")
        _text(self.message, "message")

    def __bool__(self) -> bool:
        return self.correct


def match_case(case_id: str, theory: str) -> Feedback:
    """Feedback on explaining ``case_id`` with ``theory`` (an id of :data:`THEORIES`).

    A right choice gets the reason; a wrong one gets a case-specific remark where the chapter
    has one, otherwise what the chosen theory explains, plus a clue. The right answer is not
    revealed by a wrong choice.
    """
    c = case(case_id)
    key = _check_theory(theory)
    if key == c.best:
        extra = (
            " Supporting mechanisms: " + "; ".join(THEORY_NAMES[t] for t in c.supporting) + "."
            if c.supporting
            else ""
        )
        return Feedback(c.case_id, key, True, f"Yes. {c.why}{extra}")
    if key in c.supporting:
        return Feedback(
            c.case_id,
            key,
            False,
            f"Partly. {c.supporting[key]} It is a supporting mechanism; another one dominates. "
            f"Clue: {c.clue}",
            partly=True,
        )
    if key in c.partial:
        remark = c.partial[key]
    else:
        row = theory_row(key)
        explains = row["explains"][0].lower() + row["explains"][1:]
        remark = f"This lens is best at explaining {explains}. That is not the heart of this case."
    return Feedback(c.case_id, key, False, f"Not quite. {remark} Clue: {c.clue}")


#: The verdicts of :func:`review_matches`, from best to worst; the first two pass.
MATCH_VERDICTS: tuple[str, ...] = ("dominant", "defensible", "not supported", "not answered")


def review_matches(answers: Mapping[str, object]) -> pd.DataFrame:
    """Read a whole matching ``{case_id: theory_id}`` the way the chapter reads the cases.

    The theories complement each other, so a case is answered well by its dominant mechanism
    *or* by a supporting one. One row per case given, in the order given: ``case_id``,
    ``answer`` (the theory id, or ``None`` for ``...``), ``verdict`` (:data:`MATCH_VERDICTS`),
    ``passed`` and ``feedback``:

    - ``"dominant"``: the answer is the mechanism that dominates the case (passed);
    - ``"defensible"``: a supporting mechanism (passed), with the feedback
      "Defensible, but the dominant mechanism is …" and why it dominates;
    - ``"not supported"``: the story does not support it (not passed); the feedback is
      :func:`match_case`'s remark and clue, which does not reveal the answer;
    - ``"not answered"``: the value is ``...`` or ``None`` (not passed).

    ``attrs["passed"]`` is True when every case passed; ``attrs["dominant"]`` counts the
    dominant answers. Works on invented and documented cases (:func:`case`). An unknown case or
    theory id raises ``ValueError`` naming the valid ids.

    (The exercise's ``coursekit.check("ch05.match_cases", ...)`` gives a supporting mechanism
    the point too, through :func:`supporting_key`, but only says "defensible"; this function
    also says which mechanism dominates and why.)
    """
    if not isinstance(answers, Mapping) or isinstance(answers, str):
        raise TypeError(
            "answers must be a dict {case_id: theory_id}, such as {'microvalve': "
            f"'resource_based'}}, not {type(answers).__name__}"
        )
    if not answers:
        raise ValueError("answers is empty: give a dict {case_id: theory_id} for the cases")
    rows: list[tuple[str, str | None, str, bool, str]] = []
    for case_id, theory in answers.items():
        c = case(case_id)  # type and unknown-id errors name the valid ids
        if theory is Ellipsis or theory is None:
            rows.append((c.case_id, None, "not answered", False, "Not answered yet."))
            continue
        key = _check_theory(theory)
        if key == c.best:
            verdict, text = "dominant", match_case(c.case_id, key).message
        elif key in c.supporting:
            verdict = "defensible"
            text = (
                f"Defensible, but the dominant mechanism is {THEORY_NAMES[c.best]} "
                f"({c.best}). {c.supporting[key]} {c.why}"
            )
        else:
            verdict, text = "not supported", match_case(c.case_id, key).message
        rows.append((c.case_id, key, verdict, verdict in MATCH_VERDICTS[:2], text))
    out = pd.DataFrame(rows, columns=["case_id", "answer", "verdict", "passed", "feedback"])
    dupes = out["case_id"][out["case_id"].duplicated()].tolist()
    if dupes:
        raise ValueError(f"case {dupes[0]!r} is given twice; give each case once")
    out.attrs["passed"] = bool(out["passed"].all())
    out.attrs["dominant"] = int((out["verdict"] == "dominant").sum())
    return out


# --------------------------------------------------------------------------------------------
# Documented cases: published case studies, coded by the course (data table "case_studies")

#: The codes allowed in the documented cases' coded columns ("not reported" = unknown).
CODES: dict[str, tuple[str, ...]] = {
    "speed": ("gradual", "rapid", "mixed", "not reported"),
    "first_markets": ("close", "distant", "mixed", "not reported"),
    "markets_chosen_by": ("firm", "partners", "founders", "rules", "mixed", "not reported"),
}

#: Three theories' predictions about a documented case, in words; :func:`prediction_checks`
#: applies them to the coded columns.
PREDICTIONS: dict[str, str] = {
    "stage": "gradual, and the first foreign markets close to home",
    "network": "the markets chosen by partners",
    "born_global": "rapid internationalization",
}

_UNKNOWN = "not reported"


def _check_documented(frame: pd.DataFrame) -> pd.DataFrame:
    """The case_studies table, checked: codes, theory ids and their supporting notes."""
    for column, allowed in CODES.items():
        bad = sorted(set(frame[column]) - set(allowed))
        if bad:
            raise ValueError(f"case_studies.{column} has codes {bad}; allowed: {list(allowed)}")
    for row in frame.itertuples(index=False):
        _exact_theory(row.dominant, f"the dominant theory of {row.case_id}")
        supporting = _supporting_ids(row.supporting)
        for theory in supporting:
            _exact_theory(theory, f"a supporting theory of {row.case_id}")
        if row.dominant in supporting:
            raise ValueError(f"{row.case_id}: the dominant theory is also listed as supporting")
        if bool(supporting) != (row.supporting_note != "none"):
            raise ValueError(
                f"{row.case_id}: supporting theories need a supporting_note, and 'none' needs "
                "'none'"
            )
    return frame


def _supporting_ids(text: str) -> list[str]:
    return [] if text == "none" else [t.strip() for t in text.split(";")]


def documented_cases() -> pd.DataFrame:
    """The documented cases with the course's coding (a fresh copy of the ``case_studies``
    table, checked): ``case_id``, ``firm``, ``home``, ``sector``, ``source`` (a bibliography
    key), ``reported`` (what the study reports, in our words), the codes ``speed``,
    ``first_markets`` and ``markets_chosen_by`` (see :data:`CODES`), ``dominant``,
    ``supporting`` (ids separated by ``;``, or ``none``), ``supporting_note``, ``clue`` and
    ``coding_note``."""
    from coursekit import data

    return _check_documented(data.load("case_studies").astype(object))


@lru_cache(maxsize=1)
def _documented() -> dict[str, Case]:
    cases = {}
    for row in documented_cases().itertuples(index=False):
        cases[row.case_id] = Case(
            case_id=row.case_id,
            title=f"{row.firm} ({row.source})",
            story=row.reported,
            best=row.dominant,
            why=row.coding_note,
            clue=row.clue,
            supporting=dict.fromkeys(_supporting_ids(row.supporting), row.supporting_note),
            source=row.source,
        )
    return cases


def documented_ids() -> list[str]:
    """The ids of the documented cases."""
    return list(_documented())


def documented_table() -> pd.DataFrame:
    """The documented cases without the course's coding: ``case_id``, ``firm``, ``home``,
    ``sector``, ``source``, ``reported``."""
    return documented_cases()[["case_id", "firm", "home", "sector", "source", "reported"]]


def documented_answer_key() -> dict[str, str]:
    """Every documented case's dominant theory as the course codes it: ``{case_id: theory}``."""
    return {case_id: c.best for case_id, c in _documented().items()}


def _and(*values: bool | None) -> bool | None:
    """Three-valued AND: False if any is False, else None if any is unknown, else True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _is(code: str, wanted: str) -> bool | None:
    return None if code == _UNKNOWN else code == wanted


def prediction_checks() -> pd.DataFrame:
    """Whether each theory's prediction (:data:`PREDICTIONS`) holds for each documented case:
    one row per case, one ``boolean`` column per theory, ``<NA>`` where the coding needed is
    ``"not reported"`` (unknown, not false). ``"mixed"`` does not satisfy a prediction."""
    rows = {}
    for row in documented_cases().itertuples(index=False):
        rows[row.case_id] = {
            "stage": _and(_is(row.speed, "gradual"), _is(row.first_markets, "close")),
            "network": _is(row.markets_chosen_by, "partners"),
            "born_global": _is(row.speed, "rapid"),
        }
    table = pd.DataFrame.from_dict(rows, orient="index").astype("boolean")
    table.index.name = "case_id"
    return table


def hit_rate(theory: str, *, unknown: str = "skip") -> float:
    """The share of documented cases for which ``theory``'s prediction holds.

    ``unknown="skip"`` (default) leaves out the cases whose coding cannot decide;
    ``unknown="fail"`` counts them as cases where the prediction failed. A description of these
    few, chosen cases, not a test of the theory (see the module docstring).
    """
    key = _check_theory(theory)
    if key not in PREDICTIONS:
        raise ValueError(
            f"theory must be one with a prediction to check ({', '.join(PREDICTIONS)}), not {key!r}"
        )
    if not isinstance(unknown, str) or unknown not in ("skip", "fail"):
        raise ValueError(f"unknown must be 'skip' or 'fail', not {unknown!r}")
    column = prediction_checks()[key]
    known = column.dropna()
    n = len(known) if unknown == "skip" else len(column)
    if n == 0:  # every case unknown and skipped: no rate can be given
        return math.nan
    return float(known.sum()) / n
