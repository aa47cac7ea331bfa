"""The schemas of `/api/v1/review`: due cards, sessions, a card's outcome and the settings."""

from typing import Any

from course.api.schemas import MAX_ID, NULLABLE_NUMBER, NULLABLE_STRING
from course.content.catalog import Catalog
from course.content.question_types import QUESTION_TYPES
from course.languages import languages
from course.spaced_review.settings import NEW_PER_DAY_RANGE, PARTS, RETENTION_RANGE

DATE_TIME = {"type": "string", "format": "date-time"}
NULLABLE_DATE_TIME = {**DATE_TIME, "nullable": True}
KIND = {"type": "string", "enum": ["question", "term"]}
DURATION = {
    "type": "integer",
    "minimum": 0,
    "maximum": MAX_ID,
    "nullable": True,
    "description": "How long the learner took, in milliseconds, as the client measured it; "
    "without it (or null), the time since the previous card (or the session's start). Over "
    "an hour is stored as not measured.",
}
KEYS = {"type": "array", "items": {"type": "string"}}


def _side() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["lang", "part", "text"],
        "properties": {
            "lang": {"type": "string", "enum": list(languages())},
            "part": {"type": "string", "enum": list(PARTS)},
            "text": {"type": "string"},
        },
    }


def _settings_fields() -> dict[str, Any]:
    lang = {"type": "string", "enum": [*languages(), None], "nullable": True}
    part = {"type": "string", "enum": list(PARTS)}
    return {
        "desired_retention": {
            "type": "number",
            "minimum": RETENTION_RANGE[0],
            "maximum": RETENTION_RANGE[1],
            "description": "The chance of recall that reviews are scheduled for",
        },
        "new_per_day": {
            "type": "integer",
            "minimum": NEW_PER_DAY_RANGE[0],
            "maximum": NEW_PER_DAY_RANGE[1],
            "description": "New flashcards a day, at most",
        },
        "is_every_answer": {
            "type": "boolean",
            "description": "Cards from every question answered, right ones too",
        },
        "shown_lang": {**lang, "description": "The flashcard's shown side; null: as `lang`"},
        "shown_part": part,
        "recalled_lang": {**lang, "description": "The side to recall; null: as `lang`"},
        "recalled_part": part,
    }


def review_schemas() -> dict[str, Any]:
    """The review's schemas for the OpenAPI document (languages as configured)."""
    fields = _settings_fields()
    return {
        "Review": {
            "type": "object",
            "required": ["due", "next_due_at", "cards", "session", "timezone"],
            "properties": {
                "due": {
                    "type": "object",
                    "description": "Cards due by the end of the learner's local day",
                    "required": ["questions", "terms", "new", "total"],
                    "properties": {
                        name: {"type": "integer", "minimum": 0}
                        for name in ("questions", "terms", "new", "total")
                    },
                },
                "next_due_at": {
                    **NULLABLE_DATE_TIME,
                    "description": "When the earliest reviewed card is due (in the past if one "
                    "is due already); null: no card reviewed yet",
                },
                "cards": {"type": "array", "items": {"$ref": "#/components/schemas/DueCard"}},
                "session": {
                    "allOf": [{"$ref": "#/components/schemas/ReviewSession"}],
                    "nullable": True,
                    "description": "The open session, if any",
                },
                "timezone": {
                    "type": "string",
                    "description": "The time zone whose day `due` counts: the account's, else "
                    "the browser's, else UTC",
                },
            },
        },
        "DueCard": {
            "type": "object",
            "required": ["key", "kind", "lesson_id", "due_at", "new"],
            "properties": {
                "key": {"type": "string"},
                "kind": KIND,
                "lesson_id": {"type": "string"},
                "due_at": DATE_TIME,
                "new": {"type": "boolean", "description": "A flashcard never reviewed"},
            },
        },
        "ReviewSession": {
            "type": "object",
            "description": "A review session (up to 20 cards). With nothing due, `id` and "
            "`next` are null and `keys` is empty.",
            "required": ["id", "keys", "answered", "next", "next_due_at"],
            "properties": {
                "id": {"type": "integer", "nullable": True},
                "keys": {
                    **KEYS,
                    "description": "The session's cards in order: a question's ID "
                    "or glossary:<term ID>",
                },
                "answered": {**KEYS, "description": "The cards answered so far"},
                "next": {
                    "allOf": [{"$ref": "#/components/schemas/ReviewItem"}],
                    "nullable": True,
                    "description": "The next card to answer; null when none is left",
                },
                "next_due_at": NULLABLE_DATE_TIME,
            },
        },
        "ReviewItem": {
            "type": "object",
            "description": "A card to answer: a question as an attempt shows it (its options "
            "in the session's order, no key), or a flashcard's two sides as the settings say.",
            "required": ["key", "kind"],
            "properties": {
                "key": {"type": "string"},
                "kind": KIND,
                "question": {
                    "allOf": [{"$ref": "#/components/schemas/Question"}],
                    "nullable": True,
                },
                "term_id": NULLABLE_STRING,
                "shown": {**_side(), "nullable": True},
                "recalled": {**_side(), "nullable": True},
            },
        },
        "CardOutcome": {
            "type": "object",
            "description": "A card just answered. The key, explanation and sources of a "
            "question are shown as in a result: null while an assignment holds its key back.",
            "required": ["key", "kind", "rating", "due_at", "finished", "summary", "next"],
            "properties": {
                "key": {"type": "string"},
                "kind": KIND,
                "rating": {
                    "type": "integer",
                    "enum": [1, 2, 3, 4],
                    "description": "1 again, 2 hard, 3 good, 4 easy",
                },
                "score": NULLABLE_NUMBER,
                "max_points": NULLABLE_NUMBER,
                "correct_answer": {"nullable": True},
                "correct_answer_text": {
                    "type": "array",
                    "items": {"type": "string"},
                    "nullable": True,
                },
                "explanation_html": NULLABLE_STRING,
                "sources_html": NULLABLE_STRING,
                "due_at": {**DATE_TIME, "description": "When the card is due next"},
                "finished": {"type": "boolean", "description": "The session's last card"},
                "summary": {
                    "allOf": [{"$ref": "#/components/schemas/ReviewSummary"}],
                    "nullable": True,
                },
                "next": {
                    "allOf": [{"$ref": "#/components/schemas/ReviewItem"}],
                    "nullable": True,
                },
            },
        },
        "ReviewSummary": {
            "type": "object",
            "required": ["reviewed", "ratings", "correct", "questions", "next_due_at"],
            "properties": {
                "reviewed": {"type": "integer"},
                "ratings": {
                    "type": "object",
                    "description": "Rating (1 to 4) → how many cards got it",
                    "additionalProperties": {"type": "integer"},
                },
                "correct": {"type": "integer", "description": "Questions answered right"},
                "questions": {"type": "integer", "description": "Questions answered"},
                "next_due_at": NULLABLE_DATE_TIME,
            },
        },
        "ReviewSettings": {
            "type": "object",
            "required": list(fields),
            "properties": fields,
        },
        "ReviewSettingsChange": {
            "type": "object",
            "description": "The settings to change; those not sent stay. A value out of range "
            "(or two flashcard sides alike) is refused with 422, each field with its reason; a "
            "value of the wrong type with 400. Nothing is saved unless all are right.",
            "additionalProperties": False,
            "properties": fields,
        },
        "SettingsNotSaved": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "fields"],
                    "properties": {
                        "code": {"type": "integer", "enum": [422]},
                        "message": {"type": "string"},
                        "fields": {
                            "type": "object",
                            "description": "Field → its reason, in the language of `lang`",
                            "additionalProperties": {"type": "string"},
                        },
                    },
                }
            },
        },
    }


def review_answer_schema(catalog: Catalog) -> dict[str, Any]:
    """An answer to a question card (any answer a question of the course takes; null: not
    known, a wrong answer), or a flashcard's rating."""
    answers = [
        {**QUESTION_TYPES[q.type].answer_schema(q.data), "nullable": True}
        for q in catalog.questions.values()
    ]
    return {
        "description": "`answer` for a question card, in its type's shape (as in an attempt's "
        "answers: another shape is refused with 400; one the learner must fix, with 422); "
        "`rating` for a flashcard.",
        "oneOf": [
            {
                "type": "object",
                "required": ["answer"],
                "additionalProperties": False,
                "properties": {"answer": {"anyOf": answers}, "duration_ms": DURATION},
            },
            {
                "type": "object",
                "required": ["rating"],
                "additionalProperties": False,
                "properties": {
                    "rating": {"type": "integer", "minimum": 1, "maximum": 4},
                    "duration_ms": DURATION,
                },
            },
        ],
    }
