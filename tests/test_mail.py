"""Email settings and delivery: an SMTP server when one is set, else the app log."""

import logging

import pytest
from flask import Flask

from course import _config_from_environment
from course.mail import MailError, send_mail, settings_from_url
from tests.mailbox import body


def test_a_mail_url_holds_every_setting():
    assert settings_from_url("smtp://course%40school.edu:s3cr%2Ft@smtp.school.edu:587?tls=1") == {
        "MAIL_SERVER": "smtp.school.edu",
        "MAIL_PORT": 587,
        "MAIL_USERNAME": "course@school.edu",
        "MAIL_PASSWORD": "s3cr/t",
        "MAIL_USE_TLS": True,
    }
    assert settings_from_url("smtp://localhost")["MAIL_PORT"] == 25
    assert settings_from_url("smtp://localhost")["MAIL_USE_TLS"] is False


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"MAIL_URL": "smtp://u:p@mail.example:2525?tls=yes"}, ("mail.example", 2525, True)),
        (
            {"MAIL_SERVER": "mx.example", "MAIL_PORT": "587", "MAIL_USE_TLS": "1"},
            ("mx.example", 587, True),
        ),
        ({"MAIL_URL": "smtp://mail.example", "MAIL_PORT": "465"}, ("mail.example", 465, False)),
    ],
)
def test_mail_settings_come_from_the_environment(monkeypatch, environment, expected):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    app = Flask(__name__)
    app.config.update(MAIL_SERVER=None, MAIL_PORT=25, MAIL_USE_TLS=False)
    _config_from_environment(app)
    assert (app.config["MAIL_SERVER"], app.config["MAIL_PORT"], app.config["MAIL_USE_TLS"]) == (
        expected
    )


def test_without_a_server_the_message_goes_to_the_log(app, caplog):
    with app.app_context(), caplog.at_level(logging.WARNING):
        send_mail("lan@example.org", "Hello", "Xin chào, Lan")
    assert "lan@example.org" in caplog.text
    assert "Xin chào, Lan" in caplog.text


def test_messages_reach_the_smtp_server_with_sender_and_utf8(mail_app, mailbox):
    with mail_app.app_context():
        send_mail("lan@example.org", "Đặt lại mật khẩu", "Xin chào, Lan")
    (message,) = mailbox.messages
    assert message["Subject"] == "Đặt lại mật khẩu"
    assert message["From"] == mail_app.config["MAIL_FROM"]
    assert body(message).strip() == "Xin chào, Lan"


def test_an_unreachable_server_raises_a_mail_error(tmp_path, caplog):
    from tests.conftest import close_app, make_app
    from tests.mailbox import free_port

    app = make_app(tmp_path, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    with app.app_context(), pytest.raises(MailError), caplog.at_level(logging.ERROR):
        send_mail("lan@example.org", "Hello", "Xin chào")
    assert "Could not send a message to lan@example.org" in caplog.text
    close_app(app)
