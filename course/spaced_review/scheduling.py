"""FSRS for the review cards: every scheduling decision and every retrievability comes from fsrs.

The tables store naive UTC (the project's convention) and fsrs wants aware UTC: the conversion
happens here only, in `_aware` and `_naive`.
"""

from datetime import UTC, datetime, timedelta

import fsrs
from flask import current_app

from course.extensions import db
from course.spaced_review.models import ReviewCard, ReviewLog

LEARNING_STEPS = (timedelta(minutes=1),)  # a wrong answer comes back within the minute
RELEARNING_STEPS = (timedelta(minutes=10),)  # a card forgotten after graduating
# Retrievability depends on FSRS's parameters only, not on a learner's desired retention.
_FORGETTING = fsrs.Scheduler()


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
    reviewed, _ = new_scheduler(retention).review_card(
        _fsrs_card(card), rating, _aware(when), duration_ms
    )
    card.state = reviewed.state.value
    card.step = reviewed.step
    card.stability = reviewed.stability
    card.difficulty = reviewed.difficulty
    card.due_dt = _naive(reviewed.due)
    card.last_review_dt = when
    if card.first_review_dt is None:
        card.first_review_dt = when
    log = ReviewLog(
        card_id=card.id,
        rating=int(rating),
        review_dt=when,
        duration_ms=duration_ms,
        attempt_id=attempt_id,
    )
    db.session.add(log)
    return log


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
