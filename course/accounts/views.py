"""Register, sign in, sign out. Signing in brings this browser's self-study progress along."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from wtforms import SelectChoice

from course.accounts.forms import LoginForm, RegisterForm, SettingsForm
from course.accounts.models import User
from course.accounts.sessions import end_session, start_session, user_for_session
from course.accounts.users import authenticate, create_user, find_user, normalize_email
from course.extensions import db, login_manager
from course.i18n import get_locale
from course.progress.learners import adopt_browser_progress
from course.security import limiter
from course.timeutil import timezone_names

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
            form.email.errors.append(_("An account with this email address already exists."))
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


@bp.route("/account", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm(obj=current_user)
    form.timezone.choices = [SelectChoice(name) for name in timezone_names()]
    if form.validate_on_submit():
        current_user.name = form.name.data.strip()
        current_user.timezone = form.timezone.data
        db.session.commit()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", form=form)


@bp.post("/logout")
def logout():
    end_session(current_user.get_id() if current_user.is_authenticated else None)
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("lessons.index"))


def _sign_in(user: User) -> None:
    """A fresh session: nothing from before sign-in is carried over but the progress."""
    adopt_browser_progress(user.id)
    session.clear()
    start_session(user)
    login_user(user, remember=True)
    user.locale = get_locale()
    db.session.commit()


def _safe_next() -> str | None:
    """Only a path on this site: never an open redirect."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.netloc or parts.scheme:
        return None
    return target
