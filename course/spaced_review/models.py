"""A learner's review cards, the log of every rating they got, and their review settings."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from course.extensions import db
from course.timeutil import utcnow


class CardKind(StrEnum):
    QUESTION = "question"  # a question of the course, asked as in a quiz
    TERM = "term"  # a glossary term, as a flashcard in the learner's language pair


class ReviewCard(db.Model):
    """One thing a learner is to remember, with its FSRS memory state (fsrs.Card's fields)."""

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("learner_id", "kind", "item_id"),
        # The count in the menu, on every page: a learner's live cards by due time.
        Index("ix_review_cards_due", "learner_id", "retired_dt", "due_dt"),
        CheckConstraint("kind IN ('question', 'term')", name="ck_review_cards_kind"),
        CheckConstraint("state IN (1, 2, 3)", name="ck_review_cards_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[str] = mapped_column(String(100))  # a question's or a glossary term's ID
    # The lesson it belongs to, for the instructors' report by lesson.
    lesson_id: Mapped[str] = mapped_column(String(100), index=True)
    # fsrs.State: 1 learning, 2 review, 3 relearning.
    state: Mapped[int] = mapped_column(default=1)
    step: Mapped[int | None] = mapped_column(default=0)
    stability: Mapped[float | None]
    difficulty: Mapped[float | None]
    due_dt: Mapped[datetime] = mapped_column(default=utcnow)
    first_review_dt: Mapped[datetime | None]  # None: a new card, never reviewed
    last_review_dt: Mapped[datetime | None]
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when its question or term left the course: it is kept, never shown or counted.
    retired_dt: Mapped[datetime | None]

    @hybrid_property
    def is_new(self) -> bool:
        return self.last_review_dt is None

    @is_new.inplace.expression
    @classmethod
    def _is_new_expression(cls) -> ColumnElement[bool]:
        return cls.last_review_dt.is_(None)


class ReviewLog(db.Model):
    """One rating of a card (fsrs.ReviewLog's fields), kept to optimise the scheduler later."""

    __tablename__ = "review_logs"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 4", name="ck_review_logs_rating"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(
        ForeignKey("review_cards.id", ondelete="CASCADE"), index=True
    )
    rating: Mapped[int]  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    review_dt: Mapped[datetime] = mapped_column(default=utcnow)
    duration_ms: Mapped[int | None]  # None: not measured (an answer in a quiz)
    # The attempt the rating came from: a quiz's answer, or a review session.
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="SET NULL"), index=True
    )


class ReviewSettings(db.Model):
    """A learner's choices for review; a learner without a row has the defaults."""

    __tablename__ = "review_settings"
    __table_args__ = (
        CheckConstraint(
            "desired_retention BETWEEN 0.7 AND 0.97", name="ck_review_settings_retention"
        ),
        CheckConstraint("new_per_day BETWEEN 0 AND 100", name="ck_review_settings_new_per_day"),
        CheckConstraint(
            "shown_part IN ('term', 'definition') AND recalled_part IN ('term', 'definition')",
            name="ck_review_settings_parts",
        ),
    )

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    desired_retention: Mapped[float] = mapped_column(default=0.9)
    new_per_day: Mapped[int] = mapped_column(default=10)
    # Cards from every question answered, right ones too, not only from mistakes.
    is_every_answer: Mapped[bool] = mapped_column(default=False)
    # The flashcards' language pair: None follows the language of the page.
    shown_lang: Mapped[str | None] = mapped_column(String(5))
    shown_part: Mapped[str] = mapped_column(String(10), default="term")
    recalled_lang: Mapped[str | None] = mapped_column(String(5))
    recalled_part: Mapped[str] = mapped_column(String(10), default="definition")
    # When the cards were last brought up to date with the learner's attempts and lessons.
    synced_dt: Mapped[datetime | None]
