"""Issuing, listing and revoking API tokens, and authenticating requests that carry one."""

import hashlib
import secrets
from datetime import timedelta

from flask import Request, current_app
from sqlalchemy import delete, select

from course.accounts.models import User
from course.accounts.sessions import TOUCH_EVERY
from course.accounts.token_models import DEFAULT_TOKEN_NAME, ApiToken
from course.database import prepare_to_write
from course.extensions import db
from course.timeutil import utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, name: str | None = None) -> tuple[ApiToken, str]:
    """A new token for the user: its row, and the secret that is shown only this once."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = ApiToken(
        user_id=user.id,
        token_hash=_digest(token),
        name=(name or "").strip() or DEFAULT_TOKEN_NAME,
        created_dt=now,
        expires_dt=now + timedelta(days=current_app.config["API_TOKEN_DAYS"]),
    )
    db.session.add(row)
    db.session.commit()
    return row, token


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def user_for_token(token: str) -> User | None:
    """The owner of a token that has not expired; its last use is noted once a minute."""
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    now = utcnow()
    if row is None or row.is_expired(now):
        return None
    if row.last_used_dt is None or now - row.last_used_dt > TOUCH_EVERY:
        prepare_to_write()
        row.last_used_dt = now
        db.session.commit()
    return row.user


def user_tokens(user_id: int) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.expires_dt > utcnow())
            .order_by(ApiToken.created_dt.desc(), ApiToken.id.desc())
        )
    )


def revoke_token(user_id: int, token_id: int) -> bool:
    """Revoke one of the user's tokens; False if the user has no such token."""
    result = db.session.execute(
        delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    )
    db.session.commit()
    return result.rowcount > 0


def revoke_all_tokens(user_id: int) -> None:
    """Part of a password change: the caller commits."""
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
