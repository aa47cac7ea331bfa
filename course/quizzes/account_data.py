"""What quizzes hold of an account: attempts, in the data download and at sign-in."""

from typing import Any

from flask import Flask
from sqlalchemy import select, update

from course.accounts.export import ACCOUNT_DATA
from course.extensions import db
from course.hooks import add_hook
from course.learners.current import MERGING
from course.learners.models import Learner
from course.quizzes.models import Answer, Attempt
from course.timeutil import iso


def attempts_data(user_id: int) -> dict[str, Any]:
    attempts = db.session.scalars(
        select(Attempt)
        .join(Learner, Learner.id == Attempt.learner_id)
        .where(Learner.user_id == user_id)
        .order_by(Attempt.started_dt, Attempt.id)
    )
    return {"attempts": [_attempt(attempt) for attempt in attempts]}


def _attempt(attempt: Attempt) -> dict[str, Any]:
    return {
        "id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "assignment_id": attempt.assignment_id,
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


def move_attempts(source_id: int, target_id: int) -> None:
    db.session.execute(
        update(Attempt).where(Attempt.learner_id == source_id).values(learner_id=target_id)
    )


def init_app(app: Flask) -> None:
    add_hook(app, ACCOUNT_DATA, attempts_data)
    add_hook(app, MERGING, move_attempts)
