"""Everything the course holds about a user, as one JSON document they can download."""

from typing import Any

from sqlalchemy import select

from course.accounts.models import User
from course.classes.models import Class, Enrollment
from course.extensions import db
from course.progress.models import Learner, LessonCompletion
from course.quizzes.models import Answer, Attempt
from course.timeutil import iso


def account_data(user: User) -> dict[str, Any]:
    return {
        "profile": {
            "name": user.name,
            "email": user.email,
            "role": user.role,
            "language": user.locale,
            "time_zone": user.timezone,
            "registered_at": iso(user.created_dt),
        },
        "lessons_done": _lessons_done(user.id),
        "attempts": [_attempt(attempt) for attempt in _attempts(user.id)],
        "classes": _classes(user.id),
    }


def _lessons_done(user_id: int) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(LessonCompletion.lesson_id, LessonCompletion.completed_dt)
        .join(Learner, Learner.id == LessonCompletion.learner_id)
        .where(Learner.user_id == user_id)
        .order_by(LessonCompletion.completed_dt)
    )
    return [{"lesson_id": lesson_id, "done_at": iso(done)} for lesson_id, done in rows]


def _attempts(user_id: int) -> list[Attempt]:
    return list(
        db.session.scalars(
            select(Attempt)
            .join(Learner, Learner.id == Attempt.learner_id)
            .where(Learner.user_id == user_id)
            .order_by(Attempt.started_dt, Attempt.id)
        )
    )


def _attempt(attempt: Attempt) -> dict[str, Any]:
    return {
        "id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "assignment_id": attempt.assignment_id,
        "kind": attempt.kind,
        "started_at": iso(attempt.started_dt),
        "submitted_at": iso(attempt.submitted_dt),
        "score": attempt.score,
        "max_score": attempt.max_score,
        "passed": attempt.is_passed,
        "late": attempt.is_late,
        "answers": [_answer(answer) for answer in attempt.answers],
    }


def _answer(answer: Answer) -> dict[str, Any]:
    return {
        "question_id": answer.question_id,
        "value": answer.value,
        "language": answer.lang,
        "saved_at": iso(answer.saved_dt),
        "score": answer.score,
    }


def _classes(user_id: int) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(Class.name, User.name, Enrollment.joined_dt)
        .join(Enrollment, Enrollment.class_id == Class.id)
        .join(User, User.id == Class.instructor_id)
        .where(Enrollment.user_id == user_id)
        .order_by(Enrollment.joined_dt)
    )
    return [
        {"class": name, "instructor": instructor, "joined_at": iso(joined)}
        for name, instructor, joined in rows
    ]
