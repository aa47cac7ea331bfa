"""`/api/v1`: catalog, lessons, quizzes, attempts and progress, with session or token auth."""

from datetime import timedelta

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from sqlalchemy import update

from course import create_app
from course.accounts.models import User
from course.accounts.tokens import issue_token
from course.accounts.users import create_user
from course.api.schemas import MAX_ID
from course.content.question_types import QUESTION_TYPES, AnswerProblem, InvalidAnswer
from course.extensions import db
from course.learners.current import learner_for_user
from course.spaced_review.models import CardKind, ReviewCard
from course.timeutil import utcnow
from tests.conftest import FIXTURE_CONTENT, LANGS, close_app, make_app
from tests.factories import create_card


def session_client(client):
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    return {"X-CSRFToken": token}


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_lesson_and_quiz_in_each_language(client, lang):
    catalog = client.get(f"/api/v1/catalog?lang={lang}").get_json()
    assert catalog["modules"][0]["lessons"][0]["id"] == "first-lesson"
    lesson = client.get(f"/api/v1/lessons/first-lesson?lang={lang}").get_json()
    assert f"({lang})" in lesson["title"]
    assert 'class="cite"' in lesson["body_html"]
    quiz = client.get(f"/api/v1/quizzes/demo-quiz?lang={lang}").get_json()
    assert quiz["question_count"] == 7


def test_bad_input_gets_a_clear_json_error(client):
    response = client.get("/api/v1/catalog?lang=de")
    assert response.status_code == 400
    assert "lang must be one of" in response.get_json()["error"]["message"]
    assert client.get("/api/v1/lessons/nope").get_json()["error"]["code"] == 404
    headers = session_client(client)
    response = client.put("/api/v1/attempts/1/answers", data="not json", headers=headers)
    assert response.status_code in (400, 404)


def test_session_requests_need_the_csrf_header(client):
    response = client.post("/api/v1/quizzes/demo-quiz/attempts")
    assert response.status_code == 400
    assert "CSRF" in response.get_json()["error"]["message"]


def test_a_whole_attempt_through_the_api(client):
    headers = session_client(client)
    started = client.post("/api/v1/quizzes/demo-quiz/attempts?lang=ru", headers=headers)
    assert started.status_code == 201
    attempt = started.get_json()
    body = str(attempt)
    assert "Пояснение" not in body  # no explanation before submission
    assert "correct_answer" not in body
    answers = {
        "q-single": "public",
        "q-multiple": ["cyber", "virtual"],
        "q-truefalse": "false",
        "q-numeric": "73,6",
        "q-ordering": {"statecraft": 1, "singapore": 2, "indonesia": 3},
        "q-matching": {"india": "first", "usa": "second"},
        "q-text": "Зало",
    }
    url = f"/api/v1/attempts/{attempt['id']}"
    saved = client.put(
        f"{url}/answers?lang=ru", json={"answers": answers, "revision": 0}, headers=headers
    )
    assert saved.get_json() == {"revision": 1, "answered": dict.fromkeys(answers, True)}
    stale = client.put(
        f"{url}/answers?lang=ru",
        json={"answers": {"q-single": None}, "revision": 0},
        headers=headers,
    )
    assert stale.status_code == 409
    result = client.post(f"{url}/submit?lang=ru", headers=headers).get_json()
    assert result["score"] == 7
    assert result["passed"]
    assert result["questions"][0]["explanation_html"]
    again = client.post(f"{url}/submit?lang=ru", headers=headers).get_json()
    assert again["score"] == 7
    assert client.get("/api/v1/progress").get_json()["modules"][0]["quiz"]["passed"]


def test_invalid_answers_are_refused(client):
    headers = session_client(client)
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['id']}/answers"
    for answers in (
        {"q-single": "forged"},
        {"q-multiple": "cyber"},
        {"q-ordering": {"statecraft": 9}},
        {"q-matching": {"india": "nowhere"}},
        {"no-such-question": "x"},
    ):
        response = client.put(url, json={"answers": answers}, headers=headers)
        assert response.status_code == 400, answers


def test_ambiguous_number_is_not_saved_and_the_others_are(client):
    headers = session_client(client)
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['id']}"
    answers = {"q-numeric": "73,6", "q-single": "public"}
    response = client.put(f"{url}/answers?lang=en", json={"answers": answers}, headers=headers)
    assert response.status_code == 422
    body = response.get_json()
    assert list(body["error"]["questions"]) == ["q-numeric"]
    assert "Did you mean" in body["error"]["questions"]["q-numeric"]
    assert body["revision"] == 1  # the single choice was saved
    assert client.get(url).get_json()["answers"] == {"q-single": "public"}


def test_token_authentication(client, user):
    bad = client.post("/api/v1/tokens", json={"email": "learner@example.org", "password": "no"})
    assert bad.status_code == 401
    token = client.post(
        "/api/v1/tokens", json={"email": "learner@example.org", "password": "correct horse"}
    ).get_json()["token"]
    mobile = client.application.test_client()  # no cookies, no CSRF header: the token is enough
    headers = {"Authorization": f"Bearer {token}"}
    started = mobile.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers)
    assert started.status_code == 201
    assert mobile.get("/api/v1/session", headers=headers).get_json()["user"]["email"] == (
        "learner@example.org"
    )
    stranger = client.application.test_client()
    assert stranger.get(f"/api/v1/attempts/{started.get_json()['id']}").status_code == 404


def test_openapi_document_is_served(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/attempts/{attempt_id}/answers" in document["paths"]


def test_openapi_document_shows_what_each_question_type_says(app, client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    question = schemas["Question"]["properties"]
    assert question["type"]["enum"] == list(QUESTION_TYPES)
    answers = schemas["AnswerValues"]["properties"]
    for q in app.extensions["catalog"].questions.values():
        question_type = QUESTION_TYPES[q.type]
        assert answers[q.id] == {**question_type.answer_schema(q.data), "nullable": True}
        assert question_type.view_schema().items() <= question.items()


# Schemathesis generates requests from the OpenAPI document and checks every response. The
# document is read from an app of its own; the requests go to `api_app`, whose database is
# PostgreSQL too when TEST_DATABASE_URL says so.
_DOCUMENT_APP = create_app(
    {
        "TESTING": True,
        "SECRET_KEY": "x",
        "CONTENT_DIR": str(FIXTURE_CONTENT),
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
    }
)
# Schema-valid answers may still be ones the learner must fix ("12,5" in English reads two
# ways): the document's 422 says so, and Schemathesis is told to accept it.
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]  # its default, and 422
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}}}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _DOCUMENT_APP, config=CONFIG)


@pytest.fixture(scope="module")
def api_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("api"))
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def api_user(api_app):
    """The learner, with a review card of every question and glossary term of the course."""
    with api_app.app_context():
        user_id = create_user("api@example.org", "API Learner", "long password").id
        learner_id = learner_for_user(user_id).id
        catalog = api_app.extensions["catalog"]
        for kind, items in (
            (CardKind.QUESTION, catalog.questions),
            (CardKind.TERM, catalog.glossary),
        ):
            for item_id in items:
                create_card(
                    learner_id, kind, item_id, last_review_dt=utcnow(), first_review_dt=utcnow()
                )
        return user_id


def fresh_bearer(api_app, api_user):
    """A new token of the learner for each call (a call may revoke the one it carries): without
    it every call that changes something needs a CSRF token."""
    with api_app.app_context():
        user = db.session.get(User, api_user)
        return {"Authorization": f"Bearer {issue_token(user)[1]}"}


def aim_at_own_attempt(case, app, bearer) -> None:
    """A valid attempt ID becomes one of the learner's attempts, so that the call does its work."""
    attempt_id = (case.path_parameters or {}).get("attempt_id")
    if isinstance(attempt_id, int) and 1 <= attempt_id <= MAX_ID:
        started = app.test_client().post("/api/v1/quizzes/demo-quiz/attempts", headers=bearer)
        case.path_parameters["attempt_id"] = started.get_json()["id"]


def aim_at_own_card(case, app, user_id, bearer) -> None:
    """A card's key becomes one of the learner's open review session (all their cards due
    again), of the kind that the body answers: a flashcard for a rating, a question whose type
    reads the answer sent."""
    if "key" not in (case.path_parameters or {}) or not isinstance(case.body, dict):
        return
    with app.app_context():
        learner_id = learner_for_user(user_id).id
        db.session.execute(
            update(ReviewCard)
            .where(ReviewCard.learner_id == learner_id)
            .values(due_dt=utcnow() - timedelta(hours=1))
        )
        db.session.commit()
    session = app.test_client().post("/api/v1/review/session", headers=bearer).get_json()
    keys = [key for key in session["keys"] if key not in session["answered"]]
    with app.test_request_context():
        fitting = [key for key in keys if _fits(app, key, case.body)]
    if fitting:
        case.path_parameters["key"] = fitting[0]


def _fits(app, key: str, body: dict) -> bool:
    if "rating" in body:
        return key.startswith("glossary:")
    question = app.extensions["catalog"].questions.get(key)
    if question is None or "answer" not in body:
        return False
    try:
        QUESTION_TYPES[question.type].read(question.data, body["answer"], "en")
    except InvalidAnswer:
        return False
    except AnswerProblem:
        return True
    return True


@schema.parametrize()
def test_api_conforms_to_its_openapi_document(case, api_app, api_user):
    bearer = fresh_bearer(api_app, api_user)
    aim_at_own_attempt(case, api_app, bearer)
    aim_at_own_card(case, api_app, api_user, bearer)
    case.call_and_validate(app=api_app, headers=bearer)  # every check Schemathesis has
