"""Template helpers: the current language, localized content, numbers and dates."""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache, wraps
from typing import Any

from babel import Locale, dates, numbers
from babel.dates import format_skeleton
from flask import Flask, current_app, render_template
from flask_babel import format_date, format_decimal, to_user_timezone
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from course.i18n import get_locale


def localized(value: Mapping[str, Any]) -> Any:
    """Pick this request's language from a content mapping."""
    return value[get_locale()]


def number(value: float, digits: int = 2) -> str:
    return format_decimal(round(value, digits), format=f"#,##0.{'#' * digits}")


def percent(value: float) -> str:
    """A percentage (0–100) in the locale's style: 85%, 85 %, 85,5 %."""
    return _percent(round(value, 1), get_locale())


@lru_cache(maxsize=8192)
def _percent(value: float, locale: str) -> str:
    # Formatting with Babel costs about 50 µs; a gradebook shows thousands of percentages.
    fraction = Decimal(str(value)) / 100
    return numbers.format_percent(fraction, locale=locale, decimal_quantization=False)


def when(value: datetime | None) -> str:
    """A stored UTC time in the reader's zone and locale: date in full, time to the minute."""
    if value is None:
        return ""
    locale, date_pattern, time_pattern, layout = _datetime_patterns(get_locale())
    local = to_user_timezone(value)
    return layout.replace("{1}", date_pattern.apply(local, locale)).replace(
        "{0}", time_pattern.apply(local, locale)
    )


@lru_cache(maxsize=8)
def _datetime_patterns(
    locale_name: str,
) -> tuple[Locale, dates.DateTimePattern, dates.DateTimePattern, str]:
    # Parsed once per locale: Babel's format_date would look them up for every date shown.
    locale = Locale.parse(locale_name)
    return (
        locale,
        dates.parse_pattern(locale.date_formats["medium"]),
        dates.parse_pattern(locale.time_formats["short"]),
        dates.get_datetime_format("medium", locale=locale),
    )


def event_date(value: str) -> str:
    """A timeline date as precise as it is known: 2009, October 2016, 11 October 2016."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", date(parts[0], parts[1], 1), locale=get_locale())
    return format_date(date(*parts), "long")


def site_navigation() -> Markup:
    """The main menu, the same for everyone of a role in a language: rendered once for each."""
    if not current_user.is_authenticated:
        role = "anonymous"
    else:
        role = "instructor" if current_user.is_instructor else "student"
    menus: dict[tuple[str, str], Markup] = current_app.extensions.setdefault("navigation", {})
    key = (get_locale(), role)
    if key not in menus:
        # render_template escapes what it renders; Markup only keeps Jinja from doing it twice.
        menus[key] = Markup(render_template("_navigation.html", role=role))  # noqa: S704
    return menus[key]


def per_request(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that reads the request's locale, never folded into the compiled template.

    Jinja computes a filter of a constant (`{{ 1234.5|number }}`) once, when it compiles the
    template; every later page of the process would show the first page's language. A filter
    that takes the context is never computed at compile time.
    """

    @pass_context
    @wraps(function)
    def filter_(context: Any, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return filter_


def init_app(app: Flask) -> None:
    app.add_template_filter(per_request(localized), "tr")
    app.add_template_filter(per_request(number), "number")
    app.add_template_filter(per_request(percent), "percent")
    app.add_template_filter(per_request(when), "when")
    app.add_template_global(event_date)
    app.add_template_global(site_navigation)
    app.context_processor(lambda: {"current_lang": get_locale()})
