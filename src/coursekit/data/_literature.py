"""The ``literature`` table: the studies of the critical-success-factor review (Bose, 2016).

Built from the review's reference list; each study's factor group is the section of the review
in which it is first cited (the theory sections and the introduction give ``theory``), and its
``topic``, for the 45 studies the review's Table 1 lists, is the course team's code for what the
study is about, one of :data:`TOPICS_VOCABULARY` (the review's own labels there are partly
garbled and partly misassigned, so they are not copied; see data/curated/literature_README.md).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

SEED = "seeds/001_4a74e2575dd657b9.txt"
SECTIONS = {
    "Network, Alliance, Clusters": "networks_alliances_clusters",
    "Capacity Building": "capacity_building",
    "Policy": "policy",
    "Innovations": "innovation",
    "Benefits and Barriers": "benefits_barriers",
    "Future Prospects": "future_prospects",
    "Timing of Internationalization": "timing",
    "Modes of Internationalization": "modes",
    "Destinations of Internationalization": "destinations",
    "Operational Decisions of Internationalization": "operational_decisions",
}
GROUP_LABELS = {
    "networks_alliances_clusters": "networks, alliances and clusters",
    "capacity_building": "capacity building",
    "policy": "policy",
    "innovation": "innovation",
    "benefits_barriers": "benefits and barriers",
    "future_prospects": "future prospects",
    "timing": "timing of internationalization",
    "modes": "modes of internationalization",
    "destinations": "destinations",
    "operational_decisions": "operational decisions",
    "theory": "theories and background",
}
#: The ``topic`` codes of the literature table (its enum) and what each means. A study of the
#: review's Table 1 gets the one code that best names its subject, read from the review's label
#: and the study's finding; the other studies have none (an empty cell).
TOPICS_VOCABULARY: dict[str, str] = {
    "alliances": "strategic alliances, partnerships and joint ventures with other firms",
    "barriers": "obstacles to internationalization, internal or external",
    "business_networks": "business and personal networks and relationships (suppliers, "
    "contacts, network resources)",
    "capabilities": "the firm's capabilities and competitiveness, profiled or modelled",
    "clusters": "industrial and innovation clusters and cluster policy",
    "e_business": "e-commerce, e-business and online channels",
    "exit_and_reentry": "withdrawing from foreign markets and re-entering them",
    "export_performance": "export performance and its antecedents or outcomes",
    "finance": "financing strategies and financial management",
    "innovation": "innovation and entrepreneurial marketing",
    "knowledge_and_learning": "knowledge, learning and information gathering",
    "managers_and_founders": "the decision-makers: their cognition, motivation and identity",
    "opportunity_recognition": "how international opportunities are recognized",
    "pathways_and_pace": "the path, pace and geographic sequence of internationalization",
    "psychic_distance": "psychic distance between home and foreign markets",
    "resources": "the resources a firm combines or commits to go abroad",
    "risk_and_uncertainty": "perceived risk and uncertainty",
    "training_and_skills": "training and skills such as languages and export know-how",
}
_REF = re.compile(r"^- (?P<authors>.+?) \((?P<year>\d{4})[a-z]?\)\. (?P<rest>.+)$")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _key(surname: str, year: int, taken: set[str]) -> str:
    base = re.sub(r"[^a-z]", "", _ascii(surname)) + str(year)
    key, n = base, 0
    while key in taken:
        n += 1
        key = base + "abcdefgh"[n]
    return key


def build_literature(shared: Path) -> pd.DataFrame:
    """Parse the review seed into one row per cited study (deterministic)."""
    text = (shared / SEED).read_text(encoding="utf-8")
    lines = text.splitlines()
    refs = [m for line in lines if (m := _REF.match(line.strip()))]
    body = text.split("## RESEARCH METHODS", 1)[0]
    results = (
        text.split("## RESULTS", 1)[1].split("## REFERENCES", 1)[0] if "## RESULTS" in text else ""
    )
    # section spans in the review body
    spans: list[tuple[int, str]] = [(0, "theory")]
    for title, group in SECTIONS.items():
        pos = body.find(title + "**")
        if pos < 0:
            pos = body.find("### " + title)
        if pos >= 0:
            spans.append((pos, group))
    spans.sort()
    # the review's Table 1 topic labels: "Surname et al, 2007<TAB>label"
    topics: dict[tuple[str, int], str] = {}
    for m in re.finditer(r"([A-Z][\w'\- ]+?)(?: et al| & [\w'\-]+)?, (\d{4})\t([^\t\n]+)", text):
        topics.setdefault((_ascii(m.group(1)).split()[0], int(m.group(2))), m.group(3).strip())
    rows: list[dict[str, object]] = []
    taken: set[str] = set()
    for m in refs:
        authors = m.group("authors").strip().rstrip(",")
        authors = re.sub(r",?\s*&\s*", "; ", authors)
        authors = re.sub(r"\.,\s+(?=[A-Z][\w'\-]+,)", ".; ", authors).replace(", ,", ",")
        year = int(m.group("year"))
        surname = authors.split(",")[0].strip()
        rest = m.group("rest")
        title, _, venue = rest.partition(". ")
        if "*" in title:  # "Title, *Journal*, 25 (5), ..." or "Title*, London: Publisher."
            title, _, venue = (
                re.split(r"(\*,\s*|,\s*\*)", title, maxsplit=1)[0],
                "",
                (re.split(r"\*,\s*|,\s*\*", title, maxsplit=1)[1]),
            )
        journal = re.sub(r"[*,]+\s*\d.*$", "", venue).strip(" *.,") if venue else ""
        journal = re.sub(r"^[A-Z][a-z]+:\s*", "", journal)  # "London: Macmillan" -> "Macmillan"
        pattern = re.compile(re.escape(surname.split()[-1]) + r"[^()]{0,80}?\(?" + str(year))
        hit = pattern.search(body)
        group = "theory"
        if hit:
            for start, g in spans:
                if start <= hit.start():
                    group = g
        elif pattern.search(results):
            group = "theory"
        key = _key(surname.split()[-1], year, taken)
        taken.add(key)
        topic = topics.get((_ascii(surname).split()[-1], year), "")
        rows.append(
            {
                "id": key,
                "authors": authors,
                "year": year,
                "title": title.strip(" *"),
                "journal": journal,
                "factor_group": group,
                "topic": topic,
                "cited_in_text": bool(hit),
            }
        )
    frame = pd.DataFrame(rows).sort_values("id").reset_index(drop=True)
    return frame


CURATED = Path(__file__).resolve().parents[3] / "data" / "curated" / "literature.csv"
#: The topic codes (:data:`TOPICS_VOCABULARY`) of the studies in the review's Table 1, one row per
#: study, coded by hand; the review's text is not in the repository, so tests/test_data.py checks
#: that every study of its Table 1 has a code only where the text is present.
TOPICS = CURATED.with_name("literature_topics.csv")
GROUPS = set(GROUP_LABELS)


def literature_table(curated_folder: Path | None = None) -> tuple[pd.DataFrame, dict]:
    """Builder for ``build.py``: the curated table (``literature.csv``: one row per study, with
    its finding in our own words), checked, with the topic codes (``literature_topics.csv``,
    checked against :data:`TOPICS_VOCABULARY`) joined by id; both files are in
    ``curated_folder`` (default: the repository's ``data/curated``)."""
    path = CURATED if curated_folder is None else Path(curated_folder) / CURATED.name
    topics_path = path.with_name(TOPICS.name)
    curated = pd.read_csv(path, dtype={"year": "int64"}, keep_default_na=False)
    expected = ["id", "authors", "year", "title", "journal", "factor_group", "finding"]
    if list(curated.columns) != expected:
        raise ValueError(f"{CURATED}: columns {list(curated.columns)}, expected {expected}")
    if not curated["id"].is_unique:
        raise ValueError(
            f"{CURATED}: duplicate ids {sorted(curated['id'][curated['id'].duplicated()])}"
        )
    bad = sorted(set(curated["factor_group"]) - GROUPS)
    if bad:
        raise ValueError(f"{CURATED}: unknown factor groups {bad}; valid: {sorted(GROUPS)}")
    empty = curated.loc[curated["finding"].str.strip() == "", "id"].tolist()
    if empty:
        raise ValueError(f"{CURATED}: studies without a finding: {empty}")
    topics = pd.read_csv(topics_path, dtype=str, keep_default_na=False)
    if list(topics.columns) != ["id", "topic"] or not topics["id"].is_unique:
        raise ValueError(f"{topics_path}: needs the columns id, topic and one row per id")
    unknown = sorted(set(topics["id"]) - set(curated["id"]))
    if unknown:
        raise ValueError(f"{topics_path}: ids that are not in {path.name}: {unknown}")
    bad_topics = sorted(set(topics["topic"]) - set(TOPICS_VOCABULARY))
    if bad_topics:
        raise ValueError(
            f"{topics_path}: unknown topics {bad_topics}; valid: {sorted(TOPICS_VOCABULARY)}"
        )
    by_id = topics.set_index("id")["topic"]
    frame = curated.assign(topic=[by_id.get(i, "") for i in curated["id"]])
    frame = frame.sort_values("id").reset_index(drop=True)
    fields = [
        {"name": "id", "type": "string", "description": "Citation key (first author + year)"},
        {"name": "authors", "type": "string", "description": "Authors, separated by ';'"},
        {"name": "year", "type": "integer", "description": "Year of publication"},
        {"name": "title", "type": "string", "description": "Title"},
        {
            "name": "journal",
            "type": "string",
            "description": "Journal, or the publisher or series for other works",
        },
        {
            "name": "factor_group",
            "type": "string",
            "description": "The review's factor group under which the study is discussed; "
            "'theory' for the works behind its theory sections",
        },
        {
            "name": "finding",
            "type": "string",
            "description": "What the study found or argues, as the review uses it, in our words",
        },
        {
            "name": "topic",
            "type": "string",
            "description": "What the study is about, coded by the course team for the 45 studies "
            "the review's Table 1 lists (empty for the others): "
            + "; ".join(f"{code}: {meaning}" for code, meaning in TOPICS_VOCABULARY.items()),
            "constraints": {"enum": sorted(TOPICS_VOCABULARY)},
        },
    ]
    return frame, {
        "title": "Studies of the critical-success-factor review",
        "description": (
            "The studies cited by Bose (2016), a review of the critical success factors of SME "
            "internationalization: bibliographic details, the factor group under which the "
            "review discusses each, and its finding paraphrased by the course team. Curated by "
            "hand in data/curated/literature.csv; the build checks it and joins the topic codes "
            "of the studies in the review's Table 1 (data/curated/literature_topics.csv, coded "
            "by the course team from the review's labels and the studies' findings)."
        ),
        "sources": [
            {
                "title": "Critical success factors of SME internationalization",
                "publisher": "Journal of Small Business Strategy (Bose, T. K., 2016)",
                "path": "https://libjournals.mtsu.edu/index.php/jsbs",
            }
        ],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Findings written by the course team, CC BY 4.0; bibliographic "
                "facts from the review's reference list",
            }
        ],
        "citation": "Bose, T. K. (2016). Critical success factors of SME internationalization. "
        "Journal of Small Business Strategy, 26(2), 87-109.",
        "raw_files": ["data/curated/literature.csv", "data/curated/literature_topics.csv"],
        "year": "studies of 1961-2013",
        "primary_key": ["id"],
        "schema": {"fields": fields},
    }
