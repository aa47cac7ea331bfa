"""The JSON shapes of `/api/v1/review`, built from the review services' answers."""

from typing import Any

from flask_babel import force_locale
from markupsafe import Markup

from course.api.serializers import question_json
from course.content.catalog import Catalog, GlossaryTerm, Question
from course.content.question_types import QUESTION_TYPES
from course.quizzes.models import Attempt
from course.spaced_review.cards import parse_key
from course.spaced_review.due import DueCounts
from course.spaced_review.models import CardKind, ReviewCard, ReviewSettings
from course.spaced_review.pages import side_text
from course.spaced_review.sessions import CardOutcome, SessionSummary, card_key, next_key
from course.spaced_review.settings import DEFAULTS, flashcard_sides
from course.timeutil import iso


def counts_json(counts: DueCounts) -> dict[str, int]:
    return {
        "questions": counts.questions,
        "terms": counts.terms,
        "new": counts.new,
        "total": counts.total,
    }


def due_card_json(card: ReviewCard) -> dict[str, Any]:
    return {
        "key": card_key(card),
        "kind": card.kind,
        "lesson_id": card.lesson_id,
        "due_at": iso(card.due_dt),
        "new": card.is_new,
    }


def session_json(
    attempt: Attempt | None,
    catalog: Catalog,
    settings: ReviewSettings,
    lang: str,
    next_due_at: str | None,
) -> dict[str, Any]:
    """A session with its next card rendered; an empty one (no ID, no keys) for None."""
    key = next_key(attempt) if attempt else None
    return {
        "id": attempt.id if attempt else None,
        "keys": list(attempt.question_ids) if attempt else [],
        "answered": [a.question_id for a in attempt.answers] if attempt else [],
        "next": item_json(attempt, key, catalog, settings, lang) if attempt and key else None,
        "next_due_at": next_due_at,
    }


def item_json(
    attempt: Attempt, key: str, catalog: Catalog, settings: ReviewSettings, lang: str
) -> dict[str, Any] | None:
    """A card to answer, as an attempt shows a question, or a flashcard's two sides; None if
    its question or term left the course."""
    kind, item_id = parse_key(key)
    empty = {
        "key": key,
        "kind": kind,
        "question": None,
        "term_id": None,
        "shown": None,
        "recalled": None,
    }
    if kind == CardKind.QUESTION:
        question = catalog.questions.get(item_id)
        if question is None:
            return None
        return empty | {"question": question_json(question, attempt, lang)}
    term = catalog.glossary.get(item_id)
    if term is None:
        return None
    sides = flashcard_sides(settings, lang)
    return empty | {
        "term_id": item_id,
        "shown": _side(term, sides.shown_lang, sides.shown_part),
        "recalled": _side(term, sides.recalled_lang, sides.recalled_part),
    }


def _side(term: GlossaryTerm, lang: str, part: str) -> dict[str, str]:
    return {"lang": lang, "part": part, "text": side_text(term, lang, part)}


def outcome_json(
    outcome: CardOutcome, key: str, catalog: Catalog, lang: str, shows_key: bool
) -> dict[str, Any]:
    """A card just answered; a question's key and explanation unless they are held back."""
    kind, item_id = parse_key(key)
    question = catalog.questions.get(item_id) if kind == CardKind.QUESTION else None
    shown = question if question is not None and shows_key else None
    return {
        "key": key,
        "kind": kind,
        "rating": int(outcome.rating),
        "score": outcome.score,
        "max_points": outcome.points,
        "correct_answer": QUESTION_TYPES[shown.type].key(shown.data) if shown else None,
        "correct_answer_text": [str(line) for line in _key_text(shown, lang)] if shown else None,
        "explanation_html": str(shown.explanation[lang]) if shown else None,
        "sources_html": str(shown.sources_html[lang]) if shown else None,
        "due_at": iso(outcome.card.due_dt),
        "finished": outcome.is_finished,
    }


def _key_text(question: Question, lang: str) -> list[Markup]:
    with force_locale(lang):
        return QUESTION_TYPES[question.type].describe_key(question.data, lang)


def summary_json(summary: SessionSummary) -> dict[str, Any]:
    return {
        "reviewed": summary.reviewed,
        "ratings": {str(rating): n for rating, n in summary.ratings.items()},
        "correct": summary.correct,
        "questions": summary.questions,
        "next_due_at": iso(summary.next_due_dt),
    }


def settings_json(settings: ReviewSettings | None) -> dict[str, Any]:
    """The learner's settings; the defaults for a visitor who has none."""
    if settings is None:
        return dict(DEFAULTS)
    return {name: getattr(settings, name) for name in DEFAULTS}
