"""Changes a user makes to their own account: password, email address, deletion."""

from sqlalchemy import delete

from course.accounts.models import User
from course.accounts.passwords import hash_password
from course.accounts.sessions import end_all_sessions
from course.accounts.tokens import revoke_all_tokens
from course.accounts.users import AccountError, find_user, normalize_email
from course.extensions import db


def password_matches(user: User, password: str) -> bool:
    """Like `authenticate`: the check takes tens of milliseconds, so not inside a transaction."""
    db.session.commit()
    matches = user.check_password(password)
    db.session.commit()  # keeps an upgraded hash
    return matches


def set_password(user: User, password: str) -> None:
    """A new password signs the user out everywhere and revokes every API token."""
    db.session.commit()  # hashing takes a while: not while holding the write lock
    user.password_hash = hash_password(password)
    end_all_sessions(user.id)
    revoke_all_tokens(user.id)
    db.session.commit()


def is_email_taken(email: str, user: User) -> bool:
    other = find_user(email)
    return other is not None and other.id != user.id


def change_email(user: User, new_email: str) -> None:
    """Raises AccountError when another account has the address."""
    if is_email_taken(new_email, user):
        raise AccountError("email already registered")
    user.email = normalize_email(new_email)
    db.session.commit()


def delete_account(user_id: int) -> None:
    """The account and all it holds: progress, attempts, class memberships, classes taught.

    The database's ON DELETE CASCADE rules remove the rows that refer to the user.
    """
    db.session.execute(delete(User).where(User.id == user_id))
    db.session.commit()
