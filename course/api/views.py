"""`/api/v1`: the course for mobile apps and LMS integrations, with session or token auth."""

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from course.accounts.models import User
from course.accounts.users import authenticate
from course.api.assignments import assignment_json
from course.api.openapi import openapi_document
from course.api.serializers import (
    attempt_json,
    catalog_json,
    lesson_json,
    progress_json,
    quiz_json,
    result_json,
)
from course.api.tokens import bearer_token, issue_token, user_for_token
from course.catalog_access import get_catalog, get_lesson_or_404, get_quiz_or_404
from course.classes.assignments import student_assignments
from course.database import reads_first
from course.extensions import csrf, login_manager
from course.i18n import LANGUAGES
from course.progress.learners import current_learner, learner_progress
from course.quizzes.access import own_attempt_or_404
from course.quizzes.attempts import (
    AttemptClosed,
    StaleAnswers,
    attempt_questions,
    save_answers,
    start_attempt,
    submission_problems,
    submit_attempt,
)
from course.quizzes.question_types import QUESTION_TYPES, InvalidAnswer
from course.security import limiter
from course.timeutil import utcnow

bp = Blueprint("api", __name__)
csrf.exempt(bp)  # checked below, for requests that rely on the session cookie only


@login_manager.request_loader
def _user_from_token(request) -> User | None:
    token = bearer_token(request)
    return user_for_token(token) if token else None


@bp.before_request
def _protect_session_requests() -> None:
    # Getting a token needs no CSRF token: it uses no cookie, and its JSON body cannot be sent
    # cross-site by a plain form.
    if request.endpoint == "api.create_token":
        return
    if request.method not in ("GET", "HEAD", "OPTIONS") and not bearer_token(request):
        csrf.protect()


def _lang() -> str:
    lang = request.args.get("lang", "en")
    if lang not in LANGUAGES:
        abort(400, description=f"lang must be one of {', '.join(LANGUAGES)}")
    return lang


def _json_body() -> dict:
    if not request.is_json:
        abort(415, description="send the body as application/json")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="the request body must be a JSON object")
    return body


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


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
    body = _json_body()
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        abort(400, description="email and password are required strings")
    user = authenticate(email, password)
    if user is None:
        abort(401, description="the email address or the password is not right")
    return jsonify(token=issue_token(user)), 201


@bp.get("/catalog")
def catalog():
    return jsonify(catalog_json(get_catalog(), _lang()))


@bp.get("/lessons/<lesson_id>")
def lesson(lesson_id: str):
    return jsonify(lesson_json(get_lesson_or_404(lesson_id), _lang()))


@bp.get("/quizzes/<quiz_id>")
def quiz(quiz_id: str):
    return jsonify(quiz_json(get_quiz_or_404(quiz_id), _lang()))


@bp.post("/quizzes/<quiz_id>/attempts")
@reads_first
def start(quiz_id: str):
    quiz = get_quiz_or_404(quiz_id)
    lang = _lang()
    attempt = start_attempt(current_learner().id, quiz, get_catalog())
    return jsonify(attempt_json(attempt, attempt_questions(attempt, get_catalog()), lang)), 201


@bp.get("/attempts/<id:attempt_id>")
def attempt(attempt_id: int):
    attempt = own_attempt_or_404(attempt_id)
    catalog, lang = get_catalog(), _lang()
    if attempt.is_submitted:
        return jsonify(result_json(attempt, catalog, lang))
    return jsonify(attempt_json(attempt, attempt_questions(attempt, catalog), lang))


@bp.put("/attempts/<id:attempt_id>/answers")
@reads_first
def answers(attempt_id: int):
    """Save some answers: `{"answers": {question ID: value or null}, "revision": n}`."""
    attempt = own_attempt_or_404(attempt_id)
    body, lang = _json_body(), _lang()
    sent, revision = body.get("answers"), body.get("revision")
    if not isinstance(sent, dict):
        abort(400, description="answers must be an object keyed by question ID")
    if revision is not None and (not isinstance(revision, int) or isinstance(revision, bool)):
        abort(400, description="revision must be a whole number")
    questions = {q.id: q for q in attempt_questions(attempt, get_catalog())}
    try:
        revision = save_answers(attempt, _checked_answers(sent, questions, lang), lang, revision)
    except AttemptClosed:
        return _error(409, "the attempt is submitted or its time is up")
    except StaleAnswers:
        return _error(409, "the answers changed since this revision; fetch the attempt again")
    return jsonify(revision=revision)


def _checked_answers(sent: dict, questions: dict, lang: str) -> dict:
    checked = {}
    for question_id, value in sent.items():
        question = questions.get(question_id)
        if question is None:
            abort(400, description=f"{question_id}: no such question in this attempt")
        if value is None:
            checked[question_id] = None
            continue
        try:
            question_type = QUESTION_TYPES[question.type]
            checked[question_id] = question_type.answer_from_json(question.data, value, lang)
        except InvalidAnswer as exc:
            abort(400, description=f"{question_id}: {exc}")
    return checked


@bp.post("/attempts/<id:attempt_id>/submit")
@reads_first
def submit(attempt_id: int):
    attempt = own_attempt_or_404(attempt_id)
    catalog, lang = get_catalog(), _lang()
    if not attempt.is_submitted:
        problems = submission_problems(attempt, catalog, lang)
        if problems:
            return jsonify(
                error={"code": 422, "message": "fix these answers first", "questions": problems}
            ), 422
        submit_attempt(attempt, catalog)
    return jsonify(result_json(attempt, catalog, lang))


@bp.get("/progress")
def progress():
    return jsonify(progress_json(learner_progress(current_learner(create=False), get_catalog())))


@bp.get("/assignments")
def assignments():
    """The signed-in student's assignments, with their grades and attempts."""
    if not current_user.is_authenticated:
        return _error(401, "sign in, or send a token, to see your assignments")
    learner = current_learner(create=False)
    items = student_assignments(current_user.id, learner.id if learner else None)
    now = utcnow()
    return jsonify(assignments=[assignment_json(item, now) for item in items])


def _error(code: int, message: str):
    return jsonify(error={"code": code, "message": message}), code
