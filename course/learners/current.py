"""Who is learning: the signed-in user's learner, or this browser's anonymous one."""

from flask import Flask, session
from flask_login import current_user
from sqlalchemy import delete, select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import joinedload

from course.accounts.models import User, UserSession
from course.accounts.sessions import SESSION_LOADS, SIGNING_IN
from course.database import database_unreachable, prepare_to_write
from course.extensions import db
from course.hooks import add_hook, hooks
from course.learners.models import Learner

SESSION_KEY = "learner_id"
# Called with (source learner ID, target learner ID): each package moves its rows.
MERGING = "learners.merging"


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
    for move in hooks(MERGING):
        move(source_id, target_id)
    db.session.execute(delete(Learner).where(Learner.id == source_id))
    db.session.commit()


def init_app(app: Flask) -> None:
    add_hook(app, SIGNING_IN, adopt_browser_progress)
    add_hook(app, SESSION_LOADS, joinedload(UserSession.user).joinedload(User.learner))
