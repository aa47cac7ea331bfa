"""What clients send is checked before use: a clear 400, never a 500, and nothing stored."""

import pytest
from sqlalchemy import func, select

from course.accounts.models import User
from course.content.question_types.numeric import NumberNotUnderstood, parse_number
from course.extensions import db
from course.quizzes.models import Answer
from tests.conftest import LANGS, csrf_token
from tests.test_api import session_client

UNSTORABLE_TEXTS = ["a\x00b", "\ud800", "x\udfffy"]
PAGE_MESSAGES = {
    "vi": "không thể chấp nhận",
    "ru": "не может принять",
    "en": "cannot accept",
}


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def form_post(client, path, lang="en", **data):
    page = client.get(f"/{lang}{path}").get_data(as_text=True)
    return client.post(f"/{lang}{path}", data={**data, "csrf_token": csrf_token(page)})


@pytest.mark.parametrize("lang", LANGS)
def test_a_nul_in_a_registration_gets_a_translated_400_and_no_account(client, app, lang):
    response = form_post(
        client,
        "/register",
        lang,
        name="Lan\x00",
        email="lan@example.org",
        password="correct horse",
        confirm="correct horse",
    )
    assert response.status_code == 400
    assert PAGE_MESSAGES[lang] in response.get_data(as_text=True)
    assert count(app, User) == 0


# A form cannot carry a lone surrogate: Werkzeug decodes what is not UTF-8 as U+FFFD.
@pytest.mark.parametrize("text", ["a\x00b", "\x00"])
def test_sign_in_with_a_nul_is_a_400(client, user, text):
    response = form_post(client, "/login", email="learner@example.org" + text, password=text)
    assert response.status_code == 400


@pytest.mark.parametrize("text", UNSTORABLE_TEXTS)
def test_a_token_request_with_unstorable_text_is_a_json_400(client, user, text):
    response = client.post("/api/v1/tokens", json={"email": text, "password": text})
    assert response.status_code == 400
    assert "NUL" in response.get_json()["error"]["message"]


def test_a_nul_in_the_query_or_the_path_is_a_400(client):
    assert client.get("/en/?next=%00").status_code == 400
    assert client.get("/api/v1/lessons/a%00b").get_json()["error"]["code"] == 400


@pytest.mark.parametrize(
    "body",
    [
        '{"answers": {"q-text": "\\ud800"}}',
        '{"answers": {"q-text": "a\\u0000b"}}',
        '{"answers": {"q-numeric": 1e309}}',
        '{"answers": {"q-numeric": NaN}}',
        '{"answers": {"q-numeric": Infinity}}',
        '{"answers": {"q-numeric": ' + "9" * 5000 + "}}",
        '{"answers": ' + "[" * 100 + "]" * 100 + "}",
        '{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"answers": {"q-text": "a"}',
    ],
)
def test_hostile_json_is_refused_and_nothing_is_stored(client, app, body):
    headers = session_client(client) | {"Content-Type": "application/json"}
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['id']}"
    response = client.put(f"{url}/answers", data=body, headers=headers)
    assert response.status_code == 400
    assert set(response.get_json()["error"]) == {"code", "message"}
    assert count(app, Answer) == 0
    assert client.get(url).status_code == 200
    assert client.get(f"/en/attempts/{attempt['id']}").status_code == 200


@pytest.mark.parametrize(
    "answers",
    [
        {"q-single": ["public"]},
        {"q-single": {"public": 1}},
        {"q-truefalse": ["true"]},
        {"q-truefalse": True},
        {"q-multiple": [["cyber"]]},
        {"q-multiple": [{"a": 1}]},
        {"q-matching": {"india": ["first"]}},
        {"q-matching": ["india"]},
        {"q-ordering": {"statecraft": "1"}},
        {"q-ordering": {"statecraft": 1.0e10}},
        {"q-numeric": [1]},
        {"q-numeric": {"text": "1"}},
        {"q-numeric": 10**4000},
        {"q-numeric": 1e308},
        {"q-numeric": -(10**16)},
        {"q-numeric": "1" * 41},
        {"q-text": ["Zalo"]},
        {"q-text": 5},
        {"q-text": "x" * 201},
    ],
)
def test_an_answer_of_the_wrong_type_or_size_is_a_400(client, app, answers):
    headers = session_client(client)
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['id']}/answers"
    response = client.put(url, json={"answers": answers}, headers=headers)
    assert response.status_code == 400, response.get_json()
    assert count(app, Answer) == 0


@pytest.mark.parametrize("revision", [-1, 2**31, 10**100, 1.5, "0", True])
def test_a_revision_out_of_range_is_a_400(client, revision):
    headers = session_client(client)
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['id']}/answers"
    response = client.put(url, json={"answers": {}, "revision": revision}, headers=headers)
    assert response.status_code == 400


@pytest.mark.parametrize("revision", ["²", "9" * 5000, "1_000", "-1", "١"])
def test_a_strange_revision_in_the_attempt_form_is_ignored(client, app, revision):
    headers = session_client(client)
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()
    page = client.get(f"/en/attempts/{attempt['id']}").get_data(as_text=True)
    response = client.post(
        f"/en/attempts/{attempt['id']}",
        data={"csrf_token": csrf_token(page), "revision": revision, "answer-q-text": "Zalo"},
    )
    assert response.status_code == 302


def test_a_time_zone_too_long_for_a_file_name_falls_back_to_utc(client, app):
    response = form_post(
        client,
        "/register",
        name="Lan",
        email="lan@example.org",
        password="correct horse",
        confirm="correct horse",
        timezone="A" * 5000,
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.timezone)) == "UTC"


def test_an_empty_json_body_is_still_no_body(client):
    headers = session_client(client) | {"Content-Type": "application/json"}
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers)
    assert attempt.status_code == 201


def test_a_405_says_which_methods_are_allowed(client):
    api = client.delete("/api/v1/catalog")
    assert api.status_code == 405
    assert "GET" in api.headers["Allow"]
    assert api.get_json()["error"]["code"] == 405
    page = client.put("/en/glossary")
    assert page.status_code == 405
    assert "GET" in page.headers["Allow"]
    assert page.mimetype == "text/html"


def test_unknown_fields_are_refused(client, user):
    response = client.post(
        "/api/v1/tokens",
        json={"email": "learner@example.org", "password": "correct horse", "admin": True},
    )
    assert response.status_code == 400
    assert "admin" in response.get_json()["error"]["message"]


def test_an_answer_to_a_question_not_drawn_for_the_attempt_is_a_409(client):
    headers = session_client(client)
    exam = client.post("/api/v1/quizzes/final-exam/attempts", headers=headers).get_json()
    drawn = {question["id"] for question in exam["questions"]}
    not_drawn = sorted(set(client.application.extensions["catalog"].questions) - drawn)[0]
    response = client.put(
        f"/api/v1/attempts/{exam['id']}/answers",
        json={"answers": {not_drawn: None}},
        headers=headers,
    )
    assert response.status_code == 409


@pytest.mark.parametrize("lang", LANGS)
def test_a_number_written_with_underscores_is_not_understood(lang):
    with pytest.raises(NumberNotUnderstood):
        parse_number("1_000", lang)
