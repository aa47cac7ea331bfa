"""What is due today: by the end of the learner's local day, with the daily allowance of new cards.

Live cards only (not retired), whose question or term is still in the course, and no question
whose key an open assignment holds back from the learner.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Row, Select, and_, bindparam, or_, select

from course.content.catalog import Catalog
from course.extensions import db
from course.quizzes.rules import rules_source
from course.spaced_review.cards import card_item
from course.spaced_review.models import CardKind, ReviewCard
from course.spaced_review.settings import settings_for
from course.timeutil import local_to_utc, utc_to_local


def end_of_local_day(now: datetime, timezone: str) -> datetime:
    """The next local midnight in `timezone` after `now`, as naive UTC."""
    tomorrow = utc_to_local(now, timezone).date() + timedelta(days=1)
    return local_to_utc(datetime.combine(tomorrow, time()), timezone)


def start_of_local_day(now: datetime, timezone: str) -> datetime:
    """The local midnight in `timezone` that began `now`'s day, as naive UTC."""
    return local_to_utc(datetime.combine(utc_to_local(now, timezone).date(), time()), timezone)


@dataclass(frozen=True)
class DueCounts:
    """Cards due today: questions and flashcards already reviewed, and new flashcards."""

    questions: int
    terms: int
    new: int

    @property
    def total(self) -> int:
        return self.questions + self.terms + self.new


@dataclass(frozen=True)
class DueOverview:
    """What the Review page shows: the counts due today, and when the earliest reviewed card
    is due (None if there is none)."""

    counts: DueCounts
    next_due_dt: datetime | None


# What counting reads of a card; a card, or a row of these columns, is counted alike.
_COUNTED = (
    ReviewCard.id,
    ReviewCard.kind,
    ReviewCard.item_id,
    ReviewCard.due_dt,
    ReviewCard.created_dt,
    ReviewCard.first_review_dt,
    ReviewCard.is_new.label("is_new"),
)
Card = TypeVar("Card", ReviewCard, Row)


@dataclass(frozen=True)
class _Due:
    reviewed: list  # due by the end of the day, the earliest first
    new: list  # as many as today's allowance lets in, the oldest first


def due_counts(learner_id: int, catalog: Catalog, now: datetime, timezone: str) -> DueCounts:
    """How many cards are due today in the learner's time zone (for the menu, on every page)."""
    values = {"learner_id": learner_id, **_day_of(now, timezone)}
    cards = db.session.execute(_LIVE_COUNTED_DUE_TODAY, values)
    return _counts(_due_of(_shown(cards, learner_id, catalog, now), learner_id, now, timezone))


def due_overview(learner_id: int, catalog: Catalog, now: datetime, timezone: str) -> DueOverview:
    """due_counts and next_due from one read of the learner's live cards."""
    rows = db.session.execute(_LIVE_COUNTED, {"learner_id": learner_id})
    cards = _shown(rows, learner_id, catalog, now)
    counts = _counts(_due_of(cards, learner_id, now, timezone))
    return DueOverview(counts, min((c.due_dt for c in cards if not c.is_new), default=None))


def due_cards(
    learner_id: int, catalog: Catalog, now: datetime, timezone: str, limit: int = 20
) -> list[ReviewCard]:
    """Up to `limit` cards to review now: the reviewed ones due earliest, then new ones."""
    values = {"learner_id": learner_id, **_day_of(now, timezone)}
    cards = db.session.scalars(_LIVE_CARDS_DUE_TODAY, values)
    due = _due_of(_shown(cards, learner_id, catalog, now), learner_id, now, timezone)
    return (due.reviewed + due.new)[:limit]


def next_due(learner_id: int, catalog: Catalog, now: datetime) -> datetime | None:
    """When the learner's earliest reviewed card is due (in the past if one is due already);
    None if they have none."""
    rows = db.session.execute(_LIVE_COUNTED_REVIEWED, {"learner_id": learner_id})
    return min((card.due_dt for card in _shown(rows, learner_id, catalog, now)), default=None)


def _day_of(now: datetime, timezone: str) -> dict[str, datetime]:
    """The bounds of the learner's local day, as the statements below take them."""
    return {
        "day_start": start_of_local_day(now, timezone),
        "day_end": end_of_local_day(now, timezone),
    }


def _counts(due: _Due) -> DueCounts:
    questions = sum(1 for card in due.reviewed if card.kind == CardKind.QUESTION)
    return DueCounts(questions, len(due.reviewed) - questions, len(due.new))


def _shown(cards: Iterable[Card], learner_id: int, catalog: Catalog, now: datetime) -> list[Card]:
    hidden = rules_source().hidden_keys(learner_id, now)
    return [card for card in cards if _is_shown(card, catalog, hidden)]


def _due_of(cards: list[Card], learner_id: int, now: datetime, timezone: str) -> _Due:
    """Of these cards, those due by the end of the local day, and today's new ones."""
    day_start, day_end = start_of_local_day(now, timezone), end_of_local_day(now, timezone)
    reviewed = sorted(
        (c for c in cards if not c.is_new and c.due_dt < day_end), key=lambda c: (c.due_dt, c.id)
    )
    # Only flashcards start new; a question's card starts rated by the quiz answer.
    started_today = sum(
        1
        for c in cards
        if c.kind == CardKind.TERM and c.first_review_dt and c.first_review_dt >= day_start
    )
    allowance = max(0, settings_for(learner_id).new_per_day - started_today)
    new = sorted((c for c in cards if c.is_new), key=lambda c: (c.created_dt, c.id))[:allowance]
    return _Due(reviewed, new)


def _live(*columns: Any) -> Select:
    """The learner's live cards: whole, or only these columns (cheaper to read)."""
    return select(*columns).where(
        and_(ReviewCard.learner_id == bindparam("learner_id"), ReviewCard.retired_dt.is_(None))
    )


# Those that may be due today: new cards, and those first reviewed today too (for the daily
# allowance of new ones).
_DUE_TODAY = or_(
    ReviewCard.last_review_dt.is_(None),
    ReviewCard.due_dt < bindparam("day_end"),
    ReviewCard.first_review_dt >= bindparam("day_start"),
)
# Built once: the Review page and the menu read them on most of a learner's pages.
_LIVE_COUNTED = _live(*_COUNTED)
_LIVE_COUNTED_DUE_TODAY = _LIVE_COUNTED.where(_DUE_TODAY)
_LIVE_COUNTED_REVIEWED = _LIVE_COUNTED.where(ReviewCard.last_review_dt.is_not(None))
_LIVE_CARDS_DUE_TODAY = _live(ReviewCard).where(_DUE_TODAY)


def _is_shown(card: Card, catalog: Catalog, hidden: frozenset[str]) -> bool:
    if card.kind == CardKind.QUESTION and card.item_id in hidden:
        return False
    return card_item(card, catalog) is not None
