"""Languages: every page lives under a language's prefix (/vi/, /ru/, /en/), which decides the
locale; the languages are those in force (see course.languages)."""

from typing import Any

from flask import Flask, Response, abort, current_app, g, redirect, request, session, url_for
from flask_login import current_user

from course.database import prepare_to_write
from course.extensions import db
from course.languages import DEFAULT_LANGUAGE, languages
from course.timeutil import is_timezone

PREFERENCE_COOKIE = "lang"
TIMEZONE_COOKIE = "tz"  # set by static/js/course.js


def get_locale() -> str:
    """The locale of this request: the URL prefix, else the visitor's preference."""
    if "lang" in g:
        return g.lang
    prefix = request.path.split("/")[1] if request else ""
    return prefix if prefix in languages() else preferred_language()


def get_timezone() -> str:
    """Dates are shown in the signed-in user's time zone, else in the browser's (a cookie that
    the page's script sets), else in UTC."""
    if current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    zone = request.cookies.get(TIMEZONE_COOKIE, "")
    return zone if zone and is_timezone(zone) else "UTC"


def preferred_language() -> str:
    """Saved preference (account, then cookie), then Accept-Language, then English."""
    in_force = languages()
    if current_user.is_authenticated and current_user.locale in in_force:
        return current_user.locale
    if request.cookies.get(PREFERENCE_COOKIE) in in_force:
        return request.cookies[PREFERENCE_COOKIE]
    return request.accept_languages.best_match(in_force) or DEFAULT_LANGUAGE


def switch_language_url(lang: str) -> str:
    """This page in another language (the same endpoint, arguments and query)."""
    rule = request.url_rule
    if rule is None or request.endpoint is None or "lang" not in rule.arguments:
        return url_for("lessons.index", lang=lang)
    args: dict[str, Any] = {**(request.view_args or {}), **request.args.to_dict(), "lang": lang}
    return url_for(request.endpoint, **args)


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(_pull_lang)
    app.url_defaults(_add_lang)
    app.after_request(_remember_language)
    app.add_url_rule("/", "root", _root)
    app.jinja_env.globals.update(
        # The native name of each language in force, by code (the switcher, forms, reports).
        LANGUAGES={code: language.native_name for code, language in languages(app).items()},
        switch_language_url=switch_language_url,
        current_timezone=get_timezone,
    )


def _pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values is None or "lang" not in values:
        return
    lang = values.pop("lang")
    if lang not in languages():
        abort(404)
    g.lang = lang


def _add_lang(endpoint: str, values: dict[str, Any]) -> None:
    if "lang" in values or "lang" not in g:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.lang


def _remember_language(response: Response) -> Response:
    lang = g.get("lang")
    if lang is None:
        return response
    if request.cookies.get(PREFERENCE_COOKIE) != lang:
        response.set_cookie(
            PREFERENCE_COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    if current_user.is_authenticated and current_user.locale != lang:
        prepare_to_write()
        current_user.locale = lang
        db.session.commit()
    return response


def _root() -> Response:
    session.modified = False
    return redirect(url_for("lessons.index", lang=preferred_language()))
