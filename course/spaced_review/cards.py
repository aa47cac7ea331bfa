"""Which cards a learner has: from their quiz answers and from the glossary of lessons done.

A question answered wrong or partly right in a submitted quiz or mistakes attempt, whose review
shows its key, becomes a card rated at the attempt's submission (right answers too, with
`is_every_answer`); a later answer to a question with a card is a review of it. The key terms of
the lessons done become new cards. Cards whose question or term left the course are retired.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import fsrs
from sqlalchemy import Select, bindparam, or_, select

from course.content.catalog import Catalog, GlossaryTerm, Question
from course.database import prepare_to_write
from course.extensions import db
from course.progress.models import LessonCompletion
from course.quizzes.models import Attempt, AttemptKind
from course.quizzes.review import review_of
from course.spaced_review.models import CardKind, ReviewCard, ReviewSettings
from course.spaced_review.ratings import rating_for_answer
from course.spaced_review.scheduling import apply_rating
from course.spaced_review.settings import settings_for, stored_settings

TERM_PREFIX = "glossary:"
# Attempts whose answers make cards: review sessions rate their cards themselves.
CARD_MAKING = (AttemptKind.QUIZ, AttemptKind.MISTAKES)
# A full sync at least this often: keys an assignment held back show once it is due.
RESYNC_AFTER = timedelta(hours=1)


def term_key(term_id: str) -> str:
    """A glossary term's item key in a review session."""
    return TERM_PREFIX + term_id


def parse_key(key: str) -> tuple[CardKind, str]:
    """The kind and item ID of a session's item key."""
    if key.startswith(TERM_PREFIX):
        return CardKind.TERM, key.removeprefix(TERM_PREFIX)
    return CardKind.QUESTION, key


@dataclass
class SyncReport:
    """What a sync changed: cards made, ratings applied, cards retired."""

    created: int = 0
    reviewed: int = 0
    retired: list[ReviewCard] = field(default_factory=list)


def card_item(card: ReviewCard, catalog: Catalog) -> Question | GlossaryTerm | None:
    """The question or term a card is about; None if it left the course."""
    if card.kind == CardKind.TERM:
        return catalog.glossary.get(card.item_id)
    return catalog.questions.get(card.item_id)


def cards_from_attempt(
    attempt: Attempt,
    catalog: Catalog,
    now: datetime,
    settings: ReviewSettings | None = None,
    report: SyncReport | None = None,
) -> SyncReport:
    """Make and rate the cards of one submitted attempt's answers (no commit)."""
    report = report or SyncReport()
    quiz = catalog.quizzes.get(attempt.quiz_id)
    if quiz is None or attempt.kind not in CARD_MAKING or not attempt.is_submitted:
        return report
    settings = settings or settings_for(attempt.learner_id)
    review = review_of(attempt, quiz, now)
    cards = _cards_by_key(attempt.learner_id, CardKind.QUESTION)
    for answer in attempt.answers:
        question = catalog.questions.get(answer.question_id)
        if question is None or not review.shows_for("key", question.id):
            continue
        score = answer.score or 0.0
        card = cards.get(question.id)
        if card is None:
            if score >= question.points and not settings.is_every_answer:
                continue
            card = _new_card(attempt.learner_id, CardKind.QUESTION, question.id, question.lesson_id)
            cards[question.id] = card
            report.created += 1
        elif card.last_review_dt is not None and card.last_review_dt >= attempt.submitted_dt:
            continue  # this answer was already counted, or is older than the card's last review
        rating = rating_for_answer(question, score, None)
        apply_rating(
            card,
            rating,
            attempt.submitted_dt,
            retention=settings.desired_retention,
            attempt_id=attempt.id,
        )
        report.reviewed += 1
    return report


def sync_cards(
    learner_id: int, catalog: Catalog, now: datetime, *, force: bool = False
) -> SyncReport:
    """Bring the learner's cards up to date with their attempts, lessons done and the course
    (commits); cheap when nothing changed since the last sync, unless forced: one read, and no
    write lock taken."""
    if not force and not _changed_since(learner_id, now):
        return SyncReport()
    prepare_to_write()
    settings = stored_settings(learner_id)
    report = SyncReport()
    attempts = db.session.scalars(
        select(Attempt)
        .where(
            Attempt.learner_id == learner_id,
            Attempt.kind.in_(CARD_MAKING),
            Attempt.submitted_dt.is_not(None),
        )
        .order_by(Attempt.submitted_dt, Attempt.id)
    )
    for attempt in attempts:
        cards_from_attempt(attempt, catalog, now, settings, report)
    report.created += glossary_cards(learner_id, catalog)
    _retire_and_refresh(learner_id, catalog, now, report)
    settings.synced_dt = now
    db.session.commit()
    return report


def glossary_cards(learner_id: int, catalog: Catalog) -> int:
    """Make new cards of the key terms of the lessons the learner marked done; how many (no
    commit). A term's lesson is the first done lesson, in course order, that lists it."""
    done = set(
        db.session.scalars(
            select(LessonCompletion.lesson_id).where(LessonCompletion.learner_id == learner_id)
        )
    )
    cards = _cards_by_key(learner_id, CardKind.TERM)
    made = 0
    for lesson_id in _course_order(catalog):
        if lesson_id not in done:
            continue
        for term_id in catalog.lessons[lesson_id].key_terms:
            if term_id in catalog.glossary and term_id not in cards:
                cards[term_id] = _new_card(learner_id, CardKind.TERM, term_id, lesson_id)
                made += 1
    return made


def _course_order(catalog: Catalog) -> list[str]:
    return [lesson_id for module in catalog.modules.values() for lesson_id in module.lesson_ids]


def _new_card(learner_id: int, kind: CardKind, item_id: str, lesson_id: str) -> ReviewCard:
    card = ReviewCard(learner_id=learner_id, kind=kind, item_id=item_id, lesson_id=lesson_id)
    card.state = fsrs.State.Learning.value
    card.step = 0
    db.session.add(card)
    db.session.flush()
    return card


def _cards_by_key(learner_id: int, kind: CardKind) -> dict[str, ReviewCard]:
    query = select(ReviewCard).where(ReviewCard.learner_id == learner_id, ReviewCard.kind == kind)
    return {card.item_id: card for card in db.session.scalars(query)}


def _retire_and_refresh(
    learner_id: int, catalog: Catalog, now: datetime, report: SyncReport
) -> None:
    """Retire the cards whose item left the course (and bring back any that returned); a
    question card follows its question to another lesson."""
    query = select(ReviewCard).where(ReviewCard.learner_id == learner_id)
    for card in db.session.scalars(query):
        item = card_item(card, catalog)
        if item is None and card.retired_dt is None:
            card.retired_dt = now
            report.retired.append(card)
        elif item is not None:
            card.retired_dt = None
            if isinstance(item, Question):
                card.lesson_id = item.lesson_id


def _changed_since_statement() -> Select:
    """The learner's settings, and whether an attempt was submitted or a lesson done after
    their last sync."""
    learner_id = bindparam("learner_id")
    attempt_after = select(Attempt.id).where(
        Attempt.learner_id == learner_id,
        Attempt.kind.in_(CARD_MAKING),
        Attempt.submitted_dt > ReviewSettings.synced_dt,
    )
    lesson_after = select(LessonCompletion.lesson_id).where(
        LessonCompletion.learner_id == learner_id,
        LessonCompletion.completed_dt > ReviewSettings.synced_dt,
    )
    return select(ReviewSettings, or_(attempt_after.exists(), lesson_after.exists())).where(
        ReviewSettings.learner_id == learner_id
    )


# Built once: every visit to the Review page asks it.
_CHANGED_SINCE = _changed_since_statement()


def _changed_since(learner_id: int, now: datetime) -> bool:
    """Anything that may change the cards since the last sync: an attempt submitted or a lesson
    done after it, or an hour gone by (keys held back until a due date). One query, which
    reads the learner's settings too."""
    row = db.session.execute(_CHANGED_SINCE, {"learner_id": learner_id}).first()
    if row is None:
        return True  # never synced
    settings, is_changed = row
    settings_for(learner_id)  # the row just read, kept for the request's other reads
    synced = settings.synced_dt
    return synced is None or now - synced >= RESYNC_AFTER or bool(is_changed)
