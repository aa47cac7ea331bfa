"""A learner's review settings: the defaults until they save their own, checked when saved."""

import math
from dataclasses import dataclass
from typing import Any

from course.extensions import db
from course.languages import languages
from course.spaced_review.models import ReviewSettings

DEFAULTS: dict[str, Any] = {
    "desired_retention": 0.9,
    "new_per_day": 10,
    "is_every_answer": False,
    "shown_lang": None,
    "shown_part": "term",
    "recalled_lang": None,
    "recalled_part": "definition",
}
RETENTION_RANGE = (0.7, 0.97)
NEW_PER_DAY_RANGE = (0, 100)
PARTS = ("term", "definition")
_READ = "review_settings_read"  # in db.session.info


def settings_for(learner_id: int) -> ReviewSettings:
    """The learner's settings; a transient row of defaults (not added) if they saved none."""
    # By primary key: no query when the request has read it already. The identity map holds
    # rows weakly, and a request reads the settings in several places: the session keeps it.
    stored = db.session.get(ReviewSettings, learner_id)
    if stored is None:
        return ReviewSettings(learner_id=learner_id, **DEFAULTS)
    db.session.info.setdefault(_READ, set()).add(stored)
    return stored


def stored_settings(learner_id: int) -> ReviewSettings:
    """The learner's settings row, added to the session with the defaults if there was none."""
    settings = settings_for(learner_id)
    if settings not in db.session:
        db.session.add(settings)
    return settings


def save_settings(learner_id: int, **fields: Any) -> ReviewSettings:
    """Change some of the learner's settings and commit; ValueError (with the reason) for an
    unknown field, a value of the wrong kind or out of its range, or a flashcard whose two
    sides would be the same."""
    unknown = set(fields) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    settings = settings_for(learner_id)
    chosen = {name: getattr(settings, name) for name in DEFAULTS} | fields
    _check(chosen)
    for name, value in fields.items():
        setattr(settings, name, value)
    if settings not in db.session:
        db.session.add(settings)
    db.session.commit()
    return settings


def _check(chosen: dict[str, Any]) -> None:
    retention = chosen["desired_retention"]
    low, high = RETENTION_RANGE
    if (
        isinstance(retention, bool)
        or not isinstance(retention, int | float)
        or not math.isfinite(retention)
        or not low <= retention <= high
    ):
        raise ValueError(f"desired retention must be a number from {low} to {high}")
    per_day = chosen["new_per_day"]
    low, high = NEW_PER_DAY_RANGE
    if isinstance(per_day, bool) or not isinstance(per_day, int) or not low <= per_day <= high:
        raise ValueError(f"new cards a day must be a whole number from {low} to {high}")
    if not isinstance(chosen["is_every_answer"], bool):
        raise ValueError("every answer must be true or false")
    for side in ("shown", "recalled"):
        if chosen[f"{side}_lang"] is not None and chosen[f"{side}_lang"] not in languages():
            raise ValueError(f"{side} language must be one of {', '.join(languages())} or none")
        if chosen[f"{side}_part"] not in PARTS:
            raise ValueError(f"{side} part must be one of {', '.join(PARTS)}")
    shown = (chosen["shown_lang"], chosen["shown_part"])
    if shown == (chosen["recalled_lang"], chosen["recalled_part"]):
        raise ValueError("a flashcard's two sides must differ in language or part")


@dataclass(frozen=True)
class FlashcardSides:
    """What a flashcard shows, and what the learner is to recall, on a page in some language."""

    shown_lang: str
    shown_part: str
    recalled_lang: str
    recalled_part: str


def flashcard_sides(settings: ReviewSettings, page_lang: str) -> FlashcardSides:
    """The learner's language pair on a page in `page_lang` (None follows the page). Sides that
    the page's language makes the same recall the other part instead."""
    shown_lang = settings.shown_lang or page_lang
    recalled_lang = settings.recalled_lang or page_lang
    recalled_part = settings.recalled_part
    if (shown_lang, settings.shown_part) == (recalled_lang, recalled_part):
        recalled_part = next(part for part in PARTS if part != recalled_part)
    return FlashcardSides(shown_lang, settings.shown_part, recalled_lang, recalled_part)
