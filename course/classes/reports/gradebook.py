"""The gradebook: students × assignments, from a fixed number of set-based queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import func, select

from course.accounts.models import User
from course.classes.exceptions import exceptions_for
from course.classes.grading import Graded, grade_of
from course.classes.models import Assignment, Enrollment
from course.classes.overrides import overrides_for
from course.classes.queries import class_learner_ids, graded_attempts, plain_rows
from course.content.catalog import Catalog
from course.extensions import db
from course.learners.models import Learner
from course.progress.models import LessonCompletion
from course.quizzes.models import Attempt

# What a student's submitted attempts at an assignment make: the grade (by the assignment's
# grading method), the attempt that makes it, how many attempts, whether any was late. A plain
# tuple, as the cells below are.
Score = tuple[float | None, int | None, int, bool]
NOT_ATTEMPTED: Score = (None, None, 0, False)


class Adjustment(NamedTuple):
    """What the instructor set for one student on one assignment."""

    override: float | None  # a grade set by hand
    comment: str | None  # its comment
    extra_attempts: int | None
    extra_minutes: int | None


NO_ADJUSTMENT = Adjustment(None, None, None, None)


# A student's standing on one assignment: the user; the grade (set by hand, if it was, else the
# score's); the attempt that makes it; the attempts made; whether any was late; the lessons done
# of the assignment's module, and its lessons (0 for the final exam); the comment of a grade set
# by hand (None if computed); the extra attempts and minutes the student was given.
#
# A plain tuple, read by unpacking: the garbage collector stops tracking a tuple of plain values,
# but never a NamedTuple or other object, and a class of 500 students has 5,000 cells that every
# collection would scan again (docs/reports.md, "Cells and speed").
GradeCell = tuple[
    int, float | None, int | None, int, bool, int, int, str | None, int | None, int | None
]
GRADE = 1  # where a GradeCell has its grade


@dataclass(frozen=True, slots=True)
class StudentRow:
    user_id: int
    name: str
    email: str
    cells: tuple[GradeCell, ...]  # in the order of the gradebook's assignments
    last_activity: datetime | None
    average: float | None  # a missing score counts as 0


@dataclass(frozen=True)
class Gradebook:
    assignments: list[Assignment]
    rows: list[StudentRow]  # by name (then by account, for namesakes)
    averages: list[float | None]  # of each assignment, a missing score counting as 0
    class_average: float | None


def build_gradebook(class_id: int, catalog: Catalog) -> Gradebook:
    assignments = list(
        db.session.scalars(
            select(Assignment).where(Assignment.class_id == class_id).order_by(Assignment.due_dt)
        )
    )
    students = plain_rows(
        select(User.id, User.name, User.email, Enrollment.joined_dt, Learner.id)
        .join(Enrollment, Enrollment.user_id == User.id)
        .outerjoin(Learner, Learner.user_id == User.id)
        .where(Enrollment.class_id == class_id)
        .order_by(func.lower(User.name), User.id)
    )
    scores = _grades(class_id, {a.id: a.grading_method for a in assignments})
    done = _lessons_done(class_id, catalog)
    activity = last_activity(class_id)
    adjust = _adjustments([a.id for a in assignments])
    columns = [(a.id, a.module_id, _lessons_assigned(a, catalog)) for a in assignments]
    rows = []
    for user_id, name, email, joined_dt, learner_id in students:
        cells = tuple(
            _cell(
                user_id,
                scores.get((learner_id, a), NOT_ATTEMPTED),
                (done[learner_id, module_id], total),
                adjust.get((a, user_id), NO_ADJUSTMENT),
            )
            for a, module_id, total in columns
        )
        last = activity.get(user_id) or joined_dt
        rows.append(StudentRow(user_id, name, email, cells, last, _average(cells)))
    averages = [_mean([r.cells[i][GRADE] or 0 for r in rows]) for i in range(len(assignments))]
    row_averages = [r.average for r in rows if r.average is not None]
    return Gradebook(assignments, rows, averages, _mean(row_averages))


def _lessons_assigned(assignment: Assignment, catalog: Catalog) -> int:
    module = catalog.modules.get(assignment.module_id) if assignment.module_id else None
    return len(module.lesson_ids) if module else 0


def _average(cells: tuple[GradeCell, ...]) -> float | None:
    return sum(c[GRADE] or 0 for c in cells) / len(cells) if cells else None


def _cell(user_id: int, score: Score, lessons: tuple[int, int], adjust: Adjustment) -> GradeCell:
    grade, attempt_id, attempts, is_late = score
    override, comment, extra_attempts, extra_minutes = adjust
    if override is not None:
        grade = override
    return (
        user_id,
        grade,
        attempt_id,
        attempts,
        is_late,
        *lessons,
        comment,
        extra_attempts,
        extra_minutes,
    )


def _adjustments(assignment_ids: list[int]) -> dict[tuple[int, int], Adjustment]:
    """(assignment, user) → what the instructor set for the student: two queries."""
    overrides = overrides_for(assignment_ids)
    exceptions = exceptions_for(assignment_ids)
    adjustments = {}
    for key in overrides.keys() | exceptions.keys():
        override, exception = overrides.get(key), exceptions.get(key)
        adjustments[key] = Adjustment(
            override.percent if override else None,
            override.comment if override else None,
            exception.extra_attempts if exception else None,
            exception.extra_minutes if exception else None,
        )
    return adjustments


def _grades(class_id: int, methods: dict[int, str]) -> dict[tuple[int, int], Score]:
    """(learner, assignment) → what the student's submitted attempts at it make."""
    percent = Attempt.score * 100.0 / Attempt.max_score
    rows = plain_rows(
        select(
            Attempt.learner_id,
            Attempt.assignment_id,
            percent,
            Attempt.id,
            Attempt.submitted_dt,
            Attempt.is_late,
        )
        .where(*graded_attempts(class_id), Attempt.assignment_id.in_(list(methods)))
        .order_by(Attempt.learner_id, Attempt.assignment_id, Attempt.submitted_dt)
    )
    scores: dict[tuple[int, int], Score] = {}
    for key, group in groupby(rows, key=itemgetter(0, 1)):
        attempts = list(group)
        graded = [Graded(percent, id_, at) for _l, _a, percent, id_, at, _late in attempts]
        grade, attempt_id = grade_of(methods[key[1]], graded)
        late = any(is_late for _l, _a, _p, _i, _at, is_late in attempts)
        scores[key] = (grade, attempt_id, len(attempts), late)
    return scores


def _lessons_done(class_id: int, catalog: Catalog) -> Counter[tuple[int, str]]:
    """(learner, module) → how many of the module's lessons the student has completed."""
    rows = plain_rows(
        select(LessonCompletion.learner_id, LessonCompletion.lesson_id).where(
            LessonCompletion.learner_id.in_(class_learner_ids(class_id))
        )
    )
    lessons = catalog.lessons
    return Counter(
        (learner_id, lessons[lesson_id].module_id)
        for learner_id, lesson_id in rows
        if lesson_id in lessons
    )


def last_activity(class_id: int) -> dict[int, datetime]:
    """The last time each student of the class did something: an attempt or a lesson."""
    attempted = (
        select(func.max(func.coalesce(Attempt.submitted_dt, Attempt.started_dt)))
        .where(Attempt.learner_id == Learner.id)
        .scalar_subquery()
    )
    completed = (
        select(func.max(LessonCompletion.completed_dt))
        .where(LessonCompletion.learner_id == Learner.id)
        .scalar_subquery()
    )
    rows = plain_rows(
        select(Learner.user_id, attempted, completed)
        .join(Enrollment, Enrollment.user_id == Learner.user_id)
        .where(Enrollment.class_id == class_id)
    )
    return {
        user_id: max(at for at in (attempt_dt, lesson_dt) if at is not None)
        for user_id, attempt_dt, lesson_dt in rows
        if attempt_dt is not None or lesson_dt is not None
    }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
