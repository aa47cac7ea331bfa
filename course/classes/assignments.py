"""Assignments as a student meets them: status, grade, attempts left, and starting one."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from operator import itemgetter

from flask_babel import gettext as _
from sqlalchemy import select

from course.classes.exceptions import exceptions_for
from course.classes.grading import Graded, grade_of
from course.classes.models import Assignment, AssignmentException, Class, Enrollment, GradeOverride
from course.classes.overrides import overrides_for
from course.classes.rules import shows_from
from course.extensions import db
from course.quizzes.models import COUNTED, Attempt

DUE_SOON = timedelta(hours=48)


@dataclass(frozen=True)
class StudentAssignment:
    assignment: Assignment
    klass: Class
    attempts_used: int = 0
    computed_percent: float | None = None  # by the assignment's grading method
    is_late: bool = False
    override: GradeOverride | None = None
    exception: AssignmentException | None = None

    @property
    def grade(self) -> float | None:
        """The grade: set by hand if the instructor did, else computed from the attempts."""
        return self.override.percent if self.override else self.computed_percent

    @property
    def attempts_allowed(self) -> int | None:
        limit = self.assignment.max_attempts
        extra = self.exception.extra_attempts if self.exception else None
        return None if limit is None else limit + (extra or 0)

    def shows_grade(self, now: datetime) -> bool:
        """The review options let the student see their score (and so their grade) now."""
        shown = shows_from(self.assignment, "score")
        return shown is not None and shown <= now

    def is_closed(self, now: datetime) -> bool:
        closes = self.assignment.effective_closes_dt
        return closes is not None and now >= closes

    def status(self, now: datetime) -> str:
        """upcoming, open, due_soon, overdue, closed or done."""
        if self.attempts_used:
            return "done"
        if now < self.assignment.opens_dt:
            return "upcoming"
        if self.is_closed(now):
            return "closed"
        if now >= self.assignment.due_dt:
            return "overdue"
        return "due_soon" if self.assignment.due_dt - now <= DUE_SOON else "open"

    def refusal(self, now: datetime) -> str | None:
        """Why a new attempt cannot be started now, if it cannot."""
        assignment = self.assignment
        if now < assignment.opens_dt:
            return _("This assignment is not open yet.")
        if self.is_closed(now):
            if assignment.closes_dt is None:
                return _("The due date has passed and late work is not accepted.")
            return _("This assignment is closed.")
        allowed = self.attempts_allowed
        if allowed is not None and self.attempts_used >= allowed:
            return _("You have used all your attempts for this assignment.")
        return None


def student_assignments(user_id: int, learner_id: int | None) -> list[StudentAssignment]:
    """Every assignment of the student's classes, with their grades and exceptions: four
    queries, however many assignments."""
    rows = db.session.execute(
        select(Assignment, Class)
        .join(Class, Class.id == Assignment.class_id)
        .join(Enrollment, Enrollment.class_id == Class.id)
        .where(Enrollment.user_id == user_id)
        .order_by(Assignment.due_dt)
    ).all()
    assignments = [a for a, _c in rows]
    stats = _attempt_stats(learner_id, assignments) if learner_id else {}
    ids = [a.id for a in assignments]
    overrides, exceptions = overrides_for(ids), exceptions_for(ids)
    return [
        StudentAssignment(
            assignment,
            klass,
            *stats.get(assignment.id, ()),
            override=overrides.get((assignment.id, user_id)),
            exception=exceptions.get((assignment.id, user_id)),
        )
        for assignment, klass in rows
    ]


def _attempt_stats(
    learner_id: int, assignments: Iterable[Assignment]
) -> dict[int, tuple[int, float, bool]]:
    """Assignment → (submitted attempts, grade by its method, any late)."""
    methods = {a.id: a.grading_method for a in assignments}
    if not methods:
        return {}
    query = (
        select(
            Attempt.assignment_id,
            Attempt.score * 100.0 / Attempt.max_score,
            Attempt.id,
            Attempt.submitted_dt,
            Attempt.is_late,
        )
        .where(
            Attempt.learner_id == learner_id,
            Attempt.assignment_id.in_(list(methods)),
            Attempt.submitted_dt.is_not(None),
            COUNTED,
        )
        .order_by(Attempt.assignment_id, Attempt.submitted_dt)
    )
    stats = {}
    for assignment_id, group in groupby(db.session.execute(query), key=itemgetter(0)):
        attempts = list(group)
        grade, _attempt_id = grade_of(methods[assignment_id], [Graded(*a[1:4]) for a in attempts])
        stats[assignment_id] = (len(attempts), grade, any(a[4] for a in attempts))
    return stats


def student_assignment(
    user_id: int, learner_id: int | None, assignment_id: int
) -> StudentAssignment | None:
    """One of the student's assignments, or None if it is not theirs."""
    found = [
        s for s in student_assignments(user_id, learner_id) if s.assignment.id == assignment_id
    ]
    return found[0] if found else None
