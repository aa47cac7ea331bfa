"""Password reset and email change, through a real SMTP server, in each language."""

import re
import time

import pytest
from flask_babel import gettext
from itsdangerous import TimestampSigner

from course.accounts.models import User
from course.accounts.users import create_user
from course.extensions import db
from tests.conftest import LANGS, AuthActions, csrf_token
from tests.mailbox import body, link_path

RESET_SUBJECT = "Reset your password"
CONFIRM_SUBJECT = "Confirm your new email address"
USED_OR_EXPIRED = "This link has expired or was already used."
FLASH = re.compile(r'<p class="flash [^"]*">(.*?)</p>', re.DOTALL)


@pytest.fixture
def app(mail_app):
    return mail_app


def _learner(app, lang: str) -> None:
    with app.app_context():
        create_user("learner@example.org", "Lan Nguyễn", "correct horse", locale=lang)


def _translated(app, lang: str, text: str) -> str:
    with app.test_request_context(f"/{lang}/"):
        translated = gettext(text)
    assert (translated == text) == (lang == "en"), f"{text!r} is not translated into {lang}"
    return translated


def _ask_for_reset(client, email="learner@example.org", lang="en"):
    page = client.get(f"/{lang}/forgot-password").get_data(as_text=True)
    return client.post(
        f"/{lang}/forgot-password", data={"email": email, "csrf_token": csrf_token(page)}
    )


def _set_password(client, path: str, password="a brand new secret"):
    page = client.get(path)
    assert page.status_code == 200
    data = {"password": password, "confirm": password}
    return client.post(path, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True))})


def _later(monkeypatch, minutes: int) -> None:
    """Signed links read the clock through itsdangerous: move it on."""
    now = int(time.time())
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _self: now + minutes * 60)


@pytest.mark.parametrize("lang", LANGS)
def test_a_forgotten_password_is_reset_by_email_in_the_users_language(
    app, client, auth, mailbox, lang
):
    _learner(app, lang)
    _ask_for_reset(client)  # from an English page: the message is in the account's language
    message = mailbox.last_to("learner@example.org")
    assert message["Subject"] == _translated(app, lang, RESET_SUBJECT)
    assert "Lan Nguyễn" in body(message)
    path = link_path(message)
    assert path.startswith(f"/{lang}/reset-password/")
    assert _set_password(client, path).headers["Location"] == f"/{lang}/login"
    assert auth.login(password="correct horse").status_code == 200  # the old one is refused
    assert auth.login(password="a brand new secret").status_code == 302


def test_a_reset_link_works_once(app, client, mailbox):
    _learner(app, "en")
    _ask_for_reset(client)
    path = link_path(mailbox.last_to("learner@example.org"))
    _set_password(client, path)
    again = client.get(path, follow_redirects=True)
    assert USED_OR_EXPIRED in again.get_data(as_text=True)
    assert "Forgot your password?" in again.get_data(as_text=True)


@pytest.mark.parametrize(("minutes", "works"), [(29, True), (31, False)])
def test_a_reset_link_expires_after_30_minutes(app, client, mailbox, monkeypatch, minutes, works):
    _learner(app, "en")
    _ask_for_reset(client)
    path = link_path(mailbox.last_to("learner@example.org"))
    _later(monkeypatch, minutes)
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    assert ("Choose a new password" in page) == works
    assert (USED_OR_EXPIRED in page) != works


def test_the_reset_link_lifetime_is_a_setting(tmp_path, mailbox, monkeypatch):
    from tests.conftest import close_app, make_app

    app = make_app(tmp_path, MAIL_SERVER="127.0.0.1", MAIL_PORT=mailbox.port)
    app.config["PASSWORD_RESET_MINUTES"] = 5
    client = app.test_client()
    _learner(app, "en")
    _ask_for_reset(client)
    message = mailbox.last_to("learner@example.org")
    assert "for 5 minutes" in body(message)
    _later(monkeypatch, 6)
    assert USED_OR_EXPIRED in client.get(link_path(message), follow_redirects=True).get_data(
        as_text=True
    )
    close_app(app)


@pytest.mark.parametrize("lang", LANGS)
def test_asking_for_a_reset_answers_the_same_whoever_asks(app, client, mailbox, lang):
    _learner(app, "en")
    known = _ask_for_reset(client, lang=lang)
    known_flash = FLASH.findall(client.get(known.headers["Location"]).get_data(as_text=True))
    unknown = _ask_for_reset(client, email="nobody@example.org", lang=lang)
    unknown_flash = FLASH.findall(client.get(unknown.headers["Location"]).get_data(as_text=True))
    assert known.headers["Location"] == unknown.headers["Location"] == f"/{lang}/login"
    assert known_flash == unknown_flash
    assert len(known_flash) == 1
    assert [m["To"] for m in mailbox.messages] == ["learner@example.org"]


@pytest.mark.parametrize(
    "token",
    ["forged", "eyJ1c2VyIjoxfQ.ZZZZZZ.tampered", "x" * 3000, "a.b.c.d"],
)
def test_a_wrong_reset_link_gets_a_message(app, client, token):
    response = client.get(f"/en/reset-password/{token}", follow_redirects=True)
    assert response.status_code == 200
    assert USED_OR_EXPIRED in response.get_data(as_text=True)


def test_a_reset_ends_every_session_and_api_token(app, client, auth, mailbox):
    _learner(app, "en")
    auth.login()
    token = client.post(
        "/api/v1/tokens", json={"email": "learner@example.org", "password": "correct horse"}
    ).get_json()["token"]
    other = app.test_client()
    _ask_for_reset(other)
    _set_password(other, link_path(mailbox.last_to("learner@example.org")))
    assert "Sign out" not in client.get("/en/").get_data(as_text=True)
    headers = {"Authorization": f"Bearer {token}"}
    assert other.get("/api/v1/session", headers=headers).get_json()["user"] is None


def test_reset_passwords_follow_the_registration_rules(app, client, mailbox):
    _learner(app, "en")
    _ask_for_reset(client)
    path = link_path(mailbox.last_to("learner@example.org"))
    assert "among the most common" in _set_password(client, path, "password1").get_data(
        as_text=True
    )
    assert "8 to 128 characters" in _set_password(client, path, "short").get_data(as_text=True)


def _ask_for_email_change(client, new_email, password="correct horse", lang="en"):
    page = client.get(f"/{lang}/account").get_data(as_text=True)
    data = {"email-email": new_email, "email-current_password": password}
    return client.post(
        f"/{lang}/account/email", data={**data, "email-csrf_token": csrf_token(page)}
    )


def _confirm(client, path: str):
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})


def _email_of(app, user_id: int = 1) -> str:
    with app.app_context():
        return db.session.scalars(db.select(User.email)).one()


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_email_address_is_used_once_confirmed(app, client, auth, mailbox, lang):
    _learner(app, lang)
    auth.login(lang=lang)
    response = _ask_for_email_change(client, "Lan@New.example", lang=lang)
    assert response.status_code == 302
    assert _email_of(app) == "learner@example.org"  # not before the link is opened
    message = mailbox.last_to("Lan@New.example")
    assert message["Subject"] == _translated(app, lang, CONFIRM_SUBJECT)
    path = link_path(message)
    assert _confirm(client, path).status_code == 302
    assert _email_of(app) == "lan@new.example"
    notice = mailbox.last_to("learner@example.org")
    assert notice["Subject"] == _translated(app, lang, "Your email address was changed")
    assert "lan@new.example" in body(notice)
    auth.logout()
    assert auth.login(email="lan@new.example").status_code == 302
    again = client.get(path, follow_redirects=True).get_data(as_text=True)
    assert _translated(app, lang, USED_OR_EXPIRED) in again


@pytest.mark.parametrize("lang", LANGS)
def test_an_address_of_another_account_is_refused(app, client, auth, mailbox, lang):
    _learner(app, "en")
    with app.app_context():
        create_user("taken@example.org", "Minh", "long password")
    auth.login()
    response = _ask_for_email_change(client, "TAKEN@example.org", lang=lang)
    message = _translated(app, lang, "An account with this email address already exists.")
    assert message in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_an_email_change_needs_the_current_password(app, client, auth, mailbox):
    _learner(app, "en")
    auth.login()
    response = _ask_for_email_change(client, "lan@new.example", password="wrong password")
    assert "This is not your current password." in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_an_email_change_link_expires(app, client, auth, mailbox, monkeypatch):
    _learner(app, "en")
    auth.login()
    _ask_for_email_change(client, "lan@new.example")
    path = link_path(mailbox.last_to("lan@new.example"))
    _later(monkeypatch, 24 * 60 + 1)
    assert USED_OR_EXPIRED in client.get(path, follow_redirects=True).get_data(as_text=True)
    assert _email_of(app) == "learner@example.org"


def test_an_address_taken_before_the_link_is_opened_is_refused(app, client, auth, mailbox):
    _learner(app, "en")
    auth.login()
    _ask_for_email_change(client, "lan@new.example")
    path = link_path(mailbox.last_to("lan@new.example"))
    AuthActions(app.test_client()).register(email="lan@new.example")
    response = _confirm(client, path)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "An account with this email address already exists." in page
    assert _email_of_learner(app) == "learner@example.org"


def _email_of_learner(app) -> str:
    with app.app_context():
        return db.session.get(User, 1).email


def test_when_the_mail_server_is_down_nobody_is_told_it_was_sent(app, client, auth):
    from tests.mailbox import free_port

    _learner(app, "en")
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    asked = _ask_for_reset(client)
    assert asked.headers["Location"] == "/en/login"  # the same answer as ever
    auth.login()
    response = _ask_for_email_change(client, "lan@new.example")
    assert "The message could not be sent just now." in response.get_data(as_text=True)
