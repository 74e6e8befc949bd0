"""The files that merge by lines (`merge=union` in .gitattributes) stay well formed.

book/references.bib parses as BibTeX, entry by entry.

The file merges by lines (`merge=union` in .gitattributes), and a union merge of two branches
that add neighbouring entries can drop one entry's closing brace: the next entry is then
swallowed into it and its key disappears, which the book build reports only as an unknown
citation, if at all. Parsing with pybtex (what sphinxcontrib-bibtex uses) catches it here.

docs/review-responses.md answers each defect on one line: when two branches edit the same
line, a union merge keeps both versions, and the file then says two things about one defect.
"""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.database
import pybtex.errors
import pybtex.scanner

BIB = Path(__file__).resolve().parents[1] / "book" / "references.bib"


def _declared_keys(text: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M)


def test_every_entry_parses_on_its_own():
    text = BIB.read_text(encoding="utf-8")
    pybtex.errors.set_strict_mode(True)
    parsed = pybtex.database.parse_string(text, "bibtex")
    declared = _declared_keys(text)
    assert sorted(parsed.entries) == sorted(declared)
    assert len(set(declared)) == len(declared), "a key is declared twice"


def test_a_swallowed_entry_is_caught(tmp_path):
    # the failure this file guards against: the closing brace of the first entry is lost
    broken = "@article{a2000,\n  title = {A},\n  year = {2000}\n@article{b2001,\n  title = {B}\n}\n"
    pybtex.errors.set_strict_mode(True)
    try:
        parsed = pybtex.database.parse_string(broken, "bibtex")
    except pybtex.scanner.PybtexSyntaxError:
        return
    assert sorted(parsed.entries) != sorted(_declared_keys(broken))


def _defect(line: str) -> str:
    return line.split(" — ", 1)[0]


def test_each_review_defect_is_answered_on_one_line():
    text = (BIB.parents[1] / "docs" / "review-responses.md").read_text(encoding="utf-8")
    seen: dict[str, int] = {}
    repeated = []
    section = ""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            section = line
        elif line.startswith("- [") and " — " in line:
            key = f"{section} {_defect(line)}"
            if key in seen:
                repeated.append(f"lines {seen[key]} and {number}: {_defect(line)}")
            seen.setdefault(key, number)
    assert not repeated, "\n".join(repeated)
