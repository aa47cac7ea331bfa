"""Signed links sent by email, each expiring: a password reset and an email change.

No table holds them. A reset link carries a fingerprint of the password hash, so it stops
working once the password changes; an email-change link carries the old address, so it stops
working once the address changes.
"""

import hashlib
from typing import Any

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

from course.accounts.models import User
from course.extensions import db

RESET = "password-reset"
EMAIL_CHANGE = "email-change"


class InvalidLink(ValueError):
    """The link was tampered with, has expired, or was already used."""


def reset_token(user: User) -> str:
    return _serializer(RESET).dumps({"user": user.id, "password": _fingerprint(user)})


def user_for_reset_token(token: str) -> User:
    data = _load(RESET, token, current_app.config["PASSWORD_RESET_MINUTES"])
    user = _user(data)
    if data.get("password") != _fingerprint(user):
        raise InvalidLink("the password changed since")
    return user


def email_change_token(user: User, new_email: str) -> str:
    return _serializer(EMAIL_CHANGE).dumps({"user": user.id, "old": user.email, "new": new_email})


def email_change_for_token(token: str) -> tuple[User, str]:
    """The user and the new address that the link confirms."""
    data = _load(EMAIL_CHANGE, token, current_app.config["EMAIL_CHANGE_MINUTES"])
    user = _user(data)
    if data.get("old") != user.email or not isinstance(data.get("new"), str):
        raise InvalidLink("the address changed since")
    return user, data["new"]


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=purpose)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def _load(purpose: str, token: str, minutes: int) -> dict[str, Any]:
    try:
        data = _serializer(purpose).loads(token, max_age=minutes * 60)
    except BadData as exc:
        raise InvalidLink(str(exc)) from exc
    if not isinstance(data, dict):
        raise InvalidLink("not a link of ours")
    return data


def _user(data: dict[str, Any]) -> User:
    user_id = data.get("user")
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        raise InvalidLink("no such account")
    return user
