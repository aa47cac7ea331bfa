"""Classes, who is in them, and what is assigned to them."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User
from course.extensions import db
from course.timeutil import utcnow


class Class(db.Model):
    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    instructor_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    default_lang: Mapped[str] = mapped_column(String(5), default="en")
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    instructor: Mapped[User] = relationship()


class Enrollment(db.Model):
    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("class_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_dt: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class Assignment(db.Model):
    """A module (its lessons and quiz) or the final exam, set for a class with dates in UTC."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint("due_dt > opens_dt", name="ck_assignments_due_after_opening"),
        CheckConstraint("max_attempts IS NULL OR max_attempts > 0", name="ck_assignments_attempts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str | None] = mapped_column(String(100))
    quiz_id: Mapped[str] = mapped_column(String(100))
    opens_dt: Mapped[datetime]
    due_dt: Mapped[datetime]
    max_attempts: Mapped[int | None]
    is_late_accepted: Mapped[bool] = mapped_column(default=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    klass: Mapped[Class] = relationship()
