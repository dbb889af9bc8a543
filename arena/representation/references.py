"""Checks on reference distributions arriving through the statistics import.

A reference row is a district statistic whose indicator is a reference key
(`questions.reference_key`). Each row must name a known question and answer, in
`people` (a whole number, not negative) or `%` (not negative); and the answers
of one question, arena and year must add up: shares to 100 (within 1), all in
one unit.
"""

from __future__ import annotations

import math
from collections import defaultdict

from flask_babel import gettext as _

from arena.representation import questions as q


def check_reference_row(line: int, indicator: str, value: float, unit: str) -> list[str]:
    """What is wrong with one reference row (empty when nothing)."""
    if q.parse_reference_key(indicator) is None:
        return [
            _(
                "Row %(row)d: '%(key)s' is not a known reference key; use one like %(example)s.",
                row=line,
                key=indicator[:80],
                example=q.reference_key(q.AGE_BAND, "16-24"),
            )
        ]
    errors = []
    if unit not in q.REFERENCE_UNITS:
        errors.append(_("Row %(row)d: a reference is counted in 'people' or '%%'.", row=line))
    if value < 0:
        errors.append(_("Row %(row)d: a reference value cannot be negative.", row=line))
    elif unit == q.PEOPLE and not float(value).is_integer():
        errors.append(_("Row %(row)d: a number of people is a whole number.", row=line))
    return errors


def check_reference_sums(rows) -> list[str]:
    """Each (arena, year, question) of the file's reference rows: one unit, and
    shares that add up to 100 within the tolerance."""
    groups: dict[tuple, list] = defaultdict(list)
    for row in rows:
        parsed = q.parse_reference_key(row.indicator)
        if parsed is not None:
            groups[(row.arena.name, row.year, parsed[0])].append(row)
    errors = []
    for (arena_name, year, question), members in sorted(groups.items()):
        names = {"arena": arena_name, "year": year, "question": q.QUESTION_LABELS[question]}
        units = {row.unit for row in members}
        if len(units) > 1:
            errors.append(
                _(
                    "%(arena)s %(year)d, %(question)s: the reference mixes people and %%; "
                    "use one unit for all answers of a question.",
                    **names,
                )
            )
            continue
        total = math.fsum(row.value for row in members)
        if units == {q.PERCENT} and abs(total - 100) > q.PERCENT_TOLERANCE:
            errors.append(
                _(
                    "%(arena)s %(year)d, %(question)s: the shares add up to %(total)s %%, "
                    "not 100 %%.",
                    total=f"{total:g}",
                    **names,
                )
            )
        elif units == {q.PEOPLE} and total <= 0:
            errors.append(
                _("%(arena)s %(year)d, %(question)s: the reference counts nobody.", **names)
            )
    return errors
