"""`/api/v1/review`: what is due in the learner's time zone, sessions card by card, settings."""

import json
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from course.accounts.models import User
from course.accounts.tokens import issue_token
from course.accounts.users import create_user
from course.api.serializers import question_json
from course.extensions import db
from course.i18n import TIMEZONE_COOKIE
from course.learners.current import SESSION_KEY, learner_for_user
from course.progress.learners import mark_lesson_done
from course.quizzes.models import Answer, Attempt
from course.spaced_review.models import CardKind, ReviewLog, ReviewSettings
from course.spaced_review.settings import DEFAULTS
from course.timeutil import utcnow
from tests.conftest import LANGS
from tests.factories import add_assignment, add_student, create_card, create_learner, graded_attempt

# 18:30 UTC on 10 March: 01:30 on the 11th in Hồ Chí Minh City (UTC+7), 21:30 in Moscow (UTC+3).
NOW = datetime(2026, 3, 10, 18, 30)
LAST_WEEK = datetime(2026, 3, 3, 12, 0)
DUE = {  # each card's due time, and in which time zones it is due today at NOW
    "q-single": (datetime(2026, 3, 10, 20, 0), {"Asia/Ho_Chi_Minh", "Europe/Moscow", "UTC"}),
    "q-multiple": (datetime(2026, 3, 10, 22, 0), {"Asia/Ho_Chi_Minh", "UTC"}),  # after Moscow's day
    "q-truefalse": (datetime(2026, 3, 11, 10, 0), {"Asia/Ho_Chi_Minh"}),
    "q-numeric": (datetime(2026, 3, 11, 20, 0), set()),  # tomorrow everywhere
}
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def bearer(app, user_id):
    with app.app_context():
        return {"Authorization": f"Bearer {issue_token(db.session.get(User, user_id))[1]}"}


def reviewed_card(learner_id, item_id, due, kind=CardKind.QUESTION):
    return create_card(
        learner_id,
        kind,
        item_id,
        state=2,
        step=None,
        stability=5.0,
        difficulty=5.0,
        due_dt=due,
        first_review_dt=LAST_WEEK,
        last_review_dt=LAST_WEEK,
    )


@pytest.fixture
def at_now(monkeypatch):
    monkeypatch.setattr("course.api.review.utcnow", lambda: NOW)


@pytest.fixture
def learner(app, user):
    """The signed-in learner (token), who missed two questions and did the first lesson."""
    graded_attempt(app, user, None, {"q-single": "economic", "q-multiple": ["cyber"]})
    with app.app_context():
        mark_lesson_done(learner_for_user(user).id, "first-lesson")
    return bearer(app, user)


def stored_counts(app):
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Answer, ReviewLog, ReviewSettings, Attempt)
        )


@pytest.mark.parametrize("timezone", ["Asia/Ho_Chi_Minh", "Europe/Moscow", "UTC"])
def test_due_today_follows_the_account_time_zone(app, at_now, timezone):
    with app.app_context():
        user_id = create_user("tz@example.org", "Lan", "long password", timezone=timezone).id
        learner_id = learner_for_user(user_id).id
        for item_id, (due, _zones) in DUE.items():
            reviewed_card(learner_id, item_id, due)
    review = app.test_client().get("/api/v1/review", headers=bearer(app, user_id)).get_json()
    due_here = [item_id for item_id, (_due, zones) in DUE.items() if timezone in zones]
    assert review["timezone"] == timezone
    assert review["due"] == {
        "questions": len(due_here),
        "terms": 0,
        "new": 0,
        "total": len(due_here),
    }
    assert [card["key"] for card in review["cards"]] == due_here
    assert review["cards"][0] == {
        "key": "q-single",
        "kind": "question",
        "lesson_id": "first-lesson",
        "due_at": "2026-03-10T20:00:00Z",
        "new": False,
    }
    assert review["next_due_at"] == "2026-03-10T20:00:00Z"
    assert review["session"] is None


def browser_learner_with_due_cards(app, client) -> int:
    """This browser's anonymous learner, with a reviewed card due at each time of DUE."""
    with app.app_context():
        learner_id = create_learner()
        for item_id, (due, _zones) in DUE.items():
            reviewed_card(learner_id, item_id, due)
    with client.session_transaction() as session:
        session[SESSION_KEY] = learner_id
    return learner_id


def test_without_an_account_the_browser_time_zone_counts(app, client, at_now):
    browser_learner_with_due_cards(app, client)
    client.set_cookie(TIMEZONE_COOKIE, "Europe/Moscow")
    assert client.get("/api/v1/review").get_json()["due"]["total"] == 1
    client.set_cookie(TIMEZONE_COOKIE, "Asia/Ho_Chi_Minh")
    assert client.get("/api/v1/review").get_json()["due"]["total"] == 3


def test_a_visitor_with_nothing_yet_has_nothing_due_and_no_learner_is_made(app, client):
    review = client.get("/api/v1/review").get_json()
    assert review["due"]["total"] == 0 and review["cards"] == [] and review["session"] is None
    assert client.get("/api/v1/review/settings").get_json() == DEFAULTS
    assert stored_counts(app) == (0, 0, 0, 0)


def test_a_whole_session_through_the_api(app, client, learner):
    started = client.post("/api/v1/review/session?lang=ru", headers=learner)
    assert started.status_code == 201
    session = started.get_json()
    terms = ["glossary:digital-diplomacy", "glossary:soft-power"]
    assert session["keys"] == ["q-single", "q-multiple", *terms]
    assert session["answered"] == []
    with app.app_context():
        attempt = db.session.get(Attempt, session["id"])
        question = app.extensions["catalog"].questions["q-single"]
        assert session["next"]["question"] == question_json(question, attempt, "ru")
    assert "correct_answer" not in json.dumps(session["next"])
    again = client.post("/api/v1/review/session", headers=learner).get_json()
    assert (again["id"], again["keys"]) == (session["id"], session["keys"])  # resumed

    url = "/api/v1/review/session/cards/"
    before = utcnow()
    wrong = client.post(f"{url}q-single?lang=ru", json={"answer": "defence"}, headers=learner)
    outcome = wrong.get_json()
    assert (outcome["rating"], outcome["score"], outcome["max_points"]) == (1, 0.0, 1.0)
    assert outcome["correct_answer"] == "public"
    assert outcome["explanation_html"] and outcome["correct_answer_text"]
    due = datetime.fromisoformat(outcome["due_at"].removesuffix("Z"))
    assert timedelta(seconds=59) < due - before < timedelta(minutes=2)  # back in a minute
    assert (outcome["finished"], outcome["summary"], outcome["next"]["key"]) == (
        False,
        None,
        "q-multiple",
    )
    answered_twice = client.post(f"{url}q-single", json={"answer": "public"}, headers=learner)
    assert answered_twice.status_code == 409
    assert answered_twice.get_json()["error"]["reason"] == "not_in_attempt"

    body = {"answer": ["cyber", "virtual"], "duration_ms": 60_000}
    right = client.post(f"{url}q-multiple", json=body, headers=learner).get_json()
    assert right["rating"] == 3  # Good: a minute is not quick
    assert datetime.fromisoformat(right["due_at"].removesuffix("Z")) - before > timedelta(days=1)
    flashcard = right["next"]
    assert (flashcard["kind"], flashcard["term_id"]) == ("term", "digital-diplomacy")
    assert (flashcard["shown"]["part"], flashcard["recalled"]["part"]) == ("term", "definition")

    first = client.post(f"{url}{terms[0]}", json={"rating": 4}, headers=learner).get_json()
    assert (first["rating"], first["score"], first["correct_answer"]) == (4, None, None)
    last = client.post(f"{url}{terms[1]}", json={"rating": 3}, headers=learner).get_json()
    assert last["finished"] and last["next"] is None
    assert last["summary"] == {
        "reviewed": 4,
        "ratings": {"1": 1, "2": 0, "3": 2, "4": 1},
        "correct": 1,
        "questions": 2,
        "next_due_at": outcome["due_at"],
    }
    closed = client.post(f"{url}q-text", json={"answer": "zalo"}, headers=learner)
    assert closed.status_code == 409 and closed.get_json()["error"]["reason"] == "closed"
    assert client.get("/api/v1/review", headers=learner).get_json()["session"] is None


def test_nothing_due_gives_an_empty_session(app, client, user):
    empty = client.post("/api/v1/review/session", headers=bearer(app, user))
    assert empty.status_code == 200
    assert empty.get_json() == {
        "id": None,
        "keys": [],
        "answered": [],
        "next": None,
        "next_due_at": None,
    }


def test_cards_outside_the_session_and_the_course(app, client, learner):
    client.post("/api/v1/review/session", headers=learner)
    url = "/api/v1/review/session/cards/"
    for key in ("nope", "glossary:nope", "glossary:", "q-single:x"):
        response = client.post(f"{url}{key}", json={"answer": None}, headers=learner)
        assert response.status_code == 404, key
    outside = client.post(f"{url}q-text", json={"answer": "zalo"}, headers=learner)
    assert outside.status_code == 409
    assert outside.get_json()["error"]["reason"] == "not_in_attempt"


def test_the_other_kind_of_answer_is_refused(app, client, learner):
    client.post("/api/v1/review/session", headers=learner)
    url = "/api/v1/review/session/cards/"
    before = stored_counts(app)
    for key, body in [
        ("q-single", {"rating": 3}),
        ("q-single", {"answer": "public", "rating": 3}),
        ("glossary:soft-power", {"answer": "public"}),
        ("glossary:soft-power", {}),
        ("q-single", {"answer": "public", "extra": 1}),
    ]:
        response = client.post(f"{url}{key}", json=body, headers=learner)
        assert response.status_code == 400, (key, body)
    assert stored_counts(app) == before


def test_an_answer_to_fix_is_not_stored_and_says_why(app, client, user):
    graded_attempt(app, user, None, {"q-numeric": {"text": "1", "lang": "en"}})
    headers = bearer(app, user)
    client.post("/api/v1/review/session", headers=headers)
    before = stored_counts(app)
    url = "/api/v1/review/session/cards/q-numeric?lang=en"
    response = client.post(url, json={"answer": "73,6"}, headers=headers)
    assert response.status_code == 422
    assert "Did you mean" in response.get_json()["error"]["questions"]["q-numeric"]
    assert stored_counts(app) == before


def test_session_requests_need_the_csrf_header(client):
    assert client.post("/api/v1/review/session").status_code == 400
    response = client.put("/api/v1/review/settings", json={"new_per_day": 5})
    assert response.status_code == 400
    assert "CSRF" in response.get_json()["error"]["message"]
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    saved = client.put(
        "/api/v1/review/settings", json={"new_per_day": 5}, headers={"X-CSRFToken": token}
    )
    assert saved.get_json()["new_per_day"] == 5  # an anonymous learner's settings


# Bodies no card takes: not an object, unknown fields, values of the wrong type, no answer.
json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
not_a_rating = json_values.filter(lambda v: type(v) is not int or not 1 <= v <= 4)
not_a_duration = json_values.filter(
    lambda v: v is not None and (type(v) is not int or not 0 <= v < 2**31)
)
hostile_bodies = st.one_of(
    json_values.filter(lambda v: not isinstance(v, dict)).map(json.dumps),
    st.fixed_dictionaries({"rating": not_a_rating}).map(json.dumps),
    st.fixed_dictionaries({"rating": st.just(3), "duration_ms": not_a_duration}).map(json.dumps),
    st.dictionaries(
        st.text(max_size=8).filter(lambda k: k not in ("rating", "duration_ms")),
        json_values,
        min_size=1,
    ).map(json.dumps),
    st.sampled_from(['{"rating": 3', '{"rating": NaN}', '{"rating": 1e309}', "[" * 5000]),
)


def test_hostile_card_bodies_are_refused_and_store_nothing(app, learner):
    client = app.test_client()
    client.post("/api/v1/review/session", headers=learner)
    before = stored_counts(app)
    url = "/api/v1/review/session/cards/glossary:soft-power"

    @EXAMPLES
    @given(body=hostile_bodies | st.binary(max_size=40).map(lambda b: b"\xff" + b))
    def check(body):
        data = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
        response = client.post(
            url, data=data, headers={**learner, "Content-Type": "application/json"}
        )
        assert response.status_code == 400, body
        assert {"code", "message"} <= set(response.get_json()["error"])
        assert stored_counts(app) == before

    check()
    too_large = client.post(
        url, data=b"[" * (1024 * 1024 + 1), headers=learner, content_type="application/json"
    )
    assert too_large.status_code == 413
    as_form = client.post(url, data={"rating": "3"}, headers=learner)
    assert as_form.status_code == 415
    assert stored_counts(app) == before


def test_wrong_answer_shapes_are_refused_and_store_nothing(app, learner):
    client = app.test_client()
    client.post("/api/v1/review/session", headers=learner)
    before = stored_counts(app)

    @EXAMPLES
    @given(answer=json_values.filter(lambda v: v is not None and not isinstance(v, str)))
    def check(answer):
        response = client.post(
            "/api/v1/review/session/cards/q-single", json={"answer": answer}, headers=learner
        )
        assert response.status_code == 400, answer
        assert stored_counts(app) == before

    check()


def test_settings_round_trip_and_set_the_flashcard_sides(app, client, learner):
    change = {"new_per_day": 20, "shown_lang": "vi", "recalled_lang": "ru", "recalled_part": "term"}
    saved = client.put("/api/v1/review/settings", json=change, headers=learner)
    assert saved.status_code == 200
    assert saved.get_json() == {**DEFAULTS, **change}
    assert client.get("/api/v1/review/settings", headers=learner).get_json() == saved.get_json()
    session = client.post("/api/v1/review/session?lang=en", headers=learner).get_json()
    url = "/api/v1/review/session/cards/"
    client.post(f"{url}q-single", json={"answer": None}, headers=learner)
    flashcard = client.post(f"{url}q-multiple", json={"answer": []}, headers=learner).get_json()
    assert flashcard["next"]["key"] == session["keys"][2]
    with app.app_context():
        term = app.extensions["catalog"].glossary["digital-diplomacy"]
    assert flashcard["next"]["shown"] == {"lang": "vi", "part": "term", "text": term.term["vi"]}
    assert flashcard["next"]["recalled"] == {"lang": "ru", "part": "term", "text": term.term["ru"]}


@pytest.mark.parametrize("lang", LANGS)
def test_settings_out_of_range_are_refused_field_by_field(app, client, learner, lang):
    out_of_range = {
        "desired_retention": 0.98,
        "new_per_day": 101,
        "shown_lang": "de",
        "recalled_part": "example",
    }
    response = client.put(
        f"/api/v1/review/settings?lang={lang}", json=out_of_range, headers=learner
    )
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert set(fields) == set(out_of_range)
    assert ("0.97" if lang == "en" else "0,97") in fields["desired_retention"]
    english = {
        "new_per_day": "Choose a whole number from 0 to 100.",
        "recalled_part": "Choose the term or its definition.",
    }
    assert all((fields[name] == text) == (lang == "en") for name, text in english.items())
    alike = {"shown_lang": "en", "recalled_lang": "en", "recalled_part": "term"}
    response = client.put(f"/api/v1/review/settings?lang={lang}", json=alike, headers=learner)
    assert list(response.get_json()["error"]["fields"]) == ["recalled_part"]
    assert client.get("/api/v1/review/settings", headers=learner).get_json() == DEFAULTS


settings_of_wrong_type = st.one_of(
    st.fixed_dictionaries(
        {
            "desired_retention": json_values.filter(
                lambda v: isinstance(v, bool) or not isinstance(v, int | float)
            )
        }
    ),
    st.fixed_dictionaries({"new_per_day": json_values.filter(lambda v: type(v) is not int)}),
    st.fixed_dictionaries({"is_every_answer": json_values.filter(lambda v: type(v) is not bool)}),
    st.fixed_dictionaries(
        {"shown_lang": json_values.filter(lambda v: v is not None and not isinstance(v, str))}
    ),
    st.fixed_dictionaries({"recalled_part": json_values.filter(lambda v: not isinstance(v, str))}),
    st.dictionaries(
        st.text(max_size=8).filter(lambda k: k not in DEFAULTS), json_values, min_size=1
    ),
    json_values.filter(lambda v: not isinstance(v, dict)),
).map(json.dumps) | st.sampled_from(['{"desired_retention": NaN}', '{"new_per_day": 1e309}'])


def test_settings_of_the_wrong_type_are_refused_and_nothing_is_saved(app, learner):
    client = app.test_client()

    @EXAMPLES
    @given(body=settings_of_wrong_type)
    def check(body):
        response = client.put(
            "/api/v1/review/settings",
            data=body.encode("utf-8", "surrogatepass"),
            headers={**learner, "Content-Type": "application/json"},
        )
        assert response.status_code == 400, body
        assert client.get("/api/v1/review/settings", headers=learner).get_json() == DEFAULTS

    check()


def test_keys_an_open_assignment_holds_back_are_never_shown(app, client, klass):
    student = add_student(app, klass, 1)
    headers = bearer(app, student)
    with app.app_context():
        learner_id = learner_for_user(student).id
        reviewed_card(learner_id, "q-single", LAST_WEEK)
        reviewed_card(learner_id, "q-truefalse", LAST_WEEK)
    session = client.post("/api/v1/review/session", headers=headers).get_json()
    assert session["keys"] == ["q-single", "q-truefalse"]
    add_assignment(app, klass)  # of the quiz, holding its keys back until it is due
    review = client.get("/api/v1/review", headers=headers).get_json()
    assert review["due"]["total"] == 0 and review["cards"] == []
    assert review["next_due_at"] is None
    outcome = client.post(
        "/api/v1/review/session/cards/q-single", json={"answer": "defence"}, headers=headers
    ).get_json()
    assert outcome["rating"] == 1
    held_back = ("correct_answer", "correct_answer_text", "explanation_html", "sources_html")
    assert all(outcome[name] is None for name in held_back)
    assert "public" not in json.dumps(outcome)  # the key of q-single nowhere


@pytest.mark.parametrize(
    "body",
    [
        '{"answer": "a\\u0000b"}',
        '{"answer": "\\ud800"}',
        json.dumps({"answer": "x" * 20_000}),
        '{"answer": ' + "[" * 20 + "]" * 20 + "}",
        '{"answer": "zalo", "duration_ms": -1}',
        '{"answer": "zalo", "duration_ms": 1e3}',
    ],
)
def test_text_answers_nul_surrogates_sizes_and_nesting_are_refused(app, user, body):
    graded_attempt(app, user, None, {"q-text": "wrong"})
    headers = bearer(app, user)
    client = app.test_client()
    assert client.post("/api/v1/review/session", headers=headers).get_json()["keys"] == ["q-text"]
    before = stored_counts(app)
    response = client.post(
        "/api/v1/review/session/cards/q-text",
        data=body.encode("utf-8"),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.get_json()
    assert stored_counts(app) == before
