"""What the Review pages show of a session's cards: the card to answer, a question's feedback."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import fsrs
from sqlalchemy import select

from course.content.catalog import Catalog, GlossaryTerm, Lesson
from course.extensions import db
from course.quizzes.forms import PageQuestion, page_questions
from course.quizzes.models import Attempt
from course.quizzes.results import QuestionResult, question_result
from course.quizzes.review import FULL_REVIEW, Review
from course.quizzes.rules import rules_source
from course.spaced_review.cards import parse_key
from course.spaced_review.models import CardKind, ReviewCard, ReviewLog, ReviewSettings
from course.spaced_review.settings import FlashcardSides, flashcard_sides

# The longest duration a page may report: more than the sessions keep (see MAX_DURATION_MS).
_DURATION_DIGITS = 9


@dataclass(frozen=True)
class Flashcard:
    term: GlossaryTerm
    sides: FlashcardSides

    @property
    def shown(self) -> str:
        return side_text(self.term, self.sides.shown_lang, self.sides.shown_part)

    @property
    def recalled(self) -> str:
        return side_text(self.term, self.sides.recalled_lang, self.sides.recalled_part)


@dataclass(frozen=True)
class CardPageItem:
    """The card a session page asks: a question as in a quiz, or a flashcard."""

    key: str
    lesson: Lesson | None
    question: PageQuestion | None
    flashcard: Flashcard | None


@dataclass(frozen=True)
class AnsweredCard:
    """A question card just answered, as its feedback shows it."""

    key: str
    result: QuestionResult
    rating: fsrs.Rating
    due_dt: datetime
    lesson: Lesson | None


def live_key(attempt: Attempt, catalog: Catalog) -> str | None:
    """The session's first card not answered yet whose question or term is still in the course."""
    answered = {a.question_id for a in attempt.answers}
    for key in attempt.question_ids:
        kind, item_id = parse_key(key)
        items = catalog.glossary if kind == CardKind.TERM else catalog.questions
        if key not in answered and item_id in items:
            return key
    return None


def posted_duration(text: str | None) -> int | None:
    """The milliseconds a page measured the card for; None if it sent nothing readable."""
    if text and text.isascii() and text.isdigit() and len(text) <= _DURATION_DIGITS:
        return int(text)
    return None


def card_page_item(
    attempt: Attempt,
    key: str,
    catalog: Catalog,
    settings: ReviewSettings,
    lang: str,
    posted: Any,
) -> CardPageItem:
    """The card `key` of the session, a question showing `posted` (None: nothing yet)."""
    kind, item_id = parse_key(key)
    if kind == CardKind.TERM:
        term = catalog.glossary[item_id]
        card = Flashcard(term, flashcard_sides(settings, lang))
        return CardPageItem(key, _lesson(attempt, kind, item_id, catalog), None, card)
    question = catalog.questions[item_id]
    shown = {question.id: posted} if posted is not None else {}
    (page_question,) = page_questions(attempt, [question], lang, shown, {})
    return CardPageItem(key, catalog.lessons.get(question.lesson_id), page_question, None)


def answered_card(
    attempt: Attempt, key: str, catalog: Catalog, lang: str, now: datetime
) -> AnsweredCard | None:
    """The feedback of a question card the session answered; None for any other key."""
    kind, item_id = parse_key(key)
    question = catalog.questions.get(item_id) if kind == CardKind.QUESTION else None
    answer = next((a for a in attempt.answers if a.question_id == key), None)
    card = _card(attempt, kind, item_id)
    if question is None or answer is None or card is None:
        return None
    log = db.session.scalar(
        select(ReviewLog)
        .where(ReviewLog.card_id == card.id, ReviewLog.attempt_id == attempt.id)
        .order_by(ReviewLog.id.desc())
        .limit(1)
    )
    result = question_result(question, answer, lang, _review(attempt, now))
    rating = fsrs.Rating(log.rating) if log else fsrs.Rating.Again
    return AnsweredCard(key, result, rating, card.due_dt, catalog.lessons.get(question.lesson_id))


def _review(attempt: Attempt, now: datetime) -> Review:
    """All of a question's feedback, but the key of one an open assignment holds back."""
    hidden = rules_source().hidden_keys(attempt.learner_id, now)
    return Review(FULL_REVIEW.shown, {}, held_back=frozenset(hidden))


def _card(attempt: Attempt, kind: CardKind, item_id: str) -> ReviewCard | None:
    return db.session.scalar(
        select(ReviewCard).where(
            ReviewCard.learner_id == attempt.learner_id,
            ReviewCard.kind == kind,
            ReviewCard.item_id == item_id,
        )
    )


def _lesson(attempt: Attempt, kind: CardKind, item_id: str, catalog: Catalog) -> Lesson | None:
    card = _card(attempt, kind, item_id)
    return catalog.lessons.get(card.lesson_id) if card else None


def side_text(term: GlossaryTerm, lang: str, part: str) -> str:
    """A flashcard's side: the term or its definition, in a language."""
    return str((term.term if part == "term" else term.definition)[lang])
