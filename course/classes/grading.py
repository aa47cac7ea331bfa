"""How a student's graded attempts make one grade: plain functions, no database."""

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple


class Graded(NamedTuple):
    """A submitted attempt as grading needs it."""

    percent: float
    attempt_id: int
    submitted_dt: datetime


def grade_of(method: str, attempts: Sequence[Graded]) -> tuple[float, int] | None:
    """The grade by `method` and the attempt that makes it (for an average: the last).

    "best" prefers the earlier of equal scores; "last" and "first" go by submission time.
    """
    if not attempts:
        return None
    by_time = sorted(attempts, key=lambda a: (a.submitted_dt, a.attempt_id))
    if method == "first":
        return by_time[0].percent, by_time[0].attempt_id
    if method == "last":
        return by_time[-1].percent, by_time[-1].attempt_id
    if method == "average":
        return sum(a.percent for a in by_time) / len(by_time), by_time[-1].attempt_id
    best = max(by_time, key=lambda a: a.percent)  # max keeps the first of equals
    return best.percent, best.attempt_id
