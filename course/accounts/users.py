"""Account operations as plain functions, used by the views and the CLI."""

from sqlalchemy import func, select

from course.accounts.models import ROLES, User
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
    if find_user(email):
        raise AccountError("email already registered")
    user = User(
        email=normalize_email(email),
        name=name.strip(),
        role=role,
        locale=locale,
        timezone=timezone if is_timezone(timezone) else "UTC",
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    if user is None or not user.check_password(password):
        return None
    db.session.commit()  # keeps an upgraded hash
    return user
