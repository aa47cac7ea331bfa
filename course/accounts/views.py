"""Register, sign in, sign out, reset a forgotten password.

Signing in brings this browser's self-study progress along.
"""

from contextlib import suppress
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from course.accounts.changes import set_password
from course.accounts.emails import send_password_reset
from course.accounts.forms import (
    ALREADY_REGISTERED,
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)
from course.accounts.links import InvalidLink, user_for_reset_token
from course.accounts.models import User
from course.accounts.sessions import SIGNING_IN, end_session, renew_session, user_for_session
from course.accounts.users import authenticate, create_user, find_user, normalize_email
from course.extensions import db, login_manager
from course.hooks import hooks
from course.i18n import get_locale
from course.mail import MailError
from course.security import limiter

bp = Blueprint("accounts", __name__, template_folder="templates")


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    return user_for_session(session_token)


def _account_key() -> str:
    return "account:" + normalize_email(request.form.get("email", ""))


# Limits per address, and per account so that spreading a guessing attack over addresses fails.
@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per minute; 30 per hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("lessons.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        if find_user(form.email.data):
            form.email.errors.append(ALREADY_REGISTERED)
        else:
            user = create_user(
                form.email.data,
                form.name.data,
                form.password.data,
                locale=get_locale(),
                timezone=form.timezone.data or "UTC",
            )
            _sign_in(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(_safe_next() or url_for("lessons.index"))
    return render_template("accounts/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 60 per hour", methods=["POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"], key_func=_account_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("lessons.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The email address or the password is not right."))
        else:
            _sign_in(user)
            flash(_("Signed in as %(name)s.", name=user.name), "success")
            return redirect(_safe_next() or url_for("lessons.index", lang=user.locale))
    return render_template("accounts/login.html", form=form)


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
@limiter.limit("3 per minute; 10 per hour", methods=["POST"], key_func=_account_key)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = find_user(form.email.data)
        if user is not None:
            with suppress(MailError):  # logged; the answer must not tell that the account exists
                send_password_reset(user)
        # The same answer either way, so that nobody learns who has an account.
        flash(
            _(
                "If an account has this address, a message with a link to choose a new "
                "password is on its way. Check your inbox (and the spam folder)."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute; 60 per hour", methods=["POST"])
def reset_password(token: str):
    try:
        user = user_for_reset_token(token)
    except InvalidLink:
        flash(_("This link has expired or was already used. Ask for a new one below."), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        set_password(user, form.password.data)
        flash(_("Your password is changed. Sign in with the new one."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, user=user)


@bp.post("/logout")
def logout():
    end_session(current_user.get_id() if current_user.is_authenticated else None)
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("lessons.index"))


def _sign_in(user: User) -> None:
    """A fresh session: nothing from before sign-in is carried over but the progress."""
    for hook in hooks(SIGNING_IN):
        hook(user.id)
    renew_session(user)
    user.locale = get_locale()
    db.session.commit()


def _safe_next() -> str | None:
    """Only a path on this site: never an open redirect."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.netloc or parts.scheme:
        return None
    return target
