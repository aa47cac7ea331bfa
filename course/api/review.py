"""`/api/v1/review`: what is due, review sessions card by card, and the review settings.

Thin adapters over course.spaced_review, on the API's blueprint (its auth, CSRF, `lang` and
error rules). A card is named by its item key: a question's ID, or glossary:<term ID>.
"""

from datetime import datetime
from typing import Any

from flask import Response, abort, jsonify
from flask_babel import force_locale

from course.api.answers import is_whole_number
from course.api.review_serializers import (
    counts_json,
    due_card_json,
    item_json,
    outcome_json,
    session_json,
    settings_json,
    summary_json,
)
from course.api.review_settings import (
    check_setting_types,
    setting_problems,
    sides_alike_problem,
)
from course.api.schemas import MAX_ID
from course.api.views import CLOSED, NOT_IN_IT, bp, error_response, json_body, requested_lang
from course.content.access import get_catalog
from course.content.question_types import AnswerProblem, InvalidAnswer
from course.database import reads_first
from course.i18n import get_timezone
from course.learners.current import current_learner
from course.quizzes.models import Attempt
from course.quizzes.rules import rules_source
from course.spaced_review.cards import parse_key, sync_cards
from course.spaced_review.due import DueCounts, due_cards, due_counts, next_due
from course.spaced_review.models import CardKind
from course.spaced_review.sessions import (
    CardOutcome,
    NotInSession,
    SessionClosed,
    answer_question,
    open_session,
    rate_term,
    session_summary,
    start_session,
)
from course.spaced_review.settings import DEFAULTS, save_settings, settings_for
from course.timeutil import iso, utcnow


@bp.get("/review")
def review():
    """Cards due today in the learner's time zone, when the next is due, the open session."""
    lang, timezone = requested_lang(), get_timezone()
    learner = current_learner(create=False)
    if learner is None:
        nothing = counts_json(DueCounts(0, 0, 0))
        return jsonify(due=nothing, next_due_at=None, cards=[], session=None, timezone=timezone)
    catalog, now = get_catalog(), utcnow()
    sync_cards(learner.id, catalog, now)
    counts = due_counts(learner.id, catalog, now, timezone)
    cards = due_cards(learner.id, catalog, now, timezone, limit=counts.total)
    session, next_due_at = open_session(learner.id), iso(next_due(learner.id, catalog, now))
    settings = settings_for(learner.id)
    return jsonify(
        due=counts_json(counts),
        next_due_at=next_due_at,
        cards=[due_card_json(card) for card in cards],
        session=session_json(session, catalog, settings, lang, next_due_at) if session else None,
        timezone=timezone,
    )


@bp.post("/review/session")
def start_review():
    """The open session, or a new one of the cards due now (201); nothing due: an empty
    session (200)."""
    lang, learner = requested_lang(), current_learner()
    catalog, now = get_catalog(), utcnow()
    session = start_session(learner.id, catalog, now, get_timezone())
    next_due_at = iso(next_due(learner.id, catalog, now))
    body = session_json(session, catalog, settings_for(learner.id), lang, next_due_at)
    return jsonify(body), 201 if session else 200


@bp.post("/review/session/cards/<key>")
@reads_first
def answer_card(key: str):
    """Answer a card of the open session: `{"answer": …}` for a question, `{"rating": 1-4}` for
    a flashcard, with `duration_ms` if the client measured it."""
    lang, catalog = requested_lang(), get_catalog()
    kind, item_id = parse_key(key)
    if item_id not in (catalog.glossary if kind == CardKind.TERM else catalog.questions):
        abort(404, description=f"{key}: no such question or glossary term")
    body = _card_body(kind)
    learner = current_learner(create=False)
    session = open_session(learner.id) if learner else None
    if session is None:
        return error_response(409, "no review session is open: start one", CLOSED)
    now = utcnow()
    # Read before the answer commits, which would make them read again.
    settings = settings_for(learner.id)
    shows_key = kind == CardKind.TERM or item_id not in rules_source().hidden_keys(learner.id, now)
    try:
        outcome = _answer(session, kind, item_id, body, lang, now)
    except AnswerProblem as problem:
        return _to_fix(key, problem.message)
    except InvalidAnswer as exc:
        abort(400, description=f"{key}: {exc}")
    except SessionClosed:
        return error_response(409, "the session is finished: start another", CLOSED)
    except NotInSession:
        return error_response(409, f"{key}: not in the session, or answered already", NOT_IN_IT)
    summary = session_summary(session, catalog, now) if outcome.is_finished else None
    following = outcome.next_key
    return jsonify(
        outcome_json(outcome, key, catalog, lang, shows_key)
        | {
            "summary": summary_json(summary) if summary else None,
            "next": item_json(session, following, catalog, settings, lang) if following else None,
        }
    )


def _card_body(kind: CardKind) -> dict[str, Any]:
    """The answer (a question) or the rating (a flashcard) sent, and nothing of the other."""
    body = json_body("answer", "rating", "duration_ms")
    wanted, other = ("answer", "rating") if kind == CardKind.QUESTION else ("rating", "answer")
    if wanted not in body or other in body:
        abort(400, description=f"send {wanted} (and no {other}) for this card")
    duration = body.get("duration_ms")
    if duration is not None and not is_whole_number(duration, MAX_ID):
        abort(400, description=f"duration_ms must be a whole number from 0 to {MAX_ID}")
    return body


def _answer(
    session: Attempt, kind: CardKind, item_id: str, body: dict, lang: str, now: datetime
) -> CardOutcome:
    duration = body.get("duration_ms")
    if kind == CardKind.QUESTION:
        return answer_question(session, item_id, body["answer"], lang, now, duration_ms=duration)
    return rate_term(session, item_id, body["rating"], now, duration_ms=duration)


def _to_fix(key: str, message: str) -> tuple[Response, int]:
    """An answer the learner must fix (nothing was stored), with its reason."""
    error = {
        "code": 422,
        "message": "the answer was not saved: show the reason at the question",
        "questions": {key: message},
    }
    return jsonify(error=error), 422


@bp.get("/review/settings")
def review_settings():
    learner = current_learner(create=False)
    return jsonify(settings_json(settings_for(learner.id) if learner else None))


@bp.put("/review/settings")
def change_review_settings():
    """Change some settings: all of them or none (422 with each field's reason)."""
    lang = requested_lang()
    body = json_body(*DEFAULTS)
    check_setting_types(body)
    with force_locale(lang):
        problems = setting_problems(body)
    if problems:
        return _not_saved(problems)
    try:
        settings = save_settings(current_learner().id, **body)
    except ValueError:  # all else was checked: the two sides of a flashcard would be alike
        with force_locale(lang):
            return _not_saved(sides_alike_problem())
    return jsonify(settings_json(settings))


def _not_saved(problems: dict[str, str]) -> tuple[Response, int]:
    message = "the settings were not saved: show each reason at its field"
    return jsonify(error={"code": 422, "message": message, "fields": problems}), 422
