"""Accounts: who signs in, with which role."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.passwords import verify_password
from course.extensions import db
from course.timeutil import utcnow

ROLES = ("student", "instructor")


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN {ROLES}", name="ck_users_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default="student")
    locale: Mapped[str] = mapped_column(String(5), default="en")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    def check_password(self, password: str) -> bool:
        """Check the password, upgrading an outdated hash in place (the caller commits)."""
        matches, new_hash = verify_password(self.password_hash, password)
        if new_hash:
            self.password_hash = new_hash
        return matches

    # The server-side session this user object was loaded for (see accounts.sessions).
    session_token = None

    def get_id(self) -> str | None:
        """Flask-Login keeps the session token, not the user ID, in the cookie."""
        return self.session_token

    @property
    def is_instructor(self) -> bool:
        return self.role == "instructor"


class UserSession(db.Model):
    """A signed-in session, so that signing out or going idle ends it on the server too."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_dt: Mapped[datetime] = mapped_column(default=utcnow)
    is_revoked: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()
