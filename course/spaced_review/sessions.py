"""Review sessions: up to 20 due cards, questions and flashcards mixed, answered one at a time.

A session is an attempt of kind REVIEW at REVIEW_QUIZ_ID (never a content ID: quiz pages 404 on
it), whose question_ids are its item keys in order. Each card answered writes an Answer, rates
the card by FSRS and logs it; the last one submits the session. Review attempts never count.
"""

import random
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import fsrs
from flask_babel import force_locale
from sqlalchemy import bindparam, select

from course.content.access import get_catalog
from course.content.catalog import Catalog, Question
from course.content.question_types import QUESTION_TYPES, InvalidAnswer
from course.database import prepare_to_write
from course.extensions import db
from course.quizzes.answer_rows import add_answer, answer_times, lock_attempt
from course.quizzes.attempts import lock_learners_attempts, open_attempt
from course.quizzes.models import Attempt, AttemptKind
from course.quizzes.scoring import score_answer
from course.spaced_review.cards import card_item, parse_key, sync_cards, term_key
from course.spaced_review.due import due_cards, next_due
from course.spaced_review.models import CardKind, ReviewCard, ReviewLog
from course.spaced_review.ratings import rating_for_answer
from course.spaced_review.scheduling import write_rating
from course.spaced_review.settings import settings_for

REVIEW_QUIZ_ID = "review:session"
SESSION_SIZE = 20
# A longer answer is no measure of recall (the learner left the page): stored as not measured.
MAX_DURATION_MS = 60 * 60 * 1000
_system_random = random.SystemRandom()


class SessionClosed(Exception):
    """The session was submitted: its cards can no longer be answered."""


class NotInSession(Exception):
    """The item is not one of the session's, or it was answered already."""


@dataclass(frozen=True)
class CardOutcome:
    """A card just answered: its new state, the rating, the points (questions only)."""

    card: ReviewCard
    rating: fsrs.Rating
    score: float | None
    points: float | None
    is_finished: bool  # the session's last card: it is submitted
    next_key: str | None  # the session's next card to answer


@dataclass(frozen=True)
class _Answering:
    """A card about to be answered, its attempt locked."""

    card: ReviewCard
    left: list[str]  # the session's item keys not answered yet, this card's included
    since: datetime  # the session's previous answer, or its start


@dataclass(frozen=True)
class SessionSummary:
    reviewed: int
    ratings: dict[int, int]  # how many of each rating, 1 to 4
    correct: int  # questions answered right
    questions: int  # questions answered
    next_due_dt: datetime | None


def open_session(learner_id: int) -> Attempt | None:
    """The learner's unfinished review session, if any."""
    return open_attempt(learner_id, REVIEW_QUIZ_ID, kind=AttemptKind.REVIEW)


def start_session(
    learner_id: int, catalog: Catalog, now: datetime, timezone: str
) -> Attempt | None:
    """The open session if it still has live cards to answer, else a new one of the cards due
    now; None if nothing is due."""
    sync_cards(learner_id, catalog, now)
    lock_learners_attempts(learner_id)
    existing = open_session(learner_id)
    if existing is not None:
        if any(_live_card(existing, key, catalog) for key in _unanswered(existing)):
            db.session.commit()
            return existing
        _finish(existing, catalog, now)
    cards = due_cards(learner_id, catalog, now, timezone, limit=SESSION_SIZE)
    if not cards:
        db.session.commit()
        return None
    keys = [card_key(card) for card in cards]
    attempt = Attempt(
        learner_id=learner_id,
        quiz_id=REVIEW_QUIZ_ID,
        kind=AttemptKind.REVIEW,
        started_dt=now,
        seed=_system_random.randrange(2**31),
        question_ids=keys,
        max_score=sum(catalog.questions[c.item_id].points for c in cards if _is_question(c)),
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt


def next_key(attempt: Attempt) -> str | None:
    """The session's first item key not answered yet; None when all are."""
    return next(iter(_unanswered(attempt)), None)


def answer_question(
    attempt: Attempt,
    question_id: str,
    posted: Any,
    lang: str,
    now: datetime,
    *,
    duration_ms: int | None = None,
) -> CardOutcome:
    """Answer a question card of the session (posted: what the type's `read` takes; None or an
    empty answer is a wrong one). Raises the type's AnswerProblem or InvalidAnswer,
    SessionClosed, NotInSession."""
    catalog = get_catalog()
    question = catalog.questions.get(question_id)
    if question is None:
        raise NotInSession(question_id)
    # Read before taking the attempt's lock: a value refused leaves no transaction open.
    with force_locale(lang):
        value = (
            None
            if posted is None
            else QUESTION_TYPES[question.type].read(question.data, posted, lang)
        )
    answering = _card_to_answer(attempt, question_id)
    score = score_answer(question, value)
    duration = _duration(answering, now, duration_ms)
    rating = rating_for_answer(question, score, duration)
    return _record(attempt, answering, rating, now, duration, value, lang, score, question)


def rate_term(
    attempt: Attempt, term_id: str, rating: int, now: datetime, *, duration_ms: int | None = None
) -> CardOutcome:
    """Rate a flashcard of the session, 1 (again) to 4 (easy). Raises InvalidAnswer for another
    rating, SessionClosed, NotInSession."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 4:
        raise InvalidAnswer("rating must be 1, 2, 3 or 4")
    answering = _card_to_answer(attempt, term_key(term_id))
    duration = _duration(answering, now, duration_ms)
    value = {"rating": int(rating)}
    # A flashcard's answer has no language of its own: the sides come from the settings.
    return _record(attempt, answering, fsrs.Rating(rating), now, duration, value, "", None, None)


def session_summary(attempt: Attempt, catalog: Catalog, now: datetime) -> SessionSummary:
    """What the session did: cards reviewed, ratings, questions right, when the next is due."""
    ratings = Counter(
        db.session.scalars(select(ReviewLog.rating).where(ReviewLog.attempt_id == attempt.id))
    )
    questions = [a for a in attempt.answers if a.score is not None]
    correct = sum(
        1
        for a in questions
        if a.question_id in catalog.questions and a.score >= catalog.questions[a.question_id].points
    )
    return SessionSummary(
        reviewed=sum(ratings.values()),
        ratings={r.value: ratings.get(r.value, 0) for r in fsrs.Rating},
        correct=correct,
        questions=len(questions),
        next_due_dt=next_due(attempt.learner_id, catalog, now),
    )


def _card_to_answer(attempt: Attempt, key: str) -> _Answering:
    """Lock the session and find the card; raises SessionClosed or NotInSession. The answers
    are read as plain rows: the ORM's would cost more than the rest of the answer."""
    prepare_to_write()
    lock_attempt(attempt)
    if attempt.is_submitted:
        db.session.rollback()
        raise SessionClosed
    saved = answer_times(attempt)
    left = _left(attempt, saved)
    card = _live_card(attempt, key, get_catalog()) if key in left else None
    if card is None:
        db.session.rollback()
        raise NotInSession(key)
    return _Answering(card, left, max([attempt.started_dt, *saved.values()]))


def _record(
    attempt: Attempt,
    answering: _Answering,
    rating: fsrs.Rating,
    now: datetime,
    duration_ms: int | None,
    value: Any,
    lang: str,
    score: float | None,
    question: Question | None,
) -> CardOutcome:
    card = answering.card
    retention = settings_for(attempt.learner_id).desired_retention
    write_rating(
        card, rating, now, retention=retention, duration_ms=duration_ms, attempt_id=attempt.id
    )
    key = card_key(card)
    add_answer(attempt, key, value, lang, score, now)
    left = [other for other in answering.left if other != key]
    if not left:
        _finish(attempt, get_catalog(), now)
    db.session.commit()
    points = question.points if question else None
    return CardOutcome(card, rating, score, points, not left, next(iter(left), None))


def _finish(attempt: Attempt, catalog: Catalog, now: datetime) -> None:
    """Submit the session: its score is that of the questions answered."""
    attempt.submitted_dt = now
    attempt.score = round(sum(a.score or 0.0 for a in attempt.answers), 4)
    attempt.max_score = sum(
        catalog.questions[kind_id].points
        for kind, kind_id in map(parse_key, attempt.question_ids)
        if kind == CardKind.QUESTION and kind_id in catalog.questions
    )


def _unanswered(attempt: Attempt) -> list[str]:
    return _left(attempt, {a.question_id for a in attempt.answers})


def _left(attempt: Attempt, answered: Container[str]) -> list[str]:
    return [key for key in attempt.question_ids if key not in answered]


# Built once: every card answered reads it.
_LIVE_CARD = select(ReviewCard).where(
    ReviewCard.learner_id == bindparam("learner_id"),
    ReviewCard.kind == bindparam("kind"),
    ReviewCard.item_id == bindparam("item_id"),
    ReviewCard.retired_dt.is_(None),
)


def _live_card(attempt: Attempt, key: str, catalog: Catalog) -> ReviewCard | None:
    kind, item_id = parse_key(key)
    values = {"learner_id": attempt.learner_id, "kind": kind, "item_id": item_id}
    card = db.session.scalar(_LIVE_CARD, values)
    return card if card is not None and card_item(card, catalog) is not None else None


def _duration(answering: _Answering, now: datetime, sent_ms: Any) -> int | None:
    """The client's own measure if it sent one, else the time since the previous answer (or
    the session's start), measured on the server; None past an hour (the learner was away)."""
    if sent_ms is None:
        sent_ms = int((now - answering.since).total_seconds() * 1000)
    is_count = isinstance(sent_ms, int) and not isinstance(sent_ms, bool)
    return sent_ms if is_count and 0 <= sent_ms <= MAX_DURATION_MS else None


def card_key(card: ReviewCard) -> str:
    """The card's item key in a session: its question's ID, or glossary:<term ID>."""
    return term_key(card.item_id) if card.kind == CardKind.TERM else card.item_id


def _is_question(card: ReviewCard) -> bool:
    return card.kind == CardKind.QUESTION
