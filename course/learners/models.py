"""Learners. A learner may be anonymous (self-study in one browser)."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User
from course.extensions import db
from course.timeutil import utcnow


class Learner(db.Model):
    """Whoever makes progress: a user's learner, or a browser's until it signs in."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)


# Declared here, not in accounts, which sits below learners: loaded with the session on every
# request (see `course.learners.current.init_app`); made when first needed.
User.learner = relationship(Learner, viewonly=True, uselist=False)
