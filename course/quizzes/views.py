"""Taking quizzes: start or resume an attempt, save answers as you go, submit, see the result."""

import math

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from course.content.access import get_catalog, get_quiz_or_404
from course.database import reads_first
from course.forms import ActionForm
from course.i18n import get_locale
from course.languages import languages
from course.learners.current import current_learner
from course.quizzes.access import own_attempt_or_404
from course.quizzes.attempts import (
    AttemptClosed,
    StaleAnswers,
    attempt_questions,
    open_attempt,
    save_answers,
    start_attempt,
    stored_answers,
    submission_problems,
    submit_attempt,
    submit_if_expired,
    submitted_attempts,
)
from course.quizzes.forms import answers_from_form, attempt_form, field_name, posted_revision
from course.quizzes.models import Attempt
from course.quizzes.results import question_results
from course.quizzes.review import review_of
from course.quizzes.review_text import review_notes
from course.quizzes.rules import practice_rules, rules_for
from course.quizzes.status import QuizStatus
from course.timeutil import utcnow

bp = Blueprint("quizzes", __name__, template_folder="templates")
bp.add_app_template_global(review_notes)


@bp.get("/quizzes/<quiz_id>")
def quiz(quiz_id: str):
    quiz = get_quiz_or_404(quiz_id)
    learner = current_learner(create=False)
    attempts = tuple(submitted_attempts(learner.id, quiz.id)) if learner else ()
    return render_template(
        "quizzes/quiz.html",
        quiz=quiz,
        module=get_catalog().modules.get(quiz.module_id or ""),
        question_count=quiz.draw or len(quiz.question_ids),
        status=QuizStatus(quiz, attempts),
        unfinished=open_attempt(learner.id, quiz.id) if learner else None,
        form=ActionForm(),
    )


@bp.post("/quizzes/<quiz_id>/attempts")
@reads_first
def start(quiz_id: str):
    quiz = get_quiz_or_404(quiz_id)
    attempt = start_attempt(current_learner().id, quiz, get_catalog(), practice_rules(quiz))
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


@bp.get("/attempts/<id:attempt_id>")
def attempt(attempt_id: int):
    attempt = own_attempt_or_404(attempt_id)
    if submit_if_expired(attempt, get_catalog()):
        flash(_("Time is up: the answers you had saved were submitted."), "info")
    if attempt.is_submitted:
        return _result_page(attempt)
    questions = attempt_questions(attempt, get_catalog())
    form = attempt_form(attempt, questions, get_locale(), stored_answers(attempt))
    return _attempt_page(attempt, questions, form, problems={})


@bp.post("/attempts/<id:attempt_id>")
@reads_first
def save(attempt_id: int):
    """Save every answer on the page; then submit, switch language, or stay."""
    attempt = own_attempt_or_404(attempt_id)
    autosave = bool(request.headers.get("X-Autosave"))
    questions = attempt_questions(attempt, get_catalog())
    form = attempt_form(attempt, questions, get_locale(), stored_answers(attempt))
    answers, errors = answers_from_form(form, questions, get_locale())
    try:
        revision = save_answers(attempt, answers, get_locale(), posted_revision(form))
    except AttemptClosed:
        return _closed(attempt, autosave)
    except StaleAnswers:
        return _stale(attempt, autosave)
    if autosave:
        return jsonify(saved=True, errors=errors, revision=revision)
    action = request.form.get("action", "save")
    switch_to = request.form.get("switch_to")
    if switch_to in languages():
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id, lang=switch_to))
    if action == "submit" and not errors:
        return _submit(attempt, questions, form)
    if errors:
        flash(_("Some answers could not be saved: see the marked questions."), "error")
        return _attempt_page(attempt, questions, form, errors), 422
    flash(_("Your answers are saved."), "success")
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


def _closed(attempt: Attempt, autosave: bool):
    """Answers sent after submission or after the time limit are not stored."""
    if not attempt.is_submitted:
        submit_attempt(attempt, get_catalog(), _rules(attempt))
        message = _("Time is up: the answers you had saved were submitted.")
    else:
        message = _("This attempt was already submitted; here is its result.")
    result_url = url_for("quizzes.attempt", attempt_id=attempt.id)
    if autosave:
        return jsonify(saved=False, closed=True, message=message, url=result_url), 409
    flash(message, "info")
    return redirect(result_url)


def _stale(attempt: Attempt, autosave: bool):
    """A page from an older tab: keep the newer answers and show them."""
    message = _(
        "These answers were changed in another tab or window since this page was loaded. "
        "Nothing was overwritten: here are your latest answers."
    )
    if autosave:
        return jsonify(saved=False, stale=True, message=message), 409
    flash(message, "error")
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


def _submit(attempt: Attempt, questions, form):
    catalog = get_catalog()
    problems = submission_problems(attempt, catalog, get_locale())
    if problems:
        flash(_("Please fix the marked answers before submitting."), "error")
        return _attempt_page(attempt, questions, form, problems), 422
    submit_attempt(attempt, catalog, _rules(attempt))
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


def _rules(attempt: Attempt):
    return rules_for(attempt, get_catalog().quizzes[attempt.quiz_id])


def _attempt_page(attempt: Attempt, questions, form, problems: dict[str, str]):
    catalog = get_catalog()
    return render_template(
        "quizzes/attempt.html",
        attempt=attempt,
        quiz=catalog.quizzes[attempt.quiz_id],
        questions=questions,
        form=form,
        field_name=field_name,
        problems=problems,
        answered=len(stored_answers(attempt)),
        seconds_left=_seconds_left(attempt),
    )


def _seconds_left(attempt: Attempt) -> int | None:
    """Whole seconds to the deadline, rounded up: the page's countdown ends at or after it."""
    if attempt.deadline_dt is None:
        return None
    return max(0, math.ceil((attempt.deadline_dt - utcnow()).total_seconds()))


def _result_page(attempt: Attempt):
    catalog = get_catalog()
    quiz = catalog.quizzes[attempt.quiz_id]
    review = review_of(attempt, quiz, utcnow())
    return render_template(
        "quizzes/result.html",
        attempt=attempt,
        quiz=quiz,
        results=question_results(attempt, catalog, get_locale(), review),
        review=review,
        status=QuizStatus(quiz, tuple(submitted_attempts(attempt.learner_id, quiz.id))),
        form=ActionForm(),
    )
