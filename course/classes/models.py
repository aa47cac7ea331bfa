"""Classes, who is in them, and what is assigned to them."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    case,
    exists,
    null,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from course.accounts.models import User
from course.content.paging import PER_PAGE_CHOICES
from course.content.review_options import ASSIGNMENT_REVIEW, REVIEW_TIMES, ReviewOptions
from course.extensions import db
from course.timeutil import utcnow

# How the attempts of a student make one grade for the assignment.
GRADING_METHODS = ("best", "last", "first", "average")


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


# Declared here, not in accounts, which sits below classes: whether the user is in a class, which
# picks their menu (a student's, or a self-study learner's). Loaded with the session on every
# request (see `course.classes.account_data.init_app`).
User.is_in_a_class = column_property(exists().where(Enrollment.user_id == User.id), deferred=True)


class Assignment(db.Model):
    """A module (its lessons and quiz) or the final exam, set for a class with dates in UTC."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint("due_dt > opens_dt", name="ck_assignments_due_after_opening"),
        CheckConstraint("max_attempts IS NULL OR max_attempts > 0", name="ck_assignments_attempts"),
        CheckConstraint("closes_dt IS NULL OR closes_dt >= due_dt", name="ck_assignments_closes"),
        CheckConstraint(
            "time_limit_minutes IS NULL OR time_limit_minutes > 0", name="ck_assignments_time"
        ),
        CheckConstraint(f"grading_method IN {GRADING_METHODS}", name="ck_assignments_grading"),
        CheckConstraint(
            f"per_page IS NULL OR per_page IN {PER_PAGE_CHOICES}", name="ck_assignments_per_page"
        ),
        *(
            CheckConstraint(f"review_{part} IN {REVIEW_TIMES}", name=f"ck_assignments_{part}")
            for part in ASSIGNMENT_REVIEW.parts()
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str | None] = mapped_column(String(100))
    quiz_id: Mapped[str] = mapped_column(String(100))
    opens_dt: Mapped[datetime]
    due_dt: Mapped[datetime]
    max_attempts: Mapped[int | None]
    is_late_accepted: Mapped[bool] = mapped_column(default=True)
    # After it no attempt starts, late or not; without it, refusing late work closes at due_dt.
    closes_dt: Mapped[datetime | None]
    time_limit_minutes: Mapped[int | None]
    grading_method: Mapped[str] = mapped_column(String(10), default="best")
    # Questions shown on each page of an attempt: "1", "5" or "all"; NULL follows the quiz.
    per_page: Mapped[str | None] = mapped_column(String(5))
    # When each part of a submitted attempt is shown to the student (see ReviewOptions).
    review_score: Mapped[str] = mapped_column(String(20), default=ASSIGNMENT_REVIEW.score)
    review_correctness: Mapped[str] = mapped_column(
        String(20), default=ASSIGNMENT_REVIEW.correctness
    )
    review_key: Mapped[str] = mapped_column(String(20), default=ASSIGNMENT_REVIEW.key)
    review_explanations: Mapped[str] = mapped_column(
        String(20), default=ASSIGNMENT_REVIEW.explanations
    )
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    klass: Mapped[Class] = relationship()

    @hybrid_property
    def effective_closes_dt(self) -> datetime | None:
        """When attempts end for good: the closing date, else the due date if late work is
        refused; None when late work is accepted without end."""
        if self.closes_dt is not None:
            return self.closes_dt
        return None if self.is_late_accepted else self.due_dt

    @effective_closes_dt.inplace.expression
    @classmethod
    def _effective_closes_dt_expression(cls) -> ColumnElement[datetime | None]:
        return case(
            (cls.closes_dt.is_not(None), cls.closes_dt),
            (cls.is_late_accepted.is_(False), cls.due_dt),
            else_=null(),
        )

    @property
    def review(self) -> ReviewOptions:
        return ReviewOptions(
            **{part: getattr(self, f"review_{part}") for part in ReviewOptions.parts()}
        )

    @review.setter
    def review(self, options: ReviewOptions) -> None:
        for part in ReviewOptions.parts():
            setattr(self, f"review_{part}", getattr(options, part))


class AssignmentException(db.Model):
    """What one student is allowed beyond the assignment's rules: more time, more attempts."""

    __tablename__ = "assignment_exceptions"
    __table_args__ = (
        UniqueConstraint("assignment_id", "user_id"),
        CheckConstraint("extra_minutes IS NULL OR extra_minutes > 0", name="ck_exceptions_time"),
        CheckConstraint(
            "extra_attempts IS NULL OR extra_attempts > 0", name="ck_exceptions_attempts"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    extra_minutes: Mapped[int | None]  # added to the time limit of each attempt
    extra_attempts: Mapped[int | None]  # added to the attempts allowed
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)


class GradeOverride(db.Model):
    """A grade set by hand for one student, with the reason: it replaces the computed one."""

    __tablename__ = "grade_overrides"
    __table_args__ = (
        UniqueConstraint("assignment_id", "user_id"),
        CheckConstraint("percent >= 0 AND percent <= 100", name="ck_overrides_percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    percent: Mapped[float]
    comment: Mapped[str] = mapped_column(Text, default="")
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
