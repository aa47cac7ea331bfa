"""Taking quizzes: start or resume an attempt, save answers as you go, submit, see the result."""

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.content.access import get_catalog, get_quiz_or_404
from course.content.question_types import partials
from course.database import reads_first
from course.forms import ActionForm
from course.i18n import get_locale
from course.languages import languages
from course.learners.current import current_learner
from course.quizzes.access import own_attempt_or_404
from course.quizzes.attempts import (
    AttemptClosed,
    StaleAnswers,
    attempt_result,
    load_attempt,
    open_attempt,
    read_answers,
    save_answers,
    start_attempt,
    submit_attempt,
    submitted_attempts,
)
from course.quizzes.flags import set_flag
from course.quizzes.forms import (
    AttemptForm,
    page_problems,
    page_questions,
    posted_answers,
    posted_revision,
    shown_answers,
)
from course.quizzes.models import Attempt
from course.quizzes.paging import Pages, Summary, question_states
from course.quizzes.places import (
    attempt_pages,
    one_at_a_time,
    place_url,
    question_id_in,
    questions_of,
    seconds_left,
    sent_ids,
)
from course.quizzes.review_text import review_notes
from course.quizzes.rules import practice_rules
from course.quizzes.status import QuizStatus

bp = Blueprint("quizzes", __name__, template_folder="templates")
bp.add_app_template_global(review_notes)
bp.register_blueprint(partials)


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
    """One page of the attempt (`?page=N`, the nearest there is), or its result once submitted."""
    attempt = own_attempt_or_404(attempt_id)
    if load_attempt(attempt, get_catalog()):
        flash(_("Time is up: the answers you had saved were submitted."), "info")
    if attempt.is_submitted:
        return _result_page(attempt)
    pages = attempt_pages(attempt)
    page = pages.nearest(request.args.get("page"))
    on_page = questions_of(attempt, pages.on_page(page))
    return _attempt_page(attempt, pages, page, shown_answers(attempt, on_page, get_locale()), {})


@bp.post("/attempts/<id:attempt_id>")
@reads_first
def save(attempt_id: int):
    """Save the answers the page sent; then move, flag, switch language, go to the summary."""
    attempt = own_attempt_or_404(attempt_id)
    autosave = bool(request.headers.get("X-Autosave"))
    sent = questions_of(attempt, sent_ids(attempt, request.form))
    posted = posted_answers(sent, request.form)
    reading = read_answers(sent, posted, get_locale())
    try:
        revision = save_answers(attempt, get_catalog(), reading, posted_revision(AttemptForm()))
    except AttemptClosed as closed:
        return _closed(attempt, closed, autosave)
    except StaleAnswers:
        return _stale(attempt, autosave)
    problems = page_problems(reading)
    if autosave:
        return jsonify(saved=True, errors=problems, revision=revision)
    try:
        return _after_saving(attempt, posted, problems)
    except AttemptClosed as closed:
        return _closed(attempt, closed, autosave)


def _after_saving(attempt: Attempt, posted: dict, problems: dict[str, str]):
    """Where the button pressed leads, once the page's answers are saved (see attempt.html)."""
    form, pages = request.form, attempt_pages(attempt)
    page, in_view = pages.nearest(form.get("page")), question_id_in(attempt, form.get("in_view"))
    if (switch_to := form.get("switch_to")) in languages():
        return redirect(place_url(attempt, page, in_view, one_at_a_time(), lang=switch_to))
    if flag := question_id_in(attempt, form.get("flag")):
        set_flag(attempt, flag, None)
        in_view = flag
    action = form.get("action", "save")
    if problems:
        title = FIX_FIRST if action in ("submit", "finish") else NOT_SAVED
        return _attempt_page(attempt, pages, page, posted, problems, str(title)), 422
    if action == "submit":  # an older page's button, and pages' forms without the summary
        submit_attempt(attempt, get_catalog())
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    if action == "finish":
        return redirect(
            url_for("quizzes.summary", attempt_id=attempt.id, one=one_at_a_time() or None)
        )
    if layout := form.get("layout"):
        return _relaid(attempt, pages, page, in_view, one=layout == "one")
    if "to_page" in form:
        return redirect(place_url(attempt, pages.nearest(form["to_page"]), None, one_at_a_time()))
    if not flag:
        flash(_("Your answers are saved."), "success")
    return redirect(place_url(attempt, page, in_view, one_at_a_time()))


def _relaid(attempt: Attempt, pages: Pages, page: int, in_view: str | None, one: bool):
    """One question at a time, or pages again: the question in view stays in view."""
    question_id = in_view or pages.on_page(page)[0]
    relaid = attempt_pages(attempt, one)
    return redirect(place_url(attempt, relaid.page_of(question_id), question_id, one))


FIX_FIRST = _l("Please fix the marked answers before submitting.")
NOT_SAVED = _l("Some answers could not be saved: see the marked questions.")


def _closed(attempt: Attempt, closed: AttemptClosed, autosave: bool):
    """Answers sent after submission or after the time limit are not stored."""
    if closed.timed_out:
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
    return redirect(place_url(attempt, 1, None, one_at_a_time()))


def _attempt_page(
    attempt: Attempt,
    pages: Pages,
    page: int,
    shown: dict,
    problems: dict[str, str],
    error_title: str | None = None,
):
    """A page of the attempt showing `shown` (posted values): what was stored, or posted."""
    form = AttemptForm(formdata=None, data={"revision": attempt.revision})
    on_page = questions_of(attempt, pages.on_page(page))
    states = question_states(pages, {a.question_id for a in attempt.answers}, attempt.flagged)
    return render_template(
        "quizzes/attempt.html",
        attempt=attempt,
        quiz=get_catalog().quizzes[attempt.quiz_id],
        page_questions=page_questions(attempt, on_page, get_locale(), shown, problems),
        form=form,
        pages=pages,
        page=page,
        one=one_at_a_time(),
        states=states,
        problems=problems,
        error_title=error_title,
        seconds_left=seconds_left(attempt),
    )


@bp.get("/attempts/<id:attempt_id>/summary")
def summary(attempt_id: int):
    """The summary before submitting: answered, unanswered and flagged questions, time left."""
    attempt = own_attempt_or_404(attempt_id)
    if load_attempt(attempt, get_catalog()):
        flash(_("Time is up: the answers you had saved were submitted."), "info")
    if attempt.is_submitted:
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    return _summary_page(attempt, confirming=False)


@bp.post("/attempts/<id:attempt_id>/submit")
@reads_first
def submit(attempt_id: int):
    """Submit from the summary; with unanswered questions, only once the learner confirms."""
    attempt = own_attempt_or_404(attempt_id)
    if load_attempt(attempt, get_catalog()):
        flash(_("Time is up: the answers you had saved were submitted."), "info")
    if not attempt.is_submitted:
        unanswered = set(attempt.question_ids) - {a.question_id for a in attempt.answers}
        if unanswered and request.form.get("confirm") != "unanswered":
            return _summary_page(attempt, confirming=True)
        submit_attempt(attempt, get_catalog())
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


def _summary_page(attempt: Attempt, confirming: bool):
    pages = attempt_pages(attempt)
    answered = {a.question_id for a in attempt.answers}
    return render_template(
        "quizzes/summary.html",
        attempt=attempt,
        quiz=get_catalog().quizzes[attempt.quiz_id],
        summary=Summary(question_states(pages, answered, attempt.flagged)),
        one=one_at_a_time(),
        confirming=confirming,
        form=ActionForm(),
        seconds_left=seconds_left(attempt),
    )


def _result_page(attempt: Attempt):
    catalog = get_catalog()
    quiz = catalog.quizzes[attempt.quiz_id]
    result = attempt_result(attempt, catalog, get_locale())
    return render_template(
        "quizzes/result.html",
        attempt=attempt,
        quiz=quiz,
        results=result.questions,
        review=result.review,
        status=QuizStatus(quiz, tuple(submitted_attempts(attempt.learner_id, quiz.id))),
        form=ActionForm(),
    )
