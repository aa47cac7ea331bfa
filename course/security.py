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
    app.after_request(_security_headers)


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


def _security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config["PRODUCTION"]:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response
