"""One answer at a time: the attempt page's own fields for one question, through the API."""

import pytest
from sqlalchemy import event
from werkzeug.datastructures import MultiDict

from course.extensions import db
from course.quizzes.attempts import stored_answers
from course.quizzes.models import Attempt
from tests.conftest import LANGS

NOT_A_NUMBER = {"vi": "không phải là một số", "ru": "не число", "en": "is not a number"}
UNREADABLE = {
    "vi": "Không đọc được câu trả lời này",
    "ru": "Этот ответ не удалось прочитать",
    "en": "This answer could not be read",
}


@pytest.fixture
def page(client):
    """The attempt page's script: a started attempt, and a save of some of its fields."""
    headers = {"X-CSRFToken": client.get("/api/v1/session").get_json()["csrf_token"]}
    attempt_id = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()["id"]

    def save(*fields, lang="en"):
        url = f"/api/v1/attempts/{attempt_id}/answers?lang={lang}"
        return client.put(url, data=MultiDict(fields), headers=headers)

    save.attempt_id = attempt_id
    save.headers = headers
    return save


def stored(app, attempt_id: int) -> dict:
    with app.app_context():
        return stored_answers(db.session.get(Attempt, attempt_id))


@pytest.mark.parametrize("lang", LANGS)
def test_a_problem_at_one_question_is_refused_for_it_and_keeps_the_others(app, page, lang):
    saved = page(("question", "q-single"), ("answer-q-single", "public"), lang=lang)
    assert saved.get_json() == {"revision": 1, "answered": {"q-single": True}}
    refused = page(
        ("question", "q-numeric"),
        ("answer-q-numeric", "XXI"),
        ("question", "q-text"),
        ("answer-q-text", "Zalo"),
        ("revision", "1"),
        lang=lang,
    )
    assert refused.status_code == 422
    body = refused.get_json()
    assert list(body["error"]["questions"]) == ["q-numeric"]
    assert NOT_A_NUMBER[lang] in body["error"]["questions"]["q-numeric"]
    assert body["answered"] == {"q-numeric": False, "q-text": True}
    assert body["revision"] == 2  # the short text was saved
    assert stored(app, page.attempt_id) == {"q-single": "public", "q-text": "Zalo"}


def test_a_problem_keeps_the_answer_stored_before(app, page):
    page(("question", "q-numeric"), ("answer-q-numeric", "73.6"))
    refused = page(("question", "q-numeric"), ("answer-q-numeric", "XXI"))
    assert refused.get_json()["answered"] == {"q-numeric": True}  # 73.6 stays
    assert stored(app, page.attempt_id)["q-numeric"] == {"text": "73.6", "lang": "en"}


def test_two_items_in_one_place_is_a_problem_at_that_question(app, page):
    refused = page(
        ("question", "q-ordering"),
        ("answer-q-ordering-statecraft", "1"),
        ("answer-q-ordering-singapore", "1"),
    )
    assert refused.status_code == 422
    assert "one item only" in refused.get_json()["error"]["questions"]["q-ordering"]
    assert stored(app, page.attempt_id) == {}


@pytest.mark.parametrize("lang", LANGS)
def test_a_value_the_page_could_not_send_is_an_answer_to_fix_not_a_bad_request(app, page, lang):
    refused = page(("question", "q-single"), ("answer-q-single", "forged"), lang=lang)
    assert refused.status_code == 422
    assert UNREADABLE[lang] in refused.get_json()["error"]["questions"]["q-single"]


def test_clearing_an_answer_removes_it(app, page):
    page(("question", "q-multiple"), ("answer-q-multiple", "cyber"))
    cleared = page(("question", "q-multiple"))  # no box ticked: the form sends no field
    assert cleared.get_json() == {"revision": 2, "answered": {"q-multiple": False}}
    assert stored(app, page.attempt_id) == {}


def test_a_stale_revision_is_refused_and_says_why(app, page):
    page(("question", "q-single"), ("answer-q-single", "public"))
    stale = page(("question", "q-single"), ("answer-q-single", "economic"), ("revision", "0"))
    assert stale.status_code == 409
    assert stale.get_json()["error"]["reason"] == "stale"
    assert stored(app, page.attempt_id) == {"q-single": "public"}


def test_a_closed_attempt_is_refused_and_says_why(app, client, page):
    page(("question", "q-single"), ("answer-q-single", "public"))
    client.post(f"/api/v1/attempts/{page.attempt_id}/submit", headers=page.headers)
    closed = page(("question", "q-single"), ("answer-q-single", "economic"))
    assert closed.status_code == 409
    assert closed.get_json()["error"]["reason"] == "closed"
    assert stored(app, page.attempt_id) == {"q-single": "public"}


@pytest.mark.parametrize(
    "fields",
    [
        (("question", "no-such-question"),),
        (("question", "q-single"), ("revision", "-1")),
        (("question", "q-single"), ("revision", "12345678901")),
    ],
)
def test_bad_form_fields_are_a_bad_request(app, page, fields):
    assert page(*fields).status_code == 400
    assert stored(app, page.attempt_id) == {}


def test_one_answer_reads_and_writes_its_own_row_only(app, page):
    for question, value in (("q-single", "public"), ("q-text", "Zalo"), ("q-truefalse", "true")):
        page(("question", question), (f"answer-{question}", value))
    statements = []

    def remember(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()).lower())

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", remember)
        try:
            saved = page(("question", "q-text"), ("answer-q-text", "Viber"))
        finally:
            event.remove(db.engine, "before_cursor_execute", remember)
    assert saved.status_code == 200
    on_answers = [s for s in statements if " answers" in s]
    assert on_answers, statements
    # Every statement on the answers names the question saved: the other answers stay unread.
    assert all("question_id" in s or s.startswith(("update", "delete")) for s in on_answers)
    assert len([s for s in on_answers if s.startswith("select")]) == 1
    assert stored(app, page.attempt_id)["q-text"] == "Viber"
