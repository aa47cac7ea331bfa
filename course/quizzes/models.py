"""Quiz attempts and the answers in them, stored by question and option ID."""

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.extensions import db
from course.timeutil import utcnow


class AttemptKind(StrEnum):
    """Why an attempt was made. Only quiz attempts count: for progress, grades, item analysis."""

    QUIZ = "quiz"  # an attempt at a quiz, for practice or for an assignment
    MISTAKES = "mistakes"  # "practise my mistakes": the questions a learner got wrong
    REVIEW = "review"  # a spaced-review session of questions already answered


class Attempt(db.Model):
    __tablename__ = "attempts"
    # The gradebook and item analysis read a class's attempts through this index alone: it holds
    # every column they need (the ID too, for PostgreSQL), so the rows themselves, with their
    # lists of questions, stay unread.
    __table_args__ = (
        Index(
            "ix_attempts_learner_results",
            "learner_id",
            "quiz_id",
            "assignment_id",
            "submitted_dt",
            "started_dt",
            "score",
            "max_score",
            "is_late",
            "kind",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    quiz_id: Mapped[str] = mapped_column(String(100), index=True)
    # Set when the attempt is made for an assignment: it then counts towards its limit.
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(
        String(20), default=AttemptKind.QUIZ, server_default=AttemptKind.QUIZ.value
    )
    seed: Mapped[int]
    question_ids: Mapped[list[str]] = mapped_column(JSON)
    started_dt: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the quiz has a time limit; the server submits the attempt once it has passed.
    deadline_dt: Mapped[datetime | None]
    submitted_dt: Mapped[datetime | None]
    # Grows with every change of answers, so that a page from an older tab can be recognised.
    revision: Mapped[int] = mapped_column(default=0)
    # The questions the learner flagged for review, in the order flagged: a reminder to
    # themselves, never graded (see course.quizzes.flags).
    flagged: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # What was graded at submission: a record of that moment, not derived again later.
    score: Mapped[float | None]
    max_score: Mapped[float]
    is_passed: Mapped[bool | None]
    is_late: Mapped[bool] = mapped_column(default=False)
    # Set when a corrected key scored the attempt again (see Regrade).
    regraded_dt: Mapped[datetime | None]

    answers: Mapped[list["Answer"]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_submitted(self) -> bool:
        return self.submitted_dt is not None

    def is_past_deadline(self, now: datetime, grace: timedelta = timedelta(0)) -> bool:
        return self.deadline_dt is not None and now > self.deadline_dt + grace

    @property
    def percent(self) -> float:
        return 100 * (self.score or 0) / self.max_score if self.max_score else 0.0

    def answer_for(self, question_id: str) -> "Answer | None":
        return next((a for a in self.answers if a.question_id == question_id), None)


# The attempts that count (see AttemptKind): every query for progress, grades or item analysis
# filters on it.
COUNTED = Attempt.kind == AttemptKind.QUIZ


class Answer(db.Model):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(100))
    value: Mapped[Any] = mapped_column(JSON)
    lang: Mapped[str] = mapped_column(String(5))
    saved_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    score: Mapped[float | None]

    attempt: Mapped[Attempt] = relationship(back_populates="answers")


class Regrade(db.Model):
    """A record that submitted attempts were scored again after a key was corrected."""

    __tablename__ = "regrades"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    question_ids: Mapped[list[str]] = mapped_column(JSON)  # the questions scored again
    attempts_rescored: Mapped[int] = mapped_column(default=0)
    attempts_changed: Mapped[int] = mapped_column(default=0)  # whose score moved
