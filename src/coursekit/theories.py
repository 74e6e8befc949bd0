"""Chapter 5 model (book/ch05_comparing_theories.md).

Comparing the theories of SME internationalization: a comparison table and short cases, as data.

:func:`comparison_table` returns the chapter's table (one row per theory or lens: unit of
analysis, speed, mechanism, what it explains, what it misses, key references).
:data:`CASES` holds six **illustrative, invented** firm stories, each with the theory that explains
it best and why; :func:`match_case` gives feedback on a reader's choice for one case, and
:func:`answer_key` returns every case's best theory (the exercise check uses it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

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
    "CONSTRUCT_LEVELS",
    "SPEEDS",
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
    testable prediction), ``explains``, ``misses``, ``references``.
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
        import difflib

        close = difflib.get_close_matches(key, THEORIES, n=1)
        tip = f" Did you mean {close[0]!r}?" if close else ""
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
    """An illustrative, invented firm story: the mechanism that dominates it (``best``), the
    theories that explain a supporting part of it (``supporting``, theory id -> why), and remarks
    for choices that miss (``partial``)."""

    case_id: str
    title: str
    story: str
    best: str
    why: str
    clue: str
    partial: dict[str, str] = field(default_factory=dict)
    supporting: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("case_id", "title", "story", "why", "clue"):
            _text(getattr(self, name), name)
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
    """One case by id; an unknown id raises ``ValueError`` listing the valid ids."""
    if not isinstance(case_id, str):
        raise TypeError(
            f"case_id must be a string such as 'microvalve', not {type(case_id).__name__}"
        )
    if case_id not in _CASES:
        import difflib

        close = difflib.get_close_matches(case_id, list(_CASES), n=1)
        tip = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"Unknown case {case_id!r}.{tip} Valid ids: {', '.join(_CASES)}")
    return _CASES[case_id]


def cases_table() -> pd.DataFrame:
    """The cases without their answers: ``case_id``, ``title``, ``story``."""
    return pd.DataFrame([{"case_id": c.case_id, "title": c.title, "story": c.story} for c in CASES])


def best_theory(case_id: str) -> str:
    """The id of the theory that best explains a case."""
    return case(case_id).best


def answer_key() -> dict[str, str]:
    """Every case's dominant theory: ``{case_id: theory_id}``."""
    return {c.case_id: c.best for c in CASES}


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
