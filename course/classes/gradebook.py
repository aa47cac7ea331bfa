"""The gradebook: students × assignments, from a fixed number of set-based queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from sqlalchemy import func, select

from course.accounts.models import User
from course.classes.models import Assignment, Enrollment
from course.classes.queries import class_learner_ids, plain_rows
from course.content.catalog import Catalog
from course.extensions import db
from course.progress.models import Learner, LessonCompletion
from course.quizzes.models import Attempt

# A cell: (best percent, its attempt, attempts, any late, lessons done, lessons assigned).
# A plain tuple rather than a named one: a class has thousands of cells, and the garbage
# collector stops tracking a plain tuple of plain values, where it would go on scanning these.
Cell = tuple[float | None, int | None, int, bool, int, int]
BEST = 0  # the index of the best percent in a cell
NOT_ATTEMPTED = (None, None, 0, False)


@dataclass(frozen=True, slots=True)
class StudentRow:
    user_id: int
    name: str
    email: str
    cells: tuple[Cell, ...]  # in the order of the gradebook's assignments
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
    scores = _best_scores(class_id, [a.id for a in assignments])
    done = _lessons_done(class_id, catalog)
    activity = last_activity(class_id)
    columns = [(a.id, a.module_id, _lessons_assigned(a, catalog)) for a in assignments]
    rows = []
    for user_id, name, email, joined_dt, learner_id in students:
        cells = tuple(
            (*scores.get((learner_id, a), NOT_ATTEMPTED), done[learner_id, module_id], total)
            for a, module_id, total in columns
        )
        last = activity.get(user_id) or joined_dt
        rows.append(StudentRow(user_id, name, email, cells, last, _average(cells)))
    averages = [_mean([r.cells[i][BEST] or 0 for r in rows]) for i in range(len(assignments))]
    row_averages = [r.average for r in rows if r.average is not None]
    return Gradebook(assignments, rows, averages, _mean(row_averages))


def _lessons_assigned(assignment: Assignment, catalog: Catalog) -> int:
    module = catalog.modules.get(assignment.module_id) if assignment.module_id else None
    return len(module.lesson_ids) if module else 0


def _average(cells: tuple[Cell, ...]) -> float | None:
    return sum(c[BEST] or 0 for c in cells) / len(cells) if cells else None


def _best_scores(
    class_id: int, assignment_ids: list[int]
) -> dict[tuple[int, int], tuple[float, int, int, bool]]:
    """(learner, assignment) → (best percent, its attempt, number of attempts, any late)."""
    percent = Attempt.score * 100.0 / Attempt.max_score
    rows = plain_rows(
        select(Attempt.learner_id, Attempt.assignment_id, percent, Attempt.id, Attempt.is_late)
        .where(
            Attempt.learner_id.in_(class_learner_ids(class_id)),
            Attempt.assignment_id.in_(assignment_ids),
            Attempt.submitted_dt.is_not(None),
        )
        # The best comes first; an earlier attempt wins a tie.
        .order_by(Attempt.learner_id, Attempt.assignment_id, percent.desc(), Attempt.submitted_dt)
    )
    scores: dict[tuple[int, int], tuple[float, int, int, bool]] = {}
    for key, group in groupby(rows, key=itemgetter(0, 1)):
        (_learner_id, _assignment_id, best, best_id, is_late), *others = group
        scores[key] = (best, best_id, 1 + len(others), is_late or any(o[4] for o in others))
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
