"""Account operations as plain functions, used by the views and the CLI."""

from sqlalchemy import func, select

from course.accounts.models import ROLES, User
from course.accounts.passwords import hash_password
from course.extensions import db
from course.timeutil import is_timezone


class AccountError(ValueError):
    pass


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


def create_user(
    email: str,
    name: str,
    password: str,
    role: str = "student",
    locale: str = "en",
    timezone: str = "UTC",
) -> User:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}")
    password_hash = hash_password(password)  # before the transaction: hashing takes a while
    if find_user(email):
        raise AccountError("email already registered")
    user = User(
        email=normalize_email(email),
        name=name.strip(),
        role=role,
        locale=locale,
        timezone=timezone if is_timezone(timezone) else "UTC",
        password_hash=password_hash,
    )
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    # Checking a password takes tens of milliseconds: end the transaction first, so that on
    # SQLite nobody waits for the write lock meanwhile.
    db.session.commit()
    if user is None or not user.check_password(password):
        return None
    db.session.commit()  # keeps an upgraded hash
    return user
