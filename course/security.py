"""Security headers, production settings, and rate limits for signing in and registering."""

from flask import Flask, Response, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)
MIN_SECRET_KEY_LENGTH = 32

limiter = Limiter(key_func=get_remote_address, default_limits=[])


class InsecureConfiguration(RuntimeError):
    """The app would run in production with a setting that is not safe there."""


def init_app(app: Flask) -> None:
    if app.config["PRODUCTION"]:
        _harden_for_production(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    _check_limits_only_where_declared(app)
    app.after_request(_security_headers)


def _check_limits_only_where_declared(app: Flask) -> None:
    """Every limit is declared on its view, whose decorator checks it.

    Flask-Limiter also checks default limits before every request; there are none, so that
    hook would cost every page a tenth of a millisecond for nothing.
    """
    if limiter.limit_manager.default_limits or limiter.limit_manager.application_limits:
        return
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:  # absent when the limiter is disabled
        hooks.remove(limiter._check_request_limit)


def _harden_for_production(app: Flask) -> None:
    key = app.config.get("SECRET_KEY") or ""
    if app.config.get("SECRET_KEY_IS_GENERATED") or len(key) < MIN_SECRET_KEY_LENGTH:
        raise InsecureConfiguration(
            "In production, set SECRET_KEY to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters, the same for every worker."
        )
    app.config.update(
        SESSION_COOKIE_SECURE=True,
        REMEMBER_COOKIE_SECURE=True,
        PREFERRED_URL_SCHEME="https",
    )


SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
PRODUCTION_HEADERS = {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}


def _security_headers(response: Response) -> Response:
    wanted = SECURITY_HEADERS
    if current_app.config["PRODUCTION"]:
        wanted = SECURITY_HEADERS | PRODUCTION_HEADERS
    present = {name for name, _value in response.headers}
    response.headers.extend((k, v) for k, v in wanted.items() if k not in present)
    return response
