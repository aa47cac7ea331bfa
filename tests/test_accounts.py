"""Accounts: register, sign in and out, and self-study progress following the learner."""

import pytest
from flask_babel import gettext

from course.accounts.users import authenticate
from tests.conftest import LANGS, csrf_token
from tests.test_quizzes import FULL_MARKS, post, start


def test_register_signs_in_and_greets(client, auth):
    response = auth.register()
    assert response.status_code == 302
    html = client.get("/en/").get_data(as_text=True)
    assert "Sign out (Lan Nguyễn)" in html


def test_password_is_hashed(client, auth, app):
    auth.register(password="correct horse")
    with app.app_context():
        user = authenticate("LEARNER@example.org", "correct horse")
        assert user is not None
        assert "correct horse" not in user.password_hash


ALREADY_REGISTERED = "An account with this email address already exists."


@pytest.mark.parametrize("lang", LANGS)
def test_register_twice_is_refused_with_a_translated_message(client, auth, user, app, lang):
    with app.test_request_context(f"/{lang}/register"):
        message = gettext(ALREADY_REGISTERED)
    assert (message == ALREADY_REGISTERED) == (lang == "en")
    response = auth.register(lang=lang)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_short_password_is_refused(client, auth):
    response = auth.register(password="short")
    assert "A password needs 8 to 128 characters." in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGS)
def test_wrong_password_is_refused(client, auth, user, lang):
    response = auth.login(password="wrong password", lang=lang)
    assert response.status_code == 200
    assert 'class="field-error"' in response.get_data(as_text=True)


def test_login_and_logout(client, auth, user):
    assert auth.login().status_code == 302
    assert "Sign out" in client.get("/en/").get_data(as_text=True)
    auth.logout()
    assert "Sign out" not in client.get("/en/").get_data(as_text=True)


def test_next_redirect_stays_on_this_site(client, user):
    page = client.get("/en/login").get_data(as_text=True)
    data = {"email": "learner@example.org", "password": "correct horse"}
    response = client.post(
        "/en/login?next=https://evil.example/", data={**data, "csrf_token": csrf_token(page)}
    )
    assert response.headers["Location"] == "/en/"


def test_forged_form_without_csrf_is_refused_with_a_message(client, user):
    response = client.post("/en/login", data={"email": "learner@example.org", "password": "x"})
    assert response.status_code == 400
    assert "Nothing was lost" in response.get_data(as_text=True)


def _study_without_account(client):
    page = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    client.post("/en/lessons/first-lesson/done", data={"csrf_token": csrf_token(page)})
    url, page = start(client)
    post(client, url, page, {**FULL_MARKS, "answer-q-numeric": "73.6"}, action="submit")


def test_self_study_progress_is_kept_without_an_account(client):
    _study_without_account(client)
    html = client.get("/en/progress").get_data(as_text=True)
    assert "1 of 2" in html
    assert "100%" in html
    assert "Passed" in html


def test_progress_is_merged_into_a_new_account(client, auth):
    _study_without_account(client)
    auth.register()
    html = client.get("/en/progress").get_data(as_text=True)
    assert "1 of 2" in html
    assert "Passed" in html


def test_progress_is_merged_when_signing_in(client, auth, user, app):
    _study_without_account(client)
    auth.login()
    html = client.get("/en/progress").get_data(as_text=True)
    assert "1 of 2" in html
    assert "Passed" in html
    # and it is the account's now: another browser signing in sees it too
    other = app.test_client()
    page = other.get("/en/login").get_data(as_text=True)
    other.post(
        "/en/login",
        data={
            "email": "learner@example.org",
            "password": "correct horse",
            "csrf_token": csrf_token(page),
        },
    )
    assert "Passed" in other.get("/en/progress").get_data(as_text=True)


def test_signing_out_does_not_show_the_accounts_progress(client, auth):
    _study_without_account(client)
    auth.register()
    auth.logout()
    assert "Passed" not in client.get("/en/progress").get_data(as_text=True)


def test_common_password_is_refused(client, auth):
    response = auth.register(password="Password1")
    assert "among the most common ones" in response.get_data(as_text=True)


def test_long_passwords_are_accepted(client, auth):
    assert auth.register(password="x" * 64 + " and more").status_code == 302


def test_passwords_are_stored_with_argon2id_at_owasp_strength(app, user):
    from argon2 import extract_parameters

    from course.accounts.models import User
    from course.extensions import db

    with app.app_context():
        stored = db.session.get(User, user).password_hash
    assert stored.startswith("$argon2id$")
    parameters = extract_parameters(stored)
    assert parameters.time_cost >= 2
    assert parameters.memory_cost >= 19 * 1024


def test_an_old_hash_is_upgraded_at_sign_in(client, auth, app, user):
    from werkzeug.security import generate_password_hash

    from course.accounts.models import User
    from course.extensions import db

    with app.app_context():
        db.session.get(User, user).password_hash = generate_password_hash("correct horse")
        db.session.commit()
    assert auth.login().status_code == 302
    with app.app_context():
        assert db.session.get(User, user).password_hash.startswith("$argon2id$")
