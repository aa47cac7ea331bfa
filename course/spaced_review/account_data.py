"""What spaced review holds of an account: cards, their log and settings, in the data download
and at sign-in."""

from typing import Any

from sqlalchemy import delete, select, update

from course.extensions import db
from course.learners.models import Learner
from course.spaced_review.models import ReviewCard, ReviewLog, ReviewSettings
from course.timeutil import iso


def review_data(user_id: int) -> dict[str, Any]:
    """The account's review cards with their memory state and log, and its settings."""
    learner_ids = select(Learner.id).where(Learner.user_id == user_id).scalar_subquery()
    cards = db.session.scalars(
        select(ReviewCard).where(ReviewCard.learner_id.in_(learner_ids)).order_by(ReviewCard.id)
    ).all()
    logs = db.session.scalars(
        select(ReviewLog)
        .where(ReviewLog.card_id.in_([card.id for card in cards]))
        .order_by(ReviewLog.review_dt, ReviewLog.id)
    )
    by_card: dict[int, list[dict[str, Any]]] = {}
    for log in logs:
        by_card.setdefault(log.card_id, []).append(_log(log))
    settings = db.session.scalar(
        select(ReviewSettings).where(ReviewSettings.learner_id.in_(learner_ids))
    )
    return {
        "review": {
            "cards": [_card(card, by_card.get(card.id, [])) for card in cards],
            "settings": _settings(settings) if settings else None,
        }
    }


def _card(card: ReviewCard, log: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": card.kind,
        "item_id": card.item_id,
        "lesson_id": card.lesson_id,
        "state": card.state,
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due_at": iso(card.due_dt),
        "first_review_at": iso(card.first_review_dt),
        "last_review_at": iso(card.last_review_dt),
        "retired_at": iso(card.retired_dt),
        "log": log,
    }


def _log(log: ReviewLog) -> dict[str, Any]:
    return {
        "rating": log.rating,
        "reviewed_at": iso(log.review_dt),
        "duration_ms": log.duration_ms,
        "attempt_id": log.attempt_id,
    }


def _settings(settings: ReviewSettings) -> dict[str, Any]:
    return {
        "desired_retention": settings.desired_retention,
        "new_per_day": settings.new_per_day,
        "every_answer": settings.is_every_answer,
        "shown": [settings.shown_lang, settings.shown_part],
        "recalled": [settings.recalled_lang, settings.recalled_part],
    }


def move_review(source_id: int, target_id: int) -> None:
    """The source's cards (with their logs) and settings become the target's: of a card both
    have, the one reviewed last stays; the target's settings stay if it has any."""
    target_cards = _cards_by_item(target_id)
    losers: list[int] = []
    for key, card in _cards_by_item(source_id).items():
        kept = target_cards.get(key)
        if kept is None or _reviewed_later(card, kept):
            losers.extend([kept.id] if kept else [])
        else:
            losers.append(card.id)
    if losers:
        db.session.execute(delete(ReviewLog).where(ReviewLog.card_id.in_(losers)))
        db.session.execute(delete(ReviewCard).where(ReviewCard.id.in_(losers)))
    db.session.execute(
        update(ReviewCard).where(ReviewCard.learner_id == source_id).values(learner_id=target_id)
    )
    if db.session.get(ReviewSettings, target_id) is None:
        db.session.execute(
            update(ReviewSettings)
            .where(ReviewSettings.learner_id == source_id)
            .values(learner_id=target_id)
        )
    db.session.execute(delete(ReviewSettings).where(ReviewSettings.learner_id == source_id))


def _cards_by_item(learner_id: int) -> dict[tuple[str, str], ReviewCard]:
    cards = db.session.scalars(select(ReviewCard).where(ReviewCard.learner_id == learner_id))
    return {(card.kind, card.item_id): card for card in cards}


def _reviewed_later(card: ReviewCard, other: ReviewCard) -> bool:
    if card.last_review_dt is None:
        return False
    return other.last_review_dt is None or card.last_review_dt > other.last_review_dt
