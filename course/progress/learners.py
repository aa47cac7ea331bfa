"""Who is learning: the signed-in user's learner, or this browser's anonymous one."""

from flask import session
from flask_login import current_user
from sqlalchemy import delete, select, update
from sqlalchemy.exc import InterfaceError, OperationalError

from course.content.catalog import Catalog
from course.database import database_unreachable, prepare_to_write
from course.extensions import db
from course.progress.models import Learner, LessonCompletion
from course.progress.summary import CourseProgress, summarize
from course.quizzes.attempts import submitted_attempts
from course.quizzes.models import Attempt

SESSION_KEY = "learner_id"


def current_learner(create: bool = True) -> Learner | None:
    """The learner behind this request; with `create`, make one if there is none yet."""
    if current_user.is_authenticated:
        return current_user.learner or learner_for_user(current_user.id)
    learner_id = session.get(SESSION_KEY)
    learner = db.session.get(Learner, learner_id) if isinstance(learner_id, int) else None
    if learner is not None and learner.user_id is None:
        return learner
    if not create:
        return None
    prepare_to_write()
    learner = Learner()
    db.session.add(learner)
    db.session.commit()
    session[SESSION_KEY] = learner.id
    session.permanent = True
    return learner


def reading_learner() -> Learner | None:
    """The learner, for a page anyone can read: None, as for a new visitor, while the database
    cannot be reached, so that the course stays readable without the visitor's progress."""
    try:
        return current_learner(create=False)
    except (OperationalError, InterfaceError) as exc:
        if not database_unreachable(exc):
            raise
        db.session.rollback()
        return None


def learner_for_user(user_id: int) -> Learner:
    learner = db.session.scalar(select(Learner).where(Learner.user_id == user_id))
    if learner is None:
        prepare_to_write()
        learner = Learner(user_id=user_id)
        db.session.add(learner)
        db.session.commit()
    return learner


def adopt_browser_progress(user_id: int) -> None:
    """After sign-up or sign-in, move this browser's self-study progress into the account."""
    browser_learner_id = session.pop(SESSION_KEY, None)
    if not isinstance(browser_learner_id, int):
        return
    browser_learner = db.session.get(Learner, browser_learner_id)
    if browser_learner is None or browser_learner.user_id is not None:
        return
    merge_learners(browser_learner.id, learner_for_user(user_id).id)


def merge_learners(source_id: int, target_id: int) -> None:
    """Give the target everything the source did, then remove the source."""
    target_done = select(LessonCompletion.lesson_id).where(LessonCompletion.learner_id == target_id)
    db.session.execute(
        update(LessonCompletion)
        .where(
            LessonCompletion.learner_id == source_id,
            LessonCompletion.lesson_id.not_in(target_done.scalar_subquery()),
        )
        .values(learner_id=target_id)
    )
    db.session.execute(
        update(Attempt).where(Attempt.learner_id == source_id).values(learner_id=target_id)
    )
    db.session.execute(delete(LessonCompletion).where(LessonCompletion.learner_id == source_id))
    db.session.execute(delete(Learner).where(Learner.id == source_id))
    db.session.commit()


def completed_lesson_ids(learner_id: int) -> set[str]:
    query = select(LessonCompletion.lesson_id).where(LessonCompletion.learner_id == learner_id)
    return set(db.session.scalars(query))


def mark_lesson_done(learner_id: int, lesson_id: str) -> None:
    if lesson_id not in completed_lesson_ids(learner_id):
        db.session.add(LessonCompletion(learner_id=learner_id, lesson_id=lesson_id))
        db.session.commit()


def learner_progress(learner: Learner | None, catalog: Catalog) -> CourseProgress:
    if learner is None:
        return summarize(catalog, (), ())
    return summarize(catalog, completed_lesson_ids(learner.id), submitted_attempts(learner.id))
