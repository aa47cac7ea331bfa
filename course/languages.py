"""The course's languages, defined once: each one's code and native name; Babel derives the rest.

The languages in force are the app's `LANGUAGES` config (codes, this module's by default): the
URL prefixes, the language switcher, the content check and the API's enums all read them.
"""

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural
from babel.numbers import get_group_symbol
from flask import Flask, current_app


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str  # as the language's own speakers write it, for the language switcher

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def group_symbol(self) -> str:
        return get_group_symbol(self.code)

    @property
    def plural_forms(self) -> str:
        """The gettext Plural-Forms header of its catalog (nplurals=3; plural=… in Russian)."""
        return str(get_plural(self.locale)).strip()


COURSE_LANGUAGES = (
    Language("vi", "Tiếng Việt"),
    Language("ru", "Русский"),
    Language("en", "English"),
)
COURSE_CODES = tuple(language.code for language in COURSE_LANGUAGES)
DEFAULT_LANGUAGE = "en"
IN_FORCE = "languages"  # the key in app.extensions
ENVIRONMENT_VARIABLE = "COURSE_LANGUAGES"  # read by the app and by `flask content check`


def language(code: str) -> Language:
    """One of the course's languages, or, for a code it does not list yet (one being added),
    the language with Babel's native name for it; ValueError for a code Babel does not know."""
    for known in COURSE_LANGUAGES:
        if known.code == code:
            return known
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown language code {code!r}") from exc
    return Language(code, name[:1].upper() + name[1:])


def languages_for(codes: Iterable[str]) -> Mapping[str, Language]:
    """The languages of these codes by code, in their order; ValueError if one is unknown."""
    return MappingProxyType({code: language(code) for code in codes})


def codes_from_environment() -> tuple[str, ...] | None:
    """COURSE_LANGUAGES, codes separated by commas ("vi,ru,en,fr"), if it is set."""
    text = os.environ.get(ENVIRONMENT_VARIABLE, "")
    return tuple(code.strip() for code in text.split(",") if code.strip()) or None


def languages(app: Flask | None = None) -> Mapping[str, Language]:
    """The languages in force in the app (the current one by default), by code, in order."""
    return (app or current_app).extensions[IN_FORCE]


def init_app(app: Flask) -> None:
    """Resolve the `LANGUAGES` config; the app refuses to start on an unknown code."""
    in_force = languages_for(app.config["LANGUAGES"])
    if DEFAULT_LANGUAGE not in in_force:
        raise ValueError(f"LANGUAGES must include the default language, {DEFAULT_LANGUAGE!r}")
    app.extensions[IN_FORCE] = in_force
