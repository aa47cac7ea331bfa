"""Sending email through the SMTP server of the settings, or into the log in development."""

import smtplib
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app

SMTP_TIMEOUT_SECONDS = 10
TRUE_WORDS = ("1", "true", "yes", "on")


class MailError(RuntimeError):
    """The SMTP server could not be reached or refused the message (the app log says why)."""


def settings_from_url(url: str) -> dict[str, object]:
    """`smtp://user:password@host:587?tls=1` as the MAIL_* settings."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    return {
        "MAIL_SERVER": parts.hostname,
        "MAIL_PORT": parts.port or 25,
        "MAIL_USERNAME": unquote(parts.username) if parts.username else None,
        "MAIL_PASSWORD": unquote(parts.password) if parts.password else None,
        "MAIL_USE_TLS": query.get("tls", ["0"])[0].lower() in TRUE_WORDS,
    }


def send_mail(to: str, subject: str, text: str) -> None:
    """Send one plain-text message; with no MAIL_SERVER set, write it to the log instead."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        # Readable, so that a developer can follow the link from the console of `make run`.
        current_app.logger.warning(
            "No MAIL_SERVER is set: not sent to %s\nSubject: %s\n\n%s", to, subject, text
        )
        return
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    try:
        _deliver(message)
    except (smtplib.SMTPException, OSError) as exc:
        current_app.logger.exception("Could not send a message to %s", to)
        raise MailError(str(exc)) from exc


def _deliver(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT_SECONDS
    ) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
