r"""The exercises for a learning-management system: Moodle XML and QTI 1.2, one numerical question
per exercise and seed.

Each question shows its seed's network, the numbers as the chapter names them, and asks for one
[exercise][backprop_steps.exercises.EXERCISES] to [`DECIMALS`][backprop_steps.exercises.DECIMALS].
The answer is the library's value with a tolerance of
[`TOLERANCE`][backprop_steps.render.sheets.TOLERANCE] on either side, a unit in the last decimal
asked, so that the answer rounded or truncated there is right. The questions are grouped by
exercise, so that a quiz draws one seed's question of each exercise for each student:

- [`moodle`][backprop_steps.render.lms.moodle] writes Moodle XML: a category per exercise
  (`$course$/backprop-steps/4.1`), and in each question, after the right answer, the value of
  each catalogued mistake outside the right answer's window as a 0 % answer whose feedback names
  the mistake, as the chapters' exercises do; any other number gets an honest "no mistake we
  know of".
- [`qti`][backprop_steps.render.lms.qti] writes a QTI 1.2 package (a zip, as Canvas and
  Blackboard import it): one section per exercise that picks one of its questions. A numerical
  answer in Canvas is always a right one, so this format holds the right answer only.

Examples:
    >>> asked = questions(1)[7]
    >>> asked.exercise.id, asked.value, len(asked.slips) > 0
    ('4.1', 0.06447041569647367, True)
    >>> window(asked.value)
    ('0.06447041569647367', '0.06446941569647367', '0.06447141569647367')

Introduced in [Exercises][exercises].
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from backprop_steps.exercises import (
    CHAPTERS,
    DECIMALS,
    EXERCISES,
    Exercise,
    Slipped,
    problem,
    solutions,
)
from backprop_steps.figures import describe
from backprop_steps.render.sheets import TOLERANCE, answers, described, givens, spelled, task

__all__ = [
    "CATEGORY",
    "Question",
    "mistake_feedback",
    "moodle",
    "other_feedback",
    "qti",
    "question_text",
    "questions",
    "window",
]

CATEGORY = "$course$/backprop-steps"
"""The Moodle category the questions are imported into; each exercise has its own below it."""


@dataclass(frozen=True)
class Question:
    """One exercise on one seed's network, as a learning-management system asks it.

    Introduced in [Exercises][exercises].
    """

    exercise: Exercise
    """The exercise."""
    seed: int
    """The seed of the network."""
    value: float
    """The answer, the library's value."""
    slips: tuple[Slipped, ...]
    """The catalogued mistakes' values outside the answer's window, each with its messages."""
    shown: str
    """The answer at `DECIMALS` as the answer key writes it."""


def _decimal(value: float) -> Decimal:
    """A double as the shortest decimal that reads back as it."""
    return Decimal(repr(value))


def window(value: float) -> tuple[str, str, str]:
    """An answer, and the lowest and the highest number accepted for it, as decimal text: the
    value ± [`TOLERANCE`][backprop_steps.render.sheets.TOLERANCE].

    Introduced in [Exercises][exercises].
    """
    exact = _decimal(value)
    return f"{exact:f}", f"{exact - TOLERANCE:f}", f"{exact + TOLERANCE:f}"


def questions(seed: int) -> tuple[Question, ...]:
    """Every exercise on a seed's network, with its answer and the mistakes a system can name.

    Introduced in [Exercises][exercises].
    """
    found = []
    for chapter in CHAPTERS:
        shown = [forms for _, forms in answers(chapter, seed)]
        for solution, forms in zip(solutions(chapter, seed), shown, strict=True):
            answer = _decimal(solution.value)
            outside = tuple(
                slip for slip in solution.slips if abs(_decimal(slip.value) - answer) > TOLERANCE
            )
            written = ", ".join(f"{figure} ({describe([by])})" for figure, by in forms)
            found.append(Question(solution.exercise, seed, solution.value, outside, written))
    return tuple(found)


def question_text(exercise: Exercise, seed: int) -> str:
    """A question's text, HTML: the seed's network as the exercise's chapter has it, and what to
    compute.

    Introduced in [Exercises][exercises].
    """
    case = problem(exercise.chapter, seed)
    numbers = "".join(
        f"<li>{title}: "
        + ", ".join(f"{spelled(name, 'html')} = {value}" for name, value in pairs)
        + "</li>"
        for title, pairs in givens(case)
    )
    return (
        f"<p>Exercise <strong>{exercise.id}</strong> (chapter {exercise.chapter}), on the network "
        f"of seed {seed}: {escape(', '.join(described(case)))}.</p><ul>{numbers}</ul>"
        f"<p>Compute {task(exercise, 'html')}, to {DECIMALS} decimals, carrying every digit "
        "in between.</p>"
    )


def mistake_feedback(slip: Slipped) -> str:
    """What a system says to a number a catalogued mistake gives, HTML, in the words of the
    chapters' exercises: the mistake named, and its message.

    Introduced in [Exercises][exercises].
    """
    text = (
        f"<strong>Not right, and we know why:</strong> <code>{slip.mistakes[0]}</code>. "
        f"{escape(slip.messages[0], quote=False)}"
    )
    if len(slip.mistakes) > 1:
        also = ", ".join(f"<code>{name}</code>" for name in slip.mistakes[1:])
        text += f" The same number comes from {also} too."
    return text


def other_feedback(exercise: Exercise, seed: int) -> str:
    """What a system says to any other wrong number, HTML.

    Introduced in [Exercises][exercises].
    """
    return (
        "<p><strong>Not right,</strong> and no mistake we know of gives this number. Compare "
        f"your steps with the working of exercise {exercise.id} on the site, with seed {seed}.</p>"
    )


# --- Moodle XML ---------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "text").text = text
    return element


def _answer(parent: ET.Element, fraction: str, text: str, tolerance: str, feedback: str) -> None:
    answer = ET.SubElement(parent, "answer", {"fraction": fraction})
    ET.SubElement(answer, "text").text = text
    ET.SubElement(answer, "tolerance").text = tolerance
    _text(answer, "feedback", feedback, format="html")


def _moodle_question(quiz: ET.Element, asked: Question) -> None:
    exercise, seed = asked.exercise, asked.seed
    question = ET.SubElement(quiz, "question", {"type": "numerical"})
    _text(question, "name", f"{exercise.id} seed {seed}")
    _text(question, "questiontext", question_text(exercise, seed), format="html")
    _text(question, "generalfeedback", f"<p>The answer: {asked.shown}.</p>", format="html")
    for tag, text in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0")):
        ET.SubElement(question, tag).text = text
    ET.SubElement(question, "idnumber").text = f"backprop-steps-{exercise.id}-{seed}"
    _answer(
        question, "100", window(asked.value)[0], f"{TOLERANCE:f}", "<p><strong>Right.</strong></p>"
    )
    for slip in asked.slips:
        _answer(question, "0", window(slip.value)[0], f"{TOLERANCE:f}", mistake_feedback(slip))
    _answer(question, "0", "*", "0", other_feedback(exercise, seed))
    for tag, text in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "3")):
        ET.SubElement(question, tag).text = text
    ET.SubElement(question, "unitsleft").text = "0"


def _by_exercise(asked: Iterable[Question]) -> dict[Exercise, list[Question]]:
    grouped: dict[Exercise, list[Question]] = {exercise: [] for exercise in EXERCISES}
    for question in asked:
        grouped[question.exercise].append(question)
    return {exercise: found for exercise, found in grouped.items() if found}


def _xml(root: ET.Element, indent: bool = True) -> bytes:
    """The XML file; not indented, each child of the root on a line of its own (a smaller file)."""
    if indent:
        ET.indent(root)
    else:
        root.text = "\n"
        for child in root:
            child.tail = "\n"
    written: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return written + b"\n"


def moodle(asked: Sequence[Question]) -> bytes:
    """Moodle XML: a category per exercise, then a numerical question per seed.

    Args:
        asked: The questions, from [`questions`][backprop_steps.render.lms.questions].

    Returns:
        The file, UTF-8.

    Introduced in [Exercises][exercises].
    """
    quiz = ET.Element("quiz")
    for exercise, found in _by_exercise(asked).items():
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", f"{CATEGORY}/{exercise.id}")
        _text(
            category,
            "info",
            f"<p>Exercise {exercise.id}: {task(exercise, 'html')}</p>",
            format="html",
        )
        for question in found:
            _moodle_question(quiz, question)
    return _xml(quiz, indent=False)


# --- QTI 1.2 ------------------------------------------------------------------------------------

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST = "http://www.imsglobal.org/xsd/imscp_v1p1"
_ASSESSMENT = "backprop-steps-exercises"


def _fields(parent: ET.Element, fields: dict[str, str]) -> None:
    metadata = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(metadata, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _material(parent: ET.Element, html: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = html


def _qti_item(section: ET.Element, asked: Question) -> None:
    exercise, seed = asked.exercise, asked.seed
    ident = f"bp-{exercise.chapter}-{exercise.number}-seed-{seed}"
    item = ET.SubElement(section, "item", {"ident": ident, "title": f"{exercise.id} seed {seed}"})
    _fields(
        ET.SubElement(item, "itemmetadata"),
        {"question_type": "numerical_question", "points_possible": "1"},
    )
    presentation = ET.SubElement(item, "presentation")
    _material(presentation, question_text(exercise, seed))
    response = ET.SubElement(
        presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
    )
    fib = ET.SubElement(response, "render_fib", {"fibtype": "Decimal"})
    ET.SubElement(fib, "response_label", {"ident": "answer1"})
    processing = ET.SubElement(item, "resprocessing")
    ET.SubElement(
        ET.SubElement(processing, "outcomes"),
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )
    general = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(general, "conditionvar"), "other")
    ET.SubElement(
        general, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"}
    )
    right = ET.SubElement(processing, "respcondition", {"continue": "No"})
    either = ET.SubElement(ET.SubElement(right, "conditionvar"), "or")
    exact, low, high = window(asked.value)
    ET.SubElement(either, "varequal", {"respident": "response1"}).text = exact
    within = ET.SubElement(either, "and")
    ET.SubElement(within, "vargte", {"respident": "response1"}).text = low
    ET.SubElement(within, "varlte", {"respident": "response1"}).text = high
    ET.SubElement(right, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    feedback = ET.SubElement(item, "itemfeedback", {"ident": "general_fb"})
    _material(ET.SubElement(feedback, "flow_mat"), f"<p>The answer: {asked.shown}.</p>")


def _assessment(asked: Sequence[Question], title: str) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI})
    assessment = ET.SubElement(root, "assessment", {"ident": _ASSESSMENT, "title": title})
    _fields(assessment, {"cc_maxattempts": "1"})
    top = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for exercise, found in _by_exercise(asked).items():
        ident = f"bp-{exercise.chapter}-{exercise.number}"
        section = ET.SubElement(
            top, "section", {"ident": ident, "title": f"Exercise {exercise.id}"}
        )
        selection = ET.SubElement(ET.SubElement(section, "selection_ordering"), "selection")
        ET.SubElement(selection, "selection_number").text = "1"
        extension = ET.SubElement(selection, "selection_extension")
        ET.SubElement(extension, "points_per_item").text = "1"
        for question in found:
            _qti_item(section, question)
    return _xml(root)


def _manifest(files: Sequence[str]) -> bytes:
    root = ET.Element("manifest", {"identifier": f"{_ASSESSMENT}-manifest", "xmlns": MANIFEST})
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(
        resources, "resource", {"identifier": _ASSESSMENT, "type": "imsqti_xmlv1p2"}
    )
    for name in files:
        ET.SubElement(resource, "file", {"href": name})
    return _xml(root)


def qti(asked: Sequence[Question], title: str) -> bytes:
    """A QTI 1.2 package: a zip of `imsmanifest.xml` and the assessment, one section per
    exercise that picks one of its questions (one seed) for each student.

    Args:
        asked: The questions, from [`questions`][backprop_steps.render.lms.questions].
        title: The quiz's title.

    Returns:
        The zip; the same bytes for the same questions.

    Introduced in [Exercises][exercises].
    """
    assessment = f"{_ASSESSMENT}/{_ASSESSMENT}.xml"
    members = {"imsmanifest.xml": _manifest([assessment]), assessment: _assessment(asked, title)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
