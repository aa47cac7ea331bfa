"""The Account page: password change, API tokens, data download, deletion, and bad input."""

import json
import re
from datetime import datetime, timedelta

import pytest
from flask_babel import gettext

from course.accounts.token_models import ApiToken
from course.extensions import db
from course.learners.models import Learner
from course.quizzes.models import Attempt
from course.timeutil import utcnow
from tests.conftest import LANGS, csrf_token
from tests.factories import add_assignment, add_student, graded_attempt, sign_in


def _post(client, path: str, data: dict, lang="en", prefix=""):
    """Post one of the Account page's forms, as the page would."""
    page = client.get(f"/{lang}/account").get_data(as_text=True)
    fields = {f"{prefix}-{name}" if prefix else name: value for name, value in data.items()}
    token_field = f"{prefix}-csrf_token" if prefix else "csrf_token"
    return client.post(f"/{lang}{path}", data={**fields, token_field: csrf_token(page)})


def _change_password(client, current="correct horse", new="a brand new secret", lang="en"):
    data = {"current_password": current, "password": new, "confirm": new}
    return _post(client, "/account/password", data, lang, prefix="password")


def _api_token(client, password="correct horse", **extra) -> dict:
    body = {"email": "learner@example.org", "password": password, **extra}
    response = client.post("/api/v1/tokens", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _whoami(app, token: str):
    headers = {"Authorization": f"Bearer {token}"}
    return app.test_client().get("/api/v1/session", headers=headers).get_json()["user"]


def _translated(app, lang: str, text: str) -> str:
    with app.test_request_context(f"/{lang}/"):
        return gettext(text)


@pytest.mark.parametrize("lang", LANGS)
def test_changing_the_password_keeps_this_browser_and_ends_the_others(
    app, client, auth, user, lang
):
    auth.login()
    other = app.test_client()
    sign_in(other, "learner@example.org", "correct horse")
    token = _api_token(client)["token"]
    response = _change_password(client, lang=lang)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "/logout" in page  # still signed in here
    message = "Your password is changed. Every other sign-in and every API token has ended."
    assert _translated(app, lang, message) in page
    assert "/logout" not in other.get("/en/").get_data(as_text=True)
    assert _whoami(app, token) is None
    auth.logout()
    assert auth.login(password="a brand new secret").status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong password", "a brand new secret", None, "This is not your current password."),
        ("", "a brand new secret", None, "Please enter your current password."),
        ("correct horse", "password1", None, "among the most common ones"),
        ("correct horse", "short", None, "A password needs 8 to 128 characters."),
        ("correct horse", "x" * 129, None, "A password needs 8 to 128 characters."),
        ("correct horse", "a brand new secret", "another", "The two passwords are not the same."),
    ],
)
def test_a_refused_password_change_says_why_and_changes_nothing(
    app, client, auth, user, current, new, confirm, message
):
    auth.login()
    data = {"current_password": current, "password": new, "confirm": confirm or new}
    response = _post(client, "/account/password", data, prefix="password")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    auth.logout()
    assert auth.login().status_code == 302


def test_password_fields_carry_autocomplete_hints(client, auth, user):
    auth.login()
    html = client.get("/en/account").get_data(as_text=True)
    assert 'autocomplete="None"' not in html
    assert re.search(r'autocomplete="current-password"[^>]*name="password-current_password"', html)
    assert re.search(r'autocomplete="new-password"[^>]*name="password-password"', html)
    assert re.search(r'autocomplete="email"[^>]*name="email-email"', html)


def test_api_tokens_are_named_listed_and_revoked_one_by_one(app, client, auth, user):
    phone = _api_token(client, name="Phone")
    lms = _api_token(client)
    assert lms["name"] == "API token"
    assert phone["expires_at"].endswith("Z")
    expires = datetime.fromisoformat(phone["expires_at"].removesuffix("Z"))
    assert abs(expires - (utcnow() + timedelta(days=90))) < timedelta(minutes=1)
    auth.login()
    html = client.get("/en/account").get_data(as_text=True)
    assert "Phone" in html and "API token" in html
    page = client.get("/en/account").get_data(as_text=True)
    client.post(f"/en/account/tokens/{phone['id']}/revoke", data={"csrf_token": csrf_token(page)})
    assert "Phone" not in client.get("/en/account").get_data(as_text=True)
    assert _whoami(app, phone["token"]) is None
    assert _whoami(app, lms["token"])["email"] == "learner@example.org"


def test_a_token_can_be_deleted_through_the_api_by_its_owner_only(app, client, user):
    from course.accounts.users import create_user

    with app.app_context():
        create_user("other@example.org", "Minh", "long password")
    mine = _api_token(client)
    theirs = client.post(
        "/api/v1/tokens", json={"email": "other@example.org", "password": "long password"}
    ).get_json()
    api = app.test_client()
    headers = {"Authorization": f"Bearer {mine['token']}"}
    assert api.delete(f"/api/v1/tokens/{theirs['id']}", headers=headers).status_code == 404
    assert api.delete(f"/api/v1/tokens/{mine['id']}", headers=headers).status_code == 204
    assert _whoami(app, mine["token"]) is None
    csrf = {"X-CSRFToken": api.get("/api/v1/session").get_json()["csrf_token"]}
    assert api.delete(f"/api/v1/tokens/{mine['id']}", headers=csrf).status_code == 401


def test_an_expired_token_authenticates_nobody(app, client, user):
    token = _api_token(client)
    with app.app_context():
        db.session.get(ApiToken, token["id"]).expires_dt = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert _whoami(app, token["token"]) is None


def test_the_token_lifetime_is_a_setting(app, client, user):
    app.config["API_TOKEN_DAYS"] = 7
    expires = _api_token(client)["expires_at"].removesuffix("Z")
    assert expires[:10] == (utcnow() + timedelta(days=7)).date().isoformat()


def test_a_tokens_last_use_is_written_at_most_once_a_minute(app, client, user):
    token = _api_token(client)

    def last_used():
        with app.app_context():
            return db.session.get(ApiToken, token["id"]).last_used_dt

    assert last_used() is None
    _whoami(app, token["token"])
    first = last_used()
    assert first is not None
    _whoami(app, token["token"])
    assert last_used() == first
    with app.app_context():
        db.session.get(ApiToken, token["id"]).last_used_dt = first - timedelta(minutes=2)
        db.session.commit()
    _whoami(app, token["token"])
    assert last_used() > first - timedelta(minutes=2)


@pytest.mark.parametrize("name", [17, "x" * 101, ["a list"]])
def test_a_bad_token_name_is_refused(client, user, name):
    body = {"email": "learner@example.org", "password": "correct horse", "name": name}
    response = client.post("/api/v1/tokens", json=body)
    assert response.status_code == 400
    assert "name must be a string" in response.get_json()["error"]["message"]


def test_my_data_holds_profile_progress_attempts_and_classes(app, client, klass):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1, lang="vi")
    graded_attempt(app, student, assignment_id, {"q-single": "public"}, lang="vi")
    sign_in(client, "s1@school.edu")
    page = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    client.post("/en/lessons/first-lesson/done", data={"csrf_token": csrf_token(page)})
    response = client.get("/en/account/data")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["email"] == "s1@school.edu"
    assert data["profile"]["name"] == "Student 001"
    assert [lesson["lesson_id"] for lesson in data["lessons_done"]] == ["first-lesson"]
    (attempt,) = data["attempts"]
    assert attempt["quiz_id"] == "demo-quiz"
    assert attempt["score"] == 1
    assert attempt["submitted_at"].endswith("Z")
    answer = next(a for a in attempt["answers"] if a["question_id"] == "q-single")
    assert answer == {**answer, "value": "public", "language": "vi", "score": 1}
    assert data["classes"] == [{**data["classes"][0], "class": "Lớp 10A", "instructor": "Cô Hạnh"}]


GRADEBOOK_WARNING = (
    "If you are in a class, you leave it: your attempts and your row disappear from the "
    "instructor's gradebook, and your grades cannot be recovered. Download your data first if "
    "you want to keep them."
)


def _delete_account(client, password="long password", lang="en"):
    return _post(client, "/account/delete", {"current_password": password}, lang, prefix="delete")


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_an_account_takes_its_grades_out_of_the_gradebook(app, client, klass, lang):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    add_student(app, klass, 2)
    graded_attempt(app, student, assignment_id, {"q-single": "public"})
    sign_in(client, "s1@school.edu")
    page = client.get(f"/{lang}/account").get_data(as_text=True)
    warning = _translated(app, lang, GRADEBOOK_WARNING)
    assert warning in page.replace("&#39;", "'")
    assert _delete_account(client, lang=lang).status_code == 302
    assert "/logout" not in client.get(f"/{lang}/").get_data(as_text=True)
    teacher = app.test_client()
    sign_in(teacher, "teacher@school.edu")
    gradebook = teacher.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    assert "Student 001" not in gradebook
    assert "Student 002" in gradebook
    with app.app_context():
        assert db.session.scalars(db.select(Attempt)).all() == []
        assert db.session.scalar(db.select(Learner).where(Learner.user_id == student)) is None


def test_deleting_needs_the_password(app, client, klass):
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    response = _delete_account(client, password="wrong password")
    assert "This is not your current password." in response.get_data(as_text=True)
    assert "/logout" in client.get("/en/").get_data(as_text=True)


def test_an_instructor_leaves_students_their_attempts(app, client, klass):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    graded_attempt(app, student, assignment_id, {"q-single": "public"})
    sign_in(client, "teacher@school.edu")
    assert "The classes you teach are deleted too" in client.get("/en/account").get_data(
        as_text=True
    )
    _delete_account(client)
    with app.app_context():
        (attempt,) = db.session.scalars(db.select(Attempt)).all()
        assert attempt.assignment_id is None


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/register", {"name": "x" * 101, "email": "a@b.org", "password": "long enough!"}),
        ("/en/login", {"email": "", "password": "long enough"}),
        ("/en/forgot-password", {"email": "not an address"}),
        ("/en/forgot-password", {"email": "a" * 300 + "@b.org"}),
        ("/en/forgot-password", {}),
        ("/en/login", {"email": "a" * 300 + "@b.org", "password": "x"}),
    ],
)
def test_bad_input_gets_a_message_on_the_form(client, path, data):
    page = client.get(path).get_data(as_text=True)
    response = client.post(path, data={**data, "csrf_token": csrf_token(page)})
    assert response.status_code == 200
    assert 'class="field-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/en/account/password", "/en/account/email", "/en/account/delete", "/en/account"]
)
def test_forged_account_forms_are_refused_with_a_message(client, auth, user, path):
    auth.login()
    response = client.post(path, data={"password-current_password": "correct horse"})
    assert response.status_code in (200, 400)
    html = response.get_data(as_text=True)
    assert "Nothing was lost" in html or 'class="field-error"' in html
    assert "/logout" in client.get("/en/").get_data(as_text=True)


@pytest.mark.parametrize(
    "body", [{"email": ["learner@example.org"], "password": "x"}, {"email": "a@b.org"}]
)
def test_bad_credentials_for_a_token_get_a_json_error(client, user, body):
    response = client.post("/api/v1/tokens", json=body)
    assert response.status_code == 400
    assert "email and password are required strings" in response.get_json()["error"]["message"]
