"""The exercises in a course: the sheets and keys, the exports for a learning-management system
(as Moodle and QTI 1.2 read them), the files the site publishes, and the command line.

The exports are read from the built site (the files a teacher downloads), with `xml.etree` and
`zipfile`; a question is marked as Moodle marks it (the first answer within its tolerance, `*`
for any other number) and as a QTI `respcondition` reads (`varequal`, or `vargte` and `varlte`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from backprop_steps.cli import main
from backprop_steps.exercises import CHAPTERS, DECIMALS, SEEDS, exercises, problem, solutions
from backprop_steps.figures import decimals
from backprop_steps.quantities import computed
from backprop_steps.render import course, lms, sheets

QTI = f"{{{lms.QTI}}}"
TOLERANCE = Decimal(1).scaleb(-DECIMALS)
SOME_SEEDS = (1, 17, 30)


def folder(site: Path) -> Path:
    return site / course.FOLDER


def at_decimals(forms: tuple[str, ...]) -> list[str]:
    return [f for f in forms if decimals(f) == DECIMALS]


# --- a list of seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seeds"),
    [("7", (7,)), ("1,2,3", (1, 2, 3)), ("1-5", (1, 2, 3, 4, 5)), (" 3 , 1-2,3", (3, 1, 2))],
)
def test_a_list_of_seeds_is_read_in_its_order_each_seed_once(text: str, seeds: tuple[int]) -> None:
    assert course.seed_list(text) == seeds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "seeds: expected a list like 7, 1,2,3 or 1-30, got ''"),
        ("1,,2", "seeds: expected a list like 7, 1,2,3 or 1-30, got '1,,2'"),
        ("1.5", "seeds: expected a list like 7, 1,2,3 or 1-30, got '1.5'"),
        ("30-1", "seeds: the range 30-1 runs backwards; write 1-30"),
        ("0-3", "seeds: 0 is not allowed; seeds start at 1"),
        ("1-501", "seeds: more than 500 in one list"),
    ],
)
def test_a_bad_list_of_seeds_is_one_line_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        course.seed_list(text)
    assert str(raised.value) == message


def test_a_page_offers_its_seeds_only() -> None:
    with pytest.raises(ValueError, match=r"^seeds: 101 is not offered; the seeds are 1-100$"):
        course.seed_list("99-101", SEEDS)


# --- the sheet and the key ------------------------------------------------------------------------


class _Cells(HTMLParser):
    """The text of each part of a sheet: its heading, its network and each row of its table."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, list[str]] = {"h2": [], "network": [], "rows": []}
        self.where: list[str] = []
        self.row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        self.where.append("network" if "bp-sheet__network" in classes else tag)
        if tag == "tr":
            self.row = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self.row:
            self.parts["rows"].append(" | ".join(self.row))
        self.where.pop()

    def handle_data(self, data: str) -> None:
        if "network" in self.where:
            self.parts["network"].append(data)
        elif self.where and self.where[-1] == "h2":
            self.parts["h2"].append(data)
        elif "tbody" in self.where and self.where[-1] in ("th", "td", "span", "strong"):
            self.row.append(data)


def parts(html: str) -> dict[str, list[str]]:
    parser = _Cells()
    parser.feed(html)
    return parser.parts


@pytest.mark.parametrize("seed", SOME_SEEDS)
def test_a_seed_s_key_has_its_sheet_s_seed_exercises_and_network(seed: int) -> None:
    sheet, key = parts(sheets.sheet(seed)), parts(sheets.key(seed))
    assert sheet["h2"] == [f"Exercises · seed {seed}"]
    assert key["h2"] == [f"Answer key · seed {seed}"]
    assert sheet["network"] == key["network"]
    assert [r.split(" | ")[0] for r in sheet["rows"]] == [
        e.id for c in CHAPTERS for e in exercises(c)
    ]
    for asked, answered in zip(sheet["rows"], key["rows"], strict=True):
        assert answered.startswith(asked)  # the same exercise, then its answer


@pytest.mark.parametrize("seed", SOME_SEEDS)
def test_the_key_s_answers_are_the_library_s_at_the_decimals_asked(seed: int) -> None:
    rows = parts(sheets.key(seed))["rows"]
    found = [solution for chapter in CHAPTERS for solution in solutions(chapter, seed)]
    for row, solution in zip(rows, found, strict=True):
        figures = row.split(" | ")[-2:]  # rounded, truncated
        written = {f for cell in figures for f in cell.split(" or ")}
        assert written == set(at_decimals(solution.forms)), (row, solution.exercise.id)


def test_the_network_is_shown_as_each_chapter_changes_it() -> None:
    network = "".join(parts(sheets.sheet(1))["network"])
    assert "Chapters 1–5" in network and "Chapter 6: biases learn" in network
    targets = problem(7, 1).example[1]
    assert f"target_{{o2}} = {targets[1]}" in network  # t1, 1 - t1
    assert "Chapter 8: weights numbered as in the neuralblog post" in network


def test_the_published_files_hold_each_seed_s_sheet_and_key(site: Path) -> None:
    import json

    for seed in SOME_SEEDS:
        data = json.loads((folder(site) / f"sheets/{seed}.json").read_text(encoding="utf-8"))
        assert data == {"seed": seed, "sheet": sheets.sheet(seed), "key": sheets.key(seed)}


def test_the_site_publishes_every_seed_and_every_chapter_s_exports(site: Path) -> None:
    published = {
        p.relative_to(folder(site)).as_posix() for p in folder(site).rglob("*") if p.is_file()
    }
    expected = {f"sheets/{seed}.json" for seed in SEEDS}
    expected |= {course.export_name(f, [c]) for c in CHAPTERS for f in course.FORMATS}
    assert published == expected


def test_without_javascript_the_pages_show_the_first_seed(site: Path) -> None:
    for kind, shown in (("sheet", sheets.sheet(1)), ("key", sheets.key(1))):
        html = (site / "exercises" / kind / "index.html").read_text(encoding="utf-8")
        assert shown in html


# --- Moodle XML ------------------------------------------------------------------------------------


def moodle_mark(question: ET.Element, typed: str) -> ET.Element:
    """The answer Moodle picks: the first within its tolerance, `*` matching any number."""
    for answer in question.iter("answer"):
        text = answer.findtext("text") or ""
        tolerance = Decimal(answer.findtext("tolerance") or "0")
        if text == "*" or abs(Decimal(typed) - Decimal(text)) <= tolerance:
            return answer
    raise AssertionError(f"no answer for {typed}")


def moodle_questions(site: Path, chapter: int) -> dict[tuple[str, int], ET.Element]:
    root = ET.parse(folder(site) / course.export_name("moodle", [chapter])).getroot()
    found: dict[tuple[str, int], ET.Element] = {}
    category = ""
    for question in root.iter("question"):
        if question.get("type") == "category":
            category = question.findtext("category/text") or ""
            continue
        assert question.get("type") == "numerical"
        name = question.findtext("name/text") or ""
        exercise, seed = re.fullmatch(r"(\d\.\d) seed (\d+)", name).groups()  # type: ignore[union-attr]
        assert category == f"$course$/backprop-steps/{exercise}"
        found[exercise, int(seed)] = question
    return found


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_moodle_export_has_every_exercise_of_every_seed_with_the_library_s_answer(
    site: Path, chapter: int
) -> None:
    found = moodle_questions(site, chapter)
    assert set(found) == {(e.id, s) for e in exercises(chapter) for s in course.PUBLISHED}
    for seed in course.PUBLISHED:
        values = computed(problem(chapter, seed))
        for exercise in exercises(chapter):
            question = found[exercise.id, seed]
            right = question.find("answer")
            assert right is not None and right.get("fraction") == "100"
            assert float(right.findtext("text") or "") == values[exercise.quantity]
            assert Decimal(right.findtext("tolerance") or "") == TOLERANCE
            text = question.findtext("questiontext/text") or ""
            assert f"seed {seed}" in text and "w<sub>5</sub> = " in text


@pytest.mark.parametrize("chapter", [4, 5, 7])
def test_moodle_accepts_rounded_and_truncated_answers_and_names_each_mistake(
    site: Path, chapter: int
) -> None:
    found = moodle_questions(site, chapter)
    for seed in SOME_SEEDS:
        for solution in solutions(chapter, seed):
            question = found[solution.exercise.id, seed]
            for figure in at_decimals(solution.forms):
                assert moodle_mark(question, figure).get("fraction") == "100", figure
            outside = [
                s
                for s in solution.slips
                if abs(Decimal(repr(s.value)) - Decimal(repr(solution.value))) > TOLERANCE
            ]
            wrong = question.findall("answer")[1:-1]
            assert [float(a.findtext("text") or "") for a in wrong] == [s.value for s in outside]
            for answer, slip in zip(wrong, outside, strict=True):
                assert answer.get("fraction") == "0"
                assert Decimal(answer.findtext("tolerance") or "") == TOLERANCE
                feedback = answer.findtext("feedback/text") or ""
                assert f"<code>{slip.mistakes[0]}</code>" in feedback
                assert escape(slip.messages[0], quote=False) in feedback
                typed = f"{slip.value:.{DECIMALS}f}"  # a student who made it, at the decimals asked
                marked = moodle_mark(question, typed)
                assert marked.get("fraction") == "0" and marked.findtext("text") != "*"
            other = question.findall("answer")[-1]
            assert other.findtext("text") == "*" and "no mistake we know of" in (
                other.findtext("feedback/text") or ""
            )


# --- QTI 1.2 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_qti_package_has_a_section_per_exercise_and_an_item_per_seed(
    site: Path, chapter: int
) -> None:
    with zipfile.ZipFile(folder(site) / course.export_name("qti", [chapter])) as package:
        manifest = ET.fromstring(package.read("imsmanifest.xml"))
        (resource,) = manifest.iter(f"{{{lms.MANIFEST}}}resource")
        assert resource.get("type") == "imsqti_xmlv1p2"
        (listed,) = resource.iter(f"{{{lms.MANIFEST}}}file")
        root = ET.fromstring(package.read(listed.get("href") or ""))
    assert root.tag == f"{QTI}questestinterop"
    (assessment,) = root.iter(f"{QTI}assessment")
    sections = [s for s in assessment.iter(f"{QTI}section") if s.find(f"{QTI}item") is not None]
    assert [s.get("title") for s in sections] == [f"Exercise {e.id}" for e in exercises(chapter)]
    for section, exercise in zip(sections, exercises(chapter), strict=True):
        assert (
            section.findtext(f"{QTI}selection_ordering/{QTI}selection/{QTI}selection_number") == "1"
        )
        items = section.findall(f"{QTI}item")
        assert [i.get("title") for i in items] == [
            f"{exercise.id} seed {s}" for s in course.PUBLISHED
        ]
        for item, seed in zip(items, course.PUBLISHED, strict=True):
            value = computed(problem(chapter, seed))[exercise.quantity]
            qti_accepts_the_answer_within_the_tolerance(item, value)


def qti_accepts_the_answer_within_the_tolerance(item: ET.Element, value: float) -> None:
    fields = {
        f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
        for f in item.iter(f"{QTI}qtimetadatafield")
    }
    assert fields["question_type"] == "numerical_question"
    (right,) = [c for c in item.iter(f"{QTI}respcondition") if c.findtext(f"{QTI}setvar") == "100"]
    exact = Decimal(right.findtext(f".//{QTI}varequal") or "")
    low, high = (
        Decimal(right.findtext(f".//{QTI}vargte") or ""),
        Decimal(right.findtext(f".//{QTI}varlte") or ""),
    )
    assert float(exact) == value
    assert (exact - low, high - exact) == (TOLERANCE, TOLERANCE)


# --- the command line -------------------------------------------------------------------------------


def test_the_command_line_writes_any_seeds_and_chapters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "quiz.xml"
    assert main(["exercises", "--seeds", "101,5", "--chapters", "4", "-o", str(target)]) == 0
    names = [q.findtext("name/text") for q in ET.parse(target).getroot().iter("question")]
    assert [n for n in names if n and "seed" in n] == [
        f"{e.id} seed {s}" for e in exercises(4) for s in (101, 5)
    ]
    assert (
        main(
            [
                "exercises",
                "--seeds",
                "5",
                "--chapters",
                "1",
                "--format",
                "qti",
                "-o",
                str(tmp_path / "q.zip"),
            ]
        )
        == 0
    )
    with zipfile.ZipFile(tmp_path / "q.zip") as package:
        assert "imsmanifest.xml" in package.namelist()
    assert main(["exercises", "--seeds", "5", "--chapters", "1"]) == 0
    assert capsys.readouterr().out.startswith("<?xml")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--seeds", "1-x"], "seeds: expected a list like 7, 1,2,3 or 1-30, got '1-x'"),
        (["--seeds", "0"], "seeds: 0 is not allowed; seeds start at 1"),
        (["--seeds", "1", "--chapters", "9"], "chapters: 9 is not offered; the chapters are 1-8"),
        (
            ["--seeds", "1", "--format", "qti"],
            "output: a QTI package is a zip; give the file to write with -o FILE",
        ),
    ],
)
def test_bad_input_to_the_command_line_is_one_line_exit_2_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    target = tmp_path / "quiz.xml"
    target.write_text("the teacher's old file")
    output = [] if "qti" in argv else ["-o", str(target)]
    assert main(["exercises", *argv, *output]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"backprop-steps: error: {message}\n")
    assert target.read_text() == "the teacher's old file"
    assert [p.name for p in tmp_path.iterdir()] == ["quiz.xml"]


def test_an_output_that_cannot_be_written_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["exercises", "--seeds", "1", "--chapters", "1", "-o", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err
        == f"backprop-steps: error: output: {tmp_path} is a directory, not a file\n"
    )
    missing = tmp_path / "no such folder" / "quiz.xml"
    assert main(["exercises", "--seeds", "1", "--chapters", "1", "-o", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(
        f"backprop-steps: error: output: cannot write {missing} ("
    )
