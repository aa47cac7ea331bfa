"""Error pages: translated, never a stack trace."""

import logging
import uuid

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from course.database import database_unreachable
from course.extensions import db, login_manager

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30  # how soon to try again while the database cannot be reached


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_error)
    app.register_error_handler(InterfaceError, _database_error)
    app.register_error_handler(Exception, _unexpected_error)


def _csrf_error(error: CSRFError):
    if _is_api():
        return _api_error(400, "CSRF token missing or invalid: send X-CSRFToken (see /session)")
    message = _(
        "This form has expired or did not come from this site. "
        "Nothing was lost: go back, reload the page and try again."
    )
    return _page(400, _("The form could not be accepted"), message)


def _http_error(error: HTTPException):
    response = make_response(_http_error_body(error))
    # What the error itself says in headers (a 405's Allow), but not its plain-text Content-Type.
    response.headers.extend(
        (name, value) for name, value in error.get_headers() if name.lower() != "content-type"
    )
    return response


def _http_error_body(error: HTTPException):
    if _is_api():
        return _api_error(error.code or 500, error.description or error.name)
    titles = {
        404: _("Page not found"),
        405: _("That action is not allowed here"),
        413: _("That request is too large"),
        400: _("That request could not be understood"),
        429: _("Too many attempts"),
    }
    messages = {
        404: _("There is no page at this address. Check the link or start from the course page."),
        413: _("What you sent is larger than this site accepts."),
        429: _("For your safety, please wait a few minutes before trying again."),
    }
    title = titles.get(error.code or 500, _("Something went wrong"))
    message = getattr(error, "page_message", None) or messages.get(
        error.code or 500, _("Please go back and try again.")
    )
    return _page(error.code or 500, title, message)


def _unexpected_error(error: Exception):
    if isinstance(error, HTTPException):
        return _http_error(error)
    db.session.rollback()
    request_id = uuid.uuid4().hex[:12]
    log.exception(
        "Unexpected error (request %s) on %s %s", request_id, request.method, request.path
    )
    g.request_id = request_id
    if _is_api():
        return _api_error(500, f"unexpected error; reference {request_id}")
    message = _(
        "Something went wrong on our side. Your saved work is safe. "
        "If it happens again, quote this reference: %(ref)s.",
        ref=request_id,
    )
    return _page(InternalServerError.code, _("Something went wrong"), message)


def _database_error(error: OperationalError | InterfaceError):
    if not database_unreachable(error):
        return _unexpected_error(error)
    _forget_transaction()
    log.warning("Database unreachable on %s %s: %s", request.method, request.path, error.orig)
    _treat_as_signed_out()
    if _is_api():
        response = make_response(_api_error(503, "the database cannot be reached; try again soon"))
    else:
        message = _(
            "The course cannot reach its database just now, so this page cannot be shown. "
            "Your saved work is safe. Please try again in a minute."
        )
        code = ServiceUnavailable.code
        response = make_response(_page(code, _("The course is briefly unavailable"), message))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _forget_transaction() -> None:
    try:
        db.session.rollback()
    except (OperationalError, InterfaceError):
        db.session.close()


def _treat_as_signed_out() -> None:
    """The page about the failure must not look up who is signed in: that needs the database.

    The session cookie is left as it is, so the visitor is still signed in once it is back.
    """
    g._login_user = login_manager.anonymous_user()  # where Flask-Login keeps this request's user


def _signed_in_user_or_nobody() -> None:
    """An error page for a signed-in visitor while the database is down shows them signed out."""
    try:
        current_user._get_current_object()
    except (OperationalError, InterfaceError) as exc:
        if not database_unreachable(exc):
            raise
        _forget_transaction()
        _treat_as_signed_out()


def _is_api() -> bool:
    return request.path.startswith("/api/")


def _api_error(code: int, message: str):
    return jsonify(error={"code": code, "message": message}), code


def _page(code: int, title: str, message: str):
    _signed_in_user_or_nobody()
    return render_template("error.html", code=code, title=title, message=message), code
