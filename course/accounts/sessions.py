"""Server-side sign-in sessions: a new one at every sign-in, ended by sign-out or inactivity."""

import secrets
from datetime import timedelta

from flask import current_app, session
from flask_login import login_user
from sqlalchemy import update
from sqlalchemy.orm import joinedload

from course.accounts.models import User, UserSession
from course.database import prepare_to_write
from course.extensions import db
from course.hooks import hooks
from course.timeutil import utcnow

TOUCH_EVERY = timedelta(minutes=1)  # how stale last_seen_dt may get before it is written
# Hooks: loader options of what higher packages load with the session's user, so that a
# request makes one query for them all; and functions called with the user ID at sign-in,
# while the session still holds what the browser did before.
SESSION_LOADS = "accounts.session_loads"
SIGNING_IN = "accounts.signing_in"


def start_session(user: User) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(id=token, user_id=user.id))
    db.session.commit()
    user.session_token = token
    return token


def user_for_session(token: str) -> User | None:
    """The user of a live session; None once it was ended or sat idle too long."""
    options = [joinedload(UserSession.user), *hooks(SESSION_LOADS)]
    row = db.session.get(UserSession, token, options=options)
    if row is None or row.is_revoked:
        return None
    now = utcnow()
    idle_limit = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    if now - row.last_seen_dt > idle_limit:
        prepare_to_write()
        row.is_revoked = True
        db.session.commit()
        return None
    if now - row.last_seen_dt > TOUCH_EVERY:
        prepare_to_write()
        row.last_seen_dt = now
        db.session.commit()
    row.user.session_token = token
    return row.user


def end_session(token: str | None) -> None:
    row = db.session.get(UserSession, token) if token else None
    if row is not None:
        row.is_revoked = True
        db.session.commit()


def end_all_sessions(user_id: int) -> None:
    """Sign the user out everywhere; the caller commits."""
    db.session.execute(
        update(UserSession).where(UserSession.user_id == user_id).values(is_revoked=True)
    )


def renew_session(user: User) -> None:
    """This browser's sign-in on a fresh session, nothing carried over from the old one."""
    session.clear()
    start_session(user)
    login_user(user, remember=True)
