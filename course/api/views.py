"""`/api/v1`: the course for mobile apps and LMS integrations, with session or token auth."""

from collections.abc import Mapping

from flask import Blueprint, Response, abort, g, jsonify, request
from flask_babel import force_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from course.accounts.models import User
from course.accounts.token_models import MAX_TOKEN_NAME
from course.accounts.tokens import bearer_token, issue_token, revoke_token, user_for_token
from course.accounts.users import authenticate
from course.api.answers import sent_answers
from course.api.assignments import assignment_json
from course.api.openapi import openapi_document
from course.api.schemas import MAX_EMAIL, MAX_PASSWORD, MAX_QUESTION_ID
from course.api.serializers import (
    attempt_json,
    catalog_json,
    lesson_json,
    progress_json,
    quiz_json,
    result_json,
    token_json,
)
from course.classes.assignments import student_assignments
from course.content.access import get_catalog, get_lesson_or_404, get_quiz_or_404
from course.database import reads_first
from course.extensions import csrf, login_manager
from course.languages import DEFAULT_LANGUAGE, languages
from course.learners.current import current_learner
from course.progress.learners import learner_progress
from course.quizzes.access import own_attempt_or_404
from course.quizzes.answer_rows import answered_questions
from course.quizzes.attempts import (
    AttemptClosed,
    StaleAnswers,
    attempt_questions,
    attempt_result,
    load_attempt,
    read_answers,
    save_answers,
    start_attempt,
    submit_attempt,
)
from course.quizzes.flags import set_flag
from course.quizzes.forms import page_problems
from course.quizzes.models import Attempt
from course.quizzes.rules import practice_rules
from course.security import limiter
from course.timeutil import utcnow

bp = Blueprint("api", __name__)
csrf.exempt(bp)  # checked below, for requests that rely on the session cookie only


@login_manager.request_loader
def _user_from_token(request) -> User | None:
    token = bearer_token(request)
    user = user_for_token(token) if token else None
    g.token_user = user
    return user


@bp.before_request
def _protect_session_requests() -> None:
    # Getting a token needs no CSRF token: it uses no cookie, and its JSON body cannot be sent
    # cross-site by a plain form.
    if request.endpoint == "api.create_token":
        return
    if request.method not in ("GET", "HEAD", "OPTIONS") and not _token_authenticated():
        csrf.protect()


def _token_authenticated() -> bool:
    """Did a Bearer token sign this request in? A header that does not is no reason to trust it."""
    current_user._get_current_object()  # runs the loaders, which remember a token's user
    return g.get("token_user") is not None


def _is_text(value: object, max_length: int) -> bool:
    return isinstance(value, str) and len(value) <= max_length


def requested_lang() -> str:
    lang = request.args.get("lang", DEFAULT_LANGUAGE)
    if lang not in languages():
        abort(400, description=f"lang must be one of {', '.join(languages())}")
    return lang


def json_body(*fields: str) -> dict:
    """The JSON object sent, with no fields but these."""
    if not request.is_json:
        abort(415, description="send the body as application/json")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="the request body must be a JSON object")
    if unknown := sorted(set(body) - set(fields)):
        abort(400, description=f"unknown fields: {', '.join(unknown)}")
    return body


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(get_catalog()))


@bp.get("/session")
def session_info():
    user = current_user if current_user.is_authenticated else None
    return jsonify(
        csrf_token=generate_csrf(),
        user={"name": user.name, "email": user.email, "role": user.role} if user else None,
    )


@bp.post("/tokens")
@limiter.limit("10 per minute; 60 per hour")
def create_token():
    body = json_body("email", "password", "name")
    email, password = body.get("email"), body.get("password")
    if not _is_text(email, MAX_EMAIL) or not _is_text(password, MAX_PASSWORD):
        abort(
            400,
            description=f"email and password are required strings of at most {MAX_EMAIL} and "
            f"{MAX_PASSWORD} characters",
        )
    name = body.get("name")
    if name is not None and not _is_text(name, MAX_TOKEN_NAME):
        abort(400, description=f"name must be a string of at most {MAX_TOKEN_NAME} characters")
    user = authenticate(email, password)
    if user is None:
        abort(401, description="the email address or the password is not right")
    row, token = issue_token(user, name)
    return jsonify(token_json(row, token)), 201


@bp.delete("/tokens/<id:token_id>")
def delete_token(token_id: int):
    if not current_user.is_authenticated:
        abort(401, description="sign in or send a Bearer token")
    if not revoke_token(current_user.id, token_id):
        abort(404, description="you have no token with this ID")
    return "", 204


@bp.get("/catalog")
def catalog():
    return jsonify(catalog_json(get_catalog(), requested_lang()))


@bp.get("/lessons/<lesson_id>")
def lesson(lesson_id: str):
    return jsonify(lesson_json(get_lesson_or_404(lesson_id), requested_lang()))


@bp.get("/quizzes/<quiz_id>")
def quiz(quiz_id: str):
    return jsonify(quiz_json(get_quiz_or_404(quiz_id), requested_lang()))


@bp.post("/quizzes/<quiz_id>/attempts")
@reads_first
def start(quiz_id: str):
    quiz = get_quiz_or_404(quiz_id)
    lang = requested_lang()
    attempt = start_attempt(current_learner().id, quiz, get_catalog(), practice_rules(quiz))
    return jsonify(attempt_json(attempt, attempt_questions(attempt, get_catalog()), lang)), 201


@bp.get("/attempts/<id:attempt_id>")
def attempt(attempt_id: int):
    """The attempt; once submitted (or its time is up, which submits it), its result."""
    attempt = own_attempt_or_404(attempt_id)
    catalog, lang = get_catalog(), requested_lang()
    load_attempt(attempt, catalog)
    if attempt.is_submitted:
        return _result(attempt, lang)
    return jsonify(attempt_json(attempt, attempt_questions(attempt, catalog), lang))


def _result(attempt: Attempt, lang: str):
    catalog = get_catalog()
    return jsonify(result_json(attempt, catalog, lang, attempt_result(attempt, catalog, lang)))


@bp.put("/attempts/<id:attempt_id>/answers")
@reads_first
def answers(attempt_id: int):
    """Save some answers: `{"answers": {question ID: value or null}, "revision": n}`, or a
    page's fields for some questions (see course.api.answers)."""
    attempt, lang = own_attempt_or_404(attempt_id, with_answers=False), requested_lang()
    questions = attempt_questions(attempt, get_catalog())
    sent = sent_answers(request, questions)
    _check_questions(sent.posted, {q.id for q in questions})
    reading = read_answers(questions, sent.posted, lang)
    if reading.invalid and not sent.from_page:
        question_id, message = next(iter(reading.invalid.items()))
        abort(400, description=f"{question_id}: {message}")
    problems = reading.problems
    if reading.invalid:  # from a page: shown as answers to fix
        with force_locale(lang):
            problems = page_problems(reading)
    # Answers with problems are not stored: whether each had one before is what stays.
    kept = answered_questions(attempt, problems) if problems else set()
    try:
        revision = save_answers(attempt, get_catalog(), reading, sent.revision)
    except AttemptClosed:
        return error_response(
            409, "the attempt is submitted (its time may be up): see its result", CLOSED
        )
    except StaleAnswers:
        return error_response(
            409, "the answers changed since this revision: fetch them again", STALE
        )
    answered = {q: v is not None for q, v in reading.answers.items()}
    if problems:
        answered |= {question_id: question_id in kept for question_id in problems}
        return _not_saved(problems, revision, answered)
    return jsonify(revision=revision, answered=answered)


def _check_questions(sent: Mapping[str, object], in_attempt: set[str]) -> None:
    for question_id in sent:
        if question_id not in in_attempt and question_id in get_catalog().questions:
            abort(
                error_response(
                    409, f"{question_id}: this question is not in this attempt", NOT_IN_IT
                )
            )
        if question_id not in in_attempt:
            abort(400, description=f"{question_id}: no such question")


def _not_saved(
    problems: dict[str, str], revision: int, answered: dict[str, bool]
) -> tuple[Response, int]:
    """Answers the learner must fix, each with its reason; the others were saved."""
    message = "these answers were not saved: show each reason at its question"
    error = {"code": 422, "message": message, "questions": problems}
    return jsonify(error=error, revision=revision, answered=answered), 422


@bp.put("/attempts/<id:attempt_id>/flags")
@reads_first
def flags(attempt_id: int):
    """Flag a question for review or take its flag off: `{"question": ID, "flagged": bool}`."""
    attempt = own_attempt_or_404(attempt_id)
    body = json_body("question", "flagged")
    question_id, flagged = body.get("question"), body.get("flagged")
    if not _is_text(question_id, MAX_QUESTION_ID) or not isinstance(flagged, bool):
        abort(400, description="question (a question ID) and flagged (true or false) are required")
    _check_questions({question_id: None}, set(attempt.question_ids))
    try:
        return jsonify(flagged=set_flag(attempt, question_id, flagged))
    except AttemptClosed:
        return error_response(
            409, "the attempt is submitted (its time may be up): fetch its result"
        )


@bp.post("/attempts/<id:attempt_id>/submit")
@reads_first
def submit(attempt_id: int):
    """Submit the attempt as it was saved (its time up or not); again: the same result."""
    attempt, lang = own_attempt_or_404(attempt_id), requested_lang()
    submit_attempt(attempt, get_catalog())
    return _result(attempt, lang)


@bp.get("/progress")
def progress():
    return jsonify(progress_json(learner_progress(current_learner(create=False), get_catalog())))


@bp.get("/assignments")
def assignments():
    """The signed-in student's assignments, with their grades and attempts."""
    if not current_user.is_authenticated:
        return error_response(401, "sign in, or send a token, to see your assignments")
    learner = current_learner(create=False)
    items = student_assignments(current_user.id, learner.id if learner else None)
    now = utcnow()
    return jsonify(assignments=[assignment_json(item, now) for item in items])


# Why a change was refused (409), for clients to tell the cases apart.
CLOSED, STALE, NOT_IN_IT = "closed", "stale", "not_in_attempt"


def error_response(code: int, message: str, reason: str | None = None) -> Response:
    error = {"code": code, "message": message} | ({"reason": reason} if reason else {})
    response = jsonify(error=error)
    response.status_code = code
    return response
