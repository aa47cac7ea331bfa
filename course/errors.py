"""Error pages: translated, never a stack trace."""

import logging
import uuid

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from course.extensions import db

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
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


def _is_api() -> bool:
    return request.path.startswith("/api/")


def _api_error(code: int, message: str):
    return jsonify(error={"code": code, "message": message}), code


def _page(code: int, title: str, message: str):
    return render_template("error.html", code=code, title=title, message=message), code
