"""The Review page: a session of due cards, one at a time, and the learner's review settings.

Thin adapters over the review services (course.spaced_review.sessions and .settings), as the
API's review routes are: each card is answered by a form that works without JavaScript.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from course.content.access import get_catalog
from course.content.question_types import QUESTION_TYPES, AnswerProblem, InvalidAnswer
from course.database import reads_first
from course.extensions import db
from course.forms import ActionForm
from course.i18n import get_timezone
from course.languages import languages
from course.learners.current import current_learner, reading_learner
from course.quizzes.forms import UNREADABLE, field_name
from course.quizzes.models import Attempt, AttemptKind
from course.spaced_review import models  # noqa: F401 (the tables, for the app's metadata)
from course.spaced_review.cards import parse_key, sync_cards
from course.spaced_review.due import due_overview
from course.spaced_review.forms import RETENTION_PERCENT_RANGE, SettingsForm
from course.spaced_review.menu import remember_due_today
from course.spaced_review.models import CardKind
from course.spaced_review.pages import (
    answered_card,
    card_page_item,
    live_key,
    posted_duration,
)
from course.spaced_review.sessions import (
    NotInSession,
    SessionClosed,
    answer_question,
    open_session,
    rate_term,
    session_summary,
    start_session,
)
from course.spaced_review.settings import NEW_PER_DAY_RANGE, save_settings, settings_for
from course.timeutil import utcnow

bp = Blueprint("spaced_review", __name__, template_folder="templates")


@bp.get("/review")
def index():
    """What is due today, the session to go on with, when the next card is due."""
    learner = reading_learner()
    if learner is None:
        return render_template("spaced_review/index.html", counts=None, form=ActionForm())
    catalog, now = get_catalog(), utcnow()
    retired = len(sync_cards(learner.id, catalog, now).retired)
    session = open_session(learner.id)
    overview = due_overview(learner.id, catalog, now, get_timezone())
    remember_due_today(overview.counts.total)
    return render_template(
        "spaced_review/index.html",
        counts=overview.counts,
        next_due_dt=overview.next_due_dt,
        session=session,
        left=len(session.question_ids) - len(session.answers) if session else 0,
        retired=retired,
        form=ActionForm(),
    )


@bp.post("/review/sessions")
def start():
    """Go on with the open session, or start one of the cards due now."""
    if not ActionForm().validate_on_submit():
        abort(400)
    learner = current_learner()
    session = start_session(learner.id, get_catalog(), utcnow(), get_timezone())
    if session is None:
        flash(_("Nothing is due for review now."), "info")
        return redirect(url_for(".index"))
    return redirect(url_for(".session", attempt_id=session.id))


@bp.get("/review/sessions/<id:attempt_id>")
def session(attempt_id: int):
    """The session's next card; its summary once every card is answered."""
    attempt = _own_session_or_404(attempt_id)
    if attempt.is_submitted:
        return _summary_page(attempt)
    key = live_key(attempt, get_catalog())
    if key is None:
        flash(_("The cards left in this session were removed from the course."), "info")
        return redirect(url_for(".index"))
    return _card_page(attempt, key, posted=None, problem=None)


@bp.post("/review/sessions/<id:attempt_id>/cards/<key>")
@reads_first
def answer(attempt_id: int, key: str):
    """Answer a question card, or rate a flashcard; a question then shows its feedback."""
    attempt = _own_session_or_404(attempt_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    catalog, lang, now = get_catalog(), str(get_locale()), utcnow()
    kind, item_id = parse_key(key)
    posted = None
    duration = posted_duration(request.form.get("duration_ms"))
    try:
        if kind == CardKind.TERM:
            rate_term(attempt, item_id, _posted_rating(), now, duration_ms=duration)
            return redirect(url_for(".session", attempt_id=attempt.id))
        question = catalog.questions.get(item_id)
        if question is None:
            raise NotInSession(key)
        posted = QUESTION_TYPES[question.type].posted_from_form(
            question.data, request.form, field_name(question.id)
        )
        answer_question(attempt, item_id, posted, lang, now, duration_ms=duration)
    except AnswerProblem as problem:
        return _card_page(attempt, key, posted=posted, problem=problem.message), 422
    except InvalidAnswer:
        if kind == CardKind.TERM:
            abort(400)
        return _card_page(attempt, key, posted=None, problem=str(UNREADABLE)), 422
    except (SessionClosed, NotInSession):
        # A page sent twice, or from another tab: nothing changed.
        flash(_("That card was answered already."), "info")
        return redirect(url_for(".session", attempt_id=attempt.id))
    return redirect(url_for(".feedback", attempt_id=attempt.id, key=key))


@bp.get("/review/sessions/<id:attempt_id>/cards/<key>")
def feedback(attempt_id: int, key: str):
    """A question just answered: right or not, the key, the explanation, when it comes back."""
    attempt = _own_session_or_404(attempt_id)
    card = answered_card(attempt, key, get_catalog(), str(get_locale()), utcnow())
    if card is None:
        return redirect(url_for(".session", attempt_id=attempt.id))
    return render_template(
        "spaced_review/feedback.html", attempt=attempt, card=card, form=ActionForm()
    )


@bp.route("/review/settings", methods=["GET", "POST"])
def settings():
    learner = current_learner(create=request.method == "POST")
    stored = settings_for(learner.id) if learner else None
    form = SettingsForm.for_settings(stored)
    if form.validate_on_submit():
        save_settings(learner.id, **form.changes(stored))
        flash(_("Your review settings were saved."), "success")
        return redirect(url_for(".settings"))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "spaced_review/settings.html",
        form=form,
        retention_range=RETENTION_PERCENT_RANGE,
        new_per_day_range=NEW_PER_DAY_RANGE,
    ), status


def _own_session_or_404(attempt_id: int) -> Attempt:
    learner = current_learner(create=False)
    attempt = db.session.get(Attempt, attempt_id)
    if (
        learner is None
        or attempt is None
        or attempt.learner_id != learner.id
        or attempt.kind != AttemptKind.REVIEW
    ):
        abort(404)
    return attempt


def _posted_rating() -> int:
    value = request.form.get("rating", "")
    if value not in {"1", "2", "3", "4"}:
        raise InvalidAnswer("rating must be 1, 2, 3 or 4")
    return int(value)


def _card_page(attempt: Attempt, key: str, posted, problem: str | None):
    catalog, lang = get_catalog(), str(get_locale())
    item = card_page_item(attempt, key, catalog, settings_for(attempt.learner_id), lang, posted)
    return render_template(
        "spaced_review/card.html",
        attempt=attempt,
        item=item,
        problem=problem,
        position=len(attempt.answers) + 1,
        total=len(attempt.question_ids),
        languages=languages(),
        form=ActionForm(),
    )


def _summary_page(attempt: Attempt):
    summary = session_summary(attempt, get_catalog(), utcnow())
    return render_template("spaced_review/summary.html", attempt=attempt, summary=summary)
