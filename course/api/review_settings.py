"""The review settings sent to the API: 400 for a value of the wrong type, and the reason of
each value out of its range, for the learner (in the request's language)."""

import math
from typing import Any

from flask import abort
from flask_babel import format_decimal
from flask_babel import gettext as _

from course.languages import languages
from course.spaced_review.settings import NEW_PER_DAY_RANGE, PARTS, RETENTION_RANGE


def check_setting_types(body: dict[str, Any]) -> None:
    """Refuse (400) a value that is not of its setting's JSON type."""
    kinds = {
        "desired_retention": ("a finite number", _is_number),
        "new_per_day": ("a whole number", _is_integer),
        "is_every_answer": ("true or false", lambda v: isinstance(v, bool)),
        "shown_lang": ("a language code or null", lambda v: v is None or isinstance(v, str)),
        "recalled_lang": ("a language code or null", lambda v: v is None or isinstance(v, str)),
        "shown_part": ("a string", lambda v: isinstance(v, str)),
        "recalled_part": ("a string", lambda v: isinstance(v, str)),
    }
    for name, value in body.items():
        kind, fits = kinds[name]
        if not fits(value):
            abort(400, description=f"{name} must be {kind}")


def setting_problems(body: dict[str, Any]) -> dict[str, str]:
    """Each setting sent whose value is out of its range, with the reason (call with the
    learner's locale in force)."""
    problems = {}
    low, high = RETENTION_RANGE
    if "desired_retention" in body and not low <= body["desired_retention"] <= high:
        problems["desired_retention"] = _(
            "Choose a retention from %(low)s to %(high)s.",
            low=format_decimal(low),
            high=format_decimal(high),
        )
    low, high = NEW_PER_DAY_RANGE
    if "new_per_day" in body and not low <= body["new_per_day"] <= high:
        problems["new_per_day"] = _(
            "Choose a whole number from %(low)s to %(high)s.", low=low, high=high
        )
    for side in ("shown_lang", "recalled_lang"):
        if body.get(side) is not None and body[side] not in languages():
            problems[side] = _("Choose one of the course's languages, or the page's.")
    for side in ("shown_part", "recalled_part"):
        if side in body and body[side] not in PARTS:
            problems[side] = _("Choose the term or its definition.")
    return problems


def sides_alike_problem() -> dict[str, str]:
    return {"recalled_part": _("What you recall must differ from what is shown.")}


def _is_number(value: object) -> bool:
    return _is_integer(value) or (isinstance(value, float) and math.isfinite(value))


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
