"""The Account page: profile, password, email address, API tokens, data download, deletion."""

import json
from contextlib import suppress

from flask import Blueprint, Response, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from wtforms import SelectChoice

from course.accounts.changes import (
    change_email,
    delete_account,
    is_email_taken,
    password_matches,
    set_password,
)
from course.accounts.emails import send_email_changed_notice, send_email_confirmation
from course.accounts.export import account_data
from course.accounts.forms import (
    ALREADY_REGISTERED,
    DeleteAccountForm,
    EmailChangeForm,
    PasswordChangeForm,
    SettingsForm,
)
from course.accounts.links import InvalidLink, email_change_for_token
from course.accounts.sessions import renew_session
from course.accounts.tokens import revoke_token, user_tokens
from course.accounts.users import AccountError
from course.extensions import db
from course.forms import ActionForm
from course.mail import MailError
from course.security import limiter
from course.timeutil import timezone_names

bp = Blueprint("account", __name__, template_folder="templates")
# Each form has a prefix: they share the page, and their fields need IDs of their own.
PREFIXES = {"password_form": "password", "email_form": "email", "delete_form": "delete"}
GUESSING_LIMIT = "10 per minute; 30 per hour"  # nor can a stolen session guess the password


@bp.route("/account", methods=["GET", "POST"])
@login_required
def settings():
    form = _settings_form()
    if form.validate_on_submit():
        current_user.name = form.name.data.strip()
        current_user.timezone = form.timezone.data
        db.session.commit()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("account.settings"))
    return _account_page(form=form)


@bp.post("/account/password")
@login_required
@limiter.limit(GUESSING_LIMIT)
def change_password():
    form = PasswordChangeForm(prefix=PREFIXES["password_form"])
    if form.validate_on_submit() and _password_is_right(form):
        user = current_user._get_current_object()  # the user, not the proxy that reads it
        set_password(user, form.password.data)
        renew_session(user)
        flash(
            _("Your password is changed. Every other sign-in and every API token has ended."),
            "success",
        )
        return redirect(url_for("account.settings"))
    return _account_page(password_form=form)


@bp.post("/account/email")
@login_required
@limiter.limit(GUESSING_LIMIT)
def request_email_change():
    form = EmailChangeForm(prefix=PREFIXES["email_form"])
    if form.validate_on_submit() and _password_is_right(form):
        if is_email_taken(form.email.data, current_user):
            form.email.errors.append(ALREADY_REGISTERED)
        elif _sent_confirmation(form):
            message = _(
                "We sent a link to %(email)s. Your address changes once you open it.",
                email=form.email.data,
            )
            flash(message, "info")
            return redirect(url_for("account.settings"))
    return _account_page(email_form=form)


def _sent_confirmation(form: EmailChangeForm) -> bool:
    try:
        send_email_confirmation(current_user, form.email.data)
    except MailError:
        form.email.errors.append(
            _("The message could not be sent just now. Please try again in a few minutes.")
        )
        return False
    return True


@bp.route("/account/email/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """A page with a button, so that a mail scanner opening the link changes nothing."""
    try:
        user, new_email = email_change_for_token(token)
    except InvalidLink:
        flash(_("This link has expired or was already used."), "error")
        return redirect(url_for("lessons.index"))
    form = ActionForm()
    if form.validate_on_submit():
        old_email = user.email
        try:
            change_email(user, new_email)
        except AccountError:
            flash(str(ALREADY_REGISTERED), "error")
            return redirect(url_for("lessons.index"))
        with suppress(MailError):  # logged; the change is made either way
            send_email_changed_notice(user, old_email)
        flash(_("Your email address is now %(email)s.", email=new_email), "success")
        return redirect(url_for("lessons.index"))
    return render_template("accounts/confirm_email.html", form=form, new_email=new_email)


@bp.post("/account/tokens/<id:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int):
    if ActionForm().validate_on_submit() and revoke_token(current_user.id, token_id):
        flash(_("The API token is revoked: it no longer works."), "success")
    return redirect(url_for("account.settings"))


@bp.get("/account/data")
@login_required
def download_data():
    body = json.dumps(account_data(current_user), ensure_ascii=False, indent=2)
    disposition = 'attachment; filename="digital-diplomacy-my-data.json"'
    return Response(body, mimetype="application/json", headers={"Content-Disposition": disposition})


@bp.post("/account/delete")
@login_required
@limiter.limit(GUESSING_LIMIT)
def delete():
    form = DeleteAccountForm(prefix=PREFIXES["delete_form"])
    if form.validate_on_submit() and _password_is_right(form):
        delete_account(current_user.id)
        logout_user()
        session.clear()
        flash(_("Your account is deleted, with everything it held."), "success")
        return redirect(url_for("lessons.index"))
    return _account_page(delete_form=form)


def _password_is_right(form: FlaskForm) -> bool:
    if password_matches(current_user, form.current_password.data):
        return True
    form.current_password.errors.append(_("This is not your current password."))
    return False


def _settings_form() -> SettingsForm:
    form = SettingsForm(obj=current_user)
    form.timezone.choices = [SelectChoice(name) for name in timezone_names()]
    return form


def _account_page(**bound: FlaskForm) -> str:
    forms = {
        "password_form": PasswordChangeForm,
        "email_form": EmailChangeForm,
        "delete_form": DeleteAccountForm,
    }
    context = {name: form_class(prefix=PREFIXES[name]) for name, form_class in forms.items()}
    context["form"] = _settings_form()
    context.update(bound)
    return render_template(
        "accounts/settings.html",
        tokens=user_tokens(current_user.id),
        action_form=ActionForm(),
        **context,
    )
