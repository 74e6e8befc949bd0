"""The instructor guide's course plans agree with the chapters they schedule."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from coursekit import chapters

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8")
TIME = re.compile(
    r"\*\*Time to learn\.\*\* About (\d+) minutes of reading[,;] (?:(\d+) minutes|two to three "
    r"hours) for the (?:exercise|capstone) notebook"
)


def chapter_minutes() -> dict[int, tuple[int, int]]:
    """(least, most) self-study minutes per chapter, from each page's "Time to learn" line."""
    out = {}
    for c in chapters.CHAPTERS:
        m = TIME.search((ROOT / "book" / f"{c.slug}.md").read_text(encoding="utf-8"))
        assert m, f"{c.slug}: no 'Time to learn' line in the form the guide relies on"
        reading = int(m.group(1))
        low, high = (int(m.group(2)),) * 2 if m.group(2) else (120, 180)
        out[c.number] = (reading + low, reading + high)
    return out


def table(heading: str) -> list[list[str]]:
    section = GUIDE.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [[cell.strip() for cell in r.strip("|").split("|")] for r in rows[1:]]


def planned(rows: list[list[str]]) -> list[tuple[list[int], str]]:
    return [([int(x) for x in r[1].split(",")] if r[1] != "—" else [], r[2]) for r in rows]


def check_minutes(plan: list[tuple[list[int], str]]) -> None:
    minutes = chapter_minutes()
    for numbers, stated in plan:
        if not numbers:
            assert stated == "—"
            continue
        low = sum(minutes[n][0] for n in numbers)
        high = sum(minutes[n][1] for n in numbers)
        assert stated == (f"{low}" if low == high else f"{low}–{high}"), (numbers, stated)


def capstone_chapters() -> set[int]:
    """The chapters whose models capstone.py imports (the chain make_plan runs)."""
    tree = ast.parse((ROOT / "src" / "coursekit" / "capstone.py").read_text(encoding="utf-8"))
    names = {
        f"coursekit.{a.name}"
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "coursekit"
        for a in node.names
    }
    return {c.number for c in chapters.CHAPTERS if names & set(c.models)}


def test_the_14_week_plan_schedules_every_chapter_once_with_its_own_times():
    plan = planned(table("A 14-week plan"))
    assert len(plan) == 14
    scheduled = [n for numbers, _ in plan for n in numbers]
    assert sorted(scheduled) == [c.number for c in chapters.CHAPTERS]
    check_minutes(plan)


def test_the_6_week_variant_keeps_what_the_capstone_needs():
    plan = planned(table("A 6-week variant"))
    assert len(plan) == 6
    kept = {n for numbers, _ in plan for n in numbers}
    needed = capstone_chapters()
    assert needed >= {6, 9, 10, 11, 12}  # the chain the capstone chapter describes
    assert needed | {14} <= kept
    check_minutes(plan)
    for n in set(range(1, 15)) - kept:  # left out chapters are named as optional reading
        assert str(n) in GUIDE.split("## A 6-week variant", 1)[1].split("| Week")[0]


def test_the_guides_time_table_matches_the_chapter_pages():
    minutes = chapter_minutes()
    for row in table("Time per chapter and learning objectives"):
        number = int(row[1].split(".")[0])
        reading, exercise = int(row[2].split()[0]), row[3]
        low, high = minutes[number]
        if exercise.endswith("h"):
            assert (reading + 120, reading + 180) == (low, high)
        else:
            assert reading + int(exercise.split()[0]) == low == high, row[1]


def test_assessment_weights_and_rubric_points_add_up():
    rows = table("Assessment design")
    weights = [int(r[1]) for r in rows if r[1].isdigit()]
    assert sum(weights) == 100
    (levels,) = [r[1:] for r in rows if r[0] == "criterion"]
    criteria = [r for r in rows if r[0].startswith("**")]
    stated = int(re.search(r"use this one \((\d+) points\)", GUIDE).group(1))
    assert len(criteria) * max(float(x) for x in levels) == stated
    capstone = [r for r in table("Marking the capstone plan") if r[0].startswith("**")]
    section = GUIDE.split("## Marking the capstone plan", 1)[1]
    top = section.split("| criterion |")[1].split("\n")[0]  # its header: the levels
    best = int(top.split("|")[-2].strip().split("–")[-1])  # the last level's points
    assert len(capstone) * best == int(re.search(r"out of (\d+)", section).group(1))


def prose_words(page: str) -> int:
    """Words of a page's text, without its code cells (what a reader reads)."""
    text = re.sub(r"^(`{3,})\{code-cell\}.*?^\1", "", page, flags=re.S | re.M)
    return len(re.findall(r"[A-Za-z]+", text))


def test_reading_times_follow_the_length_of_the_pages():
    # A chapter's reading time covers its text, figures and widgets at a study pace: between
    # 60 and 110 words of text per minute (the chapters' own range). A page that grows without
    # its time growing misleads students and throws off the plans above.
    for c in chapters.CHAPTERS:
        page = (ROOT / "book" / f"{c.slug}.md").read_text(encoding="utf-8")
        minutes = int(TIME.search(page).group(1))
        pace = prose_words(page) / minutes
        assert 60 <= pace <= 110, f"{c.slug}: {prose_words(page)} words in {minutes} minutes"


def test_prose_words_leaves_out_code_cells():
    page = "One two.\n```{code-cell} ipython3\nx = 1\n```\nThree.\n"
    assert prose_words(page) == 3


def capstone_hours(rows: list[list[str]]) -> int:
    """The capstone project hours of a plan: the last column, "N h: what is due" or "—"."""
    total = 0
    for r in rows:
        cell = r[-1]
        if cell != "—":
            m = re.fullmatch(r"(\d+) h: .+", cell)
            assert m, f"capstone cell {cell!r} is not 'N h: what the group does'"
            total += int(m.group(1))
    return total


def span(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def test_the_workload_table_adds_up_from_the_plans():
    minutes = chapter_minutes()
    stated = {r[0]: (r[1], r[2]) for r in table("Workload")}
    block_minutes = 150  # "a class block is 150 minutes": three 50-minute parts
    assert "three 50-minute parts" in GUIDE and f"a class block is {block_minutes} minutes" in GUIDE
    expected = {}
    for col, heading, blocks_a_week in ((0, "A 14-week plan", 1), (1, "A 6-week variant", 2)):
        rows = table(heading)
        plan = planned(rows)
        chapters_read = [n for numbers, _ in plan for n in numbers]
        low = sum(minutes[n][0] for n in chapters_read)
        high = sum(minutes[n][1] for n in chapters_read)
        parts = {
            "reading and exercise notebooks": (round(low / 60), round(high / 60)),
            "class blocks": (len(rows) * blocks_a_week * block_minutes / 60,) * 2,
            "seminar preparation": (0.5 * len(chapters_read),) * 2,
            "capstone project": (capstone_hours(rows),) * 2,
        }
        parts["total"] = (sum(v[0] for v in parts.values()), sum(v[1] for v in parts.values()))
        for name, (lo, hi) in parts.items():
            expected.setdefault(name, ["", ""])[col] = span(lo, hi)
    assert {k: list(v) for k, v in stated.items()} == expected
    assert "two class blocks a week" in GUIDE.split("## A 6-week variant", 1)[1].split("| Week")[0]


def test_the_table_of_questions_matches_the_question_files():
    from coursekit import checks

    rows = table("Auto-checked and written questions by chapter")
    assert [int(r[0]) for r in rows] == [c.number for c in chapters.CHAPTERS]
    for r in rows:
        qs = checks.questions(f"ch{int(r[0]):02d}")
        auto = [q for q in qs if q.kind != "written"]
        written = "; ".join(f"`{q.qid}` ({q.points:g})" for q in qs if q.kind == "written")
        assert r[1:] == [
            str(len(auto)),
            f"{sum(q.points for q in auto):g}",
            written,
            f"{sum(q.points for q in qs):g}",
        ], r[0]


def test_the_guides_hidden_key_loads(tmp_path):
    from coursekit.instructor import grading

    section = GUIDE.split("## Collecting and grading", 1)[1]
    block = section.split("```toml\n", 1)[1].split("```", 1)[0]
    key = tmp_path / "key.toml"
    key.write_text(block, encoding="utf-8")
    loaded = grading.load_key(key)  # raises ValueError on a case the question cannot use
    assert loaded and all(cases for cases in loaded.values())
    for qid in loaded:
        assert f"`{qid}`" in section  # the guide lists the function questions a key can cover


def test_the_marked_exemplar_adds_up_and_respects_the_rubric():
    rows = table("A marked capstone exemplar")
    marks = {r[0]: int(r[1]) for r in rows}
    criteria = [
        r[0].strip("*") for r in table("Marking the capstone plan") if r[0].startswith("**")
    ]
    assert list(marks) == criteria  # every criterion marked, in the rubric's order
    assert all(0 <= m <= 4 for m in marks.values())
    section = GUIDE.split("## A marked capstone exemplar", 1)[1].split("\n## ", 1)[0]
    total = re.search(r"Total: \*\*(\d+) of (\d+)\*\*", section)
    assert total and int(total.group(1)) == sum(marks.values()) and total.group(2) == "20"
    assert "illustrative" in section
    consistency = next(r for r in rows if r[0] == "Consistency")
    assert "inconsistent" in consistency[2] and marks["Consistency"] <= 2
