"""A check's report as text: the table of the reader's numbers beside ours, then the verdict.

`backprop-steps check` prints [`report_text`][backprop_steps.render.reports.report_text]; the
calculator's compare mode writes the same [`verdict`][backprop_steps.render.reports.verdict] as
HTML, so both say the same thing in the same words.

Introduced in [Check your own calculation][check-your-own].
"""

from __future__ import annotations

from backprop_steps.check import Report
from backprop_steps.display import number

__all__ = ["RULE_WORDS", "report_text", "verdict"]

RULE_WORDS = {
    "rounded half up": "They are ours rounded half up (school rounding).",
    "rounded half to even": "They are ours rounded half to even.",
    "rounded": "They are ours rounded to the digits you wrote.",
    "truncated": "They are ours truncated to the digits you wrote.",
    "rounded or truncated": "They are ours rounded or truncated to the digits you wrote.",
    "mixed": "They are ours, some rounded and some truncated.",
    "none": "",
}
"""How the report says which rule the reader's matching figures follow."""


def verdict(report: Report) -> list[str]:
    """The verdict in sentences: how many match and by which rule, the first divergence, each
    diagnosis with what it explains and the quantity that would tell it from the others.

    Introduced in [Check your own calculation][check-your-own].
    """
    lines = [f"{report.matching} of your {report.checked} numbers match."]
    if RULE_WORDS[report.rounding]:
        lines[0] += " " + RULE_WORDS[report.rounding]
    first = report.first_divergence
    if first is None:
        return lines
    lines.append(
        f"First divergence: {first.quantity}: yours {first.yours}, ours {number(first.ours)}."
    )
    if not report.diagnoses:
        lines.append("No mistake of the catalogue explains your numbers.")
    for d in report.diagnoses:
        kind = "Partial diagnosis" if d.partial else "Diagnosis"
        lines.append(f"{kind} ({d.mistake}): {d.message}")
        lines.append(f"  It explains {', '.join(d.explains)}.")
        if d.tell_apart:
            lines.append(f"  To tell it from the other diagnoses, give {d.tell_apart}.")
    return lines


def report_text(report: Report) -> str:
    """The report as `backprop-steps check` prints it: a table, then the verdict.

    Introduced in [Check your own calculation][check-your-own].
    """
    width = max([len("quantity"), *(len(r.quantity) for r in report.rows)])
    yours = max([len("yours"), *(len(r.yours) for r in report.rows)])
    lines = [f"  {'quantity'.ljust(width)}  {'yours'.ljust(yours)}  ours"]
    for r in report.rows:
        mark = "matches" if r.match else "differs"
        lines.append(
            f"  {r.quantity.ljust(width)}  {r.yours.ljust(yours)}  {number(r.ours).ljust(12)}  {mark}"
        )
    return "\n".join([*lines, "", *verdict(report)])
