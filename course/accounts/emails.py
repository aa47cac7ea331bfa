"""The messages accounts receive, in the user's own language, with absolute links."""

from flask import current_app, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from course.accounts.links import email_change_token, reset_token
from course.accounts.models import User
from course.languages import DEFAULT_LANGUAGE, languages
from course.mail import send_mail


def send_password_reset(user: User) -> None:
    lang = _language(user)
    link = url_for("accounts.reset_password", token=reset_token(user), lang=lang, _external=True)
    with force_locale(lang):
        subject = _("Reset your password")
        text = _text(
            user,
            _("To choose a new password for the Digital Diplomacy Course, open this link:"),
            link,
            _lifetime(current_app.config["PASSWORD_RESET_MINUTES"]),
            _("If you did not ask for this, ignore this message: your password stays as it is."),
        )
    send_mail(user.email, subject, text)


def send_email_confirmation(user: User, new_email: str) -> None:
    lang = _language(user)
    token = email_change_token(user, new_email)
    link = url_for("account.confirm_email", token=token, lang=lang, _external=True)
    with force_locale(lang):
        subject = _("Confirm your new email address")
        text = _text(
            user,
            _(
                "To use %(email)s for your account on the Digital Diplomacy Course, "
                "open this link:",
                email=new_email,
            ),
            link,
            _lifetime(current_app.config["EMAIL_CHANGE_MINUTES"]),
            _("If you did not ask for this, ignore this message: nothing changes."),
        )
    send_mail(new_email, subject, text)


def send_email_changed_notice(user: User, old_email: str) -> None:
    """To the old address: whoever held it learns that the account moved."""
    with force_locale(_language(user)):
        subject = _("Your email address was changed")
        text = _text(
            user,
            _(
                "Your account on the Digital Diplomacy Course now uses %(email)s instead of "
                "this address.",
                email=user.email,
            ),
            _("If you did not make this change, tell your instructor or the site's team at once."),
        )
    send_mail(old_email, subject, text)


def _text(user: User, *paragraphs: str) -> str:
    return "\n\n".join([_("Hello %(name)s,", name=user.name), *paragraphs])


def _language(user: User) -> str:
    return user.locale if user.locale in languages() else DEFAULT_LANGUAGE


def _lifetime(minutes: int) -> str:
    if minutes % 60:
        return ngettext(
            "The link works once, for %(num)d minute.",
            "The link works once, for %(num)d minutes.",
            minutes,
        )
    return ngettext(
        "The link works once, for %(num)d hour.",
        "The link works once, for %(num)d hours.",
        minutes // 60,
    )
