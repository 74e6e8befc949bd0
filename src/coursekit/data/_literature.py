"""The ``literature`` table: the studies of the critical-success-factor review (Bose, 2016).

Built from the review's reference list; each study's factor group is the section of the review
in which it is first cited (the theory sections and the introduction give ``theory``), and its
topic is the review's own short label from its Table 1 where the study appears there.
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
    rows, taken = [], set()
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


def literature_table(raw: Path) -> tuple[pd.DataFrame, dict]:
    """Builder for ``build.py``: the table and its manifest entry (``raw`` is data/raw)."""
    frame = build_literature(raw.parents[1])
    fields = [
        {"name": "id", "type": "string", "description": "Citation key (first author + year)"},
        {"name": "authors", "type": "string", "description": "Authors, separated by ';'"},
        {"name": "year", "type": "integer", "description": "Year of publication"},
        {"name": "title", "type": "string", "description": "Title"},
        {
            "name": "journal",
            "type": "string",
            "description": "Journal, or the book or series for other works",
        },
        {
            "name": "factor_group",
            "type": "string",
            "description": "The review's factor group (section) where the study is first cited; "
            "'theory' for the theory sections and the introduction",
        },
        {
            "name": "topic",
            "type": "string",
            "description": "The review's own short label for the study (its Table 1), where given",
        },
        {
            "name": "cited_in_text",
            "type": "boolean",
            "description": "Whether the study is cited in the review's literature section",
        },
    ]
    return frame, {
        "title": "Studies of the critical-success-factor review",
        "description": (
            "Every entry of the reference list of Bose (2016), a review of the critical success "
            "factors of SME internationalization, with the factor group under which the review "
            "discusses it (the section of its literature review where it is first cited) and the "
            "review's own short topic label where its Table 1 gives one. Parsed from the review's "
            "text by the build script; the per-study findings are not summarized here."
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
                "name": "citation-data",
                "title": "Bibliographic facts (authors, titles, venues) from the review's "
                "reference list",
            }
        ],
        "citation": "Bose, T. K. (2016). Critical success factors of SME internationalization. "
        "Journal of Small Business Strategy, 26(2), 87-109.",
        "raw_files": ["../../" + SEED],
        "year": "studies of 1961-2013",
        "primary_key": ["id"],
        "schema": {"fields": fields},
    }
