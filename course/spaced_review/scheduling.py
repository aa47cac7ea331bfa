"""FSRS for the review cards: every scheduling decision and every retrievability comes from fsrs.

The tables store naive UTC (the project's convention) and fsrs wants aware UTC: the conversion
happens here only, in `_aware` and `_naive`.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import fsrs
from flask import current_app
from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm.attributes import set_committed_value

from course.extensions import db
from course.spaced_review.models import ReviewCard, ReviewLog

LEARNING_STEPS = (timedelta(minutes=1),)  # a wrong answer comes back within the minute
RELEARNING_STEPS = (timedelta(minutes=10),)  # a card forgotten after graduating
# Retrievability depends on FSRS's parameters only, not on a learner's desired retention.
_FORGETTING = fsrs.Scheduler()
_CARDS = ReviewCard.__table__
_STATE = ("state", "step", "stability", "difficulty", "due_dt", "last_review_dt", "first_review_dt")
# Built once: building a statement costs more than running a cached one.
_RATE = (
    update(_CARDS)
    .where(_CARDS.c.id == bindparam("card_id"))
    .values({name: bindparam(f"new_{name}") for name in _STATE})
)
_LOG = insert(ReviewLog.__table__)


def new_scheduler(desired_retention: float) -> fsrs.Scheduler:
    """The course's scheduler at a learner's desired retention (fuzzing from the config)."""
    return fsrs.Scheduler(
        desired_retention=desired_retention,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=current_app.config["REVIEW_FUZZING"],
    )


def apply_rating(
    card: ReviewCard,
    rating: fsrs.Rating,
    when: datetime,
    *,
    retention: float,
    duration_ms: int | None = None,
    attempt_id: int | None = None,
) -> ReviewLog:
    """Rate the card at `when`: its memory state moves on in place and a log is added (no
    commit)."""
    if card.id is None:
        db.session.add(card)
        db.session.flush()  # the log refers to the card
    for name, value in _rated_state(card, rating, when, retention, duration_ms).items():
        setattr(card, name, value)
    log = ReviewLog(**_log_row(card, rating, when, duration_ms, attempt_id))
    db.session.add(log)
    return log


def write_rating(
    card: ReviewCard,
    rating: fsrs.Rating,
    when: datetime,
    *,
    retention: float,
    duration_ms: int | None = None,
    attempt_id: int | None = None,
) -> None:
    """apply_rating for a stored card, written at once by two plain SQL statements rather than
    the unit of work: a card answered in a session costs little more than any request. The
    card object shows the new state, as stored (no commit)."""
    state = _rated_state(card, rating, when, retention, duration_ms)
    db.session.execute(_RATE, {"card_id": card.id} | {f"new_{k}": v for k, v in state.items()})
    db.session.execute(_LOG, _log_row(card, rating, when, duration_ms, attempt_id))
    for name, value in state.items():
        set_committed_value(card, name, value)


def _rated_state(
    card: ReviewCard,
    rating: fsrs.Rating,
    when: datetime,
    retention: float,
    duration_ms: int | None,
) -> dict[str, Any]:
    """The card's columns after fsrs reviews it with this rating at `when`."""
    reviewed, _ = new_scheduler(retention).review_card(
        _fsrs_card(card), rating, _aware(when), duration_ms
    )
    return {
        "state": reviewed.state.value,
        "step": reviewed.step,
        "stability": reviewed.stability,
        "difficulty": reviewed.difficulty,
        "due_dt": _naive(reviewed.due),
        "last_review_dt": when,
        "first_review_dt": card.first_review_dt or when,
    }


def _log_row(
    card: ReviewCard,
    rating: fsrs.Rating,
    when: datetime,
    duration_ms: int | None,
    attempt_id: int | None,
) -> dict[str, Any]:
    return {
        "card_id": card.id,
        "rating": int(rating),
        "review_dt": when,
        "duration_ms": duration_ms,
        "attempt_id": attempt_id,
    }


def retrievability(card: ReviewCard, now: datetime) -> float | None:
    """The chance, by FSRS, that the learner recalls the card now; None for a new card."""
    if card.is_new or card.stability is None:
        return None
    return _FORGETTING.get_card_retrievability(_fsrs_card(card), _aware(now))


def _fsrs_card(card: ReviewCard) -> fsrs.Card:
    # card_id given: without it fsrs makes one from the clock and sleeps a millisecond.
    return fsrs.Card(
        card_id=card.id or 0,
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_aware(card.due_dt) if card.due_dt else None,
        last_review=_aware(card.last_review_dt) if card.last_review_dt else None,
    )


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)
