"""Assignments as a student meets them: status, attempts left, and starting one."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Integer, func, select

from course.classes.models import Assignment, Class, Enrollment
from course.extensions import db
from course.quizzes.models import Attempt

DUE_SOON = timedelta(hours=48)


@dataclass(frozen=True)
class StudentAssignment:
    assignment: Assignment
    klass: Class
    attempts_used: int
    best_percent: float | None
    is_late: bool

    def status(self, now: datetime) -> str:
        """upcoming, open, due_soon, overdue or done."""
        if self.attempts_used:
            return "done"
        if now < self.assignment.opens_dt:
            return "upcoming"
        if now >= self.assignment.due_dt:
            return "overdue"
        return "due_soon" if self.assignment.due_dt - now <= DUE_SOON else "open"

    def refusal(self, now: datetime) -> str | None:
        """Why a new attempt cannot be started now, if it cannot."""
        assignment = self.assignment
        if now < assignment.opens_dt:
            return _("This assignment is not open yet.")
        if now >= assignment.due_dt and not assignment.is_late_accepted:
            return _("The due date has passed and late work is not accepted.")
        if assignment.max_attempts is not None and self.attempts_used >= assignment.max_attempts:
            return _("You have used all your attempts for this assignment.")
        return None


def student_assignments(user_id: int, learner_id: int | None) -> list[StudentAssignment]:
    """Every assignment of the student's classes, with their graded attempts: two queries."""
    rows = db.session.execute(
        select(Assignment, Class)
        .join(Class, Class.id == Assignment.class_id)
        .join(Enrollment, Enrollment.class_id == Class.id)
        .where(Enrollment.user_id == user_id)
        .order_by(Assignment.due_dt)
    ).all()
    stats = _attempt_stats(learner_id, [a.id for a, _c in rows]) if learner_id else {}
    return [
        StudentAssignment(assignment, klass, *stats.get(assignment.id, (0, None, False)))
        for assignment, klass in rows
    ]


def _attempt_stats(learner_id: int, assignment_ids: list[int]) -> dict:
    if not assignment_ids:
        return {}
    query = (
        select(
            Attempt.assignment_id,
            func.count(Attempt.id),
            func.max(Attempt.score * 100.0 / Attempt.max_score),
            func.max(Attempt.is_late.cast(Integer)),
        )
        .where(
            Attempt.learner_id == learner_id,
            Attempt.assignment_id.in_(assignment_ids),
            Attempt.submitted_dt.is_not(None),
        )
        .group_by(Attempt.assignment_id)
    )
    return {row[0]: (row[1], row[2], bool(row[3])) for row in db.session.execute(query)}


def student_assignment(user_id: int, learner_id: int | None, assignment_id: int):
    """One of the student's assignments, or None if it is not theirs."""
    found = [
        s for s in student_assignments(user_id, learner_id) if s.assignment.id == assignment_id
    ]
    return found[0] if found else None
