"""API tokens for mobile apps and LMS integrations. Only a hash of each token is stored."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User
from course.extensions import db
from course.timeutil import utcnow

DEFAULT_TOKEN_NAME = "API token"  # noqa: S105 (a label, not a secret)
MAX_TOKEN_NAME = 100


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(MAX_TOKEN_NAME), default=DEFAULT_TOKEN_NAME)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    expires_dt: Mapped[datetime]
    # Written at most once a minute, like a session's last activity.
    last_used_dt: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_dt
