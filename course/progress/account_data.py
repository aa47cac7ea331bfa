"""What progress holds of an account: lessons done, in the data download and at sign-in."""

from typing import Any

from flask import Flask
from sqlalchemy import delete, select, update

from course.accounts.export import ACCOUNT_DATA
from course.extensions import db
from course.hooks import add_hook
from course.learners.current import MERGING
from course.learners.models import Learner
from course.progress.models import LessonCompletion
from course.timeutil import iso


def lessons_done(user_id: int) -> dict[str, Any]:
    rows = db.session.execute(
        select(LessonCompletion.lesson_id, LessonCompletion.completed_dt)
        .join(Learner, Learner.id == LessonCompletion.learner_id)
        .where(Learner.user_id == user_id)
        .order_by(LessonCompletion.completed_dt)
    )
    return {"lessons_done": [{"lesson_id": lesson, "done_at": iso(done)} for lesson, done in rows]}


def move_completions(source_id: int, target_id: int) -> None:
    """The source's completions of lessons the target has not done become the target's."""
    target_done = select(LessonCompletion.lesson_id).where(LessonCompletion.learner_id == target_id)
    db.session.execute(
        update(LessonCompletion)
        .where(
            LessonCompletion.learner_id == source_id,
            LessonCompletion.lesson_id.not_in(target_done.scalar_subquery()),
        )
        .values(learner_id=target_id)
    )
    db.session.execute(delete(LessonCompletion).where(LessonCompletion.learner_id == source_id))


def init_app(app: Flask) -> None:
    add_hook(app, ACCOUNT_DATA, lessons_done)
    add_hook(app, MERGING, move_completions)
