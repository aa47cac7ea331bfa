"""The gradebook: students × assignments, from a fixed number of set-based queries."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, func, select

from course.accounts.models import User
from course.classes.models import Assignment, Enrollment
from course.content.catalog import Catalog
from course.extensions import db
from course.progress.models import Learner, LessonCompletion
from course.quizzes.models import Attempt


@dataclass(frozen=True)
class Cell:
    best_percent: float | None = None
    best_attempt_id: int | None = None
    attempts: int = 0
    is_late: bool = False
    lessons_done: int = 0
    lessons_total: int = 0


@dataclass(frozen=True)
class StudentRow:
    user: User
    cells: dict[int, Cell]
    last_activity: datetime | None

    @property
    def average(self) -> float | None:
        scores = [c.best_percent for c in self.cells.values()]
        return sum(s or 0 for s in scores) / len(scores) if scores else None


@dataclass(frozen=True)
class Gradebook:
    assignments: list[Assignment]
    rows: list[StudentRow]
    averages: dict[int, float | None] = field(default_factory=dict)

    @property
    def class_average(self) -> float | None:
        values = [r.average for r in self.rows if r.average is not None]
        return sum(values) / len(values) if values else None


def build_gradebook(class_id: int, catalog: Catalog) -> Gradebook:
    assignments = list(
        db.session.scalars(
            select(Assignment).where(Assignment.class_id == class_id).order_by(Assignment.due_dt)
        )
    )
    students = db.session.execute(
        select(User, Enrollment.joined_dt)
        .join(Enrollment, Enrollment.user_id == User.id)
        .where(Enrollment.class_id == class_id)
        .order_by(func.lower(User.name))
    ).all()
    scores = _best_scores(class_id)
    done = _completed_lessons(class_id)
    activity = last_activity(class_id)
    rows = []
    for user, joined_dt in students:
        cells = {
            a.id: _cell(a, catalog, scores.get((user.id, a.id)), done.get(user.id, set()))
            for a in assignments
        }
        rows.append(StudentRow(user, cells, activity.get(user.id) or joined_dt))
    averages = {a.id: _mean([r.cells[a.id].best_percent or 0 for r in rows]) for a in assignments}
    return Gradebook(assignments, rows, averages)


def _cell(assignment: Assignment, catalog: Catalog, score, done_lessons: set[str]) -> Cell:
    lesson_ids = (
        catalog.modules[assignment.module_id].lesson_ids
        if assignment.module_id in (catalog.modules)
        else ()
    )
    done = sum(1 for lesson_id in lesson_ids if lesson_id in done_lessons)
    if score is None:
        return Cell(lessons_done=done, lessons_total=len(lesson_ids))
    best, best_id, attempts, late = score
    return Cell(best, best_id, attempts, late, done, len(lesson_ids))


def _class_learners(class_id: int):
    """(learner id, user id) of the class's students, as a subquery."""
    return (
        select(Learner.id.label("learner_id"), Learner.user_id.label("user_id"))
        .join(Enrollment, Enrollment.user_id == Learner.user_id)
        .where(Enrollment.class_id == class_id)
        .subquery()
    )


def _best_scores(class_id: int) -> dict[tuple[int, int], tuple]:
    learners = _class_learners(class_id)
    percent = Attempt.score * 100.0 / Attempt.max_score
    ranked = (
        select(
            learners.c.user_id,
            Attempt.assignment_id,
            Attempt.id,
            percent.label("percent"),
            func.count().over(partition_by=(learners.c.user_id, Attempt.assignment_id)).label("n"),
            func.max(Attempt.is_late.cast(Integer))
            .over(partition_by=(learners.c.user_id, Attempt.assignment_id))
            .label("late"),
            func.row_number()
            .over(
                partition_by=(learners.c.user_id, Attempt.assignment_id),
                order_by=(percent.desc(), Attempt.submitted_dt),
            )
            .label("rank"),
        )
        .join(learners, learners.c.learner_id == Attempt.learner_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.class_id == class_id, Attempt.submitted_dt.is_not(None))
        .subquery()
    )
    rows = db.session.execute(select(ranked).where(ranked.c.rank == 1))
    return {(r.user_id, r.assignment_id): (r.percent, r.id, r.n, bool(r.late)) for r in rows}


def _completed_lessons(class_id: int) -> dict[int, set[str]]:
    learners = _class_learners(class_id)
    rows = db.session.execute(
        select(learners.c.user_id, LessonCompletion.lesson_id).join(
            learners, learners.c.learner_id == LessonCompletion.learner_id
        )
    )
    done: dict[int, set[str]] = {}
    for user_id, lesson_id in rows:
        done.setdefault(user_id, set()).add(lesson_id)
    return done


def last_activity(class_id: int) -> dict[int, datetime]:
    learners = _class_learners(class_id)
    attempts = select(
        learners.c.user_id, func.coalesce(Attempt.submitted_dt, Attempt.started_dt).label("at")
    ).join(learners, learners.c.learner_id == Attempt.learner_id)
    lessons = select(learners.c.user_id, LessonCompletion.completed_dt.label("at")).join(
        learners, learners.c.learner_id == LessonCompletion.learner_id
    )
    union = attempts.union_all(lessons).subquery()
    rows = db.session.execute(
        select(union.c.user_id, func.max(union.c.at)).group_by(union.c.user_id)
    )
    return dict(rows.all())


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
